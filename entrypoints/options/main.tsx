import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { MODELS, PROVIDERS, VOICES } from '@/utils/realtime/providers';
import { loadSettings, settingsItem, settingsSchema, type Settings } from '@/utils/settings';
import '@/components/style.css';

/** Settings: the API key (stored for the worker only; shown here masked), the provider, model and voice. */
function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [newKey, setNewKey] = useState('');
  const [saved, setSaved] = useState<string | null>(null);

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
    <form class="panel" onSubmit={save} style={{ width: '520px' }}>
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
      <label>
        Voice{' '}
        <select value={settings.voice} onChange={(e) => change({ voice: e.currentTarget.value })}>
          {VOICES.map((voice) => (
            <option key={voice}>{voice}</option>
          ))}
        </select>
      </label>
      <button type="submit">Save</button>
      {saved ? <p role="status">{saved}</p> : null}
    </form>
  );
}

render(<Options />, document.getElementById('app')!);
