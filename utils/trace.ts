/**
 * Timing marks on the session-start path (`performance.mark('vpc:…')`), read by the bench over CDP to show where a
 * Start's time goes (tests/bench/README.md, part 1). A handful per start, cleared at the next one: nothing grows.
 */
export function traceMark(name: string): void {
  try {
    performance.mark(`vpc:${name}`);
  } catch {
    // No User Timing here: nothing to trace.
  }
}

/** Starts a new trace: the marks of the previous start go. */
export function traceReset(): void {
  try {
    performance.clearMarks();
  } catch {
    // As above.
  }
}
