// Rössler attractor (O. E. Rössler, "An equation for continuous chaos", Phys. Lett. A 57, 1976), one of
// the planned "permanent collection" systems of the CTF (spec ctf.md §1.7):
//   dx/dt = −y − z,  dy/dt = x + a y,  dz/dt = b + z (x − c),   a = 0.2, b = 0.2, c = 5.7.
// Δt = 0.2 (ours): about 30 samples per rotation (period ≈ 5.9) and ≈ 70 per Lyapunov time, so the
// 20-row short-time window spans 4 time units (⅔ rotation) and a 1000-row forecast ≈ 14 Lyapunov times.
// RK4 at the internal step h = Δt/10 = 0.02; transient 500 time units. λ_max ≈ 0.0714 at c = 5.7
// (Sprott, "Chaos and Time-Series Analysis", 2003, table A.1), Lyapunov time ≈ 14.
// Parametric knob c. OURS: c = 6.3, 6.6, 7.5 for X6–X8, 7.0 (interpolation), 8.5 (extrapolation). Each
// was checked chaotic with our two-trajectory estimate of λ_max (20 000 time units, three initial
// conditions): 0.086–0.088 (6.3), 0.079–0.083 (6.6), 0.078–0.080 (7.0), 0.086–0.089 (7.5), 0.085–0.090
// (8.5); c = 5.3, 6.0 and 8.0 lie in periodic windows (λ_max ≈ 0) and were avoided.
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

export const ROSSLER_A = 0.2;
export const ROSSLER_B = 0.2;

/** The Rössler right-hand side for parameters (a, b, c). */
export function rosslerRhs(c: number, a = ROSSLER_A, b = ROSSLER_B): Rhs {
  return (_t, y, dydt) => {
    const x = y[0]!;
    const yy = y[1]!;
    const z = y[2]!;
    dydt[0] = -yy - z;
    dydt[1] = x + a * yy;
    dydt[2] = b + z * (x - c);
  };
}

const DT = 0.2;
const H = DT / 10;

/** The Rössler system as a CTF dynamical system (id `rossler`). */
export const rossler: DynamicalSystem = {
  id: "rossler",
  title: "Rössler",
  type: "dynamical",
  dt: DT,
  dimension: 3,
  equations: "dx/dt = −y − z, dy/dt = x + a y, dz/dt = b + z (x − c)",
  fixed: { a: ROSSLER_A, b: ROSSLER_B },
  parameter: {
    name: "c",
    default: 5.7,
    parametric: { train: [6.3, 6.6, 7.5], interpolation: 7.0, extrapolation: 8.5 },
    note: "ours: chaotic values (λ_max ≈ 0.08–0.09 measured), avoiding the periodic windows at c = 6.0 and 8.0",
  },
  integrator: { name: "RK4", internalStep: H },
  transient: 500,
  lyapunovTime: { value: 1 / 0.0714, source: "λ_max = 0.0714 (Sprott 2003, table A.1)" },
  noise: {
    medium: 0.25,
    high: 0.5,
    reference: "per-variable",
    note: "ours [proposed]: the Lorenz fractions of §2.10 (25 % and 50 % of the per-variable std)",
  },
  simulate(opts: SimulateOptions): Mat {
    const { param, transient } = resolveSimulateOptions(rossler, opts);
    if (!(param > 0)) {
      throw AnsatzError.expected("bad-value", "rossler.simulate(param c)", "c > 0", String(param));
    }
    // Initial condition near the attractor's plane (the attractor spans x ∈ [−9, 12], z ∈ [0, 23] at c = 5.7).
    const y0 = new Float64Array([
      opts.rng.uniformRange(-5, 5),
      opts.rng.uniformRange(-5, 5),
      opts.rng.uniformRange(0, 1),
    ]);
    return sampleOde(rosslerRhs(param), y0, {
      dt: DT,
      substeps: substepsPerSample(DT, H, "rossler"),
      rows: opts.rows,
      transient,
      where: "rossler.simulate",
      onProgress: opts.onProgress,
    });
  },
};
