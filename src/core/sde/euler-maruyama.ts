// Euler–Maruyama for Itô SDEs with diagonal noise, dX = a(t, X) dt + b(t, X) ⊙ dW (elementwise product)
// (P. E. Kloeden and E. Platen, "Numerical Solution of Stochastic Differential Equations", 1992, §9.1
// and §10.2): X_{n+1} = X_n + a(t_n, X_n) Δt + b(t_n, X_n) ⊙ ΔW_n, ΔW_n = sqrt(Δt)·ξ_n,
// ξ_n ~ N(0, I) drawn coordinate by coordinate from the Rng (rng.normal(), in index order).
// Strong order 1/2, weak order 1. Times are t_n = t0 + n·Δt (not accumulated).
//
// The inner loop allocates nothing: drift and diffusion write into preallocated work buffers
// (`eulerMaruyamaWork`). A non-finite state throws AnsatzError "diverged" naming the step.
import { assertFinite, assertInt, assertNonNegative, assertPositive } from "../check.ts";
import { AnsatzError } from "../errors.ts";
import { Mat } from "../matrix.ts";
import type { Rng } from "../random.ts";

/** Writes a(t, x) (or b(t, x)) into `out`; must not keep references to `x` or `out`. */
export type SdeVectorField = (t: number, x: Float64Array, out: Float64Array) => void;

/** Diagonal diffusion: one constant for every coordinate, a constant per coordinate, or b(t, x). */
export type Diffusion = number | Float64Array | SdeVectorField;

export interface EulerMaruyamaSystem {
  /** Drift a(t, x), written into `out`. */
  drift: SdeVectorField;
  /** Diagonal diffusion b: number, per-coordinate Float64Array, or a function writing into `out`. */
  diffusion: Diffusion;
}

export interface EulerMaruyamaWork {
  /** Drift buffer (length dim). */
  readonly a: Float64Array;
  /** Diffusion buffer (length dim), used when the diffusion is a function. */
  readonly b: Float64Array;
}

/** Scratch buffers for eulerMaruyamaStep on a state of length `dim`. */
export function eulerMaruyamaWork(dim: number): EulerMaruyamaWork {
  assertInt(dim, "eulerMaruyamaWork(dim)", 1);
  return { a: new Float64Array(dim), b: new Float64Array(dim) };
}

function diverged(where: string, step: number, t: number, i: number, v: number): AnsatzError {
  const at = step >= 0 ? `step ${step} (t = ${t})` : `t = ${t}`;
  return new AnsatzError("diverged", `${where}: state became non-finite at ${at}: x[${i}] = ${v}`, {
    where: `${where} ${at}`,
    expected: "a finite state",
    found: `x[${i}] = ${v}`,
  });
}

/**
 * One Euler–Maruyama step from time t, updating x in place: x += a(t,x)·dt + b(t,x)⊙sqrt(dt)·ξ.
 * `step` (optional) only labels the "diverged" error. Allocation-free.
 */
export function eulerMaruyamaStep(
  sys: EulerMaruyamaSystem,
  t: number,
  x: Float64Array,
  dt: number,
  rng: Rng,
  work: EulerMaruyamaWork,
  step = -1,
): void {
  const n = x.length;
  const a = work.a;
  if (a.length !== n) {
    throw AnsatzError.expected(
      "bad-shape",
      "eulerMaruyamaStep(work)",
      `buffers of length ${n}`,
      `length ${a.length}`,
    );
  }
  sys.drift(t, x, a);
  const sq = Math.sqrt(dt);
  const diff = sys.diffusion;
  let bad = -1;
  if (typeof diff === "number") {
    const s = diff * sq;
    for (let i = 0; i < n; i++) {
      const v = x[i]! + a[i]! * dt + s * rng.normal();
      x[i] = v;
      if (bad < 0 && !Number.isFinite(v)) bad = i;
    }
  } else {
    let b: Float64Array;
    if (typeof diff === "function") {
      b = work.b;
      diff(t, x, b);
    } else {
      b = diff;
      if (b.length !== n) {
        throw AnsatzError.expected(
          "bad-shape",
          "eulerMaruyama diffusion",
          `length ${n}`,
          `length ${b.length}`,
        );
      }
    }
    for (let i = 0; i < n; i++) {
      const v = x[i]! + a[i]! * dt + b[i]! * sq * rng.normal();
      x[i] = v;
      if (bad < 0 && !Number.isFinite(v)) bad = i;
    }
  }
  if (bad >= 0) throw diverged("eulerMaruyama", step, t, bad, x[bad]!);
}

export interface EulerMaruyamaOptions extends EulerMaruyamaSystem {
  /** Initial state (copied, not modified). */
  x0: Float64Array;
  /** Step size Δt > 0. */
  dt: number;
  /** Number of steps, an integer >= 1. */
  steps: number;
  rng: Rng;
  /** Initial time (default 0). */
  t0?: number;
  /** Record every k-th state (default 1). */
  recordEvery?: number;
}

/**
 * Integrates `steps` Euler–Maruyama steps from x0. Returns a Mat whose row r is the state after
 * r·recordEvery steps (time t0 + r·recordEvery·dt), r = 0..floor(steps / recordEvery); row 0 is x0.
 */
export function eulerMaruyama(opts: EulerMaruyamaOptions): Mat {
  const { x0, dt, steps, rng } = opts;
  const t0 = opts.t0 ?? 0;
  const every = opts.recordEvery ?? 1;
  assertPositive(dt, "eulerMaruyama dt");
  assertInt(steps, "eulerMaruyama steps", 1);
  assertInt(every, "eulerMaruyama recordEvery", 1);
  if (!Number.isFinite(t0))
    throw AnsatzError.expected("not-finite", "eulerMaruyama t0", "a finite number", String(t0));
  if (x0.length < 1)
    throw AnsatzError.expected("bad-shape", "eulerMaruyama x0", "a non-empty state", "length 0");
  assertFinite(x0, "eulerMaruyama x0");
  const dim = x0.length;
  const diff = opts.diffusion;
  if (typeof diff === "number") {
    assertNonNegative(diff, "eulerMaruyama diffusion");
  } else if (diff instanceof Float64Array) {
    if (diff.length !== dim) {
      throw AnsatzError.expected(
        "bad-shape",
        "eulerMaruyama diffusion",
        `length ${dim} like x0`,
        `length ${diff.length}`,
      );
    }
    for (let i = 0; i < dim; i++) assertNonNegative(diff[i]!, `eulerMaruyama diffusion[${i}]`);
  } else if (typeof diff !== "function") {
    throw AnsatzError.expected(
      "bad-argument",
      "eulerMaruyama diffusion",
      "a number, Float64Array or function",
      typeof diff,
    );
  }
  const rowsOut = Math.floor(steps / every) + 1;
  const out = new Mat(rowsOut, dim);
  const x = Float64Array.from(x0);
  out.data.set(x, 0);
  const work = eulerMaruyamaWork(dim);
  let r = 1;
  for (let k = 0; k < steps; k++) {
    eulerMaruyamaStep(opts, t0 + k * dt, x, dt, rng, work, k + 1);
    if ((k + 1) % every === 0) out.data.set(x, dim * r++);
  }
  return out;
}
