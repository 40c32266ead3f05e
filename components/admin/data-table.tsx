import type { ReactNode } from 'react';

export type Column<Row> = {
  header: string;
  cell: (row: Row) => ReactNode;
  /** Class of the cell (e.g. `nowrap`, or `outcome-failure` for a failed row). */
  className?: (row: Row) => string | undefined;
  /** The cell's tooltip (e.g. a user agent in full beside its short form). */
  title?: (row: Row) => string | undefined;
};

/** An admin list: its empty message when there are no rows, else a table with one header per column. */
export function DataTable<Row>({
  rows,
  rowKey,
  columns,
  empty,
  label,
}: {
  rows: Row[];
  rowKey: (row: Row) => string | number;
  columns: Column<Row>[];
  empty: string;
  label?: string;
}) {
  if (rows.length === 0) return <p>{empty}</p>;
  return (
    <table aria-label={label}>
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
            {columns.map((column) => (
              <td key={column.header} className={column.className?.(row)} title={column.title?.(row)}>
                {column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export const nowrap = () => 'nowrap';
