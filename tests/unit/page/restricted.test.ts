// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { restrictedReason } from '../../../utils/page/restricted';

describe('restrictedReason', () => {
  it.each([
    'https://example.com/',
    'http://news.example.org/a/b?c=d#e',
    'about:blank',
    'about:srcdoc',
    'blob:https://example.com/1234-5678',
    'https://chrome.google.com/search', // only /webstore is the store
    'https://example.com/report.pdf.html',
  ])('allows %s', (url) => {
    expect(restrictedReason(url)).toBeNull();
  });

  it.each([
    ['chrome://version', /browser settings page \(chrome:\/\/version\)/],
    ['chrome://settings/passwords', /browser settings page/],
    ['chrome-untrusted://terminal/', /browser settings page/],
    ['edge://flags', /browser settings page \(edge:\/\/flags\)/],
    ['about:preferences', /browser settings page \(about:preferences\)/],
    ['about:addons', /browser settings page/],
    ['chrome://newtab/', /New Tab page/],
    ['about:newtab', /New Tab page/],
    ['view-source:https://example.com/', /source code/],
    ['devtools://devtools/bundled/inspector.html', /developer tools/],
    ['chrome-extension://abcdefghijklmnopabcdefghijklmnop/options.html', /belongs to a browser extension/],
    ['moz-extension://0b5d6c2e-1111-2222-3333-444455556666/popup.html', /belongs to a browser extension/],
    ['https://chromewebstore.google.com/detail/some/abc', /extension store \(chromewebstore\.google\.com\)/],
    ['https://chrome.google.com/webstore/category/extensions', /extension store/],
    ['https://addons.mozilla.org/en-US/firefox/', /extension store \(addons\.mozilla\.org\)/],
    ['https://microsoftedge.microsoft.com/addons/home', /extension store/],
    ['https://example.com/files/Report.PDF?download=1', /PDF/],
    ['chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html', /PDF/],
    ['file:///home/me/page.html', /Allow access to file URLs/],
    ['data:text/html,<h1>hi</h1>', /data: address/],
    ['javascript:alert(1)', /javascript: link/],
    ['ftp://example.com/file', /"ftp:" address/],
    ['not a url', /isn't a normal web address/],
  ])('explains %s', (url, expected) => {
    const reason = restrictedReason(url);
    expect(reason).toMatch(expected);
    expect(reason).toMatch(/ask again\.$|\.$/);
  });

  it('says the tab may still be loading when there is no URL', () => {
    for (const url of [undefined, '', '   ']) {
      expect(restrictedReason(url)).toMatch(/may still be loading/);
    }
  });

  it('gives the example sentence for chrome://version', () => {
    expect(restrictedReason('chrome://version')).toBe(
      "This is a browser settings page (chrome://version). Browsers don't let extensions change it — switch to a normal web page and ask again.",
    );
  });

  it('allows file: pages once file access is granted, except PDFs', () => {
    expect(restrictedReason('file:///home/me/page.html', { fileAccess: true })).toBeNull();
    expect(restrictedReason('file:///home/me/doc.pdf', { fileAccess: true })).toMatch(/PDF/);
  });

  it('keeps long URLs short enough to read aloud and never reads out data: payloads', () => {
    const long = `chrome://settings/${'x'.repeat(200)}`;
    expect(restrictedReason(long)?.length).toBeLessThan(200);
    expect(restrictedReason('data:text/html,SECRET-PAYLOAD')).not.toContain('SECRET');
  });
});
