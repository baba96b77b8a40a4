import { z } from 'zod/mini';
import type { UndoJournal } from '../page/undo';
import type { RefRegistry } from '../page/refs';
import type { PageOverlay } from '../page/overlay';
import type { Action } from '../safety/gate';

/** An action the safety gate wants the user to confirm before it happens (see utils/safety/gate.ts). */
export interface PendingAction {
  /** What will happen, in words the user reads in the confirmation window: `click "Buy now"`. */
  action: string;
  /** Why it needs the user: "it submits a form", "this site is set to ask first". */
  reason: string;
  /** The site it happens on (host name). */
  site: string;
}

/** What every tool returns. Errors are data: they cross context boundaries and are read aloud by the model. */
export type ToolResult =
  | ({ ok: true } & Record<string, unknown>)
  | { ok: false; error: string; needsConfirmation?: PendingAction };

/** What a page tool may touch: the page, its undo journal, its refs, the overlay, and the safety gate. */
export interface PageContext {
  document: Document;
  journal: UndoJournal;
  refs: RefRegistry;
  /** The "AI is controlling this tab" badge and the highlights; absent in unit tests that do not need it. */
  overlay?: PageOverlay;
  /**
   * The safety gate. Every tool that changes or acts on the page calls it once, with the element it resolved,
   * right before acting. It returns when the action may go ahead (and flashes the element); otherwise it throws,
   * and the tool's call ends with a request for the user's confirmation or a refusal. Tools never prompt on
   * their own and never skip it.
   */
  permit(action: Action): void;
}

/**
 * A page tool is one file: the schema the model sees (also the runtime validator and the type of `run`'s
 * arguments), the description the model reads, and `run`, which acts on the page (in the content script) and
 * records its undo step.
 */
export interface Tool<S extends z.ZodMiniObject = z.ZodMiniObject> {
  name: string;
  description: string;
  schema: S;
  /** A script the worker injects before the call (kept out of the content script to keep it small). */
  needs?: 'readability';
  run(args: z.infer<S>, page: PageContext): ToolResult | Promise<ToolResult>;
}

export function defineTool<S extends z.ZodMiniObject>(tool: Tool<S>): Tool<S> {
  return tool;
}
