// Startup: validate the configuration and open + migrate the database before serving anything.
// A bad setting or an unreachable database prints one line and exits non-zero: nothing half-starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServer } = await import('./lib/startup');
  await startServer();
}
