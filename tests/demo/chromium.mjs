// Launches Debian's Chromium with the built extension loaded, for the demo (`npm start`), the end-to-end
// tests and the benchmarks. Every flag that keeps traffic on this machine lives here, once.
import { chromium } from 'playwright-core';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROME_EXTENSION_DIR = path.join(ROOT, '.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Playwright's own --disable-features list, repeated: a second --disable-features replaces the first.
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable', 'LensOverlay', 'MediaRouter', 'PaintHolding',
  'ThirdPartyStoragePartitioning', 'AvoidCorsURLLoaderRestartOnRedirect', 'OptimizationHints',
  'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch',
];

/**
 * @param {{ extensionDir?: string, fakeMicrophone?: boolean, autoGrantMicrophone?: boolean, audioFile?: string }} [options]
 * `autoGrantMicrophone: false` leaves the microphone prompt as a real user meets it (then denied headless).
 */
export function chromiumArgs({ extensionDir = CHROME_EXTENSION_DIR, fakeMicrophone = true, autoGrantMicrophone = true, audioFile } = {}) {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    ...(fakeMicrophone ? ['--use-fake-device-for-media-stream'] : []),
    ...(autoGrantMicrophone ? ['--use-fake-ui-for-media-stream'] : []),
    ...(audioFile ? [`--use-file-for-fake-audio-capture=${audioFile}`] : []),
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--no-default-browser-check',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-domain-reliability', '--disable-client-side-phishing-detection',
    // Nothing leaves this machine: no DNS for outside hosts, no mDNS multicast for WebRTC candidates.
    '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, 'WebRtcHideLocalIpsWithMdns'].join(',')}`,
    '--autoplay-policy=no-user-gesture-required',
  ];
}

/**
 * A first install opens the extension's welcome tab (entrypoints/onboarding/). Launchers wait for it and, unless
 * asked to keep it, close it, so that the tab a test or the demo acts on is the one it chose, whatever the timing.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} extensionId
 * @param {number} [timeoutMs]
 */
export async function onboardingTab(context, extensionId, timeoutMs = 15_000) {
  const url = `chrome-extension://${extensionId}/onboarding.html`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const page = context.pages().find((candidate) => candidate.url().startsWith(url));
    if (page) return page;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`The onboarding tab did not open within ${timeoutMs} ms of the install.`);
    // A new tab, or a tab's navigation to the welcome page, whichever comes first (each bounded).
    await Promise.race([
      context.waitForEvent('page', { timeout: left }).catch(() => undefined),
      ...context.pages().map((page) => page.waitForURL((address) => address.href.startsWith(url), { timeout: left }).catch(() => undefined)),
    ]);
  }
}

/**
 * @param {{ headless?: boolean, userDataDir?: string, keepOnboarding?: boolean } & Parameters<typeof chromiumArgs>[0]} [options]
 * `keepOnboarding`: leave the welcome tab a first install opens (returned as `onboarding`); by default it is closed.
 * A profile used before (a `userDataDir` that is not empty) already has the extension and opens none: nothing is awaited then.
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, extensionId: string, worker: import('playwright-core').Worker, onboarding?: import('playwright-core').Page }>}
 */
export async function launchWithExtension({ headless = true, userDataDir, keepOnboarding = false, ...argOptions } = {}) {
  const dir = userDataDir ?? (await mkdtemp(path.join(tmpdir(), 'vpc-profile-')));
  const freshProfile = (await readdir(dir).catch(() => [])).length === 0;
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless,
    args: chromiumArgs(argOptions),
    ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
    viewport: { width: 1100, height: 760 },
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = worker.url().split('/')[2] ?? '';
  if (!freshProfile) return { context, extensionId, worker };
  const onboarding = await onboardingTab(context, extensionId);
  if (keepOnboarding) return { context, extensionId, worker, onboarding };
  await onboarding.close();
  return { context, extensionId, worker };
}

/**
 * Points the extension at a Realtime provider by writing its settings from the worker, as the options page would.
 * @param {import('playwright-core').Worker} worker
 * @param {{ apiKey: string, mintUrl?: string, callsUrl?: string, provider?: 'openai' | 'custom' | 'local' }} settings
 */
export async function configureExtension(worker, { apiKey, mintUrl = '', callsUrl = '', provider = 'custom' }) {
  await worker.evaluate(
    (settings) => chrome.storage.local.set({ settings }),
    { apiKey, provider, custom: { mintUrl, callsUrl }, model: 'gpt-realtime-2.1-mini', voice: 'marin' },
  );
}
