// Matching estimated patterns to the true Hopfield patterns (spec vae-meanfield.md §2.4, "Overlap"):
// q_μ = (1/N) |Σ_i ξ_i^μ ξ̂_i^{π(μ)}|, with the injective assignment π of estimate columns to true patterns
// (and the signs) chosen to maximise Σ_μ q_μ. The maximum is exact: a dynamic programme over the subsets
// of true patterns already assigned (state = bitmask, estimate columns taken one at a time, each either
// unused or given to one free pattern), which visits every injective assignment implicitly, as brute
// force over permutations would, in O(Q·2^P·P) instead of Q!/(Q−P)!. Overlaps are computed from integer
// dot products, so they are exact multiples of 1/N. Among equal sums, assignments of more patterns win;
// when Q < P the unassigned true patterns get q = 0 and assignment −1.
import { formatShape } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import type { Mat } from "../../core/matrix.ts";

/** Largest number of true patterns (the programme holds Q·2^P states). */
export const MAX_PATTERNS = 16;

export interface PatternMatch {
  /** q_μ per true pattern μ, in [0, 1]. */
  overlaps: Float64Array;
  /** The estimate column matched to true pattern μ, or −1. */
  assignment: Int32Array;
  /** Sign s_μ with ξ^μ ≈ s_μ ξ̂^{π(μ)} (+1 or −1; 0 when unassigned). */
  signs: Int8Array;
  /** min_μ q_μ and mean_μ q_μ. */
  min: number;
  mean: number;
}

function assertPm1(m: Mat, where: string): void {
  const d = m.data;
  for (let k = 0; k < d.length; k++) {
    const v = d[k]!;
    if (v !== 1 && v !== -1) {
      const i = Math.floor(k / m.cols);
      throw AnsatzError.expected("bad-value", `${where} row ${i}, column ${k - i * m.cols}`, "±1", String(v));
    }
  }
}

/** Matches the columns of `estimate` (N × Q, ±1) to those of `truth` (N × P, ±1); see the header. */
export function matchPatterns(truth: Mat, estimate: Mat): PatternMatch {
  const n = truth.rows;
  const p = truth.cols;
  const q = estimate.cols;
  if (estimate.rows !== n) {
    throw AnsatzError.expected(
      "bad-shape",
      "matchPatterns(estimate)",
      `${n} rows like truth ${formatShape(truth.shape)}`,
      formatShape(estimate.shape),
    );
  }
  if (n === 0) throw AnsatzError.expected("bad-shape", "matchPatterns(truth)", "N ≥ 1 rows", "0 rows");
  if (p < 1 || p > MAX_PATTERNS) {
    throw AnsatzError.expected("bad-shape", "matchPatterns(truth)", `1 to ${MAX_PATTERNS} patterns`, `${p}`);
  }
  assertPm1(truth, "matchPatterns(truth)");
  assertPm1(estimate, "matchPatterns(estimate)");
  // dot[μ·q + ν] = Σ_i ξ_i^μ ξ̂_i^ν (an exact integer).
  const dot = new Float64Array(p * q);
  for (let i = 0; i < n; i++) {
    for (let mu = 0; mu < p; mu++) {
      const t = truth.data[i * p + mu]!;
      for (let nu = 0; nu < q; nu++) dot[mu * q + nu] = dot[mu * q + nu]! + t * estimate.data[i * q + nu]!;
    }
  }
  // value[ν][mask]: best Σ|dot| using estimate columns < ν with exactly the patterns in mask assigned.
  const states = 1 << p;
  const value = new Float64Array((q + 1) * states).fill(-1);
  const choice = new Int8Array((q + 1) * states).fill(-1); // pattern given column ν−1 to reach the state
  value[0] = 0;
  for (let nu = 0; nu < q; nu++) {
    const from = nu * states;
    const to = (nu + 1) * states;
    for (let mask = 0; mask < states; mask++) {
      const v = value[from + mask]!;
      if (v < 0) continue;
      if (v > value[to + mask]!) {
        value[to + mask] = v;
        choice[to + mask] = -1;
      }
      for (let mu = 0; mu < p; mu++) {
        if (mask & (1 << mu)) continue;
        const next = mask | (1 << mu);
        const w = v + Math.abs(dot[mu * q + nu]!);
        if (w > value[to + next]!) {
          value[to + next] = w;
          choice[to + next] = mu;
        }
      }
    }
  }
  // Best final state: largest sum, then the most patterns assigned.
  const last = q * states;
  let bestMask = 0;
  let bestBits = 0;
  for (let mask = 0; mask < states; mask++) {
    const v = value[last + mask]!;
    if (v < 0) continue;
    let bits = 0;
    for (let b = mask; b; b &= b - 1) bits++;
    const bv = value[last + bestMask]!;
    if (v > bv || (v === bv && bits > bestBits)) {
      bestMask = mask;
      bestBits = bits;
    }
  }
  const assignment = new Int32Array(p).fill(-1);
  let mask = bestMask;
  for (let nu = q; nu > 0; nu--) {
    const mu = choice[nu * states + mask]!;
    if (mu >= 0) {
      assignment[mu] = nu - 1;
      mask &= ~(1 << mu);
    }
  }
  const overlaps = new Float64Array(p);
  const signs = new Int8Array(p);
  let min = Infinity;
  let sum = 0;
  for (let mu = 0; mu < p; mu++) {
    const nu = assignment[mu]!;
    if (nu >= 0) {
      const d = dot[mu * q + nu]!;
      overlaps[mu] = Math.abs(d) / n;
      signs[mu] = d < 0 ? -1 : 1;
    }
    min = Math.min(min, overlaps[mu]!);
    sum += overlaps[mu]!;
  }
  return { overlaps, assignment, signs, min, mean: sum / p };
}
