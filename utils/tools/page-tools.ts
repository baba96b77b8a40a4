import { ActionRefused, ConfirmationNeeded } from '../safety/gate';
import { messageOf } from '../errors';
import type { PageContext, Tool, ToolResult } from './tool';
import { validateArgs } from './validate';
import { getPageHtml } from './get-page-html';
import { readPageText } from './read-page-text';
import { setBackgroundColor } from './set-background-color';
import { setButtonStyle } from './set-button-style';
import { setFontColor } from './set-font-color';
import { undo } from './undo';
import { click } from './click';
import { typeText } from './type-text';
import { pressKey } from './press-key';
import { selectOption } from './select-option';
import { setChecked } from './set-checked';
import { scroll } from './scroll';
import { highlight } from './highlight';
import { setStyle } from './set-style';
import { resetPage } from './reset-page';
import { waitFor } from './wait-for';
import { getPageOutline } from './get-page-outline';
import { findText } from './find-text';

/** The tools that run in the page (content script). Adding one = its file + one line here. */
export const pageTools: readonly Tool[] = [getPageHtml, setBackgroundColor, setFontColor, setButtonStyle, undo, readPageText,
  click, typeText, pressKey, selectOption, setChecked, scroll, highlight, setStyle, resetPage, waitFor,
  getPageOutline, findText];

const byName = new Map<string, Tool>(pageTools.map((tool) => [tool.name, tool]));

export function pageToolNamed(name: string): Tool | undefined {
  return byName.get(name);
}

/**
 * Runs a page tool call as it comes from the model. Never throws: an unknown tool, bad JSON, invalid arguments,
 * the safety gate's answer and any exception from the tool all come back as `{ok: false, error}` in words the
 * model can say aloud (with `needsConfirmation` when the user must confirm first).
 */
export async function runTool(name: string, rawArgs: unknown, page: PageContext): Promise<ToolResult> {
  const tool = byName.get(name);
  if (!tool) {
    return { ok: false, error: `There is no tool called "${name}" in the page. Page tools: ${pageTools.map((t) => t.name).join(', ')}.` };
  }
  const valid = validateArgs(name, tool.schema, rawArgs);
  if (!valid.ok) return valid;
  try {
    const before = page.journal.recorded;
    const result = await tool.run(valid.args, page);
    // Said once here for every tool: the change can be undone (the panels offer an Undo button for it).
    return result.ok && result.undoable !== false && page.journal.recorded > before && tool.name !== 'undo'
      ? { ...result, undoable: true }
      : result;
  } catch (error) {
    if (error instanceof ConfirmationNeeded) {
      return { ok: false, error: error.message, needsConfirmation: { action: error.action, reason: error.reason, site: siteOf(page.document) } };
    }
    if (error instanceof ActionRefused) return { ok: false, error: error.message };
    return { ok: false, error: `${name} failed: ${messageOf(error)}` };
  }
}

function siteOf(doc: Document): string {
  try {
    return new URL(doc.URL).hostname;
  } catch {
    return '';
  }
}
