// scripts/patch-postgres.mjs mends postgres.js at `npm install` (postinstall): without it a database
// connection dying at the wrong moment throws from a timer, or a new connection's first query fails
// unhandled, and either takes the server process down (tests/integration/faults.test.ts shows both
// on a real server). This fails fast when a mend is missing, e.g. after an upgrade of the driver
// changed the code the script looks for.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('postgres.js as installed', () => {
  it.each(['src', 'cjs/src', 'cf/src'])('%s/connection.js has the guarded nextWrite', (build) => {
    const source = readFileSync(path.join(process.cwd(), 'node_modules', 'postgres', build, 'connection.js'), 'utf8');
    expect(source).toContain('/* lifecycle: guarded nextWrite */');
    expect(source.match(/chunk = nextWriteTimer = null/g)).toHaveLength(4);
  });

  it.each(['src', 'cjs/src', 'cf/src'])('%s/connection.js handles a failed array-types query at connect', (build) => {
    const source = readFileSync(path.join(process.cwd(), 'node_modules', 'postgres', build, 'connection.js'), 'utf8');
    expect(source).toContain('return fetchArrayTypes().catch(() => {}) /* lifecycle: fetch_types failure handled */');
  });

  it.each(['src', 'cjs/src', 'cf/src'])('%s/connection.js reserves a transaction\'s connection without pipelining', (build) => {
    const source = readFileSync(path.join(process.cwd(), 'node_modules', 'postgres', build, 'connection.js'), 'utf8');
    expect(source).toContain('/* lifecycle: onexecute whatever the pipeline */');
    expect(source).not.toContain('&& (!q.options.onexecute || q.options.onexecute(connection))');
  });
});
