import { afterEach, describe, expect, it, vi } from 'vitest';

// The real lib/config reads process.env once, at its first use, and keeps it: each case sets
// APP_URL and loads fresh copies of the modules, which then read it.
async function cookieOptionsServedAt(appUrl: string) {
  vi.stubEnv('APP_URL', appUrl);
  vi.resetModules();
  return (await import('@/lib/http/cookie-options')).cookieOptions;
}

describe('cookieOptions', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('is httpOnly and SameSite=Lax, with the path and age asked for', async () => {
    const cookieOptions = await cookieOptionsServedAt('http://localhost:3000');
    expect(cookieOptions('/login/two-step', 300)).toEqual({ httpOnly: true, sameSite: 'lax', secure: false, path: '/login/two-step', maxAge: 300 });
  });

  it('is Secure exactly when the app is served over https', async () => {
    expect((await cookieOptionsServedAt('https://accounts.example.com'))('/', 0).secure).toBe(true);
    expect((await cookieOptionsServedAt('http://accounts.example.com'))('/', 0).secure).toBe(false);
  });
});
