// @ts-check
/**
 * Part 1c: end of speech → first audio of the answer, per turn (see README.md).
 *
 * A turn is scripted at the peer (`session.userSays(text)`: speech_started, the words' duration, speech_stopped +
 * committed, then the response), since the peer recognises no speech. Measured at the peer, on its clock:
 *   speech_stopped sent → the answer's first tone frame handed to the voice track (`session.toneStarts`).
 * Also, when the offscreen document can be reached over CDP: when the tone is first heard there (Web Audio on the
 * `#ai-voice` element's stream, 256-sample blocks ≈ 5.3 ms), moved to Node's clock by an evaluate round trip.
 */
import { pollUntil, stamp, summarize } from './stats.mjs';
import { targetClockOffset } from './targets.mjs';

/** Turns the peer's grammar does not understand: it answers in words at once ("I heard you say: …"). */
const PLAIN_TURNS = ['hello there', 'how are you today', 'thanks a lot', 'good morning', 'nice weather'];
/** Turns that make a tool call first (the answer is spoken after the extension's function_call_output). */
const TOOL_TURNS = ['make the background navy', 'make the background teal', 'make the background maroon', 'make the background olive', 'make the background purple'];

/** Web Audio "ear" in the offscreen document: stamps each start of sound on the AI voice's stream. */
const EAR_SCRIPT = `(() => {
  if (window.__ear) return 'already';
  const audio = document.querySelector('#ai-voice');
  const stream = audio && audio.srcObject;
  if (!stream) return 'no stream on #ai-voice';
  const ctx = new AudioContext();
  const source = ctx.createMediaStreamSource(stream);
  const node = ctx.createScriptProcessor(256, 1, 1);
  const ear = { starts: [], blocks: 0, loud: false, state: ctx.state };
  node.onaudioprocess = (event) => {
    const data = event.inputBuffer.getChannelData(0);
    let sum = 0;
    for (let i = 0; i < data.length; i += 1) sum += data[i] * data[i];
    const loud = Math.sqrt(sum / data.length) > 0.01;
    if (loud && !ear.loud) ear.starts.push(performance.timeOrigin + performance.now());
    ear.loud = loud;
    ear.blocks += 1;
  };
  source.connect(node);
  node.connect(ctx.destination);
  void ctx.resume();
  window.__ear = ear;
  return 'ok';
})()`;

/**
 * @param {{ session: any, offscreen: import('./targets.mjs').TargetSession | null, turns: number,
 *   progress: (message: string) => void, timeoutMs: number }} ctx
 */
export async function measureTurnLatency({ session, offscreen, turns, progress, timeoutMs }) {
  /** @type {string | null} */
  let earProblem = null;
  let offset = 0;
  if (offscreen) {
    try {
      const installed = await offscreen.evaluate(EAR_SCRIPT);
      if (installed !== 'ok' && installed !== 'already') earProblem = String(installed);
      offset = (await targetClockOffset(offscreen)).offset;
      // Let the audio graph run before the first turn.
      await pollUntil(async () => (await offscreen.evaluate('window.__ear ? window.__ear.blocks : 0')) > 10, { timeoutMs: 5_000, what: 'the offscreen Web Audio ear to run' });
    } catch (error) {
      earProblem = error instanceof Error ? error.message : String(error);
    }
  } else earProblem = 'the offscreen document was not found';

  /** @type {Record<'plain' | 'tool', { peer: number[], ear: number[], responseCreated: number[], toolOutput: number[] }>} */
  const out = {
    plain: { peer: [], ear: [], responseCreated: [], toolOutput: [] },
    tool: { peer: [], ear: [], responseCreated: [], toolOutput: [] },
  };
  for (let i = 0; i < turns * 2; i += 1) {
    const kind = i % 2 === 0 ? 'plain' : 'tool';
    const list = kind === 'plain' ? PLAIN_TURNS : TOOL_TURNS;
    const text = /** @type {string} */ (list[Math.floor(i / 2) % list.length]);
    progress(`turn ${i + 1}/${turns * 2} (${kind}): "${text}"`);
    const sentBefore = session.sent.length;
    const receivedBefore = session.received.length;
    const tonesBefore = session.toneStarts.length;
    await session.userSays(text);
    const stopped = session.sent.slice(sentBefore).find((/** @type {any} */ e) => e.event?.type === 'input_audio_buffer.speech_stopped');
    if (!stopped) throw new Error(`turn "${text}": the peer sent no speech_stopped`);
    const tone = await pollUntil(() => session.toneStarts.slice(tonesBefore).find((/** @type {any} */ t) => t.at > stopped.at), {
      timeoutMs,
      what: `the first audio of the answer to "${text}"`,
    });
    // The whole answer played out (output_audio_buffer.stopped) before the next turn.
    await pollUntil(
      () => session.sent.slice(sentBefore).some((/** @type {any} */ e) => e.event?.type === 'output_audio_buffer.stopped' && e.event.response_id === tone.responseId),
      { timeoutMs, what: `the answer to "${text}" to finish playing` },
    );
    const created = session.sent.slice(sentBefore).find((/** @type {any} */ e) => e.event?.type === 'response.created' && e.at >= stopped.at);
    const output = session.received
      .slice(receivedBefore)
      .find((/** @type {any} */ e) => e.event?.type === 'conversation.item.create' && e.event.item?.type === 'function_call_output');
    if (kind === 'tool' && !output) throw new Error(`turn "${text}": no function_call_output reached the peer`);
    out[kind].peer.push(tone.at - stopped.at);
    if (created) out[kind].responseCreated.push(created.at - stopped.at);
    if (output) out[kind].toolOutput.push(output.at - stopped.at);
    if (offscreen && !earProblem) {
      const heard = await pollUntil(
        async () => {
          const starts = /** @type {number[]} */ (await offscreen.evaluate('window.__ear.starts'));
          return starts.map((t) => t - offset).find((t) => t > stopped.at) ?? null;
        },
        { timeoutMs: 5_000, what: `the offscreen document to hear the answer to "${text}"` },
      ).catch(() => null);
      if (heard != null) out[kind].ear.push(heard - stopped.at);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  /** @param {number[]} v */
  const s = (v) => (v.length ? summarize(v) : null);
  return {
    earProblem,
    plain: { samples: out.plain, peer: s(out.plain.peer), ear: s(out.plain.ear), responseCreated: s(out.plain.responseCreated) },
    tool: { samples: out.tool, peer: s(out.tool.peer), ear: s(out.tool.ear), responseCreated: s(out.tool.responseCreated), toolOutput: s(out.tool.toolOutput) },
    measuredAt: stamp(),
  };
}
