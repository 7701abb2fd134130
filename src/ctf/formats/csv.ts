// Numeric CSV: a matrix as comma-separated values, one row per line, with an optional header line
// (spec ctf.md §1.8 for the Kaggle submission built on it). Syntax: RFC 4180 (fields separated by
// commas, optionally double-quoted with "" for a quote, records ended by LF or CRLF), plus the
// pandas.read_csv conventions used by the reference: blank lines are skipped, a UTF-8 byte-order
// mark is dropped, cells may have surrounding spaces. A cell is a decimal number (`-1.5`, `2e-3`,
// `.5`) or one of the IEEE spellings numpy and pandas write (`nan`, `NaN`, `inf`, `-inf`,
// `Infinity`); non-finite values are kept (scoring decides what they are worth). A missing or
// non-numeric cell, or a row with the wrong number of cells, is an AnsatzError naming the file, the
// row and the column. Numbers are written with the shortest representation that reads back to the
// same float64 (ECMAScript Number::toString, and `-0` for negative zero), so write → read is bit-identical.
import { AnsatzError } from "../../core/errors.ts";
import { Mat } from "../../core/matrix.ts";
import { writeFileAtomic } from "./atomic-write.ts";
import { readFileBytes } from "./read-file.ts";

/** One CSV record: its cells (unquoted) and the 1-based file line it starts on. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** A numeric table: the header's column names (null if the file has none) and the values. */
export interface CsvTable {
  columns: string[] | null;
  mat: Mat;
}

export interface CsvReadOptions {
  /** Whether the first line is a header: true, false, or "auto" (default): a header if any cell is not a number. */
  header?: boolean | "auto";
}

export interface CsvWriteOptions {
  /** Column names for a header line; none by default. */
  columns?: readonly string[];
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Splits one record's text into cells, honouring RFC 4180 quotes. */
function splitRecord(text: string, where: string, line: number): string[] {
  if (!text.includes('"')) return text.split(",");
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    let cell = "";
    // leading spaces before an opening quote are allowed (pandas skipinitialspace-like leniency)
    let j = i;
    while (text[j] === " ") j++;
    if (text[j] === '"') {
      j++;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          throw AnsatzError.expected(
            "bad-file",
            `${where}: line ${line}`,
            "a closing quote",
            "end of record",
          );
        }
        cell += text.slice(j, q);
        if (text[q + 1] === '"') {
          cell += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      while (text[j] === " ") j++;
      if (j < text.length && text[j] !== ",") {
        throw AnsatzError.expected(
          "bad-file",
          `${where}: line ${line}`,
          "a comma after a quoted cell",
          `'${text[j]}'`,
        );
      }
    } else {
      const c = text.indexOf(",", i);
      const stop = c < 0 ? text.length : c;
      cell = text.slice(i, stop);
      j = stop;
    }
    cells.push(cell);
    if (j >= text.length) return cells;
    i = j + 1; // past the comma
    if (i === text.length) {
      cells.push("");
      return cells;
    }
  }
}

/**
 * The records of CSV bytes in order, blank lines skipped, BOM dropped; `where` (the file name) is
 * named in errors. Works on bytes so files larger than the longest JS string can be read.
 */
export function* csvRecords(bytes: Uint8Array, where: string): Generator<CsvRecord> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let line = 1;
  // position of the next quote at or after pos (searched again only once pos has passed it, so a
  // file without quotes costs one scan, not one per record)
  let q = buf.indexOf(QUOTE, pos);
  while (pos < buf.length) {
    const startLine = line;
    let nl = buf.indexOf(LF, pos);
    let end = nl < 0 ? buf.length : nl;
    if (q >= 0 && q < pos) q = buf.indexOf(QUOTE, pos);
    if (q >= 0 && q < end) {
      // a quoted record: find the newline outside quotes
      let inQuotes = false;
      let k = pos;
      for (; k < buf.length; k++) {
        const b = buf[k]!;
        if (b === QUOTE) inQuotes = !inQuotes;
        else if (b === LF) {
          if (!inQuotes) break;
          line++;
        }
      }
      nl = k < buf.length ? k : -1;
      end = k;
    }
    let stop = end;
    if (stop > pos && buf[stop - 1] === CR) stop--;
    const next = nl < 0 ? buf.length : nl + 1;
    if (stop > pos)
      yield { line: startLine, cells: splitRecord(buf.toString("utf8", pos, stop), where, startLine) };
    pos = next;
    line++;
  }
}

const DECIMAL_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL_RE = /^([+-]?)(nan|inf|infinity)$/i;

/** The number a CSV cell spells (surrounding spaces allowed), or undefined for an empty or non-numeric cell. */
export function parseCsvNumber(cell: string): number | undefined {
  const s = cell.trim();
  if (DECIMAL_RE.test(s)) return Number(s);
  const m = SPECIAL_RE.exec(s);
  if (!m) return undefined;
  if (m[2]!.toLowerCase() === "nan") return Number.NaN;
  return m[1] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

/** `file: row R (line L), column C ('name')` — 1-based data row (header excluded), 1-based column. */
export function csvCellWhere(where: string, row: number, line: number, col: number, name?: string): string {
  return `${where}: row ${row} (line ${line}), column ${col}${name !== undefined ? ` ('${name}')` : ""}`;
}

/** The error for a cell that is not a number: names the file, row, column, and shows the cell. */
export function csvCellError(
  where: string,
  row: number,
  line: number,
  col: number,
  cell: string,
  name?: string,
): AnsatzError {
  const shown =
    cell.trim() === "" ? "an empty cell" : `'${cell.length > 40 ? `${cell.slice(0, 40)}…` : cell}'`;
  return AnsatzError.expected("bad-file", csvCellWhere(where, row, line, col, name), "a number", shown);
}

/** Grows a Float64Array by doubling (amortised O(1) append). */
class Float64Builder {
  data = new Float64Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const d = new Float64Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = v;
  }
  take(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

/** Parses a numeric CSV (bytes or text) into a matrix and the header's column names, if any. */
export function parseCsv(input: Uint8Array | string, where: string, options: CsvReadOptions = {}): CsvTable {
  const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : input;
  const headerMode = options.header ?? "auto";
  let columns: string[] | null = null;
  let ncols = -1;
  let rows = 0;
  const values = new Float64Builder();
  let first = true;
  for (const rec of csvRecords(bytes, where)) {
    if (first) {
      first = false;
      const isHeader =
        headerMode === true ||
        (headerMode === "auto" && rec.cells.some((c) => parseCsvNumber(c) === undefined));
      if (isHeader) {
        columns = rec.cells.map((c) => c.trim());
        ncols = columns.length;
        continue;
      }
      ncols = rec.cells.length;
    }
    rows++;
    if (rec.cells.length !== ncols) {
      throw AnsatzError.expected(
        "bad-file",
        `${where}: row ${rows} (line ${rec.line})`,
        `${ncols} cells${columns ? " (as in the header)" : " (as in the first row)"}`,
        `${rec.cells.length} cells`,
      );
    }
    for (let c = 0; c < ncols; c++) {
      const cell = rec.cells[c]!;
      const v = parseCsvNumber(cell);
      if (v === undefined) throw csvCellError(where, rows, rec.line, c + 1, cell, columns?.[c]);
      values.push(v);
    }
  }
  return { columns, mat: new Mat(rows, Math.max(ncols, 0), values.take()) };
}

/** Reads a numeric CSV file (see parseCsv). */
export function readCsv(path: string, options: CsvReadOptions = {}): CsvTable {
  return parseCsv(readFileBytes(path), path, options);
}

/** A value as CSV text: the shortest string that reads back to the same float64 (`-0` kept, unlike String). */
export function csvNumber(v: number): string {
  return v === 0 && 1 / v < 0 ? "-0" : String(v);
}

/** Quotes a header cell when RFC 4180 requires it (comma, quote, line break) or spaces would be trimmed. */
export function csvQuote(cell: string): string {
  return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** The CSV text of `mat` in chunks of about `rowsPerChunk` rows (header first, if columns are given). */
export function* csvChunks(mat: Mat, options: CsvWriteOptions = {}, rowsPerChunk = 4096): Generator<string> {
  if (options.columns) {
    if (options.columns.length !== mat.cols) {
      throw AnsatzError.expected(
        "bad-argument",
        "CSV columns",
        `${mat.cols} names`,
        `${options.columns.length}`,
      );
    }
    yield `${options.columns.map(csvQuote).join(",")}\n`;
  }
  const { rows, cols, data } = mat;
  let parts: string[] = [];
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let s = cols > 0 ? csvNumber(data[o]!) : "";
    for (let j = 1; j < cols; j++) s += `,${csvNumber(data[o + j]!)}`;
    parts.push(s);
    if (parts.length === rowsPerChunk) {
      yield `${parts.join("\n")}\n`;
      parts = [];
    }
  }
  if (parts.length) yield `${parts.join("\n")}\n`;
}

/** The CSV text of `mat` as one string. */
export function formatCsv(mat: Mat, options: CsvWriteOptions = {}): string {
  return Array.from(csvChunks(mat, options)).join("");
}

/** Writes `mat` as CSV (optional header), atomically; values read back bit-identical. */
export function writeCsv(path: string, mat: Mat, options: CsvWriteOptions = {}): void {
  writeFileAtomic(path, csvChunks(mat, options));
}
