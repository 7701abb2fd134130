// Echo-state network (reservoir computing) as a CTF forecast model (id `esn`; Jaeger, GMD Report 148,
// 2001; leaky-integrator ESN of Jaeger, Lukoševičius, Popovici & Siewert, Neural Networks 20, 2007,
// eq. 1–3; parallel local reservoirs of Pathak, Hunt, Girvan, Lu & Ott, PRL 120, 024102, 2018; spec
// ctf.md §2.11 "ESN … parallel local reservoirs for KS", tuned values quoted there; reference model
// `esn_ctf`).
//
// Reservoir: r_{t+1} = (1 − a)·r_t + a·tanh(W r_t + W_in u_t + b), r_0 = 0, with leak a (`leak`).
// W (resDim × resDim) is sparse: each row has round(density·resDim) (≥ 1) distinct random columns with
// weights uniform on (−1, 1), all drawn from the task's Rng, then rescaled so that its spectral radius
// is exactly `spectralRadius` (the radius measured by subspace iteration with a Rayleigh–Ritz step,
// `spectralRadius()` below). W_in is dense, uniform on (−inputScaling, inputScaling); b uniform on
// (−bias, bias). Inputs u are the data standardised per column (dynamical data) or with one global
// mean and standard deviation (spatio-temporal data, which is translation invariant).
// Read-out: u_{t+1} ≈ W_out·[1, r_{t+1}, r_{t+1}²] (the squares break the tanh reservoir's odd symmetry,
// as Pathak et al. do), W_out by ridge regression (`ridge` = β) over every step after the first
// `spinup` rows of each training segment (pairs 8/9: each of the three training matrices, the reservoir
// restarted from 0 on each; spinup is cut to half a segment's rows for short segments).
// Spatio-temporal data: `chunks` reservoirs, each reading its chunk of N/chunks columns plus `locality`
// columns on each side (periodic) and predicting its chunk; OURS: the chunks share one random W, W_in, b
// (the system is translation invariant; Pathak et al. draw each), each has its own read-out.
// Forecast: the reservoir is driven by the whole context (the last training matrix; the burn-in for
// pairs 8/9), then runs closed loop on its own predictions. Divergence (OURS, as SINDy): an output
// outside 3× the training half-range stops the loop and the last good row is repeated (reported through
// `task.onProgress`). Reconstruction (pairs 2/4, as the reference's `esn_ctf`): teacher-forced one-step
// predictions through the training matrix, its first `spinup` rows copied.
//
// Defaults (OURS, stated): dynamical data — the spec's tuned Lorenz values (spectral radius 0.27, leak
// 0.673, bias 1.62, density 0.02, spinup 100) with the input scaling 0.133 multiplied by 8, Lorenz's
// standard deviation, because our inputs are standardised, reservoir size 300 instead of 1388 for speed,
// and ridge 0.1 (measured on quick Lorenz: 1e-6 scored E4/E6 ≈ −97, 0.1 ≈ +40); spatio-temporal data — the spec's KS values (spectral radius 0.137, leak 1,
// input scaling 1.36e-3 × 1.3, locality 6) with 32 chunks of 32 points and 100 nodes per reservoir
// instead of 64 × 825, ridge 1e-6. A config field set to null takes the default of the task's data type.
import { z } from "zod";
import { assertInt } from "../../../core/check.ts";
import { AnsatzError } from "../../../core/errors.ts";
import { choleskySolve, eig } from "../../../core/linalg.ts";
import { Mat } from "../../../core/matrix.ts";
import type { Rng } from "../../../core/random.ts";
import { getMatmulKernel } from "../../../engine/index.ts";
import { parseModelConfig } from "../../model-config.ts";
import type { ForecastModel, ForecastTask } from "../forecast-model.ts";
import { forecastContext, trainingBox } from "./learned-data.ts";
import type { Divergence } from "./sindy.ts";
import { checkTask } from "./task-check.ts";

const nullable = <T extends z.ZodType>(t: T) => t.nullable().default(null);

const esnConfigSchema = z
  .object({
    resDim: nullable(z.number().int().min(2).max(5000)),
    spectralRadius: nullable(z.number().positive().max(10)),
    leak: nullable(z.number().positive().max(1)),
    inputScaling: nullable(z.number().positive()),
    bias: nullable(z.number().min(0)),
    density: nullable(z.number().positive().max(1)),
    ridge: nullable(z.number().min(0)),
    spinup: nullable(z.number().int().min(0)),
    chunks: nullable(z.number().int().min(1)),
    locality: nullable(z.number().int().min(0)),
  })
  .strict();

export type EsnConfig = z.output<typeof esnConfigSchema>;
/** A config with every field resolved for a data type. */
export type EsnParams = { [K in keyof EsnConfig]: NonNullable<EsnConfig[K]> };

/** Defaults per data type (see the header). */
export const ESN_DEFAULTS: Readonly<Record<"dynamical" | "spatio-temporal", EsnParams>> = {
  dynamical: {
    resDim: 300,
    spectralRadius: 0.27,
    leak: 0.673,
    inputScaling: 0.133 * 8,
    bias: 1.62,
    density: 0.02,
    ridge: 1e-1,
    spinup: 100,
    chunks: 1,
    locality: 0,
  },
  "spatio-temporal": {
    resDim: 100,
    spectralRadius: 0.137,
    leak: 1,
    inputScaling: 1.36e-3 * 1.3,
    bias: 1,
    density: 0.05,
    ridge: 1e-6,
    spinup: 100,
    chunks: 32,
    locality: 6,
  },
};

/** Validates an ESN config (unknown or bad fields throw an AnsatzError naming the field). */
export function parseEsnConfig(raw: unknown): EsnConfig {
  return parseModelConfig(esnConfigSchema, raw, "esn", "dotted");
}

/**
 * The config with nulls replaced by the defaults of the data type. When `chunks` is left to the
 * default and does not divide the `cols` columns (Lorenz-96: 40), the default becomes the largest
 * divisor of `cols` not above it that leaves at least 4 columns per chunk (40 → 10 chunks of 4).
 */
export function resolveEsnConfig(
  config: EsnConfig,
  type: "dynamical" | "spatio-temporal",
  cols?: number,
): EsnParams {
  const d = ESN_DEFAULTS[type];
  const out = { ...d };
  for (const k of Object.keys(d) as (keyof EsnParams)[]) {
    const v = config[k];
    if (v !== null && v !== undefined) out[k] = v;
  }
  if (
    cols !== undefined &&
    (config.chunks === null || config.chunks === undefined) &&
    cols % out.chunks !== 0
  ) {
    let g = Math.min(out.chunks, Math.floor(cols / 4));
    while (g > 1 && cols % g !== 0) g--;
    out.chunks = Math.max(1, g);
  }
  return out;
}

/** A sparse matrix in compressed-row form. */
export interface Csr {
  n: number;
  rowPtr: Int32Array;
  colIdx: Int32Array;
  values: Float64Array;
}

/** y = A x for a CSR matrix. */
function csrMul(A: Csr, x: Float64Array, y: Float64Array): void {
  const { n, rowPtr, colIdx, values } = A;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) s += values[p]! * x[colIdx[p]!]!;
    y[i] = s;
  }
}

/** The dense form of a CSR matrix. */
export function csrToDense(A: Csr): Mat {
  const out = new Mat(A.n, A.n);
  for (let i = 0; i < A.n; i++) {
    for (let p = A.rowPtr[i]!; p < A.rowPtr[i + 1]!; p++) out.data[i * A.n + A.colIdx[p]!] = A.values[p]!;
  }
  return out;
}

/** A random sparse n × n matrix: round(density·n) (≥ 1) distinct columns per row, weights U(−1, 1). */
export function randomSparse(n: number, density: number, rng: Rng): Csr {
  assertInt(n, "randomSparse(n)", 1);
  const perRow = Math.min(n, Math.max(1, Math.round(density * n)));
  const rowPtr = new Int32Array(n + 1);
  const colIdx = new Int32Array(n * perRow);
  const values = new Float64Array(n * perRow);
  const seen = new Uint8Array(n);
  let p = 0;
  for (let i = 0; i < n; i++) {
    rowPtr[i] = p;
    const cols: number[] = [];
    while (cols.length < perRow) {
      const c = rng.int(n);
      if (seen[c]) continue;
      seen[c] = 1;
      cols.push(c);
    }
    cols.sort((a, b) => a - b);
    for (const c of cols) {
      seen[c] = 0;
      colIdx[p] = c;
      values[p] = rng.uniformRange(-1, 1);
      p++;
    }
  }
  rowPtr[n] = p;
  return { n, rowPtr, colIdx, values };
}

/**
 * The spectral radius max|λ| of a sparse matrix: subspace iteration on p = min(n, 12) vectors with
 * Gram–Schmidt re-orthonormalisation, the Rayleigh–Ritz matrix Qᵀ A Q's eigenvalues (core eig) every
 * 10 iterations, until the largest modulus changes by < 1e-13 relative on two checks (at most 20000
 * iterations).
 */
export function spectralRadius(A: Csr, rng: Rng): number {
  const n = A.n;
  const p = Math.min(n, 12);
  const Q: Float64Array[] = [];
  for (let j = 0; j < p; j++) Q.push(rng.fillNormal(new Float64Array(n)));
  const orth = (): void => {
    for (let j = 0; j < p; j++) {
      const v = Q[j]!;
      for (let pass = 0; pass < 2; pass++) {
        for (let k = 0; k < j; k++) {
          const u = Q[k]!;
          let d = 0;
          for (let i = 0; i < n; i++) d += u[i]! * v[i]!;
          for (let i = 0; i < n; i++) v[i] = v[i]! - d * u[i]!;
        }
      }
      let s = 0;
      for (let i = 0; i < n; i++) s += v[i]! * v[i]!;
      s = Math.sqrt(s);
      if (s > 1e-300) for (let i = 0; i < n; i++) v[i] = v[i]! / s;
      else rng.fillNormal(v); // re-seed a collapsed vector; the next orthonormalisation fixes it
    }
  };
  orth();
  const tmp = Q.map(() => new Float64Array(n));
  let prev = Number.NaN;
  let stable = 0;
  let rho = 0;
  for (let it = 1; it <= 20000; it++) {
    for (let j = 0; j < p; j++) csrMul(A, Q[j]!, tmp[j]!);
    if (it % 10 === 0) {
      // Rayleigh–Ritz on the current orthonormal basis: H = Qᵀ (A Q).
      const H = new Mat(p, p);
      for (let a = 0; a < p; a++) {
        for (let b = 0; b < p; b++) {
          let s = 0;
          const qa = Q[a]!;
          const tb = tmp[b]!;
          for (let i = 0; i < n; i++) s += qa[i]! * tb[i]!;
          H.data[a * p + b] = s;
        }
      }
      const e = eig(H);
      rho = 0;
      for (let i = 0; i < p; i++) rho = Math.max(rho, Math.hypot(e.re[i]!, e.im[i]!));
      if (Math.abs(rho - prev) <= 1e-13 * rho) stable++;
      else stable = 0;
      prev = rho;
      if (stable >= 2) break;
    }
    for (let j = 0; j < p; j++) Q[j]!.set(tmp[j]!);
    orth();
  }
  return rho;
}

/** The random parts of a reservoir. */
export interface Reservoir {
  dim: number;
  inputs: number;
  W: Csr;
  /** resDim × inputs, row-major. */
  Win: Float64Array;
  b: Float64Array;
  leak: number;
}

/** Draws a reservoir (W rescaled to `spectralRadius`); throws if W's radius is 0 (too sparse). */
export function makeReservoir(
  p: Pick<EsnParams, "resDim" | "spectralRadius" | "leak" | "inputScaling" | "bias" | "density">,
  inputs: number,
  rng: Rng,
): Reservoir {
  const W = randomSparse(p.resDim, p.density, rng);
  const rho = spectralRadius(W, rng.split());
  if (!(rho > 1e-12)) {
    throw AnsatzError.expected(
      "bad-config",
      "esn config.density",
      "a reservoir with a non-zero spectral radius (raise density or resDim)",
      `spectral radius ${rho} at density ${p.density}, resDim ${p.resDim}`,
    );
  }
  const f = p.spectralRadius / rho;
  for (let i = 0; i < W.values.length; i++) W.values[i] = W.values[i]! * f;
  const Win = new Float64Array(p.resDim * inputs);
  for (let i = 0; i < Win.length; i++) Win[i] = rng.uniformRange(-p.inputScaling, p.inputScaling);
  const b = new Float64Array(p.resDim);
  for (let i = 0; i < b.length; i++) b[i] = p.bias === 0 ? 0 : rng.uniformRange(-p.bias, p.bias);
  return { dim: p.resDim, inputs, W, Win, b, leak: p.leak };
}

/** One leaky-tanh update r ← (1 − a) r + a tanh(W r + W_in u + b), in place (`work` of length dim). */
export function reservoirStep(res: Reservoir, r: Float64Array, u: Float64Array, work: Float64Array): void {
  const { dim, inputs, Win, b, leak } = res;
  csrMul(res.W, r, work);
  for (let i = 0; i < dim; i++) {
    let s = work[i]! + b[i]!;
    const o = i * inputs;
    for (let j = 0; j < inputs; j++) s += Win[o + j]! * u[j]!;
    r[i] = (1 - leak) * r[i]! + leak * Math.tanh(s);
  }
}

/** Read-out features [1, r, r²] of a reservoir state, written into `out` (length 2·dim + 1). */
function readoutFeatures(r: Float64Array, out: Float64Array): void {
  const n = r.length;
  out[0] = 1;
  for (let i = 0; i < n; i++) {
    const v = r[i]!;
    out[1 + i] = v;
    out[1 + n + i] = v * v;
  }
}

/** A fitted (possibly parallel) echo-state network on standardised columns. */
export interface EsnFit {
  params: EsnParams;
  reservoir: Reservoir;
  /** Columns of the data. */
  cols: number;
  /** Columns each chunk predicts. */
  chunkSize: number;
  /** Read-out of each chunk: (2·resDim + 1) × chunkSize. */
  Wout: Mat[];
  /** Standardisation: u = (x − mean)/std per column. */
  mean: Float64Array;
  std: Float64Array;
}

/** The driver of a parallel ESN: per-chunk states, inputs and features. */
class EsnRunner {
  private readonly fit: EsnFit;
  readonly states: Float64Array[];
  private readonly input: Float64Array;
  private readonly work: Float64Array;
  readonly feat: Float64Array;

  constructor(fit: EsnFit) {
    this.fit = fit;
    const g = fit.params.chunks;
    this.states = Array.from({ length: g }, () => new Float64Array(fit.reservoir.dim));
    this.input = new Float64Array(fit.reservoir.inputs);
    this.work = new Float64Array(fit.reservoir.dim);
    this.feat = new Float64Array(2 * fit.reservoir.dim + 1);
  }

  reset(): void {
    for (const s of this.states) s.fill(0);
  }

  /** Feeds one standardised row u (length cols) into every chunk's reservoir. */
  drive(u: Float64Array): void {
    const { cols, chunkSize } = this.fit;
    const l = this.fit.params.locality;
    for (let c = 0; c < this.states.length; c++) {
      const start = c * chunkSize - l;
      for (let j = 0; j < this.input.length; j++) this.input[j] = u[(((start + j) % cols) + cols) % cols]!;
      reservoirStep(this.fit.reservoir, this.states[c]!, this.input, this.work);
    }
  }

  /** Writes the read-out prediction (standardised) of every chunk into `out` (length cols). */
  readout(out: Float64Array): void {
    const { chunkSize, Wout } = this.fit;
    const f = this.feat.length;
    for (let c = 0; c < this.states.length; c++) {
      readoutFeatures(this.states[c]!, this.feat);
      const W = Wout[c]!;
      for (let j = 0; j < chunkSize; j++) out[c * chunkSize + j] = 0;
      for (let a = 0; a < f; a++) {
        const v = this.feat[a]!;
        if (v === 0) continue;
        const o = a * chunkSize;
        for (let j = 0; j < chunkSize; j++)
          out[c * chunkSize + j] = out[c * chunkSize + j]! + v * W.data[o + j]!;
      }
    }
  }
}

function standardisation(train: readonly Mat[], spatial: boolean): { mean: Float64Array; std: Float64Array } {
  const cols = train[0]!.cols;
  const mean = new Float64Array(cols);
  const sq = new Float64Array(cols);
  let n = 0;
  for (const m of train) {
    n += m.rows;
    for (let i = 0; i < m.rows; i++)
      for (let j = 0; j < cols; j++) mean[j] = mean[j]! + m.data[i * cols + j]!;
  }
  for (let j = 0; j < cols; j++) mean[j] = mean[j]! / n;
  for (const m of train) {
    for (let i = 0; i < m.rows; i++)
      for (let j = 0; j < cols; j++) sq[j] = sq[j]! + (m.data[i * cols + j]! - mean[j]!) ** 2;
  }
  const std = new Float64Array(cols);
  if (spatial) {
    let mAll = 0;
    for (let j = 0; j < cols; j++) mAll += mean[j]!;
    mAll /= cols;
    let v = 0;
    for (let j = 0; j < cols; j++) v += sq[j]! / n + (mean[j]! - mAll) ** 2;
    const s = Math.sqrt(v / cols) || 1;
    mean.fill(mAll);
    std.fill(s);
  } else {
    for (let j = 0; j < cols; j++) std[j] = Math.sqrt(sq[j]! / n) || 1;
  }
  return { mean, std };
}

function standardiseRow(x: Float64Array, mean: Float64Array, std: Float64Array, out: Float64Array): void {
  for (let j = 0; j < x.length; j++) out[j] = (x[j]! - mean[j]!) / std[j]!;
}

/** Fits a (parallel) ESN on the training segments with resolved parameters. */
export function fitEsn(train: readonly Mat[], params: EsnParams, spatial: boolean, rng: Rng): EsnFit {
  const cols = train[0]!.cols;
  const g = params.chunks;
  if (cols % g !== 0) {
    throw AnsatzError.expected(
      "bad-config",
      "esn config.chunks",
      `a divisor of the ${cols} columns`,
      String(g),
    );
  }
  const chunkSize = cols / g;
  if (g === 1 && params.locality !== 0) {
    throw AnsatzError.expected(
      "bad-config",
      "esn config.locality",
      "0 with a single chunk",
      String(params.locality),
    );
  }
  if (params.locality > cols) {
    throw AnsatzError.expected(
      "bad-config",
      "esn config.locality",
      `at most the ${cols} columns`,
      String(params.locality),
    );
  }
  const { mean, std } = standardisation(train, spatial);
  const reservoir = makeReservoir(params, chunkSize + 2 * params.locality, rng);
  const f = 2 * params.resDim + 1;
  const fit: EsnFit = { params, reservoir, cols, chunkSize, Wout: [], mean, std };
  const runner = new EsnRunner(fit);
  const G = Array.from({ length: g }, () => new Float64Array(f * f));
  const B = Array.from({ length: g }, () => new Float64Array(f * chunkSize));
  const block = 128;
  const Phi = Array.from({ length: g }, () => new Float64Array(block * f));
  const Y = Array.from({ length: g }, () => new Float64Array(block * chunkSize));
  const kern = getMatmulKernel("float64");
  let filled = 0;
  let samples = 0;
  const flush = (): void => {
    if (filled === 0) return;
    for (let c = 0; c < g; c++) {
      kern.matmul(Phi[c]!, Phi[c]!, G[c]!, f, filled, f, true, false, true);
      kern.matmul(Phi[c]!, Y[c]!, B[c]!, f, filled, chunkSize, true, false, true);
    }
    filled = 0;
  };
  const u = new Float64Array(cols);
  for (const seg of train) {
    const spin = Math.min(params.spinup, Math.floor(seg.rows / 2));
    runner.reset();
    for (let t = 0; t < seg.rows - 1; t++) {
      standardiseRow(seg.row(t), mean, std, u);
      runner.drive(u);
      if (t + 1 < spin) continue;
      for (let c = 0; c < g; c++) {
        readoutFeatures(runner.states[c]!, Phi[c]!.subarray(filled * f, (filled + 1) * f));
        for (let j = 0; j < chunkSize; j++) {
          const col = c * chunkSize + j;
          Y[c]![filled * chunkSize + j] = (seg.data[(t + 1) * cols + col]! - mean[col]!) / std[col]!;
        }
      }
      filled++;
      samples++;
      if (filled === block) flush();
    }
  }
  flush();
  if (samples === 0) {
    throw AnsatzError.expected("too-little-data", "esn: training matrices", "at least 2 rows", "fewer");
  }
  for (let c = 0; c < g; c++) {
    const Gm = new Mat(f, f, G[c]!);
    for (let i = 0; i < f; i++) Gm.data[i * f + i] = Gm.data[i * f + i]! + params.ridge;
    fit.Wout.push(choleskySolve(Gm, new Mat(f, chunkSize, B[c]!)));
  }
  return fit;
}

/** Closed-loop forecast after driving the reservoir through `context`. */
export function esnRollout(
  fit: EsnFit,
  context: Mat,
  rows: number,
  opts: { offset?: number; centre?: Float64Array; bound?: Float64Array } = {},
): { prediction: Mat; divergence: Divergence | null } {
  const { cols, mean, std } = fit;
  const runner = new EsnRunner(fit);
  const u = new Float64Array(cols);
  for (let t = 0; t < context.rows; t++) {
    standardiseRow(context.row(t), mean, std, u);
    runner.drive(u);
  }
  const offset = opts.offset ?? 1;
  const out = new Mat(rows, cols);
  const next = new Float64Array(cols);
  const good = context.row(context.rows - 1).slice();
  let divergence: Divergence | null = null;
  for (let s = 0; s < offset - 1 + rows; s++) {
    runner.readout(u);
    let ok = true;
    for (let j = 0; j < cols; j++) {
      const v = u[j]! * std[j]! + mean[j]!;
      next[j] = v;
      if (
        !Number.isFinite(v) ||
        (opts.bound && opts.centre && Math.abs(v - opts.centre[j]!) > opts.bound[j]!)
      )
        ok = false;
    }
    const row = s - (offset - 1);
    if (!ok) {
      const r0 = Math.max(row, 0);
      divergence = {
        row: r0,
        message: `diverged at prediction row ${r0}: the output left 3× the training range or became non-finite; the last good row is repeated`,
      };
      for (let r = r0; r < rows; r++) out.data.set(good, r * cols);
      break;
    }
    good.set(next);
    if (row >= 0) out.data.set(next, row * cols);
    runner.drive(u);
  }
  return { prediction: out, divergence };
}

/** Teacher-forced one-step predictions through `x`; the first `spinup` rows are copied. */
export function esnOneStep(fit: EsnFit, x: Mat): Mat {
  const { cols, mean, std } = fit;
  const runner = new EsnRunner(fit);
  const out = x.clone();
  const spin = Math.min(fit.params.spinup, Math.floor(x.rows / 2));
  const u = new Float64Array(cols);
  const y = new Float64Array(cols);
  for (let t = 0; t < x.rows - 1; t++) {
    standardiseRow(x.row(t), mean, std, u);
    runner.drive(u);
    if (t + 1 < spin) continue;
    runner.readout(y);
    for (let j = 0; j < cols; j++) out.data[(t + 1) * cols + j] = y[j]! * std[j]! + mean[j]!;
  }
  return out;
}

/** An ESN forecast (or reconstruction) of a task, with the divergence if there was one. */
export function esnForecast(
  task: ForecastTask,
  config: EsnConfig,
): { prediction: Mat; fit: EsnFit; divergence: Divergence | null } {
  checkTask(task, "esn", { minRows: 1, needsDeltaT: true });
  const spatial = task.datasetType === "spatio-temporal";
  const params = resolveEsnConfig(config, task.datasetType, task.predictionShape[1]);
  const fit = fitEsn(task.train, params, spatial, task.rng.split());
  task.onProgress?.(0.5, "esn: fitted");
  if (task.task === "reconstruct")
    return { prediction: esnOneStep(fit, task.train[0]!), fit, divergence: null };
  const { context, offset } = forecastContext(task);
  const { prediction, divergence } = esnRollout(fit, context, task.predictionShape[0], {
    offset,
    ...trainingBox(task.train),
  });
  return { prediction, fit, divergence };
}

/** Echo-state network (leaky tanh reservoir, ridge read-out; parallel local reservoirs for spatio-temporal data). */
export const esnModel: ForecastModel<EsnConfig> = {
  id: "esn",
  title: "Echo-state network (reservoir computing)",
  kind: "forecast",
  source: "ctf/dynamics/baselines",
  defaultConfig: parseEsnConfig({}),
  parseConfig: parseEsnConfig,
  predict(task, config) {
    const { prediction, divergence } = esnForecast(task, config);
    task.onProgress?.(1, divergence ? `esn: ${divergence.message}` : "esn: done");
    return prediction;
  },
};
