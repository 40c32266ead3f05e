// `npm run admin:create -- --email you@example.com`: creates a verified admin, or promotes an
// existing account to admin. A new admin's password comes from ADMIN_PASSWORD, else from a prompt
// (hidden when stdin is a terminal; the first line of stdin otherwise).
import { createInterface } from 'node:readline/promises';
import { closeDb, ensureDatabase } from '@/db';
import { ADMIN_PASSWORD_MIN_LENGTH, createAdmin, findAccountId } from '@/lib/admin/create-admin';
import { config } from '@/lib/config';
import { describeStartupError } from '@/lib/startup';
import { emailSchema } from '@/lib/validation/fields';

function argument(name: string): string | undefined {
  const args = process.argv.slice(2);
  const index = args.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (index === -1) return undefined;
  return args[index].includes('=') ? args[index].split('=').slice(1).join('=') : args[index + 1];
}

async function readPassword(question: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) return line;
    return '';
  }
  const prompt = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  let muted = false;
  // readline has no hidden mode: silence its echo once the question is written.
  (prompt as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = (text) => {
    if (!muted) process.stdout.write(text);
  };
  const answer = prompt.question(question);
  muted = true;
  const password = await answer;
  prompt.close();
  process.stdout.write('\n');
  return password;
}

const parsedEmail = emailSchema.safeParse(argument('email') ?? '');
if (!parsedEmail.success) {
  console.error('Usage: npm run admin:create -- --email you@example.com   (password from ADMIN_PASSWORD or a prompt)');
  process.exit(2);
}
const email = parsedEmail.data;

try {
  await ensureDatabase();
  const exists = Boolean(await findAccountId(email));
  let password: string | undefined;
  if (!exists) {
    password = process.env.ADMIN_PASSWORD ?? (await readPassword(`Password for ${email} (at least ${ADMIN_PASSWORD_MIN_LENGTH} characters): `));
    if (!process.env.ADMIN_PASSWORD && process.stdin.isTTY && password !== (await readPassword('Repeat the password: '))) {
      console.error('The passwords do not match; nothing was changed.');
      process.exitCode = 1;
    }
  }
  if (!process.exitCode) {
    const outcome = await createAdmin({ email, password, now: new Date() });
    switch (outcome.status) {
      case 'created':
        console.log(`Created the admin ${email}.`);
        break;
      case 'promoted':
        console.log(`${email} is now an admin (password unchanged; their sessions were ended).`);
        break;
      case 'already-admin':
        console.log(`${email} is already an admin; nothing changed.`);
        break;
      case 'weak-password':
        console.error(`The password must have at least ${ADMIN_PASSWORD_MIN_LENGTH} characters, not be a common password nor the address; nothing was changed.`);
        process.exitCode = 1;
    }
    if (!process.exitCode && config.ADMIN_TWO_STEP_REQUIRED) {
      console.log(
        `Two-step verification is required for admins (ADMIN_TWO_STEP_REQUIRED): after logging in, ${email} is sent to /account/security to set up an authenticator app (or a passkey) before any admin page works.`,
      );
    }
  }
} catch (error) {
  console.error(describeStartupError(error));
  process.exitCode = 1;
} finally {
  await closeDb();
}
