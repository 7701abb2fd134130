// Sample moments: sum, mean, variance, std, skewness, excess kurtosis, and their column-wise forms
// on a Mat, plus the sample covariance matrix.
//
// Floating-point order follows numpy 2.x so that scores computed here agree with numpy to the last
// digit: `sum` is numpy's pairwise summation (numpy/_core/src/umath/loops_utils.h.src,
// `pairwise_sum`: plain loop below 8 terms, 8 interleaved accumulators up to 128, recursive halving
// at a multiple of 8 above), `mean` = sum / n, `variance` = sum((x - mean)²) / (n - ddof) (the two
// passes of numpy's `_var`). Column-wise reductions over a row-major Mat add rows in order, as numpy
// does for `axis=0` on a C-ordered array. Skewness and kurtosis are the moment estimators
// g1 = m3 / m2^(3/2) and g2 = m4 / m2² - 3 (scipy.stats.skew / kurtosis with their defaults
// bias=True, fisher=True), where m_k = mean((x - mean)^k).
import { assertFinite, assertInt } from "../check.ts";
import { AnsatzError } from "../errors.ts";
import { Mat } from "../matrix.ts";

type Vec = ArrayLike<number>;

function pairwise(a: Vec, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = start; i < start + n; i++) res += a[i]!;
    return res;
  }
  if (n <= 128) {
    let r0 = a[start]!;
    let r1 = a[start + 1]!;
    let r2 = a[start + 2]!;
    let r3 = a[start + 3]!;
    let r4 = a[start + 4]!;
    let r5 = a[start + 5]!;
    let r6 = a[start + 6]!;
    let r7 = a[start + 7]!;
    const end8 = start + n - (n % 8);
    let i = start + 8;
    for (; i < end8; i += 8) {
      r0 += a[i]!;
      r1 += a[i + 1]!;
      r2 += a[i + 2]!;
      r3 += a[i + 3]!;
      r4 += a[i + 4]!;
      r5 += a[i + 5]!;
      r6 += a[i + 6]!;
      r7 += a[i + 7]!;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < start + n; i++) res += a[i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise(a, start, n2) + pairwise(a, start + n2, n - n2);
}

function needValues(x: Vec, where: string, min = 1): void {
  if (x.length < min) {
    throw AnsatzError.expected("too-little-data", where, `at least ${min} value(s)`, `${x.length}`);
  }
  assertFinite(x, where);
}

/** Sum with numpy's pairwise summation (bit-identical to `np.sum` on a 1-D float64 array). */
export function sum(x: Vec): number {
  assertFinite(x, "sum(x)");
  return pairwise(x, 0, x.length);
}

/** Arithmetic mean, as `np.mean` computes it. */
export function mean(x: Vec): number {
  needValues(x, "mean(x)");
  return pairwise(x, 0, x.length) / x.length;
}

function centredPowerSums(x: Vec, where: string): { m: number; d: Float64Array } {
  needValues(x, where);
  const n = x.length;
  const m = pairwise(x, 0, n) / n;
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = x[i]! - m;
  return { m, d };
}

/** Variance sum((x - mean)²) / (n - ddof), as `np.var(x, ddof=ddof)` computes it. */
export function variance(x: Vec, ddof = 0): number {
  assertInt(ddof, "variance(ddof)", 0);
  const { d } = centredPowerSums(x, "variance(x)");
  if (x.length - ddof <= 0) {
    throw AnsatzError.expected(
      "too-little-data",
      "variance(x)",
      `more than ddof = ${ddof} values`,
      `${x.length}`,
    );
  }
  for (let i = 0; i < d.length; i++) d[i] = d[i]! * d[i]!;
  return pairwise(d, 0, d.length) / (x.length - ddof);
}

/** Standard deviation sqrt(variance(x, ddof)), as `np.std`. */
export function std(x: Vec, ddof = 0): number {
  return Math.sqrt(variance(x, ddof));
}

export interface Moments {
  n: number;
  mean: number;
  /** Population variance (ddof = 0). */
  variance: number;
  /** sqrt(variance). */
  std: number;
  /** g1 = m3 / m2^(3/2). */
  skewness: number;
  /** Excess kurtosis g2 = m4 / m2² - 3. */
  kurtosis: number;
}

/** Mean, variance (ddof 0), std, skewness and excess kurtosis in one pass over the centred data. */
export function moments(x: Vec, where = "moments(x)"): Moments {
  const { m, d } = centredPowerSums(x, where);
  const n = d.length;
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) p[i] = d[i]! * d[i]!;
  const m2 = pairwise(p, 0, n) / n;
  // scipy's test for a numerically constant sample (scipy.stats.skew: m2 <= (resolution·mean)²).
  if (m2 <= (1e-15 * m) ** 2) {
    throw AnsatzError.expected(
      "bad-value",
      where,
      "a sample with non-zero variance (skewness and kurtosis divide by it)",
      `all ${n} values equal to ${m} up to rounding`,
    );
  }
  for (let i = 0; i < n; i++) p[i] = d[i]! * d[i]! * d[i]!;
  const m3 = pairwise(p, 0, n) / n;
  for (let i = 0; i < n; i++) {
    const s = d[i]! * d[i]!;
    p[i] = s * s;
  }
  const m4 = pairwise(p, 0, n) / n;
  return {
    n,
    mean: m,
    variance: m2,
    std: Math.sqrt(m2),
    skewness: m3 / m2 ** 1.5,
    kurtosis: m4 / (m2 * m2) - 3,
  };
}

/** Sample skewness g1 = m3 / m2^(3/2) (biased moment estimator; throws on a constant sample). */
export function skewness(x: Vec): number {
  return moments(x, "skewness(x)").skewness;
}

/** Sample excess kurtosis g2 = m4 / m2² - 3 (biased moment estimator; throws on a constant sample). */
export function kurtosis(x: Vec): number {
  return moments(x, "kurtosis(x)").kurtosis;
}

function needMat(X: Mat, where: string, minRows: number): void {
  if (X.rows < minRows) {
    throw AnsatzError.expected("too-little-data", where, `at least ${minRows} row(s)`, `${X.rows} rows`);
  }
  assertFinite(X.data, where);
}

/** Column means (mean over rows), as `np.mean(X, axis=0)`. */
export function colMeans(X: Mat): Float64Array {
  needMat(X, "colMeans(X)", 1);
  return colMeansUnchecked(X);
}

function colMeansUnchecked(X: Mat): Float64Array {
  const { rows, cols, data } = X;
  const out = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) out[j] = out[j]! + data[o + j]!;
  }
  for (let j = 0; j < cols; j++) out[j] = out[j]! / rows;
  return out;
}

/** Column variances with divisor rows - ddof, as `np.var(X, axis=0, ddof=ddof)`. */
export function colVariances(X: Mat, ddof = 0): Float64Array {
  assertInt(ddof, "colVariances(ddof)", 0);
  needMat(X, "colVariances(X)", ddof + 1);
  const { rows, cols, data } = X;
  const mu = colMeansUnchecked(X);
  const out = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) {
      const d = data[o + j]! - mu[j]!;
      out[j] = out[j]! + d * d;
    }
  }
  for (let j = 0; j < cols; j++) out[j] = out[j]! / (rows - ddof);
  return out;
}

/** Sample covariance (cols × cols) of the rows of X as observations, as `np.cov(X, rowvar=False, ddof=ddof)`. */
export function covariance(X: Mat, ddof = 1): Mat {
  assertInt(ddof, "covariance(ddof)", 0);
  needMat(X, "covariance(X)", ddof + 1);
  const { rows, cols, data } = X;
  const mu = colMeansUnchecked(X);
  const c = new Mat(cols, cols);
  const cd = c.data;
  const d = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) d[j] = data[o + j]! - mu[j]!;
    for (let a = 0; a < cols; a++) {
      const da = d[a]!;
      const ro = a * cols;
      for (let b = a; b < cols; b++) cd[ro + b] = cd[ro + b]! + da * d[b]!;
    }
  }
  const f = 1 / (rows - ddof);
  for (let a = 0; a < cols; a++) {
    for (let b = a; b < cols; b++) {
      const v = cd[a * cols + b]! * f;
      cd[a * cols + b] = v;
      cd[b * cols + a] = v;
    }
  }
  return c;
}
