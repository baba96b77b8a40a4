import { describe, expect, it } from 'vitest';
import { HISTORY_MAX_CHARS, HISTORY_MAX_SESSIONS, pastSessionOf, sessionToJson, sessionToMarkdown, withSession, type PastSession } from '@/utils/history';
import { IDLE_SESSION, type SessionState } from '@/utils/session-state';

const ended: SessionState = {
  ...IDLE_SESSION,
  status: 'idle',
  startedAt: Date.UTC(2026, 11, 2, 9, 30),
  reconnects: 1,
  usage: { textIn: 1000, audioIn: 200, imageIn: 0, cachedTextIn: 0, cachedAudioIn: 0, textOut: 50, audioOut: 250 },
  costUsd: 0.0123,
  transcript: [
    { role: 'user', text: 'make the background navy', at: 1, itemId: 'u1' },
    { role: 'tool', text: 'set_background_color: done', at: 2 },
    { role: 'assistant', text: 'Done, it is navy', at: 3, itemId: 'a1', state: 'interrupted' },
  ],
};

describe('session history', () => {
  it('keeps what was said and done, the usage and the cost; nothing when nothing happened', () => {
    const past = pastSessionOf(ended, 'gpt-realtime-2.1-mini', Date.UTC(2026, 11, 2, 9, 42), 's1')!;
    expect(past.transcript).toHaveLength(3);
    expect(past.transcript[2]).toEqual({ role: 'assistant', text: 'Done, it is navy', at: 3, state: 'interrupted' });
    expect(past).toMatchObject({ model: 'gpt-realtime-2.1-mini', costUsd: 0.0123, reconnects: 1 });
    expect(pastSessionOf({ ...ended, transcript: [] }, 'm', 0, 's2')).toBeNull();
  });

  it('exports Markdown a person can read, and JSON that reads back the same', () => {
    const past = pastSessionOf(ended, 'gpt-realtime-2.1-mini', Date.UTC(2026, 11, 2, 9, 42), 's1')!;
    expect(sessionToMarkdown(past)).toBe(
      [
        '# Voice session, 2026-12-02 09:30 UTC',
        '',
        '- Model: gpt-realtime-2.1-mini',
        '- Length: 12 min',
        '- Used: 1,500 tokens, $0.0123',
        '- Reconnected: 1 time(s)',
        '',
        '## Conversation',
        '',
        '- **You:** make the background navy',
        '- *set_background_color: done*',
        '- **AI:** Done, it is navy *(interrupted)*',
        '',
      ].join('\n'),
    );
    expect(JSON.parse(sessionToJson(past))).toEqual(past);
  });

  it('is bounded: newest first, the oldest dropped beyond 50 sessions or 2 million characters', () => {
    const session = (id: string, text = 'hi'): PastSession => ({ ...pastSessionOf(ended, 'm', 1, id)!, transcript: [{ role: 'user', text, at: 1 }] });
    let history: PastSession[] = [];
    for (let i = 0; i < HISTORY_MAX_SESSIONS + 5; i += 1) history = withSession(history, session(`s${i}`));
    expect(history).toHaveLength(HISTORY_MAX_SESSIONS);
    expect(history[0]!.id).toBe(`s${HISTORY_MAX_SESSIONS + 4}`);
    const big = withSession(withSession([], session('old', 'x'.repeat(HISTORY_MAX_CHARS / 2 + 10))), session('new', 'y'.repeat(HISTORY_MAX_CHARS / 2 + 10)));
    expect(big.map((past) => past.id)).toEqual(['new']);
  });
});

describe('history keeps what the charts draw', () => {
  it('keeps turn latencies, the running cost and each tool row’s round trip, and the Markdown says them', () => {
    const state: SessionState = {
      ...ended,
      transcript: [...ended.transcript.slice(0, 1), { role: 'tool', text: 'set_background_color: done', at: 2, ms: 41 }],
      latenciesMs: [300, 500],
      costOverTime: [
        { at: 10, usd: 0.004 },
        { at: 20, usd: 0.0123 },
      ],
    };
    const past = pastSessionOf(state, 'm', Date.UTC(2026, 11, 2, 9, 42), 's3')!;
    expect(past).toMatchObject({ latenciesMs: [300, 500], costOverTime: [{ at: 10, usd: 0.004 }, { at: 20, usd: 0.0123 }] });
    expect(past.transcript[1]).toEqual({ role: 'tool', text: 'set_background_color: done', at: 2, ms: 41 });
    const markdown = sessionToMarkdown(past);
    expect(markdown).toContain('- Answer latency: 400 ms on average over 2 turn(s)');
    expect(markdown).toContain('- *set_background_color: done* (41 ms)');
  });
});
