/**
 * The loop guard: a model that calls the same tool with the same arguments again and again (failing, or
 * repeating itself) is stopped at the sixth try with a sentence for the user. The count starts again with any
 * other call, and when the user speaks or types (a new request may repeat the last one on purpose).
 */

/** Identical calls allowed in a row; the next identical one is refused. */
export const LOOP_LIMIT = 5;

export interface LastCall {
  signature: string;
  count: number;
}

/** Stable JSON: the same arguments in another key order are the same call. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function signatureOf(name: string, rawArgs: string): string {
  try {
    return `${name} ${canonical(JSON.parse(rawArgs || '{}'))}`;
  } catch {
    return `${name} ${rawArgs}`;
  }
}

/** Counts this call; `blocked` when it would be the sixth identical call in a row. */
export function countCall(last: LastCall | undefined, signature: string): { last: LastCall; blocked: boolean } {
  const count = last?.signature === signature ? last.count + 1 : 1;
  return { last: { signature, count }, blocked: count > LOOP_LIMIT };
}

export function loopMessage(name: string): string {
  return (
    `Stopped: ${name} was called with the same arguments ${LOOP_LIMIT} times in a row, so I will not try a sixth time. ` +
    'Tell the user what you were trying to do and that it did not work, and ask how they want to go on.'
  );
}
