import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { workerMessenger } from '@/utils/messaging';
import { isRunning } from '@/utils/session-state';
import { isExtensionPage, REFUSED } from './senders';
import { showBadge } from './badge';
import { onSessionChange, readSession } from './session-store';
import { startSession, stopSession } from './session';
import { applySettings, pushToTalk, sendClientEvent, sendText, setMuted, stopSpeaking, undoLast } from './session-controls';
import { recordHostEvent } from './host-events';
import { armMinutesLimit, onMinutesAlarm } from './limits';
import { answerConfirmation, mayAnswerConfirmation } from './confirmations';
import { currentSettings, forgetSettingsOnChange } from './settings-cache';
import { followActivatedTab } from './tab-router';
import { routeToolCall } from './tool-router';
import { testConnection } from '@/utils/realtime/connection';
import { tools } from '@/utils/tools';
import { loadSettings } from '@/utils/settings';
import { openOnboarding, shouldOpenOnboarding } from './onboarding';
import { prepareHost, watchPanels } from './prepared-host';

/**
 * The background worker only wires things together: every handler lives in a module beside this file,
 * and every listener is registered synchronously so a restarted worker hears the message that woke it.
 */
export default defineBackground(() => {
  const refused = { ok: false as const, error: REFUSED };

  workerMessenger.onMessage('worker.start', ({ sender }) => (isExtensionPage(sender) ? startSession() : refused));
  workerMessenger.onMessage('worker.stop', ({ sender }) => (isExtensionPage(sender) ? stopSession() : refused));
  workerMessenger.onMessage('worker.sendText', ({ sender, data }) => (isExtensionPage(sender) ? sendText(data) : refused));
  workerMessenger.onMessage('worker.stopSpeaking', ({ sender }) => (isExtensionPage(sender) ? stopSpeaking() : refused));
  workerMessenger.onMessage('worker.undoLast', ({ sender }) => (isExtensionPage(sender) ? undoLast() : refused));
  workerMessenger.onMessage('worker.sendClientEvent', ({ sender, data }) => (isExtensionPage(sender) ? sendClientEvent(data) : refused));
  workerMessenger.onMessage('worker.pushToTalk', ({ sender, data }) => (isExtensionPage(sender) ? pushToTalk(data === true) : refused));
  workerMessenger.onMessage('worker.setMuted', ({ sender, data }) => (isExtensionPage(sender) ? setMuted(data === true) : refused));
  workerMessenger.onMessage('worker.prepareHost', ({ sender }) => (isExtensionPage(sender) ? prepareHost() : refused));
  watchPanels();
  workerMessenger.onMessage('worker.testConnection', async ({ sender }) =>
    isExtensionPage(sender) ? testConnection(await loadSettings()) : { ok: false, message: REFUSED },
  );
  workerMessenger.onMessage('worker.toolList', ({ sender }) => (isExtensionPage(sender) ? tools.map(({ name, description }) => ({ name, description })) : []));
  workerMessenger.onMessage('worker.toolCall', ({ sender, data }) => (isExtensionPage(sender) ? routeToolCall(data) : refused));
  // Only the confirmation window or the side panel may answer the safety gate's question: never a page, never the model's host.
  workerMessenger.onMessage('worker.answerConfirmation', ({ sender, data }) =>
    isExtensionPage(sender) && mayAnswerConfirmation(sender.url) ? answerConfirmation(data) : refused,
  );
  workerMessenger.onMessage('worker.hostEvent', ({ sender, data }) => {
    if (isExtensionPage(sender)) return recordHostEvent(data);
  });

  // Welcome a new user once: what the extension does, a key or the local demo peer, the microphone, a first command.
  browser.runtime.onInstalled.addListener((details) => {
    if (shouldOpenOnboarding(details)) void openOnboarding().catch(() => undefined);
  });
  browser.tabs.onActivated.addListener((info) => void followActivatedTab(info));
  // The badge follows the state; a restarted worker shows the state it finds.
  onSessionChange((state) => {
    void showBadge(state);
    void currentSettings().then((settings) => armMinutesLimit(state, settings));
  });
  void readSession().then(showBadge);
  forgetSettingsOnChange((settings) => {
    void applySettings(settings);
    void readSession().then((state) => armMinutesLimit(state, settings));
  });
  browser.alarms.onAlarm.addListener((alarm) => void onMinutesAlarm(alarm));

  browser.commands.onCommand.addListener(async (command) => {
    // A shortcut has no "key released": pressing it again ends the turn.
    if (command === 'push-to-talk') return void (await pushToTalk());
    if (command !== 'toggle-session') return;
    const { status } = await readSession();
    await (isRunning(status) ? stopSession() : startSession());
  });
});
