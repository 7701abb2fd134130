// Long-time score for dynamical systems (Lorenz; E2, E4, E6, E8, E10), spec ctf.md §2.3, exactly as
// `ctf4science/eval_module.py:long_time_forecast_dynamical(truth, prediction, modes, bins)`:
//   T', P' = last `modes` rows (numpy `[-modes:]`: all rows when modes > rows)
//   per feature i: [lo, hi] = joint min/max of T'_i and P'_i;
//     h_T, h_P = np.histogram(·, bins, range=(lo, hi)) raw counts (numpy edges; lo == hi → lo ∓ 0.5);
//     E_i = ‖h_T − h_P‖₁ / ‖h_T‖₁
//   score = 100 · (1 − mean_i E_i)
// The histograms are core/stats `histogram` (bit-for-bit numpy). The YAML calls this
// "histogram_L2_error" but it is a relative L1 error; E_i ≤ 2, so the score lies in [−100, 100].
// The arithmetic follows the reference order (integer L1 sums, one division per feature, sequential
// sum over features, then /F), so the value equals numpy's to the last bit.
import { assertInt } from "../../../core/check.ts";
import type { Mat } from "../../../core/matrix.ts";
import { histogram } from "../../../core/stats.ts";
import { checkScorePair } from "./reconstruction.ts";

/** Per-feature details of the histogram long-time score. */
export interface HistogramLongTimeDetails {
  /** 100·(1 − mean_i E_i). */
  score: number;
  /** E_i = ‖h_T − h_P‖₁/‖h_T‖₁ per feature. */
  errors: Float64Array;
  /** Outer edges actually used per feature (after numpy's lo == hi widening). */
  ranges: [number, number][];
  /** Rows in the window (min(modes, rows)). */
  window: number;
}

/** The histogram long-time score with its per-feature errors and ranges. */
export function histogramLongTimeDetails(
  truth: Mat,
  pred: Mat,
  modes: number,
  bins: number,
): HistogramLongTimeDetails {
  checkScorePair(truth, pred, "long_time (histogram)");
  assertInt(modes, "long_time (histogram)(modes)", 1);
  assertInt(bins, "long_time (histogram)(bins)", 1);
  const rows = truth.rows;
  const F = truth.cols;
  const w = Math.min(modes, rows);
  const r0 = rows - w;
  const tc = new Float64Array(w);
  const pc = new Float64Array(w);
  const errors = new Float64Array(F);
  const ranges: [number, number][] = [];
  let sum = 0;
  for (let i = 0; i < F; i++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let r = 0; r < w; r++) {
      const t = truth.data[(r0 + r) * F + i]!;
      const p = pred.data[(r0 + r) * F + i]!;
      tc[r] = t;
      pc[r] = p;
      if (t < lo) lo = t;
      if (p < lo) lo = p;
      if (t > hi) hi = t;
      if (p > hi) hi = p;
    }
    const ht = histogram(tc, bins, [lo, hi]);
    const hp = histogram(pc, bins, [lo, hi]);
    let l1 = 0;
    let nt = 0;
    for (let b = 0; b < bins; b++) {
      l1 += Math.abs(ht.counts[b]! - hp.counts[b]!);
      nt += ht.counts[b]!;
    }
    const e = l1 / nt;
    errors[i] = e;
    ranges.push([ht.edges[0]!, ht.edges[bins]!]);
    sum += e;
  }
  return { score: 100 * (1 - sum / F), errors, ranges, window: w };
}

/** Histogram long-time score 100·(1 − mean_i ‖h_T − h_P‖₁/‖h_T‖₁) on the last `modes` rows (Lorenz: 500, 41 bins). */
export function histogramLongTimeScore(truth: Mat, pred: Mat, modes: number, bins: number): number {
  return histogramLongTimeDetails(truth, pred, modes, bins).score;
}
