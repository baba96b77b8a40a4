// @ts-check
/**
 * Audio for the local Realtime peer, both ways.
 *
 * - `VoiceOutput` is the AI's "voice": a track fed by `@roamhq/wrtc`'s nonstandard `RTCAudioSource`, 48 kHz mono
 *   16-bit, one 10 ms frame at a time on a timer. It carries silence, and a sine tone while a reply is being
 *   "spoken". Like the real service's output buffer, speech is queued (each transcript delta adds its share of
 *   tone), plays out in real time, can be cleared, and reports when it has drained.
 * - `InputMeter` listens to the client's microphone track with `RTCAudioSink` and keeps simple statistics
 *   (frames, samples, RMS and peak levels), so a test can tell the fake microphone's beep from silence.
 */
import wrtc from '@roamhq/wrtc';

export const SAMPLE_RATE = 48_000;
export const FRAME_MS = 10;
export const SAMPLES_PER_FRAME = (SAMPLE_RATE * FRAME_MS) / 1000;
/** The "voice": an A4 sine at a quarter of full scale. */
const TONE_HZ = 440;
const TONE_AMPLITUDE = 0.25 * 32767;
/** After a stall of the event loop, at most this many overdue frames are sent at once (the rest are skipped). */
const MAX_CATCH_UP_FRAMES = 10;
/** A frame whose RMS (0..1 of full scale) is above this counts as sound rather than silence. */
export const LOUD_RMS = 0.01;

/**
 * @typedef {object} OutputStats
 * @property {number} frames 10 ms frames sent on the track
 * @property {number} toneFrames of those, frames carrying the tone
 * @property {boolean} speaking whether tone is queued or playing now
 * @property {number} queuedMs tone still queued
 */

export class VoiceOutput {
  /** @type {import('@roamhq/wrtc').nonstandard.RTCAudioSource} */
  #source;
  /** @type {ReturnType<typeof setInterval> | null} */
  #timer = null;
  #startedAt = 0;
  #framesDue = 0;
  /** Tone samples still to play. */
  #queuedSamples = 0;
  #phase = 0;
  #lastFrameHadTone = false;
  #silence = new Int16Array(SAMPLES_PER_FRAME);
  #onDrained = () => {};
  /** @type {(at: number) => void} */
  #onToneStart = () => {};
  /** @type {OutputStats} */
  stats = { frames: 0, toneFrames: 0, speaking: false, queuedMs: 0 };

  constructor() {
    this.#source = new wrtc.nonstandard.RTCAudioSource();
    /** The track to add to the peer connection. */
    this.track = this.#source.createTrack();
    /** A stream for the track, so the client's `ontrack` gets `event.streams[0]` (the agents SDK plays that). */
    this.stream = new wrtc.MediaStream([this.track]);
  }

  /** Starts sending frames (silence until `speak` queues tone). */
  start() {
    if (this.#timer) return;
    this.#startedAt = performance.now();
    this.#framesDue = 0;
    this.#timer = setInterval(() => this.#tick(), FRAME_MS);
    this.#timer.unref?.();
  }

  /**
   * Queues `ms` of tone after what is already queued.
   * @param {number} ms
   */
  speak(ms) {
    this.#queuedSamples += Math.max(0, Math.round((ms * SAMPLE_RATE) / 1000));
    this.#update();
  }

  /**
   * Drops all queued tone at once (the `output_audio_buffer.clear` case).
   * @returns {boolean} whether anything was playing
   */
  clear() {
    const wasSpeaking = this.#queuedSamples > 0;
    this.#queuedSamples = 0;
    this.#update();
    return wasSpeaking;
  }

  /**
   * Called once each time queued tone has finished playing.
   * @param {() => void} callback
   */
  onDrained(callback) {
    this.#onDrained = callback;
  }

  /**
   * Called with the time (epoch ms, sub-ms) each time a frame carrying tone is handed to the track after frames of
   * silence, i.e. when a reply's first audio goes out (the bench's "end of speech → first audio").
   * @param {(at: number) => void} callback
   */
  onToneStart(callback) {
    this.#onToneStart = callback;
  }

  /** Stops the timer and the track. Safe to call twice. */
  stop() {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#queuedSamples = 0;
    this.#update();
    if (this.track.readyState !== 'ended') this.track.stop();
  }

  #update() {
    this.stats.speaking = this.#queuedSamples > 0;
    this.stats.queuedMs = Math.round((this.#queuedSamples * 1000) / SAMPLE_RATE);
  }

  /** Sends every frame that is due by now, so the track keeps real time even though timers are coarse. */
  #tick() {
    const due = Math.floor((performance.now() - this.#startedAt) / FRAME_MS);
    let count = due - this.#framesDue;
    if (count > MAX_CATCH_UP_FRAMES) count = MAX_CATCH_UP_FRAMES;
    this.#framesDue = due;
    for (let i = 0; i < count; i++) this.#sendFrame();
  }

  #sendFrame() {
    let samples = this.#silence;
    const toneStarts = this.#queuedSamples > 0 && !this.#lastFrameHadTone;
    this.#lastFrameHadTone = this.#queuedSamples > 0;
    if (this.#queuedSamples > 0) {
      samples = new Int16Array(SAMPLES_PER_FRAME);
      const n = Math.min(SAMPLES_PER_FRAME, this.#queuedSamples);
      const step = (2 * Math.PI * TONE_HZ) / SAMPLE_RATE;
      for (let i = 0; i < n; i++) {
        samples[i] = Math.round(Math.sin(this.#phase) * TONE_AMPLITUDE);
        this.#phase += step;
      }
      this.#phase %= 2 * Math.PI;
      this.#queuedSamples -= n;
      this.stats.toneFrames++;
      this.#update();
      if (this.#queuedSamples === 0) queueMicrotask(() => this.#onDrained());
    }
    try {
      this.#source.onData({ samples, sampleRate: SAMPLE_RATE, bitsPerSample: 16, channelCount: 1, numberOfFrames: SAMPLES_PER_FRAME });
      this.stats.frames++;
      if (toneStarts) this.#onToneStart(performance.timeOrigin + performance.now());
    } catch {
      // The track was stopped between ticks: nothing to do.
    }
  }
}

/**
 * @typedef {object} InputStats
 * @property {boolean} track whether the client sent an audio track at all
 * @property {number} frames frames received
 * @property {number} samples samples received (per channel)
 * @property {number} durationMs audio received, in ms
 * @property {number | null} sampleRate of the last frame
 * @property {number | null} channelCount of the last frame
 * @property {number} rms RMS of the last frame, 0..1 of full scale
 * @property {number} peak peak of the last frame, 0..1
 * @property {number} maxRms highest frame RMS so far
 * @property {number} maxPeak highest peak so far
 * @property {number} loudFrames frames with RMS above LOUD_RMS (sound, not silence)
 * @property {number | null} firstFrameAt epoch ms of the first frame
 * @property {number | null} lastFrameAt epoch ms of the last frame
 */

/** @returns {InputStats} */
export function emptyInputStats() {
  return {
    track: false, frames: 0, samples: 0, durationMs: 0, sampleRate: null, channelCount: null,
    rms: 0, peak: 0, maxRms: 0, maxPeak: 0, loudFrames: 0, firstFrameAt: null, lastFrameAt: null,
  };
}

export class InputMeter {
  /** @type {import('@roamhq/wrtc').nonstandard.RTCAudioSink} */
  #sink;

  /**
   * @param {MediaStreamTrack} track the client's microphone, as received
   * @param {InputStats} stats updated in place
   */
  constructor(track, stats) {
    this.stats = stats;
    stats.track = true;
    this.#sink = new wrtc.nonstandard.RTCAudioSink(track);
    this.#sink.ondata = (/** @type {{samples: Int16Array, sampleRate: number, channelCount?: number, numberOfFrames?: number}} */ data) =>
      this.#measure(data);
  }

  /** @param {{samples: Int16Array, sampleRate: number, channelCount?: number, numberOfFrames?: number}} data */
  #measure({ samples, sampleRate, channelCount = 1, numberOfFrames }) {
    const stats = this.stats;
    let sumSquares = 0;
    let peak = 0;
    for (let i = 0; i < samples.length; i++) {
      const s = /** @type {number} */ (samples[i]);
      sumSquares += s * s;
      const a = s < 0 ? -s : s;
      if (a > peak) peak = a;
    }
    const rms = samples.length ? Math.sqrt(sumSquares / samples.length) / 32768 : 0;
    const frames = numberOfFrames ?? samples.length / channelCount;
    const now = Date.now();
    stats.frames++;
    stats.samples += frames;
    stats.durationMs = Math.round((stats.durationMs + (frames * 1000) / sampleRate) * 1000) / 1000;
    stats.sampleRate = sampleRate;
    stats.channelCount = channelCount;
    stats.rms = Math.round(rms * 1e5) / 1e5;
    stats.peak = Math.round((peak / 32768) * 1e5) / 1e5;
    if (stats.rms > stats.maxRms) stats.maxRms = stats.rms;
    if (stats.peak > stats.maxPeak) stats.maxPeak = stats.peak;
    if (rms > LOUD_RMS) stats.loudFrames++;
    stats.firstFrameAt ??= now;
    stats.lastFrameAt = now;
  }

  stop() {
    if (!this.#sink.stopped) this.#sink.stop();
  }
}
