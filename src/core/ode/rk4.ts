// Classical fixed-step fourth-order Runge–Kutta method (Kutta 1901; Hairer, Nørsett & Wanner,
// "Solving Ordinary Differential Equations I", 2nd ed., §II.1, Table 1.2 "the" Runge–Kutta method):
//   k1 = f(t, y), k2 = f(t + h/2, y + h/2·k1), k3 = f(t + h/2, y + h/2·k2), k4 = f(t + h, y + h·k3),
//   y ← y + h/6·(k1 + 2k2 + 2k3 + k4).
// The right-hand side writes its derivative into `dydt`; the stepper preallocates its stages, so a
// step allocates nothing. Times are t0 + i·dt (not accumulated sums), so long runs do not drift.
import { assertFinite, assertFiniteNumber, assertInt, assertPositive } from "../check.ts";
import { AnsatzError } from "../errors.ts";
import { Mat } from "../matrix.ts";

/** Right-hand side of y' = f(t, y): writes f(t, y) into `dydt` (same length as y). */
export type Rhs = (t: number, y: Float64Array, dydt: Float64Array) => void;

/** One RK4 step at a time, in place and allocation-free, for long runs. */
export class Rk4Stepper {
  readonly dim: number;
  private readonly f: Rhs;
  private readonly k1: Float64Array;
  private readonly k2: Float64Array;
  private readonly k3: Float64Array;
  private readonly k4: Float64Array;
  private readonly tmp: Float64Array;

  constructor(f: Rhs, dim: number) {
    assertInt(dim, "Rk4Stepper(dim)", 1);
    this.f = f;
    this.dim = dim;
    this.k1 = new Float64Array(dim);
    this.k2 = new Float64Array(dim);
    this.k3 = new Float64Array(dim);
    this.k4 = new Float64Array(dim);
    this.tmp = new Float64Array(dim);
  }

  /** Advances y (length dim) from t to t + dt in place. */
  step(t: number, y: Float64Array, dt: number): void {
    const n = this.dim;
    const { f, k1, k2, k3, k4, tmp } = this;
    const h2 = 0.5 * dt;
    f(t, y, k1);
    for (let i = 0; i < n; i++) tmp[i] = y[i]! + h2 * k1[i]!;
    f(t + h2, tmp, k2);
    for (let i = 0; i < n; i++) tmp[i] = y[i]! + h2 * k2[i]!;
    f(t + h2, tmp, k3);
    for (let i = 0; i < n; i++) tmp[i] = y[i]! + dt * k3[i]!;
    f(t + dt, tmp, k4);
    const h6 = dt / 6;
    for (let i = 0; i < n; i++) y[i] = y[i]! + h6 * (k1[i]! + 2 * (k2[i]! + k3[i]!) + k4[i]!);
  }
}

export interface Rk4Options {
  /** Initial time (default 0). */
  t0?: number;
  /** Step size (> 0). */
  dt: number;
  /** Number of steps (≥ 0). */
  steps: number;
  /** Record every this many steps (default 1); must divide `steps`. */
  recordEvery?: number;
}

export interface OdeTrajectory {
  /** Recorded times. */
  t: Float64Array;
  /** One row per recorded time (time × state). */
  y: Mat;
}

/**
 * Integrates y' = f(t, y) with fixed-step RK4 from y0; rows of `y` are the states at steps
 * 0, r, 2r, …, steps (r = recordEvery), the initial state included. Throws `diverged` naming t if
 * the state becomes non-finite.
 */
export function rk4(f: Rhs, y0: Float64Array, opts: Rk4Options): OdeTrajectory {
  assertFinite(y0, "rk4(y0)");
  if (y0.length === 0) throw AnsatzError.expected("bad-shape", "rk4(y0)", "a non-empty state", "length 0");
  const t0 = opts.t0 ?? 0;
  assertFiniteNumber(t0, "rk4(t0)");
  assertPositive(opts.dt, "rk4(dt)");
  assertInt(opts.steps, "rk4(steps)", 0);
  const every = opts.recordEvery ?? 1;
  assertInt(every, "rk4(recordEvery)", 1);
  if (opts.steps % every !== 0) {
    throw AnsatzError.expected(
      "bad-value",
      "rk4(recordEvery)",
      `a divisor of steps = ${opts.steps}`,
      String(every),
    );
  }
  const n = y0.length;
  const rows = opts.steps / every + 1;
  const out = new Mat(rows, n);
  const t = new Float64Array(rows);
  const y = y0.slice();
  const stepper = new Rk4Stepper(f, n);
  out.data.set(y, 0);
  t[0] = t0;
  let row = 1;
  for (let s = 0; s < opts.steps; s++) {
    const ts = t0 + s * opts.dt;
    stepper.step(ts, y, opts.dt);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(y[i]!)) {
        throw new AnsatzError(
          "diverged",
          `rk4: the state became non-finite (component ${i} = ${y[i]}) at t = ${t0 + (s + 1) * opts.dt} (step ${s + 1}); reduce dt or check f`,
          { where: "rk4", expected: "a finite state", found: `${y[i]} at t = ${t0 + (s + 1) * opts.dt}` },
        );
      }
    }
    if ((s + 1) % every === 0) {
      out.data.set(y, row * n);
      t[row] = t0 + (s + 1) * opts.dt;
      row++;
    }
  }
  return { t, y: out };
}
