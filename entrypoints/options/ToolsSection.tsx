import { useEffect, useState } from 'preact/hooks';
import { Section } from '@/components/Field';
import { workerMessenger } from '@/utils/messaging';
import { requestUserScriptsPermission } from '@/utils/tools/run-javascript';
import type { SectionProps } from './types';

const firstSentence = (text: string) => /^[^.]*\.?/.exec(text)?.[0] ?? text;

/** Each tool on or off (the session declares only the enabled ones); run_javascript is opt-in with its permission. */
export function ToolsSection({ settings, change }: SectionProps) {
  const [scripts, setScripts] = useState<'granted' | 'refused' | null>(null);
  const [tools, setTools] = useState<Array<{ name: string; description: string }>>([]);
  useEffect(() => void workerMessenger.sendMessage('worker.toolList', undefined).then(setTools, () => setTools([])), []);
  const disabled = new Set(settings.disabledTools);
  const toggle = (name: string, on: boolean) => change({ disabledTools: on ? settings.disabledTools.filter((tool) => tool !== name) : [...disabled, name].sort() });
  return (
    <Section id="tools" title="Tools">
      <small>What the AI may do. A tool switched off is not offered to the AI at all (from the next save during a session).</small>
      <ul class="tools">
        {tools
          .filter((tool) => tool.name !== 'run_javascript')
          .map((tool) => (
            <li key={tool.name}>
              <label class="check" title={tool.description}>
                <input type="checkbox" name={`tool-${tool.name}`} checked={!disabled.has(tool.name)} onChange={(e) => toggle(tool.name, e.currentTarget.checked)} /> <code>{tool.name}</code>: {firstSentence(tool.description)}
              </label>
            </li>
          ))}
      </ul>
      <label class="check">
        <input
          type="checkbox"
          name="allowRunJavascript"
          checked={settings.allowRunJavascript}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            change({ allowRunJavascript: on });
            // The browser asks for its user-scripts permission only inside the click itself (no await before).
            if (on) void requestUserScriptsPermission().then((granted) => setScripts(granted ? 'granted' : 'refused'), () => setScripts('refused'));
          }}
        />{' '}
        Let the AI run JavaScript in pages (run_javascript)
      </label>
      <small>
        Off by default. Each run shows you the whole code and waits for your Allow. It runs through the browser's user
        scripts, never eval.{' '}
        {import.meta.env.FIREFOX
          ? 'Firefox asks you to allow "unverified third-party scripts": tick the box, then Allow (Firefox 153 or newer).'
          : 'Chrome also needs "Allow User Scripts" switched on for Voice Page Control at chrome://extensions.'}
      </small>
      {scripts === 'refused' ? <p class="error">The browser did not grant the user-scripts permission, so run_javascript stays unavailable.</p> : null}
    </Section>
  );
}
