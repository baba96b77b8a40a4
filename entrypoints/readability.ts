import { Readability } from '@mozilla/readability';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { installReadability } from '@/utils/page/readability';

/**
 * Built as /readability.js and injected by the worker into the content script's world right before a tool that
 * needs Readability (read_page_text), so the content script stays small. Injecting it twice is harmless.
 */
export default defineUnlistedScript(() => {
  installReadability(Readability);
  // The result of scripting.executeScript: tells the worker it ran.
  return true;
});
