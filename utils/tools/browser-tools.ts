import type { BrowserTool } from './browser-tool';
import { closeTab } from './close-tab';
import { listTabs } from './list-tabs';
import { lookAtPage } from './look-at-page';
import { navigate } from './navigate';
import { openTab } from './open-tab';
import { runJavascript } from './run-javascript';
import { switchTab } from './switch-tab';

/** The tools that run in the background worker: tabs, navigation, screenshots. Adding one = its file + one line. */
export const browserTools: readonly BrowserTool[] = [navigate, lookAtPage, listTabs, switchTab, openTab, closeTab, runJavascript];

const byName = new Map<string, BrowserTool>(browserTools.map((tool) => [tool.name, tool]));

export function browserToolNamed(name: string): BrowserTool | undefined {
  return byName.get(name);
}
