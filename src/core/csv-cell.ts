/**
 * One text cell of a CSV row, safe to open in a spreadsheet: text that a spreadsheet would
 * take for a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) gets a leading
 * `'`, and a cell holding a comma, a double quote or a line break, or starting or ending with
 * a space, is quoted as RFC 4180 says (inner quotes doubled), so readers that trim unquoted
 * cells keep its spaces. Other text is written as it is. For text cells only: numbers are
 * written as numbers.
 *
 * @param text - the cell's text
 * @returns the cell as it goes between the commas of a row
 */
export function csvCell(text: string): string {
  const t = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]|^\s|\s$/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}
