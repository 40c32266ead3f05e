// A PgBouncer in transaction mode in front of a local PostgreSQL, for tests and benchmarks that need
// a pooler of their own (to restart it, or to compare with the direct connection). Debian's package
// (`apt-get install pgbouncer`, 1.18) is enough; PGBOUNCER_PATH points at another binary.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './ports';

export type PgBouncer = {
  port: number;
  /** `upstreamUrl` with its host and port replaced by the pooler's. */
  url: string;
  /** Stops it at once (SIGTERM: every client and server connection drops) and starts it again on the same port. */
  restart: () => Promise<void>;
  stop: () => Promise<void>;
};

/** The pgbouncer binary, or undefined when none is installed. */
export function findPgBouncer(): string | undefined {
  const candidates = [process.env.PGBOUNCER_PATH, '/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].filter(Boolean) as string[];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found) return found;
  const which = spawnSync('sh', ['-c', 'command -v pgbouncer'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() || undefined : undefined;
}

/** Starts PgBouncer (transaction mode, trust auth) in front of the server in `upstreamUrl`. */
export async function startPgBouncer(upstreamUrl: string, options: { binary?: string; poolSize?: number } = {}): Promise<PgBouncer> {
  const binary = options.binary ?? findPgBouncer();
  if (!binary) throw new Error('pgbouncer is not installed (apt-get install pgbouncer, or set PGBOUNCER_PATH)');
  const upstream = new URL(upstreamUrl);
  const port = await freePort();
  // PgBouncer refuses to run as root; then it drops to the postgres user, which must read and write here.
  const dir = mkdtempSync(path.join(tmpdir(), 'lifecycle-pgbouncer-'));
  chmodSync(dir, 0o777);
  const user = decodeURIComponent(upstream.username || 'postgres');
  writeFileSync(path.join(dir, 'userlist.txt'), `"${user}" ""\n`, { mode: 0o644 });
  writeFileSync(
    path.join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${upstream.hostname} port=${upstream.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${path.join(dir, 'userlist.txt')}`,
      'pool_mode = transaction',
      'max_client_conn = 500',
      `default_pool_size = ${options.poolSize ?? 20}`,
      'ignore_startup_parameters = extra_float_digits',
      '',
    ].join('\n'),
    { mode: 0o644 },
  );
  const args = [...(process.getuid?.() === 0 ? ['-u', 'postgres'] : []), path.join(dir, 'pgbouncer.ini')];
  let child: ChildProcess;
  let log = '';
  const start = async () => {
    child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => (log += chunk));
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk));
    await waitForPort(port, child, () => log);
  };
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  await start();
  const url = Object.assign(new URL(upstreamUrl), { hostname: '127.0.0.1', port: String(port) }).toString();
  return {
    port,
    url,
    restart: async () => {
      await kill();
      await start();
    },
    stop: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited with code ${child.exitCode}: ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`pgbouncer did not listen on ${port} within 10 s: ${log()}`);
}
