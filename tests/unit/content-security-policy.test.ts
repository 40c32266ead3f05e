import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from '@/lib/http/content-security-policy';

describe('buildContentSecurityPolicy', () => {
  it('lets forms go only to this site and to the configured providers', () => {
    const policy = buildContentSecurityPolicy({ production: true, formActionOrigins: ['https://accounts.google.com', 'https://accounts.google.com'] });
    expect(policy).toContain("form-action 'self' https://accounts.google.com;");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-eval');
    expect(buildContentSecurityPolicy({ production: false, formActionOrigins: [] })).toContain("form-action 'self';");
  });
});
