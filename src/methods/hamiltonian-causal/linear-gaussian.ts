// Closed forms for linear (Ornstein–Uhlenbeck) HCMs dx = (M x + c(t)) dt + sqrt(2D) dW, D diagonal:
// - stationary covariance from the Lyapunov equation M C + C Mᵀ + 2D = 0 (Kronecker form);
// - steady EP rate σ = tr(Mᵀ D⁻¹ M C) + tr(M) (spec §2.5, matching kdkyum/neep and tsuboshun/LearnEntropy);
// - exact-kernel Markov-pair EP and OU-vs-OU per-step kernel KL at a sampling interval Δt (spec §4.1 S3, S8);
// - moment ODEs (RK4) for path KL by Girsanov (spec §2.2), endpoint/cumulative ATE, and the 1-D time-dependent
//   OU EP σ = (D/Σ − a)² Σ / D (spec §2.5, S7). Matrix exponential by scaling and squaring with a Taylor series.
import { AnsatzError } from "../../core/errors.ts";
import { logDet, solve } from "../../core/linalg.ts";
import { Mat } from "../../core/matrix.ts";

function checkSquare(M: Mat, where: string): number {
  if (M.rows !== M.cols)
    throw AnsatzError.expected("bad-shape", where, "a square matrix", `${M.rows}×${M.cols}`);
  return M.rows;
}

function checkDiag(D: Float64Array, d: number, where: string): void {
  if (D.length !== d)
    throw AnsatzError.expected("bad-shape", where, `${d} diffusion constants`, `${D.length}`);
  for (let i = 0; i < d; i++) {
    if (!(D[i]! > 0 && Number.isFinite(D[i]!)))
      throw AnsatzError.expected("bad-value", `${where}[${i}]`, "D > 0", `${D[i]}`);
  }
}

function add(A: Mat, B: Mat, s = 1): Mat {
  const out = A.clone();
  for (let i = 0; i < out.data.length; i++) out.data[i] = out.data[i]! + s * B.data[i]!;
  return out;
}

function scale(A: Mat, s: number): Mat {
  const out = A.clone();
  for (let i = 0; i < out.data.length; i++) out.data[i] = out.data[i]! * s;
  return out;
}

function trace(A: Mat): number {
  let s = 0;
  for (let i = 0; i < A.rows; i++) s += A.get(i, i);
  return s;
}

function diagMat(D: Float64Array): Mat {
  const out = Mat.zeros(D.length, D.length);
  for (let i = 0; i < D.length; i++) out.set(i, i, D[i]!);
  return out;
}

/** Solves the continuous Lyapunov equation M C + C Mᵀ + Q = 0 for C (Kronecker form; small d). */
export function lyapunov(M: Mat, Q: Mat): Mat {
  const d = checkSquare(M, "lyapunov(M)");
  const n = d * d;
  const K = Mat.zeros(n, n);
  // vec index i*d + j for C[i][j]; (M C)_{ij} = Σ_k M_ik C_kj; (C Mᵀ)_{ij} = Σ_k C_ik M_jk.
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      const r = i * d + j;
      for (let k = 0; k < d; k++) {
        K.set(r, k * d + j, K.get(r, k * d + j) + M.get(i, k));
        K.set(r, i * d + k, K.get(r, i * d + k) + M.get(j, k));
      }
    }
  }
  const rhs = new Float64Array(n);
  for (let r = 0; r < n; r++) rhs[r] = -Q.data[r]!;
  const c = solve(K, rhs);
  const C = new Mat(d, d, c);
  return scale(add(C, C.transpose()), 0.5);
}

/** Stationary covariance C of dx = M x dt + sqrt(2D) dW (D diagonal): M C + C Mᵀ + 2D = 0. */
export function ouStationaryCovariance(M: Mat, D: Float64Array): Mat {
  const d = checkSquare(M, "ouStationaryCovariance(M)");
  checkDiag(D, d, "ouStationaryCovariance(D)");
  return lyapunov(M, scale(diagMat(D), 2));
}

/** Steady EP rate of a linear OU process: σ = tr(Mᵀ D⁻¹ M C) + tr(M) (spec §2.5). */
export function ouEntropyRate(M: Mat, D: Float64Array): number {
  const d = checkSquare(M, "ouEntropyRate(M)");
  checkDiag(D, d, "ouEntropyRate(D)");
  const C = ouStationaryCovariance(M, D);
  const Dinv = diagMat(D.map((v) => 1 / v));
  return trace(M.transpose().matmul(Dinv).matmul(M).matmul(C)) + trace(M);
}

/** Matrix exponential e^A by scaling and squaring with a degree-20 Taylor series (small, well-scaled A). */
export function expm(A: Mat): Mat {
  const d = checkSquare(A, "expm(A)");
  let norm = 0;
  for (let i = 0; i < d; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += Math.abs(A.get(i, j));
    norm = Math.max(norm, s);
  }
  const sq = norm > 0.5 ? Math.ceil(Math.log2(norm / 0.5)) : 0;
  const B = scale(A, 2 ** -sq);
  let term = Mat.eye(d);
  let sum = Mat.eye(d);
  for (let k = 1; k <= 20; k++) {
    term = scale(term.matmul(B), 1 / k);
    sum = add(sum, term);
  }
  for (let s = 0; s < sq; s++) sum = sum.matmul(sum);
  return sum;
}

/** KL(N(0, S1) || N(0, S2)) for covariance matrices. */
function klZeroMean(S1: Mat, S2: Mat): number {
  const d = S1.rows;
  return 0.5 * (trace(solve(S2, S1)) - d + logDet(S2) - logDet(S1));
}

/**
 * Exact EP per unit time of the stationary OU process sampled at Δt as a Markov pair:
 * KL(law of (x_t, x_{t+Δt}) || law of (x_{t+Δt}, x_t)) / Δt (spec §4.1 S3, S5; even variables).
 */
export function ouPairEntropyRate(M: Mat, D: Float64Array, dt: number): number {
  const d = checkSquare(M, "ouPairEntropyRate(M)");
  if (!(dt > 0)) throw AnsatzError.expected("bad-value", "ouPairEntropyRate(dt)", "Δt > 0", `${dt}`);
  const C = ouStationaryCovariance(M, D);
  const A = expm(scale(M, dt));
  const AC = A.matmul(C); // cov(x_{t+Δt}, x_t)
  const CAt = AC.transpose();
  const f = Mat.zeros(2 * d, 2 * d);
  const r = Mat.zeros(2 * d, 2 * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      f.set(i, j, C.get(i, j));
      f.set(d + i, d + j, C.get(i, j));
      f.set(i, d + j, CAt.get(i, j));
      f.set(d + i, j, AC.get(i, j));
      r.set(i, j, C.get(i, j));
      r.set(d + i, d + j, C.get(i, j));
      r.set(i, d + j, AC.get(i, j));
      r.set(d + i, j, CAt.get(i, j));
    }
  }
  return klZeroMean(f, r) / dt;
}

/** Transition-kernel covariance S = ∫_0^Δt e^{Ms} 2D e^{Mᵀs} ds = C − A C Aᵀ for a stable M. */
function kernelCovariance(M: Mat, D: Float64Array, dt: number): { A: Mat; S: Mat; C: Mat } {
  const C = ouStationaryCovariance(M, D);
  const A = expm(scale(M, dt));
  const S = add(C, A.matmul(C).matmul(A.transpose()), -1);
  return { A, S, C };
}

/**
 * Exact discrete path KL per unit time between two stable OU processes sampled at Δt, paths from the
 * stationary law of P1: E_{x~C1} KL(N(A1x, S1) || N(A2x, S2)) / Δt (spec §4.1 S8).
 */
export function ouKernelKlRate(M1: Mat, M2: Mat, D: Float64Array, dt: number): number {
  const k1 = kernelCovariance(M1, D, dt);
  const k2 = kernelCovariance(M2, D, dt);
  const dA = add(k1.A, k2.A, -1);
  const extra = trace(dA.transpose().matmul(solve(k2.S, dA)).matmul(k1.C));
  return (klZeroMean(k1.S, k2.S) + 0.5 * extra) / dt;
}

/** Linear-Gaussian arm: drift b(x, t) = M x + c(t), shared diagonal D, initial N(mu0, S0). */
export interface LinearArm {
  M: Mat;
  c: (t: number) => Float64Array;
}

/** Result of the moment-ODE calculation of two linear arms sharing D and the initial law. */
export interface LinearEffects {
  /** D_KL(P1 || P2) over [0, τ] by Girsanov (spec §2.2); initial laws equal so KL_0 = 0. */
  pathKl: number;
  /** E^1[x_τ] − E^2[x_τ] per coordinate. */
  ateEnd: Float64Array;
  /** E^1[∫ x dt] − E^2[∫ x dt] per coordinate. */
  ateCum: Float64Array;
  /** Means of both arms at τ. */
  mean1: Float64Array;
  mean2: Float64Array;
  /** Covariance of arm 1 at τ. */
  cov1: Mat;
}

/**
 * Integrates the moments of two linear arms by RK4 (step h) from N(mu0, S0) over [0, τ] and returns
 * the Girsanov path KL ∫ E_1[(ΔM x + Δc)ᵀ D⁻¹ (ΔM x + Δc)]/4 dt and the endpoint and cumulative ATE of x.
 */
export function linearEffects(
  arm1: LinearArm,
  arm2: LinearArm,
  D: Float64Array,
  mu0: Float64Array,
  S0: Mat,
  tau: number,
  h = 1e-3,
): LinearEffects {
  const d = checkSquare(arm1.M, "linearEffects(arm1.M)");
  checkDiag(D, d, "linearEffects(D)");
  if (!(tau > 0 && h > 0))
    throw AnsatzError.expected("bad-value", "linearEffects(tau, h)", "τ > 0 and h > 0", `${tau}, ${h}`);
  const nStep = Math.max(1, Math.round(tau / h));
  const hh = tau / nStep;
  // State: [mu1 (d), S1 (d²), mu2 (d), cum1 (d), cum2 (d), kl (1)]
  const n = 4 * d + d * d + 1;
  const y = new Float64Array(n);
  y.set(mu0, 0);
  y.set(S0.data, d);
  y.set(mu0, d + d * d);
  const M1 = arm1.M;
  const M2 = arm2.M;
  const rhs = (t: number, s: Float64Array, out: Float64Array): void => {
    const c1 = arm1.c(t);
    const c2 = arm2.c(t);
    const mu1 = s.subarray(0, d);
    const S = new Mat(d, d, s.slice(d, d + d * d));
    const mu2 = s.subarray(d + d * d, 2 * d + d * d);
    for (let i = 0; i < d; i++) {
      let a = c1[i]!;
      let b = c2[i]!;
      for (let k = 0; k < d; k++) {
        a += M1.get(i, k) * mu1[k]!;
        b += M2.get(i, k) * mu2[k]!;
      }
      out[i] = a;
      out[d + d * d + i] = b;
      out[2 * d + d * d + i] = mu1[i]!;
      out[3 * d + d * d + i] = mu2[i]!;
    }
    const MS = M1.matmul(S);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++)
        out[d + i * d + j] = MS.get(i, j) + MS.get(j, i) + (i === j ? 2 * D[i]! : 0);
    }
    // E[(ΔM x + Δc)ᵀ D⁻¹ (ΔM x + Δc)] with x ~ N(mu1, S)
    let q = 0;
    for (let i = 0; i < d; i++) {
      let mean = c1[i]! - c2[i]!;
      for (let k = 0; k < d; k++) mean += (M1.get(i, k) - M2.get(i, k)) * mu1[k]!;
      let v = 0;
      for (let k = 0; k < d; k++) {
        for (let l = 0; l < d; l++)
          v += (M1.get(i, k) - M2.get(i, k)) * S.get(k, l) * (M1.get(i, l) - M2.get(i, l));
      }
      q += (mean * mean + v) / D[i]!;
    }
    out[n - 1] = q / 4;
  };
  const k1 = new Float64Array(n);
  const k2 = new Float64Array(n);
  const k3 = new Float64Array(n);
  const k4 = new Float64Array(n);
  const tmp = new Float64Array(n);
  for (let s = 0; s < nStep; s++) {
    const t = s * hh;
    rhs(t, y, k1);
    for (let i = 0; i < n; i++) tmp[i] = y[i]! + 0.5 * hh * k1[i]!;
    rhs(t + 0.5 * hh, tmp, k2);
    for (let i = 0; i < n; i++) tmp[i] = y[i]! + 0.5 * hh * k2[i]!;
    rhs(t + 0.5 * hh, tmp, k3);
    for (let i = 0; i < n; i++) tmp[i] = y[i]! + hh * k3[i]!;
    rhs(t + hh, tmp, k4);
    for (let i = 0; i < n; i++) y[i] = y[i]! + (hh / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!);
  }
  const mean1 = y.slice(0, d);
  const mean2 = y.slice(d + d * d, 2 * d + d * d);
  const ateEnd = new Float64Array(d);
  const ateCum = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    ateEnd[i] = mean1[i]! - mean2[i]!;
    ateCum[i] = y[2 * d + d * d + i]! - y[3 * d + d * d + i]!;
  }
  return { pathKl: y[n - 1]!, ateEnd, ateCum, mean1, mean2, cov1: new Mat(d, d, y.slice(d, d + d * d)) };
}

/**
 * 1-D time-dependent OU dx = −a(t) x dt + sqrt(2D) dW from variance v0: RK4 (step h) on Σ' = −2aΣ + 2D
 * with σ(t) = (D/Σ − a)² Σ / D (spec §2.5). Returns σ at tEnd and ∫_0^tEnd σ dt.
 */
export function ou1dTimeDependentEntropy(
  a: (t: number) => number,
  D: number,
  v0: number,
  tEnd: number,
  h = 1e-4,
): { rate: number; total: number } {
  if (!(D > 0 && v0 > 0 && tEnd >= 0 && h > 0)) {
    throw AnsatzError.expected(
      "bad-value",
      "ou1dTimeDependentEntropy",
      "D > 0, v0 > 0, tEnd ≥ 0, h > 0",
      `${D}, ${v0}, ${tEnd}, ${h}`,
    );
  }
  const sigma = (t: number, v: number): number => ((D / v - a(t)) ** 2 * v) / D;
  const f = (t: number, y0: number): [number, number] => [-2 * a(t) * y0 + 2 * D, sigma(t, y0)];
  const nStep = Math.round(tEnd / h);
  const hh = nStep > 0 ? tEnd / nStep : 0;
  let v = v0;
  let total = 0;
  for (let s = 0; s < nStep; s++) {
    const t = s * hh;
    const [a1, b1] = f(t, v);
    const [a2, b2] = f(t + hh / 2, v + (hh / 2) * a1);
    const [a3, b3] = f(t + hh / 2, v + (hh / 2) * a2);
    const [a4, b4] = f(t + hh, v + hh * a3);
    v += (hh / 6) * (a1 + 2 * a2 + 2 * a3 + a4);
    total += (hh / 6) * (b1 + 2 * b2 + 2 * b3 + b4);
  }
  return { rate: sigma(tEnd, v), total };
}
