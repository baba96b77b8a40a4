import { browser } from 'wxt/browser';

/**
 * Access to websites is the user's to withhold or take back (Firefox MV3: the add-on's Permissions in about:addons;
 * Chrome: "Site access"). Says why a page cannot be changed when that is the reason, or returns null.
 */
export async function missingHostAccess(url: string | undefined): Promise<string | null> {
  const site = siteOf(url);
  const origins = ['<all_urls>', ...(site ? [`*://${site}/*`] : [])];
  const granted = await Promise.all(origins.map((origin) => browser.permissions.contains({ origins: [origin] }).catch(() => true)));
  if (granted.some(Boolean)) return null;
  return (
    `The browser has not given me access to this site (${site || url || 'unknown address'}). Open Voice Page Control from the ` +
    'toolbar, press "Allow access to websites", then ask again.'
  );
}

function siteOf(url: string | undefined): string {
  try {
    return new URL(url ?? '').hostname;
  } catch {
    return '';
  }
}
