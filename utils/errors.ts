/** Anything thrown or rejected, as the sentence a person (or the model, aloud) can be shown. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  // An error event (a data channel's RTCErrorEvent, say) stringifies to {"isTrusted":true}: say what it carries.
  if (typeof Event !== 'undefined' && error instanceof Event) {
    const inner = (error as Event & { error?: unknown }).error;
    return inner ? messageOf(inner) : `${error.type} event`;
  }
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
