import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { type KeysetCursor, encodeCursor } from '@/lib/admin/keyset-cursor';
import { filterQuery } from '@/lib/admin/login-filters';

/**
 * Newest / Newer / Older links of a keyset-paged admin list. `keep` is the filter in the URL, carried
 * by every link; `paged` says whether this page is away from the newest one.
 */
export async function KeysetPager(props: {
  path: string;
  keep: Record<string, string | undefined>;
  newer: KeysetCursor | null;
  older: KeysetCursor | null;
  paged: boolean;
}) {
  const t = await getTranslations('admin.common');
  const href = (cursor?: Record<string, string>) => `${props.path}${filterQuery({ ...props.keep, ...cursor })}`;
  return (
    <nav aria-label={t('pagination')} className="admin-toolbar">
      {props.paged ? (
        <Link href={href()} prefetch={false}>
          {t('newest')}
        </Link>
      ) : null}
      {props.newer ? (
        <Link href={href({ after: encodeCursor(props.newer) })} prefetch={false} rel="prev">
          {t('newer')}
        </Link>
      ) : null}
      {props.older ? (
        <Link href={href({ before: encodeCursor(props.older) })} prefetch={false} rel="next">
          {t('older')}
        </Link>
      ) : null}
    </nav>
  );
}
