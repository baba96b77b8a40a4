import { z } from 'zod/mini';
import type { UndoJournal } from '../page/undo';

/** What every tool returns. Errors are data: they cross context boundaries and are read aloud by the model. */
export type ToolResult = ({ ok: true } & Record<string, unknown>) | { ok: false; error: string };

/** What a tool may touch: the page's document and the journal that makes its change undoable. */
export interface PageContext {
  document: Document;
  journal: UndoJournal;
}

/**
 * A tool is one file: the schema the model sees (also the runtime validator and the type of `run`'s
 * arguments), the description the model reads, and `run`, which acts on the page and records its undo step.
 */
export interface Tool<S extends z.ZodMiniObject = z.ZodMiniObject> {
  name: string;
  description: string;
  schema: S;
  run(args: z.infer<S>, page: PageContext): ToolResult | Promise<ToolResult>;
}

export function defineTool<S extends z.ZodMiniObject>(tool: Tool<S>): Tool<S> {
  return tool;
}
