import { browser, type Browser } from 'wxt/browser';

/**
 * Live audio levels for the meters: the microphone and the AI's voice, measured in the session host with Web Audio
 * analysers and sent to the UIs that are open.
 *
 * Design: a UI that shows meters opens a runtime Port named LEVELS_PORT. Only the session host listens for it (the
 * worker never sees it, so it keeps no state a restart would lose); in Chrome the offscreen document, in Firefox the
 * session window. While at least one port is connected the host samples ~12 times a second and posts the levels on
 * every port; when the last port disconnects (the popup closed, the panel closed) the timer stops and the analysers
 * are let go: with no UI open nothing is computed or sent. A UI whose port drops (the host closed on Stop) connects
 * again when the session next runs.
 */
export const LEVELS_PORT = 'voice-levels';
export const LEVELS_INTERVAL_MS = 80;

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

/** The host's side: answers LEVELS_PORT connections from our own pages; returns counters for the stats. */
export function serveLevels(sources: LevelSources): LevelsStats {
  const stats: LevelsStats = { sent: 0, subscribers: 0 };
  const ports = new Set<Browser.runtime.Port>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let context: AudioContext | null = null;
  let mic: StreamAnalyser | null = null;
  let ai: StreamAnalyser | null = null;

  const tick = () => {
    if (!context || !mic || !ai) return;
    // A context created without a user gesture may start suspended; it resumes once the page may play audio.
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    const levels: Levels = { mic: mic.level(sources.microphone()), ai: ai.level(sources.voice()) };
    for (const port of ports) {
      try {
        port.postMessage(levels);
        stats.sent++;
      } catch {
        ports.delete(port);
      }
    }
  };
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
    mic?.release();
    ai?.release();
    void context?.close().catch(() => undefined);
    context = mic = ai = null;
  };

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== LEVELS_PORT) return;
    const sender = port.sender;
    if (sender?.id !== browser.runtime.id || !sender.url?.startsWith(browser.runtime.getURL('/'))) return port.disconnect();
    ports.add(port);
    stats.subscribers = ports.size;
    port.onDisconnect.addListener(() => {
      ports.delete(port);
      stats.subscribers = ports.size;
      if (ports.size === 0) stop();
    });
    if (!timer) {
      context = new AudioContext();
      mic = new StreamAnalyser(context);
      ai = new StreamAnalyser(context);
      timer = setInterval(tick, LEVELS_INTERVAL_MS);
    }
  });
  return stats;
}
