// Planar double pendulum (spec ctf.md §1.7: a planned "permanent collection" system, 4 states): two
// point masses m1, m2 on massless rigid rods l1, l2, gravity g, angles θ1, θ2 from the downward vertical.
// From the Lagrangian T − V with T = ½(m1+m2) l1² ω1² + ½ m2 l2² ω2² + m2 l1 l2 ω1 ω2 cos Δ and
// V = −(m1+m2) g l1 cos θ1 − m2 g l2 cos θ2 (Δ = θ1 − θ2, M = m1 + m2, D = M − m2 cos²Δ):
//   θ1' = ω1,  θ2' = ω2,
//   ω1' = [−m2 l1 ω1² sinΔ cosΔ − m2 l2 ω2² sinΔ + m2 g sinθ2 cosΔ − M g sinθ1] / (l1 D),
//   ω2' = [M l1 ω1² sinΔ + m2 l2 ω2² sinΔ cosΔ + M g sinθ1 cosΔ − M g sinθ2] / (l2 D),
// (the standard form, e.g. Goldstein, "Classical Mechanics", §1.4 / myPhysicsLab); the energy T + V is
// conserved. State (θ1, θ2, ω1, ω2). We use m1 = 1, l1 = l2 = 1, g = 9.81 and the mass ratio
// μ = m2/m1 as the parametric knob.
// Initial condition (ours): at rest, θ1 ~ U(−0.4, 0.4), θ2 = ±U(1.9, 2.4), redrawn until the energy is
// below −g (in units m1 = l1 = 1), the least energy at which the outer mass can pass over the top
// (V(0, π) = −(1+μ)g + μg = −g); neither angle can then reach ±π, so the angles stay bounded and are
// not wrapped. Such low-energy motion has regular islands: with our two-trajectory estimate of λ_max
// (600 time units, 8 initial conditions each) every draw was chaotic at μ = 2 (λ ≈ 0.21–0.35),
// 2.5 (0.24–0.37) and 4 (0.33–0.44); at μ = 3 and 3.5 one draw in 8 was regular (λ ≈ 0.01), and at
// μ ≤ 1.5 several were, hence the default μ = 2. Δt = 0.05 (≈ 22 samples per fast normal-mode period
// 2π/√(g(2+√2)) ≈ 1.1 at μ = 1), RK4 at h = Δt/50 = 0.001 (RK4 is not symplectic: at h = 0.005 the
// energy drifted by 1 % over 550 time units at μ = 4, at h = 0.001 by 2.4e-6), transient 100 time units.
// Parametric values (ours): μ = 2.25, 2.5, 3.5 for X6–X8, 3.0 (interpolation), 4.0 (extrapolation).
import { AnsatzError } from "../../../core/errors.ts";
import type { Mat } from "../../../core/matrix.ts";
import type { Rhs } from "../../../core/ode/rk4.ts";
import {
  type DynamicalSystem,
  resolveSimulateOptions,
  type SimulateOptions,
  sampleOde,
  substepsPerSample,
} from "./system.ts";

export interface DoublePendulumParams {
  m1: number;
  m2: number;
  l1: number;
  l2: number;
  g: number;
}

export const DOUBLE_PENDULUM_G = 9.81;

/** Masses, lengths and g for mass ratio μ = m2/m1 (m1 = 1, l1 = l2 = 1, g = 9.81). */
export function doublePendulumParams(massRatio: number): DoublePendulumParams {
  return { m1: 1, m2: massRatio, l1: 1, l2: 1, g: DOUBLE_PENDULUM_G };
}

/** The double-pendulum right-hand side on the state (θ1, θ2, ω1, ω2). */
export function doublePendulumRhs(p: DoublePendulumParams): Rhs {
  const { m2, l1, l2, g } = p;
  const M = p.m1 + p.m2;
  return (_t, y, dydt) => {
    const t1 = y[0]!;
    const t2 = y[1]!;
    const w1 = y[2]!;
    const w2 = y[3]!;
    const d = t1 - t2;
    const s = Math.sin(d);
    const c = Math.cos(d);
    const den = M - m2 * c * c;
    const s1 = Math.sin(t1);
    const s2 = Math.sin(t2);
    dydt[0] = w1;
    dydt[1] = w2;
    dydt[2] =
      (-m2 * l1 * w1 * w1 * s * c - m2 * l2 * w2 * w2 * s + m2 * g * s2 * c - M * g * s1) / (l1 * den);
    dydt[3] = (M * l1 * w1 * w1 * s + m2 * l2 * w2 * w2 * s * c + M * g * s1 * c - M * g * s2) / (l2 * den);
  };
}

/** Total energy T + V of the state (θ1, θ2, ω1, ω2). */
export function doublePendulumEnergy(p: DoublePendulumParams, y: ArrayLike<number>): number {
  const t1 = y[0]!;
  const t2 = y[1]!;
  const w1 = y[2]!;
  const w2 = y[3]!;
  const M = p.m1 + p.m2;
  const T =
    0.5 * M * p.l1 * p.l1 * w1 * w1 +
    0.5 * p.m2 * p.l2 * p.l2 * w2 * w2 +
    p.m2 * p.l1 * p.l2 * w1 * w2 * Math.cos(t1 - t2);
  const V = -M * p.g * p.l1 * Math.cos(t1) - p.m2 * p.g * p.l2 * Math.cos(t2);
  return T + V;
}

const DT = 0.05;
const H = DT / 50;

/** The planar double pendulum as a CTF dynamical system (id `double-pendulum`). */
export const doublePendulum: DynamicalSystem = {
  id: "double-pendulum",
  title: "Double pendulum (planar)",
  type: "dynamical",
  dt: DT,
  dimension: 4,
  equations:
    "θ1' = ω1, θ2' = ω2, ω1' = [−m2 l1 ω1² sinΔ cosΔ − m2 l2 ω2² sinΔ + m2 g sinθ2 cosΔ − M g sinθ1]/(l1 D), " +
    "ω2' = [M l1 ω1² sinΔ + m2 l2 ω2² sinΔ cosΔ + M g sinθ1 cosΔ − M g sinθ2]/(l2 D), Δ = θ1 − θ2, M = m1 + m2, D = M − m2 cos²Δ",
  fixed: { m1: 1, l1: 1, l2: 1, g: DOUBLE_PENDULUM_G },
  parameter: {
    name: "massRatio",
    default: 2,
    parametric: { train: [2.25, 2.5, 3.5], interpolation: 3.0, extrapolation: 4.0 },
    note: "ours: m2/m1 where our λ_max estimates were positive for (nearly) every initial condition drawn",
  },
  integrator: { name: "RK4", internalStep: H },
  transient: 100,
  lyapunovTime: {
    value: 1 / 0.28,
    source: "ours: λ_max ≈ 0.21–0.35 measured at μ = 2 (two-trajectory estimate)",
  },
  noise: {
    medium: 0.25,
    high: 0.5,
    reference: "per-variable",
    note: "ours [proposed]: the Lorenz fractions of §2.10 (25 % and 50 % of the per-variable std)",
  },
  simulate(opts: SimulateOptions): Mat {
    const { param, transient } = resolveSimulateOptions(doublePendulum, opts);
    if (!(param > 0)) {
      throw AnsatzError.expected(
        "bad-value",
        "double-pendulum.simulate(param massRatio)",
        "m2/m1 > 0",
        String(param),
      );
    }
    const p = doublePendulumParams(param);
    const y0 = new Float64Array(4);
    // Redraw until no mass can pass over the top (E < −g m1 l1, see the header); the acceptance
    // probability is high (θ2 ≤ 2.4 < π), and a bound keeps a bad parameter from looping forever.
    for (let tries = 0; ; tries++) {
      if (tries === 1000) {
        throw new AnsatzError(
          "bad-value",
          `double-pendulum.simulate: found no initial condition below the flip energy for massRatio = ${param}`,
          {
            where: "double-pendulum.simulate(param massRatio)",
            expected: "a mass ratio ≳ 0.2",
            found: String(param),
          },
        );
      }
      y0[0] = opts.rng.uniformRange(-0.4, 0.4);
      const sign = opts.rng.uniform() < 0.5 ? -1 : 1;
      y0[1] = sign * opts.rng.uniformRange(1.9, 2.4);
      if (doublePendulumEnergy(p, y0) < -p.g * p.m1 * p.l1) break;
    }
    return sampleOde(doublePendulumRhs(p), y0, {
      dt: DT,
      substeps: substepsPerSample(DT, H, "double-pendulum"),
      rows: opts.rows,
      transient,
      where: "double-pendulum.simulate",
      onProgress: opts.onProgress,
    });
  },
};
