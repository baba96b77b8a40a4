import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PROVIDERS } from '@/utils/realtime/providers';
import { loadSettings, settingsItem, settingsSchema, type Settings } from '@/utils/settings';
import { useMicrophonePermission } from '@/components/use-microphone-permission';
import '@/components/style.css';

const FIREFOX = import.meta.env.FIREFOX;
/** The key the local peer accepts by default (tests/peer/cli.mjs, `npm run peer`). */
const LOCAL_PEER_KEY = 'sk-local-peer';

/**
 * The welcome tab a first install opens (entrypoints/background/onboarding.ts): what the extension does and what
 * it sends where, a key or the local demo peer, the microphone, and a first command to try.
 */
function Onboarding() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [mic] = useMicrophonePermission();

  useEffect(() => {
    void loadSettings().then(setSettings);
    return settingsItem.watch(() => void loadSettings().then(setSettings));
  }, []);

  async function useLocalPeer() {
    const current = await loadSettings();
    await settingsItem.setValue(settingsSchema.parse({ ...current, provider: 'local', connection: 'api_key', apiKey: LOCAL_PEER_KEY }));
  }

  const provider = settings?.provider;
  const connected = provider === 'local' ? 'local' : settings?.apiKey || settings?.connection === 'token_server' ? 'key' : 'none';
  return (
    <main class="panel page onboarding">
      <h1>Welcome to Voice Page Control</h1>
      <p class="lead">
        Talk to the page you are looking at. Press <b>Start</b>, say (or type) what you want, and an AI voice answers and
        acts on the open tab: it reads the page, clicks, types, scrolls and restyles it. Every change can be undone, and
        anything risky waits for your click.
      </p>

      <section aria-labelledby="privacy-title" class="card">
        <h2 id="privacy-title">What goes where</h2>
        <ul>
          <li>
            <b>Your voice</b> and <b>the page content the AI reads</b> (its outline, text, and a screenshot when it asks to
            look) go to the Realtime provider you choose — OpenAI, or the local demo peer on this computer — and nowhere else.
          </li>
          <li>
            <b>Your API key</b> stays in the extension's background worker. It is only sent to that provider, to get a
            short-lived session key; pages and the session never see it.
          </li>
          <li>Nothing of the extension runs in a page until a session needs it. Past sessions stay on this computer.</li>
        </ul>
      </section>

      <section aria-labelledby="step-connect" class="card" data-connected={connected}>
        <h2 id="step-connect">1. Choose who answers</h2>
        <p>
          <b>With an OpenAI API key</b>: paste it in the settings, then choose a model and a voice.
        </p>
        <p>
          <button type="button" class="secondary" onClick={() => void browser.runtime.openOptionsPage()}>
            Open settings to add a key
          </button>
        </p>
        <p>
          <b>Or try it offline with the local demo peer</b>: it speaks the same protocol, understands typed commands
          and answers with a tone. From the project's folder, run <code>npm start</code> (it starts the peer and opens a
          browser on a demo page) or <code>npm run peer</code> (the peer alone, on port 8788), then use the
          “{PROVIDERS.local.label.split(' (')[0]}” preset (it replaces a key saved before; the settings switch back):
        </p>
        <p>
          <button type="button" class="primary" onClick={() => void useLocalPeer()} aria-describedby="provider-now">
            Use the local demo peer
          </button>
        </p>
        <p id="provider-now" class="hint" role="status" data-provider={provider ?? ''}>
          {settings === null
            ? ''
            : connected === 'local'
              ? `Now using the local demo peer (${PROVIDERS.local.mintUrl.split('/v1')[0]}, key ${LOCAL_PEER_KEY}).`
              : connected === 'key'
                ? 'A connection is set up. You can change it in the settings at any time.'
                : 'Nothing chosen yet.'}
        </p>
      </section>

      <section aria-labelledby="step-mic" class="card" data-mic={mic}>
        <h2 id="step-mic">2. Allow the microphone</h2>
        {FIREFOX ? (
          <p>
            Firefox asks the first time you press Start, in the small <b>Voice session</b> window: keep{' '}
            <b>Remember for all microphones</b> ticked and choose <b>Allow</b>. You can also answer now:
          </p>
        ) : (
          <p>
            Chrome asks once, in a tab of the extension. Choose <b>Allow</b> (not “Allow this time”).
          </p>
        )}
        <p>
          {mic === 'granted' ? (
            <span class="status-live">The microphone is allowed.</span>
          ) : (
            <a class="button secondary" href={browser.runtime.getURL('/permission.html')} target="_blank" rel="noopener">
              Allow the microphone
            </a>
          )}
        </p>
        <details>
          <summary>I chose “Block” — what now?</summary>
          {FIREFOX ? (
            <p>
              Click the crossed-out microphone in the address bar of the extension's tab and clear the block, or open
              Settings → Privacy &amp; Security → Permissions → Microphone → Settings… and remove Voice Page Control. Then
              press Start again.
            </p>
          ) : (
            <p>
              Open <code>chrome://settings/content/microphone</code>, find Voice Page Control under “Not allowed to use your
              microphone” and set it to <b>Allow</b> (or click the crossed-out microphone in the permission tab's address bar).
              Then press Start again.
            </p>
          )}
          <p>Typing works without a microphone: you can still try every command.</p>
        </details>
      </section>

      <section aria-labelledby="step-try" class="card">
        <h2 id="step-try">3. Try a first command</h2>
        <ol>
          <li>
            Open a web page: the demo page <code>npm start</code> opens, or any ordinary site (browser pages such as
            settings or the web store cannot be changed by any extension).
          </li>
          <li>
            Click the extension's toolbar icon (in the puzzle menu at first; pin it to keep it in sight) and press{' '}
            <b>Start</b>. <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>V</kbd> does the same.
          </li>
          <li>
            Say or type: <q class="example">make the background light blue</q>, then <q class="example">undo that</q>.
          </li>
          <li>
            <b>Open side panel</b> in the popup keeps the conversation beside the page while you browse.
          </li>
        </ol>
      </section>
    </main>
  );
}

render(<Onboarding />, document.getElementById('app')!);
