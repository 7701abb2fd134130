// Adaptive explicit Runge–Kutta method of Dormand & Prince, order 5(4) with FSAL (J. R. Dormand,
// P. J. Prince, "A family of embedded Runge–Kutta formulae", J. Comput. Appl. Math. 6(1), 1980),
// implemented after E. Hairer's DOPRI5 code (Hairer, Nørsett & Wanner, "Solving Ordinary
// Differential Equations I", 2nd ed., §II.4–II.6 and the Fortran dopri5.f):
// - tableau c, a, the 5th-order weights (a7j) and error weights e = b − b̂ of dopri5.f;
// - error norm err = sqrt((1/n) Σ (ê_i / sk_i)²), sk_i = atol + rtol·max(|y_i|, |ŷ_i|) (eq. II.4.11);
// - step-size control with Lund stabilisation (PI control, §IV.2): fac = err^(0.2 − 0.75β)/facold^β
//   with β = 0.04, safety 0.9, 0.2 ≤ h_new/h ≤ 10; no step-size increase right after a rejection;
// - initial step by HINIT of dopri5.f (§II.4, "Starting step size", with the Fortran code's sums
//   over components rather than means) unless hInit is given;
// - dense output: the 4th-order continuous extension of dopri5.f (CONTD5, coefficients d1…d7),
//   used for the times in tEval.
// A step whose error or new state is non-finite is rejected and retried 5× shorter; once the step
// is below 1e4·eps·max(1, |t|) the integration stops with `diverged`, naming t, and likewise when
// the step size underflows (0.1·h ≤ eps·|t|, as dopri5.f). On Lorenz this reproduces dopri5.f
// (through scipy's 'dopri5' with beta = 0.04): the same accepted/rejected counts and values to 1e-15.
import { assertFinite, assertFiniteNumber, assertInt, assertPositive } from "../check.ts";
import { AnsatzError } from "../errors.ts";
import { Mat } from "../matrix.ts";
import type { Rhs } from "./rk4.ts";

const EPS = 2.220446049250313e-16;

// Dormand–Prince tableau (dopri5.f).
const C2 = 0.2;
const C3 = 0.3;
const C4 = 0.8;
const C5 = 8 / 9;
const A21 = 0.2;
const A31 = 3 / 40;
const A32 = 9 / 40;
const A41 = 44 / 45;
const A42 = -56 / 15;
const A43 = 32 / 9;
const A51 = 19372 / 6561;
const A52 = -25360 / 2187;
const A53 = 64448 / 6561;
const A54 = -212 / 729;
const A61 = 9017 / 3168;
const A62 = -355 / 33;
const A63 = 46732 / 5247;
const A64 = 49 / 176;
const A65 = -5103 / 18656;
const A71 = 35 / 384;
const A73 = 500 / 1113;
const A74 = 125 / 192;
const A75 = -2187 / 6784;
const A76 = 11 / 84;
const E1 = 71 / 57600;
const E3 = -71 / 16695;
const E4 = 71 / 1920;
const E5 = -17253 / 339200;
const E6 = 22 / 525;
const E7 = -1 / 40;
const D1 = -12715105075 / 11282082432;
const D3 = 87487479700 / 32700410799;
const D4 = -10690763975 / 1880347072;
const D5 = 701980252875 / 199316789632;
const D6 = -1453857185 / 822651844;
const D7 = 69997945 / 29380423;

export interface Dopri5Options {
  /** Initial time. */
  t0: number;
  /** Final time (> t0). */
  t1: number;
  /** Relative tolerance (default 1e-6). */
  rtol?: number;
  /** Absolute tolerance (default 1e-9). */
  atol?: number;
  /** Output times, non-decreasing within [t0, t1]; when absent every accepted step is returned. */
  tEval?: ArrayLike<number>;
  /** First trial step; default by Hairer's HINIT. */
  hInit?: number;
  /** Largest step (default t1 − t0). */
  hMax?: number;
  /** Maximum number of attempted steps (default 100 000). */
  maxSteps?: number;
}

export interface Dopri5Result {
  /** Output times (tEval, or t0 and every accepted step). */
  t: Float64Array;
  /** One row per output time. */
  y: Mat;
  /** Accepted steps. */
  nSteps: number;
  /** Rejected steps. */
  nRejected: number;
  /** Right-hand-side evaluations. */
  nEval: number;
}

/** Integrates y' = f(t, y) from t0 to t1 with adaptive Dormand–Prince 5(4) and dense output. */
export function dopri5(f: Rhs, y0: Float64Array, opts: Dopri5Options): Dopri5Result {
  assertFinite(y0, "dopri5(y0)");
  const n = y0.length;
  if (n === 0) throw AnsatzError.expected("bad-shape", "dopri5(y0)", "a non-empty state", "length 0");
  const { t0, t1 } = opts;
  assertFiniteNumber(t0, "dopri5(t0)");
  assertFiniteNumber(t1, "dopri5(t1)");
  if (!(t1 > t0)) throw AnsatzError.expected("bad-value", "dopri5(t1)", `a time > t0 = ${t0}`, String(t1));
  const rtol = opts.rtol ?? 1e-6;
  const atol = opts.atol ?? 1e-9;
  assertPositive(rtol, "dopri5(rtol)");
  assertPositive(atol, "dopri5(atol)");
  const hMax = opts.hMax ?? t1 - t0;
  assertPositive(hMax, "dopri5(hMax)");
  const maxSteps = opts.maxSteps ?? 100000;
  assertInt(maxSteps, "dopri5(maxSteps)", 1);
  if (opts.hInit !== undefined) assertPositive(opts.hInit, "dopri5(hInit)");
  let tEval: Float64Array | null = null;
  if (opts.tEval !== undefined) {
    tEval = Float64Array.from(opts.tEval);
    assertFinite(tEval, "dopri5(tEval)");
    for (let i = 0; i < tEval.length; i++) {
      const v = tEval[i]!;
      if (v < t0 || v > t1 || (i > 0 && v < tEval[i - 1]!)) {
        throw AnsatzError.expected(
          "bad-value",
          "dopri5(tEval)",
          `non-decreasing times within [${t0}, ${t1}]`,
          `${v} at index ${i}`,
        );
      }
    }
  }

  const y = y0.slice();
  const y1 = new Float64Array(n);
  const ysti = new Float64Array(n);
  const k1 = new Float64Array(n);
  const k2 = new Float64Array(n);
  const k3 = new Float64Array(n);
  const k4 = new Float64Array(n);
  const k5 = new Float64Array(n);
  const k6 = new Float64Array(n);
  const k7 = new Float64Array(n);
  const rc5 = new Float64Array(n);
  let nEval = 0;

  // Output buffers (grown by doubling when recording every step).
  let outT = new Float64Array(tEval ? tEval.length : 64);
  let outY = new Float64Array(outT.length * n);
  let nOut = 0;
  const push = (tt: number, src: Float64Array | null, s: number, h: number): void => {
    if (nOut === outT.length) {
      const t2 = new Float64Array(outT.length * 2);
      t2.set(outT);
      outT = t2;
      const y2 = new Float64Array(outY.length * 2);
      y2.set(outY);
      outY = y2;
    }
    outT[nOut] = tt;
    const off = nOut * n;
    if (src !== null) {
      outY.set(src, off);
    } else {
      // Dense output on the last step [told, told + h] (CONTD5); y holds y_old, y1 holds y_new.
      const th = s;
      const th1 = 1 - th;
      for (let i = 0; i < n; i++) {
        const r2 = y1[i]! - y[i]!;
        const r3 = h * k1[i]! - r2;
        const r4 = r2 - h * k7[i]! - r3;
        outY[off + i] = y[i]! + th * (r2 + th1 * (r3 + th * (r4 + th1 * rc5[i]!)));
      }
    }
    nOut++;
  };

  const diverged = (t: number, why: string): AnsatzError =>
    new AnsatzError(
      "diverged",
      `dopri5: ${why} at t = ${t} (the solution may blow up, or the problem is stiff)`,
      {
        where: "dopri5",
        expected: "a finite solution",
        found: `${why} at t = ${t}`,
      },
    );

  f(t0, y, k1);
  nEval++;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(k1[i]!)) throw diverged(t0, `f(t0, y0) is non-finite (component ${i} = ${k1[i]})`);
  }

  // Initial step size: HINIT of dopri5.f (Hairer, Nørsett & Wanner §II.4, "Starting step size"), with
  // dopri5.f's unnormalised sums (Σ, not the mean, over components) in d0, d1 and d2.
  let h: number;
  if (opts.hInit !== undefined) {
    h = Math.min(opts.hInit, hMax);
  } else {
    let dnf = 0;
    let dny = 0;
    for (let i = 0; i < n; i++) {
      const sk = atol + rtol * Math.abs(y[i]!);
      dnf += (k1[i]! / sk) ** 2;
      dny += (y[i]! / sk) ** 2;
    }
    h = dnf <= 1e-10 || dny <= 1e-10 ? 1e-6 : Math.sqrt(dny / dnf) * 0.01;
    h = Math.min(h, hMax, t1 - t0);
    for (let i = 0; i < n; i++) y1[i] = y[i]! + h * k1[i]!;
    f(t0 + h, y1, k2);
    nEval++;
    let der2 = 0;
    for (let i = 0; i < n; i++) {
      const sk = atol + rtol * Math.abs(y[i]!);
      der2 += ((k2[i]! - k1[i]!) / sk) ** 2;
    }
    der2 = Math.sqrt(der2) / h;
    const der12 = Math.max(Math.abs(der2), Math.sqrt(dnf));
    const h1 = Number.isFinite(der12)
      ? der12 <= 1e-15
        ? Math.max(1e-6, h * 1e-3)
        : (0.01 / der12) ** 0.2
      : h * 1e-3;
    h = Math.min(100 * h, h1, hMax);
  }

  let evalIdx = 0;
  if (tEval) {
    while (evalIdx < tEval.length && tEval[evalIdx] === t0) {
      push(t0, y, 0, 0);
      evalIdx++;
    }
  } else {
    push(t0, y, 0, 0);
  }

  const beta = 0.04;
  const expo1 = 0.2 - beta * 0.75;
  const facc1 = 1 / 0.2;
  const facc2 = 1 / 10;
  const safe = 0.9;
  let facold = 1e-4;
  let t = t0;
  let reject = false;
  let last = false;
  let nSteps = 0;
  let nRejected = 0;
  let nAttempts = 0;

  for (;;) {
    if (nAttempts >= maxSteps) {
      throw AnsatzError.expected(
        "bad-config",
        "dopri5(maxSteps)",
        `to reach t1 = ${t1} within ${maxSteps} steps`,
        `t = ${t} after ${nAttempts} steps (raise maxSteps, loosen rtol/atol, or the problem is stiff)`,
      );
    }
    if (0.1 * h <= Math.abs(t) * EPS || h < Number.MIN_VALUE * 1e10) {
      throw diverged(t, `the step size ${h} became too small`);
    }
    if (t + 1.01 * h - t1 > 0) {
      h = t1 - t;
      last = true;
    }
    nAttempts++;

    for (let i = 0; i < n; i++) y1[i] = y[i]! + h * A21 * k1[i]!;
    f(t + C2 * h, y1, k2);
    for (let i = 0; i < n; i++) y1[i] = y[i]! + h * (A31 * k1[i]! + A32 * k2[i]!);
    f(t + C3 * h, y1, k3);
    for (let i = 0; i < n; i++) y1[i] = y[i]! + h * (A41 * k1[i]! + A42 * k2[i]! + A43 * k3[i]!);
    f(t + C4 * h, y1, k4);
    for (let i = 0; i < n; i++) {
      y1[i] = y[i]! + h * (A51 * k1[i]! + A52 * k2[i]! + A53 * k3[i]! + A54 * k4[i]!);
    }
    f(t + C5 * h, y1, k5);
    for (let i = 0; i < n; i++) {
      ysti[i] = y[i]! + h * (A61 * k1[i]! + A62 * k2[i]! + A63 * k3[i]! + A64 * k4[i]! + A65 * k5[i]!);
    }
    const tph = last ? t1 : t + h;
    f(tph, ysti, k6);
    for (let i = 0; i < n; i++) {
      y1[i] = y[i]! + h * (A71 * k1[i]! + A73 * k3[i]! + A74 * k4[i]! + A75 * k5[i]! + A76 * k6[i]!);
    }
    f(tph, y1, k7);
    nEval += 6;

    let err = 0;
    let finite = true;
    for (let i = 0; i < n; i++) {
      const yi = y1[i]!;
      if (!Number.isFinite(yi) || !Number.isFinite(k7[i]!)) finite = false;
      const e = h * (E1 * k1[i]! + E3 * k3[i]! + E4 * k4[i]! + E5 * k5[i]! + E6 * k6[i]! + E7 * k7[i]!);
      const sk = atol + rtol * Math.max(Math.abs(y[i]!), Math.abs(yi));
      err += (e / sk) ** 2;
    }
    err = Math.sqrt(err / n);
    if (!finite || !Number.isFinite(err)) {
      if (h <= 1e4 * EPS * Math.max(1, Math.abs(t))) {
        throw diverged(t, "the state became non-finite");
      }
      h /= facc1;
      reject = true;
      last = false;
      nRejected++;
      continue;
    }

    const fac11 = err ** expo1;
    let fac = fac11 / facold ** beta;
    fac = Math.max(facc2, Math.min(facc1, fac / safe));
    let hnew = h / fac;
    if (err <= 1) {
      facold = Math.max(err, 1e-4);
      nSteps++;
      // Dense output: rc5 = h·(d1 k1 + d3 k3 + … + d7 k7) before k1 is replaced.
      if (tEval) {
        for (let i = 0; i < n; i++) {
          rc5[i] = h * (D1 * k1[i]! + D3 * k3[i]! + D4 * k4[i]! + D5 * k5[i]! + D6 * k6[i]! + D7 * k7[i]!);
        }
        const tNew = tph;
        while (evalIdx < tEval.length && tEval[evalIdx]! <= tNew) {
          const te = tEval[evalIdx]!;
          if (te === tNew) push(te, y1, 0, h);
          else push(te, null, (te - t) / h, h);
          evalIdx++;
        }
      }
      y.set(y1);
      k1.set(k7);
      t = tph;
      if (!tEval) push(t, y, 0, 0);
      if (last) break;
      if (hnew > hMax) hnew = hMax;
      if (reject) hnew = Math.min(hnew, h);
      reject = false;
    } else {
      hnew = h / Math.min(facc1, fac11 / safe);
      reject = true;
      last = false;
      nRejected++;
    }
    h = hnew;
  }

  const T = outT.slice(0, nOut);
  return { t: T, y: new Mat(nOut, n, outY.slice(0, nOut * n)), nSteps, nRejected, nEval };
}
