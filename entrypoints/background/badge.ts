import { browser } from 'wxt/browser';
import type { SessionState } from '@/utils/session-state';

/** The toolbar icon's badge: live, muted, reconnecting or failed, readable at a glance. */
export function badgeOf(state: SessionState): { text: string; color: string; title: string } {
  if (state.status === 'error') return { text: '!', color: '#b42318', title: `Voice Page Control: ${state.error ?? 'could not start'}` };
  if (state.status === 'reconnecting') return { text: '…', color: '#9a6700', title: 'Voice Page Control: reconnecting' };
  if (state.status === 'live' && state.muted) return { text: 'MUTE', color: '#9a6700', title: 'Voice Page Control: live, microphone muted' };
  if (state.status === 'live') return { text: 'ON', color: '#1a7f37', title: 'Voice Page Control: live' };
  if (state.status === 'starting') return { text: '…', color: '#57606a', title: 'Voice Page Control: connecting' };
  return { text: '', color: '#57606a', title: 'Voice Page Control' };
}

let shown = '';

/** Updates the badge when what it shows changed (the session state changes far more often than the badge). */
export async function showBadge(state: SessionState): Promise<void> {
  const badge = badgeOf(state);
  const key = JSON.stringify(badge);
  if (key === shown) return;
  shown = key;
  await Promise.all([
    browser.action.setBadgeText({ text: badge.text }),
    browser.action.setBadgeBackgroundColor({ color: badge.color }),
    browser.action.setTitle({ title: badge.title }),
  ]).catch(() => undefined);
}
