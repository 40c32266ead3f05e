// Probes for account enumeration over HTTP: the same form posted for an address with an account and
// one without. Used by tests/e2e/security.spec.ts (same answer) and bench/enumeration.ts (same time).
import { type Entries, postForm, readActionForm } from '../e2e/fixtures/action-forms';
import { uniqueIp } from '../e2e/fixtures/client-ip';
import { createUser, uniqueEmail } from '../e2e/fixtures/users';

export type EnumerationProbe = {
  name: string;
  path: string;
  known: () => Promise<Entries>;
  unknown: () => Promise<Entries>;
};

async function formOf(path: string, marker: string): Promise<Entries> {
  return Object.entries(await readActionForm(path, marker));
}

export const ENUMERATION_PROBES: EnumerationProbe[] = [
  {
    name: 'sign-up',
    path: '/signup',
    known: async () => signUpFields((await createUser()).email),
    unknown: async () => signUpFields(uniqueEmail('enum-signup')),
  },
  {
    name: 'login',
    path: '/login',
    known: async () => [...(await formOf('/login', 'name="password"')), ['email', (await createUser()).email], ['password', 'not the password at all']],
    unknown: async () => [...(await formOf('/login', 'name="password"')), ['email', uniqueEmail('enum-login')], ['password', 'not the password at all']],
  },
  {
    // Until the password is right an account with two-step answers as one without: same page, same time.
    name: 'login, two-step on',
    path: '/login',
    known: async () => [...(await formOf('/login', 'name="password"')), ['email', (await createUser({ twoStep: true })).email], ['password', 'not the password at all']],
    unknown: async () => [...(await formOf('/login', 'name="password"')), ['email', uniqueEmail('enum-two-step')], ['password', 'not the password at all']],
  },
  {
    name: 'resend verification',
    path: '/verify-email/resend',
    known: async () => [...(await formOf('/verify-email/resend', 'name="email"')), ['email', (await createUser({ verified: false })).email]],
    unknown: async () => [...(await formOf('/verify-email/resend', 'name="email"')), ['email', uniqueEmail('enum-resend')]],
  },
  {
    name: 'forgot password',
    path: '/forgot-password',
    known: async () => [...(await formOf('/forgot-password', 'name="email"')), ['email', (await createUser()).email]],
    unknown: async () => [...(await formOf('/forgot-password', 'name="email"')), ['email', uniqueEmail('enum-forgot')]],
  },
];

async function signUpFields(email: string): Promise<Entries> {
  return [...(await formOf('/signup', 'name="terms"')), ['name', 'Someone'], ['email', email], ['password', 'a good long password 7'], ['terms', 'on']];
}

/** What the person reads: where a redirect goes, else the form's message. */
function answerOf(response: Response, body: string): string {
  const location = response.headers.get('location');
  if (location) return `${response.status} → ${new URL(location, process.env.E2E_BASE_URL).pathname}`;
  const message = /<div role="(?:alert|status)" class="notice[^"]*">([^<]*)</.exec(body)?.[1];
  return `${response.status} ${message ?? '(no message)'}`;
}

async function post(path: string, entries: Entries): Promise<{ text: string; ms: number }> {
  const started = performance.now();
  const response = await postForm(path, entries, { ip: uniqueIp() });
  const body = await response.text();
  return { text: answerOf(response, body), ms: performance.now() - started };
}

/** A pause before each timed post, long enough for the previous request's after-response work. */
const SETTLE_MS = 30;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Two kinds of request to the same form, timed against each other. */
export type TimingPair = { path: string; a: () => Promise<Entries>; b: () => Promise<Entries> };

/**
 * A wrong password for an account with two-step on, against one for an account without: the
 * second step must cost nothing until the password is right, so neither the answer nor its time
 * tells that an account has two-step on (both addresses exist; the two-step probe above compares
 * with an unknown one).
 */
export const TWO_STEP_LOGIN_PAIR: TimingPair & { name: string } = {
  name: 'login: two-step on vs off',
  path: '/login',
  a: async () => [...(await formOf('/login', 'name="password"')), ['email', (await createUser({ twoStep: true })).email], ['password', 'not the password at all']],
  b: async () => [...(await formOf('/login', 'name="password"')), ['email', (await createUser({ twoStep: false })).email], ['password', 'not the password at all']],
};

/**
 * Posts `rounds` of each kind (a fresh one of each per round, as a prober tries each address
 * once), interleaved with the order flipping every round so work left behind by one (mail after
 * the response) falls on both alike. Returns the distinct answers, both medians and a / b.
 */
export async function compareTimings(pair: TimingPair, rounds: number) {
  const timings = { a: [] as number[], b: [] as number[] };
  const answers = new Set<string>();
  // One unmeasured pair first: the first request of a route compiles and warms caches.
  await post(pair.path, await pair.a());
  await post(pair.path, await pair.b());
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 ? (['a', 'b'] as const) : (['b', 'a'] as const);
    // Both forms are prepared first: making an account (an Argon2 hash and an insert here) must
    // not give the server more time to finish the previous request's after-response work than the
    // other kind gets. Then each post starts on a server that has settled.
    const entries = { a: await pair.a(), b: await pair.b() };
    for (const kind of order) {
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const result = await post(pair.path, entries[kind]);
      answers.add(result.text);
      timings[kind].push(result.ms);
    }
  }
  const aMedian = median(timings.a);
  const bMedian = median(timings.b);
  return { answers: [...answers], aMedian, bMedian, ratio: aMedian / bMedian, difference: Math.abs(aMedian - bMedian) / Math.min(aMedian, bMedian) };
}

/** compareTimings of an address with an account (a) and one without (b). */
export async function compareKnownAndUnknown(probe: EnumerationProbe, rounds: number) {
  const result = await compareTimings({ path: probe.path, a: probe.known, b: probe.unknown }, rounds);
  return { answers: result.answers, knownMedian: result.aMedian, unknownMedian: result.bMedian, difference: result.difference };
}
