import { describe, expect, it } from 'vitest';
import { freeTextSchema, personNameSchema } from '@/lib/validation/fields';

describe('free-text fields', () => {
  it('accept ordinary names in any script, trimmed', () => {
    expect(personNameSchema.parse('  김민지 ')).toBe('김민지');
    expect(personNameSchema.parse("Zoë O'Brien-Łukasz")).toBe("Zoë O'Brien-Łukasz");
  });

  it('refuse NUL and other control characters with a message, not a database error', () => {
    for (const bad of ['a\u0000b', 'tab\there', 'line\nbreak', 'bell\u0007', 'del\u007f']) {
      const result = personNameSchema.safeParse(bad);
      expect(result.success, JSON.stringify(bad)).toBe(false);
      expect(result.error?.issues[0].message).toBe('validation.invalid');
    }
  });

  it('let free text keep line breaks but not NUL', () => {
    const reason = freeTextSchema(1000);
    expect(reason.parse('first line\nsecond line')).toBe('first line\nsecond line');
    expect(reason.safeParse('a\u0000b').success).toBe(false);
    expect(reason.safeParse('x'.repeat(1001)).error?.issues[0].message).toBe('validation.tooLong');
  });
});
