// Exact dynamic mode decomposition as a CTF forecast model (Tu, Rowley, Luchtenburg, Brunton & Kutz,
// "On dynamic mode decomposition: theory and applications", J. Comput. Dyn. 1(2), 2014, Algorithm 2;
// Kutz, Brunton, Brunton & Proctor, "Dynamic Mode Decomposition", SIAM 2016, §1.3):
//   snapshots X = [x_0 … x_{m−1}], Y = [x_1 … x_m] (columns are states; CTF rows transposed),
//   X ≈ U Σ Vᵀ truncated to rank r,  Ã = Uᵀ Y V Σ⁻¹,  Ã W = W Λ (complex, core `eig`),
//   exact modes Φ = Y V Σ⁻¹ W,  amplitudes b = argmin ‖Φ b − x_start‖,  forecast x_k = Re(Φ Λ^k b).
// Rank: `rank` when given, else the smallest r whose leading σ² hold `energy` of ‖X‖_F², capped by
// `maxRank`. The SVD is exact (core `svd`) when min(n, m) ≤ 200, else a randomized range finder
// (Halko, Martinsson & Tropp, SIAM Rev. 53(2), 2011, Alg. 4.3 with an orthonormalisation after each
// power iteration: maxRank + 10 Gaussian probes, 3 iterations) seeded from the run's seed, followed by the exact SVD of QᵀX.
// Amplitudes: with B = Y V Σ⁻¹ = Q_B R_B (modified Gram–Schmidt, twice), ‖Φ b − x‖ is minimised by the
// r×r complex least-squares problem (R_B W) b = Q_Bᵀ x, solved in real form with core `lstsq`.
// Our choices (stated): `center` subtracts the training mean per column before the fit and adds it back;
// `stabilize` (default true) projects eigenvalues with |λ| > 1 to the unit circle so long horizons stay
// bounded; pairs 8/9 fit on the transitions inside each of the three training matrices and inside the
// burn-in (never across matrices) and start from the burn-in's last row; pairs 2/4 (reconstruction)
// return each noisy row projected onto the rank-r POD basis of the fit, mean + U Uᵀ (x − mean).
import { z } from "zod";
import { AnsatzError } from "../../../core/errors.ts";
import { eig, type Gemm, lstsq, randomizedSvd, svd } from "../../../core/linalg.ts";
import { Mat } from "../../../core/matrix.ts";
import { Rng } from "../../../core/random.ts";
import { getMatmulKernel } from "../../../engine/index.ts";
import { boolField, intField, numberField, parseModelConfig } from "../../model-config.ts";
import type { ForecastModel, ForecastTask } from "../forecast-model.ts";
import { columnMean, startMatrix } from "./naive.ts";
import { checkTask } from "./task-check.ts";

// ---------------------------------------------------------------------------------------------
// Dense helpers (row-major Float64Array through the engine's matmul kernel)

/** C (m×n) = op(A)·op(B), see MatmulKernel (transA: `a` stored k×m; transB: `b` stored n×k). */
export function matmulF64(
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
  transA = false,
  transB = false,
): Float64Array {
  const c = new Float64Array(m * n);
  if (m > 0 && n > 0) getMatmulKernel("float64").matmul(a, b, c, m, k, n, transA, transB);
  return c;
}

/**
 * Thin QR of an n×k matrix by modified Gram–Schmidt applied twice ("twice is enough", Giraud et al.
 * 2005); Q (n×k) has orthonormal columns, R is k×k upper triangular. A zero column stays zero in Q.
 */
export function mgsQr(A: Mat): { Q: Mat; R: Mat } {
  const { rows: n, cols: k } = A;
  // work on Aᵀ so that each column is a contiguous row
  const T = A.transpose();
  const q = T.data;
  const R = new Mat(k, k);
  for (let j = 0; j < k; j++) {
    const oj = j * n;
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < j; i++) {
        const oi = i * n;
        let d = 0;
        for (let t = 0; t < n; t++) d += q[oi + t]! * q[oj + t]!;
        R.data[i * k + j]! += d;
        for (let t = 0; t < n; t++) q[oj + t]! -= d * q[oi + t]!;
      }
    }
    let nrm = 0;
    for (let t = 0; t < n; t++) nrm += q[oj + t]! ** 2;
    nrm = Math.sqrt(nrm);
    R.data[j * k + j] = nrm;
    const inv = nrm > 0 ? 1 / nrm : 0;
    for (let t = 0; t < n; t++) q[oj + t]! *= inv;
  }
  return { Q: T.transpose(), R };
}

/** A rank-k truncated SVD X ≈ U diag(s) Vᵀ (U n×k, V m×k) and ‖X‖_F². */
export interface TruncatedSvd {
  U: Mat;
  s: Float64Array;
  V: Mat;
  /** ‖X‖_F², for energy fractions. */
  total: number;
}

const EXACT_SVD_LIMIT = 200;

/**
 * The leading `k` singular triplets of X (n×m): exact when min(n, m) ≤ 200, else randomized
 * (Halko et al. 2011, 10 extra probes, 3 power iterations) with `rng`.
 */
export function truncatedSvd(X: Mat, k: number, rng: Rng): TruncatedSvd {
  const { rows: n, cols: m } = X;
  let total = 0;
  for (let i = 0; i < X.data.length; i++) total += X.data[i]! ** 2;
  const kk = Math.min(k, n, m);
  const take = (d: { U: Mat; s: Float64Array; V: Mat }, r: number): TruncatedSvd => ({
    U: keepCols(d.U, r),
    s: d.s.slice(0, r),
    V: keepCols(d.V, r),
    total,
  });
  if (Math.min(n, m) <= EXACT_SVD_LIMIT) return take(svd(X), kk);
  // range of X: Q = orth((X Xᵀ)^3 X Ω), Ω with 10 extra probes
  return take(randomizedSvd(X, kk, rng, { oversample: 10, powerIterations: 3, gemm: f64Gemm }), kk);
}

const f64Gemm: Gemm = (a, b, c, m, k, n, transA, transB) =>
  getMatmulKernel("float64").matmul(a, b, c, m, k, n, transA, transB);

function keepCols(A: Mat, r: number): Mat {
  if (A.cols === r) return A;
  const out = new Mat(A.rows, r);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < r; j++) out.data[i * r + j] = A.data[i * A.cols + j]!;
  }
  return out;
}

/** The rank that keeps `energy` of the total squared singular values (at least 1, at most s.length). */
export function energyRank(s: Float64Array, total: number, energy: number): number {
  let acc = 0;
  for (let i = 0; i < s.length; i++) {
    acc += s[i]! ** 2;
    if (acc >= energy * total * (1 - 1e-15)) return i + 1;
  }
  return Math.max(1, s.length);
}

// ---------------------------------------------------------------------------------------------
// The DMD fit

/** A fitted exact DMD: eigenvalues λ, modes Φ (n×r complex), and the POD basis U (n×r) of X. */
export interface DmdFit {
  rank: number;
  eigRe: Float64Array;
  eigIm: Float64Array;
  modesRe: Mat;
  modesIm: Mat;
  /** B = Y V Σ⁻¹ (n×r), Φ = B W. */
  B: Mat;
  /** Eigenvectors W of Ã (r×r, complex). */
  WRe: Mat;
  WIm: Mat;
  /** POD basis of X (n×r). */
  U: Mat;
  /** Singular values kept. */
  s: Float64Array;
}

export interface DmdOptions {
  /** Fixed rank, or null to choose by `energy`. */
  rank: number | null;
  /** Energy fraction for the automatic rank. */
  energy: number;
  /** Upper bound of the rank. */
  maxRank: number;
  /** Randomness of the randomized SVD (used only when min(n, m) > 200). */
  rng: Rng;
}

/** Exact DMD (Tu et al. 2014, Alg. 2) of the snapshot pairs X → Y (both n×m, columns are states). */
export function fitDmd(X: Mat, Y: Mat, opts: DmdOptions): DmdFit {
  if (X.rows !== Y.rows || X.cols !== Y.cols) {
    throw AnsatzError.expected(
      "bad-shape",
      "fitDmd(Y)",
      `shape [${X.rows}, ${X.cols}] like X`,
      `[${Y.rows}, ${Y.cols}]`,
    );
  }
  if (X.cols < 1)
    throw AnsatzError.expected("too-little-data", "fitDmd(X)", "at least one snapshot pair", "none");
  const n = X.rows;
  const m = X.cols;
  const cap = Math.min(opts.rank ?? opts.maxRank, opts.maxRank, n, m);
  const d = truncatedSvd(X, cap, opts.rng);
  // drop numerically zero singular values (rank-deficient data), then apply the rank rule
  const tol = (d.s[0] ?? 0) * Math.max(n, m) * 2.220446049250313e-16;
  let avail = 0;
  while (avail < d.s.length && d.s[avail]! > tol) avail++;
  if (avail === 0) {
    throw AnsatzError.expected("too-little-data", "DMD snapshots", "a nonzero snapshot matrix", "all zeros");
  }
  const r =
    opts.rank != null ? Math.min(opts.rank, avail) : Math.min(energyRank(d.s, d.total, opts.energy), avail);
  const U = keepCols(d.U, r);
  const V = keepCols(d.V, r);
  const s = d.s.slice(0, r);
  // B = Y V Σ⁻¹ (n×r); Ã = Uᵀ B (r×r)
  const YV = matmulF64(Y.data, V.data, n, m, r);
  for (let i = 0; i < n; i++) for (let j = 0; j < r; j++) YV[i * r + j]! /= s[j]!;
  const B = new Mat(n, r, YV);
  const At = new Mat(r, r, matmulF64(U.data, B.data, r, n, r, true));
  const e = eig(At);
  const modesRe = new Mat(n, r, matmulF64(B.data, e.vectorsRe.data, n, r, r));
  const modesIm = new Mat(n, r, matmulF64(B.data, e.vectorsIm.data, n, r, r));
  return {
    rank: r,
    eigRe: e.re,
    eigIm: e.im,
    modesRe,
    modesIm,
    B,
    WRe: e.vectorsRe,
    WIm: e.vectorsIm,
    U,
    s,
  };
}

/** Amplitudes b = argmin ‖Φ b − x‖ (complex, real and imaginary parts). */
export function dmdAmplitudes(fit: DmdFit, x: Float64Array): { re: Float64Array; im: Float64Array } {
  const { B, WRe, WIm } = fit;
  const n = B.rows;
  const r = fit.rank;
  if (x.length !== n)
    throw AnsatzError.expected("bad-shape", "dmdAmplitudes(x)", `length ${n}`, `length ${x.length}`);
  const { Q, R } = mgsQr(B);
  const c = matmulF64(Q.data, x, r, n, 1, true); // Q_Bᵀ x
  const Mr = matmulF64(R.data, WRe.data, r, r, r);
  const Mi = matmulF64(R.data, WIm.data, r, r, r);
  // [Mr −Mi; Mi Mr] [br; bi] = [c; 0]
  const A = new Mat(2 * r, 2 * r);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < r; j++) {
      const a = Mr[i * r + j]!;
      const b = Mi[i * r + j]!;
      A.data[i * 2 * r + j] = a;
      A.data[i * 2 * r + r + j] = -b;
      A.data[(r + i) * 2 * r + j] = b;
      A.data[(r + i) * 2 * r + r + j] = a;
    }
  }
  const rhs = new Float64Array(2 * r);
  rhs.set(c);
  const sol = lstsq(A, rhs).x;
  return { re: sol.slice(0, r), im: sol.slice(r) };
}

/** Eigenvalues with |λ| > 1 scaled to |λ| = 1 (in place); returns how many were moved. */
export function stabilizeEigenvalues(re: Float64Array, im: Float64Array): number {
  let moved = 0;
  for (let j = 0; j < re.length; j++) {
    const a = Math.hypot(re[j]!, im[j]!);
    if (a > 1) {
      re[j]! /= a;
      im[j]! /= a;
      moved++;
    }
  }
  return moved;
}

/**
 * Rows x_k = Re(Φ Λ^k b) for k = 1 … steps (steps × n), or only mode rows [rowStart, rowEnd) of Φ.
 * `eigRe`/`eigIm` default to the fit's (pass stabilized copies to change them).
 */
export function dmdForecast(
  fit: DmdFit,
  b: { re: Float64Array; im: Float64Array },
  steps: number,
  opts: { eigRe?: Float64Array; eigIm?: Float64Array; rowStart?: number; rowEnd?: number } = {},
): Mat {
  const r = fit.rank;
  const lr = opts.eigRe ?? fit.eigRe;
  const li = opts.eigIm ?? fit.eigIm;
  const r0 = opts.rowStart ?? 0;
  const r1 = opts.rowEnd ?? fit.modesRe.rows;
  const p = r1 - r0;
  // coefficient rows C_k = λ^k ∘ b (steps × r), real and imaginary parts
  const Cr = new Float64Array(steps * r);
  const Ci = new Float64Array(steps * r);
  const cr = b.re.slice();
  const ci = b.im.slice();
  for (let k = 0; k < steps; k++) {
    for (let j = 0; j < r; j++) {
      const a = cr[j]! * lr[j]! - ci[j]! * li[j]!;
      const c = cr[j]! * li[j]! + ci[j]! * lr[j]!;
      cr[j] = a;
      ci[j] = c;
      Cr[k * r + j] = a;
      Ci[k * r + j] = c;
    }
  }
  const PhiR = fit.modesRe.data.subarray(r0 * r, r1 * r);
  const PhiI = fit.modesIm.data.subarray(r0 * r, r1 * r);
  // Re(Φ c) = Φr cr − Φi ci  →  out (steps × p) = Cr Φrᵀ − Ci Φiᵀ
  const out = matmulF64(Cr, PhiR, steps, r, p, false, true);
  const neg = matmulF64(Ci, PhiI, steps, r, p, false, true);
  for (let i = 0; i < out.length; i++) out[i]! -= neg[i]!;
  return new Mat(steps, p, out);
}

// ---------------------------------------------------------------------------------------------
// Snapshot matrices from CTF matrices (rows are times)

/** X, Y (n × M) from the transitions inside each segment (never across segments), minus `mean`. */
export function snapshotPairs(segments: readonly Mat[], mean: Float64Array | null): { X: Mat; Y: Mat } {
  const n = segments[0]!.cols;
  let M = 0;
  for (const s of segments) M += Math.max(0, s.rows - 1);
  const X = new Mat(n, M);
  const Y = new Mat(n, M);
  let c = 0;
  for (const s of segments) {
    for (let t = 0; t + 1 < s.rows; t++, c++) {
      for (let i = 0; i < n; i++) {
        const mu = mean ? mean[i]! : 0;
        X.data[i * M + c] = s.data[t * n + i]! - mu;
        Y.data[i * M + c] = s.data[(t + 1) * n + i]! - mu;
      }
    }
  }
  return { X, Y };
}

/** The training segments of a task: the training matrices, plus the burn-in for pairs 8/9. */
export function fitSegments(task: ForecastTask): Mat[] {
  return task.burnIn ? [...task.train, task.burnIn] : [...task.train];
}

/** Replaces non-finite forecast values (an overflow) by an error rather than returning them. */
export function assertFiniteForecast(m: Mat, modelId: string): Mat {
  for (let i = 0; i < m.data.length; i++) {
    if (!Number.isFinite(m.data[i]!)) {
      throw new AnsatzError(
        "diverged",
        `${modelId}: the forecast overflowed at row ${Math.floor(i / m.cols)} (set stabilize: true)`,
        { where: modelId, expected: "finite values", found: String(m.data[i]) },
      );
    }
  }
  return m;
}

// ---------------------------------------------------------------------------------------------
// The model

const dmdSchema = z.strictObject({
  rank: intField(1).nullable().default(null),
  energy: numberField(0, 1, { minOpen: true }).default(0.9999),
  maxRank: intField(1).default(100),
  center: boolField().default(true),
  stabilize: boolField().default(true),
});
/** DMD options (see the header). */
export type DmdConfig = z.output<typeof dmdSchema>;

/** Exact DMD as a CTF forecast model. */
export const dmdModel: ForecastModel<DmdConfig> = {
  id: "dmd",
  title: "Exact DMD (Tu et al. 2014)",
  kind: "forecast",
  source: "ctf/dynamics",
  defaultConfig: dmdSchema.parse({}),
  parseConfig: (raw) => parseModelConfig(dmdSchema, raw, "dmd"),
  predict(task, config) {
    checkTask(task, "dmd");
    const segments = fitSegments(task);
    const mean = config.center ? columnMean(segments) : null;
    const { X, Y } = snapshotPairs(segments, mean);
    if (X.cols < 1) {
      throw AnsatzError.expected("too-little-data", "dmd: training rows", "at least 2 rows", "1");
    }
    const fit = fitDmd(X, Y, {
      rank: config.rank,
      energy: config.energy,
      maxRank: config.maxRank,
      rng: new Rng(task.seed),
    });
    const [rows, n] = task.predictionShape;
    if (task.task === "reconstruct") return projectRows(task.train[0]!, fit.U, mean);
    const start = startMatrix(task);
    const x0 = start.row(start.rows - 1).slice();
    if (mean) for (let i = 0; i < n; i++) x0[i]! -= mean[i]!;
    const b = dmdAmplitudes(fit, x0);
    const lr = fit.eigRe.slice();
    const li = fit.eigIm.slice();
    if (config.stabilize) stabilizeEigenvalues(lr, li);
    const out = dmdForecast(fit, b, rows, { eigRe: lr, eigIm: li });
    if (mean) for (let i = 0; i < out.data.length; i++) out.data[i]! += mean[i % n]!;
    return assertFiniteForecast(out, "dmd");
  },
};

/** Each row x of D projected onto span(U): mean + U Uᵀ (x − mean). */
export function projectRows(D: Mat, U: Mat, mean: Float64Array | null): Mat {
  const { rows, cols: n } = D;
  const r = U.cols;
  const C = D.clone();
  if (mean) for (let i = 0; i < C.data.length; i++) C.data[i]! -= mean[i % n]!;
  const coef = matmulF64(C.data, U.data, rows, n, r); // (D − mean) U
  const out = new Mat(rows, n, matmulF64(coef, U.data, rows, r, n, false, true));
  if (mean) for (let i = 0; i < out.data.length; i++) out.data[i]! += mean[i % n]!;
  return out;
}
