import { z } from 'zod/mini';
import { browserTools } from './browser-tools';
import { pageTools } from './page-tools';

export { runTool } from './page-tools';

/** Every tool the model can call: the page's (content script) and the browser's (worker). */
export const tools: ReadonlyArray<{ name: string; description: string; schema: z.ZodMiniObject }> = [...pageTools, ...browserTools];

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
