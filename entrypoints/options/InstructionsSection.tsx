import { FieldError, invalidProps, Section } from '@/components/Field';
import { INSTRUCTIONS } from '@/utils/realtime/instructions';
import type { SectionProps } from './types';

/** The AI's instructions: the user's own, or the built-in ones (shown greyed), with a reset. */
export function InstructionsSection({ settings, change, errors }: SectionProps) {
  return (
    <Section id="instructions" title="Instructions">
      <label class="block">
        Instructions for the AI
        <textarea name="instructions" rows={5} placeholder={INSTRUCTIONS} value={settings.instructions} onInput={(e) => change({ instructions: e.currentTarget.value })} {...invalidProps(errors, 'instructions')} />
      </label>
      <FieldError errors={errors} path="instructions" />
      <small>
        Empty: the built-in instructions (shown greyed).{' '}
        <button type="button" class="link" onClick={() => change({ instructions: '' })}>
          Reset to the built-in instructions
        </button>
      </small>
    </Section>
  );
}
