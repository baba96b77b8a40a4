/**
 * Where a session's two HTTP calls go. A single base URL is not enough (REALTIME.md): each provider
 * has its own mint URL, SDP URL and auth header style.
 */
export interface ProviderEndpoints {
  /** Minted by the worker with the user's key: POST → `{value: "ek_…", expires_at}`. */
  mintUrl: string;
  /** Where the session host POSTs its SDP offer with the `ek_` key. */
  callsUrl: string;
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

export type ProviderId = keyof typeof PROVIDERS | 'custom';

export const MODELS = ['gpt-realtime-2.1-mini', 'gpt-realtime-2.1', 'gpt-realtime-2', 'gpt-realtime-mini', 'gpt-realtime'] as const;
export const VOICES = ['marin', 'cedar', 'alloy', 'ash', 'ballad', 'coral', 'echo', 'sage', 'shimmer', 'verse'] as const;
