import type { PageOverlay } from '../page/overlay';
import { ActionRefused, ConfirmationNeeded, decide, type Action, type SitePolicy } from './gate';

/** How long the element about to be touched stays highlighted. */
export const TOUCH_HIGHLIGHT_MS = 900;

export interface PermitOptions {
  policy: SitePolicy;
  /** Host name of the page, named in confirmations. */
  site: string;
  /** The action description the user confirmed for this call, if any: only that exact action is let through. */
  approved?: string;
  overlay?: PageOverlay;
}

/**
 * The gate as a page tool meets it (`PageContext.permit`): returns when the action may go ahead (after showing the
 * badge and flashing the element), throws ConfirmationNeeded or ActionRefused otherwise.
 */
export function createPermit({ policy, site, approved, overlay }: PermitOptions): (action: Action) => void {
  return (action) => {
    const decision = decide(action, policy, site, approved !== undefined && approved === action.description);
    if (decision.verdict === 'refuse') throw new ActionRefused(decision.reason);
    if (decision.verdict === 'ask') throw new ConfirmationNeeded(action.description, decision.reason);
    if (action.element) overlay?.highlight(action.element, TOUCH_HIGHLIGHT_MS);
    else overlay?.showBadge();
  };
}
