import { describe, expect, it } from 'vitest';
import { isCommonPassword } from '@/lib/auth/common-passwords';
import { passwordIsNotEmail, passwordSchema } from '@/lib/validation/fields';

function errorsOf(password: unknown): string[] {
  const parsed = passwordSchema.safeParse(password);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
}

describe('password policy', () => {
  it('accepts 8 to 128 characters that are not common', () => {
    expect(errorsOf('correct horse battery staple')).toEqual([]);
    expect(errorsOf('Zk4!pq9w')).toEqual([]);
    expect(errorsOf('x'.repeat(127) + 'y')).toEqual([]);
  });

  it('refuses fewer than 8 and more than 128 characters', () => {
    expect(errorsOf('Zk4!pq9')).toEqual(['validation.passwordTooShort']);
    expect(errorsOf('x'.repeat(128) + 'y')).toEqual(['validation.passwordTooLong']);
    expect(errorsOf('')).toContain('validation.required');
    expect(errorsOf(null)).toEqual(['validation.required']);
  });

  it('refuses common passwords, whatever their case', () => {
    for (const password of ['password', 'Password1', 'QWERTY123', '12345678', 'iloveyou', '1q2w3e4r', 'letmein123', 'Jennifer1990']) {
      expect(errorsOf(password), password).toEqual(['validation.passwordCommon']);
    }
  });

  it('ships a list of at least 10,000 common passwords', async () => {
    const { readFileSync } = await import('node:fs');
    const entries = readFileSync('lib/auth/common-passwords.txt', 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'));
    expect(entries.length).toBeGreaterThanOrEqual(10_000);
    expect(entries.every((entry) => entry === entry.toLowerCase())).toBe(true);
    expect(isCommonPassword('123456789')).toBe(true);
    expect(isCommonPassword('tangerine-oxbow-47')).toBe(false);
  });

  it('refuses the email address itself, ignoring case and spaces', () => {
    expect(passwordIsNotEmail('Someone@Example.com ', 'someone@example.com')).toBe(false);
    expect(passwordIsNotEmail('someone@example.com1', 'someone@example.com')).toBe(true);
    expect(passwordIsNotEmail('anything at all', null)).toBe(true);
  });
});
