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
    // Pages, route handlers and components go through lib/: UI never queries the database itself.
    // The schema module is allowed for its types and enums; the health check is the database.
    files: ['app/**', 'components/**', 'emails/**'],
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
    files: ['db/**', 'tests/**', 'bench/**', 'scripts/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
];

export default config;
