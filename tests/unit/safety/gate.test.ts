import { describe, expect, it } from 'vitest';
import { ActionRefused, ConfirmationNeeded, decide, declinedMessage } from '../../../utils/safety/gate';
import { createPermit } from '../../../utils/safety/permit';
import { countCall, LOOP_LIMIT, loopMessage, signatureOf } from '../../../utils/safety/loop-guard';

describe('decide', () => {
  it('allows ordinary changes and actions on an "allow" site', () => {
    expect(decide({ kind: 'change' }, 'allow', 'a.test', false)).toEqual({ verdict: 'allow' });
    expect(decide({ kind: 'act' }, 'allow', 'a.test', false)).toEqual({ verdict: 'allow' });
  });

  it('always asks for a risky action, whatever the site setting, until the user approved it', () => {
    for (const policy of ['allow', 'ask'] as const) {
      expect(decide({ kind: 'act', risk: 'it submits a form' }, policy, 'a.test', false)).toEqual({ verdict: 'ask', reason: 'it submits a form' });
      expect(decide({ kind: 'act', risk: 'it submits a form' }, policy, 'a.test', true)).toEqual({ verdict: 'allow' });
    }
  });

  it('asks for every change and action on an "ask" site', () => {
    expect(decide({ kind: 'change' }, 'ask', 'a.test', false)).toMatchObject({ verdict: 'ask', reason: expect.stringContaining('a.test') });
  });

  it('refuses everything on a "never" site, even an approved action', () => {
    expect(decide({ kind: 'change' }, 'never', 'a.test', true)).toMatchObject({ verdict: 'refuse', reason: expect.stringContaining('"never"') });
  });
});

describe('permit (the gate as page tools meet it)', () => {
  const action = { kind: 'act' as const, description: 'click button "Buy now"', risk: 'the control says "buy"' };

  it('throws ConfirmationNeeded with the action and reason when the user must confirm', () => {
    const permit = createPermit({ policy: 'allow', site: 'shop.test' });
    expect(() => permit(action)).toThrow(ConfirmationNeeded);
    try {
      permit(action);
    } catch (error) {
      expect(error).toMatchObject({ action: 'click button "Buy now"', reason: 'the control says "buy"' });
    }
  });

  it('lets through only the exact action the user approved', () => {
    expect(() => createPermit({ policy: 'allow', site: 'shop.test', approved: action.description })(action)).not.toThrow();
    expect(() => createPermit({ policy: 'allow', site: 'shop.test', approved: 'click button "Cancel"' })(action)).toThrow(ConfirmationNeeded);
  });

  it('throws ActionRefused on a never site', () => {
    expect(() => createPermit({ policy: 'never', site: 'bank.test' })({ kind: 'change', description: 'x' })).toThrow(ActionRefused);
  });

  it('tells the model not to retry a declined action, and why a timed-out one did not happen', () => {
    expect(declinedMessage('go to https://x.test', false)).toMatch(/declined .*Do not try it again/);
    expect(declinedMessage('go to https://x.test', true)).toMatch(/did not confirm .* within 60 seconds/);
  });
});

describe('loop guard', () => {
  it('blocks the sixth identical call in a row, whatever the key order', () => {
    let last;
    for (let i = 1; i <= LOOP_LIMIT; i += 1) {
      const counted = countCall(last, signatureOf('click', i % 2 ? '{"ref":"e1","x":1}' : '{"x":1,"ref":"e1"}'));
      expect(counted.blocked).toBe(false);
      last = counted.last;
    }
    expect(countCall(last, signatureOf('click', '{"ref":"e1","x":1}')).blocked).toBe(true);
  });

  it('starts over with any other call', () => {
    let last = countCall(undefined, signatureOf('scroll', '{}')).last;
    for (let i = 0; i < 10; i += 1) last = countCall(last, signatureOf('scroll', '{}')).last;
    expect(countCall(last, signatureOf('scroll', '{"direction":"up"}'))).toMatchObject({ blocked: false, last: { count: 1 } });
  });

  it('counts unparseable arguments by their text and says what to tell the user', () => {
    expect(signatureOf('x', '{bad')).toBe('x {bad');
    expect(loopMessage('click')).toMatch(/5 times in a row/);
  });
});
