// Exponential time differencing RK4 (ETDRK4) for u_t = L u + N(u, t) with L diagonal, after
// S. M. Cox & P. C. Matthews, "Exponential time differencing for stiff systems", J. Comput. Phys.
// 176 (2002), eq. (26)–(29), with the coefficients evaluated by the contour-integral method of
// A.-K. Kassam & L. N. Trefethen, "Fourth-order time-stepping for stiff PDEs", SIAM J. Sci. Comput.
// 26(4), 2005, §3 and their MATLAB code kursiv.m:
//   E = e^{hL}, E2 = e^{hL/2},
//   Q  = h·mean_r[(e^{z/2} − 1)/z],
//   f1 = h·mean_r[(−4 − z + e^z(4 − 3z + z²))/z³],
//   f2 = h·mean_r[(2 + z + e^z(z − 2))/z³],
//   f3 = h·mean_r[(−4 − 3z − z² + e^z(4 − z))/z³],   z = hL + r,
// the mean taken over M points r_m = e^{2πi(m − 1/2)/M}, m = 1 … M, on the unit circle around hL
// (default M = 64). kursiv.m uses the M/2 points of the upper half circle and the real part, which
// for real L is the same sum (the points come in conjugate pairs); for complex L the full circle is
// needed and the coefficients are kept complex. One step (kursiv.m's loop):
//   a = E2 v + Q N(v),  b = E2 v + Q N(a),  c = E2 a + Q (2N(b) − N(v)),
//   v ← E v + f1 N(v) + 2 f2 (N(a) + N(b)) + f3 N(c),
// with N evaluated at t, t + h/2, t + h/2, t + h.
import { assertFinite, assertInt, assertPositive } from "../check.ts";
import { AnsatzError } from "../errors.ts";

/** The nonlinear term in spectral space: writes N(v, t) into (outRe, outIm); must not modify v. */
export type SpectralNonlinear = (
  vRe: Float64Array,
  vIm: Float64Array,
  outRe: Float64Array,
  outIm: Float64Array,
  t: number,
) => void;

export interface Etdrk4Options {
  /** Real parts of the diagonal of L. */
  lRe: Float64Array;
  /** Imaginary parts of the diagonal of L (absent: L is real). */
  lIm?: Float64Array;
  /** Time step h (> 0). */
  dt: number;
  /** N(v, t). */
  nonlinear: SpectralNonlinear;
  /** Number of contour points M (default 64). */
  contourPoints?: number;
}

/** The ETDRK4 coefficients per mode, split into real and imaginary parts. */
export interface Etdrk4Coefficients {
  eRe: Float64Array;
  eIm: Float64Array;
  e2Re: Float64Array;
  e2Im: Float64Array;
  qRe: Float64Array;
  qIm: Float64Array;
  f1Re: Float64Array;
  f1Im: Float64Array;
  f2Re: Float64Array;
  f2Im: Float64Array;
  f3Re: Float64Array;
  f3Im: Float64Array;
}

/** E, E2, Q, f1, f2, f3 for step h and diagonal L, by the Kassam–Trefethen contour integral (M points). */
export function etdrk4Coefficients(
  lRe: Float64Array,
  lIm: Float64Array | undefined,
  h: number,
  contourPoints = 64,
): Etdrk4Coefficients {
  assertFinite(lRe, "etdrk4(lRe)");
  if (lIm !== undefined) {
    assertFinite(lIm, "etdrk4(lIm)");
    if (lIm.length !== lRe.length) {
      throw AnsatzError.expected(
        "bad-shape",
        "etdrk4(lIm)",
        `length ${lRe.length} (as lRe)`,
        `length ${lIm.length}`,
      );
    }
  }
  assertPositive(h, "etdrk4(dt)");
  assertInt(contourPoints, "etdrk4(contourPoints)", 2);
  const n = lRe.length;
  const c: Etdrk4Coefficients = {
    eRe: new Float64Array(n),
    eIm: new Float64Array(n),
    e2Re: new Float64Array(n),
    e2Im: new Float64Array(n),
    qRe: new Float64Array(n),
    qIm: new Float64Array(n),
    f1Re: new Float64Array(n),
    f1Im: new Float64Array(n),
    f2Re: new Float64Array(n),
    f2Im: new Float64Array(n),
    f3Re: new Float64Array(n),
    f3Im: new Float64Array(n),
  };
  const M = contourPoints;
  const rRe = new Float64Array(M);
  const rIm = new Float64Array(M);
  for (let m = 0; m < M; m++) {
    const ang = (2 * Math.PI * (m + 0.5)) / M;
    rRe[m] = Math.cos(ang);
    rIm[m] = Math.sin(ang);
  }
  for (let j = 0; j < n; j++) {
    const zr0 = h * lRe[j]!;
    const zi0 = lIm ? h * lIm[j]! : 0;
    // E = e^{hL}, E2 = e^{hL/2}
    const ex = Math.exp(zr0);
    c.eRe[j] = ex * Math.cos(zi0);
    c.eIm[j] = ex * Math.sin(zi0);
    const ex2 = Math.exp(0.5 * zr0);
    c.e2Re[j] = ex2 * Math.cos(0.5 * zi0);
    c.e2Im[j] = ex2 * Math.sin(0.5 * zi0);
    let qr = 0;
    let qi = 0;
    let a1r = 0;
    let a1i = 0;
    let a2r = 0;
    let a2i = 0;
    let a3r = 0;
    let a3i = 0;
    for (let m = 0; m < M; m++) {
      const zr = zr0 + rRe[m]!;
      const zi = zi0 + rIm[m]!;
      // e^z and e^{z/2}
      const ez = Math.exp(zr);
      const ezr = ez * Math.cos(zi);
      const ezi = ez * Math.sin(zi);
      const eh = Math.exp(0.5 * zr);
      const ehr = eh * Math.cos(0.5 * zi) - 1;
      const ehi = eh * Math.sin(0.5 * zi);
      // 1/z, 1/z³
      const d = zr * zr + zi * zi;
      const izr = zr / d;
      const izi = -zi / d;
      const iz2r = izr * izr - izi * izi;
      const iz2i = 2 * izr * izi;
      const iz3r = iz2r * izr - iz2i * izi;
      const iz3i = iz2r * izi + iz2i * izr;
      // z²
      const z2r = zr * zr - zi * zi;
      const z2i = 2 * zr * zi;
      // Q: (e^{z/2} − 1)/z
      qr += ehr * izr - ehi * izi;
      qi += ehr * izi + ehi * izr;
      // f1 numerator: −4 − z + e^z(4 − 3z + z²)
      let pr = 4 - 3 * zr + z2r;
      let pi = -3 * zi + z2i;
      let nr = -4 - zr + (ezr * pr - ezi * pi);
      let ni = -zi + (ezr * pi + ezi * pr);
      a1r += nr * iz3r - ni * iz3i;
      a1i += nr * iz3i + ni * iz3r;
      // f2 numerator: 2 + z + e^z(z − 2)
      pr = zr - 2;
      pi = zi;
      nr = 2 + zr + (ezr * pr - ezi * pi);
      ni = zi + (ezr * pi + ezi * pr);
      a2r += nr * iz3r - ni * iz3i;
      a2i += nr * iz3i + ni * iz3r;
      // f3 numerator: −4 − 3z − z² + e^z(4 − z)
      pr = 4 - zr;
      pi = -zi;
      nr = -4 - 3 * zr - z2r + (ezr * pr - ezi * pi);
      ni = -3 * zi - z2i + (ezr * pi + ezi * pr);
      a3r += nr * iz3r - ni * iz3i;
      a3i += nr * iz3i + ni * iz3r;
    }
    const s = h / M;
    c.qRe[j] = s * qr;
    c.f1Re[j] = s * a1r;
    c.f2Re[j] = s * a2r;
    c.f3Re[j] = s * a3r;
    // For real L the imaginary parts cancel over the conjugate-symmetric contour: take the real part.
    if (lIm) {
      c.qIm[j] = s * qi;
      c.f1Im[j] = s * a1i;
      c.f2Im[j] = s * a2i;
      c.f3Im[j] = s * a3i;
    }
  }
  return c;
}

/** ETDRK4 stepper on a complex spectral state (vRe, vIm) with diagonal L; allocation-free per step. */
export class Etdrk4 {
  readonly n: number;
  readonly dt: number;
  readonly coefficients: Etdrk4Coefficients;
  private readonly nonlinear: SpectralNonlinear;
  // Stage buffers: N(v), N(a), N(b), N(c) and the stages a, b, c (re/im each).
  private readonly nvR: Float64Array;
  private readonly nvI: Float64Array;
  private readonly naR: Float64Array;
  private readonly naI: Float64Array;
  private readonly nbR: Float64Array;
  private readonly nbI: Float64Array;
  private readonly ncR: Float64Array;
  private readonly ncI: Float64Array;
  private readonly aR: Float64Array;
  private readonly aI: Float64Array;
  private readonly bR: Float64Array;
  private readonly bI: Float64Array;
  private readonly cR: Float64Array;
  private readonly cI: Float64Array;

  constructor(opts: Etdrk4Options) {
    this.coefficients = etdrk4Coefficients(opts.lRe, opts.lIm, opts.dt, opts.contourPoints ?? 64);
    const n = opts.lRe.length;
    this.n = n;
    this.dt = opts.dt;
    this.nonlinear = opts.nonlinear;
    this.nvR = new Float64Array(n);
    this.nvI = new Float64Array(n);
    this.naR = new Float64Array(n);
    this.naI = new Float64Array(n);
    this.nbR = new Float64Array(n);
    this.nbI = new Float64Array(n);
    this.ncR = new Float64Array(n);
    this.ncI = new Float64Array(n);
    this.aR = new Float64Array(n);
    this.aI = new Float64Array(n);
    this.bR = new Float64Array(n);
    this.bI = new Float64Array(n);
    this.cR = new Float64Array(n);
    this.cI = new Float64Array(n);
  }

  /** Advances (vRe, vIm) from t to t + dt in place; throws `diverged` if the state becomes non-finite. */
  step(vRe: Float64Array, vIm: Float64Array, t = 0): void {
    const n = this.n;
    if (vRe.length !== n || vIm.length !== n) {
      throw AnsatzError.expected(
        "bad-shape",
        "Etdrk4.step(vRe, vIm)",
        `length ${n}`,
        `lengths ${vRe.length}, ${vIm.length}`,
      );
    }
    const h = this.dt;
    const { eRe, eIm, e2Re, e2Im, qRe, qIm, f1Re, f1Im, f2Re, f2Im, f3Re, f3Im } = this.coefficients;
    const { nvR, nvI, naR, naI, nbR, nbI, ncR, ncI, aR, aI, bR, bI, cR, cI } = this;
    const N = this.nonlinear;
    N(vRe, vIm, nvR, nvI, t);
    // a = E2 v + Q Nv
    for (let j = 0; j < n; j++) {
      const vr = vRe[j]!;
      const vi = vIm[j]!;
      aR[j] = e2Re[j]! * vr - e2Im[j]! * vi + (qRe[j]! * nvR[j]! - qIm[j]! * nvI[j]!);
      aI[j] = e2Re[j]! * vi + e2Im[j]! * vr + (qRe[j]! * nvI[j]! + qIm[j]! * nvR[j]!);
    }
    N(aR, aI, naR, naI, t + 0.5 * h);
    // b = E2 v + Q Na
    for (let j = 0; j < n; j++) {
      const vr = vRe[j]!;
      const vi = vIm[j]!;
      bR[j] = e2Re[j]! * vr - e2Im[j]! * vi + (qRe[j]! * naR[j]! - qIm[j]! * naI[j]!);
      bI[j] = e2Re[j]! * vi + e2Im[j]! * vr + (qRe[j]! * naI[j]! + qIm[j]! * naR[j]!);
    }
    N(bR, bI, nbR, nbI, t + 0.5 * h);
    // c = E2 a + Q (2Nb − Nv)
    for (let j = 0; j < n; j++) {
      const ar = aR[j]!;
      const ai = aI[j]!;
      const wr = 2 * nbR[j]! - nvR[j]!;
      const wi = 2 * nbI[j]! - nvI[j]!;
      cR[j] = e2Re[j]! * ar - e2Im[j]! * ai + (qRe[j]! * wr - qIm[j]! * wi);
      cI[j] = e2Re[j]! * ai + e2Im[j]! * ar + (qRe[j]! * wi + qIm[j]! * wr);
    }
    N(cR, cI, ncR, ncI, t + h);
    // v ← E v + f1 Nv + 2 f2 (Na + Nb) + f3 Nc
    let finite = true;
    for (let j = 0; j < n; j++) {
      const vr = vRe[j]!;
      const vi = vIm[j]!;
      const sr = 2 * (naR[j]! + nbR[j]!);
      const si = 2 * (naI[j]! + nbI[j]!);
      const r =
        eRe[j]! * vr -
        eIm[j]! * vi +
        (f1Re[j]! * nvR[j]! - f1Im[j]! * nvI[j]!) +
        (f2Re[j]! * sr - f2Im[j]! * si) +
        (f3Re[j]! * ncR[j]! - f3Im[j]! * ncI[j]!);
      const i =
        eRe[j]! * vi +
        eIm[j]! * vr +
        (f1Re[j]! * nvI[j]! + f1Im[j]! * nvR[j]!) +
        (f2Re[j]! * si + f2Im[j]! * sr) +
        (f3Re[j]! * ncI[j]! + f3Im[j]! * ncR[j]!);
      vRe[j] = r;
      vIm[j] = i;
      if (!Number.isFinite(r) || !Number.isFinite(i)) finite = false;
    }
    if (!finite) {
      throw new AnsatzError(
        "diverged",
        `etdrk4: the spectral state became non-finite in the step from t = ${t}`,
        {
          where: "etdrk4",
          expected: "a finite state",
          found: `non-finite values after the step from t = ${t}`,
        },
      );
    }
  }
}
