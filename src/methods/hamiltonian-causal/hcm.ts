// Hamiltonian causal model specification (spec §1.2–1.4 [reconstructed]): observed variables with their local
// environments (mass m_i, friction γ_i, temperature T_i), Hamiltonian potential terms with named parameters
// (the intervenable mechanisms), and force controls u(t, q) (state-dependent = feedback). Interventions
// replace a parameter by a protocol λ(t) (do(θ := λ(·))) or add a control; the equations of motion and
// the fluctuation–dissipation pairing stay fixed. Compiles to the overdamped limit
// dq_i = (1/γ_i)(−∂_{q_i}U + u_i) dt + sqrt(2T_i/γ_i) dW_i, or to underdamped Langevin dynamics.
import { AnsatzError } from "../../core/errors.ts";
import type { OverdampedModel, UnderdampedModel } from "./simulate.ts";

/** A parameter value: a constant or a protocol λ(t). */
export type Param = number | ((t: number) => number);

/** One observed variable and its local environment (a heat bath coupled only to it). */
export interface HcmVariable {
  name: string;
  dim: number;
  mass: number;
  gamma: number;
  T: number;
}

/** A potential term U(q; θ); `grad` ADDS ∂U/∂q (full position vector) into `out`. */
export interface HamiltonianTerm {
  name: string;
  params: Record<string, Param>;
  grad: (q: Float64Array, theta: Record<string, number>, out: Float64Array) => void;
  energy?: (q: Float64Array, theta: Record<string, number>) => number;
}

/** A generalised force control u(t, q); `force` ADDS into `out`. State-dependent u is feedback. */
export interface HcmControl {
  name: string;
  force: (t: number, q: Float64Array, out: Float64Array) => void;
}

export interface HcmSpec {
  variables: HcmVariable[];
  terms: HamiltonianTerm[];
  controls?: HcmControl[];
}

/** Total position dimension of the spec. */
export function hcmDim(spec: HcmSpec): number {
  return spec.variables.reduce((s, v) => s + v.dim, 0);
}

/** do(term.param := λ(·)): a new spec with one mechanism parameter replaced by a protocol or constant. */
export function intervene(spec: HcmSpec, term: string, param: string, value: Param): HcmSpec {
  const k = spec.terms.findIndex((t) => t.name === term);
  if (k < 0)
    throw AnsatzError.expected(
      "unknown-id",
      "intervene term",
      `one of ${spec.terms.map((t) => t.name).join(", ")}`,
      term,
    );
  if (!(param in spec.terms[k]!.params)) {
    throw AnsatzError.expected(
      "unknown-id",
      `intervene ${term} parameter`,
      `one of ${Object.keys(spec.terms[k]!.params).join(", ")}`,
      param,
    );
  }
  const terms = spec.terms.map((t, i) => (i === k ? { ...t, params: { ...t.params, [param]: value } } : t));
  return { ...spec, terms };
}

/** A new spec with a force control (or feedback) added. */
export function addControl(spec: HcmSpec, control: HcmControl): HcmSpec {
  return { ...spec, controls: [...(spec.controls ?? []), control] };
}

function checkVariables(spec: HcmSpec): void {
  for (const v of spec.variables) {
    for (const [k, x] of [
      ["mass", v.mass],
      ["gamma", v.gamma],
      ["T", v.T],
    ] as const) {
      if (!(Number.isFinite(x) && x > 0))
        throw AnsatzError.expected("bad-value", `variable ${v.name} ${k}`, "a finite value > 0", `${x}`);
    }
  }
}

/** The force F(t, q) = −∇U(q; θ(t)) + Σ u(t, q), written into out. */
function forceOf(spec: HcmSpec): (t: number, q: Float64Array, out: Float64Array) => void {
  const thetas = spec.terms.map(() => ({}) as Record<string, number>);
  return (t, q, out) => {
    out.fill(0);
    spec.terms.forEach((term, k) => {
      const th = thetas[k]!;
      for (const [name, p] of Object.entries(term.params)) th[name] = typeof p === "number" ? p : p(t);
      term.grad(q, th, out);
    });
    for (let i = 0; i < out.length; i++) out[i] = -out[i]!;
    for (const c of spec.controls ?? []) c.force(t, q, out);
  };
}

/** Overdamped limit: drift μ_i F_i with μ_i = 1/γ_i and D_i = T_i/γ_i (Einstein relation). */
export function toOverdamped(spec: HcmSpec): OverdampedModel {
  checkVariables(spec);
  const d = hcmDim(spec);
  const mu = new Float64Array(d);
  const D = new Float64Array(d);
  let o = 0;
  for (const v of spec.variables) {
    for (let i = 0; i < v.dim; i++, o++) {
      mu[o] = 1 / v.gamma;
      D[o] = v.T / v.gamma;
    }
  }
  const F = forceOf(spec);
  return {
    dim: d,
    D,
    drift: (t, q, out) => {
      F(t, q, out);
      for (let i = 0; i < d; i++) out[i] = out[i]! * mu[i]!;
    },
  };
}

/** Underdamped Langevin model (BAOAB); requires one mass, friction and temperature shared by all variables. */
export function toUnderdamped(spec: HcmSpec): UnderdampedModel {
  checkVariables(spec);
  const v0 = spec.variables[0];
  if (!v0) throw AnsatzError.expected("bad-config", "hcm variables", "at least one variable", "none");
  for (const v of spec.variables) {
    if (v.mass !== v0.mass || v.gamma !== v0.gamma || v.T !== v0.T) {
      throw AnsatzError.expected(
        "bad-config",
        `variable ${v.name} environment`,
        "the same mass, γ and T for all variables in the underdamped simulator",
        `m=${v.mass}, γ=${v.gamma}, T=${v.T}`,
      );
    }
  }
  return { dim: hcmDim(spec), mass: v0.mass, gamma: v0.gamma, T: v0.T, force: forceOf(spec) };
}

/** Harmonic trap U = (k/2)|q − c|² on all coordinates, parameters k and centre c (shared by coordinates). */
export function harmonicTrap(name = "trap", k: Param = 1, centre: Param = 0): HamiltonianTerm {
  return {
    name,
    params: { k, centre },
    grad: (q, th, out) => {
      for (let i = 0; i < q.length; i++) out[i] = out[i]! + th.k! * (q[i]! - th.centre!);
    },
    energy: (q, th) => {
      let s = 0;
      for (let i = 0; i < q.length; i++) s += (q[i]! - th.centre!) ** 2;
      return (th.k! * s) / 2;
    },
  };
}

/** Curl control u = ε J q on the first two coordinates, J = [[0, −1], [1, 0]] (non-gradient force). */
export function curlControl(eps: number): HcmControl {
  return {
    name: "curl",
    force: (_t, q, out) => {
      out[0] = out[0]! - eps * q[1]!;
      out[1] = out[1]! + eps * q[0]!;
    },
  };
}
