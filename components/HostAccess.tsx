import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

export const ALL_SITES = { origins: ['<all_urls>'] };

/**
 * Access to websites is the user's to give and take back (Firefox lists it under the add-on's Permissions, Chrome
 * under "Site access"). Without it the AI cannot change pages, so say so and offer the browser's own prompt.
 */
export function HostAccess() {
  const [granted, setGranted] = useState<boolean | null>(null);

  useEffect(() => {
    const check = () => void browser.permissions.contains(ALL_SITES).then(setGranted, () => setGranted(null));
    check();
    browser.permissions.onAdded.addListener(check);
    browser.permissions.onRemoved.addListener(check);
    return () => {
      browser.permissions.onAdded.removeListener(check);
      browser.permissions.onRemoved.removeListener(check);
    };
  }, []);

  if (granted !== false) return null;
  return (
    <section class="host-access panel" data-host-access="missing">
      <p class="error">The AI cannot read or change web pages yet: your browser has not given this extension access to websites.</p>
      <button type="button" onClick={() => void browser.permissions.request(ALL_SITES).then(setGranted, () => undefined)}>
        Allow access to websites
      </button>
    </section>
  );
}
