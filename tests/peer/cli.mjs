#!/usr/bin/env node
// @ts-check
/**
 * Runs the local Realtime peer on its own:
 *
 *   node tests/peer/cli.mjs [--port 8788] [--host 127.0.0.1] [--api-key sk-local-peer] [--quiet]
 *
 * Point the extension's provider settings at the printed URLs and key. Ctrl+C stops it.
 */
import { parseArgs } from 'node:util';
import { startPeer } from './peer.mjs';

const USAGE = `Usage: node tests/peer/cli.mjs [--port 8788] [--host 127.0.0.1] [--api-key sk-local-peer] [--quiet]`;

/** @type {ReturnType<typeof parseArgs>} */
let parsed;
try {
  parsed = parseArgs({
    options: {
      port: { type: 'string', default: '8788' },
      host: { type: 'string', default: '127.0.0.1' },
      'api-key': { type: 'string', default: 'sk-local-peer' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  console.error(`${/** @type {Error} */ (error).message}\n${USAGE}`);
  process.exit(2);
}
const { values } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not "${values.port}".\n${USAGE}`);
  process.exit(2);
}

const time = () => new Date().toISOString().slice(11, 23);
const peer = await startPeer({
  port,
  host: String(values.host),
  apiKey: String(values['api-key']),
  log: values.quiet ? undefined : (message) => console.log(`${time()} ${message}`),
});

console.log(`Local Realtime peer running (GA interface, WebRTC).
  mint URL:  ${peer.mintUrl}
  calls URL: ${peer.callsUrl}
  API key:   ${peer.apiKey}
  control:   ${peer.url}/control/state
Press Ctrl+C to stop.`);

if (!values.quiet) {
  peer.on('received', (session, entry) => {
    const type = entry.event?.type ?? '(not JSON)';
    console.log(`${time()} ${session.id} ← ${type}`);
  });
  peer.on('sent', (session, entry) => {
    const type = entry.event?.type ?? '(raw)';
    if (type.endsWith('.delta')) return; // one line per word would drown everything else
    console.log(`${time()} ${session.id} → ${type}`);
  });
}

let stopping = false;
/** @param {string} signal */
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  await peer.close();
  // Exit explicitly: @roamhq/wrtc can crash in its native clean-up when Node exits on its own.
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
