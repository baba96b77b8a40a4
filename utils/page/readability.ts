import type { PageContent } from './main-content';

/**
 * Mozilla's Readability (≈11 KB gzip) and our main-text extraction around it are not bundled into the content
 * script: entrypoints/readability.ts (built as /readability.js) puts the reader on the isolated world's global
 * under this key, and the worker injects that script before any tool that `needs: 'readability'`.
 */
export const READABILITY_GLOBAL = '__voicePageControlReadability';

/** The page's main text: the article Readability finds, else the visible main text (utils/page/main-content.ts). */
export type Reader = (document: Document) => PageContent;

type Holder = Record<typeof READABILITY_GLOBAL, unknown>;

/** Called by /readability.js (and by unit tests) to make the reader available to the tools. */
export function installReader(reader: Reader): void {
  (globalThis as unknown as Holder)[READABILITY_GLOBAL] = reader;
}

/** The reader when /readability.js has run in this world, else undefined. */
export function installedReader(): Reader | undefined {
  const value = (globalThis as unknown as Partial<Holder>)[READABILITY_GLOBAL];
  return typeof value === 'function' ? (value as Reader) : undefined;
}
