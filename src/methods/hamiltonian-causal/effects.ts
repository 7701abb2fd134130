// Causal effects between interventional path laws (spec §1.6, §2.1, §2.6 E1 and E9):
// - Girsanov path KL between two known overdamped drifts sharing D, quadratic form (left point, Itô):
//   KL̂ = (1/M) Σ_paths Σ_t (Δb)ᵀ D⁻¹ (Δb) Δt/4, Δb = b_1(x_t) − b_2(x_t), paths from P_1;
// - endpoint ATE E^a[f(x_τ)] − E^b[f(x_τ)] and cumulative ATE E^a[∫ f dt] − E^b[∫ f dt] (trapezoid) with a
//   Welch standard error and normal 95 % interval.
import { AnsatzError } from "../../core/errors.ts";
import type { OverdampedModel } from "./simulate.ts";
import { checkEnsemble, type Ensemble, meanAndStderr, unitTotals } from "./trajectory.ts";

/** A path-KL estimate: total over the observed window and rate per unit time, with SEs and convention. */
export interface PathKlEstimate {
  kl: number;
  klStderr: number;
  rate: number;
  stderr: number;
  convention: string;
}

/** Girsanov quadratic-form estimate of D_KL(P1 || P2) from paths of P1 (same initial law, same D). */
export function girsanovKl(e: Ensemble, m1: OverdampedModel, m2: OverdampedModel): PathKlEstimate {
  checkEnsemble(e);
  const d = e.dim;
  if (m1.dim !== d || m2.dim !== d)
    throw AnsatzError.expected("bad-shape", "girsanovKl models", `dim ${d}`, `${m1.dim}, ${m2.dim}`);
  for (let i = 0; i < d; i++) {
    if (m1.D[i] !== m2.D[i]) {
      throw AnsatzError.expected(
        "bad-value",
        `girsanovKl D[${i}]`,
        "the same diffusion in both laws (else KL = ∞)",
        `${m1.D[i]} vs ${m2.D[i]}`,
      );
    }
  }
  const steps = e.nPoints - 1;
  const contrib = new Float64Array(e.nPaths * steps);
  const b1 = new Float64Array(d);
  const b2 = new Float64Array(d);
  for (let p = 0; p < e.nPaths; p++) {
    for (let t = 0; t < steps; t++) {
      const o = (p * e.nPoints + t) * d;
      const x = e.x.subarray(o, o + d);
      const time = e.t0 + t * e.dt;
      m1.drift(time, x, b1);
      m2.drift(time, x, b2);
      let s = 0;
      for (let i = 0; i < d; i++) s += (b1[i]! - b2[i]!) ** 2 / m1.D[i]!;
      contrib[p * steps + t] = (s * e.dt) / 4;
    }
  }
  const { totals, unitTime } = unitTotals(e, contrib);
  const { mean, stderr } = meanAndStderr(totals);
  const tau = steps * e.dt;
  return {
    kl: (mean / unitTime) * tau,
    klStderr: (stderr / unitTime) * tau,
    rate: mean / unitTime,
    stderr: stderr / unitTime,
    convention: `D_KL(P1‖P2), paths from P1, equal initial laws; Girsanov quadratic form, Itô left point (O(Δt) bias); Δt = ${e.dt}`,
  };
}

/**
 * Girsanov log-likelihood ratio ln dP1/dP2 per path (Itô, left point; spec §2.1):
 * Σ_t Δbᵀ(2D)⁻¹Δx − ½ Σ_t (b1ᵀ(2D)⁻¹b1 − b2ᵀ(2D)⁻¹b2) Δt; its mean over paths of P1 estimates D_KL(P1‖P2)
 * (higher variance than the quadratic form of girsanovKl). Returns per-path values and their mean ± SE.
 */
export function girsanovLogLikelihoodRatio(
  e: Ensemble,
  m1: OverdampedModel,
  m2: OverdampedModel,
): { perPath: Float64Array; mean: number; stderr: number } {
  checkEnsemble(e);
  const d = e.dim;
  if (m1.dim !== d || m2.dim !== d)
    throw AnsatzError.expected(
      "bad-shape",
      "girsanovLogLikelihoodRatio models",
      `dim ${d}`,
      `${m1.dim}, ${m2.dim}`,
    );
  const b1 = new Float64Array(d);
  const b2 = new Float64Array(d);
  const perPath = new Float64Array(e.nPaths);
  for (let p = 0; p < e.nPaths; p++) {
    let s = 0;
    for (let t = 0; t < e.nPoints - 1; t++) {
      const o = (p * e.nPoints + t) * d;
      const x = e.x.subarray(o, o + d);
      const time = e.t0 + t * e.dt;
      m1.drift(time, x, b1);
      m2.drift(time, x, b2);
      for (let i = 0; i < d; i++) {
        const inv = 1 / (2 * m1.D[i]!);
        s +=
          (b1[i]! - b2[i]!) * inv * (e.x[o + d + i]! - x[i]!) -
          0.5 * (b1[i]! ** 2 - b2[i]! ** 2) * inv * e.dt;
      }
    }
    perPath[p] = s;
  }
  const { mean, stderr } = meanAndStderr(perPath);
  return { perPath, mean, stderr };
}

/**
 * Per-step KL for an environment (temperature/diffusion) intervention, where the continuous-time path KL is
 * infinite (spec §2.8 pitfall 3): ½[tr(Σ2⁻¹Σ1) − d + ln det Σ2/det Σ1] with Σ_k = 2 D_k Δt (diagonal).
 */
export function environmentStepKl(D1: Float64Array, D2: Float64Array, dt: number): number {
  if (D1.length !== D2.length)
    throw AnsatzError.expected("bad-shape", "environmentStepKl D2", `${D1.length} values`, `${D2.length}`);
  if (!(dt > 0)) throw AnsatzError.expected("bad-value", "environmentStepKl dt", "Δt > 0", `${dt}`);
  let s = 0;
  for (let i = 0; i < D1.length; i++) {
    if (!(D1[i]! > 0 && D2[i]! > 0))
      throw AnsatzError.expected("bad-value", `environmentStepKl D[${i}]`, "> 0", `${D1[i]}, ${D2[i]}`);
    const r = (2 * D1[i]! * dt) / (2 * D2[i]! * dt);
    s += r - 1 - Math.log(r);
  }
  return 0.5 * s;
}

/** An average treatment effect with Welch SE and 95 % normal interval. */
export interface AteEstimate {
  ate: number;
  stderr: number;
  ci95: [number, number];
}

function welch(a: Float64Array, b: Float64Array): AteEstimate {
  const A = meanAndStderr(a);
  const B = meanAndStderr(b);
  const se = Math.sqrt(A.stderr ** 2 + B.stderr ** 2);
  const ate = A.mean - B.mean;
  return { ate, stderr: se, ci95: [ate - 1.959964 * se, ate + 1.959964 * se] };
}

function checkPair(a: Ensemble, b: Ensemble): void {
  checkEnsemble(a, "arm a");
  checkEnsemble(b, "arm b");
  if (a.dim !== b.dim)
    throw AnsatzError.expected("bad-shape", "arm b dim", `${a.dim} like arm a`, `${b.dim}`);
  if (a.nPaths < 2 || b.nPaths < 2) {
    throw AnsatzError.expected(
      "too-little-data",
      "ATE arms",
      "at least 2 paths per arm",
      `${a.nPaths} and ${b.nPaths}`,
    );
  }
}

/** Endpoint ATE of f: E^a[f(x_τ)] − E^b[f(x_τ)] over the last recorded point of each path. */
export function ateEndpoint(a: Ensemble, b: Ensemble, f: (x: Float64Array) => number): AteEstimate {
  checkPair(a, b);
  const end = (e: Ensemble) =>
    Float64Array.from({ length: e.nPaths }, (_, p) => {
      const o = (p * e.nPoints + e.nPoints - 1) * e.dim;
      return f(e.x.subarray(o, o + e.dim));
    });
  return welch(end(a), end(b));
}

/** Cumulative ATE of f: E^a[∫ f(x_t) dt] − E^b[∫ f(x_t) dt] (trapezoid over the recorded grid). */
export function ateCumulative(a: Ensemble, b: Ensemble, f: (x: Float64Array) => number): AteEstimate {
  checkPair(a, b);
  const integ = (e: Ensemble) =>
    Float64Array.from({ length: e.nPaths }, (_, p) => {
      let s = 0;
      for (let t = 0; t < e.nPoints; t++) {
        const o = (p * e.nPoints + t) * e.dim;
        const w = t === 0 || t === e.nPoints - 1 ? 0.5 : 1;
        s += w * f(e.x.subarray(o, o + e.dim));
      }
      return s * e.dt;
    });
  return welch(integ(a), integ(b));
}
