import type { FieldErrors } from '@/components/Field';
import type { Settings } from '@/utils/settings';

/** What every options section gets: the settings being edited, a way to change them, and the refused fields. */
export interface SectionProps {
  settings: Settings;
  change(patch: Partial<Settings>): void;
  errors: FieldErrors;
}
