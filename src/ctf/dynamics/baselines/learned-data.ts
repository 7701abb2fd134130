// Data plumbing shared by the regression baselines SINDy, NG-RC and the echo-state network (spec
// ctf.md §2.9 dispatch, §2.11 baselines): the state
// space a model works in (the data columns, or for spatio-temporal data the leading POD modes), the
// training segments, where a forecast starts, and a Savitzky–Golay smoother.
//
// POD (proper orthogonal decomposition; Holmes, Lumley & Berkooz, "Turbulence, Coherent Structures,
// Dynamical Systems and Symmetry", 1996, §3): the modes are the leading right singular vectors of the
// mean-subtracted training matrix (all segments stacked), found by subspace iteration with a
// Rayleigh–Ritz step (Halko, Martinsson & Tropp, SIAM Review 53(2), 2011, Algorithms 4.4 and 5.1:
// r + 10 sketch columns, 6 iterations). Coordinates are scaled to unit variance:
// z = (x − mean)·V·diag(1/s), lifted back as x = mean + z·diag(s)·Vᵀ.
//
// Savitzky–Golay (Savitzky & Golay, Anal. Chem. 36, 1964): each sample is replaced by the value at that
// sample of the least-squares polynomial of degree `order` through the `window` samples centred on it;
// the first and last window/2 samples take the polynomial of the first/last full window (scipy's
// savgol_filter mode "interp").
import { formatShape } from "../../../core/check.ts";
import { AnsatzError } from "../../../core/errors.ts";
import { choleskySolve, lstsq, randomizedSvd } from "../../../core/linalg.ts";
import { Mat } from "../../../core/matrix.ts";
import type { Rng } from "../../../core/random.ts";
import { getMatmulKernel } from "../../../engine/index.ts";
import type { ForecastTask } from "../forecast-model.ts";
import { filterColumns, savgolFilter } from "./smoothing.ts";

// ---------------------------------------------------------------------------------------------
// The forecast's starting point.

/**
 * The matrix a forecast continues (the burn-in for pairs 8/9, else the last training matrix) and the
 * number of Δt steps from its last row to the first prediction row (1 unless the times say otherwise).
 */
export function forecastContext(task: ForecastTask): { context: Mat; offset: number } {
  if (task.burnIn) return { context: task.burnIn, offset: 1 };
  const last = task.train.length - 1;
  const context = task.train[last]!;
  const times = task.trainTimes[last];
  let offset = 1;
  if (times && times.length === context.rows && task.predictionTimes.length > 0) {
    const gap = (task.predictionTimes[0]! - times[times.length - 1]!) / task.deltaT;
    const steps = Math.round(gap);
    if (steps >= 1 && Math.abs(gap - steps) < 1e-6) offset = steps;
  }
  return { context, offset };
}

// ---------------------------------------------------------------------------------------------
// The state space: data columns, or POD modes.

/** The coordinates a model works in, and the maps between them and the data columns. */
export interface StateSpace {
  /** "identity" (the data columns) or "pod". */
  kind: "identity" | "pod";
  /** Dimension of the model's state. */
  dim: number;
  /** Columns of the data. */
  cols: number;
  /** Mean row subtracted before projecting (pod) — zeros for identity. */
  mean: Float64Array;
  /** POD modes, cols × dim (orthonormal columns); null for identity. */
  modes: Mat | null;
  /** Standard deviation of each state coordinate in data units (ones for identity). */
  scale: Float64Array;
  /** Data rows → state rows. */
  reduce(x: Mat): Mat;
  /** State rows → data rows. */
  lift(zm: Mat): Mat;
}

/** The identity state space on `cols` columns. */
export function identitySpace(cols: number): StateSpace {
  return {
    kind: "identity",
    dim: cols,
    cols,
    mean: new Float64Array(cols),
    modes: null,
    scale: new Float64Array(cols).fill(1),
    reduce: (x) => x.clone(),
    lift: (zm) => zm.clone(),
  };
}

/**
 * The leading `r` POD modes of the stacked matrices (mean-subtracted), by subspace iteration; each
 * coordinate is scaled to unit variance over the training rows: z_k = (x − mean)·v_k / s_k with
 * s_k = σ_k/√n (σ_k the k-th singular value), so models see O(1) coordinates whatever the data's scale.
 */
export function podSpace(mats: readonly Mat[], r: number, rng: Rng): StateSpace {
  const cols = mats[0]!.cols;
  let n = 0;
  for (const m of mats) n += m.rows;
  const rank = Math.min(r, cols, Math.max(n - 1, 1));
  const mean = new Float64Array(cols);
  for (const m of mats) {
    for (let i = 0; i < m.rows; i++)
      for (let j = 0; j < cols; j++) mean[j] = mean[j]! + m.data[i * cols + j]!;
  }
  for (let j = 0; j < cols; j++) mean[j] = mean[j]! / n;
  const X = new Mat(n, cols);
  let o = 0;
  for (const m of mats) {
    for (let i = 0; i < m.rows; i++, o++) {
      for (let j = 0; j < cols; j++) X.data[o * cols + j] = m.data[i * cols + j]! - mean[j]!;
    }
  }
  const { V: modes, s } = leadingRightSingularVectors(X, rank, rng);
  const dim = modes.cols;
  const scale = new Float64Array(dim);
  for (let k = 0; k < dim; k++) scale[k] = s[k]! / Math.sqrt(n);
  return {
    kind: "pod",
    dim,
    cols,
    mean,
    modes,
    scale,
    reduce(x: Mat): Mat {
      const xc = new Float64Array(x.rows * cols);
      for (let i = 0; i < x.rows; i++) {
        for (let j = 0; j < cols; j++) xc[i * cols + j] = x.data[i * cols + j]! - mean[j]!;
      }
      const out = new Mat(x.rows, dim);
      gemm(xc, modes.data, out.data, x.rows, cols, dim);
      for (let i = 0; i < x.rows; i++)
        for (let k = 0; k < dim; k++) out.data[i * dim + k] = out.data[i * dim + k]! / scale[k]!;
      return out;
    },
    lift(zm: Mat): Mat {
      const zs = new Float64Array(zm.rows * dim);
      for (let i = 0; i < zm.rows; i++)
        for (let k = 0; k < dim; k++) zs[i * dim + k] = zm.data[i * dim + k]! * scale[k]!;
      const out = new Mat(zm.rows, cols);
      gemm(zs, modes.data, out.data, zm.rows, dim, cols, false, true);
      for (let i = 0; i < zm.rows; i++)
        for (let j = 0; j < cols; j++) out.data[i * cols + j] = out.data[i * cols + j]! + mean[j]!;
      return out;
    },
  };
}

/** Identity for dynamical data (or when `podModes` ≥ the columns), else the leading POD modes. */
export function stateSpaceFor(task: ForecastTask, podModes: number): StateSpace {
  const cols = task.train[0]!.cols;
  if (task.datasetType !== "spatio-temporal" || podModes >= cols) return identitySpace(cols);
  return podSpace(task.train, podModes, task.rng.split());
}

/**
 * The space `inner` followed by per-coordinate standardisation (z − μ)/σ with the mean and standard
 * deviation of the training matrices' coordinates (σ = 1 where a coordinate is constant).
 */
export function standardised(inner: StateSpace, train: readonly Mat[]): StateSpace {
  const d = inner.dim;
  const mu = new Float64Array(d);
  const sd = new Float64Array(d);
  let n = 0;
  const reduced = train.map((m) => inner.reduce(m));
  for (const r of reduced) {
    n += r.rows;
    for (let i = 0; i < r.rows; i++) for (let j = 0; j < d; j++) mu[j] = mu[j]! + r.data[i * d + j]!;
  }
  for (let j = 0; j < d; j++) mu[j] = mu[j]! / n;
  for (const r of reduced) {
    for (let i = 0; i < r.rows; i++)
      for (let j = 0; j < d; j++) sd[j] = sd[j]! + (r.data[i * d + j]! - mu[j]!) ** 2;
  }
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]! / n) || 1;
  return {
    ...inner,
    scale: inner.scale.map((s, j) => s * sd[j]!),
    reduce(x: Mat): Mat {
      const out = inner.reduce(x);
      for (let i = 0; i < out.rows; i++)
        for (let j = 0; j < d; j++) out.data[i * d + j] = (out.data[i * d + j]! - mu[j]!) / sd[j]!;
      return out;
    },
    lift(zm: Mat): Mat {
      const u = new Mat(zm.rows, d);
      for (let i = 0; i < zm.rows; i++)
        for (let j = 0; j < d; j++) u.data[i * d + j] = zm.data[i * d + j]! * sd[j]! + mu[j]!;
      return inner.lift(u);
    },
  };
}

/** C (m × n) = op(A)·op(B) with the engine's float64 matmul kernel (WASM-SIMD when built). */
export function gemm(
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  m: number,
  k: number,
  n: number,
  transA = false,
  transB = false,
): void {
  getMatmulKernel("float64").matmul(a, b, c, m, k, n, transA, transB);
}

/**
 * The leading r right singular vectors of X (cols × r, orthonormal columns) and singular values
 * (those above 1e-12·σ₁): randomized SVD with r + 10 sketch columns and `iterations` subspace
 * iterations (default 6), through the engine's matmul kernel.
 */
export function leadingRightSingularVectors(
  X: Mat,
  r: number,
  rng: Rng,
  iterations = 6,
): { V: Mat; s: Float64Array } {
  const d = randomizedSvd(X, r, rng, { oversample: 10, powerIterations: iterations, gemm });
  let keep = 0;
  while (keep < d.s.length && d.s[keep]! > 1e-12 * d.s[0]!) keep++;
  if (keep === d.s.length) return { V: d.V, s: d.s };
  const V = new Mat(d.V.rows, keep);
  for (let i = 0; i < V.rows; i++)
    for (let c = 0; c < keep; c++) V.data[i * keep + c] = d.V.data[i * d.V.cols + c]!;
  return { V, s: d.s.slice(0, keep) };
}

/** Centre and half-width (`factor` × the half-range, default 3) of the box a forecast must stay in. */
export function trainingBox(
  segments: readonly Mat[],
  factor = 3,
): { centre: Float64Array; bound: Float64Array } {
  const d = segments[0]!.cols;
  const lo = new Float64Array(d).fill(Infinity);
  const hi = new Float64Array(d).fill(-Infinity);
  for (const s of segments) {
    for (let i = 0; i < s.rows; i++) {
      for (let j = 0; j < d; j++) {
        const v = s.data[i * d + j]!;
        if (v < lo[j]!) lo[j] = v;
        if (v > hi[j]!) hi[j] = v;
      }
    }
  }
  const centre = new Float64Array(d);
  const bound = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    centre[j] = 0.5 * (lo[j]! + hi[j]!);
    bound[j] = factor * Math.max(0.5 * (hi[j]! - lo[j]!), 1e-12);
  }
  return { centre, bound };
}

/** Ridge regression W (p × d) = argmin ‖Φ W − Y‖² + ridge·‖W‖² (ridge = 0: minimum-norm least squares). */
export function ridgeRegression(Phi: Mat, Y: Mat, ridge: number): Mat {
  if (Phi.rows !== Y.rows) {
    throw AnsatzError.expected(
      "bad-shape",
      "ridgeRegression(Y)",
      `${Phi.rows} rows like Φ`,
      formatShape(Y.shape),
    );
  }
  if (ridge === 0) return lstsq(Phi, Y).x;
  const p = Phi.cols;
  const d = Y.cols;
  const G = new Mat(p, p);
  gemm(Phi.data, Phi.data, G.data, p, Phi.rows, p, true);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) G.data[i * p + j] = G.data[j * p + i]!;
    G.data[i * p + i] = G.data[i * p + i]! + ridge;
  }
  const B = new Mat(p, d);
  gemm(Phi.data, Y.data, B.data, p, Phi.rows, d, true);
  return choleskySolve(G, B, { ifNotPositive: "lu" });
}

// ---------------------------------------------------------------------------------------------
// Savitzky–Golay smoothing.

/** Savitzky–Golay smoothing (smoothing.ts, edge mode "interp") of each column of X; window odd >= 3 and > order. */
export function savitzkyGolay(X: Mat, window: number, order: number): Mat {
  if (!Number.isInteger(window) || window < 3 || window % 2 === 0) {
    throw AnsatzError.expected("bad-value", "savitzkyGolay(window)", "an odd integer >= 3", String(window));
  }
  if (!Number.isInteger(order) || order < 0 || order >= window) {
    throw AnsatzError.expected(
      "bad-value",
      "savitzkyGolay(order)",
      `an integer in [0, ${window - 1}]`,
      String(order),
    );
  }
  if (X.rows < window) return X.clone();
  return filterColumns(X, (x) => savgolFilter(x, window, order, "interp"));
}
