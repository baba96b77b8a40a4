// @vitest-environment node
/**
 * The local Realtime peer (tests/peer/), driven from Node with @roamhq/wrtc as the client: a real WebRTC
 * connection over loopback, the GA protocol on the `oai-events` channel, audio both ways, and the grammar.
 * Every wait is bounded and every connection is closed after its test.
 */
import { OpenAIRealtimeWebRTC } from '@openai/agents-realtime';
import wrtc from '@roamhq/wrtc';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type Context,
  continuePlan,
  parseCommand,
  parseOutline,
  parsePlan,
  parseTarget,
  pickLine,
  planTools,
  startPlan,
} from '../peer/grammar.mjs';
import { type LocalRealtimePeer, startPeer } from '../peer/peer.mjs';
import { describeResult, notFoundReply } from '../peer/replies.mjs';
import { filterCandidates, isFirefoxOffer } from '../peer/sdp.mjs';

/** Events and JSON bodies are read loosely: the tests reach into nested fields and check them with expect. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from the wire
type ServerEvent = Record<string, any>;

const TEST_TIMEOUT_MS = 20_000;
const WAIT_MS = 5_000;

let peer: LocalRealtimePeer;
const cleanups: Array<() => unknown> = [];

beforeAll(async () => {
  peer = await startPeer();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await peer.reset();
});

afterAll(async () => {
  await peer?.close();
});

/** Rejects after `ms` with a message saying what was awaited. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function mint(body: unknown = { session: { type: 'realtime', model: 'gpt-realtime-2.1-mini' } }, key = peer.apiKey) {
  const res = await fetch(peer.mintUrl, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { res, json: (await res.json()) as ServerEvent };
}

async function mintKey(): Promise<string> {
  const { res, json } = await mint();
  expect(res.status).toBe(200);
  return json.value as string;
}

/** The sine "beep" a fake microphone sends (or silence), 10 ms frames at 48 kHz. */
class FakeMic {
  source = new wrtc.nonstandard.RTCAudioSource();
  track = this.source.createTrack();
  beeping = false;
  #phase = 0;
  #timer = setInterval(() => this.#frame(), 10);

  #frame() {
    const samples = new Int16Array(480);
    if (this.beeping) {
      for (let i = 0; i < samples.length; i++) {
        samples[i] = Math.round(Math.sin(this.#phase) * 8000);
        this.#phase += (2 * Math.PI * 1000) / 48_000;
      }
    }
    this.source.onData({ samples, sampleRate: 48_000 });
  }

  stop() {
    clearInterval(this.#timer);
    this.track.stop();
  }
}

/** Loudness of the audio the client receives from the peer (its "voice"). */
class Speaker {
  loudFrames = 0;
  frames = 0;
  #sink: InstanceType<typeof wrtc.nonstandard.RTCAudioSink>;

  constructor(track: MediaStreamTrack) {
    this.#sink = new wrtc.nonstandard.RTCAudioSink(track);
    this.#sink.ondata = (data: { samples: Int16Array }) => {
      let sum = 0;
      for (const s of data.samples) sum += s * s;
      this.frames++;
      if (Math.sqrt(sum / data.samples.length) / 32768 > 0.01) this.loudFrames++;
    };
  }

  stop() {
    if (!this.#sink.stopped) this.#sink.stop();
  }
}

interface Client {
  pc: RTCPeerConnection;
  dc: RTCDataChannel;
  mic: FakeMic;
  speaker: () => Speaker | null;
  events: ServerEvent[];
  raw: string[];
  send(event: Record<string, unknown>): void;
  waitFor(predicate: string | ((e: ServerEvent) => boolean), options?: { since?: number; timeoutMs?: number }): Promise<ServerEvent>;
  /**
   * Answers function calls like the extension does: all outputs of a response, then one response.create.
   * `run` returning undefined leaves that call unanswered.
   */
  answerCalls(run: (name: string, args: Record<string, unknown>) => unknown): void;
  close(): void;
}

/** Connects a wrtc client to the peer the way the extension does (mic track + oai-events, then the SDP POST). */
async function connect(): Promise<Client> {
  const key = await mintKey();
  const pc = new wrtc.RTCPeerConnection() as RTCPeerConnection;
  const mic = new FakeMic();
  pc.addTrack(mic.track, new wrtc.MediaStream([mic.track]));
  const dc = pc.createDataChannel('oai-events');
  let speaker: Speaker | null = null;
  let streams = 0;
  pc.ontrack = (event) => {
    streams = event.streams.length;
    speaker = new Speaker(event.track);
  };
  const events: ServerEvent[] = [];
  const raw: string[] = [];
  const listeners = new Set<() => void>();
  dc.onmessage = (message: MessageEvent) => {
    const text = String(message.data);
    try {
      events.push(JSON.parse(text) as ServerEvent);
    } catch {
      raw.push(text);
    }
    for (const listener of [...listeners]) listener();
  };

  const client: Client = {
    pc,
    dc,
    mic,
    speaker: () => speaker,
    events,
    raw,
    send: (event) => dc.send(JSON.stringify(event)),
    waitFor(predicate, { since = 0, timeoutMs = WAIT_MS } = {}) {
      const test = typeof predicate === 'string' ? (e: ServerEvent) => e.type === predicate : predicate;
      const find = () => events.slice(since).find(test);
      const found = find();
      if (found) return Promise.resolve(found);
      let listener = () => {};
      const promise = new Promise<ServerEvent>((resolve) => {
        listener = () => {
          const event = find();
          if (event) resolve(event);
        };
        listeners.add(listener);
      });
      const what = typeof predicate === 'string' ? `"${predicate}"` : 'a matching event';
      const seen = () => events.slice(-6).map((e) => e.type).join(', ');
      return within(promise, timeoutMs, `${what} (last: ${seen()})`).finally(() => listeners.delete(listener));
    },
    answerCalls(run) {
      const answered = new Set<string>();
      listeners.add(() => {
        for (const event of events) {
          if (event.type !== 'response.done') continue;
          const calls = (event.response.output as ServerEvent[]).filter((i) => i.type === 'function_call');
          const fresh = calls.filter((c) => !answered.has(c.call_id));
          if (!fresh.length) continue;
          let sent = 0;
          for (const call of fresh) {
            answered.add(call.call_id);
            const result = run(call.name, JSON.parse(call.arguments));
            if (result === undefined) continue;
            client.send({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: call.call_id, output: JSON.stringify(result) } });
            sent++;
          }
          if (sent) client.send({ type: 'response.create' });
        }
      });
    },
    close() {
      listeners.clear();
      mic.stop();
      speaker?.stop();
      dc.close();
      pc.close();
    },
  };
  cleanups.push(() => client.close());

  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  const res = await fetch(peer.callsUrl, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/sdp' },
    body: offer.sdp,
  });
  expect(res.status).toBe(201);
  await pc.setRemoteDescription({ type: 'answer', sdp: await res.text() });
  await within(new Promise((resolve) => (dc.readyState === 'open' ? resolve(null) : (dc.onopen = resolve))), WAIT_MS, 'the data channel to open');
  await client.waitFor('session.created');
  expect(streams).toBe(1); // the peer's voice arrives with a stream, which the agents SDK plays
  return client;
}

const TOOLS = ['get_page_html', 'set_background_color', 'set_font_color', 'set_button_style', 'undo'].map((name) => ({
  type: 'function',
  name,
  description: `The ${name} tool.`,
  parameters: { type: 'object', properties: {} },
}));

/** The tools of the extension now: the five above and the page, reading and tab tools. */
const PAGE_TOOLS = [
  ...TOOLS,
  ...['get_page_outline', 'find_text', 'click', 'type_text', 'press_key', 'select_option', 'set_checked', 'scroll', 'highlight', 'set_style',
    'reset_page', 'wait_for', 'read_page_text', 'look_at_page', 'navigate', 'list_tabs', 'switch_tab', 'open_tab', 'close_tab'].map((name) => ({
    type: 'function',
    name,
    description: `The ${name} tool.`,
    parameters: { type: 'object', properties: {} },
  })),
];

async function configure(client: Client, session: Record<string, unknown> = {}) {
  const since = client.events.length;
  client.send({ type: 'session.update', session: { type: 'realtime', tools: TOOLS, ...session } });
  return client.waitFor('session.updated', { since });
}

/** Types of the events from index `since`, without the word-by-word deltas. */
function typesSince(client: Client, since: number) {
  return client.events.slice(since).map((e) => e.type).filter((t) => !t.endsWith('.delta'));
}

/** Whether `list` contains `wanted` in this order (not necessarily adjacent). */
function inOrder(list: string[], wanted: string[]) {
  let i = 0;
  for (const item of list) if (item === wanted[i]) i++;
  return i === wanted.length;
}

describe('grammar', () => {
  it.each([
    ['make the background navy', [{ name: 'set_background_color', arguments: { color: 'navy' } }]],
    ['Change the background to #123456.', [{ name: 'set_background_color', arguments: { color: '#123456' } }]],
    ['set the background colour to light blue', [{ name: 'set_background_color', arguments: { color: 'lightblue' } }]],
    ['Please make the background rgb(10, 20, 30)!', [{ name: 'set_background_color', arguments: { color: 'rgb(10, 20, 30)' } }]],
    ['make the text white', [{ name: 'set_font_color', arguments: { color: 'white' } }]],
    ['make the font red', [{ name: 'set_font_color', arguments: { color: 'red' } }]],
    ['change the text colour to green', [{ name: 'set_font_color', arguments: { color: 'green' } }]],
    ['make the buttons twice as big and green', [{ name: 'set_button_style', arguments: { scale: 2, color: 'green' } }]],
    ['make the buttons bigger', [{ name: 'set_button_style', arguments: { scale: 1.5 } }]],
    ['make the buttons half the size', [{ name: 'set_button_style', arguments: { scale: 0.5 } }]],
    ['make the buttons smaller', [{ name: 'set_button_style', arguments: { scale: 0.75 } }]],
    ['make the buttons three times as big', [{ name: 'set_button_style', arguments: { scale: 3 } }]],
    ['make the buttons 24px', [{ name: 'set_button_style', arguments: { size_px: 24 } }]],
    ['make the buttons red', [{ name: 'set_button_style', arguments: { color: 'red' } }]],
    ['make the buttons green with white text', [{ name: 'set_button_style', arguments: { color: 'green', text_color: 'white' } }]],
    ['what is on this page', [{ name: 'get_page_outline', arguments: {} }]],
    ["What's on the page?", [{ name: 'get_page_outline', arguments: {} }]],
    ['read the page', [{ name: 'read_page_text', arguments: {} }]],
    ['describe this page', [{ name: 'get_page_outline', arguments: {} }]],
    ['read the page HTML', [{ name: 'get_page_html', arguments: {} }]],
    ['undo', [{ name: 'undo', arguments: {} }]],
    ['Undo that, please.', [{ name: 'undo', arguments: {} }]],
    [
      'make the background navy and the text white',
      [
        { name: 'set_background_color', arguments: { color: 'navy' } },
        { name: 'set_font_color', arguments: { color: 'white' } },
      ],
    ],
    ['is the background blue?', []],
    ['hello there', []],
    ['make the background sparkly', []],
  ])('%s', (text, calls) => {
    expect(parseCommand(text)).toEqual(calls);
  });
});

/** An outline as get_page_outline gives it (one line per element: role, "name", [ref]). */
const OUTLINE = [
  '# Recipes — https://recipes.example/',
  '[viewport]',
  'banner',
  '  link "Home" [e1]',
  '  search',
  '    searchbox "Search" value="" [e2]',
  '    button "Search" [e4]',
  '  button "Subscribe" [e3]',
  'main',
  '  heading "Cakes"',
  '*  link "Lemon cake — classic recipe" [e15]',
  '  link "Subscribe to the newsletter" [e16]',
  '  textbox "Your name" [e20] required',
  '  combobox "Size" [e21] value="Medium"',
  '  checkbox "Remember me" [e22]',
  '  link "Next" [e30]',
  '  tab "Reviews" [e31] selected',
].join('\n');
const OUTLINE_OUTPUT = JSON.stringify({ ok: true, outline: OUTLINE, interactive: 12 });
const TABS_OUTPUT = JSON.stringify({
  ok: true,
  tabs: [
    { tab_id: 11, title: 'Recipes', site: 'recipes.example', controlled: true, active: true },
    { tab_id: 12, title: 'Pull requests · octo/app', site: 'github.com' },
    { tab_id: 15, title: 'Inbox (3)', site: 'mail.example' },
  ],
});

/** The first response's calls, then the next response's calls once the lookup's output is back. */
function twoSteps(text: string, output: string, context: Context = {}) {
  const first = startPlan(parsePlan(text, context));
  const next = first.then ? continuePlan(first.then, output) : null;
  return { first: first.calls, next };
}

describe('grammar: page, element and tab commands', () => {
  const call = (name: string, args: Record<string, unknown> = {}) => ({ name, arguments: args });
  const outline = (query?: string) => call('get_page_outline', query ? { query } : {});

  it.each([
    // Two-step commands: the first response is the lookup.
    ['click Subscribe', [outline('subscribe')]],
    ['Please press the Subscribe button.', [outline('subscribe')]],
    ['open the Lemon cake link', [outline('lemon cake')]],
    ['type "hello world" into the search box', [outline('search')]],
    ['type pancakes in the Name field', [outline('name')]],
    ['search for lemon cake', [outline('search')]],
    ['select Large in the size dropdown', [outline('size')]],
    ['check Remember me', [outline('remember me')]],
    ['uncheck the newsletter checkbox', [outline('newsletter')]],
    ['highlight the Subscribe button', [outline('subscribe')]],
    ['show me the Reviews tab', [outline('reviews')]],
    ['where is the cart?', [outline('cart')]],
    ['scroll to the Lemon cake recipe', [outline('lemon cake recipe')]],
    ['make the Subscribe button red', [outline('subscribe')]],
    ['click the second link', [outline('link')]],
    ['switch to the GitHub tab', [call('list_tabs')]],
    ['close this tab', [call('list_tabs')]],
    // One-step commands.
    ['what is on this page', [outline()]],
    ['what can I do here?', [outline()]],
    ['list the links', [outline('link')]],
    ['show me the html', [call('get_page_html')]],
    ['read me this article', [call('read_page_text')]],
    ['summarise the page', [call('read_page_text')]],
    ['summarize this article please', [call('read_page_text')]],
    ['what is this page about?', [call('read_page_text')]],
    ['read page 2', [call('read_page_text', { page: 2 })]],
    ['read the selection', [call('read_page_text', { selection: true })]],
    ['what does this page look like?', [call('look_at_page')]],
    ['look at the page', [call('look_at_page')]],
    ['take a screenshot', [call('look_at_page')]],
    ['find lemon', [call('find_text', { text: 'lemon' })]],
    ['find "Chocolate Cake" on this page', [call('find_text', { text: 'Chocolate Cake' })]],
    ['search the page for butter', [call('find_text', { text: 'butter' })]],
    ['scroll down', [call('scroll', { direction: 'down' })]],
    ['scroll up 2 screens', [call('scroll', { direction: 'up', screens: 2 })]],
    ['scroll down three pages', [call('scroll', { direction: 'down', screens: 3 })]],
    ['scroll to the top', [call('scroll', { direction: 'top' })]],
    ['go to the bottom of the page', [call('scroll', { direction: 'bottom' })]],
    ['press enter', [call('press_key', { key: 'Enter' })]],
    ['press Escape', [call('press_key', { key: 'Escape' })]],
    ['press ctrl+a', [call('press_key', { key: 'a', modifiers: ['Control'] })]],
    ['go back', [call('navigate', { history: 'back' })]],
    ['go forward', [call('navigate', { history: 'forward' })]],
    ['reload the page', [call('navigate', { history: 'reload' })]],
    ['go to example.com/news', [call('navigate', { url: 'https://example.com/news' })]],
    ['open https://en.wikipedia.org/wiki/Lemon in a new tab', [call('open_tab', { url: 'https://en.wikipedia.org/wiki/Lemon' })]],
    ['what tabs are open?', [call('list_tabs')]],
    ['list tabs', [call('list_tabs')]],
    ['switch to tab 12', [call('switch_tab', { tab_id: 12 })]],
    ['close tab 4', [call('close_tab', { tab_id: 4 })]],
    ['reset the page', [call('reset_page')]],
    ['undo everything', [call('reset_page')]],
    ['wait for the page to load', [call('wait_for', { load: true })]],
    ['wait for "Saved" to disappear', [call('wait_for', { gone: 'Saved' })]],
    ['wait for Done', [call('wait_for', { text: 'Done' })]],
    // Joined with "and": everything up to the first lookup goes in the first response.
    ['scroll down and click Subscribe', [call('scroll', { direction: 'down' }), outline('subscribe')]],
    ['make the background navy and scroll to the top', [call('set_background_color', { color: 'navy' }), call('scroll', { direction: 'top' })]],
    // Not commands: words.
    ['wait 5 seconds', []],
    ['read the room', []],
    ['I love this page', []],
  ])('%s', (text, calls) => {
    expect(parseCommand(text)).toEqual(calls);
  });

  it.each([
    // [command, the second response's calls once the outline comes back]
    ['click Subscribe', [{ name: 'click', arguments: { ref: 'e3' } }]], // exact name beats "Subscribe to the newsletter"
    ['click the Subscribe link', [{ name: 'click', arguments: { ref: 'e16' } }]], // the kind word wins
    ['open the lemon cake link', [{ name: 'click', arguments: { ref: 'e15' } }]], // contains the words
    ['click Search', [{ name: 'click', arguments: { ref: 'e4' } }]], // a button for clicking…
    ['type hello into Search', [{ name: 'type_text', arguments: { ref: 'e2', text: 'hello' } }]], // …a field for typing
    ['type "Ada" in the name field', [{ name: 'type_text', arguments: { ref: 'e20', text: 'Ada' } }]],
    ['type hello and press enter', [{ name: 'type_text', arguments: { ref: 'e2', text: 'hello', submit: true } }]],
    ['search for salt and pepper', [{ name: 'type_text', arguments: { ref: 'e2', text: 'salt and pepper', submit: true } }]],
    ['select Large in the size dropdown', [{ name: 'select_option', arguments: { ref: 'e21', option: 'Large' } }]],
    ['tick remember me', [{ name: 'set_checked', arguments: { ref: 'e22', checked: true } }]],
    ['uncheck Remember me', [{ name: 'set_checked', arguments: { ref: 'e22', checked: false } }]],
    ['highlight the reviews tab', [{ name: 'highlight', arguments: { ref: 'e31' } }]],
    ["where's the search box?", [{ name: 'highlight', arguments: { ref: 'e2' } }]],
    ['click the second link', [{ name: 'click', arguments: { ref: 'e15' } }]],
    ['click the last link', [{ name: 'click', arguments: { ref: 'e30' } }]],
    ['next page', [{ name: 'click', arguments: { ref: 'e30' } }]], // nothing read yet: the site's "Next"
    ['scroll to the lemon cake recipe', [{ name: 'scroll', arguments: { ref: 'e15' } }]],
    ['press enter in the search box', [{ name: 'press_key', arguments: { ref: 'e2', key: 'Enter' } }]],
    ['make the Subscribe button red', [{ name: 'set_style', arguments: { ref: 'e3', property: 'background-color', value: 'red' } }]],
    ['make the Lemon cake link orange', [{ name: 'set_style', arguments: { ref: 'e15', property: 'color', value: 'orange' } }]],
    [
      'click Subscribe and then click the Reviews tab',
      [{ name: 'click', arguments: { ref: 'e3' } }, { name: 'get_page_outline', arguments: { query: 'reviews' } }],
    ],
  ])('%s → outline → the best line', (text, calls) => {
    expect(twoSteps(text, OUTLINE_OUTPUT).next?.calls).toEqual(calls);
  });

  it('says what it did not find, reads `text` or a plain-text outline, and stops on a failed lookup', () => {
    expect(twoSteps('click Unicorns', OUTLINE_OUTPUT).next).toEqual({ calls: [], notFound: '"Unicorns" on this page' });
    expect(twoSteps('click lemon pie', OUTLINE_OUTPUT).next?.notFound).toBe('"lemon pie" on this page'); // one of two words is not enough
    expect(twoSteps('press the Login button', OUTLINE_OUTPUT).next?.notFound).toBe('a "Login" button on this page');
    expect(twoSteps('search for cake', JSON.stringify({ ok: true, outline: 'link "Home" [e1]' })).next?.notFound).toBe('a search box on this page');
    expect(twoSteps('click subscribe', JSON.stringify({ ok: true, text: OUTLINE })).next?.calls).toEqual([{ name: 'click', arguments: { ref: 'e3' } }]);
    expect(twoSteps('click subscribe', OUTLINE).next?.calls).toEqual([{ name: 'click', arguments: { ref: 'e3' } }]);
    expect(twoSteps('click subscribe', JSON.stringify({ ok: false, error: 'This page cannot be read.' })).next).toEqual({ calls: [], failed: true });
  });

  it('picks tabs by title, site, position or "this tab"', () => {
    expect(twoSteps('switch to the GitHub tab', TABS_OUTPUT).next?.calls).toEqual([{ name: 'switch_tab', arguments: { tab_id: 12 } }]);
    expect(twoSteps('switch to my inbox', TABS_OUTPUT).next?.calls).toEqual([{ name: 'switch_tab', arguments: { tab_id: 15 } }]);
    expect(twoSteps('go to the pull requests tab', TABS_OUTPUT).next?.calls).toEqual([{ name: 'switch_tab', arguments: { tab_id: 12 } }]);
    expect(twoSteps('switch to the third tab', TABS_OUTPUT).next?.calls).toEqual([{ name: 'switch_tab', arguments: { tab_id: 15 } }]);
    expect(twoSteps('close this tab', TABS_OUTPUT).next?.calls).toEqual([{ name: 'close_tab', arguments: { tab_id: 11 } }]);
    expect(twoSteps('close the mail tab', TABS_OUTPUT).next?.calls).toEqual([{ name: 'close_tab', arguments: { tab_id: 15 } }]);
    expect(twoSteps('switch to the weather tab', TABS_OUTPUT).next).toEqual({ calls: [], notFound: 'a tab about "weather"' });
  });

  it('uses the conversation: the page read last, the element acted on last, the tools the session has', () => {
    const reading = { page: 2, pages: 3 };
    expect(parseCommand('next page', { reading })).toEqual([{ name: 'read_page_text', arguments: { page: 3 } }]);
    expect(parseCommand('keep reading', { reading })).toEqual([{ name: 'read_page_text', arguments: { page: 3 } }]);
    expect(parseCommand('previous page', { reading })).toEqual([{ name: 'read_page_text', arguments: { page: 1 } }]);
    expect(parseCommand('keep reading')).toEqual([]);
    expect(parseCommand('click it', { lastRef: 'e7' })).toEqual([{ name: 'click', arguments: { ref: 'e7' } }]);
    expect(parseCommand('type hi in it', { lastRef: 'e7' })).toEqual([{ name: 'type_text', arguments: { ref: 'e7', text: 'hi' } }]);
    expect(parseCommand('make it red', { lastRef: 'e7' })).toEqual([{ name: 'set_style', arguments: { ref: 'e7', property: 'color', value: 'red' } }]);
    expect(parseCommand('click it')).toEqual([]);
    // A session without the newer reading tools gets get_page_html, as before.
    const old = { tools: ['get_page_html', 'set_background_color'] };
    expect(parseCommand('what is on this page', old)).toEqual([{ name: 'get_page_html', arguments: {} }]);
    expect(parseCommand('read the page', old)).toEqual([{ name: 'get_page_html', arguments: {} }]);
  });

  it('lists every tool a plan may call, lookups included', () => {
    expect(planTools(parsePlan('scroll down and click Subscribe'))).toEqual(['scroll', 'get_page_outline', 'click']);
    expect(planTools(parsePlan('close the mail tab'))).toEqual(['list_tabs', 'close_tab']);
  });

  it('reads targets and outlines', () => {
    expect(parseTarget('the "Lemon cake" link')).toEqual({ label: 'Lemon cake', words: ['lemon', 'cake'], roles: ['link'], kind: 'link' });
    expect(parseTarget('the second button')).toMatchObject({ words: [], roles: ['button'], ordinal: 2 });
    expect(parseTarget('the button labelled Save')).toMatchObject({ label: 'Save', roles: ['button'] });
    expect(parseTarget('Page 2')).toMatchObject({ label: 'Page 2', roles: [] }); // a kind word only counts at the end
    expect(parseOutline(OUTLINE).map((l) => l.ref)).toEqual(['e1', 'e2', 'e4', 'e3', 'e15', 'e16', 'e20', 'e21', 'e22', 'e30', 'e31']);
    expect(parseOutline(OUTLINE)[1]).toMatchObject({ role: 'searchbox', name: 'Search', ref: 'e2' });
    expect(pickLine(OUTLINE, parseTarget('remember')!, 'check')?.ref).toBe('e22');
  });
});

describe('replies to the new tools', () => {
  const reply = (name: string, result: unknown, args: Record<string, unknown> = {}) =>
    describeResult({ name, arguments: args }, JSON.stringify(result));

  it('uses `did`, says errors, and describes what reading tools gave', () => {
    expect(reply('click', { ok: true, did: 'Clicked button "Subscribe"; a dialog opened' })).toBe('Clicked button "Subscribe"; a dialog opened.');
    expect(reply('scroll', { ok: true })).toBe('Done.');
    expect(reply('click', { ok: false, error: 'There is no element e99 on this page.' })).toBe("Sorry, that didn't work: There is no element e99 on this page.");
    expect(reply('click', { ok: false, error: 'Waiting for the user to confirm: click "Buy".', needsConfirmation: { action: 'click "Buy"', reason: 'it may spend money' } }))
      .toBe('I need you to confirm first: click "Buy" (it may spend money).');
    expect(reply('click', { ok: false, error: 'The user declined "click "Buy"", so I did not do it. Do not try it again unless the user asks.' }))
      .toBe('OK, I didn\'t do it. The user declined "click "Buy"", so I did not do it.');
    const text = `${'Lemons are sour. '.repeat(30)}The end.`;
    const page = reply('read_page_text', { ok: true, title: 'Lemons', text, page: 1, pages: 3 });
    expect(page.startsWith('Page 1 of 3: Lemons are sour. Lemons')).toBe(true);
    expect(page.length).toBeLessThanOrEqual('Page 1 of 3: '.length + 300);
    expect(page.endsWith('…')).toBe(true);
    expect(reply('list_tabs', JSON.parse(TABS_OUTPUT))).toBe(
      '3 tabs open: 11: "Recipes" (recipes.example), the one I control; 12: "Pull requests · octo/app" (github.com); 15: "Inbox (3)" (mail.example).',
    );
    expect(reply('look_at_page', { ok: true, did: 'A 1280×720 screenshot…', image: { width: 1280, height: 720 } }))
      .toBe('I attached a screenshot of the page (1280×720), but this local peer cannot see pictures.');
    expect(reply('get_page_outline', { ok: true, outline: OUTLINE })).toBe(
      'The page "Recipes" has 11 things to act on, like "Home" (link), "Search" (searchbox) and "Search" (button).',
    );
    expect(reply('find_text', { ok: true, matches: [{ ref: 'e15' }, { ref: 'e40' }] }, { text: 'lemon' })).toBe('I found 2 matches for "lemon".');
    expect(reply('find_text', { ok: true, matches: [] }, { text: 'kiwi' })).toBe('I found no matches for "kiwi" on the page.');
    expect(notFoundReply('a "Login" button on this page')).toBe('I couldn\'t find a "Login" button on this page.');
  });
});

describe('HTTP', () => {
  it('mints an ephemeral key', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { res, json } = await mint({ expires_after: { anchor: 'created_at', seconds: 120 }, session: { type: 'realtime', model: 'gpt-realtime-2.1-mini', instructions: 'Be brief.' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(json.value).toMatch(/^ek_[A-Za-z0-9]+$/);
    expect(json.expires_at).toBeGreaterThanOrEqual(before + 120);
    expect(json.expires_at).toBeLessThanOrEqual(before + 122);
    expect(json.session).toMatchObject({ type: 'realtime', model: 'gpt-realtime-2.1-mini', instructions: 'Be brief.' });
    expect(json.session.id).toMatch(/^sess_/);

    const plain = await mint({ session: { type: 'realtime' } });
    expect(plain.json.session.model).toBe('gpt-realtime-2.1-mini');
  });

  it('refuses a wrong or missing API key with OpenAI-shaped 401s', async () => {
    const wrong = await mint(undefined, 'sk-wrong-key-1234567890');
    expect(wrong.res.status).toBe(401);
    expect(wrong.json.error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_api_key', param: null });
    expect(wrong.json.error.message).toMatch(/^Incorrect API key provided: sk-wr\*+7890\./);
    expect(wrong.json.error.message).not.toContain('sk-wrong-key');

    const missing = await fetch(peer.mintUrl, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as ServerEvent).error.code).toBe('missing_api_key');
  });

  it('refuses bad mint bodies with 400 JSON errors', async () => {
    const badJson = await mint('{not json');
    expect(badJson.res.status).toBe(400);
    expect(badJson.json.error.code).toBe('invalid_json');

    const noType = await mint({ session: { model: 'gpt-realtime-2.1-mini' } });
    expect(noType.res.status).toBe(400);
    expect(noType.json.error).toMatchObject({ code: 'missing_required_parameter', param: 'session.type' });

    const transcription = await mint({ session: { type: 'transcription' } });
    expect(transcription.res.status).toBe(400);
    expect(transcription.json.error.param).toBe('session.type');

    const ttl = await mint({ expires_after: { anchor: 'created_at', seconds: 5 }, session: { type: 'realtime' } });
    expect(ttl.res.status).toBe(400);
    expect(ttl.json.error.param).toBe('expires_after.seconds');

    const preview = await mint({ session: { type: 'realtime', model: 'gpt-4o-realtime-preview' } });
    expect(preview.res.status).toBe(400);
  });

  it('answers CORS preflights, including Private Network Access', async () => {
    const res = await fetch(peer.callsUrl, {
      method: 'OPTIONS',
      headers: {
        Origin: 'chrome-extension://abcdefghijklmnop',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,x-openai-agents-sdk',
        'Access-Control-Request-Private-Network': 'true',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-openai-agents-sdk');
    expect(res.headers.get('access-control-allow-private-network')).toBe('true');
    expect(res.headers.get('access-control-expose-headers')).toBe('Location');
  });

  it('refuses SDP posts with a bad key or a bad body', async () => {
    const post = (key: string, body: string, type = 'application/sdp') =>
      fetch(peer.callsUrl, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': type }, body });
    const offer = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n';

    const unknownKey = await post('ek_notminted', offer);
    expect(unknownKey.status).toBe(401);
    expect(((await unknownKey.json()) as ServerEvent).error.code).toBe('invalid_api_key');

    const realKey = await post(peer.apiKey, offer);
    expect(realKey.status).toBe(401);

    const key = await mintKey();
    const empty = await post(key, '');
    expect(empty.status).toBe(400);
    expect(empty.headers.get('content-type')).toContain('application/json');
    expect(((await empty.json()) as ServerEvent).error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_offer' });

    const notSdp = await post(key, 'hello');
    expect(notSdp.status).toBe(400);
    expect(((await notSdp.json()) as ServerEvent).error.message).toContain('v=0');

    expect(peer.sessions).toHaveLength(0);
  });

  it('keeps only 127.0.0.1 UDP candidates in an answer (plus IPv4 interface ones for Firefox)', () => {
    const sdp = [
      'v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0',
      'm=audio 40000 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 192.0.2.2',
      'a=candidate:1 1 udp 2122194687 192.0.2.2 40000 typ host generation 0',
      'a=candidate:2 1 udp 2122063615 127.0.0.1 41000 typ host generation 0',
      'a=candidate:3 1 tcp 1518083839 127.0.0.1 41001 typ host tcptype passive generation 0',
      'a=candidate:4 1 udp 2122136831 ::1 41002 typ host generation 0',
      'a=mid:0', '',
    ].join('\r\n');
    const result = filterCandidates(sdp);
    expect(result).toMatchObject({ kept: 1, removed: 3, changed: true });
    expect(result.sdp).toContain('m=audio 41000 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 127.0.0.1\r\n');
    expect(result.sdp.match(/a=candidate/g)).toHaveLength(1);
    expect(result.sdp).toContain('127.0.0.1 41000 typ host generation 0\r\na=end-of-candidates\r\n');

    // Firefox never pairs its own (non-loopback) candidates with a loopback one: it also gets this machine's
    // IPv4 interface address.
    const local = filterCandidates(sdp, 'local');
    expect(local).toMatchObject({ kept: 2, removed: 2 });
    expect(local.sdp).toContain('192.0.2.2 40000 typ host');
    expect(local.sdp).not.toContain('::1');
    expect(local.sdp).not.toContain(' tcp ');
    expect(isFirefoxOffer('v=0\r\no=mozilla...THIS_IS_SDPARTA-153.0 1 0 IN IP4 0.0.0.0\r\n')).toBe(true);
    expect(isFirefoxOffer(sdp)).toBe(false);
  });
});

describe('WebRTC session', () => {
  it(
    'answers an offer: 201, Location, loopback-only answer, session.created on open',
    async () => {
      const key = await mintKey();
      const pc = new wrtc.RTCPeerConnection() as RTCPeerConnection;
      const mic = new FakeMic();
      cleanups.push(() => {
        mic.stop();
        pc.close();
      });
      pc.addTrack(mic.track);
      const dc = pc.createDataChannel('oai-events');
      const received: ServerEvent[] = [];
      dc.onmessage = (m: MessageEvent) => received.push(JSON.parse(String(m.data)) as ServerEvent);
      const offer = await pc.createOffer();
      await pc.setLocalDescription(offer);

      const res = await fetch(peer.callsUrl, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/sdp' },
        body: offer.sdp,
      });
      expect(res.status).toBe(201);
      expect(res.headers.get('content-type')).toBe('application/sdp');
      expect(res.headers.get('access-control-expose-headers')).toBe('Location');
      const location = res.headers.get('location') ?? '';
      expect(location).toMatch(/^\/v1\/realtime\/calls\/rtc_[A-Za-z0-9]+$/);
      const answer = await res.text();
      expect(answer.startsWith('v=0')).toBe(true);
      const candidates = answer.split('\r\n').filter((l) => l.startsWith('a=candidate:'));
      expect(candidates.length).toBeGreaterThan(0);
      for (const line of candidates) expect(line).toMatch(/ udp \d+ 127\.0\.0\.1 \d+ typ host/);

      await pc.setRemoteDescription({ type: 'answer', sdp: answer });
      const session = await peer.waitForSession({ timeoutMs: WAIT_MS });
      expect(location.endsWith(session.callId)).toBe(true);
      expect(dc.readyState === 'open' || (await within(new Promise((r) => (dc.onopen = r)), WAIT_MS, 'open'))).toBeTruthy();

      await within(
        (async () => {
          while (!received.some((e) => e.type === 'session.created')) await new Promise((r) => setTimeout(r, 5));
        })(),
        WAIT_MS,
        'session.created',
      );
      const created = received.find((e) => e.type === 'session.created') as ServerEvent;
      expect(created.event_id).toMatch(/^event_/);
      expect(created.session).toMatchObject({ id: session.id, type: 'realtime', model: 'gpt-realtime-2.1-mini' });
      const now = Math.floor(Date.now() / 1000);
      expect(created.session.expires_at).toBeGreaterThan(now + 3500);
      expect(created.session.audio.output.voice).toBeTypeOf('string');
      expect(created.session.audio.input.turn_detection).toBeTruthy();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'applies session.update and rejects one without session.type',
    async () => {
      const client = await connect();
      const updated = await configure(client, { instructions: 'Be brief.', audio: { output: { voice: 'cedar' } } });
      expect(updated.session).toMatchObject({ type: 'realtime', instructions: 'Be brief.', model: 'gpt-realtime-2.1-mini' });
      expect(updated.session.audio.output.voice).toBe('cedar');
      expect(updated.session.audio.input.format).toEqual({ type: 'audio/pcm', rate: 24000 }); // merged, not replaced
      expect(updated.session.tools.map((t: ServerEvent) => t.name)).toEqual(TOOLS.map((t) => t.name));
      const session = peer.lastSession()!;
      expect(session.config.tools.map((t: ServerEvent) => t.name)).toContain('set_button_style');

      let since = client.events.length;
      client.send({ type: 'session.update', event_id: 'evt_flat', session: { instructions: 'beta shape' } });
      const error = await client.waitFor('error', { since });
      expect(error.error).toMatchObject({ type: 'invalid_request_error', code: 'missing_required_parameter', param: 'session.type', event_id: 'evt_flat' });
      expect(session.config.instructions).toBe('Be brief.');

      since = client.events.length;
      client.send({ type: 'session.update', session: { type: 'realtime', modalities: ['text'] } });
      expect((await client.waitFor('error', { since })).error.code).toBe('unknown_parameter');

      // The session still works after errors.
      expect((await configure(client, { instructions: 'Again.' })).session.instructions).toBe('Again.');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'does a typed-command tool call round trip',
    async () => {
      const client = await connect();
      await configure(client);
      const session = peer.lastSession()!;
      let since = client.events.length;
      client.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Make the background navy, please.' }] } });
      client.send({ type: 'response.create' });
      const firstDone = await client.waitFor('response.done', { since });
      expect(
        inOrder(typesSince(client, since), [
          'conversation.item.added',
          'conversation.item.done',
          'response.created',
          'response.output_item.added',
          'response.function_call_arguments.done',
          'response.output_item.done',
          'response.done',
        ]),
      ).toBe(true);
      const added = client.events.find((e) => e.type === 'response.output_item.added' && e.item.type === 'function_call')!;
      expect(added.item).toMatchObject({ type: 'function_call', status: 'in_progress', name: 'set_background_color', arguments: '' });
      expect(added.item.call_id).toMatch(/^call_/);
      expect(client.events.some((e) => e.type === 'response.function_call_arguments.delta' && e.call_id === added.item.call_id)).toBe(true);
      const argsDone = await client.waitFor('response.function_call_arguments.done', { since });
      expect(argsDone).toMatchObject({ call_id: added.item.call_id, name: 'set_background_color', item_id: added.item.id });
      expect(JSON.parse(argsDone.arguments)).toEqual({ color: 'navy' });
      const itemDone = await client.waitFor('response.output_item.done', { since });
      expect(itemDone.item).toMatchObject({ status: 'completed', arguments: argsDone.arguments });
      expect(firstDone.response.status).toBe('completed');
      expect(firstDone.response.usage).toMatchObject({
        total_tokens: expect.any(Number),
        input_tokens: expect.any(Number),
        output_tokens: expect.any(Number),
        input_token_details: { text_tokens: expect.any(Number), audio_tokens: expect.any(Number), cached_tokens: expect.any(Number) },
        output_token_details: { text_tokens: expect.any(Number), audio_tokens: expect.any(Number) },
      });

      since = client.events.length;
      const loudBefore = client.speaker()?.loudFrames ?? 0;
      client.send({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: argsDone.call_id, output: JSON.stringify({ ok: true, color: 'rgb(0, 0, 128)' }) } });
      client.send({ type: 'response.create', event_id: 'evt_after_tool' });
      const transcript = await client.waitFor('response.output_audio_transcript.done', { since });
      expect(transcript.transcript).toBe('Done — the background is navy now.');
      const replyDone = await client.waitFor('response.done', { since });
      expect(replyDone.response.status).toBe('completed');
      expect(replyDone.response.output[0]).toMatchObject({ type: 'message', role: 'assistant', content: [{ type: 'output_audio', transcript: transcript.transcript }] });
      await client.waitFor('output_audio_buffer.stopped', { since });
      expect(inOrder(typesSince(client, since), ['response.created', 'response.output_item.added', 'response.content_part.added', 'output_audio_buffer.started', 'response.output_audio_transcript.done', 'response.output_item.done', 'response.done', 'output_audio_buffer.stopped'])).toBe(true);
      expect(client.events.filter((e, i) => i >= since && e.type === 'response.output_audio_transcript.delta').length).toBeGreaterThan(1);

      // The peer recorded what the client sent, parsed, with times.
      const output = await session.waitFor((e) => e.type === 'conversation.item.create' && e.item.type === 'function_call_output', { timeoutMs: 100 });
      expect(output.item.call_id).toBe(argsDone.call_id);
      expect(session.received.some((r) => r.event?.event_id === 'evt_after_tool')).toBe(true);
      expect(session.received.every((r) => typeof r.at === 'number')).toBe(true);

      // The "voice" was a tone on the audio track.
      await within(
        (async () => {
          while ((client.speaker()?.loudFrames ?? 0) <= loudBefore) await new Promise((r) => setTimeout(r, 10));
        })(),
        WAIT_MS,
        'tone on the peer audio track',
      );
      expect(session.audio.output.toneFrames).toBeGreaterThan(0);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'runs two-step plans: the outline, then the act on the best line, then one reply for every step',
    async () => {
      const client = await connect();
      await configure(client, { tools: PAGE_TOOLS });
      const calls: Array<[string, Record<string, unknown>]> = [];
      client.answerCalls((name, args) => {
        calls.push([name, args]);
        if (name === 'get_page_outline') return { ok: true, outline: OUTLINE, interactive: 11 };
        if (name === 'scroll') return { ok: true, did: 'Scrolled down one screen' };
        if (name === 'click') return { ok: true, did: `Clicked ${String(args.ref)}` };
        if (name === 'read_page_text') return { ok: true, title: 'Lemons', text: `Page ${String(args.page ?? 1)} text.`, page: args.page ?? 1, pages: 3 };
        if (name === 'list_tabs') return JSON.parse(TABS_OUTPUT);
        if (name === 'switch_tab') return { ok: true, did: `Now controlling tab ${String(args.tab_id)}` };
        return { ok: false, error: `Unexpected ${name}.` };
      });
      /** Sends a typed command; resolves with the reply and the calls each response of it made. */
      const command = async (text: string) => {
        const since = client.events.length;
        const madeBefore = calls.length;
        client.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] } });
        client.send({ type: 'response.create' });
        const reply = await client.waitFor('response.output_audio_transcript.done', { since });
        await client.waitFor((e) => e.type === 'response.done' && e.response.output.some((o: ServerEvent) => o.type === 'message'), { since });
        const responses = client.events
          .slice(since)
          .filter((e) => e.type === 'response.done')
          .map((e) => (e.response.output as ServerEvent[]).map((o) => (o.type === 'function_call' ? o.name : 'words')));
        return { transcript: reply.transcript as string, calls: calls.slice(madeBefore), responses };
      };

      const click = await command('Scroll down and click the Subscribe button, please.');
      expect(click.calls).toEqual([
        ['scroll', { direction: 'down' }],
        ['get_page_outline', { query: 'subscribe' }],
        ['click', { ref: 'e3' }],
      ]);
      expect(click.responses).toEqual([['scroll', 'get_page_outline'], ['click'], ['words']]);
      expect(click.transcript).toBe('Scrolled down one screen. Clicked e3.');

      // "it" is the element acted on last.
      const again = await command('click it');
      expect(again.calls).toEqual([['click', { ref: 'e3' }]]);

      const missing = await command('click the Unicorns link');
      expect(missing.calls).toEqual([['get_page_outline', { query: 'unicorns' }]]);
      expect(missing.transcript).toBe('I couldn\'t find a "Unicorns" link on this page.');

      const read = await command('read me this article');
      expect(read.calls).toEqual([['read_page_text', {}]]);
      expect(read.transcript).toBe('Page 1 of 3: Page 1 text.');
      const next = await command('next page');
      expect(next.calls).toEqual([['read_page_text', { page: 2 }]]);
      expect(next.transcript).toBe('Page 2 of 3: Page 2 text.');

      const tab = await command('switch to the GitHub tab');
      expect(tab.calls).toEqual([['list_tabs', {}], ['switch_tab', { tab_id: 12 }]]);
      expect(tab.transcript).toBe('Now controlling tab 12.');

      const session = peer.lastSession()!;
      expect(session.sent.filter((e) => e.event?.type === 'error')).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'calls only declared tools, also for the later steps of a plan, and says why not',
    async () => {
      const client = await connect();
      // The outline tool, but no click.
      await configure(client, { output_modalities: ['text'], tools: PAGE_TOOLS.filter((t) => t.name !== 'click') });
      const since = client.events.length;
      client.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'click Subscribe' }] } });
      client.send({ type: 'response.create' });
      const text = await client.waitFor('response.output_text.done', { since });
      expect(text.text).toBe('I would use click, but this session has no tool by that name.');
      expect(client.events.slice(since).some((e) => e.type === 'response.function_call_arguments.done')).toBe(false);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'callTool: a scripted call resolves with the output and the following response.create',
    async () => {
      const client = await connect();
      await configure(client);
      client.answerCalls((name) =>
        name === 'get_page_html'
          ? { ok: true, selector: 'body', html: '<h1>Fixture page</h1><p>Hello</p>', chars: 31, truncated: false }
          : { ok: false, error: 'Unknown tool.' },
      );
      const session = await peer.waitForSession({ timeoutMs: WAIT_MS });
      const since = client.events.length;
      const result = await session.callTool('get_page_html', { max_chars: 2000 }, { timeoutMs: WAIT_MS });
      expect(result.callId).toMatch(/^call_/);
      expect(JSON.parse(result.output)).toMatchObject({ ok: true, chars: 31 });
      expect(result.outputEvent.item).toMatchObject({ type: 'function_call_output', call_id: result.callId });
      expect(result.responseCreate.type).toBe('response.create');
      expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
      const call = client.events.find((e) => e.type === 'response.function_call_arguments.done' && e.call_id === result.callId)!;
      expect(JSON.parse(call.arguments)).toEqual({ max_chars: 2000 });

      const reply = await client.waitFor('response.output_audio_transcript.done', { since });
      expect(reply.transcript).toBe('The page is titled "Fixture page". I read 31 characters of it.');

      await client.waitFor('response.done', { since: client.events.indexOf(reply) });
      const failed = await peer.callTool('undo', {}, { timeoutMs: WAIT_MS });
      expect(JSON.parse(failed.output)).toEqual({ ok: false, error: 'Unknown tool.' });
      const sorry = await client.waitFor((e) => e.type === 'response.output_audio_transcript.done' && e !== reply, { since });
      expect(sorry.transcript).toBe("Sorry, that didn't work: Unknown tool.");
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'callTool rejects with a clear message when the client never answers',
    async () => {
      await connect();
      const started = Date.now();
      await expect(peer.callTool('undo', {}, { timeoutMs: 300 })).rejects.toThrow(/Timed out after \d+ ms waiting for the client's function_call_output for undo/);
      expect(Date.now() - started).toBeLessThan(2000);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'refuses response.create while a response is active, and cancels on response.cancel',
    async () => {
      const client = await connect();
      let since = client.events.length;
      client.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'tell me a long story about the sea and the wind and the boats' }] } });
      client.send({ type: 'response.create' });
      client.send({ type: 'response.create', event_id: 'evt_second' });
      const error = await client.waitFor('error', { since });
      expect(error.error).toMatchObject({ type: 'invalid_request_error', code: 'conversation_already_has_active_response', event_id: 'evt_second' });
      const first = await client.waitFor('response.done', { since });
      expect(first.response.status).toBe('completed');
      expect(client.events.filter((e, i) => i >= since && e.type === 'response.created')).toHaveLength(1);

      since = client.events.length;
      client.send({ type: 'response.create' });
      await client.waitFor('response.created', { since });
      client.send({ type: 'response.cancel' });
      const cancelled = await client.waitFor('response.done', { since });
      expect(cancelled.response.status).toBe('cancelled');
      expect(cancelled.response.status_details).toMatchObject({ type: 'cancelled', reason: 'client_cancelled' });
      client.send({ type: 'output_audio_buffer.clear' });
      await client.waitFor('output_audio_buffer.cleared', { since });

      since = client.events.length;
      client.send({ type: 'response.cancel', event_id: 'evt_nothing' });
      expect((await client.waitFor('error', { since })).error).toMatchObject({ code: 'response_cancel_not_active', event_id: 'evt_nothing' });
      client.send({ type: 'input_audio_buffer.clear' });
      await client.waitFor('input_audio_buffer.cleared', { since });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'survives malformed JSON, unknown events and bad tool outputs',
    async () => {
      const client = await connect();
      const session = peer.lastSession()!;
      let since = client.events.length;
      client.dc.send('{"type": "session.update", oops');
      const bad = await client.waitFor('error', { since });
      expect(bad.error.code).toBe('invalid_json');
      expect(bad.error.message).toMatch(/not valid JSON/);
      expect(session.received.at(-1)).toMatchObject({ event: null, raw: '{"type": "session.update", oops' });

      since = client.events.length;
      client.send({ type: 'response.dance', event_id: 'evt_dance' });
      expect((await client.waitFor('error', { since })).error).toMatchObject({ code: 'invalid_value', param: 'type', event_id: 'evt_dance' });

      since = client.events.length;
      client.send({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: 'call_never_issued', output: '{}' } });
      expect((await client.waitFor('error', { since })).error).toMatchObject({ code: 'invalid_value', param: 'item.call_id' });

      since = client.events.length;
      client.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hello there' }] } });
      client.send({ type: 'response.create' });
      const reply = await client.waitFor('response.output_audio_transcript.done', { since });
      expect(reply.transcript).toBe('I heard you say: "hello there".');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'replies in text when output_modalities is ["text"], and explains a missing tool',
    async () => {
      const client = await connect();
      await configure(client, { output_modalities: ['text'], tools: TOOLS.filter((t) => t.name !== 'undo') });
      let since = client.events.length;
      client.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'undo' }] } });
      client.send({ type: 'response.create' });
      const text = await client.waitFor('response.output_text.done', { since });
      expect(text.text).toBe('I would use undo, but this session has no tool by that name.');
      await client.waitFor('response.done', { since });
      expect(client.events.slice(since).some((e) => e.type.startsWith('output_audio_buffer.') || e.type.startsWith('response.output_audio'))).toBe(false);

      since = client.events.length;
      client.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'make the buttons twice as big and green' }] } });
      client.send({ type: 'response.create' });
      const call = await client.waitFor('response.function_call_arguments.done', { since });
      expect(call.name).toBe('set_button_style');
      expect(JSON.parse(call.arguments)).toEqual({ scale: 2, color: 'green' });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "measures the client's microphone: silence, then a beep",
    async () => {
      const client = await connect();
      const session = peer.lastSession()!;
      await within(
        (async () => {
          while (session.audio.input.frames < 20) await new Promise((r) => setTimeout(r, 10));
        })(),
        WAIT_MS,
        'microphone frames at the peer',
      );
      expect(session.audio.input).toMatchObject({ track: true, sampleRate: 48000 });
      expect(session.audio.input.maxRms).toBeLessThan(0.01);
      client.mic.beeping = true;
      await within(
        (async () => {
          while (session.audio.input.loudFrames < 10) await new Promise((r) => setTimeout(r, 10));
        })(),
        WAIT_MS,
        'the beep at the peer',
      );
      expect(session.audio.input.maxRms).toBeGreaterThan(0.05);
      expect(session.audio.input.maxPeak).toBeGreaterThan(0.1);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'serves the HTTP control API',
    async () => {
      const client = await connect();
      await configure(client);
      const control = (path: string, body?: unknown) =>
        fetch(`${peer.url}${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });

      const state = (await (await control('/control/state')).json()) as ServerEvent;
      expect(state.sessions).toHaveLength(1);
      expect(state.sessions[0]).toMatchObject({ id: peer.lastSession()!.id, channelState: 'open', closed: false });
      expect(state.sessions[0].config.tools).toHaveLength(TOOLS.length);
      expect(state.sessions[0].audio.input.track).toBe(true);
      expect(state.sessions[0].rtp).toMatchObject({ packetsReceived: expect.any(Number), packetsSent: expect.any(Number) });

      const received = (await (await control('/control/received?session=last')).json()) as ServerEvent;
      expect(received.events.map((e: ServerEvent) => e.event.type)).toContain('session.update');
      expect(received.events[0].at).toBeTypeOf('number');

      let since = client.events.length;
      expect((await control('/control/inject', { event: { type: 'rate_limits.updated', rate_limits: [] } })).status).toBe(200);
      const injected = await client.waitFor('rate_limits.updated', { since });
      expect(injected.event_id).toMatch(/^event_/);
      await control('/control/inject', { raw: 'not json at all' });
      await within(
        (async () => {
          while (!client.raw.includes('not json at all')) await new Promise((r) => setTimeout(r, 5));
        })(),
        WAIT_MS,
        'the raw injected text',
      );

      client.answerCalls((name) => (name === 'set_font_color' ? { ok: true, color: 'rgb(255, 0, 0)' } : undefined));
      since = client.events.length;
      const res = await control('/control/call', { name: 'set_font_color', arguments: { color: 'red' } });
      expect(res.status).toBe(200);
      const result = (await res.json()) as ServerEvent;
      expect(JSON.parse(result.output)).toEqual({ ok: true, color: 'rgb(255, 0, 0)' });
      expect(result.responseCreate.type).toBe('response.create');
      expect((await client.waitFor('response.output_audio_transcript.done', { since })).transcript).toBe('Done — the text is red now.');

      const timeout = await control('/control/call', { name: 'nothing_answers_this', timeoutMs: 300 });
      expect(timeout.status).toBe(504);
      expect(((await timeout.json()) as ServerEvent).error.message).toMatch(/Timed out after \d+ ms waiting for the client's function_call_output/);

      expect((await control('/control/reset', {})).status).toBe(200);
      expect(peer.sessions).toHaveLength(0);
      await within(
        (async () => {
          while (client.dc.readyState === 'open') await new Promise((r) => setTimeout(r, 10));
        })(),
        WAIT_MS,
        'the client data channel to close after reset',
      );
    },
    TEST_TIMEOUT_MS,
  );
});

describe('with the @openai/agents-realtime transport (the extension\'s client)', () => {
  it(
    'connects, gets session.updated, and completes a tool call round trip',
    async () => {
      const key = await mintKey();
      const mic = new FakeMic();
      const audioElement = { srcObject: null as unknown, autoplay: false };
      const saved = globalThis.RTCPeerConnection;
      // The transport creates its peer connection from the global, as in a browser.
      globalThis.RTCPeerConnection = wrtc.RTCPeerConnection as unknown as typeof RTCPeerConnection;
      const transport = new OpenAIRealtimeWebRTC({
        baseUrl: peer.callsUrl,
        mediaStream: new wrtc.MediaStream([mic.track]) as unknown as MediaStream,
        audioElement: audioElement as unknown as HTMLAudioElement,
      });
      cleanups.push(() => {
        transport.close();
        mic.stop();
        globalThis.RTCPeerConnection = saved;
      });
      const transcripts: string[] = [];
      const calls: string[] = [];
      transport.on('function_call', (call) => {
        calls.push(`${call.name} ${call.arguments}`);
        transport.sendFunctionCallOutput(call, JSON.stringify({ ok: true }), true);
      });
      transport.on('item_update', (item) => {
        if (item.type === 'message' && item.role === 'assistant' && item.status === 'completed') {
          for (const part of item.content) if (part.type === 'output_audio' && part.transcript) transcripts.push(part.transcript);
        }
      });
      await within(
        transport.connect({
          apiKey: key,
          model: 'gpt-realtime-2.1-mini',
          initialSessionConfig: {
            instructions: 'Change the page when asked.',
            outputModalities: ['audio'],
            audio: { input: { transcription: { model: 'gpt-4o-mini-transcribe' }, turnDetection: { type: 'semantic_vad' } } },
            tools: [{ type: 'function', name: 'set_background_color', description: 'Set the background.', parameters: { type: 'object', properties: { color: { type: 'string' } }, required: ['color'], additionalProperties: false }, strict: false }],
          },
        }),
        WAIT_MS,
        'the transport to connect',
      );
      expect(transport.status).toBe('connected');
      expect(audioElement.srcObject).toBeTruthy();
      const session = peer.lastSession()!;
      expect(session.config.tools.map((t: ServerEvent) => t.name)).toEqual(['set_background_color']);

      transport.sendMessage('make the background navy', {});
      await within(
        (async () => {
          while (!transcripts.length) await new Promise((r) => setTimeout(r, 10));
        })(),
        WAIT_MS,
        'the spoken reply',
      );
      expect(calls).toEqual(['set_background_color {"color":"navy"}']);
      expect(transcripts).toContain('Done — the background is navy now.');
      expect(session.sent.filter((e) => e.event?.type === 'error')).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
