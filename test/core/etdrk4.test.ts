// Tests for src/core/ode/etdrk4.ts: coefficient limits and closed forms, exactness on linear problems,
// fourth-order convergence, and the Kuramoto–Sivashinsky solver against a numpy transcription of
// Kassam & Trefethen's kursiv.m and over a long chaotic run.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AnsatzError } from "../../src/core/errors.ts";
import {
  Etdrk4,
  etdrk4Coefficients,
  ksInitialCondition,
  kuramotoSivashinsky,
} from "../../src/core/ode/index.ts";

const L1 = [0, -1, -10, -1e4, -0.5, 2, -3, -100];
const L1im = [0, 3, -2, 50, 0, 0, 7, 1];

describe("etdrk4 coefficients", () => {
  it("L = 0 gives the limits Q = h/2, f1 = f2 = f3 = h/6, E = E2 = 1 (Cox & Matthews eq. 26–29 as z → 0)", () => {
    const h = 0.25;
    const c = etdrk4Coefficients(Float64Array.of(0), undefined, h);
    assert.equal(c.eRe[0], 1);
    assert.equal(c.e2Re[0], 1);
    assert.ok(Math.abs(c.qRe[0]! - h / 2) < 1e-16, "Math.abs(c.qRe[0]! - h / 2) < 1e-16");
    for (const f of [c.f1Re, c.f2Re, c.f3Re]) assert.ok(Math.abs(f[0]! - h / 6) < 1e-16, `${f[0]}`);
  });

  it("match the closed forms where they are well conditioned (|hL| ≥ 2, real and complex)", () => {
    // Q = (e^{z/2} − 1)/L, f1 = h(−4 − z + e^z(4 − 3z + z²))/z³ etc., z = hL; evaluated directly in
    // complex arithmetic, which is accurate when |z| is not small.
    const h = 0.5;
    const lRe = Float64Array.of(-4, -40, -4000, 6, -5);
    const lIm = Float64Array.of(0, 0, 0, 0, 8);
    const c = etdrk4Coefficients(lRe, lIm, h);
    type C = [number, number];
    const mul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
    const div = (a: C, b: C): C => {
      const d = b[0] * b[0] + b[1] * b[1];
      return [(a[0] * b[0] + a[1] * b[1]) / d, (a[1] * b[0] - a[0] * b[1]) / d];
    };
    const add = (...xs: C[]): C => xs.reduce((s, x) => [s[0] + x[0], s[1] + x[1]], [0, 0] as C);
    const sc = (s: number, a: C): C => [s * a[0], s * a[1]];
    const exp = (a: C): C => [Math.exp(a[0]) * Math.cos(a[1]), Math.exp(a[0]) * Math.sin(a[1])];
    for (let j = 0; j < lRe.length; j++) {
      const z: C = [h * lRe[j]!, h * lIm[j]!];
      const ez = exp(z);
      const z2 = mul(z, z);
      const z3 = mul(z2, z);
      const q = sc(h, div(add(exp(sc(0.5, z)), [-1, 0]), z));
      const f1 = sc(h, div(add([-4, 0], sc(-1, z), mul(ez, add([4, 0], sc(-3, z), z2))), z3));
      const f2 = sc(h, div(add([2, 0], z, mul(ez, add(z, [-2, 0]))), z3));
      const f3 = sc(h, div(add([-4, 0], sc(-3, z), sc(-1, z2), mul(ez, add([4, 0], sc(-1, z)))), z3));
      const pairs: [C, number, number][] = [
        [q, c.qRe[j]!, c.qIm[j]!],
        [f1, c.f1Re[j]!, c.f1Im[j]!],
        [f2, c.f2Re[j]!, c.f2Im[j]!],
        [f3, c.f3Re[j]!, c.f3Im[j]!],
        [ez, c.eRe[j]!, c.eIm[j]!],
      ];
      for (const [exact, re, im] of pairs) {
        const size = Math.hypot(exact[0], exact[1]);
        const err = Math.hypot(re - exact[0], im - exact[1]) / (size === 0 ? 1 : size);
        assert.ok(err < 1e-13, `mode ${j}: ${re}+${im}i vs ${exact}: rel err ${err}`);
      }
    }
  });

  it("validates its inputs", () => {
    assert.throws(
      () => etdrk4Coefficients(Float64Array.of(1, 2), Float64Array.of(1), 0.1),
      (e: unknown) => e instanceof AnsatzError && /etdrk4\(lIm\): expected length 2/.test(e.message),
    );
    assert.throws(() => etdrk4Coefficients(Float64Array.of(1), undefined, 0), /etdrk4\(dt\)/);
    assert.throws(() => etdrk4Coefficients(Float64Array.of(Number.NaN), undefined, 0.1), /etdrk4\(lRe\)/);
  });
});

/** Exact solution of v' = (L + c) v + F per mode at time T. */
function linearExact(
  l: [number, number],
  c: [number, number],
  f: [number, number],
  v0: [number, number],
  T: number,
): [number, number] {
  const lr = l[0] + c[0];
  const li = l[1] + c[1];
  const ex = Math.exp(lr * T);
  const er = ex * Math.cos(li * T);
  const ei = ex * Math.sin(li * T);
  const d = lr * lr + li * li;
  // g = (e^{λT} − 1)/λ, or T when λ = 0
  const gr = d === 0 ? T : ((er - 1) * lr + ei * li) / d;
  const gi = d === 0 ? 0 : (ei * lr - (er - 1) * li) / d;
  return [er * v0[0] - ei * v0[1] + f[0] * gr - f[1] * gi, er * v0[1] + ei * v0[0] + f[0] * gi + f[1] * gr];
}

describe("Etdrk4 stepper", () => {
  for (const [cr, ci, dt, tol] of [
    [0, 0, 0.05, 1e-13],
    [0.3, 0.2, 0.002, 1e-10],
    [-0.5, 1, 0.002, 1e-10],
  ] as const) {
    it(`linear N(v) = (${cr} + ${ci}i)·v + F with complex diagonal L (stiff to −1e4): exact solution at t = 1 to ${tol}`, () => {
      // Constant forcing alone (c = 0) is integrated exactly by ETDRK4; with c ≠ 0 the error is O(h⁴).
      const fRe = [1, -0.5, 2, 3, 0.25, -1, 0.5, 10];
      const fIm = [0, 1, -1, 0.5, 2, 0, -3, 1];
      const N = (vR: Float64Array, vI: Float64Array, oR: Float64Array, oI: Float64Array) => {
        for (let j = 0; j < vR.length; j++) {
          oR[j] = cr * vR[j]! - ci * vI[j]! + fRe[j]!;
          oI[j] = cr * vI[j]! + ci * vR[j]! + fIm[j]!;
        }
      };
      const st = new Etdrk4({ lRe: Float64Array.from(L1), lIm: Float64Array.from(L1im), dt, nonlinear: N });
      const vR = Float64Array.of(1, 1, 1, 1, 1, 1, 1, 1);
      const vI = Float64Array.of(0, 1, 2, -1, 0, 0.5, 0, 1);
      const v0R = vR.slice();
      const v0I = vI.slice();
      const steps = Math.round(1 / dt);
      for (let s = 0; s < steps; s++) st.step(vR, vI, s * dt);
      for (let j = 0; j < 8; j++) {
        const [xr, xi] = linearExact([L1[j]!, L1im[j]!], [cr, ci], [fRe[j]!, fIm[j]!], [v0R[j]!, v0I[j]!], 1);
        const err = Math.hypot(vR[j]! - xr, vI[j]! - xi) / Math.max(1, Math.hypot(xr, xi));
        assert.ok(err < tol, `mode ${j}: err ${err}`);
      }
    });
  }

  it("fourth order on u' = −u − u² (L = −1, N = −u²; u = u0 e^{−t}/(1 + u0(1 − e^{−t}))): slope 4 ± 0.2", () => {
    const u0 = 2;
    const T = 2;
    const exact = (u0 * Math.exp(-T)) / (1 + u0 * (1 - Math.exp(-T)));
    const dts = [0.2, 0.1, 0.05, 0.025];
    const errs = dts.map((dt) => {
      const st = new Etdrk4({
        lRe: Float64Array.of(-1),
        dt,
        nonlinear: (vR, _vI, oR, oI) => {
          oR[0] = -vR[0]! * vR[0]!;
          oI[0] = 0;
        },
      });
      const vR = Float64Array.of(u0);
      const vI = Float64Array.of(0);
      for (let s = 0; s < Math.round(T / dt); s++) st.step(vR, vI);
      return Math.abs(vR[0]! - exact);
    });
    const lx = dts.map(Math.log);
    const ly = errs.map(Math.log);
    const mx = lx.reduce((a, b) => a + b) / 4;
    const my = ly.reduce((a, b) => a + b) / 4;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < 4; i++) {
      sxy += (lx[i]! - mx) * (ly[i]! - my);
      sxx += (lx[i]! - mx) ** 2;
    }
    const p = sxy / sxx;
    assert.ok(Math.abs(p - 4) < 0.2, `slope ${p}, errors ${errs}`);
  });

  it("reports a non-finite state as `diverged` naming t", () => {
    // N is finite up to t = 0.27 and infinite after: the step from t = 0.2 (stages at 0.25, 0.3) fails.
    const st = new Etdrk4({
      lRe: Float64Array.of(-1),
      dt: 0.1,
      nonlinear: (_vR, _vI, oR, oI, t) => {
        oR[0] = t > 0.27 ? Number.POSITIVE_INFINITY : 1;
        oI[0] = 0;
      },
    });
    const vR = Float64Array.of(1);
    const vI = Float64Array.of(0);
    assert.throws(
      () => {
        for (let s = 0; s < 5; s++) st.step(vR, vI, s * 0.1);
      },
      (e: unknown) => e instanceof AnsatzError && e.code === "diverged" && /from t = 0\.2\b/.test(e.message),
    );
  });
});

describe("Kuramoto–Sivashinsky (n = 1024, length 32π, dt = 0.025)", () => {
  const n = 1024;
  const length = 32 * Math.PI;
  const dt = 0.025;

  it("matches a numpy transcription of kursiv.m after 400 steps (t = 10) to 1e-12", () => {
    // kursiv.m (Kassam & Trefethen 2005) with N = 1024, h = 0.025, M = 32 half-circle points, grid
    // x_j = 32πj/N (j = 0 … N−1), u0 = cos(x/16)(1 + sin(x/16)):
    // python3 -c "import numpy as np; N=1024; h=0.025; x=32*np.pi*np.arange(N)/N; v=np.fft.fft(np.cos(x/16)*
    //   (1+np.sin(x/16))); k=np.concatenate([np.arange(0,N//2),[0],np.arange(-N//2+1,0)])/16; L=k**2-k**4;
    //   E=np.exp(h*L); E2=np.exp(h*L/2); M=32; r=np.exp(1j*np.pi*(np.arange(1,M+1)-.5)/M); LR=h*L[:,None]+r;
    //   Q=h*np.real(np.mean((np.exp(LR/2)-1)/LR,1)); f1=h*np.real(np.mean((-4-LR+np.exp(LR)*(4-3*LR+LR**2))/LR**3,1));
    //   f2=h*np.real(np.mean((2+LR+np.exp(LR)*(-2+LR))/LR**3,1)); f3=h*np.real(np.mean((-4-3*LR-LR**2+np.exp(LR)*(4-LR))/LR**3,1));
    //   g=-0.5j*k; NL=lambda w: g*np.fft.fft(np.real(np.fft.ifft(w))**2)
    //   for _ in range(400): Nv=NL(v); a=E2*v+Q*Nv; Na=NL(a); b=E2*v+Q*Na; Nb=NL(b); c=E2*a+Q*(2*Nb-Nv); Nc=NL(c); v=E*v+Nv*f1+2*(Na+Nb)*f2+Nc*f3
    //   u=np.real(np.fft.ifft(v)); print([repr(float(u[i])) for i in (0,100,300,500,700,1000)], repr(0.5*np.mean(u**2)))"
    const ref = [
      0.5879678733748535, 1.0043962146216694, -0.9812995498411078, -0.6381828794253104, 0.005239286480608452,
      0.4891324239673782,
    ];
    const ks = kuramotoSivashinsky({ n, length, dt });
    ks.setState(ksInitialCondition(n, length));
    ks.step(400);
    assert.ok(Math.abs(ks.t - 10) < 1e-12, "Math.abs(ks.t - 10) < 1e-12");
    const u = ks.state();
    [0, 100, 300, 500, 700, 1000].forEach((idx, i) => {
      assert.ok(Math.abs(u[idx]! - ref[i]!) < 1e-12, `u[${idx}] = ${u[idx]} vs ${ref[i]}`);
    });
    const energy = (0.5 * u.reduce((s, x) => s + x * x, 0)) / n;
    assert.ok(Math.abs(energy - 0.3580827086318071) < 1e-12, "Math.abs(energy - 0.3580827086318071) < 1e-12");
  });

  it("10⁴ steps from kursiv.m's initial condition: finite, ½⟨u²⟩ ≤ 3, high modes < 1e-12, mean conserved to 1e-10", () => {
    // Measured: ½⟨u²⟩ rises from 0.28 to the chaotic regime (0.54 … 1.05 for t ∈ [50, 250], mean 0.80);
    // the modes j ≥ 400 (k ≥ 25) stay at round-off (~1e-21·n) since e^{hL} ≤ e^{−9600} there.
    const ks = kuramotoSivashinsky({ n, length, dt });
    const u0 = ksInitialCondition(n, length);
    ks.setState(u0);
    const mean0 = u0.reduce((s, x) => s + x, 0) / n;
    const u = new Float64Array(n);
    let eMax = 0;
    let eSum = 0;
    let eCount = 0;
    let hiMax = 0;
    const t0 = performance.now();
    for (let block = 1; block <= 100; block++) {
      ks.step(100);
      ks.state(u);
      let e = 0;
      let m = 0;
      for (let i = 0; i < n; i++) {
        assert.ok(Number.isFinite(u[i]!), `u[${i}] at step ${ks.steps}`);
        e += u[i]! * u[i]!;
        m += u[i]!;
      }
      e = (0.5 * e) / n;
      m /= n;
      assert.ok(Math.abs(m - mean0) < 1e-10, `mean ${m} vs ${mean0} at t = ${ks.t}`);
      eMax = Math.max(eMax, e);
      if (ks.t > 50) {
        eSum += e;
        eCount++;
      }
      for (let j = 400; j < ks.vRe.length; j++)
        hiMax = Math.max(hiMax, Math.hypot(ks.vRe[j]!, ks.vIm[j]!) / n);
    }
    const ms = performance.now() - t0;
    assert.equal(ks.steps, 10000);
    assert.ok(eMax <= 3, `max energy ${eMax}`);
    const eMean = eSum / eCount;
    assert.ok(eMean > 0.3 && eMean < 2, `mean energy ${eMean} for t > 50`);
    assert.ok(hiMax < 1e-12, `high-mode amplitude ${hiMax}`);
    assert.ok(ms < 10000, `${ms} ms`);
  });

  it("state/setState round-trip, the Nyquist mode is damped to 0, and bad shapes are refused", () => {
    const ks = kuramotoSivashinsky({ n: 64, length: 22, dt: 0.01 });
    const u = Float64Array.from({ length: 64 }, (_, j) => Math.sin((2 * Math.PI * j) / 64) + 0.1 * (-1) ** j);
    ks.setState(u, 5);
    assert.equal(ks.t, 5);
    const back = ks.state();
    assert.ok(
      back.every((v, i) => Math.abs(v - u[i]!) < 1e-14),
      "back.every((v, i) => Math.abs(v - u[i]!) < 1e-14)",
    );
    assert.ok(Math.abs(ks.vRe[32]! - 6.4) < 1e-12, "Math.abs(ks.vRe[32]! - 6.4) < 1e-12"); // the (−1)^j part is the Nyquist mode: 0.1·64
    ks.step();
    // k_N = 2π·32/22 = 9.14, hL = 0.01(k² − k⁴) = −68.9 → e^{hL} = 1.1e-30 (6.4 → 7e-30), and N has
    // no Nyquist part (g = 0 there).
    assert.ok(
      Math.abs(ks.vRe[32]!) < 1e-28 && ks.vIm[32] === 0,
      `Nyquist mode ${ks.vRe[32]} + ${ks.vIm[32]}i`,
    );
    assert.throws(
      () => ks.setState(new Float64Array(10)),
      /setState\(u\): expected length 64, found length 10/,
    );
    assert.throws(() => kuramotoSivashinsky({ n: 63, length: 22, dt: 0.01 }), /even number of grid points/);
  });
});
