/** A `response.done` the peer sent, as far as pricing needs it. */
type Tokens = { text_tokens: number; audio_tokens: number; image_tokens: number };
type Sent = { event: { type?: string; response?: { usage: { input_token_details: Tokens & { cached_tokens_details: Tokens }; output_token_details: Tokens } } } | null };

/** gpt-realtime-2.1-mini (the default model), dollars per million tokens, as published 2026-11-21. */
const PRICE = { textIn: 0.6, audioIn: 10, cachedIn: 0.3, imageIn: 0.8, textOut: 2.4, audioOut: 20 };

/**
 * What the peer's own usage numbers cost, summed by hand from every `response.done` it sent (independent of the
 * extension's pricing code, which the e2e tests compare against this).
 */
export function pricedByHand(sent: readonly Sent[]): { responses: number; dollars: number } {
  const dones = sent.filter((entry) => entry.event?.type === 'response.done');
  let micro = 0;
  for (const { event } of dones) {
    const input = event!.response!.usage.input_token_details;
    const output = event!.response!.usage.output_token_details;
    const cachedText = input.cached_tokens_details.text_tokens;
    const cachedAudio = input.cached_tokens_details.audio_tokens;
    micro +=
      (input.text_tokens - cachedText) * PRICE.textIn +
      (input.audio_tokens - cachedAudio) * PRICE.audioIn +
      (cachedText + cachedAudio) * PRICE.cachedIn +
      input.image_tokens * PRICE.imageIn +
      output.text_tokens * PRICE.textOut +
      output.audio_tokens * PRICE.audioOut;
  }
  return { responses: dones.length, dollars: micro / 1_000_000 };
}
