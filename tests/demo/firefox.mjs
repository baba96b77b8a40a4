// Launches Debian's Firefox ESR with the built Firefox extension installed as a temporary add-on, driven by
// puppeteer-core over WebDriver BiDi, for the Firefox end-to-end tests. Every pref that keeps traffic on this
// machine lives here, once (like chromium.mjs for Chromium).
//
// Firefox facts this file relies on (measured on Firefox 153 ESR, headless; see README, Firefox):
// - BiDi refuses to navigate to moz-extension:// pages unless Firefox runs with --remote-allow-system-access
//   (Firefox's own switch for automating privileged code). With it, navigation works, but extension documents send
//   no load events to BiDi, so navigation waits on the BiDi command itself (puppeteer's page.goto would time out)
//   and pages are found by `location.href` (puppeteer's page.url() stays "about:blank" for them).
// - The same switch lets a test act in the browser's own window (the "chrome" scope): answer Firefox's real
//   microphone prompt, store a site permission, and read the add-on's background state.
// - Firefox gathers no 127.0.0.1 candidate and will not pair its interface address with the peer's 127.0.0.1 one;
//   the peer answers a Firefox offer with this machine's interface address too (tests/peer/README.md), so the
//   traffic still never leaves the machine.
import puppeteer from 'puppeteer-core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIREFOX_EXTENSION_DIR = path.join(ROOT, '.output/firefox-mv3');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The extension's internal UUID, pinned so its origin (moz-extension://UUID) is known before it is installed. */
export const EXTENSION_UUID = '5d7c6f2e-8a41-4b8e-9c3a-7f1e2d3c4b5a';

/**
 * @param {{ geckoId: string, idleTimeoutSeconds?: number }} options
 * @returns {Record<string, string | number | boolean>}
 */
export function firefoxPrefs({ geckoId, idleTimeoutSeconds }) {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: EXTENSION_UUID }),
    // A fake microphone (a tone). Whether the extension may use it is still asked and stored as for a real user:
    // these tests never set media.navigator.permission.disabled.
    'media.navigator.streams.fake': true,
    // This machine has no sound device: Firefox's mock audio backend lets Web Audio run (the level meters'
    // AudioContext otherwise never leaves "suspended"; Chromium's headless audio output needs nothing).
    'media.cubeb.force_mock_context': true,
    // Plain host candidates instead of mDNS names, so nothing is multicast to announce or resolve them (as
    // chromium.mjs turns off WebRtcHideLocalIpsWithMdns).
    'media.peerconnection.ice.obfuscate_host_addresses': false,
    // Firefox skips STUN and TURN servers at loopback addresses unless this is on; the ICE-servers test runs its
    // STUN server on 127.0.0.1 (a real user's servers are never on loopback).
    'media.peerconnection.ice.loopback': true,
    // Nothing leaves this machine: every host name resolves to 127.0.0.1 without asking a DNS server (Firefox's
    // test switch, like chromium.mjs's --host-resolver-rules), no DNS over HTTPS, no captive-portal or connectivity
    // probes. addons.mozilla.org, opened by the restricted-page test, is then refused on this machine.
    'network.dns.native-is-localhost': true,
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    ...(idleTimeoutSeconds ? { 'extensions.background.idle.timeout': idleTimeoutSeconds * 1000 } : {}),
  };
}

/**
 * @param {{ headless?: boolean, extensionDir?: string, idleTimeoutSeconds?: number, keepOnboarding?: boolean }} [options]
 * `idleTimeoutSeconds` shortens how long Firefox keeps an idle MV3 event page before suspending it (30 s).
 * The install opens the extension's welcome tab (entrypoints/onboarding/); it is awaited and closed, so the tab a
 * test acts on is the one it chose, unless `keepOnboarding` (then it is `extension.onboarding`).
 */
export async function launchFirefoxWithExtension({ headless = true, extensionDir = FIREFOX_EXTENSION_DIR, idleTimeoutSeconds, keepOnboarding = false } = {}) {
  const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8'));
  const geckoId = manifest.browser_specific_settings.gecko.id;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: firefoxPrefs({ geckoId, idleTimeoutSeconds }),
    defaultViewport: { width: 1100, height: 760 },
  });
  try {
    await browser.installExtension(extensionDir);
    const extension = new FirefoxExtension(browser, geckoId);
    const onboarding = await extension.findPage('onboarding.html', { timeoutMs: 15_000 });
    if (keepOnboarding) extension.onboarding = onboarding;
    else await onboarding.close();
    return extension;
  } catch (error) {
    await browser.close();
    throw error;
  }
}

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class FirefoxExtension {
  /**
   * @param {import('puppeteer-core').Browser} browser
   * @param {string} geckoId
   */
  constructor(browser, geckoId) {
    this.browser = browser;
    this.geckoId = geckoId;
    this.uuid = EXTENSION_UUID;
    this.origin = `moz-extension://${EXTENSION_UUID}`;
    /** @type {import('puppeteer-core').Page | undefined} the welcome tab, when the launch kept it */
    this.onboarding = undefined;
  }

  /** @param {string} file e.g. "popup.html" */
  url(file) {
    return `${this.origin}/${file}`;
  }

  /** Raw WebDriver BiDi, for what puppeteer does not wrap. @returns {Promise<any>} */
  #bidi(/** @type {string} */ method, /** @type {object} */ params) {
    // puppeteer's BiDi browser exposes its connection (the abstract Browser type does not declare it).
    return this.browser.connection.send(method, params).then((/** @type {{result: any}} */ reply) => reply.result);
  }

  /**
   * Opens one of the extension's pages in a new tab of the main window (as Chrome's tests open the popup).
   * @param {string} file
   */
  async openPage(file) {
    const page = await this.browser.newPage();
    await this.navigate(page, this.url(file));
    return page;
  }

  /**
   * Opens a new tab in the same window as `beside` (puppeteer's newPage uses the focused window, which may be the
   * session window) and makes it the active tab, as a user opening a tab does.
   * @param {import('puppeteer-core').Page} beside
   * @param {string} url
   */
  async newTabBeside(beside, url) {
    const { context } = await this.#bidi('browsingContext.create', { type: 'tab', referenceContext: beside.mainFrame()._id });
    let page;
    for (const deadline = Date.now() + 5_000; !page && Date.now() < deadline; await sleep(50)) {
      page = (await this.browser.pages()).find((candidate) => candidate.mainFrame()._id === context);
    }
    if (!page) throw new Error('The new tab did not appear.');
    await page.goto(url);
    await page.bringToFront();
    return page;
  }

  /**
   * Navigates a tab and waits until its document is complete (see the top of this file for why not page.goto).
   * @param {import('puppeteer-core').Page} page
   * @param {string} url
   */
  async navigate(page, url) {
    await this.#bidi('browsingContext.navigate', { context: page.mainFrame()._id, url, wait: 'complete' });
  }

  /**
   * The tab or window showing one of the extension's pages, opened by the extension itself.
   * @param {string} file
   * @param {{ timeoutMs?: number }} [options]
   */
  async findPage(file, { timeoutMs = 10_000 } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const page = await this.pageShowing(this.url(file));
      if (page) return page;
      if (Date.now() > deadline) throw new Error(`No page showing ${file} appeared within ${timeoutMs} ms.`);
      await sleep(100);
    }
  }

  /** @param {string} url */
  async pageShowing(url) {
    for (const page of await this.browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.split(/[?#]/)[0] === url) return page;
    }
    return null;
  }

  /**
   * Points the extension at a Realtime provider by writing its settings, as the options page would.
   * @param {{ apiKey: string, mintUrl?: string, callsUrl?: string, provider?: 'openai' | 'custom' | 'local' }} settings
   */
  async configure({ apiKey, mintUrl = '', callsUrl = '', provider = 'custom' }) {
    const options = await this.openPage('options.html');
    await options.evaluate(
      (settings) => browser.storage.local.set({ settings }),
      { apiKey, provider, custom: { mintUrl, callsUrl }, model: 'gpt-realtime-2.1-mini', voice: 'marin' },
    );
    await options.close();
  }

  /**
   * Runs a function in each of the browser's own windows (chrome scope, where `Services`, `SitePermissions` and
   * `PopupNotifications` are globals). The function gets string arguments and returns something JSON-serialisable.
   * @template T
   * @param {(...args: string[]) => T} fn
   * @param {string[]} args
   * @returns {Promise<T[]>} one result per browser window
   */
  async inBrowserWindows(fn, ...args) {
    const { contexts } = await this.#bidi('browsingContext.getTree', { 'moz:scope': 'chrome' });
    const results = [];
    for (const { context } of contexts) {
      /** @type {any} */
      let reply;
      try {
        reply = await this.#bidi('script.callFunction', {
          functionDeclaration: `(...args) => JSON.stringify((${fn.toString()})(...args) ?? null)`,
          arguments: args.map((value) => ({ type: 'string', value })),
          target: { context },
          awaitPromise: true,
        });
      } catch (error) {
        // A window that closed between the listing and the call (the session window after "Block"): skip it.
        if (/no such frame/i.test(String(/** @type {Error} */ (error).message))) continue;
        throw error;
      }
      if (reply.type !== 'success') throw new Error(`chrome-scope call failed: ${JSON.stringify(reply.exceptionDetails?.text ?? reply)}`);
      results.push(JSON.parse(reply.result.value));
    }
    return results;
  }

  /**
   * Answers Firefox's real microphone prompt ("Allow Voice Page Control to use your microphone?") as a user
   * does: ticks or unticks "Remember for all microphones", then presses Allow or Block. Returns what it showed.
   * @param {{ remember?: boolean, allow?: boolean, timeoutMs?: number }} [options]
   */
  answerMicrophonePrompt({ remember = true, allow = true, timeoutMs = 10_000 } = {}) {
    return this.#answerPrompt('webRTC-shareDevices-notification', { checked: remember, allow, timeoutMs });
  }

  /**
   * Answers the prompt Firefox shows for `permissions.request` ("Voice Page Control requests additional settings").
   * @param {{ allow?: boolean, timeoutMs?: number }} [options]
   */
  answerPermissionsPrompt({ allow = true, timeoutMs = 10_000 } = {}) {
    return this.#answerPrompt('addon-webext-permissions-notification', { allow, timeoutMs });
  }

  /**
   * Waits for one of Firefox's doorhanger prompts, sets its checkbox (when `checked` is given) and presses its main
   * or secondary button, in whichever browser window shows it.
   * @param {string} id
   * @param {{ checked?: boolean, allow: boolean, timeoutMs: number }} options
   * @returns {Promise<{ text: string, content: string, checkbox: string | null, checkedByDefault: boolean, allow: string | null, block: string | null }>}
   */
  async #answerPrompt(id, { checked, allow, timeoutMs }) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const shown = await this.inBrowserWindows(
        (promptId, check, allowIt) => {
          const prompt = document.getElementById(promptId);
          if (!prompt || PopupNotifications.panel.state !== 'open') return null;
          const checkbox = prompt.checkbox;
          const seen = {
            text: prompt.querySelector('.popup-notification-description')?.textContent ?? '',
            content: prompt.textContent ?? '',
            checkbox: checkbox.hidden ? null : checkbox.label,
            checkedByDefault: checkbox.checked,
            allow: prompt.getAttribute('buttonlabel'),
            block: prompt.getAttribute('secondarybuttonlabel'),
          };
          if (check) checkbox.checked = check === 'true';
          (allowIt === 'true' ? prompt.button : prompt.secondaryButton).click();
          return seen;
        },
        id,
        checked === undefined ? '' : String(checked),
        String(allow),
      );
      const answered = shown.find(Boolean);
      if (answered) return answered;
      if (Date.now() > deadline) throw new Error(`Firefox showed no ${id} prompt within ${timeoutMs} ms.`);
      await sleep(100);
    }
  }

  /**
   * Stores "Allow" for the microphone for the extension's origin: the very call Firefox's prompt makes when the
   * user allows with "Remember for all microphones" ticked (SitePermissions, kept in the profile's permissions.sqlite).
   */
  async grantMicrophone() {
    const [state] = await this.inBrowserWindows((origin) => {
      const principal = Services.scriptSecurityManager.createContentPrincipalFromOrigin(origin);
      SitePermissions.setForPrincipal(principal, 'microphone', SitePermissions.ALLOW);
      return Services.perms.testExactPermissionFromPrincipal(principal, 'microphone');
    }, this.origin);
    if (state !== 1) throw new Error(`The microphone permission was not stored (state ${state}).`);
  }

  /**
   * What Firefox has stored for the extension's microphone: "allow" (remembered Allow), "prompt" ("Always ask",
   * what Allow without "Remember" leaves), "block", or "unset".
   */
  async storedMicrophonePermission() {
    const [capability] = await this.inBrowserWindows(
      (origin) => Services.perms.testExactPermissionFromPrincipal(Services.scriptSecurityManager.createContentPrincipalFromOrigin(origin), 'microphone'),
      this.origin,
    );
    return /** @type {const} */ (['unset', 'allow', 'block', 'prompt'])[capability] ?? `capability ${capability}`;
  }

  /** The add-on's MV3 event page: "running", "suspending", "stopped" or "starting". */
  async backgroundState() {
    const [state] = await this.inBrowserWindows(
      (id) => WebExtensionPolicy.getByID(id)?.extension?.backgroundState ?? 'not installed',
      this.geckoId,
    );
    return state;
  }

  close() {
    return this.browser.close();
  }
}
