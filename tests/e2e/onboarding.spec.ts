import { expect, test } from './fixtures';

// No automatic microphone grant: the welcome tab meets the microphone as a new user's browser has it (not asked yet).
test.use({ extensionLaunch: { keepOnboarding: true, autoGrantMicrophone: false } });

test('a first install opens the welcome tab, whose "Use the local demo peer" switches the provider to the local peer', async ({ extension }) => {
  const onboarding = extension.onboarding!;
  expect(onboarding, 'the install opened the onboarding tab').toBeTruthy();
  expect(onboarding.url()).toBe(`chrome-extension://${extension.extensionId}/onboarding.html`);
  await expect(onboarding.getByRole('heading', { level: 1 })).toHaveText('Welcome to Voice Page Control');
  // What it sends where, each step, and a first command.
  await expect(onboarding.getByRole('region', { name: 'What goes where' })).toContainText('stays in the extension');
  for (const step of ['1. Choose who answers', '2. Allow the microphone', '3. Try a first command']) {
    await expect(onboarding.getByRole('heading', { name: step })).toBeVisible();
  }
  await expect(onboarding.getByText('make the background light blue')).toBeVisible();
  await expect(onboarding.locator('[data-mic]')).toHaveAttribute('data-mic', 'prompt');
  const [permission] = await Promise.all([extension.context.waitForEvent('page'), onboarding.getByRole('link', { name: 'Allow the microphone' }).click()]);
  await expect(permission).toHaveURL(/\/permission\.html$/);
  await expect(permission.getByRole('button', { name: 'Allow microphone' })).toBeVisible();
  await onboarding.bringToFront();

  // The fixture configured a custom provider with the test peer's key; the button replaces it with the local preset.
  await onboarding.getByRole('button', { name: 'Use the local demo peer' }).click();
  await expect(onboarding.locator('#provider-now')).toHaveAttribute('data-provider', 'local');
  await expect(onboarding.locator('#provider-now')).toContainText('Now using the local demo peer');
  const settings = await extension.worker.evaluate(async () => (await chrome.storage.local.get('settings')).settings as Record<string, unknown>);
  expect(settings).toMatchObject({ provider: 'local', apiKey: 'sk-local-peer', connection: 'api_key', model: 'gpt-realtime-2.1-mini' });

  // "Open settings" opens the options page.
  const [options] = await Promise.all([extension.context.waitForEvent('page'), onboarding.getByRole('button', { name: 'Open settings to add a key' }).click()]);
  await expect(options).toHaveURL(/\/options\.html$/);
});
