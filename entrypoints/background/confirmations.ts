import { browser } from 'wxt/browser';
import type { PendingAction } from '@/utils/tools/tool';
import { readSession, updateSession } from './session-store';

/** No answer within this long means no. */
export const CONFIRMATION_TIMEOUT_MS = 60_000;
const POLL_MS = 150;
const CONFIRM_PAGE = '/confirm.html';
const SIDE_PANEL_PAGE = '/sidepanel.html';
const WINDOW = { width: 460, height: 300 };

export type Answer = 'approved' | 'declined' | 'timeout';

/**
 * Asks the user to confirm an action, in a window of the extension's own (entrypoints/confirm/): page scripts
 * cannot reach it, see it or click it. The question waits in session state; the window's answer is written there
 * by `answerConfirmation`. Waiting polls storage (bounded, 60 s): it keeps an MV3 worker busy, and a restarted
 * worker would still find the question and its answer where the window left them.
 */
export async function askUser(pending: PendingAction): Promise<Answer> {
  const id = crypto.randomUUID();
  await updateSession((state) => ({ ...state, confirmation: { ...pending, id, askedAt: Date.now() } }));
  const windowId = await openWindow(id);
  const deadline = Date.now() + CONFIRMATION_TIMEOUT_MS;
  let answer: Answer = 'timeout';
  while (Date.now() < deadline) {
    const { confirmation } = await readSession();
    if (confirmation?.id !== id) {
      answer = 'declined'; // the session ended or another question replaced this one
      break;
    }
    if (confirmation.answer !== undefined) {
      answer = confirmation.answer ? 'approved' : 'declined';
      break;
    }
    if (windowId != null && !(await browser.windows.get(windowId).catch(() => null))) {
      answer = 'declined'; // the user closed the window
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  await updateSession((state) => (state.confirmation?.id === id ? { ...state, confirmation: undefined } : state));
  if (windowId != null) await browser.windows.remove(windowId).catch(() => undefined);
  return answer;
}

/** The confirmation window's answer; only the question it shows can be answered, once. */
export async function answerConfirmation({ id, approved }: { id: string; approved: boolean }): Promise<{ ok: true } | { ok: false; error: string }> {
  let answered = false;
  await updateSession((state) => {
    if (state.confirmation?.id !== id || state.confirmation.answer !== undefined) return state;
    answered = true;
    return { ...state, confirmation: { ...state.confirmation, answer: approved } };
  });
  return answered ? { ok: true } : { ok: false, error: 'This question has already been answered or has expired.' };
}

async function openWindow(id: string): Promise<number | undefined> {
  const url = browser.runtime.getURL(`${CONFIRM_PAGE}?id=${encodeURIComponent(id)}`);
  const created = await browser.windows
    .create({ type: 'popup', url, focused: true, ...WINDOW })
    .catch(() => undefined);
  return created?.id;
}

/**
 * Whether a message comes from a page where the user answers: the confirmation window, or the side panel that shows
 * the same question. Never a web page, and never the session host, where the model's words arrive.
 */
export function mayAnswerConfirmation(url: string | undefined): boolean {
  const page = url?.split(/[?#]/)[0];
  return page === browser.runtime.getURL(CONFIRM_PAGE) || page === browser.runtime.getURL(SIDE_PANEL_PAGE);
}
