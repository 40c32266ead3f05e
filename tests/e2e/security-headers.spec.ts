import { expect, test } from '@playwright/test';
import { createUser, logIn } from './fixtures/users';

test('pages carry the security headers', async ({ request }) => {
  for (const path of ['/', '/login', '/api/health']) {
    const response = await request.get(path);
    const headers = response.headers();
    expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy'], path).toContain("default-src 'self'");
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    expect(headers['strict-transport-security'], path).toContain('max-age=');
    expect(headers['x-powered-by'], path).toBeUndefined();
  }
});

test('the session cookie is HttpOnly and SameSite=Lax', async ({ page, context }) => {
  const user = await createUser();
  await logIn(page, user);
  const session = (await context.cookies()).find((cookie) => cookie.name.includes('authjs.session-token'));
  expect(session, 'session cookie').toBeDefined();
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe('Lax');
  // Served over plain http in the test, so not Secure here; Auth.js sets Secure (and a __Secure- name) over https.
  expect(session!.secure).toBe(false);
});
