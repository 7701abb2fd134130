// Clipping and aggregation of the twelve CTF scores, spec ctf.md §2.6: each E_i is clipped to
// [−100, 100] (data set READMEs; CTF4Nuclear FAQ; `notebooks/evaluate_Lorenz.ipynb` uses
// max(value, −100)); a missing or NaN score counts as −100 (`notebooks/visualize_scores_helpers.py:
// load_sheets_data`); the composite is the arithmetic mean of the twelve clipped E1…E12.
// The unclipped value is kept beside the clipped one for traceability (the tuner sums raw values).
import { AnsatzError } from "../../../core/errors.ts";

/** Lower and upper clip bounds. */
export const SCORE_MIN = -100;
export const SCORE_MAX = 100;

/** A clipped score and the value it came from (null when missing). */
export interface ClippedScore {
  value: number;
  raw: number | null;
}

/** Clip to [−100, 100]; NaN (and a missing score) becomes −100. */
export function clipScore(v: number | null | undefined): number {
  if (v === null || v === undefined || Number.isNaN(v)) return SCORE_MIN;
  return Math.min(SCORE_MAX, Math.max(SCORE_MIN, v));
}

/** The clipped value with the unclipped one kept. */
export function clipWithRaw(v: number | null | undefined): ClippedScore {
  return { value: clipScore(v), raw: v === undefined || v === null ? null : v };
}

/** The composite: the plain mean of the clipped scores (twelve E for a CTF score sheet). */
export function compositeScore(values: readonly (number | null | undefined)[]): number {
  if (values.length === 0) {
    throw AnsatzError.expected("bad-argument", "compositeScore(values)", "at least one score", "none");
  }
  let s = 0;
  for (const v of values) s += clipScore(v);
  return s / values.length;
}
