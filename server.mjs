// The production entry (`npm start`): Next's request handler behind a plain Node HTTP server, so
// that what the app believes about the client comes from what this deployment can vouch for.
// - TRUST_PROXY_HOPS=0 (the default: `next start` facing the network): every forwarding header a
//   client sent is dropped and X-Forwarded-For is set to the socket's address. Next itself keeps a
//   client's X-Forwarded-For, so any client could choose its IP.
// - TRUST_PROXY_HOPS=N (behind N reverse proxies): the proxies' headers pass; lib/http/client-info.ts
//   takes the client N entries from the right. A request without the header gets the socket's.
// - TRACE, TRACK and CONNECT are answered 405 here: Next cannot build a request for them and
//   answers 500.
// - A prerendered page (the public pages, app/[locale]) comes with Next's shared-cache header
//   (s-maxage). Its content depends on the locale cookie or Accept-Language at one URL (proxy.ts), so
//   no shared cache may keep it: it goes out as `private, no-cache` with `Vary: Cookie, Accept-Language`.
// Listens on PORT (default 3000) and HOST (default: every interface), as `next start` does.
import { createServer } from 'node:http';

// As `next start` does: production unless told otherwise, before Next's modules load.
process.env.NODE_ENV ??= 'production';
const { default: next } = await import('next');

const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-port', 'x-forwarded-proto', 'x-real-ip'];
const REFUSED_METHODS = new Set(['TRACE', 'TRACK', 'CONNECT']);

const port = Number(process.env.PORT) || 3000;
const host = process.env.HOST || undefined;
const hops = Number(process.env.TRUST_PROXY_HOPS) || 0;

// lib/startup.ts refuses a production start that reads IPs from the socket without this entry.
process.env.LIFECYCLE_SERVER_ENTRY = 'server.mjs';

// Next builds the URL of a proxy.ts rewrite from this name; a loopback address there made every
// rewritten request fail (500), so loopback listeners are named localhost.
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|\[::1\]|localhost)$/;
const app = next({ dev: false, hostname: !host || LOOPBACK.test(host) ? 'localhost' : host, port });
const handle = app.getRequestHandler();
await app.prepare();

createServer((request, response) => {
  if (REFUSED_METHODS.has(request.method ?? '')) {
    response.writeHead(405, { allow: 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS', 'content-type': 'text/plain' });
    response.end('Method not allowed');
    return;
  }
  const socketAddress = request.socket.remoteAddress ?? '';
  if (hops === 0) {
    for (const name of FORWARDING_HEADERS) delete request.headers[name];
    request.headers['x-forwarded-for'] = socketAddress;
  } else if (!String(request.headers['x-forwarded-for'] ?? '').trim()) {
    request.headers['x-forwarded-for'] = socketAddress;
  }
  keepPrerenderedPagesPrivate(response);
  handle(request, response);
}).listen(port, host, () => {
  console.log(`▲ Lifecycle on http://${host ?? 'localhost'}:${port} (client IP: ${hops === 0 ? 'socket address' : `${hops} trusted proxy hop${hops === 1 ? '' : 's'}`})`);
});

/** Rewrites Next's shared-cache header of a prerendered page just before the headers go out. */
function keepPrerenderedPagesPrivate(response) {
  const writeHead = response.writeHead;
  response.writeHead = function (...args) {
    if (/s-maxage/.test(String(response.getHeader('cache-control') ?? ''))) {
      response.setHeader('cache-control', 'private, no-cache');
      const vary = String(response.getHeader('vary') ?? '');
      response.setHeader('vary', vary ? `${vary}, Cookie, Accept-Language` : 'Cookie, Accept-Language');
    }
    return writeHead.apply(this, args);
  };
}
