/**
 * Characters a spreadsheet may take as the start of a formula: = + - @, and their full-width forms, which some
 * spreadsheets read as the ASCII ones.
 */
const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;
/** What a spreadsheet skips before it looks for a formula: white space and control or format characters. */
const LEADING = /^[\s\p{Cc}\p{Cf}]*/u;
/** Tab, CR and LF split a cell into cells or lines when pasted or re-imported: neutralised wherever they lead. */
const BREAKS = /[\t\r\n]/;

/** True for text a spreadsheet could run as a formula (OWASP: CSV injection). */
export function looksLikeFormula(text: string): boolean {
  const leading = LEADING.exec(text)![0];
  return BREAKS.test(leading) || FORMULA_START.test(text.slice(leading.length));
}

/**
 * One CSV cell, quoted, and safe to open in a spreadsheet: a cell that starts like a formula, after any leading white
 * space or control characters, gets a leading apostrophe, so it is shown as text and never run.
 */
export function csvCell(value: unknown): string {
  let text =
    value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (looksLikeFormula(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvLine(values: unknown[]): string {
  return values.map(csvCell).join(',');
}
