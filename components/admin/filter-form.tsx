import Link from 'next/link';
import type { ReactNode } from 'react';

/**
 * The filters of an admin list: a GET form, so a filtered view is a link an admin can share, with
 * Apply and a link back to the unfiltered list. Its fields are Field and SelectField.
 */
export function FilterForm({ path, labels, children }: { path: string; labels: { form: string; apply: string; clear: string }; children: ReactNode }) {
  return (
    <form method="get" action={path} className="admin-filters" aria-label={labels.form}>
      {children}
      <button type="submit">{labels.apply}</button>
      <Link href={path} prefetch={false}>
        {labels.clear}
      </Link>
    </form>
  );
}
