// Maximum mean discrepancy with a Gaussian kernel, and the median bandwidth heuristic.
//
// MMD² (Gretton, Borgwardt, Rasch, Schölkopf, Smola, "A kernel two-sample test", JMLR 13, 2012,
// §2.2: the estimators MMD²_b and MMD²_u) with k(x, y) = exp(-|x - y|² / (2h²)):
// - biased V-statistic (default): mean_{i,j} k(x_i, x_j) + mean_{i,j} k(y_i, y_j) - 2 mean_{i,j} k(x_i, y_j),
//   all pairs including i = j (so MMD²(X, X) = 0 exactly and the value is >= 0);
// - unbiased U-statistic: the within-sample means exclude i = j (divide by n(n-1), m(m-1)); it can be
//   negative when the two distributions agree.
// Median heuristic (the kernel size of the experiments of Gretton et al. 2012): h = median of the Euclidean distances |z_i - z_j|, i < j,
// over the pooled sample Z = [X; Y] (np.median semantics). Above `maxPoints` pooled rows an evenly
// strided deterministic subset of `maxPoints` rows is used (the pair count grows as N²/2).
import { assertFinite, assertInt, assertPositive, formatShape } from "../check.ts";
import { AnsatzError } from "../errors.ts";
import type { Mat } from "../matrix.ts";
import { medianSorted } from "./quantile.ts";

function checkPair(X: Mat, Y: Mat, fn: string, minRows: number): void {
  if (X.rows < minRows) {
    throw AnsatzError.expected("too-little-data", `${fn}(X)`, `at least ${minRows} row(s)`, `${X.rows} rows`);
  }
  if (Y.rows < minRows) {
    throw AnsatzError.expected("too-little-data", `${fn}(Y)`, `at least ${minRows} row(s)`, `${Y.rows} rows`);
  }
  if (X.cols !== Y.cols) {
    throw AnsatzError.expected(
      "bad-shape",
      `${fn}(Y)`,
      `${X.cols} columns like X ${formatShape(X.shape)}`,
      `shape ${formatShape(Y.shape)}`,
    );
  }
  assertFinite(X.data, `${fn}(X)`);
  assertFinite(Y.data, `${fn}(Y)`);
}

/** Squared Euclidean distance between row i of A and row j of B. */
function sqDist(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  let s = 0;
  const oa = i * d;
  const ob = j * d;
  for (let k = 0; k < d; k++) {
    const t = a[oa + k]! - b[ob + k]!;
    s += t * t;
  }
  return s;
}

/** Sum of k over all ordered pairs within A; the diagonal (k = 1 each) included when `diag`. */
function withinSum(A: Mat, c: number, diag: boolean): number {
  const { rows, cols, data } = A;
  let s = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = i + 1; j < rows; j++) s += Math.exp(-c * sqDist(data, i, data, j, cols));
  }
  return 2 * s + (diag ? rows : 0);
}

export interface Mmd2Options {
  /** Unbiased U-statistic (within-sample diagonals excluded) instead of the biased V-statistic. */
  unbiased?: boolean;
}

/** Squared MMD between the rows of X and of Y, Gaussian kernel of bandwidth h (V-statistic by default). */
export function mmd2(X: Mat, Y: Mat, bandwidth: number, options: Mmd2Options = {}): number {
  const unbiased = options.unbiased ?? false;
  checkPair(X, Y, "mmd2", unbiased ? 2 : 1);
  assertPositive(bandwidth, "mmd2(bandwidth)");
  const c = 1 / (2 * bandwidth * bandwidth);
  const n = X.rows;
  const m = Y.rows;
  const d = X.cols;
  let kxy = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) kxy += Math.exp(-c * sqDist(X.data, i, Y.data, j, d));
  }
  const kxx = withinSum(X, c, !unbiased) / (unbiased ? n * (n - 1) : n * n);
  const kyy = withinSum(Y, c, !unbiased) / (unbiased ? m * (m - 1) : m * m);
  return kxx + kyy - (2 * kxy) / (n * m);
}

export interface MedianBandwidthOptions {
  /** Largest number of pooled rows used (an evenly strided subset above it); default 2000. */
  maxPoints?: number;
}

/** Median heuristic bandwidth: the median pairwise Euclidean distance in the pooled sample [X; Y]. */
export function medianBandwidth(X: Mat, Y: Mat, options: MedianBandwidthOptions = {}): number {
  const maxPoints = options.maxPoints ?? 2000;
  assertInt(maxPoints, "medianBandwidth(maxPoints)", 2);
  checkPair(X, Y, "medianBandwidth", 0);
  const total = X.rows + Y.rows;
  if (total < 2) {
    throw AnsatzError.expected(
      "too-little-data",
      "medianBandwidth(X, Y)",
      "at least 2 rows in all",
      `${total}`,
    );
  }
  const d = X.cols;
  const N = Math.min(total, maxPoints);
  // Pooled (possibly strided) rows copied into one buffer.
  const Z = new Float64Array(N * d);
  for (let r = 0; r < N; r++) {
    const src = N === total ? r : Math.floor((r * total) / N);
    const row =
      src < X.rows
        ? X.data.subarray(src * d, (src + 1) * d)
        : Y.data.subarray((src - X.rows) * d, (src - X.rows + 1) * d);
    Z.set(row, r * d);
  }
  const dist = new Float64Array((N * (N - 1)) / 2);
  let p = 0;
  for (let i = 0; i < N; i++) {
    for (let j = i + 1; j < N; j++) dist[p++] = Math.sqrt(sqDist(Z, i, Z, j, d));
  }
  dist.sort();
  const h = medianSorted(dist);
  if (!(h > 0)) {
    throw AnsatzError.expected(
      "bad-value",
      "medianBandwidth(X, Y)",
      "a pooled sample whose median pairwise distance is > 0",
      "median distance 0 (most points coincide)",
    );
  }
  return h;
}
