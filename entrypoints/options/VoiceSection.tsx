import { FieldError, invalidProps, Section } from '@/components/Field';
import { audioPricePerMinute, formatDollars, PRICES_AS_OF } from '@/utils/realtime/pricing';
import { MODELS, REASONING_MODELS, VOICES } from '@/utils/realtime/providers';
import type { Settings } from '@/utils/settings';
import type { SectionProps } from './types';

/** Voice and model: what the AI sounds like and thinks with, with the model's price for a minute of audio. */
export function VoiceSection({ settings, change, errors }: SectionProps) {
  const price = audioPricePerMinute(settings.model);
  const reasons = REASONING_MODELS.includes(settings.model);
  return (
    <Section id="voice" title="Voice and model">
      <small>Changes apply to a running session as soon as you save, except the model and the voice (from the next session).</small>
      <label>
        Model{' '}
        <select name="model" value={settings.model} onChange={(e) => change({ model: e.currentTarget.value })}>
          {MODELS.map((model) => (
            <option key={model}>{model}</option>
          ))}
        </select>
      </label>
      <small class="price" data-price={settings.model}>
        {price
          ? `Audio costs about ${formatDollars(price.in)} a minute of your speech and ${formatDollars(price.out)} a minute of the AI's (list prices of ${PRICES_AS_OF}; text and images extra).`
          : 'No published price is known here for this model: sessions show tokens only.'}
      </small>
      {reasons ? (
        <label>
          Reasoning effort{' '}
          <select name="reasoningEffort" value={settings.reasoningEffort} onChange={(e) => change({ reasoningEffort: e.currentTarget.value as Settings['reasoningEffort'] })}>
            <option value="default">The model's default</option>
            <option value="minimal">Minimal (fastest)</option>
            <option value="low">Low</option>
            <option value="medium">Medium</option>
            <option value="high">High (slowest)</option>
          </select>
        </label>
      ) : (
        <small>This model does not reason, so there is no reasoning effort to set.</small>
      )}
      <label>
        Voice{' '}
        <select name="voice" value={settings.voice} onChange={(e) => change({ voice: e.currentTarget.value })}>
          {VOICES.map((voice) => (
            <option key={voice}>{voice}</option>
          ))}
        </select>
      </label>
      <label>
        Speaking speed{' '}
        <input name="speed" type="number" min="0.25" max="1.5" step="0.05" value={settings.speed} onInput={(e) => change({ speed: e.currentTarget.valueAsNumber })} {...invalidProps(errors, 'speed')} />
      </label>
      <FieldError errors={errors} path="speed" />
      <label>
        Answers{' '}
        <select name="outputModality" value={settings.outputModality} onChange={(e) => change({ outputModality: e.currentTarget.value as Settings['outputModality'] })}>
          <option value="audio">Spoken (and shown)</option>
          <option value="text">Text only</option>
        </select>
      </label>
    </Section>
  );
}
