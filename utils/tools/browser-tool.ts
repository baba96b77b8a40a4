import type { z } from 'zod/mini';
import type { Action, SitePolicy } from '../safety/gate';
import type { ToolResult } from './tool';

/** An image the tool hands to the model as an `input_image` item (the session host sends it, not the output). */
export interface ImageAttachment {
  /** `data:image/jpeg;base64,…` */
  dataUrl: string;
  width: number;
  height: number;
}

/** A browser tool's result may carry an image for the model to look at. */
export type BrowserToolResult = ToolResult & { image?: ImageAttachment };

/** What a browser tool (tabs, navigation, screenshots) may use: the session's tabs and the safety gate. */
export interface BrowserToolContext {
  /** The tab the session controls now (undefined when there is none). */
  tabId: number | undefined;
  /** Makes another tab the controlled one. */
  setTarget(tabId: number): Promise<void>;
  /** Tabs the AI opened in this session: close_tab closes these without asking. */
  openedTabs: readonly number[];
  recordOpened(tabId: number): Promise<void>;
  /** The user's setting for a page's site. */
  policyOf(url: string | undefined): SitePolicy;
  /**
   * The gate for actions outside the page: resolves when the action may go ahead, asking the user in the
   * confirmation window when needed; throws (with the sentence for the model) when declined or refused.
   */
  permit(action: Omit<Action, 'element'>, url: string | undefined): Promise<void>;
  /** Waits (bounded) until the tab has finished loading. */
  waitForLoad(tabId: number, timeoutMs?: number): Promise<void>;
}

/** A tool that runs in the background worker, one file like every tool (utils/tools/<name>.ts). */
export interface BrowserTool<S extends z.ZodMiniObject = z.ZodMiniObject> {
  name: string;
  description: string;
  schema: S;
  run(args: z.infer<S>, context: BrowserToolContext): Promise<BrowserToolResult>;
}

export function defineBrowserTool<S extends z.ZodMiniObject>(tool: BrowserTool<S>): BrowserTool<S> {
  return tool;
}
