/**
 * Live audio levels for the meters: the microphone and the AI's voice, measured in the session host with Web Audio
 * analysers and sent to the UIs that are open.
 *
 * Design: a BroadcastChannel between our own pages (same origin: no web page or content script can join). A UI that
 * shows meters says "subscribe" on it when it opens and again every second, and "unsubscribe" when it goes; the
 * session host (Chrome's offscreen document, Firefox's session window) samples ~12 times a second and posts the
 * levels only while a subscriber was heard from in the last few seconds, and lets the analysers go otherwise: with no
 * UI open nothing is computed or sent. The worker takes no part, so it keeps no state a restart would lose, and it is
 * not kept awake either (a runtime Port between two pages keeps Firefox's event page from suspending).
 */
export const LEVELS_CHANNEL = 'voice-page-control-levels';
export const LEVELS_INTERVAL_MS = 80;
/** How often a UI says it is still there, and how long the host waits before it counts it gone. */
export const SUBSCRIBE_EVERY_MS = 1_000;
const SUBSCRIBER_TTL_MS = 3_000;

export type LevelsMessage = { kind: 'subscribe' | 'unsubscribe'; id: string } | ({ kind: 'levels' } & Levels);

export interface Levels {
  /** 0..1 on a 60 dB scale (0 = silence or below -60 dBFS, 1 = full scale). */
  mic: number;
  ai: number;
}

/** The RMS of a block of samples (-1..1), mapped onto 0..1 over the 60 dB a meter shows. */
export function levelOf(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  const rms = Math.sqrt(sum / samples.length);
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.round(Math.min(1, Math.max(0, (db + 60) / 60)) * 100) / 100;
}

/** One analyser on a stream, rebuilt when the stream changes (a reconnect, a new remote track). */
class StreamAnalyser {
  #stream: MediaStream | null = null;
  #source: MediaStreamAudioSourceNode | null = null;
  #analyser: AnalyserNode | null = null;
  #buffer: Float32Array<ArrayBuffer> = new Float32Array(0);

  constructor(private readonly context: AudioContext) {}

  level(stream: MediaStream | null): number {
    const live = stream?.getAudioTracks().some((track) => track.readyState === 'live' && track.enabled) ?? false;
    if (!stream || !live) {
      this.release();
      return 0;
    }
    if (stream !== this.#stream) {
      this.release();
      this.#stream = stream;
      this.#source = this.context.createMediaStreamSource(stream);
      this.#analyser = this.context.createAnalyser();
      this.#analyser.fftSize = 1024;
      this.#buffer = new Float32Array(this.#analyser.fftSize);
      this.#source.connect(this.#analyser);
    }
    this.#analyser!.getFloatTimeDomainData(this.#buffer);
    return levelOf(this.#buffer);
  }

  release(): void {
    this.#source?.disconnect();
    this.#source = null;
    this.#analyser = null;
    this.#stream = null;
  }
}

export interface LevelSources {
  microphone(): MediaStream | null;
  /** The AI's voice: the remote stream the transport put on the audio element. */
  voice(): MediaStream | null;
}

export interface LevelsStats {
  /** Level messages posted since the host started (a test reads it to see that nothing flows without a UI). */
  sent: number;
  subscribers: number;
}

/** The host's side: samples while UIs subscribe on LEVELS_CHANNEL; returns counters for the stats. */
export function serveLevels(sources: LevelSources): LevelsStats {
  const stats: LevelsStats = { sent: 0, subscribers: 0 };
  const channel = new BroadcastChannel(LEVELS_CHANNEL);
  /** Subscriber id → when it last said it is there. */
  const subscribers = new Map<string, number>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let context: AudioContext | null = null;
  let mic: StreamAnalyser | null = null;
  let ai: StreamAnalyser | null = null;

  const count = () => {
    const now = Date.now();
    for (const [id, seen] of subscribers) if (now - seen > SUBSCRIBER_TTL_MS) subscribers.delete(id);
    stats.subscribers = subscribers.size;
    return subscribers.size;
  };
  const tick = () => {
    if (count() === 0) return stop();
    if (!context || !mic || !ai) return;
    // A context created without a user gesture may start suspended; it resumes once the page may play audio.
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    const levels: LevelsMessage = { kind: 'levels', mic: mic.level(sources.microphone()), ai: ai.level(sources.voice()) };
    channel.postMessage(levels);
    stats.sent++;
  };
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
    mic?.release();
    ai?.release();
    void context?.close().catch(() => undefined);
    context = mic = ai = null;
  };

  channel.addEventListener('message', ({ data }: MessageEvent<LevelsMessage>) => {
    if (data?.kind === 'unsubscribe') {
      subscribers.delete(data.id);
      if (count() === 0) stop();
      return;
    }
    if (data?.kind !== 'subscribe' || typeof data.id !== 'string') return;
    subscribers.set(data.id, Date.now());
    count();
    if (!timer) {
      context = new AudioContext();
      mic = new StreamAnalyser(context);
      ai = new StreamAnalyser(context);
      timer = setInterval(tick, LEVELS_INTERVAL_MS);
    }
  });
  return stats;
}
