// Exact bipartite mutual information I(s_A; s_B) of the Hopfield model (spec §2.2), A = the first N_A sites.
// p(s) depends on s_A only through the integer overlap vector v_A = Ξ_Aᵀ s_A (and on s_B through v_B), so
// I(s_A; s_B) = I(v_A; v_B) with
//   P(v_A, v_B) = g_A(v_A) g_B(v_B) K(v_A + v_B) / Z,   K(v) = exp(β|v|²/(2N)) = Π_μ k(v_μ),
// where g_X(v) = #{s_X : Ξ_Xᵀ s_X = v} / 2^{N_X} comes from a dynamic programme over the sites of X.
// Each v_X lives on a dense lattice, t_μ = (v_μ + N_X)/2 ∈ [0, N_X], of (N_X + 1)^P points. Because K is
// separable over μ, the sums over the partner block are contractions one axis at a time (log-sum-exp):
//   F_A(v_A) = Σ_{v_B} g_B K,  F_B(v_B) = Σ_{v_A} g_A K,  G_μ(v_A) = Σ_{v_B} g_B K·(−log k_μ),
// and, with P_A = g_A F_A / Z, P_B = g_B F_B / Z, log P/(P_A P_B) = log K + log Z − log F_A − log F_B gives
//   I = log Z − E_A[log F_A] − E_B[log F_B] − Σ_μ Σ_{v_A} g_A G_μ / Z.
// (Kernels are rescaled by exp(−βN/2) per axis, which cancels in I; every weight stays positive.)
// Cost ≈ (P + 2) Σ_a (N_A + 1)^{a+1} (N_B + 1)^{P−a} exp-evaluations; N = 64, P = 3 takes a fraction of a second.
import { assertInt } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { logSumExp } from "../../core/stats.ts";
import type { Hopfield } from "./hopfield.ts";

/** Largest contraction cost (kernel terms) accepted before throwing. */
const MAX_TERMS = 4e8;

export interface OverlapDistribution {
  /** Sites in the block; each axis has sites + 1 lattice points, t_μ = (v_μ + sites)/2. */
  sites: number;
  p: number;
  /** log g(t) on the dense lattice, row-major over μ = 0..P−1 (−∞ where no configuration maps). */
  logProb: Float64Array;
  /** Number of overlap vectors reached by at least one configuration. */
  distinct: number;
}

/** Distribution of v = Ξ_Xᵀ s_X under uniform s_X, X = sites [start, end), by DP over sites. */
export function overlapDistribution(model: Hopfield, start: number, end: number): OverlapDistribution {
  const { p, patterns } = model;
  const sites = end - start;
  const side = sites + 1;
  const size = side ** p;
  const strides = new Int32Array(p);
  let st = 1;
  for (let mu = p - 1; mu >= 0; mu--) {
    strides[mu] = st;
    st *= side;
  }
  let cur = new Float64Array(size);
  let nxt = new Float64Array(size);
  cur[0] = 1;
  for (let i = start; i < end; i++) {
    let up = 0; // s_i = +1 raises t_μ where ξ_iμ = +1; s_i = −1 raises it where ξ_iμ = −1
    let down = 0;
    for (let mu = 0; mu < p; mu++) {
      if (patterns.data[i * p + mu]! > 0) up += strides[mu]!;
      else down += strides[mu]!;
    }
    nxt.fill(0);
    for (let t = 0; t < size; t++) {
      const v = cur[t]!;
      if (v === 0) continue;
      nxt[t + up] = nxt[t + up]! + 0.5 * v;
      nxt[t + down] = nxt[t + down]! + 0.5 * v;
    }
    const tmp = cur;
    cur = nxt;
    nxt = tmp;
  }
  let distinct = 0;
  for (let t = 0; t < size; t++) {
    if (cur[t]! > 0) distinct++;
    cur[t] = Math.log(cur[t]!);
  }
  return { sites, p, logProb: cur, distinct };
}

/**
 * Log-domain contraction of axis `axis` of X (shape `dims`, row-major) with the kernel logK[to][from]
 * (to-size × from-size): out[.., a, ..] = log Σ_b exp(logK[a][b] + X[.., b, ..]). Returns [out, outDims].
 */
function contractAxis(
  x: Float64Array,
  dims: number[],
  axis: number,
  logK: Float64Array,
  toSize: number,
): [Float64Array, number[]] {
  const fromSize = dims[axis]!;
  let outer = 1;
  for (let a = 0; a < axis; a++) outer *= dims[a]!;
  let inner = 1;
  for (let a = axis + 1; a < dims.length; a++) inner *= dims[a]!;
  const out = new Float64Array(outer * toSize * inner);
  for (let o = 0; o < outer; o++) {
    const xo = o * fromSize * inner;
    const oo = o * toSize * inner;
    for (let ta = 0; ta < toSize; ta++) {
      const kr = ta * fromSize;
      for (let i = 0; i < inner; i++) {
        let max = Number.NEGATIVE_INFINITY;
        for (let tb = 0; tb < fromSize; tb++) {
          const v = logK[kr + tb]! + x[xo + tb * inner + i]!;
          if (v > max) max = v;
        }
        let s = 0;
        if (max !== Number.NEGATIVE_INFINITY) {
          for (let tb = 0; tb < fromSize; tb++) s += Math.exp(logK[kr + tb]! + x[xo + tb * inner + i]! - max);
        }
        out[oo + ta * inner + i] = max + Math.log(s);
      }
    }
  }
  const outDims = dims.slice();
  outDims[axis] = toSize;
  return [out, outDims];
}

/** log Σ_{t_from} exp(X(t_from) + Σ_μ logKμ(t_to,μ + t_from,μ)), with per-axis kernels (μ-indexed). */
function contractAll(
  x: Float64Array,
  p: number,
  fromSide: number,
  toSide: number,
  kernels: Float64Array[],
): Float64Array {
  let cur = x;
  let dims = new Array<number>(p).fill(fromSide);
  for (let a = 0; a < p; a++) [cur, dims] = contractAxis(cur, dims, a, kernels[a]!, toSide);
  return cur;
}

/** Estimated kernel terms of one bipartite-MI evaluation (see header). */
export function hopfieldMICost(p: number, nA: number, nB: number): number {
  let per = 0;
  for (let a = 0; a < p; a++)
    per += (nA + 1) ** (a + 1) * (nB + 1) ** (p - a) + (nB + 1) ** (a + 1) * (nA + 1) ** (p - a);
  return ((p + 2) / 2) * per;
}

/** Exact I(s_A; s_B) in nats, A = the first nA sites (default floor(N/2)), B = the rest. */
export function hopfieldBipartiteMI(model: Hopfield, nA: number = Math.floor(model.n / 2)): number {
  const { n, p, beta } = model;
  assertInt(nA, "hopfieldBipartiteMI nA", 1, n - 1);
  const nB = n - nA;
  const cost = hopfieldMICost(p, nA, nB);
  if (cost > MAX_TERMS || Math.max(nA, nB) > 1000) {
    throw AnsatzError.expected(
      "bad-argument",
      "hopfieldBipartiteMI",
      `at most ${MAX_TERMS.toExponential(0)} kernel terms and blocks of ≤ 1000 sites`,
      `N_A = ${nA}, N_B = ${nB}, P = ${p}: lattices ${nA + 1}^${p} and ${nB + 1}^${p}, ≈ ${cost.toExponential(2)} terms`,
    );
  }
  const gA = overlapDistribution(model, 0, nA).logProb;
  const gB = overlapDistribution(model, nA, n).logProb;
  // log k(s) and log(−log k(s)), s = t_A + t_B ∈ [0, N], v = 2s − N, rescaled so that max k = 1.
  const logk = (s: number): number => (beta * ((2 * s - n) ** 2 - n * n)) / (2 * n);
  const kernel = (to: number, from: number, weighted: boolean): Float64Array => {
    const K = new Float64Array((to + 1) * (from + 1));
    for (let a = 0; a <= to; a++) {
      for (let b = 0; b <= from; b++) {
        const lk = logk(a + b);
        K[a * (from + 1) + b] = weighted ? lk + Math.log(-lk) : lk;
      }
    }
    return K;
  };
  const kAB = kernel(nA, nB, false); // rows indexed by t_A, columns by t_B
  const kBA = kernel(nB, nA, false);
  const kABw = kernel(nA, nB, true);
  const fA = contractAll(gB, p, nB + 1, nA + 1, new Array(p).fill(kAB));
  const fB = contractAll(gA, p, nA + 1, nB + 1, new Array(p).fill(kBA));
  const joint = new Float64Array(gA.length);
  for (let t = 0; t < gA.length; t++) joint[t] = gA[t]! + fA[t]!;
  const logZ = logSumExp(joint);
  let eA = 0;
  for (let t = 0; t < gA.length; t++) {
    if (gA[t]! === Number.NEGATIVE_INFINITY) continue;
    eA += Math.exp(gA[t]! + fA[t]! - logZ) * fA[t]!;
  }
  let eB = 0;
  for (let t = 0; t < gB.length; t++) {
    if (gB[t]! === Number.NEGATIVE_INFINITY) continue;
    eB += Math.exp(gB[t]! + fB[t]! - logZ) * fB[t]!;
  }
  let eNegLogK = 0;
  for (let mu = 0; mu < p; mu++) {
    const kernels = new Array<Float64Array>(p).fill(kAB);
    kernels[mu] = kABw;
    const gmu = contractAll(gB, p, nB + 1, nA + 1, kernels);
    for (let t = 0; t < gA.length; t++) {
      if (gA[t]! === Number.NEGATIVE_INFINITY) continue;
      eNegLogK += Math.exp(gA[t]! + gmu[t]! - logZ);
    }
  }
  return Math.max(0, logZ - eA - eB - eNegLogK);
}
