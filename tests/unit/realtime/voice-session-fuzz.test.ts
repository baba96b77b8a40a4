import { describe, expect, it, vi } from 'vitest';
import { functionCallOf, guardMessageListeners, rolloverDelayMs, serverErrorText } from '@/utils/realtime/voice-session';

/** Bugs the fuzz test (tests/e2e/fuzz.spec.ts) found in the session host, one test each. */
describe('function calls from server events (functionCallOf)', () => {
  const call = (item: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    type: 'response.output_item.done',
    event_id: 'event_1',
    response_id: 'resp_1',
    output_index: 0,
    item: { id: 'item_1', type: 'function_call', status: 'completed', call_id: 'call_1', name: 'undo', arguments: '{}', ...item },
    ...extra,
  });

  it('takes a well-formed call, from .done and from a completed .added', () => {
    expect(functionCallOf(call({}))).toEqual({ callId: 'call_1', name: 'undo', arguments: '{}', responseId: 'resp_1' });
    expect(functionCallOf({ ...call({}), type: 'response.output_item.added' })?.callId).toBe('call_1');
  });

  it('still takes a call the transport drops or throws on (no item id, no response_id, no event_id), so it is answered', () => {
    expect(functionCallOf(call({ id: undefined }))?.problem).toBeUndefined();
    const noResponse = call({});
    delete (noResponse as Record<string, unknown>).response_id;
    expect(functionCallOf(noResponse)).toEqual({ callId: 'call_1', name: 'undo', arguments: '{}' });
    expect(functionCallOf({ ...call({}), event_id: undefined, output_index: 'first' })?.callId).toBe('call_1');
  });

  it('answers a call with a broken name or non-string arguments with a problem instead of running it', () => {
    expect(functionCallOf(call({ name: 42 }))?.problem).toMatch(/no tool/);
    expect(functionCallOf(call({ name: undefined }))?.problem).toMatch(/no tool/);
    expect(functionCallOf(call({ arguments: { color: 'red' } }))?.problem).toMatch(/undo came without its arguments/);
    expect(functionCallOf(call({ arguments: undefined }))?.problem).toMatch(/arguments/);
  });

  it('ignores what is no completed call, or has no usable call_id', () => {
    expect(functionCallOf(call({ status: 'in_progress' }))).toBeNull();
    expect(functionCallOf(call({ type: 'message' }))).toBeNull();
    expect(functionCallOf({ ...call({}), item: null })).toBeNull();
    expect(functionCallOf({ ...call({}), item: 'function_call' })).toBeNull();
    expect(functionCallOf({ ...call({}), type: 'response.function_call_arguments.done' })).toBeNull();
    for (const callId of [undefined, null, 42, '', { id: 'x' }, 'x'.repeat(5_000)]) expect(functionCallOf(call({ call_id: callId }))).toBeNull();
  });
});

describe('the rollover before the time limit (rolloverDelayMs)', () => {
  const now = 1_000_000_000_000;
  it('rolls over a minute before a 60-minute session ends, a tenth of the lifetime before a short one', () => {
    expect(rolloverDelayMs(now / 1000 + 3600, now)).toBe(3_540_000);
    expect(rolloverDelayMs(now / 1000 + 100, now)).toBe(90_000);
  });
  it('ignores an expires_at that cannot be a real session end (it used to roll over at once, starting a reconnect)', () => {
    for (const value of [undefined, null, 'soon', Number.NaN, Number.POSITIVE_INFINITY, -1, now / 1000 - 5, 1e308, Number.MAX_SAFE_INTEGER]) {
      expect(rolloverDelayMs(value, now), String(value)).toBeNull();
    }
  });
});

describe('server error sentences (serverErrorText)', () => {
  it('shows the message as text, cut to a readable length, and a general sentence for anything else', () => {
    expect(serverErrorText({ message: 'The provider hiccupped.' })).toBe('The provider hiccupped.');
    expect(serverErrorText({ message: 'x'.repeat(50_000) })).toHaveLength(501);
    for (const error of [undefined, null, 'a string error', [], { message: 42 }, { message: '  ' }, { code: { nested: true } }]) {
      expect(serverErrorText(error)).toBe('The voice service reported an error.');
    }
  });
});

describe('the guard on the transport’s data-channel listeners (guardMessageListeners)', () => {
  it('contains a throwing message listener, hands the error and the data on, and lets the other listeners run', () => {
    const channel = new EventTarget();
    const onThrow = vi.fn();
    guardMessageListeners(channel, onThrow);
    const after = vi.fn();
    channel.addEventListener('message', () => {
      throw new Error('ZodError: item.id is required');
    });
    channel.addEventListener('message', after);
    const handleEvent = vi.fn();
    channel.addEventListener('message', { handleEvent });
    channel.dispatchEvent(new MessageEvent('message', { data: '{"type":"response.output_item.done"}' }));
    expect(onThrow).toHaveBeenCalledWith(expect.objectContaining({ message: 'ZodError: item.id is required' }), '{"type":"response.output_item.done"}');
    expect(after).toHaveBeenCalledOnce();
    expect(handleEvent).toHaveBeenCalledOnce();
  });

  it('removes a wrapped listener by the listener the transport added', () => {
    const channel = new EventTarget();
    guardMessageListeners(channel, () => undefined);
    const listener = vi.fn();
    channel.addEventListener('message', listener);
    channel.removeEventListener('message', listener);
    channel.dispatchEvent(new MessageEvent('message', { data: 'x' }));
    expect(listener).not.toHaveBeenCalled();
    const open = vi.fn();
    channel.addEventListener('open', open);
    channel.dispatchEvent(new Event('open'));
    expect(open).toHaveBeenCalledOnce();
  });
});
