// Next-generation reservoir computing (NG-RC, a nonlinear vector autoregression) as a CTF forecast model
// (id `ngrc`; Gauthier, Bollt, Griffith & Barbosa, "Next generation reservoir computing", Nat. Commun.
// 12, 5564, 2021, eq. 3–7; spec ctf.md §2.11 "NG-RC (ridge regression only)").
//
// Features at time t: the linear part O_lin = [z_t, z_{t−s}, …, z_{t−(k−1)s}] (k delays `k`, spacing
// `skip` = s), the unique quadratic monomials O_nl = {O_lin,i · O_lin,j : i ≤ j}, and a constant:
// O_total = [1, O_lin, O_nl] (Gauthier et al. eq. 5–6; length 1 + kd + kd(kd+1)/2). The model is
// z_{t+1} = z_t + W·O_total(t) (eq. 7: the increment is learned), W by ridge regression (`ridge`) over
// every t of every training segment (pairs 8/9: the three training matrices; a delay vector never
// crosses a segment boundary). State z: the data row (dynamical data) or its leading `podModes` POD
// coefficients (spatio-temporal data, learned-data.ts), each standardised by its training mean and
// standard deviation, so that `ridge` acts on O(1) features. Defaults (OURS, measured on quick Lorenz
// at Δt 0.05): k = 3, skip = 1, ridge 1e-2 — Gauthier et al.'s k = 2 and ridge 2.5e-6 (at Δt 0.025)
// gave forecasts that blew up within a few steps at Δt 0.05.
// Forecast: the delays are filled from the last rows of the context (the last training matrix, or the
// burn-in for pairs 8/9) and the map is iterated autoregressively. Divergence (OURS, as SINDy): a state
// outside 3× the training half-range, or non-finite, stops the iteration and the last good state is
// repeated; `ngrcForecast` returns the event and the model reports it through `task.onProgress`.
// Reconstruction (pairs 2/4; OURS): teacher-forced one-step predictions — row t is W's prediction from
// the observed rows before t (a causal filter: trained on noisy targets, least squares estimates the
// mean of the next row given the noisy past, which removes the unpredictable noise); the first
// (k−1)s + 1 rows, which have no full delay vector, are the (projected) data.
import { z } from "zod";
import { assertInt, assertNonNegative } from "../../../core/check.ts";
import { AnsatzError } from "../../../core/errors.ts";
import { Mat } from "../../../core/matrix.ts";
import { parseModelConfig } from "../../model-config.ts";
import type { ForecastModel, ForecastTask } from "../forecast-model.ts";
import {
  forecastContext,
  ridgeRegression,
  standardised,
  stateSpaceFor,
  trainingBox,
} from "./learned-data.ts";
import type { Divergence } from "./sindy.ts";
import { checkTask } from "./task-check.ts";

const ngrcConfigSchema = z
  .object({
    /** Number of delayed states in the linear feature vector. */
    k: z.number().int().min(1).max(10).default(3),
    /** Spacing of the delays, in rows. */
    skip: z.number().int().min(1).max(100).default(1),
    /** Ridge penalty of the read-out regression. */
    ridge: z.number().min(0).default(1e-2),
    /** POD modes for spatio-temporal data (ignored for dynamical data). */
    podModes: z.number().int().min(1).max(64).default(12),
  })
  .strict();

export type NgrcConfig = z.output<typeof ngrcConfigSchema>;

/** Validates an NG-RC config (unknown or bad fields throw an AnsatzError naming the field). */
export function parseNgrcConfig(raw: unknown): NgrcConfig {
  return parseModelConfig(ngrcConfigSchema, raw, "ngrc", "dotted");
}

/** A fitted NG-RC map z_{t+1} = z_t + W·O_total(t). */
export interface NgrcFit {
  dim: number;
  k: number;
  skip: number;
  /** Feature names: `1`, `z0(t)`, `z0(t-1)`, …, `z0(t)*z1(t)`, … */
  featureNames: string[];
  /** W: features × dim. */
  W: Mat;
  /** Writes O_total into `out` from a history whose LAST row (index `at`) is z_t; allocation-free. */
  features(history: Mat, at: number, out: Float64Array): void;
}

/** Number of rows of history one feature vector needs: (k − 1)·skip + 1. */
export function ngrcWindow(k: number, skip: number): number {
  return (k - 1) * skip + 1;
}

function featureFunction(
  dim: number,
  k: number,
  skip: number,
): {
  names: string[];
  features: (history: Mat, at: number, out: Float64Array) => void;
} {
  const nl = dim * k;
  const names = ["1"];
  const linNames: string[] = [];
  for (let q = 0; q < k; q++) {
    for (let j = 0; j < dim; j++) linNames.push(`z${j}(t${q === 0 ? "" : `-${q * skip}`})`);
  }
  names.push(...linNames);
  for (let a = 0; a < nl; a++) for (let b = a; b < nl; b++) names.push(`${linNames[a]}*${linNames[b]}`);
  const lin = new Float64Array(nl);
  const features = (history: Mat, at: number, out: Float64Array): void => {
    const c = history.cols;
    for (let q = 0; q < k; q++) {
      const r = at - q * skip;
      for (let j = 0; j < dim; j++) lin[q * dim + j] = history.data[r * c + j]!;
    }
    out[0] = 1;
    for (let a = 0; a < nl; a++) out[1 + a] = lin[a]!;
    let o = 1 + nl;
    for (let a = 0; a < nl; a++) {
      const la = lin[a]!;
      for (let b = a; b < nl; b++) out[o++] = la * lin[b]!;
    }
  };
  return { names, features };
}

/** Fits NG-RC on segments (rows = time); delay vectors and targets stay within a segment. */
export function fitNgrc(segments: readonly Mat[], opts: { k: number; skip: number; ridge: number }): NgrcFit {
  assertInt(opts.k, "fitNgrc(k)", 1);
  assertInt(opts.skip, "fitNgrc(skip)", 1);
  assertNonNegative(opts.ridge, "fitNgrc(ridge)");
  if (segments.length === 0)
    throw AnsatzError.expected("too-little-data", "fitNgrc(segments)", "one or more", "none");
  const dim = segments[0]!.cols;
  const { names, features } = featureFunction(dim, opts.k, opts.skip);
  const p = names.length;
  const w = ngrcWindow(opts.k, opts.skip);
  let n = 0;
  for (const s of segments) n += Math.max(0, s.rows - w);
  if (n === 0) {
    throw AnsatzError.expected(
      "too-little-data",
      "fitNgrc(segments)",
      `a segment of more than (k−1)·skip + 1 = ${w} rows`,
      `at most ${Math.max(...segments.map((s) => s.rows))}`,
    );
  }
  const Phi = new Mat(n, p);
  const Y = new Mat(n, dim);
  let o = 0;
  for (const s of segments) {
    for (let t = w - 1; t < s.rows - 1; t++, o++) {
      features(s, t, Phi.data.subarray(o * p, (o + 1) * p));
      for (let j = 0; j < dim; j++) Y.data[o * dim + j] = s.data[(t + 1) * dim + j]! - s.data[t * dim + j]!;
    }
  }
  const W = ridgeRegression(Phi, Y, opts.ridge);
  return { dim, k: opts.k, skip: opts.skip, featureNames: names, W, features };
}

/** One NG-RC step from `history` row `at`: writes z_{at+1} into `out`. */
export function ngrcStep(
  fit: NgrcFit,
  history: Mat,
  at: number,
  feat: Float64Array,
  out: Float64Array,
): void {
  fit.features(history, at, feat);
  const { dim, W } = fit;
  const p = feat.length;
  for (let j = 0; j < dim; j++) out[j] = history.data[at * history.cols + j]!;
  for (let a = 0; a < p; a++) {
    const f = feat[a]!;
    if (f === 0) continue;
    const o = a * dim;
    for (let j = 0; j < dim; j++) out[j] = out[j]! + W.data[o + j]! * f;
  }
}

/** Iterates the map from the last rows of `context` for `offset − 1 + rows` steps, keeping the last `rows`. */
export function ngrcRollout(
  fit: NgrcFit,
  context: Mat,
  rows: number,
  opts: { offset?: number; centre?: Float64Array; bound?: Float64Array } = {},
): { states: Mat; divergence: Divergence | null } {
  const w = ngrcWindow(fit.k, fit.skip);
  if (context.rows < w) {
    throw AnsatzError.expected(
      "too-little-data",
      "ngrc context",
      `at least (k−1)·skip + 1 = ${w} rows`,
      `${context.rows}`,
    );
  }
  const d = fit.dim;
  const offset = opts.offset ?? 1;
  const total = offset - 1 + rows;
  // History buffer: the last w context rows followed by the generated states.
  const hist = new Mat(w + total, d);
  hist.data.set(context.data.subarray((context.rows - w) * d));
  const feat = new Float64Array(fit.featureNames.length);
  const next = new Float64Array(d);
  const out = new Mat(rows, d);
  let divergence: Divergence | null = null;
  for (let s = 0; s < total; s++) {
    const at = w - 1 + s;
    ngrcStep(fit, hist, at, feat, next);
    let ok = true;
    for (let j = 0; j < d && ok; j++) {
      const v = next[j]!;
      if (!Number.isFinite(v)) ok = false;
      else if (opts.bound && opts.centre && Math.abs(v - opts.centre[j]!) > opts.bound[j]!) ok = false;
    }
    const row = s - (offset - 1);
    if (!ok) {
      const r0 = Math.max(row, 0);
      const good = hist.row(at);
      divergence = {
        row: r0,
        message: `diverged at prediction row ${r0}: the state became non-finite or left 3× the training range; the last good state is repeated`,
      };
      for (let r = r0; r < rows; r++) out.data.set(good, r * d);
      break;
    }
    hist.data.set(next, (at + 1) * d);
    if (row >= 0) out.data.set(next, row * d);
  }
  return { states: out, divergence };
}

/** Teacher-forced one-step predictions over `x` (the reconstruction of pairs 2/4). */
export function ngrcOneStep(fit: NgrcFit, x: Mat): Mat {
  const w = ngrcWindow(fit.k, fit.skip);
  const out = x.clone();
  const feat = new Float64Array(fit.featureNames.length);
  const next = new Float64Array(fit.dim);
  for (let t = w; t < x.rows; t++) {
    ngrcStep(fit, x, t - 1, feat, next);
    out.data.set(next, t * fit.dim);
  }
  return out;
}

/** An NG-RC forecast (or reconstruction) of a task, with the divergence if there was one. */
export function ngrcForecast(
  task: ForecastTask,
  config: NgrcConfig,
): { prediction: Mat; fit: NgrcFit; divergence: Divergence | null } {
  checkTask(task, "ngrc", { minRows: 1, needsDeltaT: true });
  const space = standardised(stateSpaceFor(task, config.podModes), task.train);
  const segments = task.train.map((m) => space.reduce(m));
  const fit = fitNgrc(segments, config);
  task.onProgress?.(0.5, "ngrc: fitted");
  if (task.task === "reconstruct") {
    return { prediction: space.lift(ngrcOneStep(fit, segments[0]!)), fit, divergence: null };
  }
  const { context, offset } = forecastContext(task);
  const { states, divergence } = ngrcRollout(fit, space.reduce(context), task.predictionShape[0], {
    offset,
    ...trainingBox(segments),
  });
  return { prediction: space.lift(states), fit, divergence };
}

/** NG-RC (delays + quadratic monomials, ridge read-out of the increment; POD modes for spatio-temporal data). */
export const ngrcModel: ForecastModel<NgrcConfig> = {
  id: "ngrc",
  title: "NG-RC (next-generation reservoir computing)",
  kind: "forecast",
  source: "ctf/dynamics/baselines",
  defaultConfig: parseNgrcConfig({}),
  parseConfig: parseNgrcConfig,
  predict(task, config) {
    const { prediction, divergence } = ngrcForecast(task, config);
    task.onProgress?.(1, divergence ? `ngrc: ${divergence.message}` : "ngrc: done");
    return prediction;
  },
};
