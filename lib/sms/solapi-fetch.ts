import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';

// The solapi SDK hard-codes https://api.solapi.com and calls the global fetch with no signal. Rather
// than fork it, calls made inside `withSolapiRoute` go to SOLAPI_BASE_URL under one deadline; every
// other fetch in the process passes through untouched.

export type SolapiRoute = {
  baseUrl: string;
  signal: AbortSignal;
  /** Sending POSTs made so far: the SDK retries some failures itself, and a second send could duplicate. */
  sends: number;
  /** HTTP status of the last answer (0 when none came): how the outcome is classified. */
  lastStatus: number;
};

const SOLAPI_ORIGIN = 'https://api.solapi.com';
const routes = new AsyncLocalStorage<SolapiRoute>();
const ROUTED = Symbol.for('lifecycle.solapi-route');

type RoutedFetch = typeof fetch & { [ROUTED]?: true };

/** Runs `call` with the SDK's requests sent to `baseUrl`; `timeoutMs` bounds the whole call, SDK retries included. */
export async function withSolapiRoute<T>(options: { baseUrl: string; timeoutMs: number }, call: (route: SolapiRoute) => Promise<T>): Promise<T> {
  installRouting();
  const route: SolapiRoute = { baseUrl: options.baseUrl.replace(/\/+$/, ''), signal: AbortSignal.timeout(options.timeoutMs), sends: 0, lastStatus: 0 };
  return routes.run(route, () => call(route));
}

// Installed on first use, and again if something (Next.js patches fetch) replaced it since.
function installRouting() {
  const current = globalThis.fetch as RoutedFetch;
  if (current[ROUTED]) return;
  const routed: RoutedFetch = async (input, init) => {
    const route = routes.getStore();
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!route || !url.startsWith(SOLAPI_ORIGIN)) return current(input, init);
    if (init?.method === 'POST') {
      route.sends += 1;
      // The SDK's own retry of a send: refused here; the outbox retries after checking what arrived.
      if (route.sends > 1) throw new Error('second send in one attempt blocked');
    }
    const response = await current(route.baseUrl + url.slice(SOLAPI_ORIGIN.length), { ...init, signal: route.signal });
    route.lastStatus = response.status;
    return response;
  };
  routed[ROUTED] = true;
  globalThis.fetch = routed;
}
