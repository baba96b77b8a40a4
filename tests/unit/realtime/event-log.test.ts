import { describe, expect, it } from 'vitest';
import { checkClientEvent, EVENT_LOG_SIZE, EventLog } from '@/utils/realtime/event-log';

describe('the event log', () => {
  it('keeps the last events both ways, newest last, and cuts big ones', () => {
    const log = new EventLog();
    for (let i = 0; i < EVENT_LOG_SIZE + 20; i += 1) log.add(i % 2 ? 'server' : 'client', { type: 'response.create', n: i });
    log.add('server', { type: 'response.output_audio.delta', delta: 'x'.repeat(10_000) });
    log.add('server', 'not an object');
    const entries = log.entries();
    expect(entries).toHaveLength(EVENT_LOG_SIZE);
    expect(JSON.parse(entries[0]!.json).n).toBe(22);
    expect(entries.at(-2)!.json).toMatch(/… \(10\d{3} characters\)$/);
    expect(entries.at(-1)).toMatchObject({ direction: 'server', type: '(no type)' });
  });
});

describe('sending a client event by hand', () => {
  it('lets a GA client event through as it is', () => {
    const event = { type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] } };
    expect(checkClientEvent(event)).toEqual({ ok: true, event });
  });

  it('refuses what is not one, with a sentence', () => {
    expect(checkClientEvent({ type: 'session.hack' })).toMatchObject({ ok: false, error: expect.stringMatching(/^Not a client event: "type" must be one of: session\.update/) });
    expect(checkClientEvent('response.create')).toMatchObject({ ok: false, error: expect.stringMatching(/^Not a client event/) });
    expect(checkClientEvent({ type: 'response.create', event_id: 5 })).toMatchObject({ ok: false, error: expect.stringMatching(/\(event_id\)$/) });
    expect(checkClientEvent({ type: 'conversation.item.create', item: { text: 'x'.repeat(1_000_001) } })).toMatchObject({ ok: false, error: expect.stringMatching(/more than 1000000/) });
  });
});
