// Eigenvalues and eigenvectors of a small symmetric tridiagonal matrix T (diagonal `alpha`, off-diagonal
// `beta`), as needed by the Lanczos iteration in spectral-norm.ts.
// - Eigenvalues by bisection on the Sturm sequence count (Golub & Van Loan, "Matrix Computations",
//   4th ed., §8.4.1; Demmel, "Applied Numerical Linear Algebra", §5.3.4): backward stable, each
//   eigenvalue to within a few ulps of ‖T‖.
// - One eigenvector by inverse iteration (Golub & Van Loan §8.2.2) with the tridiagonal LU with
//   partial pivoting of LAPACK's dgttrf/dgttrs; zero pivots are replaced by eps·‖T‖.

const EPS = 2.220446049250313e-16;

/** Number of eigenvalues of T (size k) strictly below x (Sylvester's law of inertia on T − xI = LDLᵀ). */
export function sturmCount(alpha: Float64Array, beta: Float64Array, k: number, x: number): number {
  let count = 0;
  let d = alpha[0]! - x;
  if (d < 0) count++;
  for (let i = 1; i < k; i++) {
    if (d === 0) d = EPS * (Math.abs(x) + Math.abs(beta[i - 1]!)) || Number.MIN_VALUE;
    const b = beta[i - 1]!;
    d = alpha[i]! - x - (b * b) / d;
    if (d < 0) count++;
  }
  return count;
}

/** Gershgorin interval [lo, hi] containing every eigenvalue of T, and the bound max|row sum| = ‖T‖∞. */
export function gershgorin(alpha: Float64Array, beta: Float64Array, k: number): [number, number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  let norm = 0;
  for (let i = 0; i < k; i++) {
    const r = (i > 0 ? Math.abs(beta[i - 1]!) : 0) + (i < k - 1 ? Math.abs(beta[i]!) : 0);
    lo = Math.min(lo, alpha[i]! - r);
    hi = Math.max(hi, alpha[i]! + r);
    norm = Math.max(norm, Math.abs(alpha[i]!) + r);
  }
  return [lo, hi, norm];
}

/** The j-th smallest eigenvalue (j = 0 … k−1) of T of size k, by bisection to full precision. */
export function tridiagEigenvalue(alpha: Float64Array, beta: Float64Array, k: number, j: number): number {
  let [lo, hi, norm] = gershgorin(alpha, beta, k);
  const pad = EPS * norm * 4 + Number.MIN_VALUE;
  lo -= pad;
  hi += pad;
  // Invariant: count(lo) <= j < count(hi), so eigenvalue j lies in [lo, hi).
  for (let it = 0; it < 200; it++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (hi - lo <= 2 * EPS * Math.max(Math.abs(lo), Math.abs(hi)) + EPS * EPS * norm) break;
    if (sturmCount(alpha, beta, k, mid) > j) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * Unit eigenvector y of T (size k) for the (accurate) eigenvalue `theta`, by two steps of inverse
 * iteration; written into `y` (length ≥ k). `work` must have length ≥ 5k.
 */
export function tridiagEigenvector(
  alpha: Float64Array,
  beta: Float64Array,
  k: number,
  theta: number,
  y: Float64Array,
  work: Float64Array,
): void {
  if (k === 1) {
    y[0] = 1;
    return;
  }
  const [, , norm] = gershgorin(alpha, beta, k);
  const tiny = EPS * norm || Number.MIN_VALUE;
  // Factor T − θI = P L U (dgttrf): dl sub-diagonal multipliers, d diagonal of U, du and du2 the
  // first and second super-diagonals of U, piv[i] = 1 when rows i and i+1 were swapped.
  const dl = work.subarray(0, k);
  const d = work.subarray(k, 2 * k);
  const du = work.subarray(2 * k, 3 * k);
  const du2 = work.subarray(3 * k, 4 * k);
  const piv = work.subarray(4 * k, 5 * k);
  for (let i = 0; i < k; i++) {
    d[i] = alpha[i]! - theta;
    dl[i] = i < k - 1 ? beta[i]! : 0;
    du[i] = i < k - 1 ? beta[i]! : 0;
    du2[i] = 0;
    piv[i] = 0;
  }
  for (let i = 0; i < k - 1; i++) {
    if (Math.abs(d[i]!) >= Math.abs(dl[i]!)) {
      if (d[i] === 0) d[i] = tiny;
      const fact = dl[i]! / d[i]!;
      dl[i] = fact;
      d[i + 1] = d[i + 1]! - fact * du[i]!;
    } else {
      const fact = d[i]! / dl[i]!;
      d[i] = dl[i]!;
      dl[i] = fact;
      const temp = du[i]!;
      du[i] = d[i + 1]!;
      d[i + 1] = temp - fact * d[i + 1]!;
      if (i < k - 2) {
        du2[i] = du[i + 1]!;
        du[i + 1] = -fact * du[i + 1]!;
      }
      piv[i] = 1;
    }
  }
  if (d[k - 1] === 0) d[k - 1] = tiny;
  // Start vector: all ones (LAPACK dstein uses random; ones is safe after two solves).
  for (let i = 0; i < k; i++) y[i] = 1;
  for (let iter = 0; iter < 3; iter++) {
    // Solve L: apply the row interchanges and multipliers.
    for (let i = 0; i < k - 1; i++) {
      if (piv[i] === 0) {
        y[i + 1] = y[i + 1]! - dl[i]! * y[i]!;
      } else {
        const temp = y[i]!;
        y[i] = y[i + 1]!;
        y[i + 1] = temp - dl[i]! * y[i]!;
      }
    }
    // Solve U.
    y[k - 1] = y[k - 1]! / d[k - 1]!;
    y[k - 2] = (y[k - 2]! - du[k - 2]! * y[k - 1]!) / d[k - 2]!;
    for (let i = k - 3; i >= 0; i--) {
      y[i] = (y[i]! - du[i]! * y[i + 1]! - du2[i]! * y[i + 2]!) / d[i]!;
    }
    // Normalise (scale by the max first to avoid overflow).
    let mx = 0;
    for (let i = 0; i < k; i++) mx = Math.max(mx, Math.abs(y[i]!));
    let s = 0;
    for (let i = 0; i < k; i++) {
      y[i] = y[i]! / mx;
      s += y[i]! * y[i]!;
    }
    const inv = 1 / Math.sqrt(s);
    for (let i = 0; i < k; i++) y[i] = y[i]! * inv;
  }
}
