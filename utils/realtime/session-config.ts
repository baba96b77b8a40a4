import type { OpenAIRealtimeWebRTC } from '@openai/agents-realtime';
import type { Settings } from '../settings';
import { INSTRUCTIONS } from './instructions';

/**
 * The session settings the user can change, as the worker hands them to the session host: at start, and again
 * whenever they change in the options page while a session runs (then as one `session.update`).
 */
export interface LiveConfig {
  instructions: string;
  /** Fixed once the model has spoken (the service's rule): a change applies from the next session. */
  voice: string;
  turnDetection: Settings['turnDetection'];
  eagerness: Settings['eagerness'];
  noiseReduction: Settings['noiseReduction'];
  speed: number;
  /** ISO-639-1, or '' to let the transcription guess. */
  transcriptionLanguage: string;
  outputModality: Settings['outputModality'];
}

export function liveConfigOf(settings: Settings): LiveConfig {
  return {
    instructions: settings.instructions.trim() || INSTRUCTIONS,
    voice: settings.voice,
    turnDetection: settings.turnDetection,
    eagerness: settings.eagerness,
    noiseReduction: settings.noiseReduction,
    speed: settings.speed,
    transcriptionLanguage: settings.transcriptionLanguage.trim(),
    outputModality: settings.outputModality,
  };
}

export type SessionTool = { type: 'function'; name: string; description: string; parameters: Record<string, unknown> };
type TransportConfig = NonNullable<Parameters<OpenAIRealtimeWebRTC['connect']>[0]['initialSessionConfig']>;
type FunctionTool = Extract<NonNullable<TransportConfig['tools']>[number], { type: 'function' }>;

/**
 * The whole session config in the transport's terms (it sends the GA `session.update`). Always whole: the
 * transport fills anything left out with its defaults, so an update that named only the new value would reset
 * the rest.
 */
export function transportConfigOf(config: LiveConfig, tools: SessionTool[]): TransportConfig {
  return {
    instructions: config.instructions,
    outputModalities: [config.outputModality],
    audio: {
      input: {
        noiseReduction: config.noiseReduction === 'off' ? null : { type: config.noiseReduction },
        transcription: { model: 'gpt-4o-mini-transcribe', ...(config.transcriptionLanguage ? { language: config.transcriptionLanguage } : {}) },
        // Push to talk: no turn detection; the user's button marks the turn.
        turnDetection: config.turnDetection === 'push_to_talk' ? null : { type: 'semantic_vad', eagerness: config.eagerness },
      },
      output: { voice: config.voice, speed: config.speed },
    },
    tools: tools.map(toTransportTool),
  };
}

/** Our parameters are zod's JSON schemas (object schemas by construction); strict mode would reject optional fields. */
function toTransportTool(tool: SessionTool): FunctionTool {
  return { ...tool, strict: false, parameters: tool.parameters as FunctionTool['parameters'] };
}
