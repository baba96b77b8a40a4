import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { contentMessenger } from '@/utils/messaging';
import { UndoJournal } from '@/utils/page/undo';
import { runTool } from '@/utils/tools';

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
    contentMessenger.onMessage('content.runTool', ({ sender, data }) => {
      // Only the worker talks to us (tabs.sendMessage has no sender.tab); never another page or frame.
      if (sender.id !== browser.runtime.id || sender.tab) return { ok: false, error: 'Refused: not from this extension.' };
      return runTool(data.name, data.args, { document, journal });
    });
  },
});
