/**
 * The safety gate: one place decides whether an action of the AI goes ahead, needs the user's confirmation, or
 * is refused. The model is never asked to judge risk (page text can contain instructions aimed at it): each tool
 * states what it is about to do, with the risk that the code in `risk.ts` found, and this module decides.
 */

/** The user's setting for a site (options page): act freely, ask before every action, or stay away entirely. */
export type SitePolicy = 'allow' | 'ask' | 'never';

export interface Action {
  /** `change`: reversible (styles, typed text, options). `act`: cannot be undone (click, key press, navigation). */
  kind: 'change' | 'act';
  /** What will happen, as the user reads it in the confirmation: `click button "Buy now"`. */
  description: string;
  /** Why this action always needs the user's yes (from risk.ts), or undefined when it is ordinary. */
  risk?: string;
  /** The element about to be touched: it is highlighted for a moment when the action goes ahead. */
  element?: Element;
}

export type Decision = { verdict: 'allow' } | { verdict: 'ask'; reason: string } | { verdict: 'refuse'; reason: string };

export const NEVER_SITE = (site: string): string =>
  `The user has set ${site} to "never": I may not read or change anything on this site. Tell the user, and do not try again.`;

/**
 * allow / ask / refuse for one action. `approved` is true only when the user confirmed this very action (the
 * worker passes the description the user saw, and the page compares it): a risky action is never allowed without.
 */
export function decide(action: Pick<Action, 'kind' | 'risk'>, policy: SitePolicy, site: string, approved: boolean): Decision {
  if (policy === 'never') return { verdict: 'refuse', reason: NEVER_SITE(site) };
  if (approved) return { verdict: 'allow' };
  if (action.risk) return { verdict: 'ask', reason: action.risk };
  if (policy === 'ask') return { verdict: 'ask', reason: `you asked to confirm every action on ${site}` };
  return { verdict: 'allow' };
}

/** Thrown by `permit` when the user must confirm first; the tool's call ends with `needsConfirmation`. */
export class ConfirmationNeeded extends Error {
  constructor(
    readonly action: string,
    readonly reason: string,
  ) {
    super(`Waiting for the user to confirm: ${action}.`);
  }
}

/** Thrown by `permit` when the gate refuses; the tool's call ends with this sentence. */
export class ActionRefused extends Error {}

/** What the model is told when the user said no (or did not answer): the action must not be retried silently. */
export function declinedMessage(action: string, timedOut: boolean): string {
  return timedOut
    ? `The user did not confirm "${action}" within 60 seconds, so I did not do it. Ask the user before trying again.`
    : `The user declined "${action}", so I did not do it. Do not try it again unless the user asks.`;
}
