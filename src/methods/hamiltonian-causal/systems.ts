// The nine oracle systems S1–S9 of spec hamiltonian-causal.md §4.1, as builders carrying their models
// (overdamped and/or underdamped), initial laws, and exact values (closed forms from the spec, each
// [checked] there; the linear ones are recomputed here from the Lyapunov solve where the spec gives
// only numbers for its defaults).
import { AnsatzError } from "../../core/errors.ts";
import { Mat } from "../../core/matrix.ts";
import type { Rng } from "../../core/random.ts";
import { lyapunov, ouEntropyRate, ouStationaryCovariance } from "./linear-gaussian.ts";
import type { InitialLaw, OverdampedModel, UnderdampedModel } from "./simulate.ts";

function pos(v: number, name: string): void {
  if (!(Number.isFinite(v) && v > 0))
    throw AnsatzError.expected("bad-value", name, "a finite value > 0", `${v}`);
}

/** Linear drift b = M x (+ c(t)) and diagonal D of an overdamped linear system. */
export interface LinearSpec {
  M: Mat;
  D: Float64Array;
}

/** Gaussian initial law N(0, diag(variances)). */
export function gaussianInit(variances: ArrayLike<number>): InitialLaw {
  const sd = Float64Array.from(variances, (v) => Math.sqrt(v));
  return (rng: Rng, out: Float64Array) => {
    for (let i = 0; i < sd.length; i++) out[i] = sd[i]! * rng.normal();
  };
}

function linearDrift(M: Mat): (t: number, x: Float64Array, out: Float64Array) => void {
  const d = M.rows;
  const m = M.data;
  return (_t, x, out) => {
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += m[i * d + k]! * x[k]!;
      out[i] = s;
    }
  };
}

/** S1 dragged trap, overdamped: dx = −(k/γ)(x − vt) dt + sqrt(2T/γ) dW, x_0 ~ N(0, T/k). */
export function s1DraggedTrap(p: { k?: number; gamma?: number; T?: number; v?: number; tau?: number } = {}) {
  const { k = 1, gamma = 1, T = 1, v = 1, tau = 4 } = p;
  for (const [n, x] of Object.entries({ k, gamma, T, tau })) pos(x, `s1 ${n}`);
  const r = k / gamma;
  const e = Math.exp(-r * tau);
  const lag = (gamma * v * (1 - e)) / k;
  const work = (gamma * v * v * (tau - (gamma / k) * (1 - e))) / T;
  const arm = (speed: number): OverdampedModel => ({
    dim: 1,
    D: Float64Array.of(T / gamma),
    drift: (t, x, out) => {
      out[0] = -r * (x[0]! - speed * t);
    },
  });
  return {
    id: "S1",
    params: { k, gamma, T, v, tau },
    model: arm(v),
    reference: arm(0),
    init: gaussianInit([T / k]),
    /** Linear form b = M x + c(t) of the dragged arm and the reference. */
    linear: {
      M: Mat.from([[-r]]),
      D: Float64Array.of(T / gamma),
      c: (t: number) => Float64Array.of(r * v * t),
    },
    /** Potential V(x, λ) = k(x − λ)²/2 with λ(t) = v t, for work and heat. */
    potential: { k, lambda: (t: number) => v * t, lambdaDot: v },
    exact: {
      ateEnd: v * tau - lag,
      ateCum: (v * tau * tau) / 2 - ((gamma * v) / k) * (tau - (gamma / k) * (1 - e)),
      workOverT: work,
      heatOverT: work - ((k / 2) * (lag * lag)) / T,
      ceKl: (k * k * v * v * tau ** 3) / (12 * gamma * T),
      steadyEpRate: (gamma * v * v) / T,
    },
  };
}

/** S2 dragged trap, underdamped (m = 1): dx = v dt, dv = (−k(x − vt) − γ v) dt + sqrt(2γT) dW. */
export function s2DraggedTrapUnderdamped(
  p: { k?: number; gamma?: number; T?: number; v?: number; tau?: number } = {},
) {
  const { k = 1, gamma = 1, T = 1, v = 1, tau = 4 } = p;
  for (const [n, x] of Object.entries({ k, gamma, T, tau })) pos(x, `s2 ${n}`);
  const model: UnderdampedModel = {
    dim: 1,
    mass: 1,
    gamma,
    T,
    force: (t, q, out) => {
      out[0] = -k * (q[0]! - v * t);
    },
  };
  return {
    id: "S2",
    params: { k, gamma, T, v, tau },
    model,
    init: (rng: Rng, q: Float64Array, vel: Float64Array) => {
      q[0] = Math.sqrt(T / k) * rng.normal();
      vel[0] = Math.sqrt(T) * rng.normal();
    },
    exact: { steadyPowerOverT: (gamma * v * v) / T, ceKl: (k * k * v * v * tau ** 3) / (12 * gamma * T) },
  };
}

/** S3 curl-driven trap, overdamped: dx = (−k x + ε J x) dt + sqrt(2D) dW (reference arm ε = 0). */
export function s3CurlTrap(p: { k?: number; eps?: number; D?: number } = {}) {
  const { k = 1, eps = 0.3, D = 0.5 } = p;
  pos(k, "s3 k");
  pos(D, "s3 D");
  const Mof = (e: number) =>
    Mat.from([
      [-k, -e],
      [e, -k],
    ]);
  const Dv = Float64Array.of(D, D);
  const M = Mof(eps);
  return {
    id: "S3",
    params: { k, eps, D },
    model: { dim: 2, D: Dv, drift: linearDrift(M) } satisfies OverdampedModel,
    reference: { dim: 2, D: Dv, drift: linearDrift(Mof(0)) } satisfies OverdampedModel,
    linear: { M, D: Dv } satisfies LinearSpec,
    referenceLinear: { M: Mof(0), D: Dv } satisfies LinearSpec,
    init: gaussianInit([D / k, D / k]),
    exact: {
      epRate: (2 * eps * eps) / k,
      ceKlRate: (eps * eps) / (2 * k),
      stationaryVariance: D / k,
      /** Markov-pair EP at Δt = 0.1, 0.01, 0.001 (spec §4.1 S3, defaults only). */
      pairEp: { 0.1: 0.1625508, 0.01: 0.1782055, 0.001: 0.17982 } as Record<number, number>,
    },
  };
}

/** S4 curl trap, underdamped (m = 1): dv = (−k x + ε J x − γ v) dt + sqrt(2 D_v) dW, T = D_v/γ. */
export function s4CurlTrapUnderdamped(p: { k?: number; eps?: number; gamma?: number; Dv?: number } = {}) {
  const { k = 1, eps = 0.5, gamma = 1, Dv = 0.5 } = p;
  pos(k, "s4 k");
  pos(gamma, "s4 gamma");
  pos(Dv, "s4 Dv");
  if (!(gamma * gamma * k > eps * eps)) {
    throw AnsatzError.expected(
      "bad-value",
      "s4 parameters",
      "γ²k > ε² (stable steady state)",
      `γ=${gamma}, k=${k}, ε=${eps}`,
    );
  }
  const T = Dv / gamma;
  // Phase-space Lyapunov solve: z = (x1, x2, v1, v2), dz = A z dt + noise on v with 2D = diag(0,0,2Dv,2Dv).
  const A = Mat.from([
    [0, 0, 1, 0],
    [0, 0, 0, 1],
    [-k, -eps, -gamma, 0],
    [eps, -k, 0, -gamma],
  ]);
  const Q = Mat.zeros(4, 4);
  Q.set(2, 2, 2 * Dv);
  Q.set(3, 3, 2 * Dv);
  const C = lyapunov(A, Q);
  return {
    id: "S4",
    params: { k, eps, gamma, Dv, T },
    model: {
      dim: 2,
      mass: 1,
      gamma,
      T,
      force: (_t: number, q: Float64Array, out: Float64Array) => {
        out[0] = -k * q[0]! - eps * q[1]!;
        out[1] = -k * q[1]! + eps * q[0]!;
      },
    } satisfies UnderdampedModel,
    /** The non-conservative (curl) part of the force, for the power ⟨F_nc·v⟩/T. */
    curlForce: (q: Float64Array, out: Float64Array) => {
      out[0] = -eps * q[1]!;
      out[1] = eps * q[0]!;
    },
    init: (rng: Rng, q: Float64Array, v: Float64Array) => {
      for (let i = 0; i < 2; i++) {
        q[i] = Math.sqrt(T / k) * rng.normal();
        v[i] = Math.sqrt(T) * rng.normal();
      }
    },
    exact: {
      epRate: (2 * eps * eps * gamma) / (gamma * gamma * k - eps * eps),
      positionVariance: C.get(0, 0),
      x1v2: C.get(0, 3),
      phaseCovariance: C,
    },
  };
}

/** S5 bead-spring chain of N beads, temperatures linear from T1 to T2, walls at 0 (local environments). */
export function s5BeadSpring(p: { N?: number; k?: number; e?: number; T1?: number; T2?: number } = {}) {
  const { N = 2, k = 1, e = 1, T1 = 1, T2 = 10 } = p;
  if (!(Number.isInteger(N) && N >= 2))
    throw AnsatzError.expected("bad-value", "s5 N", "an integer ≥ 2", `${N}`);
  for (const [n, x] of Object.entries({ k, e, T1, T2 })) pos(x, `s5 ${n}`);
  const M = Mat.zeros(N, N);
  const D = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    M.set(i, i, (-2 * k) / e);
    if (i > 0) M.set(i, i - 1, k / e);
    if (i < N - 1) M.set(i, i + 1, k / e);
    D[i] = (T1 + ((T2 - T1) * i) / (N - 1)) / e;
  }
  const C = ouStationaryCovariance(M, D);
  let closed: number | undefined;
  if (N === 2) closed = (k * (T1 - T2) ** 2) / (4 * e * T1 * T2);
  if (N === 5) {
    closed =
      (k * (T1 - T2) ** 2 * (111 * T1 * T1 + 430 * T1 * T2 + 111 * T2 * T2)) /
      (495 * e * T1 * T2 * (3 * T1 + T2) * (T1 + 3 * T2));
  }
  return {
    id: "S5",
    params: { N, k, e, T1, T2 },
    model: { dim: N, D, drift: linearDrift(M) } satisfies OverdampedModel,
    linear: { M, D } satisfies LinearSpec,
    init: gaussianInit(Array.from({ length: N }, (_, i) => C.get(i, i))),
    /** Exact stationary initial law (correlated): x = L ξ with C = L Lᵀ. */
    stationaryCovariance: C,
    exact: { epRate: closed ?? ouEntropyRate(M, D), closedForm: closed },
  };
}

/** S6 Brownian gyrator: dx = −K x dt + sqrt(2D) dW, K = R(θ) diag(k1, k2) R(θ)ᵀ, D = diag(T1, T2)/γ. */
export function s6Gyrator(
  p: { k1?: number; k2?: number; theta?: number; gamma?: number; T1?: number; T2?: number } = {},
) {
  const { k1 = 1, k2 = 2, theta = Math.PI / 4, gamma = 1, T1 = 1, T2 = 0.1 } = p;
  for (const [n, x] of Object.entries({ k1, k2, gamma, T1, T2 })) pos(x, `s6 ${n}`);
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  const a = c * c * k1 + s * s * k2;
  const b = s * s * k1 + c * c * k2;
  const u = c * s * (k1 - k2);
  const M = Mat.from([
    [-a / gamma, -u / gamma],
    [-u / gamma, -b / gamma],
  ]);
  const D = Float64Array.of(T1 / gamma, T2 / gamma);
  return {
    id: "S6",
    params: { k1, k2, theta, gamma, T1, T2 },
    K: Mat.from([
      [a, u],
      [u, b],
    ]),
    model: { dim: 2, D, drift: linearDrift(M) } satisfies OverdampedModel,
    linear: { M, D } satisfies LinearSpec,
    exact: { epRate: (u * u * (T1 - T2) ** 2) / (T1 * T2 * (a + b) * gamma) },
  };
}

/** S7 breathing parabola: dx = −x/(1+t) dt + sqrt(2) dW, x_0 ~ N(0, 1) (tsuboshun/LearnEntropy toy.py). */
export function s7BreathingParabola() {
  const sigma = (t: number): number =>
    (t * t * (3 + 3 * t + t * t) ** 2) / (3 * (1 + t) ** 4 * (3 + 6 * t + 6 * t * t + 2 * t ** 3));
  return {
    id: "S7",
    params: { D: 1 },
    model: {
      dim: 1,
      D: Float64Array.of(1),
      drift: (t: number, x: Float64Array, out: Float64Array) => {
        out[0] = -x[0]! / (1 + t);
      },
    } satisfies OverdampedModel,
    stiffness: (t: number) => 1 / (1 + t),
    init: gaussianInit([1]),
    /** Exact variance Σ(t) of x_t: Σ' = −2Σ/(1+t) + 2, Σ(0) = 1 ⇒ Σ = (1 + (2/3)((1+t)³ − 1))/(1+t)². */
    variance: (t: number) => (1 + (2 / 3) * ((1 + t) ** 3 - 1)) / (1 + t) ** 2,
    exact: { sigma, totalTo1: 0.0403265, totalTo2: 0.0965399 },
  };
}

/** S8 OU vs OU path law (stiffness intervention): dx = −a_k x dt + sqrt(2D) dW, stationary under P1. */
export function s8OuVsOu(p: { a1?: number; a2?: number; D?: number } = {}) {
  const { a1 = 1, a2 = 2, D = 1 } = p;
  for (const [n, x] of Object.entries({ a1, a2, D })) pos(x, `s8 ${n}`);
  const arm = (a: number): OverdampedModel => ({
    dim: 1,
    D: Float64Array.of(D),
    drift: (_t, x, out) => {
      out[0] = -a * x[0]!;
    },
  });
  return {
    id: "S8",
    params: { a1, a2, D },
    model: arm(a1),
    reference: arm(a2),
    linear: { M: Mat.from([[-a1]]), D: Float64Array.of(D) } satisfies LinearSpec,
    referenceLinear: { M: Mat.from([[-a2]]), D: Float64Array.of(D) } satisfies LinearSpec,
    init: gaussianInit([D / a1]),
    exact: { ceKlRate: (a1 - a2) ** 2 / (4 * a1) },
  };
}

/** S9 ring with constant force F (flat potential, uniform ρ, positions unwrapped); reference F = 0. */
export function s9Ring(p: { F?: number; gamma?: number; T?: number; L?: number } = {}) {
  const { F = 1, gamma = 1, T = 1, L = 1 } = p;
  for (const [n, x] of Object.entries({ gamma, T, L })) pos(x, `s9 ${n}`);
  const arm = (f: number): OverdampedModel => ({
    dim: 1,
    D: Float64Array.of(T / gamma),
    drift: (_t, _x, out) => {
      out[0] = f / gamma;
    },
  });
  return {
    id: "S9",
    params: { F, gamma, T, L },
    model: arm(F),
    reference: arm(0),
    init: (rng: Rng, out: Float64Array) => {
      out[0] = L * rng.uniform();
    },
    /** Maps an unwrapped position onto the ring [0, L). */
    wrap: (x: number) => ((x % L) + L) % L,
    exact: { epRate: (F * F) / (gamma * T), ceKlRate: (F * F) / (4 * gamma * T) },
  };
}
