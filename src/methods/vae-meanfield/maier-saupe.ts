// Maier–Saupe model on a discrete set of headless directions (spec §1.5, §1.6, §2.1). Site i carries the
// direction n_{idx_i} (a row of `directions`), Q_i = (3 n nᵀ − I)/2, S = Σ_i Q_i, and
//   H = −(J/2N) Σ_{i,j} P2(n_i·n_j) = −(J/3N) Tr S²       (Tr Q_i Q_j = (3/2) P2(n_i·n_j); i = j terms kept).
// HS over a traceless symmetric Λ = Σ_k λ_k E_k (E_k orthonormal, `tracelessBasis`), a = 3N/(4βJ):
//   p(n, Λ) ∝ exp(−a Tr Λ² + (3/2) Σ_i n_iᵀ Λ n_i), so the block Gibbs conditionals are (spec §1.6)
//   λ_k | n ~ N((2βJ/3N) c_k, 2βJ/(3N)),  c_k = Tr(E_k S) = Σ_i (3/2) n_iᵀ E_k n_i,
//   n_i | Λ categorical over the directions with logits (3/2) n_dᵀ Λ n_d.
// [proposed] Block Gibbs alone keeps a nematic chain on its first director. Each sweep therefore adds a collapsed
// MH move on the Λ-marginal p(Λ) ∝ exp(−a TrΛ² + N log Σ_d exp((3/2) n_dᵀΛn_d)): Λ' = RΛRᵀ with R Haar-random
// (symmetric proposal), accepted with (Z_1(Λ')/Z_1(Λ))^N, then n ~ p(n | Λ). A finite direction set is not
// rotation-invariant, so in the nematic phase the exact law prefers some directors (e.g. near x for
// fibonacciHemisphere(32)); the move samples that preference instead of freezing each chain where it nucleated.
// Order parameter S = largest eigenvalue of (1/N) Σ_i Q_i (spec §2.4), closed-form 3×3 (sym3.ts).
import { assertInt, assertPositive, formatShape } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { Mat } from "../../core/matrix.ts";
import type { Rng } from "../../core/random.ts";
import { largestEigenSym3, randomRotation } from "./sym3.ts";

export interface MaierSaupe {
  n: number;
  beta: number;
  j: number;
  /** D × 3 unit rows. */
  directions: Mat;
}

/** Five symmetric traceless 3×3 matrices (row-major), orthonormal in Tr(E_j E_k). */
export function tracelessBasis(): Float64Array[] {
  const a = Math.SQRT1_2;
  const b = 1 / Math.sqrt(6);
  return [
    Float64Array.of(a, 0, 0, 0, -a, 0, 0, 0, 0),
    Float64Array.of(b, 0, 0, 0, b, 0, 0, 0, -2 * b),
    Float64Array.of(0, a, 0, a, 0, 0, 0, 0, 0),
    Float64Array.of(0, 0, a, 0, 0, 0, a, 0, 0),
    Float64Array.of(0, 0, 0, 0, 0, a, 0, a, 0),
  ];
}

function checkDirections(directions: Mat, where: string): void {
  if (!(directions instanceof Mat) || directions.cols !== 3 || directions.rows < 1) {
    const found = directions instanceof Mat ? `shape ${formatShape(directions.shape)}` : String(directions);
    throw AnsatzError.expected("bad-shape", where, "a D × 3 Mat of unit vectors, D ≥ 1", found);
  }
  for (let d = 0; d < directions.rows; d++) {
    const x = directions.data[3 * d]!;
    const y = directions.data[3 * d + 1]!;
    const z = directions.data[3 * d + 2]!;
    const norm = Math.sqrt(x * x + y * y + z * z);
    if (!(Math.abs(norm - 1) < 1e-9)) {
      throw AnsatzError.expected(
        "bad-value",
        where,
        "unit rows (|n| = 1 within 1e-9)",
        `|n| = ${norm} at row ${d}`,
      );
    }
  }
}

/** A validated model: N ≥ 2 integer, β > 0 and J > 0 finite (default J = 1), unit direction rows. */
export function maierSaupe(n: number, beta: number, directions: Mat, opts: { j?: number } = {}): MaierSaupe {
  assertInt(n, "maierSaupe n", 2);
  assertPositive(beta, "maierSaupe beta");
  const j = opts.j ?? 1;
  assertPositive(j, "maierSaupe j");
  checkDirections(directions, "maierSaupe directions");
  return { n, beta, j, directions };
}

function checkIndices(idx: ArrayLike<number>, n: number, dCount: number, where: string): void {
  if (idx.length !== n) throw AnsatzError.expected("bad-shape", where, `length ${n}`, `length ${idx.length}`);
  for (let i = 0; i < n; i++) {
    const v = idx[i]!;
    if (!Number.isInteger(v) || v < 0 || v >= dCount) {
      throw AnsatzError.expected(
        "bad-value",
        where,
        `direction indices in 0..${dCount - 1}`,
        `${v} at index ${i}`,
      );
    }
  }
}

/** (Unnormalised) S = Σ_i Q_i as a row-major 3×3 into out, from direction indices. */
function sumQ(
  directions: Mat,
  idx: ArrayLike<number>,
  out: Float64Array,
  offset = 0,
  len = idx.length,
): void {
  out.fill(0);
  const dd = directions.data;
  for (let i = offset; i < offset + len; i++) {
    const d = idx[i]!;
    const x = dd[3 * d]!;
    const y = dd[3 * d + 1]!;
    const z = dd[3 * d + 2]!;
    out[0] = out[0]! + 1.5 * x * x - 0.5;
    out[1] = out[1]! + 1.5 * x * y;
    out[2] = out[2]! + 1.5 * x * z;
    out[4] = out[4]! + 1.5 * y * y - 0.5;
    out[5] = out[5]! + 1.5 * y * z;
    out[8] = out[8]! + 1.5 * z * z - 0.5;
  }
  out[3] = out[1]!;
  out[6] = out[2]!;
  out[7] = out[5]!;
}

/** H = −(J/3N) Tr S², equal to −(J/2N) Σ_{i,j} P2(n_i·n_j). */
export function maierSaupeEnergy(model: MaierSaupe, idx: ArrayLike<number>): number {
  checkIndices(idx, model.n, model.directions.rows, "maierSaupeEnergy idx");
  const s = new Float64Array(9);
  sumQ(model.directions, idx, s);
  let tr = 0;
  for (let k = 0; k < 9; k++) tr += s[k]! * s[k]!;
  return (-model.j / (3 * model.n)) * tr;
}

/** S = largest eigenvalue of (1/N) Σ_i Q_i for one configuration of direction indices. */
export function orderParameterS(directions: Mat, idx: ArrayLike<number>): number {
  checkDirections(directions, "orderParameterS directions");
  checkIndices(idx, idx.length, directions.rows, "orderParameterS idx");
  if (idx.length === 0)
    throw AnsatzError.expected("bad-shape", "orderParameterS idx", "at least one site", "0");
  const s = new Float64Array(9);
  sumQ(directions, idx, s);
  for (let k = 0; k < 9; k++) s[k] = s[k]! / idx.length;
  return largestEigenSym3(s);
}

/** Average of orderParameterS over the rows of `samples` (direction indices). */
export function meanOrderParameter(directions: Mat, samples: Mat): number {
  checkDirections(directions, "meanOrderParameter directions");
  if (samples.rows < 1 || samples.cols < 1) {
    throw AnsatzError.expected(
      "bad-shape",
      "meanOrderParameter samples",
      "at least 1 × 1",
      formatShape(samples.shape),
    );
  }
  checkIndices(samples.data, samples.data.length, directions.rows, "meanOrderParameter samples");
  const s = new Float64Array(9);
  const n = samples.cols;
  let total = 0;
  for (let r = 0; r < samples.rows; r++) {
    sumQ(directions, samples.data, s, r * n, n);
    for (let k = 0; k < 9; k++) s[k] = s[k]! / n;
    total += largestEigenSym3(s);
  }
  return total / samples.rows;
}

export interface MaierSaupeGibbsOptions {
  /** Independent chains from uniformly random starts (default 50). */
  chains?: number;
  /** Sweeps discarded per chain (default 500). */
  burnIn?: number;
  /** Sweeps per returned sample (default 1). */
  thin?: number;
  /** Add the collapsed director-rotation MH move each sweep (default true; false = plain §1.6 block Gibbs). */
  rotationMoves?: boolean;
}

/**
 * Block Gibbs samples (rows of direction indices), plus the director-rotation move unless rotationMoves is
 * false. The chains start from uniformly random indices and run in lockstep; rows are interleaved: row r comes
 * from chain r mod C at its (floor(r / C) + 1)-th retained sweep.
 */
export function maierSaupeBlockGibbs(
  model: MaierSaupe,
  count: number,
  rng: Rng,
  opts: MaierSaupeGibbsOptions = {},
): Mat {
  assertInt(count, "maierSaupeBlockGibbs count", 0);
  const chains = opts.chains ?? 50;
  const burnIn = opts.burnIn ?? 500;
  const thin = opts.thin ?? 1;
  assertInt(chains, "maierSaupeBlockGibbs chains", 1);
  assertInt(burnIn, "maierSaupeBlockGibbs burnIn", 0);
  assertInt(thin, "maierSaupeBlockGibbs thin", 1);
  const { n, beta, j, directions } = model;
  const dCount = directions.rows;
  const basis = tracelessBasis();
  // f[d·5 + k] = (3/2) n_dᵀ E_k n_d
  const f = new Float64Array(dCount * 5);
  for (let d = 0; d < dCount; d++) {
    for (let k = 0; k < 5; k++) {
      const e = basis[k]!;
      let v = 0;
      for (let a = 0; a < 3; a++) {
        for (let b = 0; b < 3; b++)
          v += directions.data[3 * d + a]! * e[3 * a + b]! * directions.data[3 * d + b]!;
      }
      f[d * 5 + k] = 1.5 * v;
    }
  }
  const state = new Int32Array(chains * n);
  for (let i = 0; i < state.length; i++) state[i] = rng.int(dCount);
  const rotate = opts.rotationMoves ?? true;
  const counts = new Float64Array(dCount);
  let lambda = new Float64Array(5);
  let lamTry = new Float64Array(5);
  let cdf = new Float64Array(dCount);
  let cdfTry = new Float64Array(dCount);
  const lamMat = new Float64Array(9);
  const rot = new Float64Array(9);
  const rotated = new Float64Array(9);
  const meanScale = (2 * beta * j) / (3 * n);
  const sd = Math.sqrt(meanScale);
  // Fills cdf with the cumulative exp(logit − max) and returns log Σ_d exp(logit_d) (single-site log Z).
  const siteCdf = (lam: Float64Array, into: Float64Array): number => {
    let max = Number.NEGATIVE_INFINITY;
    for (let d = 0; d < dCount; d++) {
      let l = 0;
      for (let k = 0; k < 5; k++) l += lam[k]! * f[d * 5 + k]!;
      into[d] = l;
      if (l > max) max = l;
    }
    let acc = 0;
    for (let d = 0; d < dCount; d++) {
      acc += Math.exp(into[d]! - max);
      into[d] = acc;
    }
    return max + Math.log(acc);
  };
  const out = new Mat(count, n);
  const perSweep = Math.ceil(count / chains);
  const sweeps = burnIn + perSweep * thin;
  for (let sweep = 1; sweep <= sweeps; sweep++) {
    const keep = sweep > burnIn && (sweep - burnIn) % thin === 0;
    const rowBase = keep ? ((sweep - burnIn) / thin - 1) * chains : 0;
    for (let c = 0; c < chains; c++) {
      const st = c * n;
      counts.fill(0);
      for (let i = 0; i < n; i++) counts[state[st + i]!] = counts[state[st + i]!]! + 1;
      for (let k = 0; k < 5; k++) {
        let ck = 0;
        for (let d = 0; d < dCount; d++) ck += counts[d]! * f[d * 5 + k]!;
        lambda[k] = meanScale * ck + sd * rng.normal();
      }
      const logZ1 = siteCdf(lambda, cdf);
      if (rotate) {
        // Λ' = R Λ Rᵀ with Haar R (a symmetric proposal, |λ| unchanged); accept on the Λ-marginal
        // p(Λ) ∝ exp(−a TrΛ² + N log Σ_d exp((3/2) n_dᵀ Λ n_d)), then n is redrawn from p(n | Λ).
        lamMat.fill(0);
        for (let k = 0; k < 5; k++)
          for (let q = 0; q < 9; q++) lamMat[q] = lamMat[q]! + lambda[k]! * basis[k]![q]!;
        randomRotation(rng, rot);
        for (let a = 0; a < 3; a++) {
          for (let b = 0; b < 3; b++) {
            let v = 0; // (R Λ Rᵀ)_ab
            for (let u = 0; u < 3; u++) {
              for (let w = 0; w < 3; w++) v += rot[3 * a + u]! * lamMat[3 * u + w]! * rot[3 * b + w]!;
            }
            rotated[3 * a + b] = v;
          }
        }
        for (let k = 0; k < 5; k++) {
          let v = 0;
          for (let q = 0; q < 9; q++) v += basis[k]![q]! * rotated[q]!;
          lamTry[k] = v;
        }
        const logZ1Try = siteCdf(lamTry, cdfTry);
        const logA = n * (logZ1Try - logZ1);
        if (logA >= 0 || rng.uniform() < Math.exp(logA)) {
          [lambda, lamTry] = [lamTry, lambda];
          [cdf, cdfTry] = [cdfTry, cdf];
        }
      }
      const acc = cdf[dCount - 1]!;
      for (let i = 0; i < n; i++) {
        const u = rng.uniform() * acc;
        let lo = 0;
        let hi = dCount - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (cdf[mid]! > u) hi = mid;
          else lo = mid + 1;
        }
        state[st + i] = lo;
      }
      const row = rowBase + c;
      if (keep && row < count) {
        for (let i = 0; i < n; i++) out.data[row * n + i] = state[st + i]!;
      }
    }
  }
  return out;
}
