// Eigen-decompositions through ml-matrix's EigenvalueDecomposition (the EISPACK/JAMA algorithms:
// tred2 + tql2 for symmetric matrices, orthes + hqr2 for general ones; Golub & Van Loan, "Matrix
// Computations", 4th ed., §8.3 and §7.5).
// - eigSym: A is symmetrised as (A + Aᵀ)/2 after a symmetry check; eigenvalues sorted descending;
//   each eigenvector (a column of `vectors`) is scaled so its largest-magnitude entry is positive.
// - eig: before hqr2 the matrix is balanced by a diagonal similarity D⁻¹AD with powers of two
//   (the scaling step of LAPACK dgebal: Parlett & Reinsch, Numer. Math. 13, 1969; James, Langou &
//   Lowery, "On matrix balancing and eigenvector computation", 2014), which is exact and improves
//   the accuracy of eigenvalues of badly scaled matrices (JAMA itself does not balance). Eigenvalues
//   are returned in hqr2's order, complex-conjugate pairs adjacent with the positive imaginary part
//   first. Eigenvectors (columns) are normalised to unit 2-norm with their largest-modulus entry real
//   and positive, like LAPACK dgeev up to that sign.
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { Mat } from "../matrix.ts";
import { assertSquare, assertSymmetric } from "./guard.ts";

export interface EigSym {
  /** Eigenvalues, descending. */
  values: Float64Array;
  /** n × n orthonormal eigenvectors; column j belongs to values[j]. */
  vectors: Mat;
}

/** Symmetric eigen-decomposition A = V diag(values) Vᵀ, eigenvalues descending. */
export function eigSym(A: Mat): EigSym {
  assertSquare(A, "eigSym(A)");
  assertSymmetric(A, "eigSym(A)");
  const n = A.rows;
  if (n === 0) return { values: new Float64Array(0), vectors: new Mat(0, 0) };
  const S = new Matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) S.set(i, j, 0.5 * (A.data[i * n + j]! + A.data[j * n + i]!));
  }
  const d = new EigenvalueDecomposition(S, { assumeSymmetric: true });
  const vals = d.realEigenvalues;
  const Vm = d.eigenvectorMatrix;
  const order = Array.from({ length: n }, (_, i) => i).sort((p, q) => vals[q]! - vals[p]!);
  const values = new Float64Array(n);
  const vectors = new Mat(n, n);
  for (let c = 0; c < n; c++) {
    const src = order[c]!;
    values[c] = vals[src]!;
    let big = 0;
    let sign = 1;
    for (let i = 0; i < n; i++) {
      const v = Vm.get(i, src);
      if (Math.abs(v) > big) {
        big = Math.abs(v);
        sign = v < 0 ? -1 : 1;
      }
    }
    for (let i = 0; i < n; i++) vectors.data[i * n + c] = sign * Vm.get(i, src);
  }
  return { values, vectors };
}

export interface Eig {
  /** Real parts of the eigenvalues. */
  re: Float64Array;
  /** Imaginary parts of the eigenvalues (0 for real ones). */
  im: Float64Array;
  /** n × n real parts of the eigenvectors; column j belongs to eigenvalue j. */
  vectorsRe: Mat;
  /** n × n imaginary parts of the eigenvectors. */
  vectorsIm: Mat;
}

/**
 * Balancing (scaling only) as in LAPACK dgebal with job 'S': returns the diagonal D (powers of two)
 * and overwrites `a` (row-major n × n) with D⁻¹ A D.
 */
export function balance(a: Float64Array, n: number): Float64Array {
  const scale = new Float64Array(n).fill(1);
  const radix = 2;
  const sfmin1 = 2.2250738585072014e-308 / 2.220446049250313e-16;
  const sfmax1 = 1 / sfmin1;
  const sfmin2 = sfmin1 * radix;
  const sfmax2 = 1 / sfmin2;
  let noconv = true;
  let sweeps = 0;
  while (noconv && sweeps < 100) {
    noconv = false;
    sweeps++;
    for (let i = 0; i < n; i++) {
      let c = 0;
      let r = 0;
      let ca = 0;
      let ra = 0;
      for (let k = 0; k < n; k++) {
        const vc = a[k * n + i]!;
        const vr = a[i * n + k]!;
        c += vc * vc;
        r += vr * vr;
        ca = Math.max(ca, Math.abs(vc));
        ra = Math.max(ra, Math.abs(vr));
      }
      c = Math.sqrt(c);
      r = Math.sqrt(r);
      if (c === 0 || r === 0) continue;
      let g = r / radix;
      let f = 1;
      const s = c + r;
      while (c < g && Math.max(f, c, ca) < sfmax2 && Math.min(r, g, ra) > sfmin2) {
        f *= radix;
        c *= radix;
        ca *= radix;
        r /= radix;
        g /= radix;
        ra /= radix;
      }
      g = c / radix;
      while (g >= r && Math.max(r, ra) < sfmax2 && Math.min(f, c, g, ca) > sfmin2) {
        f /= radix;
        c /= radix;
        g /= radix;
        ca /= radix;
        r *= radix;
        ra *= radix;
      }
      if (c + r >= 0.95 * s) continue;
      if (f < 1 && scale[i]! < 1 && f * scale[i]! <= sfmin1) continue;
      if (f > 1 && scale[i]! > 1 && scale[i]! >= sfmax1 / f) continue;
      scale[i] = scale[i]! * f;
      noconv = true;
      const gi = 1 / f;
      for (let k = 0; k < n; k++) a[i * n + k] = a[i * n + k]! * gi;
      for (let k = 0; k < n; k++) a[k * n + i] = a[k * n + i]! * f;
    }
  }
  return scale;
}

/** General real eigen-decomposition A v = λ v with complex eigenvalues and eigenvectors (split re/im). */
export function eig(A: Mat): Eig {
  assertSquare(A, "eig(A)");
  const n = A.rows;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const vectorsRe = new Mat(n, n);
  const vectorsIm = new Mat(n, n);
  if (n === 0) return { re, im, vectorsRe, vectorsIm };
  const b = A.data.slice();
  const scale = balance(b, n);
  const B = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) B.set(i, j, b[i * n + j]!);
  const d = new EigenvalueDecomposition(B);
  const dr = d.realEigenvalues;
  const di = d.imaginaryEigenvalues;
  const V = d.eigenvectorMatrix;
  const vr = vectorsRe.data;
  const vi = vectorsIm.data;
  for (let j = 0; j < n; j++) {
    re[j] = dr[j]!;
    im[j] = di[j]!;
  }
  let j = 0;
  while (j < n) {
    if (im[j] === 0 || j === n - 1) {
      for (let i = 0; i < n; i++) vr[i * n + j] = scale[i]! * V.get(i, j);
      j++;
    } else {
      // Columns j, j+1 of V hold Re and Im of the eigenvector of re[j] + i·im[j] (JAMA: A V = V D
      // with the 2×2 block [[λ, μ], [−μ, λ]], μ = im[j]); column j+1 is its conjugate.
      const sgn = im[j]! > 0 ? 1 : -1;
      for (let i = 0; i < n; i++) {
        const x = scale[i]! * V.get(i, j);
        const y = sgn * scale[i]! * V.get(i, j + 1);
        vr[i * n + j] = x;
        vi[i * n + j] = y;
        vr[i * n + j + 1] = x;
        vi[i * n + j + 1] = -y;
      }
      j += 2;
    }
  }
  // Normalise: unit 2-norm, largest-modulus entry real and positive.
  for (let c = 0; c < n; c++) {
    let big = -1;
    let bi = 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const x = vr[i * n + c]!;
      const y = vi[i * n + c]!;
      const m2 = x * x + y * y;
      ss += m2;
      if (m2 > big * (1 + 1e-12)) {
        big = m2;
        bi = i;
      }
    }
    const nrm = Math.sqrt(ss);
    if (nrm === 0) continue;
    const pr = vr[bi * n + c]!;
    const pi = vi[bi * n + c]!;
    const pm = Math.hypot(pr, pi);
    // Multiply by conj(p)/|p| / nrm.
    const fr = pr / pm / nrm;
    const fi = -pi / pm / nrm;
    for (let i = 0; i < n; i++) {
      const x = vr[i * n + c]!;
      const y = vi[i * n + c]!;
      vr[i * n + c] = x * fr - y * fi;
      vi[i * n + c] = x * fi + y * fr;
    }
    vi[bi * n + c] = 0;
  }
  return { re, im, vectorsRe, vectorsIm };
}
