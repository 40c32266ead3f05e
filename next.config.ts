import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

// The catalogues' ICU messages are compiled at build time (next-intl's catalog loader, for every
// messages/*.json the app imports): neither the server nor the browser parses a message at run time,
// and the browser's bundle has no ICU parser. Code run outside the build (tests, scripts, the email
// preview) reads the JSON as written and formats it with the full parser.
const withNextIntl = createNextIntlPlugin({
  requestConfig: './i18n/request.ts',
  experimental: { messages: { path: './messages', format: 'json', locales: 'infer', precompile: true } },
});
const isProduction = process.env.NODE_ENV === 'production';

// The Content-Security-Policy is set per request by proxy.ts: it depends on the runtime configuration.
const securityHeaders = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  ...(isProduction ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }] : []),
];

const nextConfig: NextConfig = {
  // Lets several builds of one tree live side by side (tests build into their own folder).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Native and WASM packages stay outside the bundle; PGlite must load its own files at runtime.
  serverExternalPackages: ['@electric-sql/pglite', '@electric-sql/pglite-socket', '@node-rs/argon2', 'postgres'],
  // The common-password list is read from disk at runtime (lib/auth/common-passwords.ts).
  outputFileTracingIncludes: { '/**': ['./lib/auth/common-passwords.txt'] },
  poweredByHeader: false,
  // `npm test` type-checks the whole tree (tsc --noEmit, a superset of what the build checks) before
  // it builds, and says so with this variable: the build's own check would only repeat it.
  typescript: { ignoreBuildErrors: process.env.LIFECYCLE_TYPECHECKED === '1' },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      // Not on /verify-email: its token is in the URL, so the route sets no-referrer itself, and a
      // header from here would replace it.
      { source: '/:path((?!verify-email$).*)', headers: [{ key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' }] },
    ];
  },
};

export default withNextIntl(nextConfig);
