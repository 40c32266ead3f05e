// A TCP relay between an app and its database that a test can cut: every open connection drops and
// new ones are refused until it is restored, as when the database server stops. The same on a
// Postgres server, behind PgBouncer and on a PGlite socket, because it knows nothing of the protocol.
import net from 'node:net';

export type DatabaseSwitch = {
  port: number;
  /** Drops every connection through the relay and refuses new ones. */
  cut: () => void;
  restore: () => void;
  close: () => Promise<void>;
};

export async function startDatabaseSwitch(target: { host: string; port: number }): Promise<DatabaseSwitch> {
  const sockets = new Set<net.Socket>();
  let open = true;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = net.createServer((client) => {
    track(client);
    if (!open) return void client.destroy();
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const dropAll = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    port,
    cut: () => {
      open = false;
      dropAll();
    },
    restore: () => {
      open = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        dropAll();
        server.close(() => resolve());
      }),
  };
}
