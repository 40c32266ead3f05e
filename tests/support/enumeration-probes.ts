// Probes for account enumeration over HTTP: the same form posted for an address with an account and
// one without. Used by tests/e2e/security.spec.ts (same answer) and bench/enumeration.ts (same time).
import { type Entries, postForm, readActionForm } from '../fixtures/action-forms';
import { uniqueIp } from '../fixtures/client-ip';
import { createUser, uniqueEmail } from '../fixtures/users';

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

/**
 * Posts `rounds` known and unknown addresses (a fresh one of each per round, as a prober tries each
 * address once), interleaved with the order flipping every round so work left behind by one (mail
 * after the response) falls on both alike. Returns the distinct answers and both medians.
 */
export async function compareKnownAndUnknown(probe: EnumerationProbe, rounds: number) {
  const known: number[] = [];
  const unknown: number[] = [];
  const answers = new Set<string>();
  // One unmeasured pair first: the first request of a route compiles and warms caches.
  await post(probe.path, await probe.known());
  await post(probe.path, await probe.unknown());
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const);
    // Both forms are prepared first: making a known address (an Argon2 hash and an insert here) must
    // not give the server more time to finish the previous request's after-response work than an
    // unknown one gets. Then each post starts on a server that has settled.
    const entries = { known: await probe.known(), unknown: await probe.unknown() };
    for (const kind of order) {
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const result = await post(probe.path, entries[kind]);
      answers.add(result.text);
      (kind === 'known' ? known : unknown).push(result.ms);
    }
  }
  const knownMedian = median(known);
  const unknownMedian = median(unknown);
  return {
    answers: [...answers],
    knownMedian,
    unknownMedian,
    difference: Math.abs(knownMedian - unknownMedian) / Math.min(knownMedian, unknownMedian),
  };
}
