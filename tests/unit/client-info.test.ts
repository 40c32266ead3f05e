import { describe, expect, it } from 'vitest';
import { clientInfoFrom } from '@/lib/http/client-info';

const ipOf = (headers: Record<string, string>, trust: { hops: number; vercel?: boolean }) =>
  clientInfoFrom(new Headers(headers), { hops: trust.hops, vercel: trust.vercel ?? false }).ip;

describe('the client IP', () => {
  it('behind one proxy is the entry that proxy appended, whatever the client put before it (an extra hop)', () => {
    expect(ipOf({ 'x-forwarded-for': '203.0.113.66, 198.51.100.7' }, { hops: 1 })).toBe('198.51.100.7');
    expect(ipOf({ 'x-forwarded-for': '198.51.100.7' }, { hops: 1 })).toBe('198.51.100.7');
  });

  it('behind two proxies is the second entry from the right', () => {
    expect(ipOf({ 'x-forwarded-for': 'spoofed, 198.51.100.7, 10.0.0.2' }, { hops: 2 })).toBe('198.51.100.7');
    // A request that reached the inner proxy directly: the leftmost entry was still written by it.
    expect(ipOf({ 'x-forwarded-for': '198.51.100.7' }, { hops: 2 })).toBe('198.51.100.7');
  });

  it('with no proxy is the socket address server.mjs wrote, the only (last) entry', () => {
    expect(ipOf({ 'x-forwarded-for': '127.0.0.1' }, { hops: 0 })).toBe('127.0.0.1');
    expect(ipOf({ 'x-forwarded-for': '::ffff:192.0.2.4' }, { hops: 0 })).toBe('192.0.2.4');
  });

  it('on Vercel comes from x-vercel-forwarded-for, not from an X-Forwarded-For a proxy on top may rewrite', () => {
    expect(ipOf({ 'x-vercel-forwarded-for': '198.51.100.8', 'x-forwarded-for': '203.0.113.66' }, { hops: 0, vercel: true })).toBe('198.51.100.8');
    expect(ipOf({ 'x-real-ip': '198.51.100.9', 'x-forwarded-for': '203.0.113.66' }, { hops: 0, vercel: true })).toBe('198.51.100.9');
  });

  it('is unknown (null) for an empty header, never a value the client chose', () => {
    expect(ipOf({ 'x-forwarded-for': '' }, { hops: 1 })).toBeNull();
    expect(ipOf({ 'x-forwarded-for': ' , ' }, { hops: 1 })).toBeNull();
    expect(ipOf({ 'x-real-ip': '203.0.113.66' }, { hops: 1 })).toBeNull();
  });
});
