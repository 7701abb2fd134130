// The pieces of SINDy (sparse identification of nonlinear dynamics; Brunton, Proctor & Kutz, PNAS 113(15),
// 2016, eq. 4–6 and the STLSQ code of their supplement): a polynomial candidate library Θ(X), the time
// derivative by finite differences, and sequentially thresholded least squares (STLSQ).
//
// Library: all monomials of the state variables up to total degree `order`, constant first, in the
// order and with the names of pysindy's PolynomialLibrary (= scikit-learn's PolynomialFeatures):
// degree by degree, each degree's variable-index combinations with replacement in lexicographic order,
// e.g. for 3 variables and order 2: 1, x0, x1, x2, x0^2, x0 x1, x0 x2, x1^2, x1 x2, x2^2.
// Derivative: second-order central differences (x_{i+1} − x_{i−1})/(2h) inside, the second-order
// one-sided formulas (∓3x_0 ± 4x_1 ∓ x_2)/(2h) at the two ends (numpy.gradient with edge_order = 2).
// STLSQ (pysindy's STLSQ): Ξ = ridge solution on all terms; then repeatedly zero every |ξ| < threshold
// and refit each column on its remaining terms, until the support stops changing or `maxIter` rounds.
// The ridge problem per column is min ‖Θ_S ξ − ẋ‖² + ridge·‖ξ‖²; with ridge = 0 it is the
// minimum-norm least-squares solution (SVD, core lstsq).
import { assertFinite, assertInt, assertNonNegative, formatShape } from "../../../core/check.ts";
import { AnsatzError } from "../../../core/errors.ts";
import { lstsq, solve } from "../../../core/linalg.ts";
import { Mat } from "../../../core/matrix.ts";

/** A polynomial candidate library Θ: one column per monomial of the state. */
export interface PolynomialLibrary {
  /** Number of state variables. */
  dim: number;
  /** Highest total degree. */
  order: number;
  /** Term names in column order (pysindy's: `1`, `x0`, `x0^2`, `x0 x1`, …). */
  names: string[];
  /** Variable indices of each term (with repetition; [] for the constant). */
  terms: Int32Array[];
  /** Writes Θ(x) of one state row into `out` (length names.length); allocation-free. */
  evaluate(x: ArrayLike<number>, out: Float64Array): void;
  /** Θ(X): one row per row of X. */
  build(X: Mat): Mat;
}

/** The monomials of `dim` variables up to total degree `order`, with pysindy's names and order. */
export function polynomialLibrary(
  dim: number,
  order: number,
  variableNames?: readonly string[],
): PolynomialLibrary {
  assertInt(dim, "polynomialLibrary(dim)", 1);
  assertInt(order, "polynomialLibrary(order)", 0, 5);
  const vars = variableNames ?? Array.from({ length: dim }, (_, i) => `x${i}`);
  if (vars.length !== dim) {
    throw AnsatzError.expected(
      "bad-shape",
      "polynomialLibrary(variableNames)",
      `${dim} names`,
      `${vars.length}`,
    );
  }
  const terms: Int32Array[] = [];
  const combos = (deg: number, start: number, prefix: number[]): void => {
    if (prefix.length === deg) {
      terms.push(Int32Array.from(prefix));
      return;
    }
    for (let v = start; v < dim; v++) combos(deg, v, [...prefix, v]);
  };
  for (let deg = 0; deg <= order; deg++) combos(deg, 0, []);
  const names = terms.map((t) => {
    if (t.length === 0) return "1";
    const parts: string[] = [];
    let i = 0;
    while (i < t.length) {
      let j = i;
      while (j < t.length && t[j] === t[i]) j++;
      const p = j - i;
      parts.push(p === 1 ? vars[t[i]!]! : `${vars[t[i]!]!}^${p}`);
      i = j;
    }
    return parts.join(" ");
  });
  const nTerms = terms.length;
  const evaluate = (x: ArrayLike<number>, out: Float64Array): void => {
    for (let k = 0; k < nTerms; k++) {
      const t = terms[k]!;
      let v = 1;
      for (let q = 0; q < t.length; q++) v *= x[t[q]!]!;
      out[k] = v;
    }
  };
  const build = (X: Mat): Mat => {
    if (X.cols !== dim) {
      throw AnsatzError.expected(
        "bad-shape",
        "PolynomialLibrary.build(X)",
        `${dim} columns`,
        formatShape(X.shape),
      );
    }
    const out = new Mat(X.rows, nTerms);
    for (let i = 0; i < X.rows; i++) evaluate(X.row(i), out.data.subarray(i * nTerms, (i + 1) * nTerms));
    return out;
  };
  return { dim, order, names, terms, evaluate, build };
}

/** dX/dt along the rows of X by second-order central differences (one-sided second order at the ends). */
export function centralDifference(X: Mat, h: number): Mat {
  if (!(h > 0) || !Number.isFinite(h)) {
    throw AnsatzError.expected("bad-value", "centralDifference(h)", "a finite number > 0", String(h));
  }
  const n = X.rows;
  const c = X.cols;
  if (n < 3) throw AnsatzError.expected("too-little-data", "centralDifference(X)", "at least 3 rows", `${n}`);
  const d = X.data;
  const out = new Mat(n, c);
  const o = out.data;
  const inv2h = 1 / (2 * h);
  for (let j = 0; j < c; j++) {
    o[j] = (-3 * d[j]! + 4 * d[c + j]! - d[2 * c + j]!) * inv2h;
    const l = (n - 1) * c + j;
    o[l] = (3 * d[l]! - 4 * d[l - c]! + d[l - 2 * c]!) * inv2h;
  }
  for (let i = 1; i < n - 1; i++) {
    for (let j = 0; j < c; j++) o[i * c + j] = (d[(i + 1) * c + j]! - d[(i - 1) * c + j]!) * inv2h;
  }
  return out;
}

export interface StlsqOptions {
  /** Coefficients with |ξ| below this are set to zero (≥ 0). */
  threshold: number;
  /** Ridge penalty α of min ‖Θξ − y‖² + α‖ξ‖² (≥ 0). */
  ridge: number;
  /** Most thresholding rounds (≥ 1). */
  maxIter: number;
}

export interface StlsqResult {
  /** Coefficients, terms × targets (column j: the equation of target j). */
  coef: Mat;
  /** Thresholding rounds done. */
  iterations: number;
  /** Whether the support stopped changing before `maxIter`. */
  converged: boolean;
}

/** Ridge / least-squares fit of y on the columns `support` of Θ; returns coefficients on those columns. */
function fitSubset(
  theta: Mat,
  G: Mat,
  Ty: Float64Array,
  y: Float64Array,
  support: number[],
  ridge: number,
): Float64Array {
  const s = support.length;
  if (s === 0) return new Float64Array(0);
  const p = theta.cols;
  if (ridge === 0) {
    const A = new Mat(theta.rows, s);
    for (let i = 0; i < theta.rows; i++) {
      for (let q = 0; q < s; q++) A.data[i * s + q] = theta.data[i * p + support[q]!]!;
    }
    return lstsq(A, y).x;
  }
  const M = new Mat(s, s);
  const b = new Float64Array(s);
  for (let a = 0; a < s; a++) {
    b[a] = Ty[support[a]!]!;
    for (let q = 0; q < s; q++) M.data[a * s + q] = G.data[support[a]! * p + support[q]!]!;
    M.data[a * s + a] = M.data[a * s + a]! + ridge;
  }
  return solve(M, b);
}

/** Sequentially thresholded least squares: a sparse Ξ with Θ Ξ ≈ dX (Brunton et al. 2016). */
export function stlsq(theta: Mat, dX: Mat, opts: StlsqOptions): StlsqResult {
  assertNonNegative(opts.threshold, "stlsq(threshold)");
  assertNonNegative(opts.ridge, "stlsq(ridge)");
  assertInt(opts.maxIter, "stlsq(maxIter)", 1);
  if (theta.rows !== dX.rows) {
    throw AnsatzError.expected("bad-shape", "stlsq(dX)", `${theta.rows} rows like Θ`, formatShape(dX.shape));
  }
  assertFinite(theta.data, "stlsq(Θ)");
  assertFinite(dX.data, "stlsq(dX)");
  const n = theta.rows;
  const p = theta.cols;
  const d = dX.cols;
  // Gram matrix ΘᵀΘ and Θᵀ dX (for the ridge path).
  const G = new Mat(p, p);
  const TdX = new Mat(p, d);
  if (opts.ridge > 0) {
    for (let i = 0; i < n; i++) {
      const ro = i * p;
      for (let a = 0; a < p; a++) {
        const ta = theta.data[ro + a]!;
        if (ta === 0) continue;
        for (let b = a; b < p; b++) G.data[a * p + b] = G.data[a * p + b]! + ta * theta.data[ro + b]!;
        for (let j = 0; j < d; j++) TdX.data[a * d + j] = TdX.data[a * d + j]! + ta * dX.data[i * d + j]!;
      }
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) G.data[a * p + b] = G.data[b * p + a]!;
  }
  const coef = new Mat(p, d);
  const supports: number[][] = [];
  const ys: Float64Array[] = [];
  const Tys: Float64Array[] = [];
  for (let j = 0; j < d; j++) {
    ys.push(dX.col(j));
    Tys.push(TdX.col(j));
    const all = Array.from({ length: p }, (_, i) => i);
    const x = fitSubset(theta, G, Tys[j]!, ys[j]!, all, opts.ridge);
    for (let a = 0; a < p; a++) coef.data[a * d + j] = x[a]!;
    supports.push(all);
  }
  let iterations = 0;
  let converged = false;
  while (iterations < opts.maxIter) {
    iterations++;
    let changed = false;
    for (let j = 0; j < d; j++) {
      const next = supports[j]!.filter((a) => Math.abs(coef.data[a * d + j]!) >= opts.threshold);
      if (next.length !== supports[j]!.length) changed = true;
      supports[j] = next;
      for (let a = 0; a < p; a++) coef.data[a * d + j] = 0;
      const x = fitSubset(theta, G, Tys[j]!, ys[j]!, next, opts.ridge);
      next.forEach((a, q) => {
        coef.data[a * d + j] = x[q]!;
      });
    }
    if (!changed) {
      converged = true;
      break;
    }
  }
  return { coef, iterations, converged };
}
