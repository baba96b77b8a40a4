// Bench-only page (tests/bench/bare.mjs), loaded as a separate unpacked extension; never shipped.
// The same connect the product does, with nothing around it: mint an ek_ key (in parallel with getUserMedia, as the
// product mints in parallel with opening its session host), RTCPeerConnection + the oai-events data channel, POST
// the SDP offer, set the answer, wait for the channel to open and for session.created.
'use strict';
const now = () => performance.timeOrigin + performance.now();
const status = document.getElementById('status');
const voice = document.getElementById('voice');
let current = null;

function setStatus(value, detail = value) {
  status.dataset.status = value;
  status.textContent = detail;
}

// The bench sets this before clicking Start: { mintUrl, callsUrl, apiKey, model }.
window.__bareConfig = null;
window.__bare = null;

document.getElementById('start').addEventListener('click', async () => {
  const marks = { click: now() };
  window.__bare = marks;
  setStatus('starting');
  try {
    const { mintUrl, callsUrl, apiKey, model } = window.__bareConfig;
    const [key, mic] = await Promise.all([
      fetch(mintUrl, {
        method: 'POST',
        headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ session: { type: 'realtime', model } }),
      }).then(async (response) => {
        if (!response.ok) throw new Error(`mint: HTTP ${response.status}`);
        marks.minted = now();
        return (await response.json()).value;
      }),
      navigator.mediaDevices.getUserMedia({ audio: true }).then((stream) => {
        marks.microphone = now();
        return stream;
      }),
    ]);
    const pc = new RTCPeerConnection();
    current = { pc, mic };
    pc.ontrack = (event) => {
      voice.srcObject = event.streams[0] ?? new MediaStream([event.track]);
    };
    for (const track of mic.getAudioTracks()) pc.addTrack(track, mic);
    const channel = pc.createDataChannel('oai-events');
    const opened = new Promise((resolve) => channel.addEventListener('open', resolve, { once: true }));
    const created = new Promise((resolve) =>
      channel.addEventListener('message', function onMessage(event) {
        if (JSON.parse(event.data).type === 'session.created') {
          channel.removeEventListener('message', onMessage);
          resolve();
        }
      }),
    );
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    marks.offer = now();
    const response = await fetch(`${callsUrl}?model=${encodeURIComponent(model)}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/sdp' },
      body: offer.sdp,
    });
    if (!response.ok) throw new Error(`calls: HTTP ${response.status}`);
    await pc.setRemoteDescription({ type: 'answer', sdp: await response.text() });
    marks.answer = now();
    await opened;
    marks.open = now();
    await created;
    marks.live = now();
    setStatus('live');
  } catch (error) {
    marks.error = String(error?.message ?? error);
    setStatus('error', marks.error);
  }
});

document.getElementById('stop').addEventListener('click', () => {
  if (current) {
    current.pc.close();
    for (const track of current.mic.getTracks()) track.stop();
    voice.srcObject = null;
    current = null;
  }
  setStatus('idle');
});
