import { browser } from 'wxt/browser';
import { PANEL_PORT, type Result } from '@/utils/messaging';
import { isRunning } from '@/utils/session-state';
import { sessionHost } from './host-launcher';
import { isExtensionPage } from './senders';
import { readSession } from './session-store';

/**
 * Start spends half its time loading the session host (Chrome's offscreen document: the Realtime SDK and zod).
 * While a session panel (popup, side panel) is open the user is about to press Start, so the host is loaded then,
 * idle: no microphone, no connection. When the last panel closes, an idle host is closed again.
 */
let openPanels = 0;

export async function prepareHost(): Promise<Result> {
  if (isRunning((await readSession()).status)) return { ok: true };
  await sessionHost.prepare();
  return { ok: true };
}

/**
 * Counts the panels by their ports (a worker restart forgets the count: the panels' ports close with it, and the
 * next Start or Stop closes a host left idle).
 */
export function watchPanels(): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PANEL_PORT || !port.sender || !isExtensionPage(port.sender)) return;
    openPanels += 1;
    port.onDisconnect.addListener(() => {
      openPanels = Math.max(0, openPanels - 1);
      if (openPanels === 0) void closeIdleHost();
    });
  });
}

async function closeIdleHost(): Promise<void> {
  if (!isRunning((await readSession()).status)) await sessionHost.close().catch(() => undefined);
}
