import { z } from 'zod/mini';
import { browser } from 'wxt/browser';
import { navigationRisk } from '../safety/risk';
import { controlledNote, webUrlError } from '../tabs';
import { defineBrowserTool } from './browser-tool';
import { urlField } from './fields';

export const openTab = defineBrowserTool({
  name: 'open_tab',
  description:
    'Open a web page (http or https) in a new tab and control that tab from now on. Opening another site than ' +
    'the current one asks the user first.',
  schema: z.object({ url: urlField('The full address to open, like "https://en.wikipedia.org/wiki/Lemon".') }),
  async run({ url }, context) {
    const invalid = webUrlError(url);
    if (invalid) return { ok: false, error: invalid };
    const current = context.tabId == null ? undefined : await browser.tabs.get(context.tabId).catch(() => undefined);
    await context.permit({ kind: 'act', description: `open ${url} in a new tab`, risk: current?.url ? navigationRisk(current.url, url) : undefined }, current?.url ?? url);
    const tab = await browser.tabs.create({ url, active: true });
    if (tab.id == null) return { ok: false, error: 'The browser did not open the tab.' };
    await context.recordOpened(tab.id);
    await context.setTarget(tab.id);
    await context.waitForLoad(tab.id);
    return { ok: true, did: `Opened ${url} in tab ${tab.id}.`, controlled: await controlledNote(tab.id, context.policyOf) };
  },
});
