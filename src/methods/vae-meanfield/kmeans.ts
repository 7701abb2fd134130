// k-means clustering (Lloyd's algorithm with k-means++ seeding), the first step of read-out 1 (cluster
// decoding, spec vae-meanfield.md §2.4): the encoder means of Hopfield data form 2P clusters at ±m* e_μ.
// Seeding: Arthur & Vassilvitskii, "k-means++: the advantages of careful seeding" (SODA 2007): the first
// centre is a uniform point, each next one a point drawn with probability ∝ D(x)², its squared distance
// to the nearest centre chosen so far. Lloyd iterations alternate nearest-centre assignment and centroid
// update until the labels stop changing. A cluster that becomes empty is re-seeded with the point that
// lies farthest from its own centre (deterministic). The best of `restarts` runs (lowest inertia, the
// sum of squared distances to the assigned centres) is returned. All draws come from `rng`.
import { assertFinite, assertInt } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { Mat } from "../../core/matrix.ts";
import type { Rng } from "../../core/random.ts";

export interface KmeansOptions {
  /** Independent k-means++ starts; the lowest inertia wins (default 5). */
  restarts?: number;
  /** Maximum Lloyd iterations per start (default 100). */
  maxIter?: number;
}

export interface KmeansResult {
  /** k × d cluster centres. */
  centres: Mat;
  /** Cluster index of each point (length rows). */
  labels: Int32Array;
  /** Σ over points of the squared distance to the assigned centre. */
  inertia: number;
  /** Number of points in each cluster (length k). */
  sizes: Int32Array;
}

function sqDist(x: Float64Array, xo: number, c: Float64Array, co: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const t = x[xo + j]! - c[co + j]!;
    s += t * t;
  }
  return s;
}

/** k-means++ seeding into `centres` (k × d data). */
function seed(points: Mat, k: number, rng: Rng, centres: Float64Array, dist: Float64Array): void {
  const { rows: n, cols: d, data: x } = points;
  const first = rng.int(n);
  centres.set(x.subarray(first * d, first * d + d), 0);
  for (let i = 0; i < n; i++) dist[i] = sqDist(x, i * d, centres, 0, d);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) total += dist[i]!;
    let pick: number;
    if (total > 0) {
      let u = rng.uniform() * total;
      pick = n - 1;
      for (let i = 0; i < n; i++) {
        u -= dist[i]!;
        if (u < 0 && dist[i]! > 0) {
          pick = i;
          break;
        }
      }
      // Rounding can leave u ≥ 0 at the end: take the last point with positive weight.
      if (u >= 0) while (pick > 0 && dist[pick]! === 0) pick--;
    } else {
      pick = rng.int(n); // all points coincide with chosen centres
    }
    centres.set(x.subarray(pick * d, pick * d + d), c * d);
    for (let i = 0; i < n; i++) {
      const s = sqDist(x, i * d, centres, c * d, d);
      if (s < dist[i]!) dist[i] = s;
    }
  }
}

/** One seeded Lloyd run; returns the inertia and fills centres, labels, sizes. */
function lloyd(
  points: Mat,
  k: number,
  maxIter: number,
  rng: Rng,
  centres: Float64Array,
  labels: Int32Array,
  sizes: Int32Array,
  dist: Float64Array,
): number {
  const { rows: n, cols: d, data: x } = points;
  seed(points, k, rng, centres, dist);
  labels.fill(-1);
  // Assignment step; returns whether any label changed. Fills dist with the squared distances.
  const assign = (): boolean => {
    let changed = false;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const s = sqDist(x, i * d, centres, c * d, d);
        if (s < bestD) {
          bestD = s;
          best = c;
        }
      }
      dist[i] = bestD;
      if (labels[i] !== best) {
        labels[i] = best;
        changed = true;
      }
    }
    return changed;
  };
  for (let iter = 0; iter < maxIter; iter++) {
    if (!assign()) break;
    sizes.fill(0);
    centres.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i]!;
      sizes[c] = sizes[c]! + 1;
      for (let j = 0; j < d; j++) centres[c * d + j] = centres[c * d + j]! + x[i * d + j]!;
    }
    for (let c = 0; c < k; c++) {
      const m = sizes[c]!;
      if (m > 0) {
        for (let j = 0; j < d; j++) centres[c * d + j] = centres[c * d + j]! / m;
        continue;
      }
      // Empty cluster: move it onto the point farthest from its centre (that point's distance is then 0,
      // so a second empty cluster takes the next farthest).
      let far = 0;
      for (let i = 1; i < n; i++) if (dist[i]! > dist[far]!) far = i;
      centres.set(x.subarray(far * d, far * d + d), c * d);
      dist[far] = 0;
    }
  }
  // Final assignment to the final centres, then sizes and inertia.
  assign();
  sizes.fill(0);
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    sizes[c] = sizes[c]! + 1;
    inertia += dist[i]!;
  }
  return inertia;
}

/** k-means of the rows of `points` (k-means++ seeding, Lloyd iterations, best of `restarts`). */
export function kmeans(points: Mat, k: number, rng: Rng, opts: KmeansOptions = {}): KmeansResult {
  const restarts = opts.restarts ?? 5;
  const maxIter = opts.maxIter ?? 100;
  assertInt(restarts, "kmeans restarts", 1);
  assertInt(maxIter, "kmeans maxIter", 1);
  assertInt(k, "kmeans k", 1);
  const n = points.rows;
  const d = points.cols;
  if (k > n) {
    throw AnsatzError.expected("too-little-data", "kmeans points", `at least k = ${k} rows`, `${n} rows`);
  }
  if (d === 0) throw AnsatzError.expected("bad-shape", "kmeans points", "at least 1 column", "0 columns");
  assertFinite(points.data, "kmeans points");
  const centres = new Float64Array(k * d);
  const labels = new Int32Array(n);
  const sizes = new Int32Array(k);
  const dist = new Float64Array(n);
  const best = { centres: new Float64Array(k * d), labels: new Int32Array(n), sizes: new Int32Array(k) };
  let bestInertia = Infinity;
  for (let r = 0; r < restarts; r++) {
    const inertia = lloyd(points, k, maxIter, rng, centres, labels, sizes, dist);
    if (inertia < bestInertia) {
      bestInertia = inertia;
      best.centres.set(centres);
      best.labels.set(labels);
      best.sizes.set(sizes);
    }
  }
  return {
    centres: new Mat(k, d, best.centres),
    labels: best.labels,
    inertia: bestInertia,
    sizes: best.sizes,
  };
}
