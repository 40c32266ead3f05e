// A TCP proxy that holds every chunk for half a round trip in each direction: the database at
// the other end of a network, as an app on Vercel sees its managed Postgres, instead of loopback.
// Node's timers have millisecond resolution, so the real round trip is measured and reported.
import net from 'node:net';

export type LatencyProxy = { port: number; close: () => Promise<void> };

export async function startLatencyProxy(target: { host: string; port: number }, roundTripMs: number): Promise<LatencyProxy> {
  const oneWay = roundTripMs / 2;
  const sockets = new Set<net.Socket>();
  const delayed = (from: net.Socket, to: net.Socket) => {
    // Chunks keep their order: each waits for its own deadline, and deadlines only grow.
    let last = Promise.resolve();
    from.on('data', (chunk) => {
      const due = Date.now() + oneWay;
      last = last.then(
        () =>
          new Promise<void>((resolve) =>
            setTimeout(() => {
              if (!to.destroyed) to.write(chunk);
              resolve();
            }, Math.max(0, due - Date.now())),
          ),
      );
    });
    from.on('close', () => void last.then(() => to.end()));
    from.on('error', () => to.destroy());
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    sockets.add(client).add(upstream);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
    delayed(client, upstream);
    delayed(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
