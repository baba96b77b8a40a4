import { render } from 'preact';
import { browser } from 'wxt/browser';
import { HostAccess } from '@/components/HostAccess';
import { SessionPanel } from '@/components/SessionPanel';
import '@/components/style.css';

function Popup() {
  return (
    <>
      <SessionPanel />
      <HostAccess />
      <p class="links panel">
        <a href="#" onClick={() => void browser.runtime.openOptionsPage()}>
          Settings (API key, provider)
        </a>
      </p>
    </>
  );
}

render(<Popup />, document.getElementById('app')!);
