// SINDy as a CTF forecast model (id `sindy`; Brunton, Proctor & Kutz, "Discovering governing equations
// from data by sparse identification of nonlinear dynamical systems", PNAS 113(15), 2016; spec ctf.md
// §2.11: "polynomial order 2 with STLSQ; POD modes first for KS"; the reference's `sindy` repository
// uses pysindy the same way).
//
// Fit. The state z is the data row (dynamical data) or its leading `podModes` POD coefficients
// (spatio-temporal data, learned-data.ts). On each training segment (pairs 8/9: each of the three
// training matrices; derivatives never cross a boundary) ż is estimated by second-order central
// differences at the data Δt (optionally after Savitzky–Golay smoothing, `smoothWindow`), the
// polynomial library Θ(z) up to `order` is built, and STLSQ (`threshold`, `ridge`, `maxIter`) finds
// sparse Ξ with ż ≈ Θ(z)·Ξ (sindy-library.ts).
// Forecast (pairs 1, 3, 5, 6, 7; 8, 9 from the end of the burn-in): classical RK4 on ż = Θ(z)·Ξ with
// `substeps` internal steps per Δt, from the last row of the context (smoothed the same way), one row
// per Δt; lifted back through the POD modes.
// Divergence (OURS): if the state becomes non-finite or leaves the box of 3× the training half-range
// around its centre (per coordinate, learned-data.ts `trainingBox`), integration stops and
// the last state inside the box is repeated to the end, so the prediction stays finite and the short-
// time rows before the blow-up still score. The model reports it through `task.onProgress(1,
// "sindy: diverged at row r …")` (the runner's progress/notes channel); `sindyForecast` returns it.
// Reconstruction (pairs 2, 4; OURS): the training matrix projected on the POD modes (spatio-temporal
// data; identity for dynamical data) and smoothed in time by Savitzky–Golay (window
// `reconstructWindow`, degree 2), lifted back — the "smoothed training matrix" choice: SINDy's own
// model does not define a denoiser, and this is how pysindy smooths before differentiating.
import { z } from "zod";
import { assertInt, assertPositive } from "../../../core/check.ts";
import { AnsatzError } from "../../../core/errors.ts";
import { Mat } from "../../../core/matrix.ts";
import { type Rhs, Rk4Stepper } from "../../../core/ode/rk4.ts";
import { parseModelConfig } from "../../model-config.ts";
import type { ForecastModel, ForecastTask } from "../forecast-model.ts";
import {
  forecastContext,
  type StateSpace,
  savitzkyGolay,
  stateSpaceFor,
  trainingBox,
} from "./learned-data.ts";
import { centralDifference, type PolynomialLibrary, polynomialLibrary, stlsq } from "./sindy-library.ts";
import { checkTask } from "./task-check.ts";

const oddWindow = (what: string) =>
  z
    .number()
    .int()
    .min(0)
    .refine((w) => w === 0 || (w >= 3 && w % 2 === 1), { error: `0 (${what} off) or an odd integer >= 3` });

const sindyConfigSchema = z
  .object({
    /** Highest total degree of the polynomial library. */
    order: z.number().int().min(1).max(4).default(2),
    /** STLSQ threshold on |ξ|. */
    threshold: z.number().min(0).default(0.1),
    /** STLSQ ridge penalty α. */
    ridge: z.number().min(0).default(1e-6),
    /** STLSQ thresholding rounds. */
    maxIter: z.number().int().min(1).default(20),
    /** POD modes for spatio-temporal data (ignored for dynamical data). */
    podModes: z.number().int().min(1).default(12),
    /** RK4 steps per data Δt. */
    substeps: z.number().int().min(1).default(5),
    /** Savitzky–Golay window applied before differentiating (0: none). */
    smoothWindow: oddWindow("smoothing").default(0),
    /** Savitzky–Golay window for the reconstruction pairs 2/4 (0: projection only). */
    reconstructWindow: oddWindow("smoothing").default(7),
  })
  .strict();

export type SindyConfig = z.output<typeof sindyConfigSchema>;

/** Validates a SINDy config (unknown or bad fields throw an AnsatzError naming the field). */
export function parseSindyConfig(raw: unknown): SindyConfig {
  return parseModelConfig(sindyConfigSchema, raw, "sindy", "dotted");
}

/** An identified SINDy model ż = Θ(z)·Ξ. */
export interface SindyFit {
  library: PolynomialLibrary;
  /** Ξ: terms × state dimension. */
  coef: Mat;
  iterations: number;
  converged: boolean;
  /** The identified right-hand side (allocation-free). */
  rhs: Rhs;
}

export interface SindyFitOptions {
  order: number;
  threshold: number;
  ridge: number;
  maxIter: number;
  /** Savitzky–Golay window before differentiating (0: none). */
  smoothWindow?: number;
  variableNames?: readonly string[];
}

/** The right-hand side ż = Θ(z)·Ξ of a library and coefficients. */
export function sindyRhs(library: PolynomialLibrary, coef: Mat): Rhs {
  const p = library.names.length;
  const d = library.dim;
  const theta = new Float64Array(p);
  const c = coef.data;
  return (_t, y, dydt) => {
    library.evaluate(y, theta);
    for (let j = 0; j < d; j++) dydt[j] = 0;
    for (let a = 0; a < p; a++) {
      const ta = theta[a]!;
      const o = a * d;
      for (let j = 0; j < d; j++) {
        const w = c[o + j]!;
        if (w !== 0) dydt[j] = dydt[j]! + w * ta;
      }
    }
  };
}

/** Fits SINDy on segments (rows = time, Δt apart); derivatives are taken within each segment. */
export function fitSindy(segments: readonly Mat[], dt: number, opts: SindyFitOptions): SindyFit {
  assertPositive(dt, "fitSindy(dt)");
  if (segments.length === 0)
    throw AnsatzError.expected("too-little-data", "fitSindy(segments)", "one or more", "none");
  const dim = segments[0]!.cols;
  const library = polynomialLibrary(dim, opts.order, opts.variableNames);
  const p = library.names.length;
  const used = segments.filter((s) => s.rows >= 3);
  const rows = used.reduce((a, s) => a + s.rows, 0);
  if (rows === 0) {
    throw AnsatzError.expected(
      "too-little-data",
      "fitSindy(segments)",
      "a segment of at least 3 rows",
      "none",
    );
  }
  const theta = new Mat(rows, p);
  const dX = new Mat(rows, dim);
  let o = 0;
  for (const seg of used) {
    const w = opts.smoothWindow ?? 0;
    const s = w > 0 && seg.rows >= w ? savitzkyGolay(seg, w, 2) : seg;
    const d = centralDifference(s, dt);
    dX.data.set(d.data, o * dim);
    for (let i = 0; i < s.rows; i++)
      library.evaluate(s.row(i), theta.data.subarray((o + i) * p, (o + i + 1) * p));
    o += s.rows;
  }
  const res = stlsq(theta, dX, { threshold: opts.threshold, ridge: opts.ridge, maxIter: opts.maxIter });
  return { library, ...res, rhs: sindyRhs(library, res.coef) };
}

/** Where an integration left the box or became non-finite. */
export interface Divergence {
  /** First output row not computed (it and every later row repeat the last good state). */
  row: number;
  message: string;
}

/**
 * Integrates ż = f(z) by RK4 from z0 (`substeps` steps per dt), recording `rows` states after
 * `offset − 1` unrecorded steps; stops (repeating the last good state) when the state is non-finite
 * or some |z_j − centre_j| exceeds bound_j.
 */
export function integrateBounded(
  f: Rhs,
  z0: Float64Array,
  opts: {
    dt: number;
    rows: number;
    substeps: number;
    offset?: number;
    centre?: Float64Array;
    bound?: Float64Array;
  },
): { states: Mat; divergence: Divergence | null } {
  const d = z0.length;
  assertInt(opts.rows, "integrateBounded(rows)", 0);
  assertInt(opts.substeps, "integrateBounded(substeps)", 1);
  const offset = opts.offset ?? 1;
  const h = opts.dt / opts.substeps;
  const stepper = new Rk4Stepper(f, d);
  const y = z0.slice();
  const good = z0.slice();
  const out = new Mat(opts.rows, d);
  const total = offset - 1 + opts.rows;
  let t = 0;
  let divergence: Divergence | null = null;
  for (let s = 0; s < total; s++) {
    for (let k = 0; k < opts.substeps; k++) {
      stepper.step(t, y, h);
      t += h;
    }
    let ok = true;
    for (let j = 0; j < d && ok; j++) {
      const v = y[j]!;
      if (!Number.isFinite(v)) ok = false;
      else if (opts.bound && opts.centre && Math.abs(v - opts.centre[j]!) > opts.bound[j]!) ok = false;
    }
    const row = s - (offset - 1);
    if (!ok) {
      const at = Math.max(row, 0);
      divergence = {
        row: at,
        message: `diverged at prediction row ${at} (t = ${(s + 1) * opts.dt} after the start): the state became non-finite or left 3× the training range; the last finite state is repeated`,
      };
      for (let r = at; r < opts.rows; r++) out.data.set(good, r * d);
      break;
    }
    good.set(y);
    if (row >= 0) out.data.set(y, row * d);
  }
  return { states: out, divergence };
}

/** The reconstruction of pairs 2/4: POD projection and Savitzky–Golay smoothing, lifted back. */
export function smoothReconstruction(x: Mat, space: StateSpace, window: number): Mat {
  const zm = space.reduce(x);
  return space.lift(window > 0 ? savitzkyGolay(zm, window, 2) : zm);
}

/** A SINDy forecast (or reconstruction) of a task, with the divergence if there was one. */
export function sindyForecast(
  task: ForecastTask,
  config: SindyConfig,
): { prediction: Mat; fit: SindyFit | null; divergence: Divergence | null } {
  checkTask(task, "sindy", { minRows: 1, needsDeltaT: true });
  const space = stateSpaceFor(task, config.podModes);
  if (task.task === "reconstruct") {
    return {
      prediction: smoothReconstruction(task.train[0]!, space, config.reconstructWindow),
      fit: null,
      divergence: null,
    };
  }
  const segments = task.train.map((m) => space.reduce(m));
  const fit = fitSindy(segments, task.deltaT, config);
  task.onProgress?.(0.5, "sindy: fitted");
  const { context, offset } = forecastContext(task);
  let zc = space.reduce(context);
  if (config.smoothWindow > 0 && zc.rows >= config.smoothWindow)
    zc = savitzkyGolay(zc, config.smoothWindow, 2);
  const z0 = zc.row(zc.rows - 1).slice();
  const box = trainingBox(segments);
  const { states, divergence } = integrateBounded(fit.rhs, z0, {
    dt: task.deltaT,
    rows: task.predictionShape[0],
    substeps: config.substeps,
    offset,
    ...box,
  });
  return { prediction: space.lift(states), fit, divergence };
}

/** SINDy (polynomial library + STLSQ, RK4 forecast; POD modes for spatio-temporal data). */
export const sindyModel: ForecastModel<SindyConfig> = {
  id: "sindy",
  title: "SINDy (polynomial library, STLSQ)",
  kind: "forecast",
  source: "ctf/dynamics/baselines",
  defaultConfig: parseSindyConfig({}),
  parseConfig: parseSindyConfig,
  predict(task, config) {
    const { prediction, divergence } = sindyForecast(task, config);
    if (divergence) task.onProgress?.(1, `sindy: ${divergence.message}`);
    else task.onProgress?.(1, "sindy: done");
    return prediction;
  },
};
