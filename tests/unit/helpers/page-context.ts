import { RefRegistry } from '../../../utils/page/refs';
import { UndoJournal } from '../../../utils/page/undo';
import type { SitePolicy } from '../../../utils/safety/gate';
import { createPermit } from '../../../utils/safety/permit';
import type { PageContext } from '../../../utils/tools/tool';

/**
 * A page context as the content script builds it, for unit tests: the document, a fresh journal and ref
 * registry, and the real safety gate (policy "allow" unless a test says otherwise).
 */
export function pageContext(
  document: Document,
  options: { policy?: Exclude<SitePolicy, 'never'>; approved?: string; journal?: UndoJournal; refs?: RefRegistry } = {},
): PageContext {
  const site = (() => {
    try {
      return new URL(document.URL).hostname;
    } catch {
      return '';
    }
  })();
  return {
    document,
    journal: options.journal ?? new UndoJournal(),
    refs: options.refs ?? new RefRegistry(),
    permit: createPermit({ policy: options.policy ?? 'allow', site, approved: options.approved }),
  };
}
