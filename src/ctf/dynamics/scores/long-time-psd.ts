// Long-time score for spatio-temporal systems (KS and others; E2, E4, E6, E8, E10), spec ctf.md §2.4,
// exactly as `ctf4science/eval_module.py:long_time_forecast_spatio_temporal(truth, prediction, k, modes)`:
//   PSD(X)[m] = (1/k) Σ_{last k rows r} |Σ_{s<S} X[r,s] e^{−2πi m s/S}|²,   m = 0 … modes−1
//   score = 100 · (1 − ‖PSD_T − PSD_P‖₂ / ‖PSD_T‖₂)      (vector 2-norm of the LINEAR PSD)
// The reference takes |np.fft.fft(row)|², fftshift, and the slice [S//2 : S//2 + modes]: these are
// exactly the wavenumbers 0 … modes−1 when modes ≤ S − ⌊S/2⌋ (numpy fails to broadcast beyond that,
// so larger `modes` are refused here). The ln(PSD) of the papers is used by the reference for plots only.
//
// The DFT is direct, O(k·modes·S), which needs no power-of-two size (S = 3000, 90601). Twiddles come
// from one table of e^{−2πi j/S}, j < S, per size S (cached), indexed by the exact integer reduction
// (m·s) mod S kept incrementally, so no large angle is ever formed; each table entry is computed from
// an angle reduced to [0, π/4] with exact integer numerators (quadrant/octant symmetry). The inner
// loops allocate nothing and run four rows at once so each twiddle is loaded once per four rows.
import { assertInt } from "../../../core/check.ts";
import { AnsatzError } from "../../../core/errors.ts";
import type { Mat } from "../../../core/matrix.ts";
import { checkScorePair } from "./reconstruction.ts";

/** cos and sin of 2π j/S for j < S (the conjugate twiddle is cos − i·sin). */
export interface TwiddleTable {
  size: number;
  cos: Float64Array;
  sin: Float64Array;
}

/** cos(2π·num/den), sin(2π·num/den) for 0 ≤ num/den ≤ 1/8 (num, den exact integers). */
function cs(num: number, den: number): [number, number] {
  const a = (2 * Math.PI * num) / den;
  return [Math.cos(a), Math.sin(a)];
}

/** cos and sin of 2π j/S with the argument reduced to [0, π/4] by exact integer symmetry. */
export function twiddle(j: number, S: number): [number, number] {
  // Reflect into [0, 1/2]: sin(2π(S−j)/S) = −sin(2πj/S), cos unchanged.
  let sign = 1;
  if (2 * j > S) {
    j = S - j;
    sign = -1;
  }
  let c: number;
  let s: number;
  if (4 * j > S) {
    // f = j/S ∈ (1/4, 1/2]: g = 1/2 − f = (S − 2j)/(2S); cos = −cos 2πg, sin = sin 2πg.
    const num = S - 2 * j;
    const den = 2 * S;
    if (8 * num > den) {
      const [ch, sh] = cs(den - 4 * num, 4 * den); // h = 1/4 − g
      c = -sh;
      s = ch;
    } else {
      const [cg, sg] = cs(num, den);
      c = -cg;
      s = sg;
    }
  } else if (8 * j > S) {
    // f ∈ (1/8, 1/4]: h = 1/4 − f = (S − 4j)/(4S); cos = sin 2πh, sin = cos 2πh.
    const [ch, sh] = cs(S - 4 * j, 4 * S);
    c = sh;
    s = ch;
  } else {
    [c, s] = cs(j, S);
  }
  return [c, sign * s];
}

const tables = new Map<number, TwiddleTable>();
const MAX_TABLES = 4;

/** The cached twiddle table for size S. */
export function twiddleTable(S: number): TwiddleTable {
  assertInt(S, "twiddleTable(S)", 1);
  let t = tables.get(S);
  if (t === undefined) {
    const cos = new Float64Array(S);
    const sin = new Float64Array(S);
    for (let j = 0; j < S; j++) {
      const [c, s] = twiddle(j, S);
      cos[j] = c;
      sin[j] = s;
    }
    t = { size: S, cos, sin };
    if (tables.size >= MAX_TABLES) tables.delete(tables.keys().next().value!);
    tables.set(S, t);
  }
  return t;
}

/** Largest `modes` the reference's fftshift slice supports for S columns: S − ⌊S/2⌋. */
export function maxPsdModes(S: number): number {
  return S - Math.floor(S / 2);
}

/**
 * PSD of the last k rows of X at wavenumbers 0 … modes−1: (1/k) Σ_r |DFT(X[r])[m]|², unnormalised
 * DFT over space (the reference `compute_psd`). Writes into `out` (length modes) if given.
 */
export function psd(X: Mat, k: number, modes: number, out?: Float64Array): Float64Array {
  const T = X.rows;
  const S = X.cols;
  assertInt(k, "psd(k_long)", 1);
  assertInt(modes, "psd(modes)", 1);
  if (k > T) {
    throw AnsatzError.expected(
      "too-little-data",
      "psd(k_long)",
      `at most the ${T} rows of the matrix`,
      String(k),
    );
  }
  if (modes > maxPsdModes(S)) {
    throw AnsatzError.expected(
      "bad-value",
      "psd(modes)",
      `at most S − ⌊S/2⌋ = ${maxPsdModes(S)} wavenumbers for S = ${S} columns`,
      String(modes),
    );
  }
  const res = out ?? new Float64Array(modes);
  if (res.length !== modes) {
    throw AnsatzError.expected("bad-shape", "psd(out)", `length ${modes}`, `length ${res.length}`);
  }
  res.fill(0);
  const { cos, sin } = twiddleTable(S);
  const x = X.data;
  let r = T - k;
  // Four rows at a time share the twiddle loads and the index arithmetic.
  for (; r + 3 < T; r += 4) {
    const b0 = r * S;
    const b1 = b0 + S;
    const b2 = b1 + S;
    const b3 = b2 + S;
    for (let m = 0; m < modes; m++) {
      let re0 = 0;
      let im0 = 0;
      let re1 = 0;
      let im1 = 0;
      let re2 = 0;
      let im2 = 0;
      let re3 = 0;
      let im3 = 0;
      let idx = 0;
      for (let s = 0; s < S; s++) {
        const c = cos[idx]!;
        const sn = sin[idx]!;
        const x0 = x[b0 + s]!;
        const x1 = x[b1 + s]!;
        const x2 = x[b2 + s]!;
        const x3 = x[b3 + s]!;
        re0 += x0 * c;
        im0 += x0 * sn;
        re1 += x1 * c;
        im1 += x1 * sn;
        re2 += x2 * c;
        im2 += x2 * sn;
        re3 += x3 * c;
        im3 += x3 * sn;
        idx += m;
        if (idx >= S) idx -= S;
      }
      // Rows are accumulated one after the other, in row order, as the reference's psd_sum.
      let acc = res[m]! + (re0 * re0 + im0 * im0);
      acc += re1 * re1 + im1 * im1;
      acc += re2 * re2 + im2 * im2;
      res[m] = acc + (re3 * re3 + im3 * im3);
    }
  }
  for (; r < T; r++) {
    const b0 = r * S;
    for (let m = 0; m < modes; m++) {
      let re0 = 0;
      let im0 = 0;
      let idx = 0;
      for (let s = 0; s < S; s++) {
        const c = cos[idx]!;
        const sn = sin[idx]!;
        const x0 = x[b0 + s]!;
        re0 += x0 * c;
        im0 += x0 * sn;
        idx += m;
        if (idx >= S) idx -= S;
      }
      res[m] = res[m]! + (re0 * re0 + im0 * im0);
    }
  }
  for (let m = 0; m < modes; m++) res[m] = res[m]! / k;
  return res;
}

function norm2(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}

/** Details of the PSD long-time score. */
export interface PsdLongTimeDetails {
  score: number;
  /** ‖PSD_T − PSD_P‖₂ / ‖PSD_T‖₂. */
  error: number;
  psdTruth: Float64Array;
  psdPred: Float64Array;
}

/** The PSD long-time score with both spectra. */
export function psdLongTimeDetails(truth: Mat, pred: Mat, k: number, modes: number): PsdLongTimeDetails {
  checkScorePair(truth, pred, "long_time (PSD)");
  const psdTruth = psd(truth, k, modes);
  const psdPred = psd(pred, k, modes);
  const diff = new Float64Array(modes);
  for (let m = 0; m < modes; m++) diff[m] = psdTruth[m]! - psdPred[m]!;
  const den = norm2(psdTruth);
  if (den === 0) {
    throw AnsatzError.expected(
      "bad-value",
      "long_time (PSD)(truth)",
      "a truth whose PSD over the scored wavenumbers is not all zero",
      `an all-zero PSD over the last ${k} rows`,
    );
  }
  const error = norm2(diff) / den;
  return { score: 100 * (1 - error), error, psdTruth, psdPred };
}

/** PSD long-time score 100·(1 − ‖PSD_T − PSD_P‖₂/‖PSD_T‖₂) over the last k rows and wavenumbers 0…modes−1 (KS: 20, 100). */
export function psdLongTimeScore(truth: Mat, pred: Mat, k: number, modes: number): number {
  return psdLongTimeDetails(truth, pred, k, modes).score;
}
