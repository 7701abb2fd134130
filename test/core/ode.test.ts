// Tests for src/core/ode/rk4.ts and src/core/ode/dopri5.ts: convergence orders, closed-form energy
// drift, agreement with Hairer's Fortran DOPRI5 (through scipy), dense output and failure modes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AnsatzError } from "../../src/core/errors.ts";
import { dopri5, type Rhs, Rk4Stepper, rk4 } from "../../src/core/ode/index.ts";

const decay: Rhs = (_t, y, d) => {
  d[0] = -y[0]!;
};
const oscillator: Rhs = (_t, y, d) => {
  d[0] = y[1]!;
  d[1] = -y[0]!;
};
const lorenz: Rhs = (_t, y, d) => {
  d[0] = 10 * (y[1]! - y[0]!);
  d[1] = y[0]! * (28 - y[2]!) - y[1]!;
  d[2] = y[0]! * y[1]! - (8 / 3) * y[2]!;
};

function lastRow(y: { rows: number; row(i: number): Float64Array }): Float64Array {
  return y.row(y.rows - 1);
}

function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  return sxy / sxx;
}

function assertAnsatz(fn: () => unknown, code: string, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AnsatzError, `expected AnsatzError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.match(e.message, pattern);
    return true;
  });
}

describe("rk4", () => {
  it("order 4 on y' = −y to t = 1: halving dt divides the error by 16 ± 1, log–log slope 4 ± 0.2", () => {
    const dts = [0.1, 0.05, 0.025, 0.0125];
    const errs = dts.map((dt) => {
      const r = rk4(decay, Float64Array.of(1), { dt, steps: Math.round(1 / dt) });
      return Math.abs(lastRow(r.y)[0]! - Math.exp(-1));
    });
    for (let i = 1; i < errs.length; i++) {
      const ratio = errs[i - 1]! / errs[i]!;
      assert.ok(ratio > 15 && ratio < 17, `ratio ${ratio}`);
    }
    const p = slope(dts.map(Math.log), errs.map(Math.log));
    assert.ok(Math.abs(p - 4) < 0.2, `slope ${p}`);
  });

  it("harmonic oscillator, dt = 0.01, 100 periods: energy drift = |R(ih)|^{2N} − 1 (≈ −8.72e-10) to 1 %", () => {
    // RK4 on y' = iωy multiplies by R(ih) = 1 + ih − h²/2 − ih³/6 + h⁴/24, |R|² = 1 − h⁶/72 + h⁸/576,
    // so after N steps E/E0 = |R|^{2N}; the numerical drift must follow this closed form.
    const dt = 0.01;
    const steps = Math.round((200 * Math.PI) / dt);
    const r = rk4(oscillator, Float64Array.of(1, 0), { dt, steps, recordEvery: steps });
    assert.equal(r.y.rows, 2);
    const y = lastRow(r.y);
    const drift = (0.5 * (y[0]! ** 2 + y[1]! ** 2)) / 0.5 - 1;
    const predicted = (1 - dt ** 6 / 72 + dt ** 8 / 576) ** steps - 1;
    assert.ok(Math.abs(drift / predicted - 1) < 0.01, `drift ${drift} vs ${predicted}`);
    assert.ok(Math.abs(drift) < 1e-9, "Math.abs(drift) < 1e-9");
  });

  it("records rows at steps 0, r, 2r, … with t = t0 + i·dt, and matches Rk4Stepper step by step", () => {
    const r = rk4(lorenz, Float64Array.of(1, 1, 1), { t0: 2, dt: 0.01, steps: 100, recordEvery: 25 });
    assert.deepEqual(r.y.shape, [5, 3]);
    assert.deepEqual(Array.from(r.t), [2, 2.25, 2.5, 2.75, 3]);
    assert.deepEqual(Array.from(r.y.row(0)), [1, 1, 1]);
    const s = new Rk4Stepper(lorenz, 3);
    const y = Float64Array.of(1, 1, 1);
    for (let i = 0; i < 100; i++) s.step(2 + i * 0.01, y, 0.01);
    assert.deepEqual(Array.from(lastRow(r.y)), Array.from(y));
  });

  it("refuses bad options and reports divergence naming t (y' = y² blows up at t = 1)", () => {
    assertAnsatz(() => rk4(decay, Float64Array.of(1), { dt: 0, steps: 5 }), "bad-value", /rk4\(dt\)/);
    assertAnsatz(
      () => rk4(decay, Float64Array.of(1), { dt: 0.1, steps: 10, recordEvery: 3 }),
      "bad-value",
      /rk4\(recordEvery\): expected a divisor of steps = 10, found 3/,
    );
    assertAnsatz(
      () => rk4(decay, Float64Array.of(Number.NaN), { dt: 0.1, steps: 1 }),
      "not-finite",
      /rk4\(y0\)/,
    );
    const square: Rhs = (_t, y, d) => {
      d[0] = y[0]! * y[0]!;
    };
    assertAnsatz(
      () => rk4(square, Float64Array.of(1), { dt: 0.1, steps: 40 }),
      "diverged",
      /rk4: the state became non-finite .* at t = 1\.\d+/,
    );
  });
});

describe("dopri5", () => {
  it("y' = −y to t = 1: the error falls as the tolerance tightens and stays below 10·tol", () => {
    let prev = Infinity;
    for (const tol of [1e-4, 1e-6, 1e-8, 1e-10, 1e-12]) {
      const r = dopri5(decay, Float64Array.of(1), { t0: 0, t1: 1, rtol: tol, atol: tol });
      assert.equal(r.t[r.t.length - 1], 1);
      const err = Math.abs(lastRow(r.y)[0]! - Math.exp(-1));
      assert.ok(err < 10 * tol, `tol ${tol}: err ${err}`);
      assert.ok(err < prev, `tol ${tol}: err ${err} not below ${prev}`);
      prev = err;
    }
  });

  it("Lorenz to t = 2 reproduces Hairer's Fortran DOPRI5 (scipy 'dopri5', beta = 0.04): same step counts, values to 1e-13", () => {
    // python3 -c "from scipy.integrate import ode
    // f=lambda t,y:[10*(y[1]-y[0]),y[0]*(28-y[2])-y[1],y[0]*y[1]-8/3*y[2]]
    // for rt,at in [(1e-6,1e-9),(1e-9,1e-12)]:
    //   r=ode(f).set_integrator('dopri5',rtol=rt,atol=at,beta=0.04,nsteps=100000); r.set_initial_value([1.,1.,1.],0.)
    //   y=r.integrate(2.0); w=r._integrator.iwork; print([repr(float(v)) for v in y], w[16], w[18], w[19])"
    const cases = [
      {
        rtol: 1e-6,
        atol: 1e-9,
        y: [-8.173520226095965, -9.56202589912567, 24.620754092458142],
        nfcn: 512,
        acc: 83,
        rej: 2,
      },
      {
        rtol: 1e-9,
        atol: 1e-12,
        y: [-8.173499943468537, -9.56202368511432, 24.620702084145325],
        nfcn: 1952,
        acc: 324,
        rej: 1,
      },
    ];
    for (const c of cases) {
      const r = dopri5(lorenz, Float64Array.of(1, 1, 1), { t0: 0, t1: 2, rtol: c.rtol, atol: c.atol });
      assert.equal(r.nEval, c.nfcn);
      assert.equal(r.nSteps, c.acc);
      assert.equal(r.nRejected, c.rej);
      const y = lastRow(r.y);
      for (let i = 0; i < 3; i++)
        assert.ok(Math.abs(y[i]! - c.y[i]!) < 1e-13 * Math.abs(c.y[i]!), `y${i}: ${y[i]} vs ${c.y[i]}`);
      assert.equal(r.t.length, c.acc + 1);
    }
  });

  it("harmonic oscillator, 100 periods, rtol = atol = 1e-10: |energy drift| < 1e-7 (measured 3.9e-8)", () => {
    const r = dopri5(oscillator, Float64Array.of(1, 0), {
      t0: 0,
      t1: 200 * Math.PI,
      rtol: 1e-10,
      atol: 1e-10,
    });
    const y = lastRow(r.y);
    const drift = (0.5 * (y[0]! ** 2 + y[1]! ** 2)) / 0.5 - 1;
    assert.ok(Math.abs(drift) < 1e-7, `drift ${drift}`);
    assert.ok(Math.abs(y[0]! - 1) < 1e-7 && Math.abs(y[1]!) < 1e-7, `final state ${y}`);
  });

  it("dense output at tEval: y' = y cos t, y = e^{sin t} on 0, 0.1, …, 10 within 30·tol; endpoints exact", () => {
    const f: Rhs = (t, y, d) => {
      d[0] = y[0]! * Math.cos(t);
    };
    const tEval = Array.from({ length: 101 }, (_, i) => i / 10);
    let prev = Infinity;
    for (const tol of [1e-6, 1e-8, 1e-10]) {
      const r = dopri5(f, Float64Array.of(1), { t0: 0, t1: 10, rtol: tol, atol: tol, tEval });
      assert.deepEqual(Array.from(r.t), tEval);
      assert.equal(r.y.get(0, 0), 1);
      let err = 0;
      for (let i = 0; i < tEval.length; i++)
        err = Math.max(err, Math.abs(r.y.get(i, 0) - Math.exp(Math.sin(tEval[i]!))));
      assert.ok(err < 30 * tol && err < prev, `tol ${tol}: err ${err}`);
      prev = err;
    }
  });

  it("dense output at step midpoints is as accurate as the steps (Lorenz, rtol 1e-8): ≤ 5× the step error", () => {
    // Reference: the same integration at rtol = atol = 1e-13. Measured: step error 1.7e-7, midpoint
    // error 3.4e-7, while linear interpolation between the steps would be off by 3.6e-2.
    const opts = { t0: 0, t1: 1, rtol: 1e-8, atol: 1e-10 };
    const tight = { t0: 0, t1: 1, rtol: 1e-13, atol: 1e-13 };
    const y0 = Float64Array.of(1, 1, 1);
    const steps = dopri5(lorenz, y0, opts);
    const mids = Array.from({ length: steps.t.length - 1 }, (_, i) => 0.5 * (steps.t[i]! + steps.t[i + 1]!));
    const at = dopri5(lorenz, y0, { ...opts, tEval: mids });
    assert.equal(at.nSteps, steps.nSteps);
    const refMid = dopri5(lorenz, y0, { ...tight, tEval: mids });
    const refStep = dopri5(lorenz, y0, { ...tight, tEval: steps.t });
    let errMid = 0;
    let errStep = 0;
    for (let i = 0; i < at.y.data.length; i++)
      errMid = Math.max(errMid, Math.abs(at.y.data[i]! - refMid.y.data[i]!));
    for (let i = 0; i < steps.y.data.length; i++)
      errStep = Math.max(errStep, Math.abs(steps.y.data[i]! - refStep.y.data[i]!));
    assert.ok(errStep < 1e-6, `step error ${errStep}`);
    assert.ok(errMid < 5 * errStep, `midpoint error ${errMid} vs step error ${errStep}`);
  });

  it("failures: blow-up of y' = y² names t ≈ 1; maxSteps; tEval outside [t0, t1]; t1 ≤ t0", () => {
    const square: Rhs = (_t, y, d) => {
      d[0] = y[0]! * y[0]!;
    };
    assertAnsatz(
      () => dopri5(square, Float64Array.of(1), { t0: 0, t1: 2 }),
      "diverged",
      /dopri5: .* at t = (0\.9999|1\.0000)/,
    );
    assertAnsatz(
      () => dopri5(lorenz, Float64Array.of(1, 1, 1), { t0: 0, t1: 10, maxSteps: 5 }),
      "bad-config",
      /dopri5\(maxSteps\): expected to reach t1 = 10 within 5 steps/,
    );
    assertAnsatz(
      () => dopri5(decay, Float64Array.of(1), { t0: 0, t1: 1, tEval: [0.5, 1.5] }),
      "bad-value",
      /dopri5\(tEval\).*1\.5 at index 1/,
    );
    assertAnsatz(() => dopri5(decay, Float64Array.of(1), { t0: 1, t1: 1 }), "bad-value", /dopri5\(t1\)/);
    const nan: Rhs = (_t, _y, d) => {
      d[0] = Number.NaN;
    };
    assertAnsatz(
      () => dopri5(nan, Float64Array.of(1), { t0: 0, t1: 1 }),
      "diverged",
      /f\(t0, y0\) is non-finite/,
    );
  });
});
