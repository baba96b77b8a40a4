import { describe, expect, it } from 'vitest';
import { generateFuzz, isWellFormedCallId, MAX_MESSAGE_BYTES, MAX_STRING, prng, seedFrom } from '../peer/fuzz.mjs';
import { toolDefinitions } from '@/utils/tools';

const tools = toolDefinitions();

describe('the fuzz generator (tests/peer/fuzz.mjs)', () => {
  it('gives the same events and calls for the same seed, and others for another seed', () => {
    const a = generateFuzz({ seed: 1234, count: 2_000, tools });
    const b = generateFuzz({ seed: 1234, count: 2_000, tools });
    const c = generateFuzz({ seed: 1235, count: 2_000, tools });
    expect(b.items).toEqual(a.items);
    expect(b.calls).toEqual(a.calls);
    expect(c.items.map((item) => item.text)).not.toEqual(a.items.map((item) => item.text));
  });

  it('makes at least the asked number of messages, with every kind in the mix and bounded sizes', () => {
    const plan = generateFuzz({ seed: 42, count: 10_000, tools });
    expect(plan.items.length).toBeGreaterThanOrEqual(10_000);
    for (const kind of ['invalidJson', 'notAnEvent', 'unknownType', 'wrongTypes', 'unknownIds', 'outOfOrder', 'hugeStrings', 'errorEvents', 'functionCalls', 'brokenFunctionCalls', 'duplicateCalls', 'badCallIds']) {
      expect(plan.counts[kind], kind).toBeGreaterThan(10);
    }
    expect(Math.max(...plan.items.map((item) => item.text.length))).toBeGreaterThanOrEqual(MAX_STRING);
    expect(Math.max(...plan.items.map((item) => Buffer.byteLength(item.text)))).toBeLessThan(MAX_MESSAGE_BYTES);
    // Every call to be answered has a unique, well-formed call_id.
    expect(new Set(plan.calls.map((call) => call.callId)).size).toBe(plan.calls.length);
    expect(plan.calls.every((call) => isWellFormedCallId(call.callId))).toBe(true);
    expect(plan.calls.length).toBeGreaterThan(1_000);
  });

  it('closes every response it opens with a well-formed response.done after it', () => {
    const plan = generateFuzz({ seed: 7, count: 3_000, tools });
    const events = plan.items.map((item) => {
      try {
        return JSON.parse(item.text) as { type?: unknown; response?: { id?: unknown; status?: unknown } };
      } catch {
        return null;
      }
    });
    for (const id of plan.openedResponses) {
      const created = events.findIndex((event) => event?.type === 'response.created' && event.response?.id === id);
      const done = events.findLastIndex((event) => event?.type === 'response.done' && event.response?.id === id && event.response.status === 'completed');
      expect(created).toBeGreaterThanOrEqual(0);
      expect(done).toBeGreaterThan(created);
    }
  });

  it('never gives a tool that acts beyond styles arguments its schema could accept', async () => {
    const plan = generateFuzz({ seed: 99, count: 5_000, tools });
    const { validateArgs } = await import('@/utils/tools/validate');
    const { tools: all } = await import('@/utils/tools');
    const { SAFE_TOOLS } = await import('../peer/fuzz.mjs');
    let checked = 0;
    for (const item of plan.items) {
      let event: { item?: { type?: unknown; status?: unknown; name?: unknown; arguments?: unknown } } | null = null;
      try {
        event = JSON.parse(item.text);
      } catch {
        continue;
      }
      const call = event?.item;
      if (call?.type !== 'function_call' || call.status !== 'completed' || typeof call.name !== 'string' || SAFE_TOOLS.has(call.name)) continue;
      const tool = all.find((candidate) => candidate.name === call.name);
      if (!tool || typeof call.arguments !== 'string') continue;
      expect(validateArgs(tool.name, tool.schema, call.arguments).ok, `${tool.name} ${call.arguments}`).toBe(false);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('reads the seed from FUZZ_SEED, decimal or hex, and refuses anything else', () => {
    expect(seedFrom('12345')).toBe(12345);
    expect(seedFrom('0xff')).toBe(255);
    expect(() => seedFrom('abc')).toThrow(/FUZZ_SEED/);
    expect(() => seedFrom('-1')).toThrow(/FUZZ_SEED/);
    const random = seedFrom(undefined);
    expect(Number.isInteger(random) && random >= 0 && random <= 0xffffffff).toBe(true);
    const r = prng(5);
    const s = prng(5);
    expect([r.next(), r.next(), r.int(10)]).toEqual([s.next(), s.next(), s.int(10)]);
  });
});
