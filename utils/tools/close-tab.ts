import { z } from 'zod/mini';
import { browser } from 'wxt/browser';
import { controlledNote, siteOf, userTabs } from '../tabs';
import { defineBrowserTool } from './browser-tool';
import { tabIdField } from './fields';

export const closeTab = defineBrowserTool({
  name: 'close_tab',
  description:
    'Close a tab. Tabs you opened close at once; closing any other tab asks the user first. If it was the ' +
    'controlled tab, the tab the user then sees is controlled.',
  schema: z.object({ tab_id: tabIdField('The id of the tab to close, from list_tabs.') }),
  async run({ tab_id }, context) {
    const tab = await browser.tabs.get(tab_id).catch(() => undefined);
    if (!tab?.id) return { ok: false, error: `There is no tab ${tab_id}. Call list_tabs to see the open tabs.` };
    const hidden = context.policyOf(tab.url) === 'never';
    const name = hidden ? `tab ${tab_id}` : `tab ${tab_id} (${(tab.title ?? '').slice(0, 60) || siteOf(tab.url)})`;
    if (!context.openedTabs.includes(tab.id)) {
      await context.permit({ kind: 'act', description: `close ${name}`, risk: 'the AI did not open this tab' }, tab.url);
    }
    await browser.tabs.remove(tab.id);
    if (context.tabId === tab.id) {
      const [next] = (await userTabs()).filter((candidate) => candidate.active && candidate.id !== tab.id);
      if (next?.id != null) await context.setTarget(next.id);
      return { ok: true, did: `Closed ${name}.`, controlled: await controlledNote(next?.id, context.policyOf) };
    }
    return { ok: true, did: `Closed ${name}.`, controlled: await controlledNote(context.tabId, context.policyOf) };
  },
});
