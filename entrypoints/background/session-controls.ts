import { hostMessenger, type Result } from '@/utils/messaging';
import { messageOf } from '@/utils/errors';
import { liveConfigOf } from '@/utils/realtime/session-config';
import type { Settings } from '@/utils/settings';
import type { SessionState } from '@/utils/session-state';
import { readSession, updateSession } from './session-store';
import { routeToolCall } from './tool-router';

/** What a person does to a running session from any of our pages: type, interrupt, mute, talk, undo, tune. */

export async function sendText(text: string): Promise<Result> {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, error: 'Type a message first.' };
  if ((await readSession()).status !== 'live') return { ok: false, error: 'No voice session is running. Press Start first.' };
  return hostMessenger
    .sendMessage('host.sendText', trimmed)
    .catch((error: unknown) => ({ ok: false as const, error: `The session did not take the message: ${messageOf(error)}` }));
}

/** Cuts the AI off mid-sentence. */
export async function stopSpeaking(): Promise<Result> {
  if ((await readSession()).status !== 'live') return { ok: false, error: 'No voice session is running. Press Start first.' };
  return hostMessenger
    .sendMessage('host.stopSpeaking', undefined)
    .catch((error: unknown) => ({ ok: false as const, error: `The session did not stop speaking: ${messageOf(error)}` }));
}

/**
 * The options changed: a running session takes the new instructions, turn taking, speed, … at once (one
 * session.update); the voice applies from the next session.
 */
export async function applySettings(settings: Settings): Promise<void> {
  const state = await readSession();
  if (state.status !== 'live') return;
  const pushToTalk = settings.turnDetection === 'push_to_talk';
  const applied = await hostMessenger.sendMessage('host.updateConfig', liveConfigOf(settings)).catch(() => null);
  if (applied?.ok && pushToTalk !== state.pushToTalk) await updateSession((current) => ({ ...current, pushToTalk, talking: undefined }));
}

/** A client event sent by hand from one of our pages: the host checks its shape and sends it. */
export async function sendClientEvent(event: unknown): Promise<Result> {
  if ((await readSession()).status !== 'live') return { ok: false, error: 'No voice session is running. Press Start first.' };
  return hostMessenger
    .sendMessage('host.sendClientEvent', event)
    .catch((error: unknown) => ({ ok: false as const, error: `The session did not take the event: ${messageOf(error)}` }));
}

/** Push to talk: down starts a turn, up ends it and asks for the answer. The keyboard shortcut toggles. */
export async function pushToTalk(talking?: boolean): Promise<Result> {
  const state = await readSession();
  if (state.status !== 'live') return { ok: false, error: 'No voice session is running. Press Start first.' };
  if (!state.pushToTalk) return { ok: false, error: 'Push to talk is off: choose it under "Turn taking" in the options, then start again.' };
  const next = talking ?? !state.talking;
  const result = await hostMessenger
    .sendMessage('host.pushToTalk', next)
    .catch((error: unknown) => ({ ok: false as const, error: `Push to talk did not reach the session: ${messageOf(error)}` }));
  if (result.ok) await updateSession((current) => ({ ...current, talking: next }));
  return result;
}

/** Mutes or unmutes the microphone; every UI shows the state. */
export async function setMuted(muted: boolean): Promise<Result> {
  if ((await readSession()).status !== 'live') return { ok: false, error: 'No voice session is running. Press Start first.' };
  const result = await hostMessenger
    .sendMessage('host.setMuted', muted)
    .catch((error: unknown) => ({ ok: false as const, error: `The microphone could not be ${muted ? 'muted' : 'unmuted'}: ${messageOf(error)}` }));
  if (result.ok) await updateSession((state) => ({ ...state, muted }));
  return result;
}

/**
 * The Undo button on the latest reversible tool row: the page's undo, as the AI would call it. Undo takes back the
 * latest change, so only the latest row not yet undone offers it; that row is then marked undone.
 */
export async function undoLast(): Promise<Result> {
  const state = await readSession();
  const index = state.transcript.findLastIndex((entry) => entry.undoable && !entry.undone);
  if (index < 0) return { ok: false, error: 'There is nothing the AI changed left to undo.' };
  const result = await routeToolCall({ callId: `panel-undo-${Date.now()}`, name: 'undo', arguments: '{}' }, { byUser: true });
  if (!result.ok) return { ok: false, error: result.error };
  await markUndone('last');
  return { ok: true };
}

/** The latest reversible row not yet undone (or every one, after a reset) is marked undone. */
export function markUndone(which: 'last' | 'all'): Promise<SessionState> {
  return updateSession((state) => {
    const last = state.transcript.findLastIndex((entry) => entry.undoable && !entry.undone);
    return {
      ...state,
      transcript: state.transcript.map((entry, index) =>
        entry.undoable && !entry.undone && (which === 'all' || index === last) ? { ...entry, undone: true } : entry,
      ),
    };
  });
}
