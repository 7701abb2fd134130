// Discrete Fourier transforms on split real/imaginary Float64Arrays, with numpy.fft's conventions:
//   forward  X_k = Σ_j x_j e^{−2πi jk/n},   inverse  x_j = (1/n) Σ_k X_k e^{+2πi jk/n},
// rfft returns the n/2+1 non-negative frequencies (numpy.fft.rfft) and irfft inverts it, ignoring the
// imaginary parts of the zero and (n even) Nyquist terms, as numpy (pocketfft) does.
//
// Algorithms, per size n:
// - n a power of two: fft.js (a radix-4 Cooley–Tukey FFT with exact cos/sin twiddle tables).
// - otherwise, n ≤ 64: the direct O(n²) DFT with a twiddle table indexed by jk mod n (no large angles).
// - otherwise: Bluestein's chirp-z algorithm (L. Bluestein, IEEE Trans. Audio Electroacoust. 18(4),
//   1970; Rabiner, Schafer & Rader 1969) on top of a power-of-two fft.js plan of size ≥ 2n − 1: with
//   c_j = e^{−iπ j²/n}, X_k = c_k Σ_j (x_j c_j) conj(c_{k−j}); j² is reduced mod 2n in exact integer
//   arithmetic so every chirp angle is < 2π.
// - RealFFT (real input, n even with n/2 a power of two ≥ 2): one complex FFT of size n/2 on
//   z_m = x_{2m} + i x_{2m+1} and the split step X_k = E_k + e^{−2πik/n} O_k with
//   E_k = (Z_k + conj Z_{n/2−k})/2, O_k = (Z_k − conj Z_{n/2−k})/(2i) (Press et al., "Numerical
//   Recipes", 3rd ed., §12.3.2); its inverse undoes the split and runs one inverse FFT of size n/2.
//   Other sizes fall back to a ComplexFFT of size n.
// Plans (ComplexFFT, RealFFT) precompute everything and allocate nothing per call; the functions
// fft/ifft/rfft/irfft return NEW arrays and use plans cached per size.
import FFT from "fft.js";
import { assertFinite, assertInt, assertPositive } from "./check.ts";
import { AnsatzError } from "./errors.ts";

function isPow2(n: number): boolean {
  return n >= 1 && (n & (n - 1)) === 0;
}

function checkLength(a: ArrayLike<number>, n: number, where: string): void {
  if (a.length !== n) throw AnsatzError.expected("bad-shape", where, `length ${n}`, `length ${a.length}`);
}

type Kernel = (re: Float64Array, im: Float64Array, outRe: Float64Array, outIm: Float64Array) => void;

/** A plan for the complex DFT of one size n (any n ≥ 1); forward and inverse write into `out` arrays. */
export class ComplexFFT {
  readonly n: number;
  private readonly kernel: Kernel;
  private readonly negIm: Float64Array;

  constructor(n: number) {
    assertInt(n, "ComplexFFT(n)", 1);
    this.n = n;
    this.negIm = new Float64Array(n);
    if (n === 1) {
      this.kernel = (re, im, oR, oI) => {
        oR[0] = re[0]!;
        oI[0] = im[0]!;
      };
    } else if (isPow2(n)) {
      this.kernel = pow2Kernel(n);
    } else if (n <= 64) {
      this.kernel = directKernel(n);
    } else {
      this.kernel = bluesteinKernel(n);
    }
  }

  /** X = DFT(x) (sign −1, unnormalised). Inputs are not modified; outputs may alias the inputs. */
  forward(re: Float64Array, im: Float64Array, outRe: Float64Array, outIm: Float64Array): void {
    const n = this.n;
    checkLength(re, n, "ComplexFFT.forward(re)");
    checkLength(im, n, "ComplexFFT.forward(im)");
    checkLength(outRe, n, "ComplexFFT.forward(outRe)");
    checkLength(outIm, n, "ComplexFFT.forward(outIm)");
    this.kernel(re, im, outRe, outIm);
  }

  /** x = IDFT(X) = (1/n) Σ X_k e^{+2πi jk/n}, computed as conj(DFT(conj X))/n; outputs may alias inputs. */
  inverse(re: Float64Array, im: Float64Array, outRe: Float64Array, outIm: Float64Array): void {
    const n = this.n;
    checkLength(re, n, "ComplexFFT.inverse(re)");
    checkLength(im, n, "ComplexFFT.inverse(im)");
    checkLength(outRe, n, "ComplexFFT.inverse(outRe)");
    checkLength(outIm, n, "ComplexFFT.inverse(outIm)");
    const ni = this.negIm;
    for (let i = 0; i < n; i++) ni[i] = -im[i]!;
    this.kernel(re, ni, outRe, outIm);
    const s = 1 / n;
    for (let i = 0; i < n; i++) {
      outRe[i] = outRe[i]! * s;
      outIm[i] = 0 - outIm[i]! * s;
    }
  }
}

function pow2Kernel(n: number): Kernel {
  const plan = new FFT(n);
  const inBuf = new Float64Array(2 * n);
  const outBuf = new Float64Array(2 * n);
  return (re, im, oR, oI) => {
    for (let i = 0; i < n; i++) {
      inBuf[2 * i] = re[i]!;
      inBuf[2 * i + 1] = im[i]!;
    }
    plan.transform(outBuf, inBuf);
    for (let i = 0; i < n; i++) {
      oR[i] = outBuf[2 * i]!;
      oI[i] = outBuf[2 * i + 1]!;
    }
  };
}

function directKernel(n: number): Kernel {
  const cos = new Float64Array(n);
  const sin = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    cos[j] = Math.cos((2 * Math.PI * j) / n);
    sin[j] = Math.sin((2 * Math.PI * j) / n);
  }
  const tr = new Float64Array(n);
  const ti = new Float64Array(n);
  return (re, im, oR, oI) => {
    for (let k = 0; k < n; k++) {
      let sr = 0;
      let si = 0;
      let idx = 0; // jk mod n
      for (let j = 0; j < n; j++) {
        const c = cos[idx]!;
        const s = sin[idx]!;
        const xr = re[j]!;
        const xi = im[j]!;
        // (xr + i xi)(c − i s)
        sr += xr * c + xi * s;
        si += xi * c - xr * s;
        idx += k;
        if (idx >= n) idx -= n;
      }
      tr[k] = sr;
      ti[k] = si;
    }
    oR.set(tr);
    oI.set(ti);
  };
}

function bluesteinKernel(n: number): Kernel {
  let m = 1;
  while (m < 2 * n - 1) m <<= 1;
  const plan = new FFT(m);
  // Chirp c_j = e^{−iπ j²/n}, with j² mod 2n kept exact.
  const cr = new Float64Array(n);
  const ci = new Float64Array(n);
  let q = 0; // j² mod 2n
  for (let j = 0; j < n; j++) {
    const ang = (Math.PI * q) / n;
    cr[j] = Math.cos(ang);
    ci[j] = -Math.sin(ang);
    q += 2 * j + 1;
    while (q >= 2 * n) q -= 2 * n;
  }
  // Filter b_j = conj(c_j) for |j| < n, wrapped into length m, and its FFT (interleaved).
  const b = new Float64Array(2 * m);
  for (let j = 0; j < n; j++) {
    b[2 * j] = cr[j]!;
    b[2 * j + 1] = -ci[j]!;
    if (j > 0) {
      b[2 * (m - j)] = cr[j]!;
      b[2 * (m - j) + 1] = -ci[j]!;
    }
  }
  const bHat = new Float64Array(2 * m);
  plan.transform(bHat, b);
  const a = new Float64Array(2 * m);
  const aHat = new Float64Array(2 * m);
  return (re, im, oR, oI) => {
    a.fill(0);
    for (let j = 0; j < n; j++) {
      const xr = re[j]!;
      const xi = im[j]!;
      a[2 * j] = xr * cr[j]! - xi * ci[j]!;
      a[2 * j + 1] = xr * ci[j]! + xi * cr[j]!;
    }
    plan.transform(aHat, a);
    // Pointwise product, then the inverse FFT as conj(FFT(conj(·)))/m.
    for (let k = 0; k < m; k++) {
      const ar = aHat[2 * k]!;
      const ai = aHat[2 * k + 1]!;
      const br = bHat[2 * k]!;
      const bi = bHat[2 * k + 1]!;
      a[2 * k] = ar * br - ai * bi;
      a[2 * k + 1] = -(ar * bi + ai * br);
    }
    plan.transform(aHat, a);
    const s = 1 / m;
    for (let k = 0; k < n; k++) {
      const yr = aHat[2 * k]! * s;
      const yi = 0 - aHat[2 * k + 1]! * s;
      oR[k] = yr * cr[k]! - yi * ci[k]!;
      oI[k] = yr * ci[k]! + yi * cr[k]!;
    }
  };
}

/**
 * A plan for the real DFT of size n (any n ≥ 1): forward gives the n/2+1 (floor) non-negative
 * frequencies as numpy.fft.rfft; inverse is numpy.fft.irfft with that n. Allocation-free per call.
 */
export class RealFFT {
  readonly n: number;
  /** Number of complex outputs, ⌊n/2⌋ + 1. */
  readonly nOut: number;
  private readonly half: FFT | null;
  private readonly wr: Float64Array;
  private readonly wi: Float64Array;
  private readonly zBuf: Float64Array;
  private readonly complex: ComplexFFT | null;
  private readonly bufRe: Float64Array;
  private readonly bufIm: Float64Array;

  constructor(n: number) {
    assertInt(n, "RealFFT(n)", 1);
    this.n = n;
    this.nOut = Math.floor(n / 2) + 1;
    const h = n / 2;
    if (n % 2 === 0 && h >= 2 && isPow2(h)) {
      this.half = new FFT(h);
      this.wr = new Float64Array(h + 1);
      this.wi = new Float64Array(h + 1);
      // w_k = e^{−2πik/n} for k = 0 … n/2, by octant symmetry (n is a multiple of 4 here), so that
      // w_0 = 1, w_{n/4} = −i and w_{n/2} = −1 exactly and the table is symmetric to the last bit.
      const q = n / 4;
      for (let k = 0; k <= h; k++) {
        const j = k <= q ? k : h - k; // cos(2πk/n) = −cos(2πj/n), sin(2πk/n) = sin(2πj/n) for k > n/4
        let c: number;
        let sn: number;
        if (2 * j <= q) {
          c = Math.cos((2 * Math.PI * j) / n);
          sn = Math.sin((2 * Math.PI * j) / n);
        } else {
          c = Math.sin((2 * Math.PI * (q - j)) / n);
          sn = Math.cos((2 * Math.PI * (q - j)) / n);
        }
        this.wr[k] = k <= q ? c : -c;
        this.wi[k] = -sn;
      }
      this.zBuf = new Float64Array(n);
      this.complex = null;
      this.bufRe = new Float64Array(0);
      this.bufIm = new Float64Array(0);
    } else {
      this.half = null;
      this.wr = new Float64Array(0);
      this.wi = new Float64Array(0);
      this.zBuf = new Float64Array(0);
      this.complex = new ComplexFFT(n);
      this.bufRe = new Float64Array(n);
      this.bufIm = new Float64Array(n);
    }
  }

  /** outRe/outIm (length ⌊n/2⌋+1) = rfft(x); x (length n) is not modified. */
  forward(x: Float64Array, outRe: Float64Array, outIm: Float64Array): void {
    const n = this.n;
    const no = this.nOut;
    checkLength(x, n, "RealFFT.forward(x)");
    checkLength(outRe, no, "RealFFT.forward(outRe)");
    checkLength(outIm, no, "RealFFT.forward(outIm)");
    if (this.half === null) {
      this.bufRe.set(x);
      this.bufIm.fill(0);
      this.complex!.forward(this.bufRe, this.bufIm, this.bufRe, this.bufIm);
      for (let k = 0; k < no; k++) {
        outRe[k] = this.bufRe[k]!;
        outIm[k] = this.bufIm[k]!;
      }
      return;
    }
    const h = n >> 1;
    const z = this.zBuf;
    // x read as interleaved complex z_m = x_{2m} + i x_{2m+1}.
    this.half.transform(z, x);
    const wr = this.wr;
    const wi = this.wi;
    for (let k = 0; k <= h; k++) {
      const k1 = k === h ? 0 : k;
      const k2 = k === 0 ? 0 : h - k;
      const ar = z[2 * k1]!;
      const ai = z[2 * k1 + 1]!;
      const br = z[2 * k2]!;
      const bi = -z[2 * k2 + 1]!; // conj(Z_{h−k})
      const er = 0.5 * (ar + br);
      const ei = 0.5 * (ai + bi);
      // O = (Z_k − conj Z_{h−k}) / (2i) = (di − i dr)/2 with d = Z_k − conj Z_{h−k}.
      const or = 0.5 * (ai - bi);
      const oi = -0.5 * (ar - br);
      outRe[k] = er + (wr[k]! * or - wi[k]! * oi);
      outIm[k] = ei + (wr[k]! * oi + wi[k]! * or);
    }
  }

  /**
   * out (length n) = irfft(re + i·im, n): (1/n) Σ over the Hermitian extension. The imaginary parts of
   * the zero-frequency and (n even) Nyquist terms are ignored, as numpy does. Inputs are not modified.
   */
  inverse(re: Float64Array, im: Float64Array, out: Float64Array): void {
    const n = this.n;
    const no = this.nOut;
    checkLength(re, no, "RealFFT.inverse(re)");
    checkLength(im, no, "RealFFT.inverse(im)");
    checkLength(out, n, "RealFFT.inverse(out)");
    if (this.half === null) {
      const br = this.bufRe;
      const bi = this.bufIm;
      br[0] = re[0]!;
      bi[0] = 0;
      for (let k = 1; k < no; k++) {
        br[k] = re[k]!;
        bi[k] = im[k]!;
        br[n - k] = re[k]!;
        bi[n - k] = -im[k]!;
      }
      if (n % 2 === 0) bi[n / 2] = 0;
      this.complex!.inverse(br, bi, br, bi);
      out.set(br);
      return;
    }
    const h = n >> 1;
    const z = this.zBuf;
    const wr = this.wr;
    const wi = this.wi;
    for (let k = 0; k < h; k++) {
      const ar = re[k]!;
      const ai = k === 0 ? 0 : im[k]!;
      const j = h - k;
      const br = re[j]!;
      const bi = j === h ? 0 : -im[j]!; // conj(X_{h−k}); Im of the Nyquist term ignored
      const er = 0.5 * (ar + br);
      const ei = 0.5 * (ai + bi);
      // O = (X_k − conj X_{h−k}) · conj(w_k) / 2
      const dr = 0.5 * (ar - br);
      const di = 0.5 * (ai - bi);
      const or = dr * wr[k]! + di * wi[k]!;
      const oi = di * wr[k]! - dr * wi[k]!;
      // Z = E + i O
      z[2 * k] = er - oi;
      z[2 * k + 1] = ei + or;
    }
    // Interleaved inverse of size h (fft.js divides by h) writes x_{2m} = Re z_m, x_{2m+1} = Im z_m.
    this.half.inverseTransform(out, z);
  }
}

const MAX_CACHED_PLANS = 32;
const complexPlans = new Map<number, ComplexFFT>();
const realPlans = new Map<number, RealFFT>();

function cached<P>(cache: Map<number, P>, n: number, make: (n: number) => P): P {
  let p = cache.get(n);
  if (p === undefined) {
    if (cache.size >= MAX_CACHED_PLANS) cache.delete(cache.keys().next().value!);
    p = make(n);
    cache.set(n, p);
  }
  return p;
}

/** The cached ComplexFFT plan for size n. */
export function complexPlan(n: number): ComplexFFT {
  return cached(complexPlans, n, (k) => new ComplexFFT(k));
}

/** The cached RealFFT plan for size n. */
export function realPlan(n: number): RealFFT {
  return cached(realPlans, n, (k) => new RealFFT(k));
}

function complexInput(re: Float64Array, im: Float64Array | undefined, where: string): Float64Array {
  assertFinite(re, `${where}(re)`);
  if (re.length === 0) throw AnsatzError.expected("bad-shape", `${where}(re)`, "length >= 1", "length 0");
  if (im === undefined) return new Float64Array(re.length);
  assertFinite(im, `${where}(im)`);
  checkLength(im, re.length, `${where}(im)`);
  return im;
}

/** numpy.fft.fft: returns new arrays X = Σ_j x_j e^{−2πi jk/n}; `im` defaults to zeros. */
export function fft(re: Float64Array, im?: Float64Array): { re: Float64Array; im: Float64Array } {
  const imIn = complexInput(re, im, "fft");
  const n = re.length;
  const out = { re: new Float64Array(n), im: new Float64Array(n) };
  complexPlan(n).forward(re, imIn, out.re, out.im);
  return out;
}

/** numpy.fft.ifft: returns new arrays x = (1/n) Σ_k X_k e^{+2πi jk/n}; `im` defaults to zeros. */
export function ifft(re: Float64Array, im?: Float64Array): { re: Float64Array; im: Float64Array } {
  const imIn = complexInput(re, im, "ifft");
  const n = re.length;
  const out = { re: new Float64Array(n), im: new Float64Array(n) };
  complexPlan(n).inverse(re, imIn, out.re, out.im);
  return out;
}

/** numpy.fft.rfft: the ⌊n/2⌋+1 non-negative-frequency terms of the DFT of real x (new arrays). */
export function rfft(x: Float64Array): { re: Float64Array; im: Float64Array } {
  assertFinite(x, "rfft(x)");
  if (x.length === 0) throw AnsatzError.expected("bad-shape", "rfft(x)", "length >= 1", "length 0");
  const p = realPlan(x.length);
  const out = { re: new Float64Array(p.nOut), im: new Float64Array(p.nOut) };
  p.forward(x, out.re, out.im);
  return out;
}

/**
 * numpy.fft.irfft: the real signal of length n (default 2·(m−1) for m input terms) whose rfft is
 * re + i·im; extra terms are dropped and missing ones taken as zero, as numpy. Returns a new array.
 */
export function irfft(re: Float64Array, im: Float64Array, n?: number): Float64Array {
  assertFinite(re, "irfft(re)");
  assertFinite(im, "irfft(im)");
  checkLength(im, re.length, "irfft(im)");
  const len = n ?? 2 * (re.length - 1);
  assertInt(len, "irfft(n)", 1);
  const p = realPlan(len);
  const r = new Float64Array(p.nOut);
  const i = new Float64Array(p.nOut);
  const m = Math.min(p.nOut, re.length);
  r.set(re.subarray(0, m));
  i.set(im.subarray(0, m));
  const out = new Float64Array(len);
  p.inverse(r, i, out);
  return out;
}

/** numpy.fft.fftfreq(n, d): [0, 1, …, ⌈n/2⌉−1, −⌊n/2⌋, …, −1] / (d·n). */
export function fftFreq(n: number, d = 1): Float64Array {
  assertInt(n, "fftFreq(n)", 1);
  assertPositive(d, "fftFreq(d)");
  const out = new Float64Array(n);
  const pos = Math.floor((n - 1) / 2) + 1;
  for (let i = 0; i < n; i++) out[i] = (i < pos ? i : i - n) / (d * n);
  return out;
}

/** numpy.fft.rfftfreq(n, d): [0, 1, …, ⌊n/2⌋] / (d·n). */
export function rfftFreq(n: number, d = 1): Float64Array {
  assertInt(n, "rfftFreq(n)", 1);
  assertPositive(d, "rfftFreq(d)");
  const out = new Float64Array(Math.floor(n / 2) + 1);
  for (let i = 0; i < out.length; i++) out[i] = i / (d * n);
  return out;
}
