import { z } from 'zod';

/**
 * The last few hundred events of the session, both ways, for the event log (debugging, "what did the model
 * get?"), and the checked door for sending any client event by hand (the seed Next.js provider's
 * `sendClientEvent`).
 */

export interface LoggedEvent {
  at: number;
  direction: 'client' | 'server';
  type: string;
  /** The event as JSON, cut to MAX_EVENT_CHARS (audio and screenshots make some events large). */
  json: string;
}

export const EVENT_LOG_SIZE = 300;
const MAX_EVENT_CHARS = 4_000;

export class EventLog {
  readonly #entries: LoggedEvent[] = [];

  add(direction: LoggedEvent['direction'], event: unknown): void {
    const type = (event as { type?: unknown } | null)?.type;
    let json: string;
    try {
      json = JSON.stringify(event) ?? 'null';
    } catch {
      json = '"(not serialisable)"';
    }
    this.#entries.push({
      at: Date.now(),
      direction,
      type: typeof type === 'string' ? type : '(no type)',
      json: json.length > MAX_EVENT_CHARS ? `${json.slice(0, MAX_EVENT_CHARS)}… (${json.length} characters)` : json,
    });
    if (this.#entries.length > EVENT_LOG_SIZE) this.#entries.splice(0, this.#entries.length - EVENT_LOG_SIZE);
  }

  entries(): LoggedEvent[] {
    return [...this.#entries];
  }

  clear(): void {
    this.#entries.length = 0;
  }
}

/**
 * The GA client events (REALTIME.md); everything else the service would refuse anyway. The local peer keeps its own
 * list (tests/peer/protocol.mjs) on purpose: it plays the service, and a shared list would hide a mistake in both.
 */
export const CLIENT_EVENT_TYPES = [
  'session.update',
  'input_audio_buffer.append',
  'input_audio_buffer.commit',
  'input_audio_buffer.clear',
  'output_audio_buffer.clear',
  'conversation.item.create',
  'conversation.item.retrieve',
  'conversation.item.truncate',
  'conversation.item.delete',
  'response.create',
  'response.cancel',
] as const;

/** Big enough for a session.update with every tool, or a screenshot; a runaway paste is refused. */
const MAX_CLIENT_EVENT_CHARS = 1_000_000;

const clientEventSchema = z.looseObject({
  type: z.enum(CLIENT_EVENT_TYPES, { error: `"type" must be one of: ${CLIENT_EVENT_TYPES.join(', ')}.` }),
  event_id: z.string().max(200).optional(),
});

/** A client event someone wants sent: checked for its shape, with a sentence when it is not one. */
export function checkClientEvent(event: unknown): { ok: true; event: Record<string, unknown> } | { ok: false; error: string } {
  const parsed = clientEventSchema.safeParse(event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
    return { ok: false, error: `Not a client event: ${issue?.message ?? 'expected an object with a "type"'}${where}` };
  }
  const size = JSON.stringify(parsed.data).length;
  if (size > MAX_CLIENT_EVENT_CHARS) return { ok: false, error: `Not sent: the event is ${size} characters, more than ${MAX_CLIENT_EVENT_CHARS}.` };
  return { ok: true, event: parsed.data };
}
