// @ts-check
/**
 * SDP helpers for the local Realtime peer: which of its ICE candidates the answer offers the browser.
 *
 * libwebrtc (inside @roamhq/wrtc) gathers host candidates on every interface of this machine: the LAN address,
 * IPv6, and the loopback address 127.0.0.1 (UDP within ≈ 3 ms, TCP ≈ 100 ms later). The browser posts its offer
 * without waiting for its own candidates (the agents SDK does not wait, and the peer takes no trickle), so the
 * browser's connectivity checks go only to the candidates in the answer, and the peer answers them from
 * whichever of its sockets they reach. What works, measured here (Debian 12, Chromium 156, Firefox ESR 153):
 *
 * - Chromium: answer with the 127.0.0.1 UDP candidate only. Chromium gathers no loopback candidates itself, but
 *   happily checks from its interface address (e.g. 192.0.2.2) to 127.0.0.1; the kernel keeps that on `lo`.
 * - Firefox: a 127.0.0.1-only answer never connects. Firefox gathers no loopback candidates (not even with
 *   `media.peerconnection.ice.loopback`), and its ICE agent (nICEr, `nr_ice_component_can_candidate_addr_pair`)
 *   refuses to pair a loopback candidate with a non-loopback one. So for Firefox the answer also carries the
 *   peer's IPv4 interface host candidates. Those are addresses of this same machine: packets between two local
 *   addresses never leave it (Linux routes them over `lo` too).
 *
 * The policy is chosen per offer ('auto'): Firefox is recognised by its SDP origin line (`o=mozilla...`).
 */

/** @typedef {'auto' | 'loopback' | 'local'} CandidatePolicy
 *   auto: `local` for Firefox offers, `loopback` for everything else;
 *   loopback: 127.0.0.1 UDP host candidates only;
 *   local: 127.0.0.1 plus this machine's other IPv4 UDP host candidates. */

/** @param {string} line */
function isCandidate(line) {
  return line.startsWith('a=candidate:');
}

/**
 * Parses the interesting fields of an `a=candidate:` line.
 * @param {string} line
 * @returns {{ transport: string, address: string, port: number, type: string } | null}
 */
export function parseCandidate(line) {
  // a=candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type> ...
  const parts = line.slice('a=candidate:'.length).split(' ');
  if (parts.length < 8 || parts[6] !== 'typ') return null;
  return {
    transport: String(parts[2]).toLowerCase(),
    address: String(parts[4]),
    port: Number(parts[5]),
    type: String(parts[7]),
  };
}

/** @param {string} line */
function isLoopbackUdpHost(line) {
  const c = parseCandidate(line);
  return c !== null && c.address === '127.0.0.1' && c.transport === 'udp' && c.type === 'host';
}

/** @param {string} line */
function isInterfaceIPv4UdpHost(line) {
  const c = parseCandidate(line);
  return c !== null && c.transport === 'udp' && c.type === 'host' && /^\d+\.\d+\.\d+\.\d+$/.test(c.address) &&
    !c.address.startsWith('127.') && !c.address.startsWith('169.254.');
}

/**
 * Whether an offer comes from Firefox (its origin line reads `o=mozilla...THIS_IS_SDPARTA-<version>`).
 * @param {string} sdp
 */
export function isFirefoxOffer(sdp) {
  return /^o=mozilla/m.test(sdp);
}

/**
 * The concrete policy for an offer.
 * @param {CandidatePolicy} policy
 * @param {string} offerSdp
 * @returns {'loopback' | 'local'}
 */
export function resolvePolicy(policy, offerSdp) {
  if (policy === 'auto') return isFirefoxOffer(offerSdp) ? 'local' : 'loopback';
  return policy;
}

/**
 * Whether a (partial) local description already has the candidates `policy` keeps: the 127.0.0.1 UDP one,
 * and for `local` also an interface IPv4 one.
 * @param {string} sdp
 * @param {'loopback' | 'local'} [policy]
 */
export function hasWantedCandidates(sdp, policy = 'loopback') {
  const lines = sdp.split(/\r?\n/).filter(isCandidate);
  const loopback = lines.some(isLoopbackUdpHost);
  return policy === 'loopback' ? loopback : loopback && lines.some(isInterfaceIPv4UdpHost);
}

/**
 * Keeps only the wanted candidates in an SDP (127.0.0.1 UDP host candidates; with `local`, also the IPv4
 * interface UDP host candidates), points each media section's `c=` line and `m=` port at its first kept
 * candidate, and marks the list complete (`a=end-of-candidates`: the peer never trickles).
 * If the SDP has no 127.0.0.1 candidate at all (no loopback interface?), it is returned unchanged, `changed:false`.
 * @param {string} sdp a local description with (at least) the wanted candidates gathered
 * @param {'loopback' | 'local'} [policy]
 * @returns {{ sdp: string, kept: number, removed: number, changed: boolean }}
 */
export function filterCandidates(sdp, policy = 'loopback') {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(/\r?\n/);
  while (lines.length && lines[lines.length - 1] === '') lines.pop();

  const wanted = (/** @type {string} */ line) =>
    isLoopbackUdpHost(line) || (policy === 'local' && isInterfaceIPv4UdpHost(line));
  const total = lines.filter(isCandidate).length;
  if (!lines.some(isLoopbackUdpHost)) return { sdp, kept: 0, removed: 0, changed: false };

  // Split into the session part and media sections (each starts at an m= line).
  /** @type {string[][]} */
  const sections = [[]];
  for (const line of lines) {
    if (line.startsWith('m=')) sections.push([]);
    /** @type {string[]} */ (sections[sections.length - 1]).push(line);
  }

  let kept = 0;
  const out = sections.map((section, index) => {
    if (index === 0) return section;
    const keptHere = section.filter((line) => isCandidate(line) && wanted(line));
    kept += keptHere.length;
    const first = keptHere[0] ? parseCandidate(keptHere[0]) : null;
    /** @type {string[]} */
    const result = [];
    for (const line of section) {
      if (isCandidate(line) && !wanted(line)) continue;
      if (line === 'a=end-of-candidates') continue;
      if (line.startsWith('c=IN ')) {
        result.push(`c=IN IP4 ${first?.address ?? '127.0.0.1'}`);
        continue;
      }
      if (line.startsWith('m=') && first) {
        // m=<media> <port> <proto> <fmt...>: the port is the default candidate's.
        const parts = line.split(' ');
        if (parts[1] !== '0') parts[1] = String(first.port);
        result.push(parts.join(' '));
        continue;
      }
      result.push(line);
    }
    if (keptHere.length) {
      // After the last candidate line of the section.
      const last = result.findLastIndex((line) => isCandidate(line));
      result.splice(last + 1, 0, 'a=end-of-candidates');
    }
    return result;
  });
  return { sdp: out.flat().join(eol) + eol, kept, removed: total - kept, changed: true };
}

/**
 * The cheapest sanity check of an offer body, done before handing it to libwebrtc.
 * @param {string} sdp
 * @returns {string | null} an error message, or null when it looks like an SDP offer
 */
export function offerProblem(sdp) {
  const text = sdp.trim();
  if (!text) return 'The request body is empty: send the SDP offer as the body, with Content-Type: application/sdp.';
  if (!text.startsWith('v=0')) return 'The request body is not an SDP offer (it must start with "v=0").';
  if (!/^m=/m.test(text)) return 'The SDP offer has no media sections (m= lines).';
  return null;
}
