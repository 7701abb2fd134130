// Tests for src/core/sde/: Euler–Maruyama on Ornstein–Uhlenbeck (exact stationary variance of the
// discrete recursion) and geometric Brownian motion (mean and variance of X_T over many paths); BAOAB on
// harmonic potentials (exact position variance kT/k, momentum variance m·kT·(1 - h²ω²/4)); single steps
// against hand computation; divergence and bad-input errors.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AnsatzError } from "../../src/core/errors.ts";
import { Rng } from "../../src/core/random.ts";
import {
  baoab,
  baoabInit,
  baoabStep,
  eulerMaruyama,
  eulerMaruyamaStep,
  eulerMaruyamaWork,
  type LangevinSystem,
} from "../../src/core/sde/index.ts";

const isErr = (code: string, text: string) => (e: unknown) =>
  e instanceof AnsatzError && e.code === code && e.message.includes(text);

function relErr(found: number, expected: number): number {
  return Math.abs(found - expected) / Math.abs(expected);
}

describe("Euler–Maruyama", () => {
  it("OU dX = -θX dt + σ dW: stationary variance over 10^6 steps within 2% of σ²dt/(1-(1-θdt)²)", () => {
    // The EM recursion X' = (1-θdt)X + σ√dt ξ is AR(1); its stationary variance is
    // σ²dt/(1-(1-θdt)²) = σ²/(2θ - θ²dt) = σ²/(2θ) · 1/(1 - θdt/2): the SDE's σ²/(2θ) = 0.125 inflated by
    // 1/(1 - 0.05), here 0.131578947..., 5.3% above the continuous value. With θdt = 0.1 the
    // integrated autocorrelation time of X² is (1+0.81)/(1-0.81) ≈ 9.5 steps, so the relative SE of the
    // variance over 10^6 steps is about sqrt(2·9.5/10^6) ≈ 0.44%: 2% is about 4.5 SE, and the continuous
    // value 0.125 is about 12 SE away and must be rejected.
    const theta = 1;
    const sigma = 0.5;
    const dt = 0.1;
    const steps = 1_000_000;
    const path = eulerMaruyama({
      drift: (_t, x, out) => {
        out[0] = -theta * x[0]!;
      },
      diffusion: sigma,
      x0: new Float64Array([0]),
      dt,
      steps,
      rng: new Rng(101),
    });
    assert.equal(path.rows, steps + 1);
    let s2 = 0;
    const burn = 1000;
    for (let i = burn; i <= steps; i++) s2 += path.data[i]! ** 2;
    const v = s2 / (steps + 1 - burn);
    const emExact = (sigma * sigma * dt) / (1 - (1 - theta * dt) ** 2);
    assert.ok(relErr(v, emExact) < 0.02, `variance ${v} vs EM-exact ${emExact}`);
    assert.ok(relErr(v, (sigma * sigma) / (2 * theta)) > 0.02, `variance ${v} should show the EM bias`);
  });

  it("GBM dX = μX dt + σX dW: E[X_T] = x0·e^{μT} within 4 SE, and Var X_T vs the EM-exact value, 4000 paths", () => {
    // 4000 independent paths integrated as one 4000-dimensional diagonal-noise SDE. Under EM,
    // E X_N = x0(1+μdt)^N (= 1.64831 here, 0.0004 below e^{0.5} = 1.64872, far inside the SE ≈ 0.008), and
    // E X_N² = x0²((1+μdt)² + σ²dt)^N, so Var X_N is known exactly for the recursion (≈ e^{2μT}(e^{σ²T}-1)).
    const paths = 4000;
    const mu = 0.5;
    const sigma = 0.3;
    const T = 1;
    const dt = 1e-3;
    const N = 1000;
    const res = eulerMaruyama({
      drift: (_t, x, out) => {
        for (let i = 0; i < x.length; i++) out[i] = mu * x[i]!;
      },
      diffusion: (_t, x, out) => {
        for (let i = 0; i < x.length; i++) out[i] = sigma * x[i]!;
      },
      x0: new Float64Array(paths).fill(1),
      dt,
      steps: N,
      rng: new Rng(102),
      recordEvery: N,
    });
    assert.equal(res.rows, 2);
    const xT = res.row(1);
    let m = 0;
    for (const v of xT) m += v;
    m /= paths;
    let m2 = 0;
    let m4 = 0;
    for (const v of xT) {
      const d = (v - m) ** 2;
      m2 += d;
      m4 += d * d;
    }
    m2 /= paths;
    m4 /= paths;
    const se = Math.sqrt(m2 / paths);
    const exact = Math.exp(mu * T);
    assert.ok(Math.abs(m - exact) < 4 * se, `mean ${m} vs ${exact} ± 4·${se}`);
    const varEm = ((1 + mu * dt) ** 2 + sigma * sigma * dt) ** N - (1 + mu * dt) ** (2 * N);
    const seVar = Math.sqrt((m4 - m2 * m2) / paths);
    assert.ok(Math.abs(m2 - varEm) < 4 * seVar, `variance ${m2} vs ${varEm} ± 4·${seVar}`);
  });

  it("zero noise, drift -x: x_n = x0·(1-dt)^n; time passed to the drift is t0 + k·dt", () => {
    const times: number[] = [];
    const res = eulerMaruyama({
      drift: (t, x, out) => {
        times.push(t);
        out[0] = -x[0]!;
        out[1] = -x[1]!;
      },
      diffusion: 0,
      x0: new Float64Array([2, -1]),
      dt: 0.25,
      steps: 4,
      t0: 1,
      rng: new Rng(0),
    });
    assert.deepEqual(times, [1, 1.25, 1.5, 1.75]);
    for (let n = 0; n <= 4; n++) {
      assert.equal(res.get(n, 0), 2 * 0.75 ** n);
      assert.equal(res.get(n, 1), -(0.75 ** n));
    }
  });

  it("number, Float64Array and function diffusion give identical paths; recordEvery keeps rows 0, k, 2k, ...", () => {
    const drift = (_t: number, x: Float64Array, out: Float64Array) => {
      out[0] = -x[0]!;
      out[1] = 1 - x[1]!;
    };
    const x0 = new Float64Array([0.5, -0.5]);
    const common = { drift, x0, dt: 0.01, steps: 10 };
    const a = eulerMaruyama({ ...common, diffusion: 0.3, rng: new Rng(5) });
    const b = eulerMaruyama({ ...common, diffusion: new Float64Array([0.3, 0.3]), rng: new Rng(5) });
    const c = eulerMaruyama({
      ...common,
      diffusion: (_t, _x, out) => out.fill(0.3),
      rng: new Rng(5),
    });
    assert.deepEqual(Array.from(a.data), Array.from(b.data));
    assert.deepEqual(Array.from(a.data), Array.from(c.data));
    const every3 = eulerMaruyama({ ...common, diffusion: 0.3, rng: new Rng(5), recordEvery: 3 });
    assert.equal(every3.rows, 4);
    for (let r = 0; r < 4; r++) assert.deepEqual(Array.from(every3.row(r)), Array.from(a.row(3 * r)));
    // The step-level API with a work buffer reproduces the same trajectory.
    const x = Float64Array.from(x0);
    const rng = new Rng(5);
    const work = eulerMaruyamaWork(2);
    for (let k = 0; k < 10; k++) eulerMaruyamaStep({ drift, diffusion: 0.3 }, k * 0.01, x, 0.01, rng, work);
    assert.deepEqual(Array.from(x), Array.from(a.row(10)));
  });

  it("a non-finite drift raises 'diverged' naming the step (drift poisoned on its 4th call → step 4)", () => {
    let calls = 0;
    assert.throws(
      () =>
        eulerMaruyama({
          drift: (_t, _x, out) => {
            calls++;
            out[0] = calls === 4 ? Number.NaN : 0;
          },
          diffusion: 1,
          x0: new Float64Array([0]),
          dt: 0.1,
          steps: 10,
          rng: new Rng(1),
        }),
      isErr("diverged", "step 4 (t = 0.30000000000000004)"),
    );
    // x' = x³ from x0 = 10 overflows to Infinity within a few steps of dt = 0.1.
    assert.throws(
      () =>
        eulerMaruyama({
          drift: (_t, x, out) => {
            out[0] = x[0]! ** 3;
          },
          diffusion: 0,
          x0: new Float64Array([10]),
          dt: 0.1,
          steps: 100,
          rng: new Rng(1),
        }),
      isErr("diverged", "x[0] = Infinity"),
    );
  });

  it("rejects dt <= 0, non-integer steps, non-finite x0, negative or mis-sized diffusion", () => {
    const base = {
      drift: (_t: number, _x: Float64Array, out: Float64Array) => out.fill(0),
      diffusion: 1 as number | Float64Array,
      x0: new Float64Array([0, 0]),
      dt: 0.1,
      steps: 5,
      rng: new Rng(0),
    };
    assert.throws(() => eulerMaruyama({ ...base, dt: 0 }), isErr("bad-value", "eulerMaruyama dt"));
    assert.throws(() => eulerMaruyama({ ...base, steps: 0 }), isErr("bad-value", "eulerMaruyama steps"));
    assert.throws(() => eulerMaruyama({ ...base, steps: 2.5 }), isErr("bad-value", "eulerMaruyama steps"));
    assert.throws(
      () => eulerMaruyama({ ...base, x0: new Float64Array([0, Number.NaN]) }),
      isErr("not-finite", "eulerMaruyama x0"),
    );
    assert.throws(
      () => eulerMaruyama({ ...base, diffusion: -1 }),
      isErr("bad-value", "eulerMaruyama diffusion"),
    );
    assert.throws(
      () => eulerMaruyama({ ...base, diffusion: new Float64Array([1]) }),
      isErr("bad-shape", "eulerMaruyama diffusion"),
    );
    assert.throws(() => eulerMaruyama({ ...base, recordEvery: 0 }), isErr("bad-value", "recordEvery"));
  });
});

describe("BAOAB", () => {
  it("harmonic U = k q²/2, per-coordinate masses, h = 0.5: <q²> = kT/k within 2%, <p²> = m kT(1 - h²ω²/4)", () => {
    // BAOAB samples the exact configurational marginal of a harmonic oscillator for any stable h
    // (Leimkuhler–Matthews 2013); its momentum variance is m kT (1 - h²ω²/4), ω² = k/m (both from the
    // discrete Lyapunov equation of the linear map; checked with scipy.linalg.solve_discrete_lyapunov).
    // 40 oscillators, masses 0.5..2.45, k = 2, kT = 0.7, γ = 2, h = 0.5 (hω up to 1): 30000 steps after
    // 500 burn-in. The pooled ratios have relative SE well below 0.5%.
    const dim = 40;
    const k = 2;
    const kT = 0.7;
    const h = 0.5;
    const mass = new Float64Array(dim);
    for (let i = 0; i < dim; i++) mass[i] = 0.5 + 0.05 * i;
    const steps = 30000;
    const burn = 500;
    const res = baoab({
      force: (q, out) => {
        for (let i = 0; i < q.length; i++) out[i] = -k * q[i]!;
      },
      mass,
      friction: 2,
      kT,
      q0: new Float64Array(dim),
      dt: h,
      steps,
      rng: new Rng(201),
    });
    assert.equal(res.q.rows, steps + 1);
    let qRatio = 0;
    let pRatio = 0;
    let pRatioNaive = 0;
    for (let r = burn; r <= steps; r++) {
      for (let i = 0; i < dim; i++) {
        const m = mass[i]!;
        const w2 = k / m;
        qRatio += res.q.get(r, i) ** 2 / (kT / k);
        pRatio += res.p.get(r, i) ** 2 / (m * kT * (1 - (h * h * w2) / 4));
        pRatioNaive += res.p.get(r, i) ** 2 / (m * kT);
      }
    }
    const count = (steps + 1 - burn) * dim;
    qRatio /= count;
    pRatio /= count;
    pRatioNaive /= count;
    assert.ok(Math.abs(qRatio - 1) < 0.02, `<q²>/(kT/k) = ${qRatio}`);
    assert.ok(Math.abs(pRatio - 1) < 0.02, `<p²>/(m kT (1 - h²ω²/4)) = ${pRatio}`);
    // At this large step the momentum variance is visibly below m kT (mean factor ≈ 0.85).
    assert.ok(pRatioNaive < 0.9, `<p²>/(m kT) = ${pRatioNaive}`);
  });

  it("harmonic, scalar mass 1.5, h = 0.1: <q²> = kT/k and <p²> = m kT, both within 2%", () => {
    const dim = 40;
    const k = 2;
    const kT = 0.7;
    const m = 1.5;
    const steps = 30000;
    const burn = 500;
    const res = baoab({
      force: (q, out) => {
        for (let i = 0; i < q.length; i++) out[i] = -k * q[i]!;
      },
      mass: m,
      friction: 2,
      kT,
      q0: new Float64Array(dim).fill(1),
      dt: 0.1,
      steps,
      rng: new Rng(202),
      recordEvery: 2,
    });
    assert.equal(res.q.rows, steps / 2 + 1);
    let q2 = 0;
    let p2 = 0;
    for (let r = burn / 2; r < res.q.rows; r++) {
      for (let i = 0; i < dim; i++) {
        q2 += res.q.get(r, i) ** 2;
        p2 += res.p.get(r, i) ** 2;
      }
    }
    const count = (res.q.rows - burn / 2) * dim;
    assert.ok(relErr(q2 / count, kT / k) < 0.02, `<q²> = ${q2 / count} vs ${kT / k}`);
    assert.ok(relErr(p2 / count, m * kT) < 0.02, `<p²> = ${p2 / count} vs ${m * kT}`);
  });

  it("one step equals the hand-written B A O A B update (same normal draw)", () => {
    const k = 3;
    const sys: LangevinSystem = {
      force: (q, out) => {
        out[0] = -k * q[0]!;
      },
      mass: 2,
      friction: 0.7,
      kT: 1.3,
    };
    const h = 0.2;
    const state = baoabInit(sys, new Float64Array([0.4]), new Rng(0), new Float64Array([-0.3]));
    baoabStep(sys, state, h, new Rng(77));
    const xi = new Rng(77).normal();
    let p = -0.3 + (h / 2) * (-k * 0.4);
    let q = 0.4 + ((h / 2) * p) / 2;
    const c = Math.exp(-0.7 * h);
    p = c * p + Math.sqrt((1 - c * c) * 2 * 1.3) * xi;
    q += ((h / 2) * p) / 2;
    p += (h / 2) * (-k * q);
    assert.ok(Math.abs(state.q[0]! - q) < 1e-15, `q ${state.q[0]} vs ${q}`);
    assert.ok(Math.abs(state.p[0]! - p) < 1e-15, `p ${state.p[0]} vs ${p}`);
    assert.equal(state.f[0], -k * state.q[0]!);
  });

  it("a non-finite force raises 'diverged' naming the step (force poisoned on call 1 + 3 → step 3)", () => {
    let calls = 0;
    assert.throws(
      () =>
        baoab({
          force: (_q, out) => {
            calls++;
            out[0] = calls === 4 ? Number.POSITIVE_INFINITY : 0;
          },
          mass: 1,
          friction: 1,
          kT: 1,
          q0: new Float64Array([0]),
          dt: 0.1,
          steps: 10,
          rng: new Rng(3),
        }),
      isErr("diverged", "step 3"),
    );
  });

  it("rejects dt <= 0, bad steps, non-finite q0, non-positive mass, negative friction or kT", () => {
    const base = {
      force: (_q: Float64Array, out: Float64Array) => out.fill(0),
      mass: 1 as number | Float64Array,
      friction: 1,
      kT: 1,
      q0: new Float64Array([0, 0]),
      dt: 0.1,
      steps: 5,
      rng: new Rng(0),
    };
    assert.throws(() => baoab({ ...base, dt: -0.1 }), isErr("bad-value", "baoab dt"));
    assert.throws(() => baoab({ ...base, steps: 0 }), isErr("bad-value", "baoab steps"));
    assert.throws(
      () => baoab({ ...base, q0: new Float64Array([Number.NaN, 0]) }),
      isErr("not-finite", "baoab q0"),
    );
    assert.throws(() => baoab({ ...base, mass: 0 }), isErr("bad-value", "baoab mass"));
    assert.throws(
      () => baoab({ ...base, mass: new Float64Array([1, -1]) }),
      isErr("bad-value", "baoab mass[1]"),
    );
    assert.throws(() => baoab({ ...base, mass: new Float64Array([1]) }), isErr("bad-shape", "baoab mass"));
    assert.throws(() => baoab({ ...base, friction: -1 }), isErr("bad-value", "baoab friction"));
    assert.throws(() => baoab({ ...base, kT: Number.NaN }), isErr("bad-value", "baoab kT"));
  });
});
