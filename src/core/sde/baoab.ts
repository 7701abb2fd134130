// BAOAB: the Leimkuhler–Matthews splitting for underdamped Langevin dynamics
//   dq = M⁻¹ p dt,   dp = (F(q) - γ p) dt + sqrt(2 γ kT) M^{1/2} dW,   F = -∇U
// (B. Leimkuhler and C. Matthews, "Rational construction of stochastic numerical methods for molecular
// sampling", Appl. Math. Res. Express 2013(1), 34–56; "Molecular Dynamics", Springer 2015, §7.3).
// One step of size h, with the force F(q) carried over from the previous step:
//   B: p ← p + (h/2) F(q)
//   A: q ← q + (h/2) M⁻¹ p
//   O: p ← c p + sqrt((1 - c²) m kT) ξ,  c = exp(-γ h),  ξ ~ N(0, I) (rng.normal(), index order)
//   A: q ← q + (h/2) M⁻¹ p
//   B: F ← F(q);  p ← p + (h/2) F(q)
// For a harmonic potential U = k q²/2 the stationary law of BAOAB has exactly the right position
// variance kT/k for every stable h (Leimkuhler–Matthews 2013, harmonic analysis), while the momentum
// variance is m kT (1 - h²ω²/4), ω² = k/m. The inner loop allocates nothing; a non-finite state
// throws AnsatzError "diverged" naming the step.
import { assertFinite, assertInt, assertNonNegative, assertPositive } from "../check.ts";
import { AnsatzError } from "../errors.ts";
import { Mat } from "../matrix.ts";
import type { Rng } from "../random.ts";

/** Writes the force F(q) = -∇U(q) into `out`. */
export type ForceField = (q: Float64Array, out: Float64Array) => void;

export interface LangevinSystem {
  /** F(q) = -∇U(q), written into `out`. */
  force: ForceField;
  /** Mass: one for all coordinates, or one per coordinate (all > 0). */
  mass: number | Float64Array;
  /** Friction γ >= 0 (γ = 0 gives velocity Verlet). */
  friction: number;
  /** Temperature kT >= 0. */
  kT: number;
}

export interface BaoabState {
  /** Positions (updated in place). */
  readonly q: Float64Array;
  /** Momenta (updated in place). */
  readonly p: Float64Array;
  /** Force at the current q (kept between steps so each step costs one force evaluation). */
  readonly f: Float64Array;
}

function checkSystem(sys: LangevinSystem, dim: number, where: string): void {
  if (typeof sys.mass === "number") {
    assertPositive(sys.mass, `${where} mass`);
  } else {
    if (sys.mass.length !== dim) {
      throw AnsatzError.expected(
        "bad-shape",
        `${where} mass`,
        `length ${dim} like q0`,
        `length ${sys.mass.length}`,
      );
    }
    for (let i = 0; i < dim; i++) assertPositive(sys.mass[i]!, `${where} mass[${i}]`);
  }
  assertNonNegative(sys.friction, `${where} friction`);
  assertNonNegative(sys.kT, `${where} kT`);
}

function diverged(step: number, name: string, i: number, v: number): AnsatzError {
  const at = step >= 0 ? `step ${step}` : "a step";
  return new AnsatzError("diverged", `baoab: state became non-finite at ${at}: ${name}[${i}] = ${v}`, {
    where: `baoab ${at}`,
    expected: "a finite state",
    found: `${name}[${i}] = ${v}`,
  });
}

function massAt(mass: number | Float64Array, i: number): number {
  return typeof mass === "number" ? mass : mass[i]!;
}

/**
 * Initial BAOAB state: copies q0, takes p0 if given, else draws p ~ N(0, m kT) (Maxwell–Boltzmann)
 * from rng, and evaluates the force at q0.
 */
export function baoabInit(sys: LangevinSystem, q0: Float64Array, rng: Rng, p0?: Float64Array): BaoabState {
  const dim = q0.length;
  if (dim < 1) throw AnsatzError.expected("bad-shape", "baoab q0", "a non-empty state", "length 0");
  assertFinite(q0, "baoab q0");
  checkSystem(sys, dim, "baoab");
  const q = Float64Array.from(q0);
  const p = new Float64Array(dim);
  if (p0 !== undefined) {
    if (p0.length !== dim)
      throw AnsatzError.expected("bad-shape", "baoab p0", `length ${dim} like q0`, `length ${p0.length}`);
    assertFinite(p0, "baoab p0");
    p.set(p0);
  } else {
    for (let i = 0; i < dim; i++) p[i] = Math.sqrt(massAt(sys.mass, i) * sys.kT) * rng.normal();
  }
  const f = new Float64Array(dim);
  sys.force(q, f);
  for (let i = 0; i < dim; i++) {
    if (!Number.isFinite(f[i]!)) throw diverged(0, "force", i, f[i]!);
  }
  return { q, p, f };
}

/** One BAOAB step of size dt on `state`, in place and allocation-free; `step` only labels errors. */
export function baoabStep(sys: LangevinSystem, state: BaoabState, dt: number, rng: Rng, step = -1): void {
  const { q, p, f } = state;
  const n = q.length;
  const h2 = 0.5 * dt;
  const c = Math.exp(-sys.friction * dt);
  const noise = Math.sqrt((1 - c * c) * sys.kT);
  const mass = sys.mass;
  if (typeof mass === "number") {
    const im = 1 / mass;
    const sm = noise * Math.sqrt(mass);
    for (let i = 0; i < n; i++) {
      let pi = p[i]! + h2 * f[i]!;
      let qi = q[i]! + h2 * im * pi;
      pi = c * pi + sm * rng.normal();
      qi += h2 * im * pi;
      p[i] = pi;
      q[i] = qi;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const m = mass[i]!;
      let pi = p[i]! + h2 * f[i]!;
      let qi = q[i]! + (h2 * pi) / m;
      pi = c * pi + noise * Math.sqrt(m) * rng.normal();
      qi += (h2 * pi) / m;
      p[i] = pi;
      q[i] = qi;
    }
  }
  sys.force(q, f);
  for (let i = 0; i < n; i++) {
    const pi = p[i]! + h2 * f[i]!;
    p[i] = pi;
    if (!Number.isFinite(pi) || !Number.isFinite(q[i]!)) {
      throw Number.isFinite(q[i]!) ? diverged(step, "p", i, pi) : diverged(step, "q", i, q[i]!);
    }
  }
}

export interface BaoabOptions extends LangevinSystem {
  /** Initial positions (copied). */
  q0: Float64Array;
  /** Initial momenta (copied); default a Maxwell–Boltzmann draw N(0, m kT) from rng. */
  p0?: Float64Array;
  /** Step size h > 0. */
  dt: number;
  /** Number of steps, an integer >= 1. */
  steps: number;
  rng: Rng;
  /** Record every k-th state (default 1). */
  recordEvery?: number;
}

/**
 * Integrates `steps` BAOAB steps. Returns positions and momenta, row r = state after r·recordEvery
 * steps, r = 0..floor(steps / recordEvery); row 0 is the initial state.
 */
export function baoab(opts: BaoabOptions): { q: Mat; p: Mat } {
  const { dt, steps, rng } = opts;
  const every = opts.recordEvery ?? 1;
  assertPositive(dt, "baoab dt");
  assertInt(steps, "baoab steps", 1);
  assertInt(every, "baoab recordEvery", 1);
  const state = baoabInit(opts, opts.q0, rng, opts.p0);
  const dim = state.q.length;
  const rowsOut = Math.floor(steps / every) + 1;
  const qOut = new Mat(rowsOut, dim);
  const pOut = new Mat(rowsOut, dim);
  qOut.data.set(state.q, 0);
  pOut.data.set(state.p, 0);
  let r = 1;
  for (let k = 1; k <= steps; k++) {
    baoabStep(opts, state, dt, rng, k);
    if (k % every === 0) {
      qOut.data.set(state.q, dim * r);
      pOut.data.set(state.p, dim * r);
      r++;
    }
  }
  return { q: qOut, p: pOut };
}
