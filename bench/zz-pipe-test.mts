import postgres from 'postgres';
import { startPgBouncer } from '../tests/support/pgbouncer';
const bouncer = await startPgBouncer('postgres://postgres@127.0.0.1:5432/test');
const direct = postgres('postgres://postgres@127.0.0.1:5432/test', { onnotice: () => {} });
await direct`create table if not exists zz_pipe (id serial primary key, v int)`;
const which = process.argv[2];
for (const [label, url] of [['pooled', bouncer.url], ['direct', 'postgres://postgres@127.0.0.1:5432/test']] as const) {
  if (which && which !== label) continue;
  const sql = postgres(url, { max: 10, prepare: false, max_pipeline: Number(process.env.MP ?? 100), onnotice: () => {} } as any);
  const request = async (i: number) => {
    await Promise.all([sql`select count(*) from zz_pipe where v > ${i}`, sql`select ${i}::int`, sql`select now()`, sql`select generate_series(1, 50)`]);
    await sql.begin(async (tx) => { await tx`insert into zz_pipe (v) values (${i})`; await tx`select count(*) from zz_pipe`; });
    return 'ok';
  };
  let ok = 0, hung = 0; const errors: string[] = [];
  const deadline = Date.now() + 4000;
  await Promise.all(Array.from({ length: 20 }, async (_, c) => {
    while (Date.now() < deadline) {
      const r = await Promise.race([request(c).catch((e) => { errors.push(String(e.code ?? e.message)); return 'err'; }), new Promise((r) => setTimeout(() => r('hung'), 3000))]);
      if (r === 'ok') ok++; else if (r === 'hung') { hung++; return; }
    }
  }));
  console.log(label, ok, 'ok', hung, 'hung clients', errors.length, 'errors', [...new Set(errors)]);
  sql.end({ timeout: 1 }).catch(() => {});
}
await direct`drop table zz_pipe`; await direct.end();
await bouncer.stop();
process.exit(0);
