// Hopfield model with P stored ±1 patterns (spec §1.4): H(s) = −(1/2N) Σ_μ (ξ^μ·s)², J_ij = (1/N) Σ_μ ξ_i^μ ξ_j^μ
// (the diagonal term is the constant −P/2 and is kept). The Hubbard–Stratonovich (HS) transform gives
//   Σ_s e^{−βH(s)} = (Nβ/2π)^{P/2} ∫ d^P m w(m),   w(m) = exp(−Nβ|m|²/2 + Σ_i log 2cosh(β ξ_i·m)),
// with s_i | m independent, P(s_i = +1 | m) = σ(2β ξ_i·m) (spec §1.4, §1.6). Sites with the same pattern row
// ξ_i ∈ {±1}^P share that conditional, so the sums over i run over at most 2^P distinct rows (`patternRows`).
// Exact enumeration of log Z, ⟨s_i⟩, ⟨s_i s_j⟩ for N ≤ 20 (spec §2.1) walks the 2^N states in Gray-code order.
import { assertFinite, assertInt, assertPositive, formatShape } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { Mat } from "../../core/matrix.ts";
import type { Rng } from "../../core/random.ts";

export interface Hopfield {
  n: number;
  p: number;
  beta: number;
  /** N × P, entries ±1; column μ is the pattern ξ^μ. */
  patterns: Mat;
}

/** N × P i.i.d. uniform ±1 patterns. */
export function randomPatterns(n: number, p: number, rng: Rng): Mat {
  assertInt(n, "randomPatterns n", 1);
  assertInt(p, "randomPatterns p", 1);
  const out = new Mat(n, p);
  for (let i = 0; i < out.data.length; i++) out.data[i] = rng.uniform() < 0.5 ? -1 : 1;
  return out;
}

/** A validated Hopfield model: patterns N × P (N ≥ 2, P ≥ 1) with ±1 entries, β > 0 finite. */
export function hopfield(patterns: Mat, beta: number): Hopfield {
  if (!(patterns instanceof Mat)) {
    throw AnsatzError.expected("bad-argument", "hopfield patterns", "a Mat (N × P)", String(patterns));
  }
  if (patterns.rows < 2 || patterns.cols < 1) {
    throw AnsatzError.expected(
      "bad-shape",
      "hopfield patterns",
      "N × P with N ≥ 2, P ≥ 1",
      `shape ${formatShape(patterns.shape)}`,
    );
  }
  for (let i = 0; i < patterns.data.length; i++) {
    const v = patterns.data[i]!;
    if (v !== 1 && v !== -1) {
      const r = Math.floor(i / patterns.cols);
      throw AnsatzError.expected(
        "bad-value",
        "hopfield patterns",
        "entries ±1",
        `${v} at [${r}, ${i % patterns.cols}]`,
      );
    }
  }
  assertPositive(beta, "hopfield beta");
  return { n: patterns.rows, p: patterns.cols, beta, patterns };
}

/** Sites grouped by pattern row: `types[i]` indexes the distinct row of site i in `rows` (T × P). */
export interface PatternRows {
  /** Number of distinct rows T (≤ min(N, 2^P)). */
  count: number;
  /** T × P row-major distinct pattern rows. */
  rows: Float64Array;
  /** How many sites carry each distinct row. */
  counts: Float64Array;
  /** Site → distinct-row index. */
  types: Int32Array;
}

export function patternRows(patterns: Mat): PatternRows {
  const { rows: n, cols: p } = patterns;
  const index = new Map<string, number>();
  const types = new Int32Array(n);
  const rowsList: number[] = [];
  const countsList: number[] = [];
  for (let i = 0; i < n; i++) {
    let key = "";
    for (let mu = 0; mu < p; mu++) key += patterns.data[i * p + mu]! > 0 ? "1" : "0";
    let t = index.get(key);
    if (t === undefined) {
      t = countsList.length;
      index.set(key, t);
      countsList.push(0);
      for (let mu = 0; mu < p; mu++) rowsList.push(patterns.data[i * p + mu]!);
    }
    countsList[t]! += 1;
    types[i] = t;
  }
  return {
    count: countsList.length,
    rows: Float64Array.from(rowsList),
    counts: Float64Array.from(countsList),
    types,
  };
}

/** log 2cosh(x), overflow-free. */
export function logTwoCosh(x: number): number {
  const a = Math.abs(x);
  return a + Math.log1p(Math.exp(-2 * a));
}

/** log w(m) from grouped rows (the hot-loop form of `hsLogWeight`); m has length P, starting at `offset`. */
export function logWeightRows(
  g: PatternRows,
  p: number,
  n: number,
  beta: number,
  m: ArrayLike<number>,
  offset = 0,
): number {
  let m2 = 0;
  for (let mu = 0; mu < p; mu++) m2 += m[offset + mu]! * m[offset + mu]!;
  let s = (-n * beta * m2) / 2;
  for (let t = 0; t < g.count; t++) {
    let x = 0;
    for (let mu = 0; mu < p; mu++) x += g.rows[t * p + mu]! * m[offset + mu]!;
    s += g.counts[t]! * logTwoCosh(beta * x);
  }
  return s;
}

/** log w(m) = −Nβ|m|²/2 + Σ_i log 2cosh(β ξ_i·m), unnormalised HS weight of the order parameter (§1.4). */
export function hsLogWeight(model: Hopfield, m: ArrayLike<number>): number {
  if (m.length !== model.p) {
    throw AnsatzError.expected("bad-shape", "hsLogWeight m", `length P = ${model.p}`, `length ${m.length}`);
  }
  assertFinite(m, "hsLogWeight m");
  return logWeightRows(patternRows(model.patterns), model.p, model.n, model.beta, m);
}

/** H(s) = −(1/2N) Σ_μ (ξ^μ·s)² for a ±1 vector s of length N. */
export function hopfieldEnergy(model: Hopfield, s: ArrayLike<number>): number {
  const { n, p, patterns } = model;
  if (s.length !== n) {
    throw AnsatzError.expected("bad-shape", "hopfieldEnergy s", `length N = ${n}`, `length ${s.length}`);
  }
  assertFinite(s, "hopfieldEnergy s");
  let e = 0;
  for (let mu = 0; mu < p; mu++) {
    let o = 0;
    for (let i = 0; i < n; i++) o += patterns.data[i * p + mu]! * s[i]!;
    e += o * o;
  }
  return -e / (2 * n);
}

/** The retrieval magnetisation m* > 0 solving m = tanh(βm) (0 for β ≤ 1), by fixed-point iteration. */
export function retrievalOverlap(beta: number): number {
  assertPositive(beta, "retrievalOverlap beta");
  if (beta <= 1) return 0;
  let m = 1;
  for (let it = 0; it < 10000; it++) {
    const next = Math.tanh(beta * m);
    if (Math.abs(next - m) < 1e-15) return next;
    m = next;
  }
  return m;
}

export interface HopfieldExact {
  logZ: number;
  /** ⟨s_i⟩ (0 by the s → −s symmetry, up to rounding). */
  mean: Float64Array;
  /** N × N ⟨s_i s_j⟩, diagonal 1. */
  corr: Mat;
}

/** Exact log Z, ⟨s_i⟩ and ⟨s_i s_j⟩ by enumerating the 2^N states (N ≤ 20), Gray-code order. */
export function hopfieldExact(model: Hopfield): HopfieldExact {
  const { n, p, beta, patterns } = model;
  if (n > 20) {
    throw AnsatzError.expected(
      "bad-argument",
      "hopfieldExact N",
      "N ≤ 20 (2^N states enumerated)",
      `N = ${n}`,
    );
  }
  const states = 2 ** n;
  const lw = new Float64Array(states); // −βH at Gray-code step g
  const s = new Float64Array(n).fill(-1);
  const o = new Float64Array(p);
  for (let mu = 0; mu < p; mu++) {
    for (let i = 0; i < n; i++) o[mu] = o[mu]! - patterns.data[i * p + mu]!;
  }
  const c = beta / (2 * n);
  let max = Number.NEGATIVE_INFINITY;
  for (let g = 0; g < states; g++) {
    if (g > 0) {
      const i = 31 - Math.clz32(g & -g); // bit flipped between Gray codes g − 1 and g
      const ds = -2 * s[i]!;
      s[i] = -s[i]!;
      for (let mu = 0; mu < p; mu++) o[mu] = o[mu]! + ds * patterns.data[i * p + mu]!;
    }
    let e = 0;
    for (let mu = 0; mu < p; mu++) e += o[mu]! * o[mu]!;
    const v = c * e;
    lw[g] = v;
    if (v > max) max = v;
  }
  let z = 0;
  const mean = new Float64Array(n);
  const corr = new Mat(n, n);
  const cd = corr.data;
  s.fill(-1);
  for (let g = 0; g < states; g++) {
    if (g > 0) {
      const i = 31 - Math.clz32(g & -g);
      s[i] = -s[i]!;
    }
    const w = Math.exp(lw[g]! - max);
    z += w;
    for (let i = 0; i < n; i++) {
      const ws = w * s[i]!;
      mean[i] = mean[i]! + ws;
      for (let j = i + 1; j < n; j++) cd[i * n + j] = cd[i * n + j]! + ws * s[j]!;
    }
  }
  for (let i = 0; i < n; i++) {
    mean[i] = mean[i]! / z;
    cd[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      cd[i * n + j] = cd[i * n + j]! / z;
      cd[j * n + i] = cd[i * n + j]!;
    }
  }
  return { logZ: max + Math.log(z), mean, corr };
}
