import { test as base } from '@playwright/test';
import { startPageServer } from '../demo/page-server.mjs';
import { startPeer } from '../peer/peer.mjs';

export type Peer = Awaited<ReturnType<typeof startPeer>>;

/**
 * What every end-to-end test runs against, whichever browser it drives: a fresh local Realtime peer and the
 * page server (the demo page and the saved real-world pages), both on 127.0.0.1.
 */
export const test = base.extend<{ peer: Peer; site: { url: string }; peerOptions: Omit<Parameters<typeof startPeer>[0] & object, 'apiKey'> }>({
  /** Extra options for the peer (e.g. a short `sessionTtlSeconds`), set with `test.use({ peerOptions })`. */
  peerOptions: [{}, { option: true }],
  peer: async ({ peerOptions }, use) => {
    const peer = await startPeer({ ...peerOptions, apiKey: 'sk-test-key' });
    await use(peer);
    await peer.close();
  },
  site: async ({}, use) => {
    const server = await startPageServer();
    await use(server);
    await server.close();
  },
});
