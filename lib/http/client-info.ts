import 'server-only';
import { headers } from 'next/headers';
import { config } from '@/lib/config';

export type ClientInfo = { ip: string | null; userAgent: string | null };

export type ProxyTrust = { hops: number; vercel: boolean };

const USER_AGENT_MAX = 512;

/**
 * Who is asking, from what this deployment can vouch for. On Vercel, its own x-vercel-forwarded-for
 * (Vercel overwrites it; a proxy on top may rewrite x-forwarded-for). Elsewhere X-Forwarded-For,
 * counted from the right: each of the TRUST_PROXY_HOPS proxies appends the address it was
 * connected from, so the client is that many entries from the end, and anything left of it is
 * whatever the client chose to send. With no proxy (0), server.mjs has replaced the header with
 * the socket address, the only entry.
 */
export function clientInfoFrom(headerList: Headers, trust: ProxyTrust = { hops: config.TRUST_PROXY_HOPS, vercel: config.VERCEL }): ClientInfo {
  const userAgent = headerList.get('user-agent');
  return { ip: clientIpFrom(headerList, trust), userAgent: userAgent ? userAgent.slice(0, USER_AGENT_MAX) : null };
}

function clientIpFrom(headerList: Headers, trust: ProxyTrust): string | null {
  if (trust.vercel) {
    const ip = hopsOf(headerList.get('x-vercel-forwarded-for'))[0] ?? hopsOf(headerList.get('x-real-ip'))[0];
    return ip ? normaliseIp(ip) : null;
  }
  const forwarded = hopsOf(headerList.get('x-forwarded-for'));
  // Fewer entries than proxies: the request skipped the outer ones; the leftmost was still written by ours.
  const ip = forwarded[Math.max(0, forwarded.length - Math.max(trust.hops, 1))];
  return ip ? normaliseIp(ip) : null;
}

function hopsOf(header: string | null): string[] {
  return (header ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
}

export async function getClientInfo(): Promise<ClientInfo> {
  return clientInfoFrom(await headers());
}

function normaliseIp(ip: string): string {
  const withoutPrefix = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  return withoutPrefix.slice(0, 64);
}
