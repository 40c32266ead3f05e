import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeReturnPath } from '@/lib/http/return-path';
import { callbackPathSchema } from '@/lib/validation/fields';

const ORIGIN = 'https://lifecycle.example';

/** Where a browser lands when the path is used as a redirect, and again when that result is used as one (Auth.js re-reads it). */
function landings(path: string): string[] {
  const first = new URL(path, ORIGIN);
  const second = new URL(`${first.pathname}${first.search}${first.hash}`, ORIGIN);
  return [first.origin, second.origin];
}

describe('safeReturnPath', () => {
  it('refuses the reported open redirect, as it arrives from /login?callbackUrl=%2F..%2F%2Fevil.example%2Fsteal', () => {
    const callbackUrl = new URL('/login?callbackUrl=%2F..%2F%2Fevil.example%2Fsteal', ORIGIN).searchParams.get('callbackUrl');
    const checked = callbackPathSchema.parse(callbackUrl);
    // Either refused or normalised to a path on this site; never a path a browser reads as another host.
    if (checked !== undefined) expect(landings(checked)).toEqual([ORIGIN, ORIGIN]);
    expect(checked === undefined || !checked.startsWith('//')).toBe(true);
    expect(checked).not.toContain('//');
  });

  it.each([
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/%2F%2Fevil.example',
    '/%5C%5Cevil.example',
    '/%2e%2e%2F%2Fevil.example',
    '/%252F%252Fevil.example',
    '/\t/evil.example',
    '/ /evil.example',
    '/\n/evil.example',
    '/\u0000/evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '',
  ])('never lets %j reach another origin', (input) => {
    const checked = safeReturnPath(input);
    if (checked !== undefined) {
      expect(landings(checked)).toEqual([ORIGIN, ORIGIN]);
      expect(checked.startsWith('//')).toBe(false);
    }
  });

  it('keeps ordinary paths with their query', () => {
    expect(safeReturnPath('/account')).toBe('/account');
    expect(safeReturnPath('/account/connections/reauthenticate?provider=oidc&next=%2Faccount%2Fpassword')).toBe(
      '/account/connections/reauthenticate?provider=oidc&next=%2Faccount%2Fpassword',
    );
    expect(safeReturnPath('/admin/logins?email=kim%25*#top')).toBe('/admin/logins?email=kim%25*#top');
    expect(safeReturnPath('/a/./b/../c')).toBe('/a/c');
  });

  it('property: no accepted path lands on another origin, and the check is idempotent', () => {
    const piece = fc.constantFrom('/', '\\', '.', '..', '%2e', '%2E', '%2f', '%2F', '%5c', '%25', '%252f', 'evil.example', '@', ':', '?', '#', '\t', ' ', '\u3000', 'http:', 'a');
    const path = fc.oneof(fc.array(piece, { maxLength: 12 }).map((parts) => parts.join('')), fc.webUrl().map((url) => url.replace(/^https?:/, '')), fc.string({ unit: 'binary', maxLength: 30 }));
    fc.assert(
      fc.property(path, (input) => {
        const checked = safeReturnPath(input);
        if (checked === undefined) return;
        expect(landings(checked)).toEqual([ORIGIN, ORIGIN]);
        expect(checked.startsWith('/')).toBe(true);
        expect(checked.startsWith('//')).toBe(false);
        expect(safeReturnPath(checked)).toBe(checked);
      }),
      { numRuns: 5_000 },
    );
  });
});
