import { seriousViolations } from './axe';
import { expect, startSession, test } from './fixtures';

test('the side panel names the controlled tab, and its event log filters, sends a checked client event the peer receives, and rejects bad ones', async ({ extension, demo, peer }) => {
  const panel = await extension.context.newPage();
  await panel.goto(`chrome-extension://${extension.extensionId}/sidepanel.html`);
  await demo.bringToFront();
  const session = await startSession(panel, peer);

  await expect(panel.locator('.target-tab-title')).toHaveText(await demo.title());

  const log = panel.locator('details.event-log');
  await expect(log.locator('.event-log-list')).toBeHidden();
  await log.locator('summary').first().click();
  const rows = log.locator('.event-log-list > li');
  // The session's own handshake is in the log, both ways.
  await expect(rows.filter({ has: panel.locator('code', { hasText: /^session\.update$/ }) }).first()).toHaveAttribute('data-direction', 'client');
  await expect(rows.filter({ has: panel.locator('code', { hasText: /^session\.updated$/ }) }).first()).toHaveAttribute('data-direction', 'server');

  // Filter by direction, then by text.
  await log.getByLabel('Direction').selectOption('server');
  await expect(rows.first()).toBeVisible();
  expect(new Set(await rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-direction'))))).toEqual(new Set(['server']));
  await log.getByLabel('Filter events').fill('session.updated');
  await expect(rows.first()).toBeVisible();
  expect(new Set(await rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-type'))))).toEqual(new Set(['session.updated']));

  // A valid client event reaches the peer and shows in the log as sent.
  const box = log.getByLabel('Send a client event (JSON)');
  const since = session.received.length;
  await box.fill('{"type": "input_audio_buffer.clear", "event_id": "from-the-panel"}');
  await log.getByRole('button', { name: 'Send event' }).click();
  const received = await session.waitFor((event) => event.type === 'input_audio_buffer.clear' && event.event_id === 'from-the-panel', { since, timeoutMs: 5_000 });
  expect(received.event_id).toBe('from-the-panel');
  await expect(log.locator('#send-event-result')).toHaveText('Sent.');
  await log.getByLabel('Direction').selectOption('client');
  await log.getByLabel('Filter events').fill('from-the-panel');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-type', 'input_audio_buffer.clear');

  // Not JSON: refused here, with the parser's reason.
  await box.fill('{"type": ');
  await log.getByRole('button', { name: 'Send event' }).click();
  await expect(log.getByRole('alert')).toContainText('Not valid JSON');
  // JSON, but not a client event: the host refuses it with its reason, and the peer never sees it.
  await box.fill('{"type": "make.coffee", "event_id": "bad-one"}');
  await log.getByRole('button', { name: 'Send event' }).click();
  await expect(log.getByRole('alert')).toContainText('Not a client event: "type" must be one of');
  await expect(log.getByRole('alert')).toContainText('response.create');
  // The next valid event arrives after it: the refused one would have arrived first.
  await box.fill('{"type": "input_audio_buffer.clear", "event_id": "after-the-bad-one"}');
  await log.getByRole('button', { name: 'Send event' }).click();
  await session.waitFor((event) => event.event_id === 'after-the-bad-one', { since, timeoutMs: 5_000 });
  expect(session.received.slice(since).some((entry: { event: { event_id?: string } | null }) => entry.event?.event_id === 'bad-one')).toBe(false);

  // Copy: the shown events as JSON, handed to the clipboard (recorded here: a test cannot read an extension
  // page's clipboard back, Chromium grants no clipboard permission to its origin).
  await panel.evaluate(() => {
    const w = window as unknown as { copiedText?: string };
    navigator.clipboard.writeText = async (text: string) => void (w.copiedText = text);
  });
  await log.getByRole('button', { name: 'Copy JSON' }).click();
  await expect(log.getByRole('status').filter({ hasText: 'Copied' })).toHaveText('Copied 1 event.');
  const copied = JSON.parse(await panel.evaluate(() => (window as unknown as { copiedText: string }).copiedText)) as Array<{ direction: string; event: { event_id?: string } }>;
  expect(copied).toEqual([expect.objectContaining({ direction: 'client', type: 'input_audio_buffer.clear', event: expect.objectContaining({ event_id: 'from-the-panel' }) })]);

  // The live panel, meters and open event log included, passes axe without serious or critical violations.
  expect(await seriousViolations(panel)).toEqual([]);
});

test('the popup: start, meters, the last few lines in view, a Send button inside its width, stop', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  await popup.setViewportSize({ width: 360, height: 600 });
  const session = await startSession(popup, peer);
  await expect(popup.getByRole('meter', { name: 'Microphone' })).toBeVisible();
  await expect(popup.getByRole('meter', { name: 'AI voice' })).toBeVisible();
  const answered = () => session.sent.filter((entry: { event: { type?: string } | null }) => entry.event?.type === 'response.done').length;
  for (const [index, text] of ['make the background navy', 'make the text white', 'make the background navy'].entries()) {
    await popup.getByLabel('Message to the AI').fill(text);
    await popup.getByRole('button', { name: 'Send' }).click();
    // Each request: one response that calls the tool, one that answers.
    await expect.poll(answered, { timeout: 15_000 }).toBeGreaterThanOrEqual(2 * (index + 1));
  }
  // Three requests, each with a tool row and an answer: the popup's box is a few lines high, scrolled to the newest.
  const box = popup.locator('.transcript');
  await expect(popup.locator('.turn')).toHaveCount(9);
  expect((await box.boundingBox())!.height).toBeLessThanOrEqual(140);
  await expect(popup.locator('.turn').last()).toContainText(/navy/i);
  await expect(popup.locator('.turn').last()).toBeInViewport();
  await expect(popup.locator('.turn').first()).not.toBeInViewport();
  const send = (await popup.getByRole('button', { name: 'Send' }).boundingBox())!;
  const width = await popup.evaluate(() => document.documentElement.clientWidth);
  expect(send.x + send.width).toBeLessThanOrEqual(width);
  expect(await popup.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  await expect(popup.getByRole('link', { name: 'Open side panel' })).toBeVisible();

  await popup.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(popup.locator('[data-status]')).toHaveAttribute('data-status', 'idle');
});
