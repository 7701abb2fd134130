// Energy distance between two samples (G. J. Székely and M. L. Rizzo, "Energy statistics: a class of
// statistics based on distances", J. Stat. Plan. Inference 143(8), 2013: the energy distance and
// its V-statistic estimate): E(X, Y) = 2 E|X - Y| - E|X - X'| - E|Y - Y'|, Euclidean norm, every mean over
// all n·m, n², m² pairs (diagonal zeros included). It is >= 0 and 0 iff the empirical laws agree.
import { assertFinite, formatShape } from "../check.ts";
import { AnsatzError } from "../errors.ts";
import type { Mat } from "../matrix.ts";

function dist(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  let s = 0;
  const oa = i * d;
  const ob = j * d;
  for (let k = 0; k < d; k++) {
    const t = a[oa + k]! - b[ob + k]!;
    s += t * t;
  }
  return Math.sqrt(s);
}

function meanWithin(A: Mat): number {
  const { rows, cols, data } = A;
  let s = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = i + 1; j < rows; j++) s += dist(data, i, data, j, cols);
  }
  return (2 * s) / (rows * rows);
}

/** Energy distance 2E|X-Y| - E|X-X'| - E|Y-Y'| between the rows of X and of Y (V-statistic). */
export function energyDistance(X: Mat, Y: Mat): number {
  if (X.rows < 1)
    throw AnsatzError.expected("too-little-data", "energyDistance(X)", "at least 1 row", "0 rows");
  if (Y.rows < 1)
    throw AnsatzError.expected("too-little-data", "energyDistance(Y)", "at least 1 row", "0 rows");
  if (X.cols !== Y.cols) {
    throw AnsatzError.expected(
      "bad-shape",
      "energyDistance(Y)",
      `${X.cols} columns like X ${formatShape(X.shape)}`,
      `shape ${formatShape(Y.shape)}`,
    );
  }
  assertFinite(X.data, "energyDistance(X)");
  assertFinite(Y.data, "energyDistance(Y)");
  const n = X.rows;
  const m = Y.rows;
  const d = X.cols;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) sxy += dist(X.data, i, Y.data, j, d);
  }
  return (2 * sxy) / (n * m) - meanWithin(X) - meanWithin(Y);
}
