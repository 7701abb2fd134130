// The Kaggle submission CSV of the CTF (spec ctf.md §1.8; reference: ctf4science
// eval_module.evaluate_kaggle_csv): one header `id,pair_id,timestep,<feature columns>` and one row per
// predicted time step, all pairs in one file. The id is `<pair>_<row>` with the row counted from 0
// within the pair (`1_0 … 9_999`); for Lorenz the feature columns are `x,y,z` and the file has
// 7 × 1000 + 2 × 10000 = 27 000 rows. The reference groups rows by pair_id and sorts them by
// timestep; this reader is stricter so that both orders agree: within a pair the ids must count
// 0, 1, 2, … in file order and the timesteps must increase strictly. Pairs may come in any order.
// Feature names: `x,y,z` for three columns (as the reference), `f1…fN` otherwise (as the MSFR
// submission), unless given. Values are written with the shortest round-trip representation.
import { AnsatzError } from "../../core/errors.ts";
import { Mat } from "../../core/matrix.ts";
import { writeFileAtomic } from "./atomic-write.ts";
import { csvCellError, csvCellWhere, csvNumber, csvQuote, csvRecords, parseCsvNumber } from "./csv.ts";
import { readFileBytes } from "./read-file.ts";

/** The leading columns of every Kaggle submission, in order. */
export const KAGGLE_ID_COLUMNS = ["id", "pair_id", "timestep"] as const;

/** One pair's prediction: the pair id, the timestep of each row, and the matrix (time × features). */
export interface KagglePairPrediction {
  pairId: number;
  timesteps: ArrayLike<number>;
  prediction: Mat;
}

/** A parsed submission: the feature column names and the pairs, sorted by pair id. */
export interface KaggleSubmission {
  columns: string[];
  pairs: { pairId: number; timesteps: Float64Array; prediction: Mat }[];
}

export interface KaggleReadOptions {
  /** Rows expected per pair id (e.g. from the data set's test shapes); missing or extra pairs and wrong counts are errors. */
  expectedRows?: ReadonlyMap<number, number> | Readonly<Record<number, number>>;
  /** The number of feature columns expected (3 for Lorenz). */
  featureCount?: number;
}

/** The default feature column names: `x,y,z` for 3 features, `f1…fN` otherwise. */
export function kaggleFeatureColumns(n: number): string[] {
  if (n === 3) return ["x", "y", "z"];
  return Array.from({ length: n }, (_, k) => `f${k + 1}`);
}

/** The id of row `row` (0-based) of pair `pairId`: `<pair>_<row>`. */
export function kaggleRowId(pairId: number, row: number): string {
  return `${pairId}_${row}`;
}

function argError(where: string, expected: string, found: string): AnsatzError {
  return AnsatzError.expected("bad-argument", where, expected, found);
}

/** Checks the pairs to write: positive unique ids, one timestep per row, increasing timesteps, equal widths. */
function checkPairs(pairs: readonly KagglePairPrediction[], columns: readonly string[] | undefined): number {
  if (pairs.length === 0) throw argError("Kaggle submission", "at least one pair", "none");
  const width = columns ? columns.length : pairs[0]!.prediction.cols;
  if (width < 1) throw argError("Kaggle submission", "at least one feature column", "0");
  const ids = new Set<number>();
  for (const p of pairs) {
    const at = `Kaggle submission pair ${p.pairId}`;
    if (!Number.isInteger(p.pairId) || p.pairId < 1)
      throw argError(at, "a pair id that is an integer >= 1", String(p.pairId));
    if (ids.has(p.pairId)) throw argError(at, "each pair once", "a repeated pair id");
    ids.add(p.pairId);
    if (p.prediction.cols !== width)
      throw argError(`${at} prediction`, `${width} columns`, `${p.prediction.cols}`);
    if (p.timesteps.length !== p.prediction.rows) {
      throw argError(
        `${at} timesteps`,
        `${p.prediction.rows} (one per prediction row)`,
        `${p.timesteps.length}`,
      );
    }
    for (let i = 0; i < p.timesteps.length; i++) {
      const t = p.timesteps[i]!;
      if (!Number.isFinite(t) || (i > 0 && !(t > p.timesteps[i - 1]!))) {
        throw argError(`${at} timesteps[${i}]`, "finite, strictly increasing times", String(t));
      }
    }
  }
  return width;
}

/** The submission CSV text in chunks (header first), pairs in the order given. */
export function* kaggleCsvChunks(
  pairs: readonly KagglePairPrediction[],
  options: { columns?: readonly string[] } = {},
  rowsPerChunk = 4096,
): Generator<string> {
  const width = checkPairs(pairs, options.columns);
  const columns = options.columns ?? kaggleFeatureColumns(width);
  yield `${[...KAGGLE_ID_COLUMNS, ...columns].map(csvQuote).join(",")}\n`;
  let parts: string[] = [];
  for (const p of pairs) {
    const { data, cols, rows } = p.prediction;
    for (let i = 0; i < rows; i++) {
      let s = `${p.pairId}_${i},${p.pairId},${csvNumber(p.timesteps[i]!)}`;
      const o = i * cols;
      for (let j = 0; j < cols; j++) s += `,${csvNumber(data[o + j]!)}`;
      parts.push(s);
      if (parts.length === rowsPerChunk) {
        yield `${parts.join("\n")}\n`;
        parts = [];
      }
    }
  }
  if (parts.length) yield `${parts.join("\n")}\n`;
}

/** The submission CSV as one string. */
export function formatKaggleCsv(
  pairs: readonly KagglePairPrediction[],
  options: { columns?: readonly string[] } = {},
): string {
  return Array.from(kaggleCsvChunks(pairs, options)).join("");
}

/** Writes a submission CSV from per-pair predictions and timesteps, atomically. */
export function writeKaggleCsv(
  path: string,
  pairs: readonly KagglePairPrediction[],
  options: { columns?: readonly string[] } = {},
): void {
  writeFileAtomic(path, kaggleCsvChunks(pairs, options));
}

class PairBuilder {
  rows = 0;
  values: Float64Array;
  times: Float64Array;
  constructor(readonly width: number) {
    this.values = new Float64Array(1024 * width);
    this.times = new Float64Array(1024);
  }
  grow(): void {
    const v = new Float64Array(this.values.length * 2);
    v.set(this.values);
    this.values = v;
    const t = new Float64Array(this.times.length * 2);
    t.set(this.times);
    this.times = t;
  }
}

/**
 * Parses a submission CSV, validating the header, the ids (`<pair>_<row>`, rows counted from 0 in file
 * order), integer pair ids, strictly increasing timesteps, the column count and, if given, the rows
 * per pair. Errors name the file, the row and the column.
 */
export function parseKaggleCsv(
  input: Uint8Array | string,
  where: string,
  options: KaggleReadOptions = {},
): KaggleSubmission {
  const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : input;
  let columns: string[] | null = null;
  let names: string[] = [];
  let width = 0;
  let row = 0;
  const pairs = new Map<number, PairBuilder>();
  for (const rec of csvRecords(bytes, where)) {
    if (columns === null) {
      names = rec.cells.map((c) => c.trim());
      const head = names.slice(0, 3).join(",");
      if (head !== KAGGLE_ID_COLUMNS.join(",") || names.length < 4) {
        throw AnsatzError.expected(
          "bad-file",
          `${where}: line ${rec.line} (header)`,
          "columns id,pair_id,timestep followed by at least one feature column",
          `'${names.join(",").slice(0, 80)}'`,
        );
      }
      columns = names.slice(3);
      width = columns.length;
      if (options.featureCount !== undefined && width !== options.featureCount) {
        throw AnsatzError.expected(
          "bad-file",
          `${where}: line ${rec.line} (header)`,
          `${options.featureCount} feature columns`,
          `${width} (${columns.join(",").slice(0, 60)})`,
        );
      }
      continue;
    }
    row++;
    const cells = rec.cells;
    if (cells.length !== width + 3) {
      throw AnsatzError.expected(
        "bad-file",
        `${where}: row ${row} (line ${rec.line})`,
        `${width + 3} cells (as in the header)`,
        `${cells.length} cells`,
      );
    }
    const pairId = parseCsvNumber(cells[1]!);
    if (pairId === undefined || !Number.isInteger(pairId) || pairId < 1) {
      throw AnsatzError.expected(
        "bad-file",
        csvCellWhere(where, row, rec.line, 2, "pair_id"),
        "a pair id (an integer >= 1)",
        `'${cells[1]}'`,
      );
    }
    let b = pairs.get(pairId);
    if (!b) {
      b = new PairBuilder(width);
      pairs.set(pairId, b);
    }
    const id = cells[0]!.trim();
    const expectedId = kaggleRowId(pairId, b.rows);
    if (id !== expectedId) {
      throw AnsatzError.expected(
        "bad-file",
        csvCellWhere(where, row, rec.line, 1, "id"),
        `'${expectedId}' (row ${b.rows} of pair ${pairId}, counted from 0 in file order)`,
        `'${id}'`,
      );
    }
    const t = parseCsvNumber(cells[2]!);
    if (t === undefined) throw csvCellError(where, row, rec.line, 3, cells[2]!, "timestep");
    if (!Number.isFinite(t) || (b.rows > 0 && !(t > b.times[b.rows - 1]!))) {
      const prev = b.rows > 0 ? ` (after ${b.times[b.rows - 1]})` : "";
      throw AnsatzError.expected(
        "bad-file",
        csvCellWhere(where, row, rec.line, 3, "timestep"),
        `a finite timestep greater than the pair's previous one${prev}`,
        `'${cells[2]!.trim()}'`,
      );
    }
    if (b.rows === b.times.length) b.grow();
    b.times[b.rows] = t;
    const o = b.rows * width;
    for (let c = 0; c < width; c++) {
      const v = parseCsvNumber(cells[c + 3]!);
      if (v === undefined) throw csvCellError(where, row, rec.line, c + 4, cells[c + 3]!, names[c + 3]);
      b.values[o + c] = v;
    }
    b.rows++;
  }
  if (columns === null) {
    throw AnsatzError.expected(
      "bad-file",
      where,
      "a header id,pair_id,timestep,<features> and rows",
      "an empty file",
    );
  }
  const expected = options.expectedRows;
  if (expected !== undefined) {
    const exp =
      expected instanceof Map
        ? expected
        : new Map(Object.entries(expected).map(([k, v]) => [Number(k), v as number]));
    for (const [id, n] of exp) {
      const got = pairs.get(id)?.rows ?? 0;
      if (got !== n) {
        throw AnsatzError.expected(
          "bad-file",
          `${where}: pair ${id}`,
          `${n} rows`,
          got === 0 ? "no rows" : `${got} rows`,
        );
      }
    }
    for (const id of pairs.keys()) {
      if (!exp.has(id)) {
        const known = [...exp.keys()].sort((a, b) => a - b).join(", ");
        throw AnsatzError.expected(
          "bad-file",
          `${where}: pair_id ${id}`,
          `one of the pairs ${known}`,
          "rows for this pair",
        );
      }
    }
  }
  const out: KaggleSubmission = { columns, pairs: [] };
  for (const id of [...pairs.keys()].sort((a, b) => a - b)) {
    const b = pairs.get(id)!;
    out.pairs.push({
      pairId: id,
      timesteps: b.times.slice(0, b.rows),
      prediction: new Mat(b.rows, width, b.values.slice(0, b.rows * width)),
    });
  }
  return out;
}

/** Reads and validates a submission CSV file (see parseKaggleCsv). */
export function readKaggleCsv(path: string, options: KaggleReadOptions = {}): KaggleSubmission {
  return parseKaggleCsv(readFileBytes(path), path, options);
}
