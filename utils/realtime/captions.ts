/**
 * Live captions from the Realtime server events: the user's words (input transcription deltas, then the final
 * text) and the AI's (output transcript deltas), one row per conversation item, keyed by `item_id`.
 *
 * A row is announced when its item enters the conversation (the user's audio is committed, the AI's message is
 * added), before any of its words: the user's transcription often arrives after the AI has started answering,
 * and the row must still sit before the answer. An AI turn that is cut off (the user spoke over it, or pressed
 * "stop speaking") keeps the words it had got to and is marked interrupted.
 */

export type CaptionState = 'partial' | 'final' | 'interrupted';

export interface Caption {
  itemId: string;
  role: 'user' | 'assistant';
  /** Everything said in this item so far. */
  text: string;
  state: CaptionState;
}

interface Row extends Caption {
  responseId?: string;
}

/** Rows of this many items are remembered (older ones can no longer change on screen anyway). */
const MAX_ROWS = 200;

export class Captions {
  readonly #rows = new Map<string, Row>();
  /** Responses whose audio is still playing: only those can be cut off by clearing the audio. */
  readonly #playing = new Set<string>();

  constructor(private readonly emit: (caption: Caption) => void) {}

  /** Feeds one server event; emits the row it changed, if any. Unknown or malformed events are ignored. */
  onServerEvent(event: Record<string, unknown>): void {
    const itemId = typeof event.item_id === 'string' ? event.item_id : undefined;
    const responseId = typeof event.response_id === 'string' ? event.response_id : undefined;
    switch (event.type) {
      case 'input_audio_buffer.committed':
        if (itemId) this.#open(itemId, 'user');
        return;
      case 'conversation.item.input_audio_transcription.delta':
        if (itemId) this.#add(itemId, 'user', event.delta);
        return;
      case 'conversation.item.input_audio_transcription.completed':
        if (itemId) this.#finish(itemId, 'user', event.transcript);
        return;
      case 'conversation.item.input_audio_transcription.failed':
        if (itemId) this.#finish(itemId, 'user', '');
        return;
      case 'response.output_item.added': {
        const item = event.item as { id?: unknown; type?: unknown; role?: unknown } | undefined;
        if (item?.type === 'message' && item.role === 'assistant' && typeof item.id === 'string') {
          this.#open(item.id, 'assistant', responseId);
        }
        return;
      }
      case 'response.output_audio_transcript.delta':
      case 'response.output_text.delta':
        if (itemId) this.#add(itemId, 'assistant', event.delta, responseId);
        return;
      case 'response.output_audio_transcript.done':
        if (itemId) this.#finish(itemId, 'assistant', event.transcript);
        return;
      case 'response.output_text.done':
        if (itemId) this.#finish(itemId, 'assistant', event.text);
        return;
      case 'output_audio_buffer.started':
        if (responseId) this.#playing.add(responseId);
        return;
      case 'output_audio_buffer.stopped':
        if (responseId) this.#playing.delete(responseId);
        return;
      case 'output_audio_buffer.cleared':
        // The AI's voice was cut while playing (barge-in or "stop speaking"): its words so far stay, marked as cut off.
        if (responseId && this.#playing.delete(responseId)) this.#interrupt(responseId);
        return;
      case 'response.done': {
        const response = event.response as { id?: unknown; status?: unknown } | undefined;
        if (typeof response?.id === 'string' && (response.status === 'cancelled' || response.status === 'incomplete')) {
          this.#interrupt(response.id);
        }
        return;
      }
    }
  }

  #open(itemId: string, role: Row['role'], responseId?: string): void {
    if (this.#rows.has(itemId)) return;
    this.#put({ itemId, role, text: '', state: 'partial', responseId });
  }

  #add(itemId: string, role: Row['role'], delta: unknown, responseId?: string): void {
    if (typeof delta !== 'string' || !delta) return;
    const row = this.#rows.get(itemId) ?? { itemId, role, text: '', state: 'partial' as const, responseId };
    if (row.state !== 'partial') return; // words after the end (or the cut) are not shown
    this.#put({ ...row, text: row.text + delta });
  }

  #finish(itemId: string, role: Row['role'], text: unknown): void {
    const row = this.#rows.get(itemId) ?? { itemId, role, text: '', state: 'partial' as const };
    if (row.state === 'interrupted') return; // the cut-off text stays what the user heard
    this.#put({ ...row, text: typeof text === 'string' ? text : row.text, state: 'final' });
  }

  #interrupt(responseId: string): void {
    for (const row of this.#rows.values()) {
      if (row.role === 'assistant' && row.responseId === responseId && row.state !== 'interrupted') {
        this.#put({ ...row, state: 'interrupted' });
      }
    }
  }

  #put(row: Row): void {
    this.#rows.set(row.itemId, row);
    if (this.#rows.size > MAX_ROWS) this.#rows.delete(this.#rows.keys().next().value!);
    const { responseId: _, ...caption } = row;
    this.emit(caption);
  }
}
