import 'server-only';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Development only: a secret generated on first start and kept under .data/,
 * so `npm run dev` needs no configuration and sessions survive restarts.
 */
export function loadDevSecret(name: string): string {
  const file = path.join(process.cwd(), '.data', name);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    const secret = randomBytes(33).toString('base64url');
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, secret, { flag: 'wx' });
      return secret;
    } catch {
      return readFileSync(file, 'utf8').trim();
    }
  }
}
