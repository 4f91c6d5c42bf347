/**
 * A strict RFC 4180 reader for checking exports: a field is either plain (no quote, comma, CR
 * or LF) or wholly quoted with quotes doubled; records end in CRLF; every record has as many
 * fields as the header. Anything else throws, with the record and field where it went wrong.
 */
export function parseRfc4180(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '');
  const records: string[][] = [];
  let i = 0;
  while (i < src.length) {
    const record: string[] = [];
    for (;;) {
      const where = `record ${records.length + 1}, field ${record.length + 1}`;
      let field = '';
      if (src[i] === '"') {
        i++;
        for (;;) {
          if (i >= src.length) throw new Error(`${where}: unterminated quoted field`);
          if (src[i] === '"' && src[i + 1] === '"') {
            field += '"';
            i += 2;
          } else if (src[i] === '"') {
            i++;
            break;
          } else field += src[i++];
        }
      } else
        while (i < src.length && !/[,\r\n]/.test(src[i])) {
          if (src[i] === '"') throw new Error(`${where}: quote inside a plain field`);
          field += src[i++];
        }
      record.push(field);
      if (src[i] === ',') {
        i++;
        continue;
      }
      if (i >= src.length) break;
      if (src[i] === '\r' && src[i + 1] === '\n') {
        i += 2;
        break;
      }
      throw new Error(`${where}: expected a comma or CRLF, got ${JSON.stringify(src[i])}`);
    }
    if (records.length > 0 && record.length !== records[0].length)
      throw new Error(
        `record ${records.length + 1} has ${record.length} fields, the header ${records[0].length}`,
      );
    records.push(record);
  }
  return records;
}
