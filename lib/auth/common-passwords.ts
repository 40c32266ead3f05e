import { readFileSync } from 'node:fs';
import path from 'node:path';

// The list ships beside this file (see scripts/generate-common-passwords.mjs for its origin).
// Read from the project root so it works the same under `next start`, tsx and vitest;
// next.config.ts traces it into serverless bundles.
const LIST_PATH = path.join(process.cwd(), 'lib', 'auth', 'common-passwords.txt');

let commonPasswords: Set<string> | undefined;

function loadCommonPasswords(): Set<string> {
  const lines = readFileSync(LIST_PATH, 'utf8').split('\n');
  return new Set(lines.map((line) => line.trim()).filter((line) => line && !line.startsWith('#')));
}

/** Whether a password is on the shipped list of common passwords (case-insensitive). Loads the list once. */
export function isCommonPassword(password: string): boolean {
  commonPasswords ??= loadCommonPasswords();
  return commonPasswords.has(password.trim().toLowerCase());
}
