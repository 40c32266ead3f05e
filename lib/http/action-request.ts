// Server-action posts that Next would fail on with a 500, refused with the 4xx they deserve before
// Next reads them (called from proxy.ts). Next decodes an action's arguments with React's reply
// protocol and then calls the action; whatever throws on the way (an Origin it cannot parse, a body
// over its limit, a body that is not JSON or not multipart, nesting deep enough to overflow the
// stack, arguments where the action expects its form) ends as a 500.
//
// Every action of this app takes a form as its last argument (useActionState adds the previous
// state before it), so a post whose decoded arguments put no form there is malformed. Which
// argument that is comes from the action id itself: Next encodes in its first byte which
// parameters the action uses (next/dist/shared/lib/server-reference-info).
import { extractInfoFromServerReferenceId } from 'next/dist/shared/lib/server-reference-info';

export type Refusal = { status: 400 | 403 | 413; text: string };

/** Next's default serverActions.bodySizeLimit (1 MB); no form of the app comes near it. */
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;
const MAX_ARGUMENT_DEPTH = 16;
const ACTION_ID = /^[0-9a-f]{42}$/i;
const FORM_REFERENCE = /^\$K[0-9a-f]+$/;

const crossOrigin: Refusal = { status: 403, text: 'Cross-origin request refused' };
const tooLarge: Refusal = { status: 413, text: 'Payload too large' };
const malformed: Refusal = { status: 400, text: 'Malformed server action request' };

/** The refusal for a POST to a page (a server action), or null to let Next run it. */
export async function refuseMalformedActionPost(request: Request, host: string | null): Promise<Refusal | null> {
  const origin = request.headers.get('origin');
  // A browser sends "null" from sandboxed frames and opaque redirects: not this site either.
  if (origin === 'null') return crossOrigin;
  if (origin !== null) {
    if (!URL.canParse(origin)) return { status: 400, text: 'Malformed Origin header' };
    if (new URL(origin).host !== host) return crossOrigin;
  }
  if (Number(request.headers.get('content-length')) > ACTION_BODY_LIMIT_BYTES) return tooLarge;

  const actionId = request.headers.get('next-action');
  const contentType = request.headers.get('content-type') ?? '';
  const multipart = /^multipart\/form-data\b/i.test(contentType);
  // Neither a fetch action nor a form post: Next renders the page and nothing is decoded.
  if (actionId === null && !multipart) return null;

  // A chunked body carries no Content-Length: count what arrives instead.
  const body = await readUpTo(request, ACTION_BODY_LIMIT_BYTES);
  if (body === null) return tooLarge;
  const form = multipart ? await parseMultipart(body, contentType) : null;
  if (multipart && !form) return malformed;
  const wellFormed = actionId !== null ? fetchActionIsWellFormed(actionId, form, body) : formPostIsWellFormed(form!);
  return wellFormed ? null : malformed;
}

/** A fetch action (Next-Action header): field "0" of the multipart body, or the whole text body, is the argument list. */
function fetchActionIsWellFormed(actionId: string, form: FormData | null, body: Uint8Array): boolean {
  const formIndex = formArgumentIndex(actionId);
  const root = form ? form.get('0') : new TextDecoder().decode(body);
  if (typeof root !== 'string') return false;
  const args = parseArguments(root);
  if (!Array.isArray(args)) return false;
  if (formIndex === null) return true;
  // Only a multipart body can carry a form; "$K<n>" is React's reference to it.
  return form !== null && args.length > formIndex && typeof args[formIndex] === 'string' && FORM_REFERENCE.test(args[formIndex] as string);
}

/**
 * A form posted without JavaScript: `$ACTION_ID_<id>` calls the action with the form alone;
 * `$ACTION_REF_<n>` binds the arguments in `$ACTION_<n>:*` (useActionState's previous state) first.
 */
function formPostIsWellFormed(form: FormData): boolean {
  for (const key of new Set(form.keys())) {
    if (key.startsWith('$ACTION_ID_')) {
      const formIndex = formArgumentIndex(key.slice('$ACTION_ID_'.length));
      if (formIndex !== null && formIndex !== 0) return false;
    } else if (key.startsWith('$ACTION_REF_')) {
      const prefix = `$ACTION_${key.slice('$ACTION_REF_'.length)}:`;
      const meta = form.get(`${prefix}0`);
      if (typeof meta !== 'string') return false;
      const parsed = parseArguments(meta, ['$@']);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return false;
      const { id, bound } = parsed as { id?: unknown; bound?: unknown };
      if (typeof id !== 'string') return false;
      let boundCount = 0;
      if (bound !== null && bound !== undefined) {
        const reference = typeof bound === 'string' ? /^\$@([0-9a-f]+)$/.exec(bound) : null;
        const boundText = reference ? form.get(`${prefix}${parseInt(reference[1], 16)}`) : null;
        const boundArgs = typeof boundText === 'string' ? parseArguments(boundText) : undefined;
        if (!Array.isArray(boundArgs)) return false;
        boundCount = boundArgs.length;
      }
      const formIndex = formArgumentIndex(id);
      if (formIndex !== null && formIndex !== boundCount) return false;
    }
  }
  return true;
}

/**
 * Where the action takes its form: the last parameter it uses; null when it uses none (or the id is
 * not one). An action built by formAction (lib/actions/form-action.ts) is a call, not a function
 * Next can read the parameters of, so its id says "every argument and more": those all take
 * (previous state, form).
 */
function formArgumentIndex(actionId: string): number | null {
  if (!ACTION_ID.test(actionId)) return null;
  const { usedArgs, hasRestArgs } = extractInfoFromServerReferenceId(actionId);
  if (hasRestArgs && usedArgs.every(Boolean)) return 1;
  const last = usedArgs.lastIndexOf(true);
  return last === -1 ? null : last;
}

/**
 * JSON in React's reply encoding, or undefined when it is not JSON, nests deeper than any state of
 * this app, or references what no form of this app sends ("$" strings other than an escaped "$$…",
 * "$undefined", a form "$K…", and the `allowed` prefixes).
 */
function parseArguments(text: string, allowed: string[] = []): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isPlain(value, 0, allowed) ? value : undefined;
}

function isPlain(value: unknown, depth: number, allowed: string[]): boolean {
  if (depth > MAX_ARGUMENT_DEPTH) return false;
  if (typeof value === 'string') {
    return !value.startsWith('$') || value.startsWith('$$') || value === '$undefined' || FORM_REFERENCE.test(value) || allowed.some((prefix) => value.startsWith(prefix));
  }
  if (value === null || typeof value !== 'object') return true;
  return Object.values(value).every((item) => isPlain(item, depth + 1, allowed));
}

async function readUpTo(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = request.clone().body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not awaited: this is one branch of a tee, whose cancel settles only with the other's.
      reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

async function parseMultipart(body: Uint8Array<ArrayBuffer>, contentType: string): Promise<FormData | null> {
  try {
    return await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return null;
  }
}
