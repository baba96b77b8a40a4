import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { errorsOf, type FieldErrors } from '@/components/Field';
import { loadSettings, settingsItem, settingsSchema, type Settings } from '@/utils/settings';
import { ConnectionSection } from './ConnectionSection';
import { HistorySection } from './HistorySection';
import { InstructionsSection } from './InstructionsSection';
import { LimitsSection } from './LimitsSection';
import { ShortcutsSection } from './ShortcutsSection';
import { SitesSection } from './SitesSection';
import { ToolsSection } from './ToolsSection';
import { TurnsSection } from './TurnsSection';
import { VoiceSection } from './VoiceSection';
import '@/components/style.css';

const SECTIONS = [
  ['connection', 'Connection'],
  ['voice', 'Voice and model'],
  ['instructions', 'Instructions'],
  ['turns', 'Turn detection'],
  ['tools', 'Tools'],
  ['sites', 'Sites'],
  ['limits', 'Limits'],
  ['shortcuts', 'Shortcuts'],
  ['history', 'History'],
] as const;

/**
 * Settings, in sections. Checked with the settings' zod schema on Save: a refused value is explained next to its
 * field (and the first reason beside Save); the API key is shown masked and only ever written to storage.
 */
function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [newKey, setNewKey] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});

  useEffect(() => void loadSettings().then(setSettings), []);
  if (!settings) return null;

  const change = (patch: Partial<Settings>) => {
    setSettings({ ...settings, ...patch });
    setSaved('Unsaved changes.');
  };

  /** Validates and stores what the form holds; false (with the reasons shown) when something is refused. */
  async function save(): Promise<boolean> {
    const parsed = settingsSchema.safeParse({ ...settings, apiKey: newKey.trim() || settings!.apiKey });
    if (!parsed.success) {
      setErrors(errorsOf(parsed.error.issues));
      setSaved(`Not saved: ${parsed.error.issues[0]?.message ?? 'invalid settings'}`);
      return false;
    }
    await settingsItem.setValue(parsed.data);
    setSettings(parsed.data);
    setErrors({});
    setNewKey('');
    setSaved('Saved.');
    return true;
  }

  const props = { settings, change, errors };
  return (
    // noValidate: our own (zod) messages explain a wrong value, in words, rather than the browser's tooltip.
    <form
      class="panel"
      noValidate
      style={{ width: '560px' }}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h1>Voice Page Control</h1>
      <nav aria-label="Sections" class="options-toc">
        {SECTIONS.map(([id, title]) => (
          <a key={id} href={`#${id}`}>
            {title}
          </a>
        ))}
      </nav>
      <ConnectionSection {...props} newKey={newKey} setNewKey={(key) => (setNewKey(key), setSaved('Unsaved changes.'))} save={save} />
      <VoiceSection {...props} />
      <InstructionsSection {...props} />
      <TurnsSection {...props} />
      <ToolsSection {...props} />
      <SitesSection policies={settings.sitePolicies} onChange={(sitePolicies) => change({ sitePolicies })} />
      <LimitsSection {...props} />
      <ShortcutsSection />
      <div class="save-bar">
        <button type="submit">Save</button>
        {saved ? <p role="status">{saved}</p> : null}
      </div>
      <HistorySection />
    </form>
  );
}

render(<Options />, document.getElementById('app')!);
