import { render } from 'preact';
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { useMicrophonePermission } from '@/components/use-microphone-permission';
import '@/components/style.css';


/** Firefox asks in the session window itself and words its prompt differently (see README, Firefox). */
const FIREFOX = import.meta.env.FIREFOX;

/**
 * Chrome's session runs in a hidden document that cannot show a permission prompt, so the microphone is granted
 * here, once, for the extension's own origin. Firefox's session window asks by itself; this page is where a user
 * who chose Block learns how to undo it.
 */
function Permission() {
  const [mic, setMic] = useMicrophonePermission();
  const [detail, setDetail] = useState('');


  async function ask() {
    setMic('asking');
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      for (const track of stream.getTracks()) track.stop();
      setMic('granted');
    } catch (error) {
      setDetail(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      setMic('denied');
    }
  }

  const settingsUrl = `chrome://settings/content/siteDetails?site=${encodeURIComponent(browser.runtime.getURL('/').slice(0, -1))}`;
  return (
    <main class="panel" style={{ width: '560px' }}>
      <h1>Allow the microphone</h1>
      <p>
        Voice Page Control listens to you through your microphone and sends your voice only to the AI provider you chose.
        Your browser asks once; the extension remembers the answer.
      </p>
      {FIREFOX ? <FirefoxSteps /> : null}
      {mic === 'granted' ? (
        <p class="status-live" data-mic="granted">
          The microphone is allowed. Close this tab, open the extension again and press <b>Start</b>.
        </p>
      ) : (
        <button type="button" class="start" onClick={ask} disabled={mic === 'asking'} style={{ color: '#fff', background: '#1a7f37', padding: '8px 18px', border: 0 }}>
          Allow microphone
        </button>
      )}
      {mic === 'denied' ? (
        <div class="error" data-mic="denied">
          <p>The microphone is blocked for this extension{detail ? ` (${detail})` : ''}.</p>
          {FIREFOX ? (
            <p>
              In Firefox: click the crossed-out microphone in this tab’s address bar and clear the block (or Settings → Privacy &amp;
              Security → Permissions → Microphone → Settings…, remove this extension), then press the button again.
            </p>
          ) : (
            <p>
              In Chrome: open <code>{settingsUrl}</code>, set <b>Microphone</b> to <b>Allow</b>, then come back and press the button again.
            </p>
          )}
        </div>
      ) : null}
      <h2>Which option to choose</h2>
      {FIREFOX ? <FirefoxOptions /> : <ChromeOptions />}
    </main>
  );
}

function ChromeOptions() {
  return (
    <ul>
      <li>
        <b>Allow</b> (or <b>Allow while visiting the site</b>): the right choice — the session can use the microphone from now on.
      </li>
      <li>
        <b>Allow this time</b>: works only while this tab stays open. Choose <b>Allow</b> instead, or sessions will ask again.
      </li>
      <li>
        <b>Block</b>: the extension cannot hear you, and sessions cannot start until you undo it (see the steps above).
      </li>
    </ul>
  );
}

/** Firefox asks with "Remember for all microphones" (ticked for extensions); without it, it asks every session. */
function FirefoxSteps() {
  return (
    <p>
      Press the button below. When Firefox asks “Allow Voice Page Control to use your microphone?”, keep{' '}
      <b>Remember for all microphones</b> ticked and choose <b>Allow</b>. The voice session runs in a small window of its own,
      which asks the same question the first time if you have not answered it here.
    </p>
  );
}

function FirefoxOptions() {
  return (
    <ul>
      <li>
        <b>Allow</b> with <b>Remember for all microphones</b> ticked: the right choice — every session can use the microphone from now on.
      </li>
      <li>
        <b>Allow</b> without the tick: Firefox asks again each time a session starts, in the session window.
      </li>
      <li>
        <b>Block</b>: the extension cannot hear you, and sessions cannot start until you undo it (see the steps above).
      </li>
    </ul>
  );
}

render(<Permission />, document.getElementById('app')!);
