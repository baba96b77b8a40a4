import { useState } from 'preact/hooks';
import { FieldError, invalidProps, Section } from '@/components/Field';
import { workerMessenger } from '@/utils/messaging';
import { PROVIDERS } from '@/utils/realtime/providers';
import { testRelay } from '@/utils/realtime/relay';
import { messageOf } from '@/utils/errors';
import type { Settings } from '@/utils/settings';
import type { SectionProps } from './types';

/**
 * How sessions connect: the mode (API key here, your token server, your SDP relay), the provider preset, the key
 * (masked; only ever sent to the worker's storage), ICE servers, and "Test connection" on the saved settings.
 */
export function ConnectionSection({ settings, change, errors, newKey, setNewKey, save }: SectionProps & { newKey: string; setNewKey(key: string): void; save(): Promise<boolean> }) {
  const mode = settings.connection;
  const keyHint = settings.apiKey ? `A key ending in …${settings.apiKey.slice(-4)} is saved.` : 'No key saved yet.';
  return (
    <Section id="connection" title="Connection">
      <label>
        How to connect{' '}
        <select name="connection" value={mode} onChange={(e) => change({ connection: e.currentTarget.value as Settings['connection'] })}>
          <option value="api_key">My API key, kept in the extension</option>
          <option value="token_server">My own token server (no API key in the browser)</option>
          <option value="sdp_relay">My own SDP relay (no key of any kind in the browser)</option>
        </select>
      </label>
      {mode === 'token_server' ? (
        <>
          <label>
            Token server URL{' '}
            <input name="tokenServerUrl" placeholder="https://example.com/api/realtime-token" value={settings.tokenServerUrl} onInput={(e) => change({ tokenServerUrl: e.currentTarget.value })} {...invalidProps(errors, 'tokenServerUrl')} />
          </label>
          <FieldError errors={errors} path="tokenServerUrl" />
          <small>It gets a POST with {'{"model": …}'} and answers {'{"value": "ek_…"}'}, minted with a key it keeps.</small>
        </>
      ) : null}
      {mode === 'sdp_relay' ? (
        <>
          <label>
            SDP relay URL{' '}
            <input name="relayUrl" placeholder="https://example.com/api/rtc-connect" value={settings.relayUrl} onInput={(e) => change({ relayUrl: e.currentTarget.value })} {...invalidProps(errors, 'relayUrl')} />
          </label>
          <FieldError errors={errors} path="relayUrl" />
          <small>
            At each start it gets the offer SDP (a POST, <code>application/sdp</code>) and answers with the answer SDP; it
            holds the API key and talks to the provider itself. The model and voice below still apply.
          </small>
        </>
      ) : (
        <Provider settings={settings} change={change} errors={errors} />
      )}
      {mode === 'api_key' ? (
        <>
          <label>
            {settings.provider === 'azure' ? 'Azure API key' : 'API key'}{' '}
            <input name="apiKey" type="password" autocomplete="off" placeholder={settings.provider === 'azure' ? 'your resource key' : 'sk-…'} value={newKey} onInput={(e) => setNewKey(e.currentTarget.value)} />
          </label>
          <small>{keyHint} It stays in the extension's background worker and is only sent to the provider to mint short-lived session keys.</small>
        </>
      ) : null}
      <IceServers settings={settings} change={change} errors={errors} />
      <TestConnection settings={settings} save={save} />
    </Section>
  );
}

function Provider({ settings, change, errors }: SectionProps) {
  return (
    <>
      <label>
        Provider{' '}
        <select name="provider" value={settings.provider} onChange={(e) => change({ provider: e.currentTarget.value as Settings['provider'] })}>
          <option value="openai">{PROVIDERS.openai.label}</option>
          <option value="azure">Azure OpenAI</option>
          <option value="local">{PROVIDERS.local.label}</option>
          <option value="custom">Any OpenAI-compatible service (two URLs)</option>
        </select>
      </label>
      {settings.provider === 'azure' ? (
        <>
          <label>
            Azure resource{' '}
            <input name="azureResource" placeholder="my-resource, or https://…" value={settings.azure.resource} onInput={(e) => change({ azure: { ...settings.azure, resource: e.currentTarget.value } })} {...invalidProps(errors, 'azure.resource')} />
          </label>
          <FieldError errors={errors} path="azure.resource" />
          <label>
            Deployment{' '}
            <input name="azureDeployment" placeholder="gpt-realtime" value={settings.azure.deployment} onInput={(e) => change({ azure: { ...settings.azure, deployment: e.currentTarget.value } })} {...invalidProps(errors, 'azure.deployment')} />
          </label>
          <FieldError errors={errors} path="azure.deployment" />
          <small>Keys are minted at …/openai/v1/realtime/client_secrets with your key as the api-key header; the call goes to …/openai/v1/realtime/calls. Choose the deployment's model below for its prices.</small>
        </>
      ) : null}
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
    </>
  );
}

/** STUN/TURN servers for networks that block direct connections. */
function IceServers({ settings, change, errors }: SectionProps) {
  const servers = settings.iceServers;
  const put = (index: number, patch: Partial<Settings['iceServers'][number]>) => change({ iceServers: servers.map((server, i) => (i === index ? { ...server, ...patch } : server)) });
  return (
    <div>
      <small>ICE servers (optional, for networks that need STUN or TURN; none: the browser's defaults).</small>
      {servers.map((server, index) => (
        <div class="ice-server" key={index}>
          <label>
            Address {index + 1}{' '}
            <input
              name={`iceUrls${index}`}
              placeholder="turn:turn.example.com:3478"
              value={server.urls.join(' ')}
              onInput={(e) => put(index, { urls: e.currentTarget.value.split(/[\s,]+/).filter(Boolean) })}
              {...invalidProps(errors, `iceServers.${index}.urls.0`)}
            />
          </label>
          <label>
            Username <input name={`iceUsername${index}`} size={10} value={server.username} onInput={(e) => put(index, { username: e.currentTarget.value })} />
          </label>
          <label>
            Credential <input name={`iceCredential${index}`} type="password" autocomplete="off" size={10} value={server.credential} onInput={(e) => put(index, { credential: e.currentTarget.value })} />
          </label>
          <button type="button" onClick={() => change({ iceServers: servers.filter((_, i) => i !== index) })}>
            Remove
          </button>
          <FieldError errors={errors} path={`iceServers.${index}.urls.0`} />
          <FieldError errors={errors} path={`iceServers.${index}.urls`} />
        </div>
      ))}
      <button type="button" onClick={() => change({ iceServers: [...servers, { urls: [], username: '', credential: '' }] })}>
        Add an ICE server
      </button>
    </div>
  );
}

/** Saves, then mints a key (in the worker) or asks the token server or the relay, and says what happened. */
function TestConnection({ settings, save }: { settings: Settings; save(): Promise<boolean> }) {
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function test() {
    setBusy(true);
    setResult(null);
    try {
      if (!(await save())) return setResult({ ok: false, message: 'Not tested: fix the fields marked above first.' });
      setResult(
        settings.connection === 'sdp_relay'
          ? await testRelay(settings.relayUrl)
          : await workerMessenger.sendMessage('worker.testConnection', undefined).catch((error: unknown) => ({ ok: false, message: messageOf(error) })),
      );
    } finally {
      setBusy(false);
    }
  }
  return (
    <div>
      <button type="button" onClick={() => void test()} disabled={busy}>
        {busy ? 'Testing…' : 'Test connection'}
      </button>{' '}
      <span aria-live="polite" class={result?.ok ? 'test-result-ok' : 'error'} data-test-result={result ? (result.ok ? 'ok' : 'failed') : undefined}>
        {result?.message ?? ''}
      </span>
    </div>
  );
}
