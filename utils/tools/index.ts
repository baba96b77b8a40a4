import { z } from 'zod/mini';
import type { PageContext, Tool, ToolResult } from './tool';
import { getPageHtml } from './get-page-html';
import { setBackgroundColor } from './set-background-color';
import { setButtonStyle } from './set-button-style';
import { setFontColor } from './set-font-color';
import { undo } from './undo';
import { messageOf } from '../errors';

/** Every tool the model can call. Adding a tool = its file + one line here. */
export const tools: readonly Tool[] = [getPageHtml, setBackgroundColor, setFontColor, setButtonStyle, undo];

/** A function tool as `session.update` lists it. */
export interface ToolDefinition {
  type: 'function';
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** The tools for `session.update`: each tool's zod schema as JSON Schema (input side: defaults are optional). */
export function toolDefinitions(): ToolDefinition[] {
  return tools.map((tool) => {
    const parameters: Record<string, unknown> = { ...z.toJSONSchema(tool.schema, { io: 'input' }) };
    delete parameters.$schema;
    return { type: 'function', name: tool.name, description: tool.description, parameters };
  });
}

const byName = new Map<string, Tool>(tools.map((tool) => [tool.name, tool]));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The arguments as an object: models send a JSON string, tests and UIs may send the object itself. */
function parseArgs(name: string, raw: unknown): { ok: true; args: Record<string, unknown> } | { ok: false; error: string } {
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
    default:
      return `${field}: ${issue.message}`;
  }
}

/**
 * Runs a tool call as it comes from the model. Never throws: an unknown tool, bad JSON, invalid arguments and
 * any exception from the tool all come back as `{ok: false, error}` in words the model can say aloud.
 */
export async function runTool(name: string, rawArgs: unknown, page: PageContext): Promise<ToolResult> {
  const tool = byName.get(name);
  if (!tool) {
    return { ok: false, error: `There is no tool called "${name}". Available: ${tools.map((t) => t.name).join(', ')}.` };
  }
  const parsed = parseArgs(name, rawArgs);
  if (!parsed.ok) return parsed;
  const result = tool.schema.safeParse(parsed.args);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 3).map((issue) => describeIssue(issue, parsed.args));
    return { ok: false, error: `Invalid arguments for ${name}: ${issues.join('; ')}.` };
  }
  try {
    return await tool.run(result.data, page);
  } catch (error) {
    return { ok: false, error: `${name} failed: ${messageOf(error)}` };
  }
}
