import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

interface TabView {
  title: string;
  favIconUrl?: string;
  url?: string;
}

/** The tab the AI acts on (session state's targetTabId), with its favicon and title, following its changes. */
export function TargetTab({ tabId }: { tabId: number | undefined }) {
  const [tab, setTab] = useState<TabView | null>(null);
  useEffect(() => {
    if (tabId === undefined) {
      setTab(null);
      return;
    }
    const read = () =>
      void browser.tabs.get(tabId).then(
        (found) => setTab({ title: found.title || found.url || 'Untitled tab', favIconUrl: found.favIconUrl, url: found.url }),
        () => setTab(null),
      );
    read();
    const changed = (id: number) => id === tabId && read();
    browser.tabs.onUpdated.addListener(changed);
    return () => browser.tabs.onUpdated.removeListener(changed);
  }, [tabId]);
  if (!tab) return null;
  return (
    <p class="target-tab" data-target-tab={tabId} title={tab.url}>
      <span class="target-tab-label">Controlling</span>
      {tab.favIconUrl ? <img src={tab.favIconUrl} alt="" width={16} height={16} /> : <span class="target-tab-icon" aria-hidden="true" />}
      <span class="target-tab-title">{tab.title}</span>
    </p>
  );
}
