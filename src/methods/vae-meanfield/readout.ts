// Reading mean-field parameters off a trained decoder (spec vae-meanfield.md §2.4 and test A8).
// - Read-out 1 (cluster decoding): k-means (k = 2P) on the encoder means μ(x); decode each centre c to
//   Bernoulli logits ℓ(c) (0/1 encoding); ξ̂ = sign(E[s | z = c]) = sign(tanh(ℓ(c)/2)) = sign(ℓ(c)). The two
//   retrieval clusters ±m* e_μ of one pattern decode to ±ξ^μ, so patterns equal up to sign are merged.
// - Read-out 2 (matrix): with the decoder's linear read-out W (N × K, ℓ = W u + b, so W ∝ Ξ·T for an
//   invertible K × K T, §1.4), A = argmin ‖W A − Ξ̂‖_F (minimum-norm least squares) maps candidate patterns
//   into span(W) and Ξ̂ = sign(W A); span(W) vs span(Ξ) is measured by principal-angle cosines.
// - Curie–Weiss (§1.3, A8): the single column of W should be uniform (∝ J·1); its coefficient of
//   variation std/|mean| measures that.
// sign(0) is taken as +1 throughout.
import { assertFinite, formatShape } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { lstsq } from "../../core/linalg.ts";
import { Mat } from "../../core/matrix.ts";
import type { Rng } from "../../core/random.ts";
import { kmeans } from "./kmeans.ts";
import { principalAngleCosines } from "./principal-angles.ts";

export interface ClusterReadout {
  /** k × K cluster centres in latent space, heaviest cluster first. */
  centres: Mat;
  /** Points per centre (same order). */
  sizes: Int32Array;
  /** N × Q decoded ±1 patterns, sign duplicates merged, ordered by total cluster mass (heaviest first). */
  patterns: Mat;
}

/**
 * Read-out 1: k-means with `k` clusters on the encoder means (rows), decode the centres with
 * `decodeLogits` (k × K latents → k × N Bernoulli logits), take signs, merge ±duplicates.
 */
export function clusterReadout(
  means: Mat,
  decodeLogits: (z: Mat) => Mat,
  k: number,
  rng: Rng,
): ClusterReadout {
  const km = kmeans(means, k, rng);
  const order = Array.from({ length: k }, (_, c) => c).sort((a, b) => km.sizes[b]! - km.sizes[a]! || a - b);
  const dim = means.cols;
  const centres = new Mat(k, dim);
  const sizes = new Int32Array(k);
  order.forEach((c, r) => {
    centres.data.set(km.centres.row(c), r * dim);
    sizes[r] = km.sizes[c]!;
  });
  const logits = decodeLogits(centres);
  if (logits.rows !== k || logits.cols < 1) {
    throw AnsatzError.expected(
      "bad-shape",
      "clusterReadout decodeLogits result",
      `${k} rows (one per centre) × N columns`,
      formatShape(logits.shape),
    );
  }
  assertFinite(logits.data, "clusterReadout decodeLogits result");
  const n = logits.cols;
  // Groups of centres whose sign patterns agree up to a global sign; the heaviest member's sign is kept.
  const reps: Int8Array[] = [];
  const mass: number[] = [];
  const firstSeen: number[] = [];
  for (let r = 0; r < k; r++) {
    const xi = new Int8Array(n);
    for (let i = 0; i < n; i++) xi[i] = logits.data[r * n + i]! < 0 ? -1 : 1;
    let g = 0;
    for (; g < reps.length; g++) {
      const rep = reps[g]!;
      let same = true;
      let opposite = true;
      for (let i = 0; i < n && (same || opposite); i++) {
        if (rep[i] !== xi[i]) same = false;
        else opposite = false;
      }
      if (same || opposite) break;
    }
    if (g === reps.length) {
      reps.push(xi);
      mass.push(0);
      firstSeen.push(r);
    }
    mass[g] = mass[g]! + sizes[r]!;
  }
  const groups = reps.map((_, g) => g).sort((a, b) => mass[b]! - mass[a]! || firstSeen[a]! - firstSeen[b]!);
  const q = groups.length;
  const patterns = new Mat(n, q);
  groups.forEach((g, col) => {
    const rep = reps[g]!;
    for (let i = 0; i < n; i++) patterns.data[i * q + col] = rep[i]!;
  });
  return { centres, sizes, patterns };
}

export interface MatrixReadout {
  /** N × Q patterns sign(W A). */
  patterns: Mat;
  /** Principal-angle cosines between span(W) and span(truth), when truth is given. */
  cosines?: Float64Array;
}

/**
 * Read-out 2: A = argmin ‖W A − candidates‖ (minimum norm), patterns = sign(W A); with `truth` (N × P),
 * also the principal-angle cosines of span(W) against span(truth).
 */
export function matrixReadout(w: Mat, candidates: Mat, truth?: Mat): MatrixReadout {
  if (candidates.rows !== w.rows) {
    throw AnsatzError.expected(
      "bad-shape",
      "matrixReadout(candidates)",
      `${w.rows} rows like W ${formatShape(w.shape)}`,
      formatShape(candidates.shape),
    );
  }
  assertFinite(w.data, "matrixReadout(W)");
  assertFinite(candidates.data, "matrixReadout(candidates)");
  const { x: a } = lstsq(w, candidates);
  const wa = w.matmul(a);
  const patterns = new Mat(wa.rows, wa.cols);
  for (let k = 0; k < wa.data.length; k++) patterns.data[k] = wa.data[k]! < 0 ? -1 : 1;
  if (truth === undefined) return { patterns };
  return { patterns, cosines: principalAngleCosines(w, truth) };
}

export interface UniformCouplingReadout {
  /** Mean of the column of W over sites. */
  mean: number;
  /** Population standard deviation over sites. */
  std: number;
  /** std / |mean| (Infinity when the mean is 0). */
  cv: number;
}

/** Curie–Weiss read-out (A8): mean, std and coefficient of variation of the single column of W (N × 1). */
export function uniformCouplingReadout(w: Mat): UniformCouplingReadout {
  if (w.cols !== 1 || w.rows < 1) {
    throw AnsatzError.expected(
      "bad-shape",
      "uniformCouplingReadout(W)",
      "shape [N, 1], N ≥ 1",
      formatShape(w.shape),
    );
  }
  assertFinite(w.data, "uniformCouplingReadout(W)");
  const n = w.rows;
  let s = 0;
  for (let i = 0; i < n; i++) s += w.data[i]!;
  const mean = s / n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (w.data[i]! - mean) ** 2;
  const std = Math.sqrt(v / n);
  return { mean, std, cv: mean === 0 ? Infinity : std / Math.abs(mean) };
}
