import { z } from 'zod/mini';
import { browser } from 'wxt/browser';
import { NEVER_SITE } from '../safety/gate';
import { navigationRisk } from '../safety/risk';
import { controlledNote, siteOf, webUrlError } from '../tabs';
import { defineBrowserTool } from './browser-tool';
import { urlField } from './fields';

export const navigate = defineBrowserTool({
  name: 'navigate',
  description:
    'Go to a web address (http or https) in the controlled tab, or go back, forward, or reload. Going to another ' +
    'site than the current one asks the user first. Navigation cannot be undone (but "back" goes back).',
  schema: z.object({
    url: z.optional(urlField('The full address to go to, like "https://example.com/news". Leave out to use "history".')),
    history: z.optional(z.enum(['back', 'forward', 'reload']).check(z.describe('back, forward or reload instead of a url.'))),
  }),
  async run({ url, history }, context) {
    if ((url === undefined) === (history === undefined)) {
      return { ok: false, error: 'Give either "url" (an address to go to) or "history" (back, forward or reload), not both.' };
    }
    const tabId = context.tabId;
    const tab = tabId == null ? undefined : await browser.tabs.get(tabId).catch(() => undefined);
    if (tabId == null || !tab) return { ok: false, error: 'There is no controlled tab. Ask the user to click on the tab to use, or use open_tab.' };
    if (context.policyOf(tab.url) === 'never') return { ok: false, error: NEVER_SITE(siteOf(tab.url)) };
    const before = tab.url;
    if (url !== undefined) {
      const invalid = webUrlError(url);
      if (invalid) return { ok: false, error: invalid };
      await context.permit({ kind: 'act', description: `go to ${url}`, risk: before ? navigationRisk(before, url) : undefined }, before);
      await browser.tabs.update(tabId, { url });
    } else {
      await context.permit({ kind: 'act', description: `${history === 'reload' ? 'reload' : `go ${history}`} in tab ${tabId}` }, before);
      if (history === 'back') await browser.tabs.goBack(tabId);
      else if (history === 'forward') await browser.tabs.goForward(tabId);
      else await browser.tabs.reload(tabId);
    }
    await context.waitForLoad(tabId);
    const after = await browser.tabs.get(tabId).catch(() => undefined);
    const moved = after?.url !== before || history === 'reload';
    return {
      ok: true,
      did: moved ? `The tab is now at ${after?.url ?? 'an unknown address'}.` : 'The tab stayed where it was (there was nowhere to go).',
      undoable: false,
      controlled: await controlledNote(tabId, context.policyOf),
    };
  },
});
