// Postinstall: mends a crash in postgres.js 3.4.x (porsager/postgres#1154, #1208; fixes proposed in
// #1168, #1209, not released). When a connection dies with a write pending, `nextWrite` runs from a
// setImmediate on a socket already set to null and throws outside any query: an uncaught exception
// that takes the whole server down. Seen here when the fault test killed database connections.
//
// The mend, in each build of the driver (src/ for ESM, cjs/src/ for require, cf/src/ for Workers):
// - nextWrite on a closed connection drops the buffered bytes and fails the connection's queries
//   with CONNECTION_CLOSED (a catchable error; the pool opens a new connection), instead of throwing;
// - teardown forgets the cancelled timer and the buffer, so a reconnected socket starts clean.
// - the array-types query a new connection runs first (fetch_types) no longer leaves a dangling
//   promise: when it fails (the connection dies under it, a pooler restarts or times it out) the
//   rejection was unhandled and Node ended the process (porsager/postgres#1192, #1205, #1223, open).
//   The connection's own error handling still fails or retries the queries waiting on it.
// - a query's `onexecute` (how sql.begin reserves its connection) runs whenever the query was
//   written, not only when the connection may take another query behind it: with `max_pipeline: 0`
//   (no pipelining, what a transaction pooler needs: db/connection-options.ts) postgres.js skipped
//   it and then refused its own transaction with UNSAFE_TRANSACTION. With pipelining on, nothing
//   changes: a query with onexecute never let another one behind it anyway.
// Each mend is idempotent. If the driver's code no longer looks as expected (a new version), it says
// so and changes nothing; tests/unit/postgres-driver-patch.test.ts then fails until this is looked at.
// Files are replaced (written beside, then renamed), never rewritten in place: node_modules may be a
// hard-linked copy shared with other checkouts.
import { readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MARK = '/* lifecycle: guarded nextWrite */';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'postgres');

const NEXT_WRITE = `  function nextWrite(fn) {
    const x = socket.write(chunk, fn)`;
const GUARDED_NEXT_WRITE = `  function nextWrite(fn) {
    ${MARK}
    if (socket === null) {
      nextWriteTimer !== null && clearImmediate(nextWriteTimer)
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options))
      return false
    }
    const x = socket.write(chunk, fn)`;
const TEARDOWN = `    clearImmediate(nextWriteTimer)\n`;
const CLEAN_TEARDOWN = `    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n`;

const TYPES_MARK = '/* lifecycle: fetch_types failure handled */';
const FETCH_TYPES = `        return fetchArrayTypes()\n`;
const HANDLED_FETCH_TYPES = `        return fetchArrayTypes().catch(() => {}) ${TYPES_MARK}\n`;

const ONEXECUTE_MARK = '/* lifecycle: onexecute whatever the pipeline */';
const EXECUTE_RETURN = `      return write(toBuffer(q))
        && !q.describeFirst
        && !q.cursorFn
        && sent.length < max_pipeline
        && (!q.options.onexecute || q.options.onexecute(connection))
`;
const EXECUTE_RETURN_ONEXECUTE_ALWAYS = `      const written = write(toBuffer(q)) ${ONEXECUTE_MARK}
      if (q.options.onexecute)
        return q.options.onexecute(connection), false
      return written
        && !q.describeFirst
        && !q.cursorFn
        && sent.length < max_pipeline
`;

const MENDS = [
  {
    mark: MARK,
    applies: (source) => source.includes(NEXT_WRITE) && source.split(TEARDOWN).length === 3,
    apply: (source) => source.replace(NEXT_WRITE, GUARDED_NEXT_WRITE).replaceAll(TEARDOWN, CLEAN_TEARDOWN),
  },
  {
    mark: TYPES_MARK,
    applies: (source) => source.split(FETCH_TYPES).length === 2,
    apply: (source) => source.replace(FETCH_TYPES, HANDLED_FETCH_TYPES),
  },
  {
    mark: ONEXECUTE_MARK,
    applies: (source) => source.split(EXECUTE_RETURN).length === 2,
    apply: (source) => source.replace(EXECUTE_RETURN, EXECUTE_RETURN_ONEXECUTE_ALWAYS),
  },
];

function patchConnectionSource(original) {
  let source = original;
  for (const mend of MENDS) {
    if (source.includes(mend.mark)) continue;
    if (!mend.applies(source)) return { source: original, status: 'unknown' };
    source = mend.apply(source);
  }
  return { source, status: source === original ? 'already' : 'patched' };
}

if (existsSync(root)) {
  const results = {};
  for (const build of ['src', 'cjs/src', 'cf/src']) {
    const file = path.join(root, build, 'connection.js');
    if (!existsSync(file)) continue;
    const { source, status } = patchConnectionSource(readFileSync(file, 'utf8'));
    if (status === 'patched') {
      writeFileSync(`${file}.lifecycle-tmp`, source);
      renameSync(`${file}.lifecycle-tmp`, file);
    }
    results[build] = status;
  }
  const unknown = Object.keys(results).filter((build) => results[build] === 'unknown');
  if (unknown.length) console.warn(`[patch-postgres] postgres.js changed; not patched: ${unknown.join(', ')}`);
  else console.log(`[patch-postgres] ${JSON.stringify(results)}`);
}
