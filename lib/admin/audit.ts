import 'server-only';
import { getDb, type Queryable, type Transaction } from '@/db';
import { insertAdminAudit } from '@/db/admin-audit';
import type { User } from '@/db/schema';
import { getClientInfo } from '@/lib/http/client-info';

type Admin = Pick<User, 'id' | 'email'>;
type AuditInput = { target?: string | null; details?: Record<string, unknown> };

/** Records what an admin looked at or did (admin_audit), with the address they came from. */
export async function recordAdminAction(admin: Admin, action: string, input: AuditInput = {}): Promise<void> {
  await writeEntry(admin, action, input, await requestIp());
}

/**
 * Makes an admin's change and records it in one transaction: no change without its audit entry,
 * and no entry for a change that rolled back. `describe` turns the change's result into the entry.
 */
export async function withAdminAudit<T>(
  admin: Admin,
  action: string,
  change: (tx: Transaction) => Promise<T>,
  describe: (result: T) => AuditInput,
): Promise<T> {
  const ip = await requestIp();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const result = await change(tx);
    await writeEntry(admin, action, describe(result), ip, tx);
    return result;
  });
}

function writeEntry(admin: Admin, action: string, input: AuditInput, ip: string | null, q?: Queryable): Promise<void> {
  return insertAdminAudit({ adminId: admin.id, adminEmail: admin.email, action, target: input.target ?? null, details: input.details ?? null, ip }, q);
}

/** The client's address; none outside a request (scripts, tests). */
function requestIp(): Promise<string | null> {
  return getClientInfo().then(
    (client) => client.ip,
    () => null,
  );
}
