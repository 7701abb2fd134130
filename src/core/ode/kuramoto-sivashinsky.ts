// Kuramoto–Sivashinsky solver on ETDRK4 (etdrk4.ts), after Kassam & Trefethen (2005), kursiv.m.
// kuramotoSivashinsky(): u_t = −u u_x − u_xx − u_xxxx on [0, length) periodic, in the real-FFT
// representation v = rfft(u) with n/2 + 1 modes k_j = 2πj/length: L = k² − μk⁴ (μ = 1 by default;
// u_t + u u_x + u_xx + μ u_xxxx = 0, the parametric family of the CTF KS data sets) and
// N(v) = −(i k/2)·rfft(irfft(v)²) as kursiv.m (no dealiasing). Nyquist mode j = n/2: kursiv.m sets
// its wavenumber to 0 in the nonlinear term (g = −0.5ik = 0 there; a Nyquist derivative has no real
// representation), and so do we; its linear rate uses the true k, so L is strongly negative and the
// mode is damped (for n = 1024, length = 32π, h = 0.025: e^{hL} underflows to 0 and the mode is 0
// after one step). The mean (j = 0) has L = 0 and g = 0, so it is conserved exactly.
import { assertFinite, assertFiniteNumber, assertInt, assertPositive } from "../check.ts";
import { AnsatzError } from "../errors.ts";
import { RealFFT } from "../fft.ts";
import { Etdrk4, type SpectralNonlinear } from "./etdrk4.ts";

export interface KuramotoSivashinskyOptions {
  /** Grid points (even, ≥ 4; a power of two is fastest). */
  n: number;
  /** Domain length (periodic [0, length)). */
  length: number;
  /** Time step. */
  dt: number;
  /** Coefficient μ > 0 of u_xxxx (default 1, the standard equation): L = k² − μk⁴. */
  mu?: number;
  /** Contour points for the ETDRK4 coefficients (default 64). */
  contourPoints?: number;
}

/** A Kuramoto–Sivashinsky solver (ETDRK4, real FFT) with its state in physical space. */
export class KuramotoSivashinsky {
  readonly n: number;
  readonly length: number;
  readonly dt: number;
  /** Wavenumbers k_j = 2πj/length, j = 0 … n/2. */
  readonly k: Float64Array;
  /** Current time (advanced by dt per step; reset by setState). */
  t = 0;
  /** Spectral state rfft(u) (n/2 + 1 modes); read-only for callers. */
  readonly vRe: Float64Array;
  readonly vIm: Float64Array;
  private readonly fft: RealFFT;
  private readonly u: Float64Array;
  private readonly stepper: Etdrk4;
  private stepsDone = 0;

  constructor(opts: KuramotoSivashinskyOptions) {
    assertInt(opts.n, "kuramotoSivashinsky(n)", 4);
    if (opts.n % 2 !== 0) {
      throw AnsatzError.expected(
        "bad-value",
        "kuramotoSivashinsky(n)",
        "an even number of grid points",
        String(opts.n),
      );
    }
    assertPositive(opts.length, "kuramotoSivashinsky(length)");
    assertPositive(opts.dt, "kuramotoSivashinsky(dt)");
    const mu = opts.mu ?? 1;
    assertPositive(mu, "kuramotoSivashinsky(mu)");
    const n = opts.n;
    const m = n / 2 + 1;
    this.n = n;
    this.length = opts.length;
    this.dt = opts.dt;
    this.k = new Float64Array(m);
    const lRe = new Float64Array(m);
    const g = new Float64Array(m); // N = −(i g/2) rfft(u²), g_j = k_j except g = 0 at Nyquist
    for (let j = 0; j < m; j++) {
      const kj = (2 * Math.PI * j) / opts.length;
      this.k[j] = kj;
      lRe[j] = kj * kj - mu * (kj * kj * kj * kj);
      g[j] = j === n / 2 ? 0 : kj;
    }
    this.fft = new RealFFT(n);
    this.u = new Float64Array(n);
    this.vRe = new Float64Array(m);
    this.vIm = new Float64Array(m);
    const fft = this.fft;
    const u = this.u;
    const nonlinear: SpectralNonlinear = (vRe, vIm, outRe, outIm) => {
      fft.inverse(vRe, vIm, u);
      for (let i = 0; i < n; i++) u[i] = u[i]! * u[i]!;
      fft.forward(u, outRe, outIm);
      // (a + ib)·(−0.5 i g) = 0.5 g b − 0.5 i g a
      for (let j = 0; j < m; j++) {
        const a = outRe[j]!;
        const b = outIm[j]!;
        outRe[j] = 0.5 * g[j]! * b;
        outIm[j] = -0.5 * g[j]! * a;
      }
    };
    this.stepper = new Etdrk4({ lRe, dt: opts.dt, nonlinear, contourPoints: opts.contourPoints });
  }

  /** Sets the physical state u (length n) and resets t to `t0` (default 0). */
  setState(u: Float64Array, t0 = 0): void {
    if (u.length !== this.n) {
      throw AnsatzError.expected(
        "bad-shape",
        "KuramotoSivashinsky.setState(u)",
        `length ${this.n}`,
        `length ${u.length}`,
      );
    }
    assertFinite(u, "KuramotoSivashinsky.setState(u)");
    assertFiniteNumber(t0, "KuramotoSivashinsky.setState(t0)");
    this.fft.forward(u, this.vRe, this.vIm);
    this.t = t0;
    this.stepsDone = 0;
  }

  /** Advances one step of dt (or `count` steps). */
  step(count = 1): void {
    for (let s = 0; s < count; s++) {
      this.stepper.step(this.vRe, this.vIm, this.t);
      this.stepsDone++;
      this.t += this.dt;
    }
  }

  /** Steps taken since the last setState. */
  get steps(): number {
    return this.stepsDone;
  }

  /** The physical state u = irfft(v) written into `out` (a new array when absent). */
  state(out?: Float64Array): Float64Array {
    const o = out ?? new Float64Array(this.n);
    if (o.length !== this.n) {
      throw AnsatzError.expected(
        "bad-shape",
        "KuramotoSivashinsky.state(out)",
        `length ${this.n}`,
        `length ${o.length}`,
      );
    }
    this.fft.inverse(this.vRe, this.vIm, o);
    return o;
  }
}

/** A Kuramoto–Sivashinsky ETDRK4 solver; see KuramotoSivashinsky. */
export function kuramotoSivashinsky(opts: KuramotoSivashinskyOptions): KuramotoSivashinsky {
  return new KuramotoSivashinsky(opts);
}

/**
 * kursiv.m's initial condition u(x) = cos(x/16)(1 + sin(x/16)) on [0, 32π), rescaled to [0, length):
 * u(x_j) = cos(2πx_j/length)(1 + sin(2πx_j/length)) at x_j = j·length/n, j = 0 … n−1 (identical to
 * kursiv.m's formula for length = 32π; kursiv.m samples x_j = j·length/n for j = 1 … n, the same
 * periodic grid).
 */
export function ksInitialCondition(n: number, length: number): Float64Array {
  assertInt(n, "ksInitialCondition(n)", 1);
  assertPositive(length, "ksInitialCondition(length)");
  const u = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const s = (2 * Math.PI * j) / n; // 2π x_j / length
    u[j] = Math.cos(s) * (1 + Math.sin(s));
  }
  return u;
}
