import { callTool, expect, startSession, test, type Extension } from './fixtures';
import { startRecordingServer, tokenServerFor } from './recording-server';

const openOptions = async (extension: Extension) => {
  const options = await extension.context.newPage();
  await options.goto(`chrome-extension://${extension.extensionId}/options.html`);
  return options;
};

const storedSettings = (extension: Extension) =>
  extension.worker.evaluate(async () => (await chrome.storage.local.get('settings')).settings as Record<string, unknown>);

test('options saved in the page apply to the next session: server VAD, transcription model, reasoning effort, tools switched off', async ({ extension, demo, peer }) => {
  const options = await openOptions(extension);
  // The price of a minute of audio follows the model.
  await expect(options.locator('.price')).toHaveText(/\$0\.0060 a minute of your speech and \$0\.0240 a minute of the AI's/);
  await options.locator('select[name="model"]').selectOption('gpt-realtime-2');
  await expect(options.locator('.price')).toHaveText('No published price is known here for this model: sessions show tokens only.');
  await options.getByLabel('Reasoning effort').selectOption('low');
  await options.getByLabel('Turn taking').selectOption('server_vad');
  await options.getByLabel(/Speech threshold/).fill('0.65');
  await options.getByLabel(/Audio kept from before speech/).fill('250');
  await options.getByLabel(/Silence that ends my turn/).fill('900');
  await options.getByLabel('Transcription model').selectOption('gpt-4o-transcribe');
  await options.getByRole('checkbox', { name: /^scroll:/ }).uncheck();
  await options.getByRole('checkbox', { name: /^highlight:/ }).uncheck();
  await expect(options.getByRole('status')).toHaveText('Unsaved changes.');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('status')).toHaveText('Saved.');

  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  const update = await session.waitFor('session.update', { timeoutMs: 5_000 });
  expect(update.session).toMatchObject({
    type: 'realtime',
    model: 'gpt-realtime-2',
    reasoning: { effort: 'low' },
    audio: {
      input: {
        transcription: { model: 'gpt-4o-transcribe' },
        turn_detection: { type: 'server_vad', threshold: 0.65, prefix_padding_ms: 250, silence_duration_ms: 900, create_response: true, interrupt_response: true },
      },
    },
  });
  const declared = (update.session.tools as { name: string }[]).map((tool) => tool.name);
  expect(declared).toContain('click');
  expect(declared).not.toContain('scroll');
  expect(declared).not.toContain('highlight');
  expect(declared).not.toContain('run_javascript');
  // Called anyway (a model that remembers it from before): refused in words, while an enabled tool still runs.
  const refused = await callTool(session, 'scroll', { direction: 'down' });
  expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/scroll tool is switched off in the extension's options/) });
  expect(await demo.evaluate(() => scrollY)).toBe(0);
  expect(await callTool(session, 'set_background_color', { color: 'navy' })).toMatchObject({ ok: true });
});

test('an invalid option is refused: its reason next to the field, nothing stored', async ({ extension }) => {
  const options = await openOptions(extension);
  const before = await storedSettings(extension);
  await options.getByLabel('Turn taking').selectOption('server_vad');
  await options.getByLabel(/Speech threshold/).fill('1.5');
  await options.getByLabel(/Silence that ends my turn/).fill('20');
  await options.getByRole('button', { name: 'Save' }).click();

  await expect(options.getByRole('status')).toHaveText('Not saved: The threshold is between 0 and 1.');
  await expect(options.locator('[data-field="vadThreshold"]')).toHaveText('The threshold is between 0 and 1.');
  await expect(options.locator('[data-field="vadSilenceMs"]')).toHaveText('At least 100 ms of silence.');
  await expect(options.getByLabel(/Speech threshold/)).toHaveAttribute('aria-invalid', 'true');
  await expect(options.getByLabel(/Speech threshold/)).toHaveAccessibleDescription('The threshold is between 0 and 1.');
  expect(await storedSettings(extension)).toEqual(before);

  // An ICE server that is not stun:/turn: is refused the same way.
  await options.getByLabel(/Speech threshold/).fill('0.5');
  await options.getByLabel(/Silence that ends my turn/).fill('500');
  await options.getByRole('button', { name: 'Add an ICE server' }).click();
  await options.getByLabel('Address 1').fill('https://turn.example.com');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.locator('[data-field="iceServers.0.urls.0"]')).toHaveText('An ICE server address starts with stun:, stuns:, turn: or turns:.');
  await options.getByLabel('Address 1').fill('turn:127.0.0.1:3478');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('status')).toHaveText('Saved.');
  await expect(options.locator('.field-error')).toHaveCount(0);
  expect((await storedSettings(extension)).iceServers).toEqual([{ urls: ['turn:127.0.0.1:3478'], username: '', credential: '' }]);
});

test('Test connection says plainly whether a key could be minted, the token server or relay answered, and why not', async ({ extension, peer }) => {
  const options = await openOptions(extension);
  const result = options.locator('[data-test-result]');
  const test = options.getByRole('button', { name: 'Test connection' });
  const peerHost = new URL(peer.url).host;

  await test.click();
  await expect(result).toHaveText(`Connected: ${peerHost} gave a session key for gpt-realtime-2.1-mini.`);
  await expect(result).toHaveAttribute('data-test-result', 'ok');

  // A wrong key, typed and tested: it is saved first, and the answer names the reason, never the key.
  await options.locator('input[name="apiKey"]').fill('sk-wrong-key-123');
  await test.click();
  await expect(result).toHaveAttribute('data-test-result', 'failed');
  await expect(result).toHaveText(new RegExp(`^${peerHost.replace(/\./g, '\\.')} rejected your API key: Incorrect API key provided`));
  await expect(result).not.toContainText('sk-wrong-key-123');

  // A token server: one that mints (at the peer, with the key it keeps), then one that is not there.
  const tokens = await startRecordingServer(tokenServerFor(peer));
  try {
    await options.getByLabel('How to connect').selectOption('token_server');
    await options.getByLabel('Token server URL').fill(`${tokens.url}/api/token`);
    await test.click();
    await expect(result).toHaveText(`Connected: your token server at ${new URL(tokens.url).host} gave a session key for gpt-realtime-2.1-mini.`);
    expect(tokens.received.map((request) => request.body)).toEqual([JSON.stringify({ model: 'gpt-realtime-2.1-mini' })]);
    await options.getByLabel('Token server URL').fill('http://127.0.0.1:9/api/token');
    await test.click();
    await expect(result).toHaveText('Could not reach your token server at 127.0.0.1:9. Is it running?');
  } finally {
    await tokens.close();
  }

  // An SDP relay: one that answers SDP, then one that is not there.
  const relay = await startRecordingServer(() => ({ status: 200, body: 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n', headers: { 'Content-Type': 'application/sdp' } }));
  try {
    await options.getByLabel('How to connect').selectOption('sdp_relay');
    await options.getByLabel('SDP relay URL').fill(`${relay.url}/api/rtc-connect`);
    await test.click();
    await expect(result).toHaveText(`Connected: your SDP relay at ${new URL(relay.url).host} answered the offer with an SDP answer.`);
    expect(relay.received[0]).toMatchObject({ method: 'POST', path: '/api/rtc-connect' });
    expect(relay.received[0]!.headers['content-type']).toBe('application/sdp');
    expect(relay.received[0]!.body).toMatch(/^v=0\r\n/);
    expect(relay.received[0]!.headers.authorization).toBeUndefined();
    await options.getByLabel('SDP relay URL').fill('http://127.0.0.1:9/api/rtc-connect');
    await test.click();
    await expect(result).toHaveText('Could not reach your SDP relay at 127.0.0.1:9. Is it running?');
  } finally {
    await relay.close();
  }
});

test('the shortcuts section lists the shortcuts and opens Chrome’s shortcuts page', async ({ extension }) => {
  const options = await openOptions(extension);
  await expect(options.locator('#shortcuts')).toContainText('Start or stop the voice session: Alt+Shift+V');
  const [shortcuts] = await Promise.all([extension.context.waitForEvent('page'), options.getByRole('button', { name: 'Change shortcuts in Chrome' }).click()]);
  await expect.poll(() => shortcuts.url()).toBe('chrome://extensions/shortcuts');
});
