import { Readability } from '@mozilla/readability';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { mainContentWith } from '@/utils/page/main-content';
import { installReader } from '@/utils/page/readability';

/**
 * Built as /readability.js and injected by the worker into the content script's world right before a tool that
 * needs the reader (read_page_text), so the content script stays small. Injecting it twice is harmless.
 */
export default defineUnlistedScript(() => {
  installReader(mainContentWith(Readability));
  // The result of scripting.executeScript: tells the worker it ran.
  return true;
});
