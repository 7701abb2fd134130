// DynamicalSystem: the contract every generator of a CTF dynamical-systems data set fulfils
// (spec ctf.md §1.5, §1.7, §2.10), and the shared sampler for systems integrated by fixed-step RK4.
//
// A system knows its equations, its sampling interval Δt (`dt`, the CTF `delta_t`), its integrator and
// internal step, its parametric knob (default value and the five values used for X6–X10, which are
// OURS: the reference does not publish them, §1.5/§6), its noise levels (fractions of a clean std,
// also ours, §1.6/§2.10) and `simulate`, which draws an initial condition from the given Rng,
// integrates and discards a transient, then returns `rows` samples taken every Δt (time × state).
import {
  assertFinite,
  assertFiniteNumber,
  assertInt,
  assertNonNegative,
  assertPositive,
} from "../../../core/check.ts";
import { AnsatzError } from "../../../core/errors.ts";
import { Mat } from "../../../core/matrix.ts";
import { type Rhs, Rk4Stepper } from "../../../core/ode/rk4.ts";
import type { Rng } from "../../../core/random.ts";

export type SystemType = "dynamical" | "spatio-temporal";

/**
 * The parameter values of the parametric pairs (§1.2). X6train, X7train and X8train are simulated at
 * `train[0..2]`; pair 8 (interpolation: X9train burn-in, X8test) at `interpolation`, strictly between
 * train[1] and train[2]; pair 9 (extrapolation: X10train burn-in, X9test) at `extrapolation`, beyond
 * train[2] on the side away from train[1]. OURS [proposed]: the reference does not publish its values.
 */
export interface ParametricValues {
  readonly train: readonly [number, number, number];
  readonly interpolation: number;
  readonly extrapolation: number;
}

export interface SystemParameter {
  /** Name of the parametric knob, e.g. `r` (Lorenz) or `mu` (Kuramoto–Sivashinsky). */
  readonly name: string;
  /** Value used for X1–X5 (the standard chaotic case). */
  readonly default: number;
  /** Values used for X6–X10 (ours). */
  readonly parametric: ParametricValues;
  /** Why these values (observations they match, regime checked). */
  readonly note: string;
}

/**
 * Additive Gaussian noise: σ_j = fraction · s_j, where s_j is the standard deviation of variable j over
 * the clean trajectory the noisy matrix is cut from (`per-variable`), or the std of all entries of that
 * trajectory for statistically homogeneous fields (`pooled`, then σ is the same for every column).
 */
export interface NoiseLevels {
  /** Fraction of the clean std for X2train and X5train. */
  readonly medium: number;
  /** Fraction of the clean std for X3train. */
  readonly high: number;
  readonly reference: "per-variable" | "pooled";
  /** Where the fractions come from. */
  readonly note: string;
}

export interface IntegratorInfo {
  /** e.g. `RK4` or `ETDRK4 (Kassam–Trefethen)`. */
  readonly name: string;
  /** Internal step h; Δt is an integer multiple of it. */
  readonly internalStep: number;
}

export interface SimulateOptions {
  /** Value of the parametric knob (default: `parameter.default`). */
  param?: number;
  /** Number of samples (rows) to return, taken every Δt; row 0 is the state right after the transient. */
  rows: number;
  /** Time units integrated and discarded before row 0 (default: the system's `transient`). */
  transient?: number;
  /** Source of the random initial condition. */
  rng: Rng;
  /** Called with the fraction of the integration done (0…1), at most about 100 times. */
  onProgress?: (fraction: number) => void;
}

export interface DynamicalSystem {
  readonly id: string;
  readonly title: string;
  readonly type: SystemType;
  /** Sampling interval Δt of the matrices (the CTF `delta_t`). */
  readonly dt: number;
  /** Number of columns (state variables or grid points). */
  readonly dimension: number;
  /** The equations, in one line of text. */
  readonly equations: string;
  /** Parameters held fixed, by name. */
  readonly fixed: Readonly<Record<string, number>>;
  readonly parameter: SystemParameter;
  readonly integrator: IntegratorInfo;
  /** Default transient discarded before sampling, in time units. */
  readonly transient: number;
  /** Lyapunov time 1/λ_max at the default parameter, when known, and its source. */
  readonly lyapunovTime?: { readonly value: number; readonly source: string };
  readonly noise: NoiseLevels;
  /** Simulates one trajectory: `rows` samples every Δt after a discarded transient (time × state). */
  simulate(opts: SimulateOptions): Mat;
}

/** Checks the common `simulate` options; returns the parameter and transient to use. */
export function resolveSimulateOptions(
  sys: Pick<DynamicalSystem, "id" | "parameter" | "transient">,
  opts: SimulateOptions,
): { param: number; transient: number } {
  const where = `${sys.id}.simulate`;
  assertInt(opts.rows, `${where}(rows)`, 1);
  const param = opts.param ?? sys.parameter.default;
  assertFiniteNumber(param, `${where}(param ${sys.parameter.name})`);
  const transient = opts.transient ?? sys.transient;
  assertNonNegative(transient, `${where}(transient)`);
  return { param, transient };
}

/** Number of internal steps per sample, checking that Δt is an integer multiple of h (to 1e-9). */
export function substepsPerSample(dt: number, h: number, where: string): number {
  assertPositive(dt, `${where}(dt)`);
  assertPositive(h, `${where}(internal step)`);
  const m = Math.round(dt / h);
  if (m < 1 || Math.abs(m * h - dt) > 1e-9 * dt) {
    throw AnsatzError.expected("bad-value", `${where}(internal step)`, `a divisor of dt = ${dt}`, String(h));
  }
  return m;
}

export interface OdeSampleOptions {
  /** Sampling interval Δt. */
  dt: number;
  /** RK4 steps per sample (internal step h = dt / substeps). */
  substeps: number;
  /** Samples to record. */
  rows: number;
  /** Time units discarded first (rounded up to whole samples). */
  transient: number;
  /** Name used in error messages. */
  where: string;
  onProgress?: (fraction: number) => void;
}

/**
 * Integrates y' = f(t, y) from y0 by RK4 at h = dt/substeps, discards ⌈transient/dt⌉ samples, and
 * returns `rows` samples every dt (row 0 = the state right after the transient). Throws `diverged`
 * naming the time if the state becomes non-finite.
 */
export function sampleOde(f: Rhs, y0: Float64Array, opts: OdeSampleOptions): Mat {
  assertFinite(y0, `${opts.where}(initial condition)`);
  assertInt(opts.substeps, `${opts.where}(substeps)`, 1);
  const n = y0.length;
  const skip = Math.ceil(opts.transient / opts.dt - 1e-9);
  const total = skip + opts.rows - 1; // samples to advance
  const h = opts.dt / opts.substeps;
  const stepper = new Rk4Stepper(f, n);
  const y = y0.slice();
  const out = new Mat(opts.rows, n);
  const report = Math.max(1, Math.floor(total / 100));
  let s = 0;
  const record = (sample: number): void => {
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(y[i]!)) {
        throw new AnsatzError(
          "diverged",
          `${opts.where}: the state became non-finite (component ${i} = ${y[i]}) at t = ${sample * opts.dt}`,
          { where: opts.where, expected: "a finite state", found: `${y[i]} at t = ${sample * opts.dt}` },
        );
      }
    }
    if (sample >= skip) out.data.set(y, (sample - skip) * n);
  };
  record(0);
  for (s = 1; s <= total; s++) {
    const t0 = (s - 1) * opts.dt;
    for (let j = 0; j < opts.substeps; j++) stepper.step(t0 + j * h, y, h);
    record(s);
    if (opts.onProgress && s % report === 0) opts.onProgress(s / total);
  }
  opts.onProgress?.(1);
  return out;
}
