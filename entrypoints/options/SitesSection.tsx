import { useState } from 'preact/hooks';
import type { SitePolicy } from '@/utils/safety/gate';
import { siteKey, type Settings } from '@/utils/settings';

const POLICY_LABELS: Record<SitePolicy, string> = {
  allow: 'Allow: the AI acts freely (risky actions still ask)',
  ask: 'Ask: confirm every action',
  never: 'Never: the AI may not read or act',
};

/** Per-site safety: allow (default), ask before every action, or never read or act there. */
export function SitesSection({ policies, onChange }: { policies: Settings['sitePolicies']; onChange(next: Settings['sitePolicies']): void }) {
  const [site, setSite] = useState('');
  const [policy, setPolicy] = useState<SitePolicy>('ask');
  const [error, setError] = useState('');
  const add = () => {
    const key = siteKey(site);
    if (!key) return setError('Type a site like example.com or paste its address.');
    setError('');
    setSite('');
    onChange({ ...policies, [key]: policy });
  };
  const remove = (key: string) => {
    const next = { ...policies };
    delete next[key];
    onChange(next);
  };
  return (
    <fieldset id="sites">
      <legend>Sites</legend>
      <small>Every site not listed is "Allow". A setting covers the site's subdomains too.</small>
      <ul class="sites">
        {Object.entries(policies).map(([key, value]) => (
          <li key={key}>
            <span>{key}</span>
            <select aria-label={`Setting for ${key}`} value={value} onChange={(e) => onChange({ ...policies, [key]: e.currentTarget.value as SitePolicy })}>
              {Object.entries(POLICY_LABELS).map(([option, label]) => (
                <option key={option} value={option}>
                  {label}
                </option>
              ))}
            </select>
            <button type="button" onClick={() => remove(key)} aria-label={`Remove ${key}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div class="message">
        <input aria-label="Site" placeholder="example.com" value={site} onInput={(e) => setSite(e.currentTarget.value)} />
        <select aria-label="Setting for the new site" value={policy} onChange={(e) => setPolicy(e.currentTarget.value as SitePolicy)}>
          {Object.entries(POLICY_LABELS).map(([option, label]) => (
            <option key={option} value={option}>
              {label}
            </option>
          ))}
        </select>
        <button type="button" onClick={add}>
          Add site
        </button>
      </div>
      {error ? <p class="error">{error}</p> : null}
    </fieldset>
  );
}

