// bench/enumeration.ts — does the answer's timing tell whether an address has an account?
// Against `next start` over a fresh local PostgreSQL database: sign-up, login (also of accounts with
// two-step on), resend verification and forgot password, each posted for known and unknown addresses (fresh ones every round,
// interleaved), reporting the two medians; then a wrong password for accounts with two-step on beside
// accounts without, and the ratio. Goal: medians within 10 % of each other. Needs a build.
// Usage: npm run bench:enumeration [-- --rounds 101]
import { startAppServer } from '../tests/support/app-server';
import { compareKnownAndUnknown, compareTimings, ENUMERATION_PROBES, TWO_STEP_LOGIN_PAIR } from '../tests/support/enumeration-probes';
import { startFakeResend } from '../tests/support/fake-resend';
import { freePort } from '../tests/support/ports';
import { argValue, benchAppEnv, freshBenchDatabase, saveResult } from './support';

const rounds = Number(argValue('rounds', '101'));
const GOAL = 0.1;

async function main() {
  const database = await freshBenchDatabase();
  const resend = await startFakeResend();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const app = await startAppServer({
    port,
    // TRUST_PROXY_HOPS=1: each probe comes from its own X-Forwarded-For address, so no IP limit kicks in.
    env: benchAppEnv(port, database.url, { RESEND_API_KEY: 're_bench_fake', RESEND_BASE_URL: resend.url, TRUST_PROXY_HOPS: '1' }),
  });
  // The probes use the e2e fixtures, which find the app and its database through these.
  process.env.E2E_BASE_URL = url;
  process.env.E2E_DATABASE_URL = database.url;
  try {
    const rows = [];
    for (const probe of ENUMERATION_PROBES) {
      const result = await compareKnownAndUnknown(probe, rounds);
      rows.push({ name: probe.name, ...result });
      console.log(
        `${probe.name}: known ${result.knownMedian.toFixed(1)} ms, unknown ${result.unknownMedian.toFixed(1)} ms, difference ${(result.difference * 100).toFixed(1)} % (goal < 10 %); answers: ${result.answers.join(' | ')}`,
      );
    }
    const twoStep = await compareTimings(TWO_STEP_LOGIN_PAIR, rounds);
    console.log(
      `${TWO_STEP_LOGIN_PAIR.name}: with two-step ${twoStep.aMedian.toFixed(1)} ms, without ${twoStep.bMedian.toFixed(1)} ms, ratio ${twoStep.ratio.toFixed(3)}, difference ${(twoStep.difference * 100).toFixed(1)} % (goal < 10 %); answers: ${twoStep.answers.join(' | ')}`,
    );
    const worst = Math.max(twoStep.difference, ...rows.map((row) => row.difference));
    const summary = `worst difference of medians ${(worst * 100).toFixed(1)} % (goal < ${GOAL * 100} %), ${rounds} rounds per form; wrong password with two-step on / off ${twoStep.ratio.toFixed(3)}`;
    console.log(summary);
    saveResult('enumeration', {
      command: 'npm run bench:enumeration',
      summary,
      markdown: [
        '| form | known median ms | unknown median ms | difference | one answer |',
        '| --- | ---: | ---: | ---: | --- |',
        ...rows.map((row) => `| ${row.name} | ${row.knownMedian.toFixed(1)} | ${row.unknownMedian.toFixed(1)} | ${(row.difference * 100).toFixed(1)} % | ${row.answers.length === 1 ? 'yes' : 'NO'} |`),
        '',
        '| wrong password | two-step on median ms | two-step off median ms | on / off | difference | one answer |',
        '| --- | ---: | ---: | ---: | ---: | --- |',
        `| ${TWO_STEP_LOGIN_PAIR.name} | ${twoStep.aMedian.toFixed(1)} | ${twoStep.bMedian.toFixed(1)} | ${twoStep.ratio.toFixed(3)} | ${(twoStep.difference * 100).toFixed(1)} % | ${twoStep.answers.length === 1 ? 'yes' : 'NO'} |`,
      ].join('\n'),
      data: { rounds, rows, twoStep: { name: TWO_STEP_LOGIN_PAIR.name, ...twoStep } },
    });
  } finally {
    await app.stop();
    await resend.close();
    await database.drop();
    process.exit(0);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
