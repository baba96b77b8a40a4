import { z } from 'zod/mini';
import { browser } from 'wxt/browser';
import { NEVER_SITE } from '../safety/gate';
import { controlledNote, siteOf } from '../tabs';
import { defineBrowserTool } from './browser-tool';
import { tabIdField } from './fields';

export const switchTab = defineBrowserTool({
  name: 'switch_tab',
  description: 'Bring a tab to the front and control it from now on. Get tab ids from list_tabs.',
  schema: z.object({ tab_id: tabIdField('The id of the tab to switch to, from list_tabs.') }),
  async run({ tab_id }, context) {
    const tab = await browser.tabs.get(tab_id).catch(() => undefined);
    if (!tab?.id) return { ok: false, error: `There is no tab ${tab_id}. Call list_tabs to see the open tabs.` };
    if (context.policyOf(tab.url) === 'never') return { ok: false, error: NEVER_SITE(siteOf(tab.url) || 'that site') };
    await browser.tabs.update(tab.id, { active: true });
    if (tab.windowId != null) await browser.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
    await context.setTarget(tab.id);
    return { ok: true, did: `Switched to tab ${tab.id}.`, controlled: await controlledNote(tab.id, context.policyOf) };
  },
});
