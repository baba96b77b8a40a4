import { beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SitePolicy } from '@/utils/safety/gate';
import { controlledNote, tabSummary, webUrlError } from '@/utils/tabs';

const policyOf = (url: string | undefined): SitePolicy => (url?.includes('bank.example') ? 'never' : 'allow');

describe('how tabs are named to the model', () => {
  beforeEach(() => fakeBrowser.reset());

  it('names the controlled tab by title and site', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://recipes.example/cake' });
    await fakeBrowser.tabs.update(tab.id!, { title: 'Lemon cake' } as never);
    const note = await controlledNote(tab.id, policyOf);
    expect(note).toMatch(new RegExp(`^Now controlling tab ${tab.id}: .* \\(recipes\\.example\\)$`));
  });

  it('never shows the title or address of a site set to "never", in the list or in the controlled note', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://bank.example/accounts' });
    const note = await controlledNote(tab.id, policyOf);
    expect(note).toBe(`Now controlling tab ${tab.id}: (a site the user keeps private)`);
    const summary = tabSummary({ ...tab, title: 'My accounts' } as Browser.tabs.Tab, { tabId: tab.id, policyOf, openedTabs: [] });
    expect(summary).toMatchObject({ title: '(a site the user keeps private)', site: '', controlled: true });
    expect(JSON.stringify(summary)).not.toMatch(/bank|accounts/i);
  });

  it('says so when no tab is controlled or the tab is gone', async () => {
    expect(await controlledNote(undefined, policyOf)).toBe('No tab is controlled now.');
    expect(await controlledNote(987654, policyOf)).toBe('No tab is controlled now.');
  });

  it('opens only web addresses', () => {
    expect(webUrlError('https://example.com/')).toBeNull();
    expect(webUrlError('javascript:alert(1)')).toMatch(/only open web pages/);
    expect(webUrlError('lemon cake')).toMatch(/not a web address/);
  });
});
