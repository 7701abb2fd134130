// Simulators for HCMs on ensembles recorded on a Δt grid (spec §1.3, §3 "Simulators"):
// - overdamped dx = b(t, x) dt + sqrt(2D) dW by Euler–Maruyama (Kloeden–Platen §9.1) with `substeps`
//   internal steps per recorded Δt (core eulerMaruyamaStep);
// - underdamped dq = v dt, dv = (F(t, q)/m − γ v) dt + sqrt(2γT/m) dW by BAOAB (Leimkuhler–Matthews 2013;
//   core baoabStep, the force is evaluated at the end-of-step time so time-dependent protocols are exact at
//   the B half-steps).
import { assertInt, assertPositive } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import type { Rng } from "../../core/random.ts";
import { baoabInit, baoabStep, eulerMaruyamaStep, eulerMaruyamaWork } from "../../core/sde/index.ts";
import type { Ensemble } from "./trajectory.ts";

/** Writes a vector field f(t, x) into `out`. */
export type TimeField = (t: number, x: Float64Array, out: Float64Array) => void;

/** Overdamped HCM: drift b = μ(−∇H + f) and diagonal diffusion D_i = μ_i T_i. */
export interface OverdampedModel {
  dim: number;
  drift: TimeField;
  D: Float64Array;
}

/** Underdamped HCM with unit-free parameters per coordinate: force F(t, q), mass, friction γ, temperature T. */
export interface UnderdampedModel {
  dim: number;
  force: TimeField;
  mass: number;
  gamma: number;
  T: number;
}

/** Draws an initial state into `out`. */
export type InitialLaw = (rng: Rng, out: Float64Array) => void;

export interface SimulateOptions {
  nPaths: number;
  /** Recorded points per path (≥ 2), spaced dt, the first the initial state. */
  nPoints: number;
  dt: number;
  /** Internal steps per recorded interval (default 1). */
  substeps?: number;
  t0?: number;
  rng: Rng;
}

function checkOpts(o: SimulateOptions, where: string): number {
  assertInt(o.nPaths, `${where} nPaths`, 1);
  assertInt(o.nPoints, `${where} nPoints`, 2);
  assertPositive(o.dt, `${where} dt`);
  const sub = o.substeps ?? 1;
  assertInt(sub, `${where} substeps`, 1);
  return sub;
}

/** Simulates an overdamped ensemble by Euler–Maruyama and records it every dt. */
export function simulateOverdamped(model: OverdampedModel, init: InitialLaw, o: SimulateOptions): Ensemble {
  const sub = checkOpts(o, "simulateOverdamped");
  const d = model.dim;
  if (model.D.length !== d)
    throw AnsatzError.expected("bad-shape", "simulateOverdamped D", `${d} values`, `${model.D.length}`);
  const sqrt2D = model.D.map((v) => Math.sqrt(2 * v));
  const sys = { drift: model.drift, diffusion: sqrt2D };
  const work = eulerMaruyamaWork(d);
  const h = o.dt / sub;
  const t0 = o.t0 ?? 0;
  const out = new Float64Array(o.nPaths * o.nPoints * d);
  const x = new Float64Array(d);
  for (let p = 0; p < o.nPaths; p++) {
    init(o.rng, x);
    let base = p * o.nPoints * d;
    out.set(x, base);
    for (let t = 1; t < o.nPoints; t++) {
      for (let s = 0; s < sub; s++) {
        eulerMaruyamaStep(sys, t0 + (t - 1) * o.dt + s * h, x, h, o.rng, work);
      }
      base += d;
      out.set(x, base);
    }
  }
  return { dt: o.dt, t0, nPaths: o.nPaths, nPoints: o.nPoints, dim: d, x: out };
}

/** Simulates an underdamped ensemble by BAOAB; returns positions and velocities recorded every dt. */
export function simulateUnderdamped(
  model: UnderdampedModel,
  init: (rng: Rng, q: Float64Array, v: Float64Array) => void,
  o: SimulateOptions,
): { q: Ensemble; v: Ensemble } {
  const sub = checkOpts(o, "simulateUnderdamped");
  const d = model.dim;
  const h = o.dt / sub;
  const t0 = o.t0 ?? 0;
  let tNow = t0;
  const sys = {
    force: (q: Float64Array, f: Float64Array) => model.force(tNow, q, f),
    mass: model.mass,
    friction: model.gamma,
    kT: model.T,
  };
  const qOut = new Float64Array(o.nPaths * o.nPoints * d);
  const vOut = new Float64Array(o.nPaths * o.nPoints * d);
  const q0 = new Float64Array(d);
  const v0 = new Float64Array(d);
  for (let p = 0; p < o.nPaths; p++) {
    init(o.rng, q0, v0);
    tNow = t0;
    const p0 = v0.map((v) => v * model.mass);
    const st = baoabInit(sys, q0, o.rng, p0);
    let base = p * o.nPoints * d;
    qOut.set(st.q, base);
    for (let i = 0; i < d; i++) vOut[base + i] = st.p[i]! / model.mass;
    for (let t = 1; t < o.nPoints; t++) {
      for (let s = 0; s < sub; s++) {
        tNow = t0 + (t - 1) * o.dt + (s + 1) * h;
        baoabStep(sys, st, h, o.rng);
      }
      base += d;
      qOut.set(st.q, base);
      for (let i = 0; i < d; i++) vOut[base + i] = st.p[i]! / model.mass;
    }
  }
  const shape = { dt: o.dt, t0, nPaths: o.nPaths, nPoints: o.nPoints, dim: d };
  return { q: { ...shape, x: qOut }, v: { ...shape, x: vOut } };
}
