// Runs the built app as production runs it (`npm start`: server.mjs) for end-to-end tests and
// benchmarks; another app's folder under its own server.mjs (another built checkout, for
// bench:load --compare-with), or else under plain `next start` (bench/next-floor).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export type AppServer = { url: string; process: ChildProcess; stop: () => Promise<void> };

/** Starts the app on 127.0.0.1:port with the given environment and waits for /api/health. */
export async function startAppServer(options: {
  port: number;
  env: Record<string, string>;
  log?: boolean;
  /** Sees everything the server prints (stdout and stderr), from its first line. */
  onOutput?: (text: string) => void;
  nodeArgs?: string[];
  /** Another app's folder (bench/next-floor, another built checkout); the repository's app by default. */
  dir?: string;
}): Promise<AppServer> {
  const nextBin = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');
  // Another checkout of this repository (bench:load --compare-with) runs its own server.mjs.
  const serverEntry = path.resolve(options.dir ?? '.', 'server.mjs');
  const entry = existsSync(serverEntry) ? [serverEntry] : [nextBin, 'start', '-H', '127.0.0.1', '-p', String(options.port)];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...entry], {
    env: { ...process.env, DATABASE_URL: '', DATABASE_URL_UNPOOLED: '', ...options.env, PORT: String(options.port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Next finds an app's special files (instrumentation, proxy) from the working directory.
    cwd: options.dir ? path.resolve(options.dir) : undefined,
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    options.onOutput?.(String(chunk));
    if (options.log) process.stdout.write(`[app] ${chunk}`);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    options.onOutput?.(String(chunk));
    process.stderr.write(`[app] ${chunk}`);
  });
  const url = `http://127.0.0.1:${options.port}`;
  const server: AppServer = { url, process: child, stop: () => stopProcess(child) };
  try {
    await waitForHealth(`${url}/api/health`, child);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

async function waitForHealth(url: string, child: ChildProcess) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode}; run \`npm run build\` first`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The app did not become healthy at ${url} within 60 s`);
}
