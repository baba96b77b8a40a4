import { expect, startSession, test } from './fixtures';

// No --use-fake-ui-for-media-stream: the microphone is asked for as a real user meets it.
test.use({ extensionLaunch: { autoGrantMicrophone: false } });

test('without microphone permission, Start opens the permission page and says what to do; once granted, Start works', async ({ extension, demo, peer }) => {
  const popup = await extension.openPopup(demo);
  const permissionPage = extension.context.waitForEvent('page', {
    predicate: (page) => page.url().endsWith('/permission.html'),
    timeout: 15_000,
  });
  await popup.getByRole('button', { name: 'Start' }).click();
  await expect(popup.getByRole('alert')).toContainText('permission to use the microphone');
  await expect(popup.locator('[data-status]')).toHaveAttribute('data-status', 'error');

  const permission = await permissionPage;
  await expect(permission.getByRole('heading', { name: 'Allow the microphone' })).toBeVisible();
  // Headless Chromium dismisses the prompt, which is what "Block" looks like: the page explains how to undo it.
  await permission.getByRole('button', { name: 'Allow microphone' }).click();
  await expect(permission.locator('[data-mic="denied"]')).toContainText('blocked');

  // The user allows it (what pressing "Allow" on the prompt records for the extension's origin).
  const cdp = await extension.context.newCDPSession(permission);
  await cdp.send('Browser.setPermission', {
    permission: { name: 'microphone' },
    setting: 'granted',
    origin: `chrome-extension://${extension.extensionId}`,
  });
  await permission.reload();
  await expect(permission.locator('[data-mic="granted"]')).toBeVisible();

  await demo.bringToFront();
  const session = await startSession(popup, peer);
  await expect.poll(async () => (await session.rtpStats()).packetsReceived, { timeout: 10_000 }).toBeGreaterThan(10);
});
