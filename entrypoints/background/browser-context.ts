import { ActionRefused, decide, declinedMessage } from '@/utils/safety/gate';
import { sitePolicyOf, type Settings } from '@/utils/settings';
import type { BrowserToolContext } from '@/utils/tools/browser-tool';
import { askUser } from './confirmations';
import { readSession, updateSession } from './session-store';
import { siteOf } from '@/utils/tabs';
import { waitForLoad } from './tab-router';

/** What a browser tool may use, built for one call from the session state (the worker keeps nothing in memory). */
export async function browserToolContext(settings: Settings): Promise<BrowserToolContext> {
  const session = await readSession();
  return {
    tabId: session.targetTabId,
    openedTabs: session.openedTabIds,
    async setTarget(tabId) {
      await updateSession((state) => ({ ...state, targetTabId: tabId }));
    },
    async recordOpened(tabId) {
      await updateSession((state) => ({ ...state, openedTabIds: [...new Set([...state.openedTabIds, tabId])] }));
    },
    policyOf: (url) => sitePolicyOf(settings, url),
    async permit(action, url) {
      const site = siteOf(url);
      const decision = decide(action, sitePolicyOf(settings, url), site, false);
      if (decision.verdict === 'allow') return;
      if (decision.verdict === 'refuse') throw new ActionRefused(decision.reason);
      const answer = await askUser({ action: action.description, reason: decision.reason, site });
      if (answer !== 'approved') throw new ActionRefused(declinedMessage(action.description, answer === 'timeout'));
    },
    async waitForLoad(tabId, timeoutMs) {
      await waitForLoad(tabId, timeoutMs);
    },
  };
}
