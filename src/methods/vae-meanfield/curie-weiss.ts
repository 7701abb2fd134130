// Curie–Weiss model: N Ising spins s_i ∈ {±1} with H = −(J/2N) M² − h M, M = Σ_i s_i (spec §1.3).
// Everything depends on s only through k = #up (M = 2k − N), so the law of k,
//   P(k) ∝ C(N, k) exp(βJ M²/2N + βhM),
// gives the exact log Z, the exact pair correlation and an exact i.i.d. sampler (k ~ P(k), then k up
// sites uniformly at random; spec §2.1). The exact bipartite mutual information uses the same reduction:
// I(s_A; s_B) = I(k_A; k_B) with P(k_A, k_B) ∝ C(N_A,k_A) C(N_B,k_B) exp(βJ M²/2N + βhM) (spec §2.2), and
// for N → ∞ in the paramagnet I = −½ ln(1 − ρ²), ρ = βJ/(2 − βJ) (spec §2.2). All sums are log-sum-exp.
import { assertFinite, assertFiniteNumber, assertInt, assertPositive } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { Mat } from "../../core/matrix.ts";
import type { Rng } from "../../core/random.ts";
import { logSumExp } from "../../core/stats.ts";

export interface CurieWeiss {
  n: number;
  beta: number;
  j: number;
  h: number;
}

/** A validated Curie–Weiss model: N ≥ 2 integer, β > 0 finite, J and h finite (defaults 1 and 0). */
export function curieWeiss(n: number, beta: number, opts: { j?: number; h?: number } = {}): CurieWeiss {
  assertInt(n, "curieWeiss n", 2);
  assertPositive(beta, "curieWeiss beta");
  const j = opts.j ?? 1;
  const h = opts.h ?? 0;
  assertFiniteNumber(j, "curieWeiss j");
  assertFiniteNumber(h, "curieWeiss h");
  return { n, beta, j, h };
}

/** log C(n, k) for k = 0..n, by the multiplicative recursion (symmetric, so the drift stays ~1e-13). */
export function logBinomialRow(n: number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) out[k + 1] = out[k]! + Math.log(n - k) - Math.log(k + 1);
  for (let k = 0; k <= n >> 1; k++) out[n - k] = out[k]!; // enforce exact symmetry
  return out;
}

/** H(s) = −(J/2N) M² − h M with M = Σ s_i; s is a ±1 vector of length N. */
export function cwEnergy(model: CurieWeiss, s: ArrayLike<number>): number {
  if (s.length !== model.n) {
    throw AnsatzError.expected("bad-shape", "cwEnergy s", `length ${model.n}`, `length ${s.length}`);
  }
  assertFinite(s, "cwEnergy s");
  let m = 0;
  for (let i = 0; i < s.length; i++) m += s[i]!;
  return (-model.j / (2 * model.n)) * m * m - model.h * m;
}

/** Unnormalised log P(k) = log C(N,k) + βJ M²/2N + βhM, k = 0..N. */
function logCountWeights(model: CurieWeiss): Float64Array {
  const { n, beta, j, h } = model;
  const lw = logBinomialRow(n);
  for (let k = 0; k <= n; k++) {
    const m = 2 * k - n;
    lw[k] = lw[k]! + ((beta * j) / (2 * n)) * m * m + beta * h * m;
  }
  return lw;
}

/** Exact log Z = log Σ_s exp(−βH(s)) = log Σ_k C(N,k) exp(βJ M²/2N + βhM). */
export function cwLogZ(model: CurieWeiss): number {
  return logSumExp(logCountWeights(model));
}

/** Exact P(k), k = #up = 0..N (M = 2k − N); sums to 1. */
export function cwCountPmf(model: CurieWeiss): Float64Array {
  const lw = logCountWeights(model);
  const lz = logSumExp(lw);
  for (let k = 0; k < lw.length; k++) lw[k] = Math.exp(lw[k]! - lz);
  return lw;
}

/** Exact Shannon entropy of p(s) in nats: −Σ_k P(k) log(P(k)/C(N,k)) (configurations with k up are equally likely). */
export function cwEntropy(model: CurieWeiss): number {
  const p = cwCountPmf(model);
  const lb = logBinomialRow(model.n);
  let h = 0;
  for (let k = 0; k < p.length; k++) if (p[k]! > 0) h -= p[k]! * (Math.log(p[k]!) - lb[k]!);
  return h;
}

/** Exact ⟨s_i s_j⟩ for i ≠ j: (E[M²] − N) / (N(N − 1)) (exchangeability). */
export function cwPairCorrelation(model: CurieWeiss): number {
  const p = cwCountPmf(model);
  const n = model.n;
  let m2 = 0;
  for (let k = 0; k <= n; k++) m2 += p[k]! * (2 * k - n) * (2 * k - n);
  return (m2 - n) / (n * (n - 1));
}

/** `count` exact i.i.d. samples (rows, ±1): k ~ P(k) by inverse CDF, then k up sites chosen uniformly. */
export function sampleCurieWeiss(model: CurieWeiss, count: number, rng: Rng): Mat {
  assertInt(count, "sampleCurieWeiss count", 0);
  const n = model.n;
  const p = cwCountPmf(model);
  const cdf = new Float64Array(n + 1);
  let acc = 0;
  for (let k = 0; k <= n; k++) {
    acc += p[k]!;
    cdf[k] = acc;
  }
  const out = new Mat(count, n);
  const d = out.data;
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let r = 0; r < count; r++) {
    const u = rng.uniform() * acc;
    let lo = 0;
    let hi = n; // smallest k with cdf[k] > u
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    const k = lo;
    // Choose min(k, N−k) sites by a partial Fisher–Yates shuffle (uniform subset from any permutation).
    const minority = k <= n - k ? 1 : -1;
    const nMin = minority === 1 ? k : n - k;
    const base = r * n;
    for (let i = 0; i < n; i++) d[base + i] = -minority;
    for (let t = 0; t < nMin; t++) {
      const jj = t + rng.int(n - t);
      const tmp = perm[t]!;
      perm[t] = perm[jj]!;
      perm[jj] = tmp;
      d[base + perm[t]!] = minority;
    }
  }
  return out;
}

/** Exact I(s_A; s_B) = I(k_A; k_B) in nats, A = the first nA sites (default floor(N/2)), O(N_A N_B). */
export function cwBipartiteMI(model: CurieWeiss, nA: number = Math.floor(model.n / 2)): number {
  const { n, beta, j, h } = model;
  assertInt(nA, "cwBipartiteMI nA", 1, n - 1);
  const nB = n - nA;
  const la = logBinomialRow(nA);
  const lb = logBinomialRow(nB);
  const lp = new Float64Array((nA + 1) * (nB + 1));
  for (let a = 0; a <= nA; a++) {
    for (let b = 0; b <= nB; b++) {
      const m = 2 * a - nA + (2 * b - nB);
      lp[a * (nB + 1) + b] = la[a]! + lb[b]! + ((beta * j) / (2 * n)) * m * m + beta * h * m;
    }
  }
  const lz = logSumExp(lp);
  for (let i = 0; i < lp.length; i++) lp[i] = lp[i]! - lz;
  const lpa = new Float64Array(nA + 1);
  const lpb = new Float64Array(nB + 1);
  const row = new Float64Array(nB + 1);
  for (let a = 0; a <= nA; a++) {
    for (let b = 0; b <= nB; b++) row[b] = lp[a * (nB + 1) + b]!;
    lpa[a] = logSumExp(row);
  }
  const colBuf = new Float64Array(nA + 1);
  for (let b = 0; b <= nB; b++) {
    for (let a = 0; a <= nA; a++) colBuf[a] = lp[a * (nB + 1) + b]!;
    lpb[b] = logSumExp(colBuf);
  }
  let mi = 0;
  for (let a = 0; a <= nA; a++) {
    for (let b = 0; b <= nB; b++) {
      const l = lp[a * (nB + 1) + b]!;
      if (l === Number.NEGATIVE_INFINITY) continue;
      mi += Math.exp(l) * (l - lpa[a]! - lpb[b]!);
    }
  }
  return Math.max(0, mi);
}

/** N → ∞ paramagnet (0 ≤ βJ < 1, h = 0): ρ = βJ/(2 − βJ), I = −½ ln(1 − ρ²) nats (spec §2.2). */
export function cwParamagnetMI(betaJ: number): number {
  if (!(typeof betaJ === "number" && betaJ >= 0 && betaJ < 1)) {
    throw AnsatzError.expected(
      "bad-value",
      "cwParamagnetMI betaJ",
      "a number in [0, 1) (paramagnet)",
      String(betaJ),
    );
  }
  const rho = betaJ / (2 - betaJ);
  return -0.5 * Math.log(1 - rho * rho);
}
