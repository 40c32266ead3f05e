import { afterEach, describe, expect, it, vi } from 'vitest';

const settings = vi.hoisted(() => ({ APP_URL: 'http://localhost:3000' }));
vi.mock('@/lib/config', () => ({ config: settings }));

const { cookieOptions } = await import('@/lib/http/cookie-options');

describe('cookieOptions', () => {
  afterEach(() => {
    settings.APP_URL = 'http://localhost:3000';
  });

  it('is httpOnly and SameSite=Lax, with the path and age asked for', () => {
    expect(cookieOptions('/login/two-step', 300)).toEqual({ httpOnly: true, sameSite: 'lax', secure: false, path: '/login/two-step', maxAge: 300 });
  });

  it('is Secure exactly when the app is served over https', () => {
    settings.APP_URL = 'https://accounts.example.com';
    expect(cookieOptions('/', 0).secure).toBe(true);
    settings.APP_URL = 'http://accounts.example.com';
    expect(cookieOptions('/', 0).secure).toBe(false);
  });
});
