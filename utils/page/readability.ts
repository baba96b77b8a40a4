import type { Readability } from '@mozilla/readability';

/**
 * Mozilla's Readability (the Reader View's article finder) is ≈11 KB gzip, so it is not bundled into the content
 * script: entrypoints/readability.ts (built as /readability.js) puts it on the isolated world's global under this
 * key, and the worker injects that script before any tool that `needs: 'readability'`.
 */
export const READABILITY_GLOBAL = '__voicePageControlReadability';

export type ReadabilityClass = typeof Readability;

type Holder = Record<typeof READABILITY_GLOBAL, unknown>;

/** Called by /readability.js (and by unit tests) to make Readability available to the tools. */
export function installReadability(readability: ReadabilityClass): void {
  (globalThis as unknown as Holder)[READABILITY_GLOBAL] = readability;
}

/** Readability when /readability.js has run in this world, else undefined. */
export function installedReadability(): ReadabilityClass | undefined {
  const value = (globalThis as unknown as Partial<Holder>)[READABILITY_GLOBAL];
  return typeof value === 'function' ? (value as ReadabilityClass) : undefined;
}
