import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { contentMessenger } from '@/utils/messaging';
import { PageOverlay } from '@/utils/page/overlay';
import { RefRegistry } from '@/utils/page/refs';
import { UndoJournal } from '@/utils/page/undo';
import { createPermit } from '@/utils/safety/permit';
import { runTool } from '@/utils/tools/page-tools';

/**
 * Runs the AI's tools in the target tab. Registered at runtime and injected by the worker only when a
 * session first needs this tab: nothing of ours runs in a page before that.
 */
export default defineContentScript({
  matches: ['<all_urls>'],
  registration: 'runtime',
  main() {
    // The worker may inject again (e.g. after an extension reload); one listener per page is enough.
    const marker = globalThis as { __voicePageControl?: true };
    if (marker.__voicePageControl) return;
    marker.__voicePageControl = true;

    const journal = new UndoJournal();
    const refs = new RefRegistry();
    const overlay = new PageOverlay(document);
    // Only the worker talks to us (tabs.sendMessage has no sender.tab); never another page or frame.
    const fromWorker = (sender: { id?: string; tab?: unknown }) => sender.id === browser.runtime.id && !sender.tab;
    contentMessenger.onMessage('content.runTool', ({ sender, data }) => {
      if (!fromWorker(sender)) return { ok: false, error: 'Refused: not from this extension.' };
      const permit = createPermit({ policy: data.policy, site: location.hostname, approved: data.approved, overlay });
      return runTool(data.name, data.args, { document, journal, refs, overlay, permit });
    });
    contentMessenger.onMessage('content.sessionEnded', ({ sender }) => {
      if (fromWorker(sender)) overlay.remove();
    });
  },
});
