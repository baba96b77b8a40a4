import { render } from 'preact';
import { browser } from 'wxt/browser';
import { HostAccess } from '@/components/HostAccess';
import { SessionPanel } from '@/components/SessionPanel';
import '@/components/style.css';

/** The side panel (Chrome) or sidebar (Firefox): the session beside the page, staying open while you browse. */
function SidePanel() {
  return (
    <>
      <SessionPanel />
      <HostAccess />
      <p class="links panel">
        <a href="#" onClick={() => void browser.runtime.openOptionsPage()}>
          Settings
        </a>{' '}
        ·{' '}
        <a href={browser.runtime.getURL('/history.html')} target="_blank" rel="noreferrer">
          History
        </a>
      </p>
    </>
  );
}

render(<SidePanel />, document.getElementById('app')!);
