import { FieldError, invalidProps, Section } from '@/components/Field';
import type { SectionProps } from './types';

/** Limits: end a session after some minutes, or once it has cost some dollars at list prices. */
export function LimitsSection({ settings, change, errors }: SectionProps) {
  return (
    <Section id="limits" title="Limits">
      <label>
        End a session after{' '}
        <input name="limitMinutes" type="number" min="0" step="1" size={5} value={settings.limitMinutes} onInput={(e) => change({ limitMinutes: e.currentTarget.valueAsNumber })} {...invalidProps(errors, 'limitMinutes')} />{' '}
        minutes
      </label>
      <FieldError errors={errors} path="limitMinutes" />
      <label>
        or once it has cost ${' '}
        <input name="limitDollars" type="number" min="0" step="0.01" size={6} value={settings.limitDollars} onInput={(e) => change({ limitDollars: e.currentTarget.valueAsNumber })} {...invalidProps(errors, 'limitDollars')} />
      </label>
      <FieldError errors={errors} path="limitDollars" />
      <small>0: no limit. Checked at every answer; the AI says why the session ends, and so does the popup.</small>
    </Section>
  );
}
