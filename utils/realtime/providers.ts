/**
 * Where a session's two HTTP calls go. A single base URL is not enough (REALTIME.md): each provider
 * has its own mint URL, SDP URL and auth header style.
 */
export interface ProviderEndpoints {
  /** Minted by the worker with the user's key: POST → `{value: "ek_…", expires_at}`. */
  mintUrl: string;
  /** Where the session host POSTs its SDP offer with the `ek_` key. */
  callsUrl: string;
  /** How the mint call carries the key: `Authorization: Bearer` (OpenAI and most), or Azure's `api-key` header. */
  keyHeader?: 'bearer' | 'api-key';
}

/**
 * Azure OpenAI's GA v1 paths (REALTIME.md): a resource name becomes `https://{name}.openai.azure.com`; a full
 * endpoint URL (a custom domain, `….cognitiveservices.azure.com`) is used as given. The mint takes the `api-key`
 * header; the SDP offer then goes with the `ek_` key like OpenAI's.
 */
export function azureEndpoints(resource: string): Required<ProviderEndpoints> {
  const name = resource.trim();
  const base = /^https?:\/\//i.test(name) ? name.replace(/\/+$/, '').replace(/\/openai(\/v1)?$/i, '') : name ? `https://${name.toLowerCase()}.openai.azure.com` : '';
  return {
    mintUrl: base ? `${base}/openai/v1/realtime/client_secrets` : '',
    callsUrl: base ? `${base}/openai/v1/realtime/calls` : '',
    keyHeader: 'api-key',
  };
}

export const LOCAL_PEER_PORT = 8788;

export const PROVIDERS = {
  openai: {
    label: 'OpenAI',
    mintUrl: 'https://api.openai.com/v1/realtime/client_secrets',
    callsUrl: 'https://api.openai.com/v1/realtime/calls',
  },
  local: {
    label: 'Local Realtime peer (no API key needed: run `npm run peer`)',
    mintUrl: `http://127.0.0.1:${LOCAL_PEER_PORT}/v1/realtime/client_secrets`,
    callsUrl: `http://127.0.0.1:${LOCAL_PEER_PORT}/v1/realtime/calls`,
  },
} as const satisfies Record<string, ProviderEndpoints & { label: string }>;

export type ProviderId = keyof typeof PROVIDERS | 'azure' | 'custom';

/** The models that reason before answering, and so take `reasoning.effort` (the openai types: "such as gpt-realtime-2"). */
export const REASONING_MODELS: readonly string[] = ['gpt-realtime-2', 'gpt-realtime-2.1'];

export const MODELS = ['gpt-realtime-2.1-mini', 'gpt-realtime-2.1', 'gpt-realtime-2', 'gpt-realtime-mini', 'gpt-realtime'] as const;
export const VOICES = ['marin', 'cedar', 'alloy', 'ash', 'ballad', 'coral', 'echo', 'sage', 'shimmer', 'verse'] as const;
