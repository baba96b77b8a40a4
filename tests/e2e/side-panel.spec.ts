import { callTool, confirmationWindow, expect, startSession, test } from './fixtures';

test('the side panel holds the whole session: start, a typed message with its reply and tool row, stop', async ({ extension, demo, peer }) => {
  const panel = await extension.context.newPage();
  await panel.goto(`chrome-extension://${extension.extensionId}/sidepanel.html`);
  await demo.bringToFront();
  await startSession(panel, peer);
  await panel.getByLabel('Message to the AI').fill('make the background navy');
  await panel.getByRole('button', { name: 'Send' }).click();
  await expect(demo.locator('body')).toHaveCSS('background-color', 'rgb(0, 0, 128)');
  await expect(panel.locator('.turn-tool').last()).toContainText('set_background_color: done');
  await expect(panel.locator('.turn-assistant').last()).toContainText(/navy/i);
  await panel.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(panel.locator('[data-status]')).toHaveAttribute('data-status', 'idle');
});

test('"Open side panel" in the popup opens Chrome’s side panel with the extension’s panel in it', async ({ extension, demo }) => {
  const popup = await extension.openPopup(demo);
  await popup.getByRole('link', { name: 'Open side panel' }).click();
  await expect
    .poll(() =>
      extension.worker.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.SIDE_PANEL] })).map((context) => context.documentUrl)),
    )
    .toEqual([expect.stringMatching(/\/sidepanel\.html$/)]);
});

test('a question from the safety gate shows in the side panel too, and Allow there lets the action run', async ({ extension, demo, peer }) => {
  const panel = await extension.context.newPage();
  await panel.goto(`chrome-extension://${extension.extensionId}/sidepanel.html`);
  await demo.bringToFront();
  const session = await startSession(panel, peer);
  // Submitting the demo's form is irreversible: the gate asks, in its window and in the open panel.
  const pending = callTool(session, 'click', { selector: '#send' }, 30_000);
  const window = await confirmationWindow(extension.context);
  const question = panel.getByRole('alertdialog');
  await expect(question).toContainText('Allow the AI to do this');
  await expect(question.locator('.confirm-action')).toHaveText(await window.locator('#confirm-action').innerText());
  await question.getByRole('button', { name: 'Allow', exact: true }).click();
  expect(await pending).toMatchObject({ ok: true });
  await expect(question).toHaveCount(0);
  await expect.poll(() => window.isClosed()).toBe(true);
});
