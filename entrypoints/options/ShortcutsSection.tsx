import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Section } from '@/components/Field';

/** The keyboard shortcuts as the browser has them now, and where to change them. */
export function ShortcutsSection() {
  const [commands, setCommands] = useState<Array<{ name?: string; description?: string; shortcut?: string }>>([]);
  const [error, setError] = useState('');
  useEffect(() => void browser.commands.getAll().then(setCommands, () => setCommands([])), []);
  const openChromeShortcuts = () =>
    void browser.tabs.create({ url: 'chrome://extensions/shortcuts' }).then(
      () => setError(''),
      () => setError('Chrome did not open its shortcuts page: type chrome://extensions/shortcuts in the address bar.'),
    );
  return (
    <Section id="shortcuts" title="Keyboard shortcuts">
      <ul>
        {commands
          .filter((command) => command.description)
          .map((command) => (
            <li key={command.name}>
              {command.description}: <kbd>{command.shortcut || 'not set'}</kbd>
            </li>
          ))}
      </ul>
      {import.meta.env.FIREFOX ? (
        <small>
          To change them: open <code>about:addons</code>, click the gear (⚙) above the list of extensions, and choose <b>Manage Extension Shortcuts</b>.
        </small>
      ) : (
        <div>
          <button type="button" onClick={openChromeShortcuts}>
            Change shortcuts in Chrome
          </button>{' '}
          <small>(opens chrome://extensions/shortcuts)</small>
        </div>
      )}
      {error ? <p class="error">{error}</p> : null}
    </Section>
  );
}
