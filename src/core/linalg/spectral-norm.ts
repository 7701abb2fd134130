// Spectral norm ‖A‖₂ = largest singular value of A (numpy's `np.linalg.norm(A, 2)`).
//
// Method: the Lanczos iteration with full reorthogonalisation (Golub & Van Loan, "Matrix
// Computations", 4th ed., §10.1; Paige 1971) on the smaller Gram operator, never formed: for
// m ≥ n, G = AᵀA applied as w = Aᵀ(Aq) in one pass over the rows of A (row i contributes
// (aᵢ·q)·aᵢ); for m < n, G = AAᵀ applied as w = A(Aᵀq) in two passes.
// The largest eigenvalue θ of the Lanczos tridiagonal T_k is computed by Sturm bisection and its
// eigenvector y by inverse iteration (tridiagonal.ts). Stopping rule: the Ritz pair residual
// r = β_k·|y_k| = ‖G x − θ x‖ (Golub & Van Loan eq. 10.1.14) satisfies r ≤ 1e-15·θ, so an eigenvalue
// of G lies within 1e-15·θ of θ (Parlett, "The Symmetric Eigenvalue Problem", Thm 4.5.1), or the
// Krylov space is invariant (k = min(m, n) or β_k ≤ eps²·θ). A gap-based test (r²/gap) is not used:
// a near-double top singular value that the Krylov space has not yet resolved is invisible in the
// Ritz values, and such a test then stops up to r too early.
// Finish: σ = ‖A x‖/‖x‖ (m ≥ n) or ‖Aᵀx‖/‖x‖ (m < n) for the Ritz vector x = Q_k y — a Rayleigh
// quotient with A itself, whose error is quadratic in the angle between x and the top singular
// vector — with compensated dot products (Dot2), so the finish adds only a few ulps.
//
// The start vector is a fixed pseudo-random vector (a 32-bit xorshift with a fixed seed), so the
// result is deterministic. Entries are rescaled by a power of two when max|a_ij| is outside
// [1e-150, 1e150], so ‖A‖² neither overflows nor underflows.
import type { Mat } from "../matrix.ts";
import { assertMat } from "./guard.ts";
import { tridiagEigenvalue, tridiagEigenvector } from "./tridiagonal.ts";

const EPS = 2.220446049250313e-16;

/** w = Aᵀ(A q) for row-major A (m × n); q and w have length n. */
function gramApplyCols(a: Float64Array, m: number, n: number, q: Float64Array, w: Float64Array): void {
  w.fill(0);
  for (let i = 0; i < m; i++) {
    const s = dot(a, q, i * n, n);
    if (s === 0) continue;
    const off = i * n;
    for (let j = 0; j < n; j++) w[j] = w[j]! + s * a[off + j]!;
  }
}

/** w = A(Aᵀ q) for row-major A (m × n); q and w have length m, t (length n) is scratch. */
function gramApplyRows(
  a: Float64Array,
  m: number,
  n: number,
  q: Float64Array,
  w: Float64Array,
  t: Float64Array,
): void {
  t.fill(0);
  for (let i = 0; i < m; i++) {
    const c = q[i]!;
    if (c === 0) continue;
    const off = i * n;
    for (let j = 0; j < n; j++) t[j] = t[j]! + c * a[off + j]!;
  }
  for (let i = 0; i < m; i++) w[i] = dot(a, t, i * n, n);
}

/** Σ x[xo+j]·y[j], j < n, with four partial sums. */
function dot(x: Float64Array, y: Float64Array, xo: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < n; j += 4) {
    s0 += x[xo + j]! * y[j]!;
    s1 += x[xo + j + 1]! * y[j + 1]!;
    s2 += x[xo + j + 2]! * y[j + 2]!;
    s3 += x[xo + j + 3]! * y[j + 3]!;
  }
  for (; j < n; j++) s0 += x[xo + j]! * y[j]!;
  return s0 + s1 + (s2 + s3);
}

const SPLIT = 134217729; // 2^27 + 1, Dekker's splitting constant

/**
 * Σ x[xo+i]·y[yo+i] in twice the working precision: Ogita, Rump & Oishi, "Accurate sum and dot
 * product", SIAM J. Sci. Comput. 26(6), 2005, Algorithm 5.3 (Dot2), with Dekker's TwoProduct and
 * Knuth's TwoSum. The result is as accurate as if computed in quadruple precision, then rounded.
 */
export function dot2(x: Float64Array, xo: number, y: Float64Array, yo: number, n: number): number {
  return dot2Strided(x, xo, 1, y, yo, 1, n);
}

/** Dot2 on strided vectors: Σ_i x[xo + i·xs]·y[yo + i·ys], i < n. */
export function dot2Strided(
  x: Float64Array,
  xo: number,
  xs: number,
  y: Float64Array,
  yo: number,
  ys: number,
  n: number,
): number {
  let p = 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const a = x[xo + i * xs]!;
    const b = y[yo + i * ys]!;
    const h = a * b;
    let t = SPLIT * a;
    const a1 = t - (t - a);
    const a2 = a - a1;
    t = SPLIT * b;
    const b1 = t - (t - b);
    const b2 = b - b1;
    const r = a2 * b2 - (h - a1 * b1 - a2 * b1 - a1 * b2);
    const sum = p + h;
    const z = sum - p;
    const q = p - (sum - z) + (h - z);
    p = sum;
    s += q + r;
  }
  return p + s;
}

function norm2(x: Float64Array): number {
  let mx = 0;
  for (let i = 0; i < x.length; i++) mx = Math.max(mx, Math.abs(x[i]!));
  if (mx === 0) return 0;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]! / mx;
    s += v * v;
  }
  return mx * Math.sqrt(s);
}

/** Result of the Lanczos run, for tests and diagnostics. */
export interface SpectralNormInfo {
  /** ‖A‖₂ (the Rayleigh-quotient finish ‖Ax‖/‖x‖). */
  norm: number;
  /** √θ₁ from the Lanczos tridiagonal (agrees with `norm` to rounding). */
  ritzNorm: number;
  /** Lanczos steps taken (Krylov dimension). */
  steps: number;
  /** Final residual estimate r / θ₁ (relative). */
  relResidual: number;
}

/** Largest singular value of A (numpy `np.linalg.norm(A, 2)`); 0 for an empty or zero matrix. */
export function spectralNorm(A: Mat): number {
  return spectralNormInfo(A).norm;
}

/** spectralNorm with the Lanczos diagnostics (steps, residual, both estimates). */
export function spectralNormInfo(A: Mat): SpectralNormInfo {
  assertMat(A, "spectralNorm(A)");
  const m = A.rows;
  const n = A.cols;
  let a = A.data;
  let maxAbs = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]!);
    if (v > maxAbs) maxAbs = v;
  }
  if (m === 0 || n === 0 || maxAbs === 0) return { norm: 0, ritzNorm: 0, steps: 0, relResidual: 0 };
  let scale = 1;
  if (maxAbs > 1e150 || maxAbs < 1e-150) {
    scale = 2 ** Math.round(Math.log2(maxAbs));
    a = a.map((v) => v / scale);
  }

  // Krylov dimension d = min(m, n): the smaller Gram matrix.
  const d = Math.min(m, n);
  const byRows = m < n;
  const scratch = new Float64Array(byRows ? n : 0);
  let cap = Math.min(d, 32);
  let Q = new Float64Array(cap * d);
  let alpha = new Float64Array(cap);
  let beta = new Float64Array(cap);
  let ywork = new Float64Array(cap);
  let work = new Float64Array(5 * cap);
  const w = new Float64Array(d);

  // Fixed pseudo-random start vector (xorshift32), normalised.
  let state = 0x9e3779b9;
  for (let j = 0; j < d; j++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    Q[j] = (state >>> 0) / 4294967296 - 0.5;
  }
  {
    const nq = norm2(Q.subarray(0, d));
    for (let j = 0; j < d; j++) Q[j] = Q[j]! / nq;
  }

  let k = 0; // number of Lanczos vectors whose T entries are complete
  let theta = 0;
  let relResidual = 1;
  for (;;) {
    const q = Q.subarray(k * d, (k + 1) * d);
    if (byRows) gramApplyRows(a, m, n, q, w, scratch);
    else gramApplyCols(a, m, n, q, w);
    alpha[k] = dot(Q, w, k * d, d);
    // Full reorthogonalisation against q_0 … q_k, twice (classical Gram–Schmidt twice is enough:
    // Giraud, Langou, Rozložník 2005). This also removes α_k q_k and β_{k−1} q_{k−1}.
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j <= k; j++) {
        const c = dot(Q, w, j * d, d);
        if (c === 0) continue;
        const off = j * d;
        for (let i = 0; i < d; i++) w[i] = w[i]! - c * Q[off + i]!;
      }
    }
    const b = norm2(w);
    beta[k] = b;
    k++;

    theta = tridiagEigenvalue(alpha, beta, k, k - 1);
    tridiagEigenvector(alpha, beta, k, theta, ywork, work);
    const r = b * Math.abs(ywork[k - 1]!);
    relResidual = theta > 0 ? r / theta : 0;
    // Converged when some eigenvalue of G lies within r ≤ 1e-15·θ of θ (no gap-based test: a gap
    // estimated from the Ritz values cannot see an unresolved cluster at the top of the spectrum).
    const converged = k >= d || b <= EPS * EPS * theta || r <= 1e-15 * theta;
    if (converged || b === 0) break;

    if (k === cap) {
      const newCap = Math.min(d, cap * 2);
      const Q2 = new Float64Array(newCap * d);
      Q2.set(Q);
      Q = Q2;
      const a2 = new Float64Array(newCap);
      a2.set(alpha);
      alpha = a2;
      const b2 = new Float64Array(newCap);
      b2.set(beta);
      beta = b2;
      ywork = new Float64Array(newCap);
      work = new Float64Array(5 * newCap);
      cap = newCap;
    }
    const off = k * d;
    for (let i = 0; i < d; i++) Q[off + i] = w[i]! / b;
  }

  // Ritz vector x = Q_k y and the Rayleigh-quotient finish ‖A x‖/‖x‖ (or ‖Aᵀx‖/‖x‖), with
  // compensated dot products (Dot2) so that the finish adds only a few ulps of rounding.
  const x = new Float64Array(d);
  for (let j = 0; j < k; j++) {
    const c = ywork[j]!;
    const off = j * d;
    for (let i = 0; i < d; i++) x[i] = x[i]! + c * Q[off + i]!;
  }
  let ax: Float64Array;
  if (byRows) {
    ax = new Float64Array(n);
    for (let j = 0; j < n; j++) ax[j] = dot2Strided(a, j, n, x, 0, 1, m);
  } else {
    ax = new Float64Array(m);
    for (let i = 0; i < m; i++) ax[i] = dot2(a, i * n, x, 0, n);
  }
  const sigma = Math.sqrt(dot2(ax, 0, ax, 0, ax.length) / dot2(x, 0, x, 0, d)) * scale;
  const ritzNorm = Math.sqrt(Math.max(theta, 0)) * scale;
  return { norm: sigma, ritzNorm, steps: k, relResidual };
}
