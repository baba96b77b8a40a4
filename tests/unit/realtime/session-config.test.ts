// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { liveConfigOf, transportConfigOf, type SessionTool } from '@/utils/realtime/session-config';
import { OpenAIRealtimeBase } from '@openai/agents-realtime';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '@/utils/settings';

const TOOLS: SessionTool[] = ['click', 'scroll', 'run_javascript'].map((name) => ({ type: 'function', name, description: name, parameters: { type: 'object', properties: {} } }));

interface WireSession {
  type: string;
  audio: { input: { turn_detection: unknown; transcription: unknown } };
  reasoning?: unknown;
  tools: { name: string }[];
}

/** The GA `session.update` the transport sends for these settings (its own payload builder, as on the wire). */
function wire(patch: Partial<Settings>) {
  const settings = settingsSchema.parse({ ...DEFAULT_SETTINGS, ...patch });
  const base = new (class extends OpenAIRealtimeBase {
    status = 'disconnected' as const;
    connect = async () => undefined;
    sendEvent = () => undefined;
    mute = () => undefined;
    close = () => undefined;
    interrupt = () => undefined;
    get muted() {
      return false;
    }
  })();
  return base.buildSessionPayload({ ...transportConfigOf(liveConfigOf(settings), TOOLS), model: settings.model }) as WireSession;
}

describe('the session config sent as one GA session.update', () => {
  it('semantic VAD by default, with its eagerness, and the default transcription model', () => {
    const session = wire({ eagerness: 'high' });
    expect(session.type).toBe('realtime');
    expect(session.audio.input.turn_detection).toEqual({ type: 'semantic_vad', eagerness: 'high' });
    expect(session.audio.input.transcription).toEqual({ model: 'gpt-4o-mini-transcribe' });
    expect(session).not.toHaveProperty('reasoning');
  });

  it('server VAD carries threshold, prefix padding and silence duration in GA snake_case', () => {
    const session = wire({ turnDetection: 'server_vad', vadThreshold: 0.7, vadPrefixPaddingMs: 200, vadSilenceMs: 800 });
    expect(session.audio.input.turn_detection).toEqual({
      type: 'server_vad',
      threshold: 0.7,
      prefix_padding_ms: 200,
      silence_duration_ms: 800,
      create_response: true,
      interrupt_response: true,
    });
  });

  it('push to talk sends no turn detection', () => {
    expect(wire({ turnDetection: 'push_to_talk' }).audio.input.turn_detection).toBeNull();
  });

  it('the chosen transcription model and language; "off" turns transcription off', () => {
    expect(wire({ transcriptionModel: 'gpt-4o-transcribe', transcriptionLanguage: 'de' }).audio.input.transcription).toEqual({ model: 'gpt-4o-transcribe', language: 'de' });
    expect(wire({ transcriptionModel: 'off' }).audio.input.transcription).toBeNull();
  });

  it('reasoning effort only for a model that reasons', () => {
    expect(wire({ model: 'gpt-realtime-2', reasoningEffort: 'low' }).reasoning).toEqual({ effort: 'low' });
    expect(wire({ model: 'gpt-realtime-2.1', reasoningEffort: 'high' }).reasoning).toEqual({ effort: 'high' });
    expect(wire({ model: 'gpt-realtime-mini', reasoningEffort: 'low' })).not.toHaveProperty('reasoning');
    expect(wire({ model: 'gpt-realtime-2', reasoningEffort: 'default' })).not.toHaveProperty('reasoning');
  });

  it('declares only the enabled tools; run_javascript only once allowed', () => {
    expect(wire({}).tools.map((tool) => tool.name)).toEqual(['click', 'scroll']);
    expect(wire({ allowRunJavascript: true, disabledTools: ['scroll'] }).tools.map((tool) => tool.name)).toEqual(['click', 'run_javascript']);
  });

  it('refuses server VAD values out of range with their reason', () => {
    const wrong = settingsSchema.safeParse({ vadThreshold: 1.5, vadSilenceMs: 50 });
    expect(wrong.success).toBe(false);
    expect(wrong.error!.issues.map((issue) => issue.message)).toEqual(['The threshold is between 0 and 1.', 'At least 100 ms of silence.']);
  });
});
