import type { CSSProperties, ReactNode } from 'react';

export type Column<Row> = {
  header: string;
  cell: (row: Row) => ReactNode;
  /** Class of the cell (e.g. `nowrap`, or `outcome-failure` for a failed row). */
  className?: (row: Row) => string | undefined;
  /** The cell's tooltip (e.g. a user agent in full beside its short form). */
  title?: (row: Row) => string | undefined;
  /** The cell names its row (`<th scope="row">`), as a status does beside its count. */
  rowHeader?: boolean;
};

/**
 * A list as a table: its empty message when there are no rows, else a table with one header per
 * column. The admin console's lists, an account's devices and its sign-in activity.
 */
export function DataTable<Row>({
  rows,
  rowKey,
  columns,
  empty,
  emptyClassName,
  label,
  style,
}: {
  rows: Row[];
  rowKey: (row: Row) => string | number;
  columns: Column<Row>[];
  empty: string;
  /** Class of the empty message (`muted` where the list is one part of a page). */
  emptyClassName?: string;
  label?: string;
  style?: CSSProperties;
}) {
  if (rows.length === 0) return <p className={emptyClassName}>{empty}</p>;
  return (
    <table aria-label={label} style={style}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.header} scope="col">
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((column) => {
              const Cell = column.rowHeader ? 'th' : 'td';
              return (
                <Cell key={column.header} {...setAttributes({ scope: column.rowHeader ? 'row' : undefined, className: column.className?.(row), title: column.title?.(row) })}>
                  {column.cell(row)}
                </Cell>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export const nowrap = () => 'nowrap';

/**
 * The attributes that have a value. An undefined prop is left out of the HTML but not out of the
 * RSC payload ("title":"$undefined"): 20 KB of a page of the login log's 68 KB, three per cell.
 */
function setAttributes(attributes: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(attributes).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
