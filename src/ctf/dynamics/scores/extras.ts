// Diagnostics beyond the reference CTF scores, reported beside E1–E12 and never in the composite:
// - Valid prediction time (Pathak, Hunt, Girvan, Lu & Ott, PRL 120, 024102 (2018), the normalised
//   error E(t) = ‖u(t) − û(t)‖ / ⟨‖u‖²⟩^{1/2}; Vlachas et al., Neural Networks 126 (2020), VPT as the
//   largest time up to which the error stays below a threshold, in Lyapunov times). Here
//   e_i = ‖T_i − P_i‖₂ / sqrt(mean_r ‖T_r‖₂²), the mean over ALL truth rows; the valid rows are the
//   leading rows with e_i ≤ threshold (0.5 by default); row i is (i + 1)·Δt after the last known
//   state, so VPT = (valid rows)·Δt / T_λ with T_λ the Lyapunov time given by the caller. When no row
//   exceeds the threshold the value is the full horizon and `censored` is true.
// - Hellinger distance between normalised power spectra, H(p, q) = ‖√p − √q‖₂/√2 ∈ [0, 1]:
//   spatio-temporal data use the spatial PSD of the PSD long-time score (last k_long rows,
//   wavenumbers 0 … modes−1); dynamical data use the temporal power spectrum |rfft|² over the last
//   `window` rows of each feature (no mean removed), summed over features. An all-zero predicted
//   spectrum is at distance 1.
// - Attractor distance: the energy distance (Székely & Rizzo 2013; core/stats `energyDistance`,
//   V-statistic 2E|X−Y| − E|X−X'| − E|Y−Y'|, Euclidean, in the data's units) between the last
//   `window` rows of truth and prediction taken as point clouds (500 by default).
import { assertInt, assertPositive } from "../../../core/check.ts";
import { AnsatzError } from "../../../core/errors.ts";
import { rfft } from "../../../core/fft.ts";
import type { Mat } from "../../../core/matrix.ts";
import { energyDistance } from "../../../core/stats.ts";
import { getPair, type PairId } from "../pairs.ts";
import type { EvalParams } from "./evaluate.ts";
import { predictionProblem } from "./evaluate.ts";
import { psd } from "./long-time-psd.ts";
import { checkScorePair } from "./reconstruction.ts";

/** Default error threshold of the valid prediction time. */
export const VALID_TIME_THRESHOLD = 0.5;
/** Default number of last rows for the temporal spectrum and the attractor distance. */
export const EXTRAS_WINDOW = 500;

export interface ValidTime {
  /** VPT in Lyapunov times: rows·Δt / T_λ. */
  lyapunovTimes: number;
  /** VPT in time units: rows·Δt. */
  time: number;
  /** Leading rows with normalised error ≤ threshold. */
  rows: number;
  threshold: number;
  /** True when no row exceeded the threshold (the horizon limits the value). */
  censored: boolean;
}

/** The normalised error e_i = ‖T_i − P_i‖₂ / sqrt(mean_r ‖T_r‖₂²) of every row. */
export function normalisedErrors(truth: Mat, pred: Mat): Float64Array {
  checkScorePair(truth, pred, "normalisedErrors");
  const { rows, cols } = truth;
  const t = truth.data;
  const p = pred.data;
  let ms = 0;
  for (let i = 0; i < t.length; i++) ms += t[i]! * t[i]!;
  ms /= rows;
  if (ms === 0) {
    throw AnsatzError.expected(
      "bad-value",
      "normalisedErrors(truth)",
      "a truth that is not all zero",
      "all zeros",
    );
  }
  const scale = Math.sqrt(ms);
  const e = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let j = r * cols; j < (r + 1) * cols; j++) {
      const d = t[j]! - p[j]!;
      s += d * d;
    }
    e[r] = Math.sqrt(s) / scale;
  }
  return e;
}

/** Valid prediction time in Lyapunov times (see file header); `dt` is the row spacing. */
export function validPredictionTime(
  truth: Mat,
  pred: Mat,
  opts: { dt: number; lyapunovTime: number; threshold?: number },
): ValidTime {
  assertPositive(opts.dt, "validPredictionTime(dt)");
  assertPositive(opts.lyapunovTime, "validPredictionTime(lyapunovTime)");
  const threshold = opts.threshold ?? VALID_TIME_THRESHOLD;
  assertPositive(threshold, "validPredictionTime(threshold)");
  const e = normalisedErrors(truth, pred);
  let n = 0;
  while (n < e.length && e[n]! <= threshold) n++;
  const time = n * opts.dt;
  return { lyapunovTimes: time / opts.lyapunovTime, time, rows: n, threshold, censored: n === e.length };
}

/** Hellinger distance ‖√p − √q‖₂/√2 between two non-negative spectra, each normalised to sum 1. */
export function hellingerDistance(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length || p.length === 0) {
    throw AnsatzError.expected(
      "bad-shape",
      "hellingerDistance(q)",
      `length ${p.length} like p`,
      `length ${q.length}`,
    );
  }
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < p.length; i++) {
    if (!(p[i]! >= 0) || !(q[i]! >= 0) || !Number.isFinite(p[i]!) || !Number.isFinite(q[i]!)) {
      throw AnsatzError.expected(
        "bad-value",
        "hellingerDistance",
        "finite non-negative spectra",
        `p[${i}] = ${p[i]}, q[${i}] = ${q[i]}`,
      );
    }
    sp += p[i]!;
    sq += q[i]!;
  }
  if (sp === 0)
    throw AnsatzError.expected(
      "bad-value",
      "hellingerDistance(p)",
      "a spectrum with positive mass",
      "all zeros",
    );
  if (sq === 0) return 1;
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const d = Math.sqrt(p[i]! / sp) - Math.sqrt(q[i]! / sq);
    s += d * d;
  }
  return Math.min(1, Math.sqrt(s / 2));
}

/** Temporal power spectrum: Σ_features |rfft(last `window` rows of the feature)|². */
export function temporalPowerSpectrum(X: Mat, window: number): Float64Array {
  assertInt(window, "temporalPowerSpectrum(window)", 1);
  const w = Math.min(window, X.rows);
  const r0 = X.rows - w;
  const col = new Float64Array(w);
  const out = new Float64Array(Math.floor(w / 2) + 1);
  for (let j = 0; j < X.cols; j++) {
    for (let r = 0; r < w; r++) col[r] = X.data[(r0 + r) * X.cols + j]!;
    const f = rfft(col);
    for (let m = 0; m < out.length; m++) out[m] = out[m]! + f.re[m]! * f.re[m]! + f.im[m]! * f.im[m]!;
  }
  return out;
}

/** Hellinger distance between the normalised power spectra of truth and prediction (see file header). */
export function spectralHellinger(truth: Mat, pred: Mat, params: EvalParams, window = EXTRAS_WINDOW): number {
  checkScorePair(truth, pred, "spectralHellinger");
  if (params.type === "spatio-temporal") {
    const k = Math.min(params.kLong, truth.rows);
    return hellingerDistance(psd(truth, k, params.modes), psd(pred, k, params.modes));
  }
  return hellingerDistance(temporalPowerSpectrum(truth, window), temporalPowerSpectrum(pred, window));
}

/** Energy distance between the last `window` rows of truth and prediction as point clouds. */
export function attractorEnergyDistance(truth: Mat, pred: Mat, window = EXTRAS_WINDOW): number {
  checkScorePair(truth, pred, "attractorEnergyDistance");
  assertInt(window, "attractorEnergyDistance(window)", 1);
  const w = Math.min(window, truth.rows);
  return energyDistance(
    truth.sliceRows(truth.rows - w, truth.rows),
    pred.sliceRows(pred.rows - w, pred.rows),
  );
}

/** Extras of one pair; null where not applicable or the prediction was refused. */
export interface PairExtras {
  pair: PairId;
  /** Forecast pairs only (not 2, 4). */
  validTime: ValidTime | null;
  spectralHellinger: number | null;
  attractorEnergyDistance: number | null;
  notes: string[];
}

export interface EvaluateExtrasOptions {
  pair: number;
  truth: Mat;
  pred: Mat | null;
  params: EvalParams;
  /** Row spacing Δt of the data set. */
  dt: number;
  /** Lyapunov time T_λ = 1/λ_max in time units (e.g. ≈ 1.1 for Lorenz-63 at the standard parameters). */
  lyapunovTime: number;
  /** Valid-time threshold (default 0.5). */
  threshold?: number;
  /** Rows for the temporal spectrum and the attractor distance (default 500). */
  window?: number;
}

/** All extras of one pair (never part of the composite). */
export function evaluateExtras(opts: EvaluateExtrasOptions): PairExtras {
  const spec = getPair(opts.pair);
  const notes: string[] = [];
  const out: PairExtras = {
    pair: spec.id,
    validTime: null,
    spectralHellinger: null,
    attractorEnergyDistance: null,
    notes,
  };
  const problem = predictionProblem(opts.truth, opts.pred);
  if (problem !== null || opts.pred === null) {
    notes.push(`pair ${spec.id}: ${problem}; no extras`);
    return out;
  }
  const window = opts.window ?? EXTRAS_WINDOW;
  if (spec.task === "reconstruct") {
    notes.push(`pair ${spec.id}: reconstruction pair, no valid prediction time`);
  } else {
    out.validTime = validPredictionTime(opts.truth, opts.pred, {
      dt: opts.dt,
      lyapunovTime: opts.lyapunovTime,
      threshold: opts.threshold,
    });
  }
  out.spectralHellinger = spectralHellinger(opts.truth, opts.pred, opts.params, window);
  out.attractorEnergyDistance = attractorEnergyDistance(opts.truth, opts.pred, window);
  return out;
}
