// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { clickRisk, isOtherSite, keyRisk, navigationRisk, typingRisk } from '../../../utils/safety/risk';

const $ = (selector: string) => document.querySelector(selector)!;

beforeEach(() => {
  document.body.innerHTML = `
    <form id="f"><input id="q" name="q"><button id="go">Search</button><button id="plain" type="button">Show more</button>
      <input id="pw" type="password"><input id="cc" autocomplete="cc-number"><input id="otp" autocomplete="one-time-code">
      <input id="cvc" name="card-cvc"><input id="name" name="fullname"></form>
    <button id="buy">Buy now</button><button id="delete"><span>Delete</span> account</button><button id="menu">Menu</button>
    <a id="same" href="/next">Next</a><a id="other" href="https://evil.example/steal">Win</a>
    <a id="wrapped" href="/x"><span id="inner">Publish post</span></a>`;
});

describe('risk', () => {
  it('a click that submits a form, buys, deletes, publishes or leaves the site is risky; others are not', () => {
    const url = 'https://shop.test/page';
    expect(clickRisk($('#go'), url)).toMatch(/submits a form/);
    expect(clickRisk($('#buy'), url)).toMatch(/"buy"/);
    expect(clickRisk($('#delete'), url)).toMatch(/"delete"/);
    expect(clickRisk($('#inner'), url)).toMatch(/"publish"/);
    expect(clickRisk($('#other'), url)).toMatch(/another site \(evil\.example\)/);
    expect(clickRisk($('#plain'), url)).toBeUndefined();
    expect(clickRisk($('#menu'), url)).toBeUndefined();
    expect(clickRisk($('#same'), 'http://localhost:3000/')).toBeUndefined();
  });

  it('Enter in a form field submits it; other keys are not risky', () => {
    expect(keyRisk('Enter', $('#q'))).toMatch(/submits a form/);
    expect(keyRisk('Escape', $('#q'))).toBeUndefined();
    expect(keyRisk('Enter', $('#menu'))).toBeUndefined();
    expect(keyRisk(' ', $('#buy'))).toMatch(/"buy"/);
  });

  it('passwords, payment cards and one-time codes are risky to type into', () => {
    expect(typingRisk($('#pw'))).toMatch(/password/);
    expect(typingRisk($('#cc'))).toMatch(/payment-card/);
    expect(typingRisk($('#otp'))).toMatch(/one-time-code/);
    expect(typingRisk($('#cvc'))).toMatch(/payment-card/);
    expect(typingRisk($('#name'))).toBeUndefined();
    expect(typingRisk($('#q'))).toBeUndefined();
  });

  it('another site is another host name ("www." aside)', () => {
    expect(isOtherSite('https://www.a.test/x', 'https://a.test/y')).toBe(false);
    expect(isOtherSite('https://a.test/x', 'https://b.test/y')).toBe(true);
    expect(navigationRisk('https://a.test/', 'https://b.test/')).toMatch(/another site \(b\.test\)/);
    expect(navigationRisk('https://a.test/', 'https://a.test/other')).toBeUndefined();
  });
});
