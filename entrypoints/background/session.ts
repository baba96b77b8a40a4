import { browser } from 'wxt/browser';
import { hostMessenger, type Result } from '@/utils/messaging';
import { iceServersOf, sessionKey } from '@/utils/realtime/connection';
import { liveConfigOf } from '@/utils/realtime/session-config';
import { MICROPHONE_DENIED } from '@/utils/realtime/voice-session';
import { endpointsOf, loadSettings, serviceModelOf, type Settings } from '@/utils/settings';
import { historyItem, pastSessionOf, withSession } from '@/utils/history';
import { IDLE_SESSION, isRunning, type SessionState } from '@/utils/session-state';
import { withTimeout } from '@/utils/timeout';
import { sessionHost } from './host-launcher';
import { readSession, updateSession } from './session-store';
import { currentSettings } from './settings-cache';
import { pickTargetTab } from './tab-router';
import { releaseTouchedTabs } from './tool-router';
import { messageOf } from '@/utils/errors';
import { traceMark, traceReset } from '@/utils/trace';
import { toolDefinitions, type ToolDefinition } from '@/utils/tools';

const HOST_START_TIMEOUT_MS = 20_000;
const PERMISSION_PAGE = '/permission.html';

/** Start: mint a key and open the host in parallel, then hand the host the key and the session settings. */
export async function startSession(): Promise<Result> {
  traceReset();
  traceMark('start');
  const current = await readSession();
  if (isRunning(current.status)) return { ok: true };
  const targetTabId = await pickTargetTab();
  await updateSession(() => ({ ...IDLE_SESSION, status: 'starting', targetTabId, startedAt: Date.now() }));
  traceMark('starting');

  // Read once: the session starts with these, and the UIs learn its turn taking from them.
  const settings = await loadSettings();
  traceMark('settings');
  const started = await connectHost(settings, { resume: false });
  traceMark('host-started');
  if (!started.ok) {
    if (started.code === MICROPHONE_DENIED) {
      await openPermissionPage();
      return failStart('Your browser needs your permission to use the microphone. Allow it in the tab that just opened, then press Start again.');
    }
    return failStart(started.error);
  }
  const pushToTalk = settings.turnDetection === 'push_to_talk';
  await updateSession((state) => ({ ...state, status: 'live', error: undefined, pushToTalk }));
  traceMark('live');
  return { ok: true };
}

/** The tools' JSON Schemas never change while the worker runs: built once, on the first Start. */
let definitions: ToolDefinition[] | undefined;

/** A fresh key (the API key stays here) and the host connected with it: a new session, or a running one resumed. */
export async function connectHost(settings: Settings, { resume }: { resume: boolean }): Promise<Result & { code?: string }> {
  const relay = settings.connection === 'sdp_relay';
  const opening = Promise.all([
    (relay ? Promise.resolve({ ok: true as const, value: '' }) : sessionKey(settings)).then((secret) => (traceMark('minted'), secret)),
    sessionHost.open().then(
      () => (traceMark('host-open'), null),
      (error: unknown) => `The session host could not be opened: ${messageOf(error)}`,
    ),
  ]);
  // Built while the key is minted and the host loads, not after.
  const tools = (definitions ??= toolDefinitions());
  const [secret, hostOpened] = await opening;
  if (!secret.ok) return { ok: false, error: secret.error };
  if (hostOpened) return { ok: false, error: hostOpened };
  try {
    return await withTimeout(
      hostMessenger.sendMessage('host.start', {
        clientSecret: secret.value,
        callsUrl: relay ? settings.relayUrl : endpointsOf(settings).callsUrl,
        model: serviceModelOf(settings),
        config: liveConfigOf(settings),
        ...(relay ? { relay: true } : {}),
        ...(settings.iceServers.length > 0 ? { iceServers: iceServersOf(settings) } : {}),
        tools,
        ...(resume ? { resume: true } : {}),
      }),
      HOST_START_TIMEOUT_MS,
      'The voice session did not start in time.',
    );
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  }
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

async function failStart(error: string): Promise<Result> {
  await releaseHost();
  await updateSession((state) => ({ ...state, status: 'error', error }));
  return { ok: false, error };
}

/** Ends the call (microphone, connection) and closes the host; both are harmless when nothing is running. */
export async function releaseHost(): Promise<void> {
  await hostMessenger.sendMessage('host.stop', undefined).catch(() => undefined);
  await sessionHost.close().catch(() => undefined);
}

async function openPermissionPage(): Promise<void> {
  const url = browser.runtime.getURL(PERMISSION_PAGE);
  const [open] = await browser.tabs.query({ url });
  if (open?.id != null) await browser.tabs.update(open.id, { active: true });
  else await browser.tabs.create({ url });
}
