// The one check for every parameter that carries a place to go back to (callbackUrl, next, the
// social sign-in and reauthentication flows, Auth.js's redirect callback).

const MAX_LENGTH = 2_048;
// C0 and C1 controls and every Unicode space: URL parsers drop or keep them differently.
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/;
// Encoded dots, slashes, backslashes and percent signs, which something on the way may decode.
const ENCODED_SEPARATOR = /%(2e|2f|5c|25)/gi;
const DECODE_ROUNDS = 4;
const PROBE_ORIGIN = 'http://return-path.invalid';

/**
 * A same-origin path (with its query and fragment) for a redirect, or undefined. The path is
 * normalised first, the way a browser or a server on the way might read it: percent-encoded dots,
 * slashes and backslashes decoded, backslashes read as slashes, dot segments resolved, repeated
 * slashes collapsed. What comes back is that normalised path, so `/..//evil.example` cannot turn
 * into `//evil.example` one step later.
 */
export function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return undefined;
  if (CONTROL_OR_SPACE.test(value)) return undefined;
  const split = value.search(/[?#]/);
  let path = split === -1 ? value : value.slice(0, split);
  const rest = split === -1 ? '' : value.slice(split);
  for (let round = 0; ; round += 1) {
    const decoded = path.replace(ENCODED_SEPARATOR, (escape) => String.fromCharCode(parseInt(escape.slice(1), 16)));
    if (decoded === path) break;
    if (round === DECODE_ROUNDS) return undefined;
    path = decoded;
  }
  path = path.replaceAll('\\', '/');
  if (!path.startsWith('/') || CONTROL_OR_SPACE.test(path)) return undefined;
  let url: URL;
  try {
    url = new URL(path.replace(/\/{2,}/g, '/') + rest, PROBE_ORIGIN);
  } catch {
    return undefined;
  }
  if (url.origin !== PROBE_ORIGIN) return undefined;
  const pathname = url.pathname.replace(/\/{2,}/g, '/');
  return `${pathname}${url.search}${url.hash}`;
}
