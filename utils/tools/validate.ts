import { z } from 'zod/mini';

/**
 * Tool arguments as the model sends them, checked against a tool's zod schema, with errors in words the model
 * can say aloud. Shared by the page's tools (content script) and the browser's (worker).
 */

export type Parsed = { ok: true; args: Record<string, unknown> } | { ok: false; error: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The arguments as an object: models send a JSON string, tests and UIs may send the object itself. */
function parseArgs(name: string, raw: unknown): Parsed {
  let value = raw;
  if (typeof raw === 'string') {
    if (raw.trim() === '') return { ok: true, args: {} };
    try {
      value = JSON.parse(raw);
    } catch {
      return { ok: false, error: `The arguments for ${name} are not valid JSON.` };
    }
  }
  if (value === undefined || value === null) return { ok: true, args: {} };
  if (!isRecord(value)) return { ok: false, error: `The arguments for ${name} must be a JSON object.` };
  return { ok: true, args: value };
}

/** One zod issue as words the model can say: `"color" is required`, `"scale" must be at most 5`. */
function describeIssue(issue: z.core.$ZodIssue, args: Record<string, unknown>): string {
  const path = issue.path.map(String).join('.');
  const field = `"${path}"`;
  if (path === '') return issue.message.replace(/\.$/, '');
  switch (issue.code) {
    case 'invalid_type':
      return issue.path.length === 1 && args[path] === undefined
        ? `${field} is required`
        : `${field} must be ${issue.expected === 'int' ? 'an integer' : `a ${issue.expected}`}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `${field} must not be empty`
        : `${field} must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `${field} must be at most ${String(issue.maximum)} characters`
        : `${field} must be at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return `${field} must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    default:
      return `${field}: ${issue.message}`;
  }
}

/** Parses and validates a call's raw arguments against `schema`. */
export function validateArgs<S extends z.ZodMiniObject>(name: string, schema: S, rawArgs: unknown): { ok: true; args: z.infer<S> } | { ok: false; error: string } {
  const parsed = parseArgs(name, rawArgs);
  if (!parsed.ok) return parsed;
  const result = schema.safeParse(parsed.args);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 3).map((issue) => describeIssue(issue, parsed.args));
    return { ok: false, error: `Invalid arguments for ${name}: ${issues.join('; ')}.` };
  }
  return { ok: true, args: result.data };
}
