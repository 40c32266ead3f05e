import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// No driver imports outside db/: one way through the code.
const driverImports = [
  { name: 'postgres', message: 'Only db/ talks to the database driver.' },
  { name: '@electric-sql/pglite', message: 'Only db/ talks to the database driver.' },
];

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ['**/.next/**', '.next-*/**', '**/next-env.d.ts', '.data/**', 'node_modules/**', 'db/migrations/**', 'test-results/**', 'playwright-report/**'] },
  {
    rules: { 'no-restricted-imports': ['error', { paths: driverImports }] },
  },
  {
    // Pages, route handlers, components and the proxy go through lib/: UI never queries the
    // database itself. The schema module is allowed for its types and enums; the health check is the database.
    files: ['app/**', 'components/**', 'emails/**', 'proxy.ts'],
    ignores: ['app/api/health/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...driverImports, { name: '@/db', message: 'Pages and components call lib/, which calls db/.' }],
          patterns: [{ regex: '^@/db/(?!schema$)', message: 'Pages and components call lib/, which calls db/.' }],
        },
      ],
    },
  },
  {
    // Every page here is rendered per request: a prefetched link renders its page on the server
    // for a visit that may never come (/account's ten links cost ten renders per view). Mail
    // templates' <Link> is react-email's, not Next's.
    files: ['app/**', 'components/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXOpeningElement[name.name='Link']:not(:has(JSXAttribute[name.name='prefetch']))",
          message: 'Say prefetch={false}: our pages are dynamic, and a prefetch renders one on the server.',
        },
      ],
    },
  },
  {
    // Domain code composes drizzle's typed builder; raw statements live in db/ query modules (README, Architecture).
    files: ['lib/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [...driverImports, { name: '@/db', importNames: ['queryRows'], message: 'Raw statements go into a db/ query module.' }] },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='execute']", message: 'Raw statements go into a db/ query module.' },
      ],
    },
  },
  {
    files: ['db/**', 'tests/**', 'bench/**', 'scripts/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
];

export default config;
