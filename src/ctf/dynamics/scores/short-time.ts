// Short-time forecast score (E1, E7, E9, E11, E12), spec ctf.md §2.1, exactly as
// `ctf4science/eval_module.py:short_time_forecast`:
//   100 · (1 − ‖T[:k] − P[:k]‖₂ / ‖T[:k]‖₂)
// where ‖·‖₂ of a matrix is the SPECTRAL norm σ_max (`np.linalg.norm(A, ord=2)`), not Frobenius.
// As numpy slicing, k larger than the number of rows uses all rows.
import { assertInt } from "../../../core/check.ts";
import { Mat } from "../../../core/matrix.ts";
import { checkScorePair, relativeSpectralError } from "./reconstruction.ts";

/** Number of rows `truth[:k]` selects (numpy slicing: min(k, rows)). */
export function shortTimeRows(rows: number, k: number): number {
  return Math.min(rows, k);
}

/** ‖T[:k] − P[:k]‖₂ / ‖T[:k]‖₂ with the spectral norm. */
export function shortTimeError(truth: Mat, pred: Mat, k: number): number {
  checkScorePair(truth, pred, "short_time");
  assertInt(k, "short_time(k_short)", 1);
  const n = shortTimeRows(truth.rows, k);
  const c = truth.cols;
  const t = new Mat(n, c, truth.data.subarray(0, n * c));
  const p = new Mat(n, c, pred.data.subarray(0, n * c));
  return relativeSpectralError(t, p, "short_time");
}

/** Short-time score 100·(1 − ‖T[:k] − P[:k]‖₂/‖T[:k]‖₂) (spectral norm; 100 perfect, 0 = zeros). */
export function shortTimeScore(truth: Mat, pred: Mat, k: number): number {
  return 100 * (1 - shortTimeError(truth, pred, k));
}
