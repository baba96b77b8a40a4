import { render } from 'preact';
import { browser } from 'wxt/browser';
import { useEffect, useState } from 'preact/hooks';
import { HISTORY_MAX_SESSIONS, historyItem, type PastSession } from '@/utils/history';
import { downloadSession } from '@/components/download';
import { INSTRUCTIONS } from '@/utils/realtime/instructions';
import { formatDollars, totalTokens } from '@/utils/realtime/pricing';
import { MODELS, PROVIDERS, VOICES } from '@/utils/realtime/providers';
import type { SitePolicy } from '@/utils/safety/gate';
import { requestUserScriptsPermission } from '@/utils/tools/run-javascript';
import { loadSettings, settingsItem, settingsSchema, siteKey, type Settings } from '@/utils/settings';
import '@/components/style.css';

/** Settings: the API key (stored for the worker only; shown here masked), the provider, model and voice. */
function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [newKey, setNewKey] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [scripts, setScripts] = useState<'granted' | 'refused' | null>(null);

  useEffect(() => void loadSettings().then(setSettings), []);
  if (!settings) return null;

  const change = (patch: Partial<Settings>) => {
    setSettings({ ...settings, ...patch });
    setSaved(null);
  };

  async function save(event: Event) {
    event.preventDefault();
    const parsed = settingsSchema.safeParse({ ...settings, apiKey: newKey.trim() || settings!.apiKey });
    if (!parsed.success) return setSaved(`Not saved: ${parsed.error.issues[0]?.message ?? 'invalid settings'}`);
    await settingsItem.setValue(parsed.data);
    setSettings(parsed.data);
    setNewKey('');
    setSaved('Saved.');
  }

  const keyHint = settings.apiKey ? `A key ending in …${settings.apiKey.slice(-4)} is saved.` : 'No key saved yet.';
  return (
    // noValidate: our own (zod) messages explain a wrong value, in words, rather than the browser's tooltip.
    <form class="panel" onSubmit={save} noValidate style={{ width: '520px' }}>
      <h1>Voice Page Control</h1>
      <label>
        Provider{' '}
        <select value={settings.provider} onChange={(e) => change({ provider: e.currentTarget.value as Settings['provider'] })}>
          <option value="openai">{PROVIDERS.openai.label}</option>
          <option value="local">{PROVIDERS.local.label}</option>
          <option value="custom">Custom (gateway, Azure, peer on another port)</option>
        </select>
      </label>
      {settings.provider === 'custom' ? (
        <>
          <label>
            Mint URL <input name="mintUrl" value={settings.custom.mintUrl} onInput={(e) => change({ custom: { ...settings.custom, mintUrl: e.currentTarget.value } })} />
          </label>
          <label>
            Calls (SDP) URL <input name="callsUrl" value={settings.custom.callsUrl} onInput={(e) => change({ custom: { ...settings.custom, callsUrl: e.currentTarget.value } })} />
          </label>
        </>
      ) : null}
      <label>
        Session keys from{' '}
        <select name="connection" value={settings.connection} onChange={(e) => change({ connection: e.currentTarget.value as Settings['connection'] })}>
          <option value="api_key">My API key, kept in the extension</option>
          <option value="token_server">My own token server (no API key in the browser)</option>
        </select>
      </label>
      {settings.connection === 'token_server' ? (
        <>
          <label>
            Token server URL <input name="tokenServerUrl" placeholder="https://example.com/api/realtime-token" value={settings.tokenServerUrl} onInput={(e) => change({ tokenServerUrl: e.currentTarget.value })} />
          </label>
          <small>It gets a POST with {'{"model": …}'} and answers {'{"value": "ek_…"}'}, minted with a key it keeps.</small>
        </>
      ) : null}
      <label>
        API key <input name="apiKey" type="password" autocomplete="off" placeholder="sk-…" value={newKey} onInput={(e) => setNewKey(e.currentTarget.value)} />
      </label>
      <small>{keyHint} It stays in the extension's background worker and is only sent to the provider to mint short-lived session keys.</small>
      <label>
        Model{' '}
        <select value={settings.model} onChange={(e) => change({ model: e.currentTarget.value })}>
          {MODELS.map((model) => (
            <option key={model}>{model}</option>
          ))}
        </select>
      </label>
      <Conversation settings={settings} change={change} />
      <SitePolicies policies={settings.sitePolicies} onChange={(sitePolicies) => change({ sitePolicies })} />
      <fieldset>
        <legend>Tools</legend>
        <label class="check">
          <input
            type="checkbox"
            name="allowRunJavascript"
            checked={settings.allowRunJavascript}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              change({ allowRunJavascript: on });
              // The browser asks for its user-scripts permission only inside the click itself (no await before).
              if (on) void requestUserScriptsPermission().then((granted) => setScripts(granted ? 'granted' : 'refused'), () => setScripts('refused'));
            }}
          />{' '}
          Let the AI run JavaScript in pages (run_javascript)
        </label>
        <small>
          Off by default. Each run shows you the whole code and waits for your Allow. It runs through the browser's user
          scripts, never eval.{' '}
          {import.meta.env.FIREFOX
            ? 'Firefox asks you to allow "unverified third-party scripts": tick the box, then Allow (Firefox 153 or newer).'
            : 'Chrome also needs "Allow User Scripts" switched on for Voice Page Control at chrome://extensions.'}
        </small>
        {scripts === 'refused' ? <p class="error">The browser did not grant the user-scripts permission, so run_javascript stays unavailable.</p> : null}
      </fieldset>
      <button type="submit">Save</button>
      {saved ? <p role="status">{saved}</p> : null}
      <History />
    </form>
  );
}

/** Past sessions, kept on this computer only: export one as JSON or Markdown, or delete it. */
function History() {
  const [sessions, setSessions] = useState<PastSession[]>([]);
  useEffect(() => {
    void historyItem.getValue().then(setSessions);
    return historyItem.watch((next) => setSessions(next ?? []));
  }, []);
  const download = downloadSession;
  const remove = (id: string) => void historyItem.setValue(sessions.filter((session) => session.id !== id));
  return (
    <fieldset class="history">
      <legend>History</legend>
      <small>Finished sessions stay on this computer only (the newest {HISTORY_MAX_SESSIONS}).</small>
      <a href={browser.runtime.getURL('/history.html')} target="_blank" rel="noreferrer">
        Open the history page (conversations, charts of latency and cost)
      </a>
      {sessions.length === 0 ? <p>No sessions yet.</p> : null}
      <ul>
        {sessions.map((session) => (
          <li key={session.id} data-session={session.id}>
            <span>
              {new Date(session.startedAt).toLocaleString()} · {session.transcript.length} rows
              {session.usage ? ` · ${totalTokens(session.usage).toLocaleString('en')} tokens` : ''}
              {session.costUsd === undefined ? '' : ` · ${formatDollars(session.costUsd)}`}
            </span>{' '}
            <button type="button" onClick={() => download(session, 'md')}>
              Export Markdown
            </button>{' '}
            <button type="button" onClick={() => download(session, 'json')}>
              Export JSON
            </button>{' '}
            <button type="button" onClick={() => remove(session.id)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/**
 * Voice and conversation: what a running session takes at once (one session.update) and what waits for the
 * next session (the voice: the service keeps it once the AI has spoken).
 */
function Conversation({ settings, change }: { settings: Settings; change(patch: Partial<Settings>): void }) {
  return (
    <fieldset>
      <legend>Voice and conversation</legend>
      <small>Changes apply to a running session as soon as you save, except the voice (from the next session).</small>
      <label>
        Voice{' '}
        <select value={settings.voice} onChange={(e) => change({ voice: e.currentTarget.value })}>
          {VOICES.map((voice) => (
            <option key={voice}>{voice}</option>
          ))}
        </select>
      </label>
      <label>
        Speaking speed{' '}
        <input name="speed" type="number" min="0.25" max="1.5" step="0.05" value={settings.speed} onInput={(e) => change({ speed: e.currentTarget.valueAsNumber })} />
      </label>
      <label>
        Answers{' '}
        <select value={settings.outputModality} onChange={(e) => change({ outputModality: e.currentTarget.value as Settings['outputModality'] })}>
          <option value="audio">Spoken (and shown)</option>
          <option value="text">Text only</option>
        </select>
      </label>
      <label>
        Turn taking{' '}
        <select value={settings.turnDetection} onChange={(e) => change({ turnDetection: e.currentTarget.value as Settings['turnDetection'] })}>
          <option value="semantic_vad">The AI hears when I stop talking</option>
          <option value="push_to_talk">Push to talk: I hold a button (or press Alt+Shift+T)</option>
        </select>
      </label>
      {settings.turnDetection === 'semantic_vad' ? (
        <label>
          How soon it answers{' '}
          <select value={settings.eagerness} onChange={(e) => change({ eagerness: e.currentTarget.value as Settings['eagerness'] })}>
            <option value="auto">Automatic</option>
            <option value="low">Late (lets me pause)</option>
            <option value="medium">Medium</option>
            <option value="high">Early</option>
          </select>
        </label>
      ) : null}
      <label>
        Microphone noise reduction{' '}
        <select value={settings.noiseReduction} onChange={(e) => change({ noiseReduction: e.currentTarget.value as Settings['noiseReduction'] })}>
          <option value="near_field">Headset or close microphone</option>
          <option value="far_field">Laptop or room microphone</option>
          <option value="off">Off</option>
        </select>
      </label>
      <label>
        My language (for the transcript){' '}
        <input name="transcriptionLanguage" placeholder="detected" size={6} value={settings.transcriptionLanguage} onInput={(e) => change({ transcriptionLanguage: e.currentTarget.value })} />
      </label>
      <label>
        End a session after{' '}
        <input name="limitMinutes" type="number" min="0" step="1" size={5} value={settings.limitMinutes} onInput={(e) => change({ limitMinutes: e.currentTarget.valueAsNumber })} />{' '}
        minutes
      </label>
      <label>
        or once it has cost ${' '}
        <input name="limitDollars" type="number" min="0" step="0.01" size={6} value={settings.limitDollars} onInput={(e) => change({ limitDollars: e.currentTarget.valueAsNumber })} />
      </label>
      <small>0: no limit. Checked at every answer; the AI says why the session ends, and so does the popup.</small>
      <label class="block">
        Instructions for the AI
        <textarea name="instructions" rows={5} placeholder={INSTRUCTIONS} value={settings.instructions} onInput={(e) => change({ instructions: e.currentTarget.value })} />
      </label>
      <small>
        Empty: the built-in instructions (shown greyed).{' '}
        <button type="button" class="link" onClick={() => change({ instructions: '' })}>
          Reset to the built-in instructions
        </button>
      </small>
    </fieldset>
  );
}

const POLICY_LABELS: Record<SitePolicy, string> = {
  allow: 'Allow: the AI acts freely (risky actions still ask)',
  ask: 'Ask: confirm every action',
  never: 'Never: the AI may not read or act',
};

/** Per-site safety: allow (default), ask before every action, or never read or act there. */
function SitePolicies({ policies, onChange }: { policies: Settings['sitePolicies']; onChange(next: Settings['sitePolicies']): void }) {
  const [site, setSite] = useState('');
  const [policy, setPolicy] = useState<SitePolicy>('ask');
  const [error, setError] = useState('');
  const add = () => {
    const key = siteKey(site);
    if (!key) return setError('Type a site like example.com or paste its address.');
    setError('');
    setSite('');
    onChange({ ...policies, [key]: policy });
  };
  const remove = (key: string) => {
    const next = { ...policies };
    delete next[key];
    onChange(next);
  };
  return (
    <fieldset>
      <legend>Sites</legend>
      <small>Every site not listed is "Allow". A setting covers the site's subdomains too.</small>
      <ul class="sites">
        {Object.entries(policies).map(([key, value]) => (
          <li key={key}>
            <span>{key}</span>
            <select aria-label={`Setting for ${key}`} value={value} onChange={(e) => onChange({ ...policies, [key]: e.currentTarget.value as SitePolicy })}>
              {Object.entries(POLICY_LABELS).map(([option, label]) => (
                <option key={option} value={option}>
                  {label}
                </option>
              ))}
            </select>
            <button type="button" onClick={() => remove(key)} aria-label={`Remove ${key}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div class="message">
        <input aria-label="Site" placeholder="example.com" value={site} onInput={(e) => setSite(e.currentTarget.value)} />
        <select aria-label="Setting for the new site" value={policy} onChange={(e) => setPolicy(e.currentTarget.value as SitePolicy)}>
          {Object.entries(POLICY_LABELS).map(([option, label]) => (
            <option key={option} value={option}>
              {label}
            </option>
          ))}
        </select>
        <button type="button" onClick={add}>
          Add site
        </button>
      </div>
      {error ? <p class="error">{error}</p> : null}
    </fieldset>
  );
}

render(<Options />, document.getElementById('app')!);
