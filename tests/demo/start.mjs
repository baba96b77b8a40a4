// `npm start`: build the extension, start the local Realtime peer when no OPENAI_API_KEY is set, and open
// Chromium with the extension loaded on the demo page.
//
//   npm start                      a visible browser; press Start in the extension's popup (or Alt+Shift+V)
//   npm start -- --headless        no display needed: runs a short typed demo and saves a screenshot
//   npm start -- --headless --screenshot out.png
//
// With OPENAI_API_KEY set, the extension talks to OpenAI instead of the local peer.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startPeer } from '../peer/peer.mjs';
import { CHROMIUM, configureExtension, launchWithExtension, ROOT } from './chromium.mjs';
import { startPageServer } from './page-server.mjs';

const { values: options } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    screenshot: { type: 'string', default: 'demo-screenshot.png' },
    'no-build': { type: 'boolean', default: false },
    port: { type: 'string', default: '8788' },
  },
});

if (!existsSync(CHROMIUM)) {
  console.error(`Chromium was not found at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium`);
  process.exit(1);
}
if (!options.headless && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('No display found. Run `npm start -- --headless` (saves a screenshot), or `xvfb-run -a npm start`.');
  process.exit(1);
}
if (!options['no-build']) {
  console.log('Building the extension…');
  // Quiet unless it fails: a successful build only prints bundler notes a newcomer need not read.
  const build = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) {
    console.error(build.stdout, build.stderr);
    process.exit(1);
  }
}

const apiKey = process.env.OPENAI_API_KEY;
const peer = apiKey ? null : await startPeerOnFreePort(Number(options.port));
const site = await startPageServer();
const { context, extensionId, worker } = await launchWithExtension({ headless: options.headless });
if (peer) {
  await configureExtension(worker, { apiKey: peer.apiKey, mintUrl: peer.mintUrl, callsUrl: peer.callsUrl });
  console.log(`Local Realtime peer: ${peer.url} (no API key needed; type commands such as "make the background navy")`);
} else {
  await configureExtension(worker, { apiKey: apiKey ?? '', provider: 'openai' });
  console.log('Using OpenAI with OPENAI_API_KEY.');
}

const demo = context.pages()[0] ?? (await context.newPage());
await demo.goto(`${site.url}/demo`);
console.log(`Demo page: ${site.url}/demo   ·   Popup: chrome-extension://${extensionId}/popup.html`);

const shutdown = async () => {
  await context.close().catch(() => undefined);
  await site.close();
  await peer?.close();
};

// @roamhq/wrtc can crash when Node exits on its own after WebRTC use: always leave through process.exit.
if (options.headless) {
  await runTypedDemo();
  await shutdown();
  process.exit(process.exitCode ?? 0);
} else {
  console.log('Open the extension from the toolbar (puzzle icon → Voice Page Control), press Start, then talk or type.');
  console.log('Close the browser or press Ctrl+C to stop.');
  context.on('close', () => void shutdown().then(() => process.exit(0)));
  process.on('SIGINT', () => void shutdown().then(() => process.exit(0)));
}

/** Headless: press Start in the popup, type two requests, and save what the page looks like. */
async function runTypedDemo() {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await demo.bringToFront();
  await popup.getByRole('button', { name: 'Start' }).click();
  const status = popup.locator('[data-status]');
  await status.and(popup.locator('[data-status="live"], [data-status="error"]')).waitFor({ timeout: 20_000 });
  if ((await status.getAttribute('data-status')) !== 'live') {
    console.error(`The session did not start: ${await popup.getByRole('alert').textContent()}`);
    process.exitCode = 1;
    return;
  }
  for (const request of ['make the background navy', 'make the text white', 'make the buttons twice as big and green']) {
    const replies = await popup.locator('.turn-assistant').count();
    await popup.getByLabel('Message to the AI').fill(request);
    await popup.getByRole('button', { name: 'Send' }).click();
    await popup.locator('.turn-assistant').nth(replies).waitFor({ timeout: 15_000 });
  }
  const file = path.resolve(options.screenshot);
  await demo.screenshot({ path: file });
  console.log('\nTranscript:');
  for (const line of await popup.locator('.turn').allTextContents()) console.log(`  ${line}`);
  console.log(`\nScreenshot of the changed demo page: ${file}`);
}

async function startPeerOnFreePort(port) {
  try {
    return await startPeer({ port });
  } catch {
    return startPeer({ port: 0 });
  }
}
