import 'server-only';
import { after } from 'next/server';
import { drainOutbox } from './drain-outbox';

/**
 * Asks for the outbox to be drained right after the current response is sent.
 * Call it after the transaction that enqueued mail has committed. Outside a request (scripts,
 * tests) there is no "after": it does nothing, and the cron route delivers.
 */
export function deliverSoon(): void {
  try {
    after(async () => {
      try {
        await drainOutbox();
      } catch (error) {
        console.error('[mail] delivery after the response failed; /api/cron/mail will retry:', error);
      }
    });
  } catch {
    // after() throws outside a request scope.
  }
}
