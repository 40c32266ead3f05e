// Preloaded into the server by bench/profile-page.ts: a CPU profile of the load window only (the
// first SIGUSR2 starts it, the second writes PROFILE_FILE), so server start and sign-in stay out.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const session = new Session();
session.connect();
let running = false;
process.on('SIGUSR2', () => {
  if (!running) {
    running = true;
    session.post('Profiler.enable', () => session.post('Profiler.start'));
    return;
  }
  running = false;
  session.post('Profiler.stop', (error, result) => {
    writeFileSync(process.env.PROFILE_FILE, error ? '{}' : JSON.stringify(result.profile));
  });
});
