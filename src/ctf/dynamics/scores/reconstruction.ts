// Reconstruction score (E3, E5), spec ctf.md §2.2, exactly as `ctf4science/eval_module.py:reconstruction`:
//   100 · (1 − ‖T − P‖₂ / ‖T‖₂)      over the whole matrix, ‖·‖₂ = spectral norm σ_max
// (numpy `np.linalg.norm(A, ord=2)`; the papers say Frobenius, the code is the reference).
// σ_max comes from core/linalg `spectralNorm` (Lanczos on the smaller Gram operator, ~1 ulp).
import { assertFinite, formatShape } from "../../../core/check.ts";
import { AnsatzError } from "../../../core/errors.ts";
import { spectralNorm } from "../../../core/linalg.ts";
import { Mat } from "../../../core/matrix.ts";

/** Throws unless truth and prediction are finite matrices of the same, non-empty shape. */
export function checkScorePair(truth: Mat, pred: Mat, where: string): void {
  if (truth.rows < 1 || truth.cols < 1) {
    throw AnsatzError.expected(
      "bad-shape",
      `${where}(truth)`,
      "a non-empty matrix",
      formatShape(truth.shape),
    );
  }
  if (pred.rows !== truth.rows || pred.cols !== truth.cols) {
    throw AnsatzError.expected(
      "bad-shape",
      `${where}(prediction)`,
      `shape ${formatShape(truth.shape)} like the truth`,
      `shape ${formatShape(pred.shape)}`,
    );
  }
  assertFinite(truth.data, `${where}(truth)`);
  assertFinite(pred.data, `${where}(prediction)`);
}

/** ‖T − P‖₂ / ‖T‖₂ (spectral norms); throws when ‖T‖₂ = 0 (the score is undefined). */
export function relativeSpectralError(truth: Mat, pred: Mat, where: string): number {
  const d = new Float64Array(truth.data.length);
  const t = truth.data;
  const p = pred.data;
  for (let i = 0; i < d.length; i++) d[i] = t[i]! - p[i]!;
  const den = spectralNorm(truth);
  if (den === 0) {
    throw AnsatzError.expected(
      "bad-value",
      `${where}(truth)`,
      "a truth window with non-zero norm (the relative error is undefined otherwise)",
      `an all-zero ${truth.rows}×${truth.cols} window`,
    );
  }
  return spectralNorm(new Mat(truth.rows, truth.cols, d)) / den;
}

/** ‖T − P‖₂ / ‖T‖₂ over the whole matrix (spectral norm). */
export function reconstructionError(truth: Mat, pred: Mat): number {
  checkScorePair(truth, pred, "reconstruction");
  return relativeSpectralError(truth, pred, "reconstruction");
}

/** Reconstruction score 100·(1 − ‖T − P‖₂/‖T‖₂) (spectral norm; 100 perfect, 0 = zeros). */
export function reconstructionScore(truth: Mat, pred: Mat): number {
  return 100 * (1 - reconstructionError(truth, pred));
}
