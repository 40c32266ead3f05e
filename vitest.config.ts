import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import compileMessage from 'icu-minify/compile';
import { defineConfig, type Plugin } from 'vitest/config';

const root = import.meta.dirname;
const alias = {
  '@': root,
  // `server-only` guards client bundles; tests are plain Node.
  'server-only': path.join(root, 'tests/support/stubs/empty.ts'),
};

// Integration files that measure time or break things on purpose (a 300 ms mail deadline, an
// enumeration timing ratio, rate windows, killed connections and sweeps, a PgBouncer restarted):
// they run one at a time once the others are done, so another file's load cannot fail them.
const SERIAL_INTEGRATION_FILES = ['faults', 'pooler', 'two-step', 'mail-rate-limit', 'retention-kill'].map((name) => `tests/integration/${name}.test.ts`);

const integration = {
  environment: 'node' as const,
  globalSetup: ['tests/integration/global-setup.ts'],
  setupFiles: ['tests/integration/setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 60_000,
};

// The app's build precompiles the catalogues' ICU messages and formats them with next-intl's
// format-only formatter (next.config.ts); tests import the JSON as written. This plugin and alias
// give the mail templates' test the build's version too (unit-precompiled), as next-intl's catalog
// loader does: each messages/*.json string compiled by icu-minify, use-intl's formatter swapped.
const PRECOMPILED = '\0precompiled-messages:';
function precompiledCatalogues(): Plugin {
  type Catalogue = { [key: string]: string | Catalogue };
  const compile = (catalogue: Catalogue): unknown =>
    Object.fromEntries(Object.entries(catalogue).map(([key, value]) => [key, typeof value === 'string' ? compileMessage(value) : compile(value)]));
  return {
    name: 'precompiled-catalogues',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!/(^|\/)messages\/[a-z]+\.json$/.test(source)) return null;
      const file = source.startsWith('@/') ? path.join(root, source.slice(2)) : path.resolve(path.dirname(importer ?? root), source);
      // Not ending in .json, or Vite's JSON plugin would parse the module again.
      return `${PRECOMPILED}${file}.js`;
    },
    load(id) {
      if (!id.startsWith(PRECOMPILED)) return null;
      const compiled = compile(JSON.parse(readFileSync(id.slice(PRECOMPILED.length, -'.js'.length), 'utf8')));
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(compiled))});`;
    },
  };
}
const formatOnly = createRequire(import.meta.url).resolve('use-intl/format-message/format-only');

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'], environment: 'node' },
      },
      {
        plugins: [precompiledCatalogues()],
        resolve: { alias: { ...alias, 'use-intl/format-message': formatOnly } },
        test: {
          name: 'unit-precompiled',
          include: ['tests/unit/mail-templates.test.ts'],
          environment: 'node',
          // Bundled, not loaded by Node, so that use-intl's own import of its formatter takes the alias.
          server: { deps: { inline: ['next-intl', 'use-intl'] } },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/integration/**/*.test.tsx'],
          exclude: SERIAL_INTEGRATION_FILES,
          ...integration,
          // Each worker has a database of its own (tests/integration/global-setup.ts): files run side by side.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration-serial',
          include: SERIAL_INTEGRATION_FILES,
          ...integration,
          // Deadlines, timing comparisons, killed connections and a pooler of their own: alone, after the rest.
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
