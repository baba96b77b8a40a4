import type { OpenAIRealtimeWebRTC } from '@openai/agents-realtime';
import type { Settings } from '../settings';
import { INSTRUCTIONS } from './instructions';
import { REASONING_MODELS } from './providers';

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
  /** Server VAD: speech threshold (0–1), audio kept before speech, and the silence that ends a turn. */
  vad: { threshold: number; prefixPaddingMs: number; silenceMs: number };
  noiseReduction: Settings['noiseReduction'];
  speed: number;
  /** The model that transcribes the user's speech, or 'off'. */
  transcriptionModel: Settings['transcriptionModel'];
  /** ISO-639-1, or '' to let the transcription guess. */
  transcriptionLanguage: string;
  outputModality: Settings['outputModality'];
  /** Set only for a model that reasons (REASONING_MODELS); otherwise nothing is sent. */
  reasoningEffort?: Exclude<Settings['reasoningEffort'], 'default'>;
  /** Tools the session does not declare (switched off in the options; run_javascript until allowed). */
  disabledTools: string[];
}

export function liveConfigOf(settings: Settings): LiveConfig {
  const reasons = REASONING_MODELS.includes(settings.model) && settings.reasoningEffort !== 'default';
  return {
    instructions: settings.instructions.trim() || INSTRUCTIONS,
    voice: settings.voice,
    turnDetection: settings.turnDetection,
    eagerness: settings.eagerness,
    vad: { threshold: settings.vadThreshold, prefixPaddingMs: settings.vadPrefixPaddingMs, silenceMs: settings.vadSilenceMs },
    noiseReduction: settings.noiseReduction,
    speed: settings.speed,
    transcriptionModel: settings.transcriptionModel,
    transcriptionLanguage: settings.transcriptionLanguage.trim(),
    outputModality: settings.outputModality,
    ...(reasons && settings.reasoningEffort !== 'default' ? { reasoningEffort: settings.reasoningEffort } : {}),
    disabledTools: [...new Set([...settings.disabledTools, ...(settings.allowRunJavascript ? [] : ['run_javascript'])])].sort(),
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
        transcription:
          config.transcriptionModel === 'off'
            ? null
            : { model: config.transcriptionModel, ...(config.transcriptionLanguage ? { language: config.transcriptionLanguage } : {}) },
        turnDetection: turnDetectionOf(config),
      },
      output: { voice: config.voice, speed: config.speed },
    },
    ...(config.reasoningEffort ? { reasoning: { effort: config.reasoningEffort } } : {}),
    tools: tools.filter((tool) => !config.disabledTools.includes(tool.name)).map(toTransportTool),
  };
}

/** Push to talk: no turn detection (the user's button marks the turn). Server VAD answers and lets you interrupt, as semantic VAD does. */
function turnDetectionOf(config: LiveConfig): Record<string, unknown> | null {
  if (config.turnDetection === 'push_to_talk') return null;
  if (config.turnDetection === 'server_vad') {
    return {
      type: 'server_vad',
      threshold: config.vad.threshold,
      prefixPaddingMs: config.vad.prefixPaddingMs,
      silenceDurationMs: config.vad.silenceMs,
      createResponse: true,
      interruptResponse: true,
    };
  }
  return { type: 'semantic_vad', eagerness: config.eagerness };
}

/** Our parameters are zod's JSON schemas (object schemas by construction); strict mode would reject optional fields. */
function toTransportTool(tool: SessionTool): FunctionTool {
  return { ...tool, strict: false, parameters: tool.parameters as FunctionTool['parameters'] };
}
