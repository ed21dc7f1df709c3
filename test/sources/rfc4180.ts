// Reference readers for CSV tests, written independently of the SDK's reader.

/** An RFC 4180 reader: rows of unquoted fields (a quote opens a field only at its start). */
export function rfc4180(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The records of CSV text: its lines, a line joined to the next while its quotes are unbalanced. */
export function csvRecords(text: string): string[] {
  const out: string[] = [];
  let cur: string | undefined;
  for (const line of text.split('\n')) {
    cur = cur === undefined ? line : `${cur}\n${line}`;
    if ((cur.split('"').length - 1) % 2 === 0) {
      out.push(cur);
      cur = undefined;
    }
  }
  if (cur !== undefined) out.push(cur);
  return out;
}
