import { render } from 'preact';
import { browser } from 'wxt/browser';
import { HostAccess } from '@/components/HostAccess';
import { SessionPanel } from '@/components/SessionPanel';
import '@/components/style.css';

function Popup() {
  return (
    <>
      <SessionPanel variant="compact" />
      <HostAccess />
      <p class="links panel">
        <a href="#" onClick={() => void openSidePanel()}>
          Open side panel
        </a>{' '}
        ·{' '}
        <a href="#" onClick={() => void browser.runtime.openOptionsPage()}>
          Settings (API key, provider)
        </a>
      </p>
    </>
  );
}

/** Chrome's side panel or Firefox's sidebar; both must be opened from the click itself (a user gesture). */
async function openSidePanel(): Promise<void> {
  if (import.meta.env.FIREFOX) {
    await (browser as unknown as { sidebarAction: { open(): Promise<void> } }).sidebarAction.open();
  } else {
    const current = await chrome.windows.getCurrent();
    await chrome.sidePanel.open({ windowId: current.id! });
  }
  window.close();
}

render(<Popup />, document.getElementById('app')!);
