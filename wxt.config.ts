import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/** The add-on's id on addons.mozilla.org; tests pin its internal UUID by this id. */
export const GECKO_ID = 'voice-page-control@example.org';

// One source tree, two browsers. Chrome hosts the Realtime session in an offscreen document;
// Firefox (no offscreen API) hosts it in a visible extension page (entrypoints/session/).
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports: every name in a file says where it comes from.
  imports: false,
  // MV3 for Firefox too (WXT defaults Firefox to MV2): the same manifest shape and APIs as Chrome (action,
  // scripting, host_permissions, storage.session). The worker keeps no state in memory, so Firefox suspending
  // its MV3 event page is harmless, and the session lives in a visible page that is never suspended.
  manifestVersion: 3,
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // Firefox has no offscreen API: the Chrome session host is not shipped there.
    'entrypoints:resolved': (wxt, entrypoints) => {
      if (wxt.config.browser !== 'firefox') return;
      const offscreen = entrypoints.findIndex((entrypoint) => entrypoint.name === 'offscreen');
      if (offscreen >= 0) entrypoints.splice(offscreen, 1);
    },
  },
  manifest: ({ browser }) => ({
    name: 'Voice Page Control',
    description: 'Talk to the page you are looking at: a voice AI that reads and changes the open tab.',
    permissions: ['storage', 'scripting', 'tabs', 'alarms', ...(browser === 'chrome' ? ['offscreen'] : [])],
    // run_javascript (off by default) runs code through userScripts.execute, never eval. Optional in both browsers
    // (Firefox allows it only as optional; Chrome 156 accepts it as optional too): asked for when the user switches
    // the option on, so nobody who leaves it off grants it. Chrome also needs "Allow User Scripts" on chrome://extensions.
    optional_permissions: ['userScripts'],
    // The AI acts on whichever tab you are looking at, so it needs every site; nothing of ours runs
    // in a page until a session needs it (the content script is injected on demand).
    host_permissions: ['<all_urls>'],
    commands: {
      'toggle-session': {
        suggested_key: { default: 'Alt+Shift+V' },
        description: 'Start or stop the voice session',
      },
      'push-to-talk': {
        suggested_key: { default: 'Alt+Shift+T' },
        description: 'Push to talk: press to start talking, press again to send',
      },
    },
    ...(browser === 'firefox' ? { browser_specific_settings: FIREFOX_SETTINGS } : {}),
  }),
});

const FIREFOX_SETTINGS = {
  gecko: {
    id: GECKO_ID,
    // Firefox's built-in data consent (data_collection_permissions) needs 140; 140 is also an ESR.
    strict_min_version: '140.0',
    // What leaves the browser, and only to the AI provider the user chose (Mozilla's taxonomy, see README):
    // - websiteContent: the page content the AI reads (cleaned HTML);
    // - personalCommunications: the conversation, spoken and typed;
    // - personallyIdentifyingInfo: the user's voice itself (Mozilla lists voice recordings here);
    // - browsingActivity: the current tab's address, which tool results name when a page cannot be changed.
    // The user's API key goes only to the provider that issued it, to mint session keys for the user's own account.
    data_collection_permissions: {
      required: ['websiteContent', 'personalCommunications', 'personallyIdentifyingInfo', 'browsingActivity'],
    },
  },
};
