import { describe, expect, it } from 'vitest';
import { Captions, type Caption } from '@/utils/realtime/captions';

function feed(events: Array<Record<string, unknown>>) {
  const emitted: Caption[] = [];
  const captions = new Captions((caption) => emitted.push(caption));
  for (const event of events) captions.onServerEvent(event);
  /** The rows as a UI keyed by item id shows them: first appearance fixes the order, the last update the text. */
  const rows = new Map<string, Caption>();
  for (const caption of emitted) rows.set(caption.itemId, caption);
  return { emitted, rows: [...rows.values()] };
}

const assistantTurn = (responseId: string, itemId: string, words: string[], done = true) => [
  { type: 'response.created', response: { id: responseId } },
  { type: 'response.output_item.added', response_id: responseId, item: { id: itemId, type: 'message', role: 'assistant' } },
  { type: 'output_audio_buffer.started', response_id: responseId },
  ...words.map((delta) => ({ type: 'response.output_audio_transcript.delta', response_id: responseId, item_id: itemId, delta })),
  ...(done
    ? [
        { type: 'response.output_audio_transcript.done', response_id: responseId, item_id: itemId, transcript: words.join('') },
        { type: 'response.done', response: { id: responseId, status: 'completed' } },
      ]
    : []),
];

describe('live captions', () => {
  it('streams the user’s words and the AI’s, keeps the user’s row before the answer although its text comes later', () => {
    const { emitted, rows } = feed([
      { type: 'input_audio_buffer.speech_started', item_id: 'u1' },
      { type: 'input_audio_buffer.committed', item_id: 'u1' },
      ...assistantTurn('r1', 'a1', ['Sure, ', 'navy ', 'it is.']),
      { type: 'conversation.item.input_audio_transcription.delta', item_id: 'u1', delta: 'make it ' },
      { type: 'conversation.item.input_audio_transcription.delta', item_id: 'u1', delta: 'navy' },
      { type: 'conversation.item.input_audio_transcription.completed', item_id: 'u1', transcript: 'make it navy' },
    ]);
    expect(rows).toEqual([
      { itemId: 'u1', role: 'user', text: 'make it navy', state: 'final' },
      { itemId: 'a1', role: 'assistant', text: 'Sure, navy it is.', state: 'final' },
    ]);
    // Partial rows came first, growing word by word.
    expect(emitted.filter((c) => c.itemId === 'a1').map((c) => c.text)).toEqual(['', 'Sure, ', 'Sure, navy ', 'Sure, navy it is.', 'Sure, navy it is.']);
    expect(emitted.find((c) => c.itemId === 'u1' && c.text === 'make it ')?.state).toBe('partial');
  });

  it('an AI turn cut off by the user keeps the words so far, marked interrupted, and later words do not change it', () => {
    const { rows } = feed([
      ...assistantTurn('r1', 'a1', ['Once ', 'upon ', 'a '], false),
      { type: 'input_audio_buffer.speech_started', item_id: 'u2' },
      { type: 'output_audio_buffer.cleared', response_id: 'r1' },
      { type: 'response.output_audio_transcript.delta', response_id: 'r1', item_id: 'a1', delta: 'time' },
      { type: 'response.output_audio_transcript.done', response_id: 'r1', item_id: 'a1', transcript: 'Once upon a time' },
      { type: 'response.done', response: { id: 'r1', status: 'cancelled' } },
    ]);
    expect(rows).toEqual([{ itemId: 'a1', role: 'assistant', text: 'Once upon a ', state: 'interrupted' }]);
  });

  it('a cancelled response marks its turn interrupted even when no audio was playing (text only)', () => {
    const { rows } = feed([
      { type: 'response.output_item.added', response_id: 'r1', item: { id: 'a1', type: 'message', role: 'assistant' } },
      { type: 'response.output_text.delta', response_id: 'r1', item_id: 'a1', delta: 'Half' },
      { type: 'response.done', response: { id: 'r1', status: 'cancelled' } },
    ]);
    expect(rows).toEqual([{ itemId: 'a1', role: 'assistant', text: 'Half', state: 'interrupted' }]);
  });

  it('clearing the audio after the AI finished speaking does not mark its turn interrupted', () => {
    const { rows } = feed([
      ...assistantTurn('r1', 'a1', ['All ', 'done.']),
      { type: 'output_audio_buffer.stopped', response_id: 'r1' },
      { type: 'output_audio_buffer.cleared', response_id: 'r1' },
    ]);
    expect(rows[0]?.state).toBe('final');
  });

  it('ignores malformed and unknown events', () => {
    const { emitted } = feed([
      { type: 'response.output_audio_transcript.delta', delta: 'no item id' },
      { type: 'response.output_audio_transcript.delta', item_id: 'x', delta: 42 },
      { type: 'response.output_item.added', item: null },
      { type: 'response.done', response: 'nonsense' },
      { type: 'something.new', item_id: 'x' },
      {},
    ]);
    expect(emitted).toEqual([]);
  });
});
