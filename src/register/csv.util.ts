/**
 * One CSV cell, quoted, and safe to open in a spreadsheet: a cell that starts like a formula (= + - @, tab or
 * carriage return) gets a leading apostrophe, so it is shown as text and never run (OWASP: CSV injection).
 */
export function csvCell(value: unknown): string {
  let text =
    value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvLine(values: unknown[]): string {
  return values.map(csvCell).join(',');
}
