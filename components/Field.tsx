import type { ComponentChildren } from 'preact';

/** zod's messages by the path of the field they are about ("speed", "azure.resource", "iceServers.0.urls.0"). */
export type FieldErrors = Record<string, string>;

export function errorsOf(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[issue.path.map(String).join('.')] ??= issue.message;
  return errors;
}

/** Marks a control invalid and points it at its message, for screen readers (pair with FieldError). */
export function invalidProps(errors: FieldErrors, path: string): Record<string, string | boolean> {
  return errors[path] ? { 'aria-invalid': true, 'aria-describedby': `error-${path}` } : {};
}

/** The reason a field's value was refused, next to it. */
export function FieldError({ errors, path }: { errors: FieldErrors; path: string }) {
  const message = errors[path];
  return message ? (
    <span class="field-error" id={`error-${path}`} data-field={path}>
      {message}
    </span>
  ) : null;
}

/** One options section: a fieldset with its legend, and an id the page's table of contents links to. */
export function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <fieldset id={id}>
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}
