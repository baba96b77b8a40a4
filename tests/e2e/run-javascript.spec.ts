import { callTool, confirmationWindow, expect, startSession, test, updateSettings, type Extension } from './fixtures';

/**
 * What a user does before run_javascript can work in Chrome: grant the optional "userScripts" permission (a click
 * in an extension page; here Playwright's evaluate, which counts as a user gesture), then switch on "Allow User
 * Scripts" for the extension on chrome://extensions (Chrome 138+). Until both, `chrome.userScripts` is undefined.
 */
async function allowUserScripts(extension: Extension): Promise<void> {
  const page = await extension.context.newPage();
  await page.goto(`chrome-extension://${extension.extensionId}/options.html`);
  expect(await page.evaluate(() => chrome.permissions.request({ permissions: ['userScripts'] }))).toBe(true);
  await page.goto(`chrome://extensions/?id=${extension.extensionId}`);
  // Playwright's locators pierce the page's shadow roots (extensions-manager → extensions-detail-view → cr-toggle).
  await page.getByRole('switch', { name: /Allow User Scripts/ }).click();
  await expect.poll(() => extension.worker.evaluate(() => typeof chrome.userScripts?.execute)).toBe('function');
  await page.close();
}

test('switched on and allowed: the code is shown to the user, runs in the page on Allow, and its value comes back', async ({ extension, demo, peer }) => {
  await updateSettings(extension.worker, { allowRunJavascript: true });
  await allowUserScripts(extension);
  // A global of the page's own scripts: the code runs in the page's world and sees it.
  await demo.evaluate(() => Object.assign(window, { cart: { items: 3 } }));
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);

  const pending = callTool(session, 'run_javascript', { code: 'document.title = "changed"; 1+1' }, 30_000);
  const question = await confirmationWindow(extension.context);
  await expect(question.locator('#confirm-action')).toContainText('run this JavaScript on 127.0.0.1:');
  await expect(question.locator('#confirm-action')).toContainText('document.title = "changed"; 1+1');
  await expect(question.locator('.confirm-reason')).toContainText('it runs code in the page');
  await question.getByRole('button', { name: 'Allow', exact: true }).click();
  const ran = await pending;
  expect(ran).toMatchObject({ ok: true, result: '2' });
  await expect(demo).toHaveTitle('changed');

  const page = await approved(extension, callTool(session, 'run_javascript', { code: 'cart.items * 2' }, 30_000));
  expect(page).toMatchObject({ ok: true, result: '6' });

  const thrown = await approved(extension, callTool(session, 'run_javascript', { code: 'document.title = "half"; missing.call()' }, 30_000));
  expect(thrown).toEqual({ ok: false, error: 'The JavaScript threw an error: ReferenceError: missing is not defined. The part before the error did run.' });
  await expect(demo).toHaveTitle('half');

  const syntax = await approved(extension, callTool(session, 'run_javascript', { code: 'document.title = "never";\nlet = = 3' }, 30_000));
  expect(syntax).toMatchObject({ ok: false, error: expect.stringMatching(/^The JavaScript has a syntax error: .+ \(line 2\)\. None of it ran\.$/) });
  await expect(demo).toHaveTitle('half');
  // Nothing of ours is left in the page's world.
  expect(await demo.evaluate(() => Object.keys(window).filter((key) => key.startsWith('vpc')))).toEqual([]);
});

test('the user says no: the code does not run', async ({ extension, demo, peer }) => {
  await updateSettings(extension.worker, { allowRunJavascript: true });
  await allowUserScripts(extension);
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  const before = await demo.title();

  const pending = callTool(session, 'run_javascript', { code: 'document.title = "changed"' }, 30_000);
  const question = await confirmationWindow(extension.context);
  await question.getByRole('button', { name: "Don't allow" }).click();
  expect(await pending).toMatchObject({ ok: false, error: expect.stringMatching(/declined/) });
  await expect(demo).toHaveTitle(before);
});

test('switched off (the default): the model is told so, nobody is asked, and the page is untouched', async ({ extension, demo, peer }) => {
  await allowUserScripts(extension);
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  const before = await demo.title();

  const result = await callTool(session, 'run_javascript', { code: 'document.title = "changed"; 1+1' });
  expect(result).toEqual({
    ok: false,
    error: 'run_javascript is switched off. The user can switch it on in the extension\'s settings (Tools → "Let the AI run JavaScript").',
  });
  expect(extension.context.pages().some((page) => page.url().includes('/confirm.html'))).toBe(false);
  await expect(demo).toHaveTitle(before);
});

test('switched on, but Chrome\'s "Allow User Scripts" is off: the model is told how the user enables it', async ({ extension, demo, peer }) => {
  await updateSettings(extension.worker, { allowRunJavascript: true });
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);

  // Without the permission.
  expect(await callTool(session, 'run_javascript', { code: '1' })).toMatchObject({ ok: false, error: expect.stringMatching(/"user scripts" permission/) });
  // With it, but the switch still off: chrome.userScripts stays undefined.
  const page = await extension.context.newPage();
  await page.goto(`chrome-extension://${extension.extensionId}/options.html`);
  expect(await page.evaluate(() => chrome.permissions.request({ permissions: ['userScripts'] }))).toBe(true);
  await page.close();
  await demo.bringToFront();
  expect(await extension.worker.evaluate(() => typeof chrome.userScripts)).toBe('undefined');
  expect(await callTool(session, 'run_javascript', { code: '1' })).toMatchObject({
    ok: false,
    error: expect.stringMatching(/chrome:\/\/extensions.*Voice Page Control.*"Allow User Scripts"/),
  });
  expect(extension.context.pages().some((candidate) => candidate.url().includes('/confirm.html'))).toBe(false);
});

/** Answers the confirmation for a pending run with Allow, and returns the run's result. */
async function approved<T>(extension: Extension, pending: Promise<T>): Promise<T> {
  const question = await confirmationWindow(extension.context);
  await question.getByRole('button', { name: 'Allow', exact: true }).click();
  return pending;
}
