import { browser } from 'wxt/browser';
import { hostMessenger, type HostEvent, type Result } from '@/utils/messaging';
import { fetchTokenFromServer, mintClientSecret } from '@/utils/realtime/mint';
import { addUsage, costOf, formatDollars, NO_USAGE } from '@/utils/realtime/pricing';
import { liveConfigOf } from '@/utils/realtime/session-config';
import { MICROPHONE_DENIED, ROLLOVER } from '@/utils/realtime/voice-session';
import { endpointsOf, loadSettings, type Settings } from '@/utils/settings';
import { historyItem, pastSessionOf, withSession } from '@/utils/history';
import { IDLE_SESSION, isRunning, type SessionState } from '@/utils/session-state';
import { withTimeout } from '@/utils/timeout';
import { sessionHost } from './host-launcher';
import { appendTranscript, putCaption, readSession, updateSession } from './session-store';
import { currentSettings } from './settings-cache';
import { pickTargetTab } from './tab-router';
import { releaseTouchedTabs, routeToolCall } from './tool-router';
import { messageOf } from '@/utils/errors';

const HOST_START_TIMEOUT_MS = 20_000;
/** Reconnect attempts, and the pause after each failed one (≈ 15 s in all before giving up). */
const RECONNECT_PAUSES_MS = [250, 500, 1_000, 2_000, 4_000, 8_000];
const PERMISSION_PAGE = '/permission.html';

/** Start: mint a key and open the host in parallel, then hand the host the key and the session settings. */
export async function startSession(): Promise<Result> {
  const current = await readSession();
  if (isRunning(current.status)) return { ok: true };
  const targetTabId = await pickTargetTab();
  await updateSession(() => ({ ...IDLE_SESSION, status: 'starting', targetTabId, startedAt: Date.now() }));

  // Read once: the session starts with these, and the UIs learn its turn taking from them.
  const settings = await loadSettings();
  const started = await connectHost(settings, { resume: false });
  if (!started.ok) {
    if (started.code === MICROPHONE_DENIED) {
      await openPermissionPage();
      return failStart('Your browser needs your permission to use the microphone. Allow it in the tab that just opened, then press Start again.');
    }
    return failStart(started.error);
  }
  const pushToTalk = settings.turnDetection === 'push_to_talk';
  await updateSession((state) => ({ ...state, status: 'live', error: undefined, pushToTalk }));
  return { ok: true };
}

/** A fresh key (the API key stays here) and the host connected with it: a new session, or a running one resumed. */
async function connectHost(settings: Settings, { resume }: { resume: boolean }): Promise<Result & { code?: string }> {
  const { mintUrl, callsUrl } = endpointsOf(settings);
  const [secret, hostOpened] = await Promise.all([
    settings.connection === 'token_server'
      ? fetchTokenFromServer({ url: settings.tokenServerUrl, model: settings.model })
      : mintClientSecret({ mintUrl, apiKey: settings.apiKey, model: settings.model }),
    sessionHost.open().then(
      () => null,
      (error: unknown) => `The session host could not be opened: ${messageOf(error)}`,
    ),
  ]);
  if (!secret.ok) return { ok: false, error: secret.error };
  if (hostOpened) return { ok: false, error: hostOpened };
  try {
    return await withTimeout(
      hostMessenger.sendMessage('host.start', {
        clientSecret: secret.value,
        callsUrl,
        model: settings.model,
        config: liveConfigOf(settings),
        ...(resume ? { resume: true } : {}),
      }),
      HOST_START_TIMEOUT_MS,
      'The voice session did not start in time.',
    );
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  }
}

let reconnecting = false;
/** A drop reported while a reconnect was finishing: it is about the new connection, so there is another round. */
let droppedMeanwhile: string | null = null;

/**
 * The connection dropped, or the session is about to reach the service's time limit: connect again with a fresh
 * key and the conversation replayed, retrying a few times with growing pauses. The UIs show "Reconnecting…"
 * meanwhile; Stop ends it. Tool calls need no care: none can arrive while there is no connection.
 */
export async function reconnectSession(reason: string): Promise<void> {
  if (reconnecting) {
    droppedMeanwhile = reason;
    return;
  }
  reconnecting = true;
  try {
    for (let next: string | null = reason; next !== null; next = droppedMeanwhile) {
      droppedMeanwhile = null;
      if (!(await restore(next))) return;
    }
  } finally {
    reconnecting = false;
  }
}

/** One reconnect; true when the session is live again. */
async function restore(reason: string): Promise<boolean> {
  const { status } = await readSession();
  if (status !== 'live' && status !== 'reconnecting') return false;
  await updateSession((state) => ({ ...state, status: 'reconnecting', error: reason === ROLLOVER ? undefined : reason }));
  let lastError = reason;
  for (const pause of RECONNECT_PAUSES_MS) {
    if ((await readSession()).status !== 'reconnecting') return false; // the user pressed Stop
    // A drop reported before this attempt was about a connection that is gone already.
    droppedMeanwhile = null;
    const resumed = await connectHost(await loadSettings(), { resume: true });
    if (resumed.ok) {
      // Stop may have come while connecting: then the new connection goes too.
      if ((await readSession()).status !== 'reconnecting') {
        await releaseHost();
        return false;
      }
      await updateSession((state) => ({ ...state, status: 'live', error: undefined, reconnects: (state.reconnects ?? 0) + 1 }));
      return true;
    }
    lastError = resumed.error;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
  await stopSession(`The connection to the voice service was lost and could not be restored: ${lastError}`);
  return false;
}

export async function stopSession(reason?: string): Promise<Result> {
  await releaseHost();
  const { status } = await readSession();
  const wasRunning = status === 'live' || status === 'reconnecting';
  const ended = await updateSession((state) => ({
    ...state,
    status: 'idle',
    error: reason,
    confirmation: undefined,
    lastCall: undefined,
    muted: undefined,
    talking: undefined,
  }));
  await releaseTouchedTabs(ended.touchedTabIds);
  if (wasRunning) await keepInHistory(ended);
  return { ok: true };
}

/** A session that ran is kept in the local history (bounded; the options page lists, exports and deletes). */
async function keepInHistory(ended: SessionState): Promise<void> {
  const past = pastSessionOf(ended, (await currentSettings()).model, Date.now(), crypto.randomUUID());
  if (past) await historyItem.setValue(withSession(await historyItem.getValue(), past));
}

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

let limitReached = false;

/**
 * The user's limits (options page): past one, the AI says why and the session ends, with the reason shown.
 * Checked on every response (the cost and the clock both move with the conversation) and on every tool call.
 */
export async function checkLimits(state: SessionState, { limitDollars, limitMinutes }: Pick<Settings, 'limitDollars' | 'limitMinutes'>): Promise<void> {
  if (state.status !== 'live' || limitReached) return;
  let reason: string | null = null;
  if (limitDollars > 0 && (state.costUsd ?? 0) >= limitDollars) reason = `it reached your limit of ${formatDollars(limitDollars)} (it cost ${formatDollars(state.costUsd ?? 0)}).`;
  const minutes = state.startedAt ? (Date.now() - state.startedAt) / 60_000 : 0;
  if (!reason && limitMinutes > 0 && minutes >= limitMinutes) reason = `it reached your limit of ${limitMinutes} minute${limitMinutes === 1 ? '' : 's'}.`;
  if (!reason) return;
  limitReached = true;
  try {
    const sentence = `The session ended because ${reason}`;
    const said = await hostMessenger.sendMessage('host.endWithMessage', sentence).catch(() => null);
    if (!said?.ok) await stopSession(sentence);
  } finally {
    limitReached = false;
  }
}

/**
 * The Undo button on the latest reversible tool row: the page's undo, as the AI would call it. Undo takes back the
 * latest change, so only the latest row not yet undone offers it; that row is then marked undone.
 */
export async function undoLast(): Promise<Result> {
  const state = await readSession();
  const index = state.transcript.findLastIndex((entry) => entry.undoable && !entry.undone);
  if (index < 0) return { ok: false, error: 'There is nothing the AI changed left to undo.' };
  const result = await routeToolCall({ callId: `panel-undo-${Date.now()}`, name: 'undo', arguments: '{}' });
  if (!result.ok) return { ok: false, error: result.error };
  await markUndone('last');
  return { ok: true };
}

/** The latest reversible row not yet undone (or every one, after a reset) is marked undone. */
function markUndone(which: 'last' | 'all'): Promise<SessionState> {
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

/** What the host reports becomes session state, which every open UI watches. */
export async function recordHostEvent(event: HostEvent): Promise<void> {
  if (event.kind === 'transcript' || event.kind === 'caption') {
    await (event.kind === 'caption'
      ? putCaption(event)
      : appendTranscript({
          role: event.role,
          text: event.text,
          ...(event.ms === undefined ? {} : { ms: event.ms }),
          ...(event.undoable ? { undoable: true } : {}),
        }));
    if (event.kind === 'transcript' && event.undid) await markUndone(event.undid);
    // The user asked again: repeating the last call is a new request, not a loop.
    if (event.role === 'user') await updateSession((state) => ({ ...state, lastCall: undefined }));
  } else if (event.kind === 'error') {
    await appendTranscript({ role: 'error', text: event.error });
  } else if (event.kind === 'latency') {
    await updateSession((state) => ({ ...state, latenciesMs: [...(state.latenciesMs ?? []), event.ms].slice(-100) }));
  } else if (event.kind === 'usage') {
    const { model, limitDollars, limitMinutes } = await currentSettings();
    const cost = costOf(model, event.usage);
    const state = await updateSession((current) => ({
      ...current,
      usage: addUsage(current.usage ?? NO_USAGE, event.usage),
      ...(cost === null ? {} : withCost(current, (current.costUsd ?? 0) + cost)),
    }));
    await checkLimits(state, { limitDollars, limitMinutes });
  } else if (event.kind === 'dropped') {
    await reconnectSession(event.reason);
  } else {
    // The call ended on its own: release everything and say why.
    await stopSession(event.reason);
  }
}

/** The new running cost, and a point on its curve for the history chart. */
function withCost(state: SessionState, usd: number): Pick<SessionState, 'costUsd' | 'costOverTime'> {
  return { costUsd: usd, costOverTime: [...(state.costOverTime ?? []), { at: Date.now(), usd }].slice(-200) };
}

async function failStart(error: string): Promise<Result> {
  await releaseHost();
  await updateSession((state) => ({ ...state, status: 'error', error }));
  return { ok: false, error };
}

/** Ends the call (microphone, connection) and closes the host; both are harmless when nothing is running. */
async function releaseHost(): Promise<void> {
  await hostMessenger.sendMessage('host.stop', undefined).catch(() => undefined);
  await sessionHost.close().catch(() => undefined);
}

async function openPermissionPage(): Promise<void> {
  const url = browser.runtime.getURL(PERMISSION_PAGE);
  const [open] = await browser.tabs.query({ url });
  if (open?.id != null) await browser.tabs.update(open.id, { active: true });
  else await browser.tabs.create({ url });
}
