// Tests of src/ctf/dynamics/systems/: right-hand sides against hand-computed values, attractor
// statistics against literature values, energy conservation, the μ-variant KS solver against the core
// solver and against the KS scaling symmetry, and the registry's parametric ordering (spec ctf.md §1.2).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { kuramotoSivashinsky } from "../../../src/core/ode/kuramoto-sivashinsky.ts";
import { Rk4Stepper } from "../../../src/core/ode/rk4.ts";
import { Rng } from "../../../src/core/random.ts";
import {
  doublePendulum,
  doublePendulumEnergy,
  doublePendulumParams,
  doublePendulumRhs,
} from "../../../src/ctf/dynamics/systems/double-pendulum.ts";
import { ks } from "../../../src/ctf/dynamics/systems/ks.ts";
import { lorenz, lorenzRhs } from "../../../src/ctf/dynamics/systems/lorenz.ts";
import { lorenz96, lorenz96Rhs } from "../../../src/ctf/dynamics/systems/lorenz96.ts";
import { getSystem, SYSTEMS, systemIds } from "../../../src/ctf/dynamics/systems/registry.ts";
import { rossler, rosslerRhs } from "../../../src/ctf/dynamics/systems/rossler.ts";

function rhsAt(f: (t: number, y: Float64Array, d: Float64Array) => void, y: number[]): number[] {
  const d = new Float64Array(y.length);
  f(0, Float64Array.from(y), d);
  return Array.from(d);
}

function assertClose(found: number[], expected: number[], tol: number, what: string): void {
  assert.equal(found.length, expected.length, what);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(
      Math.abs(found[i]! - expected[i]!) <= tol,
      `${what}[${i}]: expected ${expected[i]}, found ${found[i]}`,
    );
  }
}

describe("right-hand sides (hand-computed)", () => {
  it("Lorenz at (1, 2, 3), r = 28: (10·(2−1), 28·1 − 1·3 − 2, 1·2 − (8/3)·3) = (10, 23, −6)", () => {
    assertClose(rhsAt(lorenzRhs(28), [1, 2, 3]), [10, 23, -6], 1e-14, "lorenz");
  });

  it("Rössler at (1, 2, 3), c = 5.7: (−2 − 3, 1 + 0.2·2, 0.2 + 3·(1 − 5.7)) = (−5, 1.4, −13.9)", () => {
    assertClose(rhsAt(rosslerRhs(5.7), [1, 2, 3]), [-5, 1.4, -13.9], 1e-13, "rossler");
  });

  it("Lorenz-96 with x_i = i (i = 0…39), F = 8: periodic neighbours at both ends", () => {
    const d = rhsAt(
      lorenz96Rhs(8),
      Array.from({ length: 40 }, (_, i) => i),
    );
    // i = 0: (x1 − x38)·x39 − x0 + 8 = (1 − 38)·39 + 8 = −1435
    // i = 1: (x2 − x39)·x0 − x1 + 8 = 0 − 1 + 8 = 7
    // i = 5: (6 − 3)·4 − 5 + 8 = 15
    // i = 39: (x0 − x37)·x38 − 39 + 8 = −37·38 − 31 = −1437
    assertClose([d[0]!, d[1]!, d[5]!, d[39]!], [-1435, 7, 15, -1437], 1e-12, "lorenz96");
  });

  it("double pendulum at (θ1, θ2, ω1, ω2) = (0, π/2, 1, 2), m2/m1 = 2: ω1' = 8/3, ω2' = −1 − g", () => {
    // Δ = −π/2 (sinΔ = −1, cosΔ = 0), M = 3, D = 3:
    // ω1' = [−m2 l2 ω2² sinΔ]/3 = 2·4/3;  ω2' = [M l1 ω1² sinΔ − M g sinθ2]/3 = (−3 − 3g)/3.
    const d = rhsAt(doublePendulumRhs(doublePendulumParams(2)), [0, Math.PI / 2, 1, 2]);
    assertClose(d, [1, 2, 8 / 3, -1 - 9.81], 1e-12, "double pendulum");
  });

  it("double pendulum energy at (0, π/2, 1, 2), m2/m1 = 2: T = 1.5 + 4 + 0, V = −3g → 5.5 − 29.43", () => {
    const e = doublePendulumEnergy(doublePendulumParams(2), [0, Math.PI / 2, 1, 2]);
    assert.ok(Math.abs(e - (5.5 - 3 * 9.81)) < 1e-12, `energy ${e}`);
  });
});

describe("attractor statistics", () => {
  it("Lorenz r = 28: time-mean of z over 1000 time units is 23.5 ± 1 (⟨z⟩ ≈ 23.55 on the attractor)", () => {
    const m = lorenz.simulate({ rows: 20000, rng: new Rng(1) });
    let z = 0;
    for (let i = 0; i < m.rows; i++) z += m.get(i, 2);
    z /= m.rows;
    assert.ok(Math.abs(z - 23.5) < 1, `mean z = ${z}`);
  });

  it("Lorenz-96 F = 8, K = 40: pooled mean ≈ 2.34 (±0.1) and variance ≈ 13.2 (±0.6) over 1000 time units", () => {
    // Climatology commonly quoted for K = 40, F = 8 (e.g. Majda, Abramov & Grote 2005): mean 2.34,
    // variance 13.2; our runs of 20 000 samples (seeds 1–3) gave 2.33–2.35 and 13.21–13.29.
    const m = lorenz96.simulate({ rows: 20000, rng: new Rng(2) });
    let s = 0;
    for (const v of m.data) s += v;
    const mean = s / m.data.length;
    let ss = 0;
    for (const v of m.data) ss += (v - mean) ** 2;
    const variance = ss / m.data.length;
    assert.ok(Math.abs(mean - 2.34) < 0.1, `mean ${mean}`);
    assert.ok(Math.abs(variance - 13.2) < 0.6, `variance ${variance}`);
  });

  it("Rössler c = 5.7 stays on its attractor (x ∈ [−12, 13], z ∈ [0, 25]) over 2000 time units", () => {
    const m = rossler.simulate({ rows: 10000, rng: new Rng(3) });
    for (let i = 0; i < m.rows; i++) {
      const x = m.get(i, 0);
      const z = m.get(i, 2);
      assert.ok(x > -12 && x < 13 && z > 0 && z < 25, `row ${i}: x = ${x}, z = ${z}`);
    }
  });

  it("double pendulum: energy conserved to 1e-8 relative over 2 time units with RK4 at h = 1e-3", () => {
    const p = doublePendulumParams(2);
    const f = doublePendulumRhs(p);
    const y = Float64Array.from([0.3, -2.2, 0, 0]);
    const e0 = doublePendulumEnergy(p, y);
    const st = new Rk4Stepper(f, 4);
    let worst = 0;
    for (let s = 0; s < 2000; s++) {
      st.step(s * 1e-3, y, 1e-3);
      worst = Math.max(worst, Math.abs(doublePendulumEnergy(p, y) - e0) / Math.abs(e0));
    }
    assert.ok(worst < 1e-8, `relative energy drift ${worst}`);
  });

  it("double pendulum simulate: angles stay inside (−π, π) (energy below the flip threshold)", () => {
    const m = doublePendulum.simulate({ rows: 4000, rng: new Rng(4), param: 4 });
    for (let i = 0; i < m.rows; i++) {
      assert.ok(Math.abs(m.get(i, 0)) < Math.PI && Math.abs(m.get(i, 1)) < Math.PI, `row ${i}`);
    }
  });
});

describe("Kuramoto–Sivashinsky with parameter μ", () => {
  it("μ = 1.5 matches the scaling symmetry u_μ(x, t) = u_1(x/√μ, t/μ)/√μ on L/√μ (1e-9)", () => {
    // x = √μ x', t = μ t', u = u'/√μ maps u_t + u u_x + u_xx + μ u_xxxx = 0 to μ = 1; ETDRK4 at step h
    // with μ on length L equals ETDRK4 at h/μ with μ = 1 on L/√μ (the same hL and hN), up to round-off.
    const n = 64;
    const mu = 1.5;
    const length = 32 * Math.PI;
    const h = 0.025;
    const u0 = new Float64Array(n);
    for (let j = 0; j < n; j++)
      u0[j] = Math.sin((2 * Math.PI * j) / n) + 0.5 * Math.cos((6 * Math.PI * j) / n);
    const a = kuramotoSivashinsky({ n, length, dt: h, mu });
    a.setState(u0);
    a.step(200);
    const b = kuramotoSivashinsky({ n, length: length / Math.sqrt(mu), dt: h / mu });
    b.setState(u0.map((v) => v * Math.sqrt(mu)));
    b.step(200);
    const ua = a.state();
    const ub = b.state();
    let worst = 0;
    let scale = 0;
    for (let j = 0; j < n; j++) {
      worst = Math.max(worst, Math.abs(ua[j]! - ub[j]! / Math.sqrt(mu)));
      scale = Math.max(scale, Math.abs(ua[j]!));
    }
    assert.ok(scale > 0.1, `the solution did not decay to zero (max |u| = ${scale})`);
    assert.ok(worst < 1e-9, `max deviation ${worst}`);
  });

  it("ks.simulate returns rows × 1024, finite, reproducible from the same seed", () => {
    const a = ks.simulate({ rows: 5, transient: 0.5, rng: new Rng(9) });
    const b = ks.simulate({ rows: 5, transient: 0.5, rng: new Rng(9) });
    assert.deepEqual(a.shape, [5, 1024]);
    assert.deepEqual(a.data, b.data);
    assert.ok(a.data.every(Number.isFinite));
  });
});

describe("simulate contract", () => {
  it("row 0 is the state after the transient and rows are Δt apart (Lorenz: 10 RK4 steps of Δt/10)", () => {
    const m = lorenz.simulate({ rows: 3, transient: 1, rng: new Rng(5) });
    const y = Float64Array.from(m.row(0));
    const st = new Rk4Stepper(lorenzRhs(28), 3);
    for (let j = 0; j < 10; j++) st.step(0, y, 0.005);
    assertClose(Array.from(y), Array.from(m.row(1)), 0, "row 1");
  });

  it("bad options throw an AnsatzError naming the field", () => {
    assert.throws(
      () => lorenz.simulate({ rows: 0, rng: new Rng(1) }),
      (e: unknown) => e instanceof AnsatzError && /rows/.test(e.message),
    );
    assert.throws(
      () => lorenz.simulate({ rows: 2, param: Number.NaN, rng: new Rng(1) }),
      (e: unknown) => e instanceof AnsatzError && /param r/.test(e.message),
    );
    assert.throws(
      () => rossler.simulate({ rows: 2, transient: -1, rng: new Rng(1) }),
      (e: unknown) => e instanceof AnsatzError && /transient/.test(e.message),
    );
    assert.throws(
      () => ks.simulate({ rows: 2, param: -1, rng: new Rng(1) }),
      (e: unknown) => e instanceof AnsatzError && /mu/.test(e.message),
    );
  });
});

describe("registry", () => {
  it("lists lorenz, ks, rossler, lorenz96, double-pendulum with unique ids; unknown ids throw", () => {
    assert.deepEqual(systemIds(), ["lorenz", "ks", "rossler", "lorenz96", "double-pendulum"]);
    assert.equal(getSystem("ks"), ks);
    assert.throws(
      () => getSystem("nope"),
      (e: unknown) => e instanceof AnsatzError && e.code === "unknown-id",
    );
  });

  it("reference settings: Lorenz Δt 0.05 and dimension 3, KS Δt 0.025 and dimension 1024 (§1.5)", () => {
    assert.deepEqual([lorenz.dt, lorenz.dimension, lorenz.type], [0.05, 3, "dynamical"]);
    assert.deepEqual([ks.dt, ks.dimension, ks.type], [0.025, 1024, "spatio-temporal"]);
    assert.equal(lorenz96.dimension, 40);
    assert.equal(doublePendulum.dimension, 4);
  });

  for (const s of SYSTEMS) {
    it(`${s.id}: pair 8 interpolates between X7 and X8, pair 9 extrapolates beyond X8 (§1.2); Δt = m·h`, () => {
      const [, p7, p8] = s.parameter.parametric.train;
      const { interpolation: pi, extrapolation: pe } = s.parameter.parametric;
      assert.ok(Math.min(p7, p8) < pi && pi < Math.max(p7, p8), `${pi} not between ${p7} and ${p8}`);
      assert.ok((pe - p8) * (p8 - p7) > 0, `${pe} not beyond ${p8} (away from ${p7})`);
      const m = s.dt / s.integrator.internalStep;
      assert.ok(Math.abs(m - Math.round(m)) < 1e-9 && Math.round(m) >= 1, `dt/h = ${m}`);
      assert.ok(s.noise.medium > 0 && s.noise.high > s.noise.medium);
    });
  }
});
