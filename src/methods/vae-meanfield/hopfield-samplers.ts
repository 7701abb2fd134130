// Hopfield equilibrium samplers (spec §1.6, §2.1), rows = samples, ±1 entries.
// - sampleHopfield: exact in law. The order parameter m follows an independence Metropolis–Hastings chain
//   targeting the HS weight w(m) (§1.4) with a grid proposal (P ≤ 3) or a Gaussian-mixture proposal
//   (hopfield-proposals.ts); each m is then decoded into spins, s_i | m independent with
//   P(s_i = +1 | m) = σ(2β ξ_i·m). Since the proposal covers all 2P retrieval peaks, the states are visited
//   in their equilibrium proportions (no trapping). Consecutive rows are correlated only through MH
//   rejections (acceptance rate in `stats`).
// - hopfieldBlockGibbs: the Gaussian–Bernoulli block Gibbs chain m | s ~ N(Ξᵀs/N, (Nβ)^{-1} I_P),
//   s | m as above (§1.6); one chain, it mixes slowly between retrieval states at low T and large N.
// Both work through the distinct pattern rows (at most 2^P conditionals per sweep).
import { assertInt } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { Mat } from "../../core/matrix.ts";
import type { Rng } from "../../core/random.ts";
import { type Hopfield, logWeightRows, type PatternRows, patternRows } from "./hopfield.ts";
import { gridPointsPerAxis, gridProposal, mixtureProposal, overlapBox } from "./hopfield-proposals.ts";

export interface HopfieldSamplerStats {
  method: "grid" | "mixture";
  /** Fraction of accepted MH proposals (after burn-in). */
  acceptRate: number;
  /** Grid points per axis (grid) or Gaussian components (mixture). */
  proposalSize: number;
}

export interface SampleHopfieldOptions {
  /** "auto": grid for P ≤ 3 when its spacing is ≤ σ/1.5, else mixture. */
  method?: "auto" | "grid" | "mixture";
  /** MH steps discarded before the first sample (default 50). */
  burnIn?: number;
  /** Filled in with the method and acceptance rate, when given. */
  stats?: HopfieldSamplerStats;
  /** Also returns the m-chain (count × P) here, when given (its `value` is set). */
  overlaps?: { value?: Mat };
}

/** Writes one spin configuration s | m into d[base .. base + N) (probabilities per distinct row in prob). */
function decodeSpins(
  g: PatternRows,
  p: number,
  beta: number,
  m: ArrayLike<number>,
  prob: Float64Array,
  rng: Rng,
  d: Float64Array,
  base: number,
): void {
  for (let t = 0; t < g.count; t++) {
    let x = 0;
    for (let mu = 0; mu < p; mu++) x += g.rows[t * p + mu]! * m[mu]!;
    prob[t] = 1 / (1 + Math.exp(-2 * beta * x));
  }
  const types = g.types;
  for (let i = 0; i < types.length; i++) d[base + i] = rng.uniform() < prob[types[i]!]! ? 1 : -1;
}

/** `count` samples from the Hopfield Boltzmann law: MH chain on m, then s | m (see header). */
export function sampleHopfield(
  model: Hopfield,
  count: number,
  rng: Rng,
  opts: SampleHopfieldOptions = {},
): Mat {
  assertInt(count, "sampleHopfield count", 0);
  const burnIn = opts.burnIn ?? 50;
  assertInt(burnIn, "sampleHopfield burnIn", 0);
  const { n, p, beta } = model;
  const g = patternRows(model.patterns);
  let method = opts.method ?? "auto";
  if (method === "auto") {
    const G = gridPointsPerAxis(model);
    const { halfWidth, sigma } = overlapBox(model);
    method = p <= 3 && (2 * halfWidth) / G <= sigma / 1.5 ? "grid" : "mixture";
  }
  if (method === "grid" && p > 4) {
    throw AnsatzError.expected("bad-argument", "sampleHopfield method", "'grid' only for P ≤ 4", `P = ${p}`);
  }
  const prop =
    method === "grid" ? gridProposal(model, g, gridPointsPerAxis(model)) : mixtureProposal(model, g);
  const cur = new Float64Array(p);
  const next = new Float64Array(p);
  let lqCur = prop.draw(rng, cur);
  let lwCur = logWeightRows(g, p, n, beta, cur);
  const out = new Mat(count, n);
  const ms = opts.overlaps ? new Mat(count, p) : null;
  const prob = new Float64Array(g.count);
  let accepted = 0;
  for (let step = 0; step < burnIn + count; step++) {
    const lqNext = prop.draw(rng, next);
    const lwNext = logWeightRows(g, p, n, beta, next);
    const logA = lwNext - lqNext - (lwCur - lqCur);
    if (logA >= 0 || rng.uniform() < Math.exp(logA)) {
      cur.set(next);
      lqCur = lqNext;
      lwCur = lwNext;
      if (step >= burnIn) accepted++;
    }
    if (step >= burnIn) {
      const r = step - burnIn;
      decodeSpins(g, p, beta, cur, prob, rng, out.data, r * n);
      if (ms) ms.data.set(cur, r * p);
    }
  }
  if (opts.stats) {
    opts.stats.method = prop.kind;
    opts.stats.acceptRate = count > 0 ? accepted / count : Number.NaN;
    opts.stats.proposalSize = prop.size;
  }
  if (opts.overlaps && ms) opts.overlaps.value = ms;
  return out;
}

export interface BlockGibbsOptions {
  /** Sweeps discarded first (default 1000). */
  burnIn?: number;
  /** Sweeps per returned sample (default 1). */
  thin?: number;
  /** Initial ±1 spins (length N); default uniform random. */
  init?: Float64Array;
}

/** One block-Gibbs chain (m | s, then s | m), `count` samples after burn-in, every `thin`-th sweep. */
export function hopfieldBlockGibbs(
  model: Hopfield,
  count: number,
  rng: Rng,
  opts: BlockGibbsOptions = {},
): Mat {
  assertInt(count, "hopfieldBlockGibbs count", 0);
  const burnIn = opts.burnIn ?? 1000;
  const thin = opts.thin ?? 1;
  assertInt(burnIn, "hopfieldBlockGibbs burnIn", 0);
  assertInt(thin, "hopfieldBlockGibbs thin", 1);
  const { n, p, beta, patterns } = model;
  const s = new Float64Array(n);
  if (opts.init) {
    if (opts.init.length !== n) {
      throw AnsatzError.expected(
        "bad-shape",
        "hopfieldBlockGibbs init",
        `length N = ${n}`,
        `length ${opts.init.length}`,
      );
    }
    for (let i = 0; i < n; i++) {
      const v = opts.init[i]!;
      if (v !== 1 && v !== -1) {
        throw AnsatzError.expected(
          "bad-value",
          "hopfieldBlockGibbs init",
          "entries ±1",
          `${v} at index ${i}`,
        );
      }
      s[i] = v;
    }
  } else {
    for (let i = 0; i < n; i++) s[i] = rng.uniform() < 0.5 ? -1 : 1;
  }
  const g = patternRows(patterns);
  const m = new Float64Array(p);
  const prob = new Float64Array(g.count);
  const sd = 1 / Math.sqrt(n * beta);
  const out = new Mat(count, n);
  const sweeps = burnIn + count * thin;
  for (let sweep = 1; sweep <= sweeps; sweep++) {
    for (let mu = 0; mu < p; mu++) {
      let o = 0;
      for (let i = 0; i < n; i++) o += patterns.data[i * p + mu]! * s[i]!;
      m[mu] = o / n + sd * rng.normal();
    }
    decodeSpins(g, p, beta, m, prob, rng, s, 0);
    if (sweep > burnIn && (sweep - burnIn) % thin === 0) out.data.set(s, ((sweep - burnIn) / thin - 1) * n);
  }
  return out;
}
