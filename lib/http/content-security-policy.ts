// The Content-Security-Policy of every response. It is set at request time (proxy.ts), not in
// next.config.ts, whose headers are fixed at build: form-action must allow the authorization pages
// of the social providers configured where the app runs (a sign-in form posts to us and we answer
// with a redirect there, which Chrome checks against form-action).

export type ContentSecurityPolicyOptions = { production: boolean; formActionOrigins: readonly string[] };

// Scripts stay 'unsafe-inline' because Next inlines its bootstrap; everything else is locked to this origin.
export function buildContentSecurityPolicy({ production, formActionOrigins }: ContentSecurityPolicyOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${production ? '' : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "frame-ancestors 'none'",
    ["form-action 'self'", ...new Set(formActionOrigins)].join(' '),
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}
