import type { BrowserTool } from './browser-tool';

/** The tools that run in the background worker: tabs, navigation, screenshots. Adding one = its file + one line. */
export const browserTools: readonly BrowserTool[] = [];

const byName = new Map<string, BrowserTool>(browserTools.map((tool) => [tool.name, tool]));

export function browserToolNamed(name: string): BrowserTool | undefined {
  return byName.get(name);
}
