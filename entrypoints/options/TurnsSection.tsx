import { FieldError, invalidProps, Section } from '@/components/Field';
import type { Settings } from '@/utils/settings';
import type { SectionProps } from './types';

/** Turn detection (semantic VAD, server VAD, push to talk) and how your speech is transcribed. */
export function TurnsSection({ settings, change, errors }: SectionProps) {
  const number = (key: 'vadThreshold' | 'vadPrefixPaddingMs' | 'vadSilenceMs', label: string, attrs: Record<string, string>) => (
    <>
      <label>
        {label} <input name={key} type="number" {...attrs} value={settings[key]} onInput={(e) => change({ [key]: e.currentTarget.valueAsNumber })} {...invalidProps(errors, key)} />
      </label>
      <FieldError errors={errors} path={key} />
    </>
  );
  return (
    <Section id="turns" title="Turn detection and transcription">
      <label>
        Turn taking{' '}
        <select name="turnDetection" value={settings.turnDetection} onChange={(e) => change({ turnDetection: e.currentTarget.value as Settings['turnDetection'] })}>
          <option value="semantic_vad">The AI hears when I stop talking (semantic)</option>
          <option value="server_vad">The AI answers after a pause of silence (server VAD)</option>
          <option value="push_to_talk">Push to talk: I hold a button (or press Alt+Shift+T)</option>
        </select>
      </label>
      {settings.turnDetection === 'semantic_vad' ? (
        <label>
          How soon it answers{' '}
          <select name="eagerness" value={settings.eagerness} onChange={(e) => change({ eagerness: e.currentTarget.value as Settings['eagerness'] })}>
            <option value="auto">Automatic</option>
            <option value="low">Late (lets me pause)</option>
            <option value="medium">Medium</option>
            <option value="high">Early</option>
          </select>
        </label>
      ) : null}
      {settings.turnDetection === 'server_vad' ? (
        <>
          {number('vadThreshold', 'Speech threshold (0 to 1; higher ignores more noise)', { min: '0', max: '1', step: '0.05' })}
          {number('vadPrefixPaddingMs', 'Audio kept from before speech (ms)', { min: '0', max: '2000', step: '50' })}
          {number('vadSilenceMs', 'Silence that ends my turn (ms)', { min: '100', max: '5000', step: '50' })}
        </>
      ) : null}
      <label>
        Microphone noise reduction{' '}
        <select name="noiseReduction" value={settings.noiseReduction} onChange={(e) => change({ noiseReduction: e.currentTarget.value as Settings['noiseReduction'] })}>
          <option value="near_field">Headset or close microphone</option>
          <option value="far_field">Laptop or room microphone</option>
          <option value="off">Off</option>
        </select>
      </label>
      <label>
        Transcription model{' '}
        <select name="transcriptionModel" value={settings.transcriptionModel} onChange={(e) => change({ transcriptionModel: e.currentTarget.value as Settings['transcriptionModel'] })}>
          <option value="gpt-4o-mini-transcribe">gpt-4o-mini-transcribe (fast)</option>
          <option value="gpt-4o-transcribe">gpt-4o-transcribe (more accurate)</option>
          <option value="whisper-1">whisper-1</option>
          <option value="off">Off (my words are not written down)</option>
        </select>
      </label>
      <label>
        My language (for the transcript){' '}
        <input name="transcriptionLanguage" placeholder="detected" size={6} value={settings.transcriptionLanguage} onInput={(e) => change({ transcriptionLanguage: e.currentTarget.value })} {...invalidProps(errors, 'transcriptionLanguage')} />
      </label>
      <FieldError errors={errors} path="transcriptionLanguage" />
    </Section>
  );
}
