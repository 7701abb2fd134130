// Loading binary spin samples (spec vae-meanfield.md §2.2 "General binary data", §1.9): a 2-D array
// [samples, N] from .npy, .npz (one array), .mat (one variable) or numeric .csv, in ±1 or 0/1 encoding,
// returned in ±1 (s = 2x − 1 for 0/1 data, §1.3).
// Encoding rule [proposed]: the set of values must be a subset of {−1, +1} or of {0, 1}. A file holding
// only 1s fits both; it is reported as "01", and the ±1 matrix is all +1 either way, so the choice never
// changes the data. A mix such as {−1, 0, 1}, any other value, NaN/Inf, an empty file, 0 rows or columns
// and a 1-D or 3-D array are AnsatzErrors naming the file (and, for a bad value, its row, column, value).
// The two salamander-retina layouts (retina.ts, §1.9) are recognised too: a .txt / .txt.gz file (neurons ×
// samples) and a .mat file whose variable `bint` is 3-D [repeats × neurons × time].
import { formatShape } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { Mat } from "../../core/matrix.ts";
import { readMat5Variables } from "../../ctf/formats/mat5.ts";
import { matrixExtension, readMatrix } from "../../ctf/formats/matrix-file.ts";
import { readNpyArray } from "../../ctf/formats/npy-file.ts";
import { readNpzArrays } from "../../ctf/formats/npz.ts";
import { readRetinaMat, readRetinaTxt } from "./retina.ts";

export type SpinEncoding = "pm1" | "01";

export interface SpinSamples {
  /** [samples, N] in ±1. */
  pm1: Mat;
  /** The encoding found in the file. */
  encoding: SpinEncoding;
  /** The file the samples came from. */
  where: string;
}

/**
 * Checks that `x` is a non-empty [samples, N] matrix of ±1 or 0/1 values (see the header) and returns
 * the encoding; errors name `where` and, for a bad value, its row, column and value.
 */
export function checkSpinMatrix(x: Mat, where: string): SpinEncoding {
  if (x.rows < 1) {
    throw AnsatzError.expected(
      "too-little-data",
      where,
      "at least 1 sample (row)",
      `shape ${formatShape(x.shape)}`,
    );
  }
  if (x.cols < 1) {
    throw AnsatzError.expected(
      "bad-shape",
      where,
      "at least 1 spin (column)",
      `shape ${formatShape(x.shape)}`,
    );
  }
  let seenMinus = -1; // flat index of the first −1
  let seenZero = -1; // flat index of the first 0
  const d = x.data;
  const at = (k: number) => {
    const i = Math.floor(k / x.cols);
    return `${where} row ${i}, column ${k - i * x.cols}`;
  };
  for (let k = 0; k < d.length; k++) {
    const v = d[k]!;
    if (v === 1) continue;
    if (v === -1) {
      if (seenMinus < 0) seenMinus = k;
    } else if (v === 0) {
      if (seenZero < 0) seenZero = k;
    } else {
      const code = Number.isFinite(v) ? "bad-value" : "not-finite";
      throw AnsatzError.expected(code, at(k), "a binary value (−1/+1 or 0/1)", String(v));
    }
    if (seenMinus >= 0 && seenZero >= 0) {
      const first = Math.min(seenMinus, seenZero);
      const enc = first === seenMinus ? "±1" : "0/1";
      throw AnsatzError.expected(
        "bad-value",
        at(k),
        `${enc} values like ${at(first)} (${d[first]}); a mix of −1, 0 and 1 is not binary`,
        String(v),
      );
    }
  }
  return seenMinus >= 0 ? "pm1" : "01";
}

/** The 2-D array of `path`, refusing other ranks (instead of reading a 1-D array as a column). */
function readTwoD(path: string): Mat {
  const ext = matrixExtension(path);
  let shape: number[] | undefined;
  let data: Float64Array | undefined;
  if (ext === ".npy") {
    const a = readNpyArray(path);
    shape = a.shape;
    data = a.data;
  } else if (ext === ".npz") {
    const entries = readNpzArrays(path);
    if (entries.length !== 1) {
      const keys = entries.map((e) => `'${e.key}'`).join(", ");
      throw AnsatzError.expected(
        "bad-file",
        path,
        "an .npz archive holding one array",
        entries.length ? `arrays ${keys}` : "no arrays",
      );
    }
    shape = entries[0]!.array.shape;
    data = entries[0]!.array.data;
  } else {
    return readMatrix(path); // .mat and .csv are always 2-D (or refused by their readers)
  }
  if (shape.length !== 2) {
    throw AnsatzError.expected(
      "bad-shape",
      path,
      "a 2-D array [samples, N]",
      `a ${shape.length}-D array of shape ${formatShape(shape)}`,
    );
  }
  return new Mat(shape[0]!, shape[1]!, data);
}

function isRetinaFile(path: string): boolean {
  if (/\.txt(\.gz)?$/i.test(path)) return true;
  if (!/\.mat$/i.test(path)) return false;
  return readMat5Variables(path).some((v) => v.name === "bint" && v.dims.length === 3);
}

function readRetina(path: string): Mat {
  return /\.mat$/i.test(path) ? readRetinaMat(path).samples : readRetinaTxt(path);
}

/** Reads binary spin samples [samples, N] from .npy/.npz/.mat/.csv and returns them in ±1. */
export function loadSpinSamples(path: string): SpinSamples {
  const x = isRetinaFile(path) ? readRetina(path) : readTwoD(path);
  const encoding = checkSpinMatrix(x, path);
  if (encoding === "01") for (let k = 0; k < x.data.length; k++) x.data[k] = 2 * x.data[k]! - 1;
  return { pm1: x, encoding, where: path };
}
