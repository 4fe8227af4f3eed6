/** A cell value as the tables hold it. */
export type CsvValue = string | number | boolean | readonly string[] | null;

// RFC 4180: a field holding a comma, a double quote, CR or LF is enclosed in double quotes and
// its quotes are doubled. Leading and trailing spaces are quoted too, because several readers
// (spreadsheets, some CSV libraries) trim unquoted fields.
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

// A spreadsheet runs a cell that starts with = + - @ (or a tab or CR before them) as a formula:
// a note or a name from another workstation could make a HYPERLINK that sends the row's patient ID
// away when clicked, or run a command (OWASP, "CSV Injection"). Such text starts with an apostrophe,
// which spreadsheets read as "this is text"; numbers are written as numbers (-1.5 stays -1.5).
const STARTS_A_FORMULA = /^[=+\-@\t\r]/;

/** The apostrophe that makes a spreadsheet read a text cell as text, never as a formula. */
export const TEXT_MARK = "'";

/**
 * The text of one cell: empty for null, true/false, numbers in JavaScript's shortest round-trip
 * form (never locale-formatted: "1.5", not "1,5"), lists as a JSON array of strings, text as it is
 * unless it would start a spreadsheet formula (then after TEXT_MARK).
 */
export function csvCellText(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`a table cell cannot hold ${value}`);
    return String(value);
  }
  // A list is JSON so that an item holding "; " or "," stays one item when read back.
  if (typeof value !== 'string') return JSON.stringify(value);
  return STARTS_A_FORMULA.test(value) ? `${TEXT_MARK}${value}` : value;
}

/** One field, quoted when RFC 4180 (or a trimming reader) needs it. */
export function csvField(value: CsvValue): string {
  const cell = csvCellText(value);
  return NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/**
 * A whole CSV document: a header record, then one record per row, CRLF after every record
 * (RFC 4180 2.1-2.3), UTF-8 without a byte order mark.
 * @param columns - column names, in order; each row is read by these names
 */
export function toCsv(columns: readonly string[], rows: readonly Readonly<Record<string, CsvValue>>[]): string {
  const records = [columns.map(csvField).join(',')];
  for (const row of rows) {
    records.push(
      columns
        .map((name) => {
          if (!(name in row)) throw new RangeError(`row has no value for column ${name}`);
          return csvField(row[name] as CsvValue);
        })
        .join(','),
    );
  }
  return `${records.join('\r\n')}\r\n`;
}
