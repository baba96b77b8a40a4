import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Caption } from './realtime/captions';
import type { LoggedEvent } from './realtime/event-log';
import type { Usage } from './realtime/pricing';
import type { LiveConfig, SessionTool } from './realtime/session-config';
import type { SitePolicy } from './safety/gate';
import type { BrowserToolResult } from './tools/browser-tool';
import type { ToolResult } from './tools/tool';

/**
 * One typed protocol per channel. Every message type names its receiver (`worker.*`, `host.*`,
 * `content.*`, `ui.*`), and only that context registers a handler for it, so two contexts never both answer.
 */

export type Result = { ok: true } | { ok: false; error: string };

/** A function call from the model, as the session host hands it to the worker. */
export interface ToolCall {
  callId: string;
  name: string;
  /** The raw JSON string the model produced; parsed defensively where the tool runs. */
  arguments: string;
}

/** Everything the session host needs to connect. The user's API key is never part of it. */
export interface HostStartRequest {
  /** Short-lived client secret (`ek_…`) minted by the worker; '' with an SDP relay (it holds the key). */
  clientSecret: string;
  /** Where the offer SDP is POSTed (`…/v1/realtime/calls`, or the user's SDP relay). */
  callsUrl: string;
  /** `callsUrl` is the user's SDP relay: it takes the offer without any key of ours and returns the answer. */
  relay?: boolean;
  /** STUN/TURN servers for the peer connection (the options' ICE servers); none: the browser's defaults. */
  iceServers?: RTCIceServer[];
  model: string;
  /** What the user chose in the options (instructions, voice, turn taking, …). */
  config: LiveConfig;
  /**
   * The tools for `session.update`, as JSON Schema. Built in the worker (which has the tools loaded anyway), so the
   * session host does not load every tool's code and zod just to describe them: that was ≈ 115 KB of the host's
   * JavaScript, parsed on every Start.
   */
  tools: SessionTool[];
  /** Reconnecting a running session: keep the microphone and replay the conversation (no new microphone prompt). */
  resume?: boolean;
}

/** Something the host reports to the worker, which records it in session state for every UI. */
export type HostEvent =
  /** The call ended without the worker asking (connection lost, session window closed), and why. */
  | { kind: 'ended'; reason: string }
  /** The connection dropped (or is about to hit the service's time limit): the worker reconnects. */
  | { kind: 'dropped'; reason: string }
  | { kind: 'error'; error: string }
  /** The tokens of one finished response (`response.done.response.usage`). */
  | { kind: 'usage'; usage: Usage }
  | { kind: 'transcript'; role: 'user' | 'assistant' | 'tool'; text: string; ms?: number; undoable?: boolean; undid?: 'last' | 'all' }
  /** From the end of the user's turn to the first sound of the answer. */
  | { kind: 'latency'; ms: number }
  /** A live caption row, sent again each time its words grow (utils/realtime/captions.ts). */
  | ({ kind: 'caption' } & Caption);

export interface AudioStats {
  /** Bytes of microphone audio sent to the provider. */
  sentBytes: number;
  /** Bytes of the AI's audio received from the provider. */
  receivedBytes: number;
  /** Whether the remote audio is attached to a playing audio element. */
  playing: boolean;
  /** Level messages the host has posted to the meters so far, and how many UIs listen now (utils/levels.ts). */
  levelsSent?: number;
  levelSubscribers?: number;
}

/** UI, keyboard shortcut and session host → background worker. */
export interface WorkerProtocol {
  'worker.start'(): Result;
  'worker.stop'(): Result;
  'worker.sendText'(text: string): Result;
  /** Cuts the AI off mid-sentence. */
  'worker.stopSpeaking'(): Result;
  /** Mutes or unmutes the microphone: while muted nothing of it is sent. */
  'worker.setMuted'(muted: boolean): Result;
  /** Undoes the AI's latest reversible change in the controlled tab (the Undo button on a tool row). */
  'worker.undoLast'(): Result;
  /** Sends any client event (checked for its shape first): debugging and advanced use, from our own pages. */
  'worker.sendClientEvent'(event: unknown): Result;
  /** Push to talk: true when the button goes down (a new turn), false when it comes up (answer it). */
  'worker.pushToTalk'(talking: boolean): Result;
  /** The options page's "Test connection" on the saved settings: a key minted (and dropped) or the token server asked. */
  'worker.testConnection'(): { ok: boolean; message: string };
  /**
   * A session panel is open and no session runs: have the session host loaded (Chrome's offscreen document: no
   * microphone, no connection) so that Start does not wait for it. Firefox: nothing (its host is a visible window).
   */
  'worker.prepareHost'(): Result;
  /** Every tool's name and description, for the options page's on/off list (which then ships none of their code). */
  'worker.toolList'(): Array<{ name: string; description: string }>;
  'worker.toolCall'(call: ToolCall): BrowserToolResult;
  'worker.hostEvent'(event: HostEvent): void;
  /** The confirmation window's answer (only that page may send it). */
  'worker.answerConfirmation'(answer: { id: string; approved: boolean }): Result;
}

/** Background worker (and UIs, for read-only stats) → session host. */
export interface HostProtocol {
  'host.start'(request: HostStartRequest): Result;
  'host.stop'(): Result;
  'host.sendText'(text: string): Result;
  'host.stopSpeaking'(): Result;
  'host.setMuted'(muted: boolean): Result;
  'host.pushToTalk'(talking: boolean): Result;
  'host.sendClientEvent'(event: unknown): Result;
  /** Says `reason` to the user (one last answer, at most a few seconds), then ends the call and reports it ended. */
  'host.endWithMessage'(reason: string): Result;
  /** The last few hundred client and server events (read-only; UIs may ask). */
  'host.eventLog'(): LoggedEvent[];
  /** The options changed during the session: applied as one session.update. */
  'host.updateConfig'(config: LiveConfig): Result;
  'host.stats'(): AudioStats | null;
}

/** One tool call as the worker hands it to the page, with what the safety gate needs there. */
export interface PageToolCall {
  name: string;
  args: unknown;
  /** The user's setting for this site (never-sites do not get this far). */
  policy: Exclude<SitePolicy, 'never'>;
  /** The action the user just confirmed for this call, if any: only that exact action is let through. */
  approved?: string;
}

/** Background worker → content script in the target tab. */
export interface ContentProtocol {
  'content.runTool'(call: PageToolCall): ToolResult;
  /** The session ended: remove the badge and highlights. */
  'content.sessionEnded'(): void;
}

export const workerMessenger = defineExtensionMessaging<WorkerProtocol>();
export const hostMessenger = defineExtensionMessaging<HostProtocol>();
export const contentMessenger = defineExtensionMessaging<ContentProtocol>();

/** The port each open session panel holds (Chrome): when the last one closes, an idle prepared host goes too. */
export const PANEL_PORT = 'session-panel';
