import { describe, expect, it } from 'vitest';
import { messageOf } from '@/utils/errors';

describe('messageOf', () => {
  it('gives an Error its message and a string itself', () => {
    expect(messageOf(new Error('Transport channel closed'))).toBe('Transport channel closed');
    expect(messageOf('no answer')).toBe('no answer');
  });

  it('says what an error event carries, not {"isTrusted":true}', () => {
    // A data channel closed during setup fires an RTCErrorEvent whose `error` holds the reason.
    const withError = Object.assign(new Event('error'), { error: new DOMException('User-Initiated Abort, reason=Close called', 'OperationError') });
    expect(messageOf(withError)).toBe('User-Initiated Abort, reason=Close called');
    expect(messageOf(new Event('close'))).toBe('close event');
  });

  it('stringifies plain data and survives what cannot be', () => {
    expect(messageOf({ code: 'x' })).toBe('{"code":"x"}');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(messageOf(circular)).toBe('[object Object]');
  });
});
