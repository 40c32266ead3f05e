// A stand-in OpenID Connect provider on 127.0.0.1 for the social sign-in tests, built on
// oauth2-mock-server. Its /authorize shows a small "sign in as" page, like a real provider's consent
// screen: the test (in the browser) types the subject and claims and presses Continue or Deny.
// Claims travel with the authorization code, so tests running in parallel never see each other's.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OAuth2Issuer, OAuth2Service } from 'oauth2-mock-server';

export type MockOidcProvider = { issuer: string; clientId: string; clientSecret: string; close: () => Promise<void> };

type Claims = { sub: string; email?: string; email_verified: boolean; name?: string };

const CLAIM_FIELDS = ['sub', 'email', 'email_verified', 'name'] as const;

function claimsFrom(query: Record<string, unknown>): Claims {
  const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  return {
    sub: text(query.sub) ?? 'mock-subject',
    email: text(query.email),
    email_verified: query.email_verified === 'true',
    name: text(query.name),
  };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function consentPage(params: URLSearchParams): string {
  const hidden = [...params]
    .filter(([key]) => !(CLAIM_FIELDS as readonly string[]).includes(key))
    .map(([key, value]) => `<input type="hidden" name="${escapeHtml(key)}" value="${escapeHtml(value)}">`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mock identity provider</title></head><body>
<h1>Mock identity provider</h1>
<form method="get" action="/authorize">
${hidden}
<p><label for="sub">Subject</label> <input id="sub" name="sub" required></p>
<p><label for="email">Email</label> <input id="email" name="email" type="email"></p>
<p><input id="email_verified" name="email_verified" type="checkbox" value="true" checked> <label for="email_verified">Email verified</label></p>
<p><label for="name">Name</label> <input id="name" name="name"></p>
<button type="submit" name="decision" value="allow">Continue</button>
<button type="submit" name="decision" value="deny" formnovalidate>Deny</button>
</form></body></html>`;
}

export async function startMockOidcProvider(): Promise<MockOidcProvider> {
  const issuer = new OAuth2Issuer();
  await issuer.keys.generate('RS256');
  const service = new OAuth2Service(issuer);
  const claimsByCode = new Map<string, Claims>();

  service.on('beforeAuthorizeRedirect', ({ url }: { url: URL }, req: IncomingMessage & { query: Record<string, unknown> }) => {
    const code = url.searchParams.get('code');
    if (code) claimsByCode.set(code, claimsFrom(req.query));
  });
  service.on('beforeTokenSigning', (token: { payload: Record<string, unknown> }, req: IncomingMessage & { body?: { code?: string } }) => {
    const claims = req.body?.code ? claimsByCode.get(req.body.code) : undefined;
    if (!claims) return;
    Object.assign(token.payload, claims);
    if (!claims.email) delete token.payload.email;
  });

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/authorize') {
      const decision = url.searchParams.get('decision');
      if (!decision) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(consentPage(url.searchParams));
        return;
      }
      if (decision === 'deny') {
        // What a provider does when the person refuses consent (RFC 6749 §4.1.2.1).
        const back = new URL(url.searchParams.get('redirect_uri') ?? '');
        back.searchParams.set('error', 'access_denied');
        back.searchParams.set('error_description', 'The user denied the request');
        const state = url.searchParams.get('state');
        if (state) back.searchParams.set('state', state);
        res.writeHead(302, { location: back.toString() });
        res.end();
        return;
      }
    }
    service.requestHandler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  issuer.url = `http://127.0.0.1:${port}`;
  return {
    issuer: issuer.url,
    clientId: 'lifecycle-e2e',
    clientSecret: 'lifecycle-e2e-secret',
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
