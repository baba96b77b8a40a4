import { browser } from 'wxt/browser';
import { hostMessenger, workerMessenger } from './messaging';
import { VoiceSession, type VoiceSessionDeps } from './realtime/voice-session';
import type { BrowserToolResult } from './tools/browser-tool';
import { withTimeout } from './timeout';
import { messageOf } from './errors';
import { serveLevels } from './levels';

/** Long enough for the user to answer a confirmation (60 s, entrypoints/background/confirmations.ts). */
const TOOL_CALL_TIMEOUT_MS = 75_000;

/**
 * Serves the host protocol from whichever page holds the session: Chrome's offscreen document or
 * Firefox's session page. The page supplies its audio element, and may supply how it opens the microphone.
 */
export function serveSessionHost(
  audioElement: HTMLAudioElement,
  getUserMedia: VoiceSessionDeps['getUserMedia'] = (constraints) => navigator.mediaDevices.getUserMedia(constraints),
): VoiceSession {
  const session = new VoiceSession({
    getUserMedia,
    audioElement,
    runTool: (call) =>
      withTimeout(workerMessenger.sendMessage('worker.toolCall', call), TOOL_CALL_TIMEOUT_MS, 'the tool call timed out').catch(
        (error: unknown): BrowserToolResult => ({ ok: false, error: `The tool could not run: ${messageOf(error)}` }),
      ),
    report: (event) => void workerMessenger.sendMessage('worker.hostEvent', event).catch(() => undefined),
  });
  const fromExtension = (sender: { id?: string; url?: string }) =>
    sender.id === browser.runtime.id && (sender.url?.startsWith(browser.runtime.getURL('/')) ?? false);
  const refused = { ok: false as const, error: 'Refused: not from this extension.' };

  hostMessenger.onMessage('host.start', ({ sender, data }) =>
    fromExtension(sender) ? session.start(data, Array.isArray(data.tools) ? data.tools : []) : refused,
  );
  hostMessenger.onMessage('host.stop', ({ sender }) => {
    if (!fromExtension(sender)) return refused;
    session.stop();
    return { ok: true };
  });
  hostMessenger.onMessage('host.sendText', ({ sender, data }) => (fromExtension(sender) ? session.sendText(data) : refused));
  hostMessenger.onMessage('host.stopSpeaking', ({ sender }) => (fromExtension(sender) ? session.stopSpeaking() : refused));
  hostMessenger.onMessage('host.endWithMessage', ({ sender, data }) => (fromExtension(sender) ? session.endWithMessage(String(data)) : refused));
  hostMessenger.onMessage('host.sendClientEvent', ({ sender, data }) => (fromExtension(sender) ? session.sendClientEvent(data) : refused));
  hostMessenger.onMessage('host.eventLog', ({ sender }) => (fromExtension(sender) ? session.eventLog() : []));
  hostMessenger.onMessage('host.updateConfig', ({ sender, data }) => (fromExtension(sender) ? session.updateConfig(data) : refused));
  hostMessenger.onMessage('host.pushToTalk', ({ sender, data }) => (fromExtension(sender) ? session.pushToTalk(data === true) : refused));
  hostMessenger.onMessage('host.setMuted', ({ sender, data }) => (fromExtension(sender) ? session.setMuted(data === true) : refused));
  // The meters: sampled only while a UI holds a levels port (utils/levels.ts).
  const levels = serveLevels({
    microphone: () => session.microphone,
    voice: () => (audioElement.srcObject instanceof MediaStream ? audioElement.srcObject : null),
  });
  hostMessenger.onMessage('host.stats', async ({ sender }) => {
    if (!fromExtension(sender)) return null;
    const stats = await session.stats();
    return stats && { ...stats, levelsSent: levels.sent, levelSubscribers: levels.subscribers };
  });
  return session;
}
