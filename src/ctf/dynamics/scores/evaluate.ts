// Scoring one pair and a whole score sheet, as the reference `ctf4science/eval_module.py:evaluate_custom`
// (spec ctf.md §2.1–2.6): per pair, the metrics of the pair table (§1.2) with the data set's
// evaluation parameters, `flexible_k` as the reference (k = min(rows, k) for short_time and the PSD
// long-time score), each metric mapped to its E id, clipped to [−100, 100] with the raw value kept.
// Beyond the reference (DESIGN.md, "Errors and bad input"): a missing prediction, a wrongly shaped
// one, or one with NaN/Inf scores −100 for every metric of its pair, with the reason in `notes`,
// instead of crashing or producing NaN. Bad truth or parameters are the caller's error: AnsatzError.

import { assertFinite, assertInt, formatShape } from "../../../core/check.ts";
import { AnsatzError } from "../../../core/errors.ts";
import type { Mat } from "../../../core/matrix.ts";
import type { ScoreSheet } from "../../challenge.ts";
import { E_IDS, type EId, getPair, type MetricName, type PairId, pairIdToE } from "../pairs.ts";
import { clipScore, compositeScore } from "./clip.ts";
import { histogramLongTimeScore } from "./long-time-histogram.ts";
import { psdLongTimeScore } from "./long-time-psd.ts";
import { reconstructionScore } from "./reconstruction.ts";
import { shortTimeScore } from "./short-time.ts";

/** `type` of the data set YAML: selects the long-time score (histogram vs PSD). */
export type DatasetType = "dynamical" | "spatio-temporal";

/** `evaluation_params` of the data set YAML (after the reference's PR #11: k_short, k_long). */
export interface EvalParams {
  /** Rows of the short-time window (k_short). */
  kShort: number;
  /** Rows of the PSD long-time window (k_long; spatio-temporal only). */
  kLong: number;
  /** Histogram window in rows (dynamical) or number of wavenumbers (spatio-temporal). */
  modes: number;
  /** Histogram bins (dynamical only). */
  bins: number;
  type: DatasetType;
}

/** Lorenz (`ODE_Lorenz`): k_short 20, k_long 20, modes 500, bins 41 (spec §1.5, §2.5). */
export const LORENZ_EVAL_PARAMS: Readonly<EvalParams> = {
  kShort: 20,
  kLong: 20,
  modes: 500,
  bins: 41,
  type: "dynamical",
};

/** KS and the other spatio-temporal sets: k 20, modes 100 (bins unused) (spec §1.5, §2.5). */
export const SPATIO_TEMPORAL_EVAL_PARAMS: Readonly<EvalParams> = {
  kShort: 20,
  kLong: 20,
  modes: 100,
  bins: 41,
  type: "spatio-temporal",
};

/** The result of scoring one pair. */
export interface PairEvaluation {
  pair: PairId;
  /** Reference metric values (`evaluation_results.yaml`), unclipped; −100 for a refused prediction. */
  metrics: Partial<Record<MetricName, number>>;
  /** Score ids of the pair, clipped to [−100, 100]. */
  E: Partial<Record<EId, number>>;
  /** Score ids of the pair, unclipped. */
  raw: Partial<Record<EId, number>>;
  /** Why a score is −100, which k was used, what was clipped. */
  notes: string[];
  /** False when the prediction was refused (missing, wrong shape, NaN/Inf). */
  valid: boolean;
}

export interface EvaluatePairOptions {
  pair: number;
  truth: Mat;
  /** The model's prediction; null when the model produced none. */
  pred: Mat | null;
  params: EvalParams;
  /** Reference `flexible_k`: use min(truth rows, k) for k_short and k_long (tuning only). */
  flexibleK?: boolean;
  /** Metrics to compute; default the pair's metrics (§1.2). */
  metrics?: readonly MetricName[];
}

const METRICS: readonly MetricName[] = ["short_time", "long_time", "reconstruction"];

function checkParams(p: EvalParams): void {
  assertInt(p.kShort, "evaluation_params.k_short", 1);
  assertInt(p.kLong, "evaluation_params.k_long", 1);
  assertInt(p.modes, "evaluation_params.modes", 1);
  assertInt(p.bins, "evaluation_params.bins", 1);
  if (p.type !== "dynamical" && p.type !== "spatio-temporal") {
    throw AnsatzError.expected(
      "bad-config",
      "type",
      '"dynamical" or "spatio-temporal"',
      JSON.stringify(p.type),
    );
  }
}

/** Why a prediction cannot be scored, or null if it can. */
export function predictionProblem(truth: Mat, pred: Mat | null): string | null {
  if (pred === null) return "no prediction";
  if (pred.rows !== truth.rows || pred.cols !== truth.cols) {
    return `prediction has shape ${formatShape(pred.shape)}, expected ${formatShape(truth.shape)} like the truth`;
  }
  const d = pred.data;
  let bad = 0;
  let first = -1;
  for (let i = 0; i < d.length; i++) {
    if (!Number.isFinite(d[i]!)) {
      bad++;
      if (first < 0) first = i;
    }
  }
  if (bad > 0) {
    const r = Math.floor(first / pred.cols);
    const c = first - r * pred.cols;
    return `prediction has ${bad} non-finite value(s) (first: ${d[first]} at row ${r}, column ${c})`;
  }
  return null;
}

/** Scores one pair as `evaluate_custom` does, with clipping, E ids and notes (see file header). */
export function evaluatePair(opts: EvaluatePairOptions): PairEvaluation {
  const spec = getPair(opts.pair);
  const { truth, pred, params } = opts;
  checkParams(params);
  const where = `pair ${spec.id} truth (${spec.test})`;
  if (truth.rows < 1 || truth.cols < 1) {
    throw AnsatzError.expected("bad-shape", where, "a non-empty matrix", formatShape(truth.shape));
  }
  assertFinite(truth.data, where);
  const metrics = opts.metrics ?? spec.metrics;
  for (const m of metrics) {
    if (!METRICS.includes(m)) {
      throw AnsatzError.expected("bad-argument", "metrics", METRICS.join(" | "), JSON.stringify(m));
    }
  }
  const notes: string[] = [];
  const out: PairEvaluation = { pair: spec.id, metrics: {}, E: {}, raw: {}, notes, valid: true };
  const problem = predictionProblem(truth, pred);
  if (problem !== null || pred === null) {
    out.valid = false;
    notes.push(`pair ${spec.id}: ${problem}; ${metrics.join(", ")} scored −100`);
    for (const m of metrics) out.metrics[m] = -100;
  } else {
    const flexible = opts.flexibleK === true;
    const rows = truth.rows;
    for (const m of metrics) {
      let v: number;
      if (m === "short_time") {
        let k = params.kShort;
        if (flexible && rows < k) {
          k = rows;
          notes.push(`pair ${spec.id}: flexible_k uses k_short = ${k} instead of ${params.kShort}`);
        } else if (rows < k) {
          notes.push(`pair ${spec.id}: k_short = ${k} > ${rows} rows; truth[:k] uses all ${rows} rows`);
        }
        v = shortTimeScore(truth, pred, k);
      } else if (m === "reconstruction") {
        v = reconstructionScore(truth, pred);
      } else if (params.type === "dynamical") {
        if (rows < params.modes) {
          notes.push(`pair ${spec.id}: modes = ${params.modes} > ${rows} rows; truth[-modes:] uses all rows`);
        }
        v = histogramLongTimeScore(truth, pred, params.modes, params.bins);
      } else {
        let k = params.kLong;
        if (flexible && rows < k) {
          k = rows;
          notes.push(`pair ${spec.id}: flexible_k uses k_long = ${k} instead of ${params.kLong}`);
        }
        v = psdLongTimeScore(truth, pred, k, params.modes);
      }
      if (!Number.isFinite(v)) {
        notes.push(`pair ${spec.id}: ${m} is ${v} (overflow in the prediction's magnitude); scored −100`);
        v = -100;
      }
      out.metrics[m] = v;
    }
  }
  for (const m of metrics) {
    if (!spec.metrics.includes(m)) continue;
    const e = pairIdToE(spec.id, m);
    const v = out.metrics[m]!;
    out.raw[e] = v;
    out.E[e] = clipScore(v);
    if (out.E[e] !== v) notes.push(`${e} = ${v} clipped to ${out.E[e]}`);
  }
  return out;
}

/** All twelve scores of one model on one data set. */
export interface ScoreProfile {
  /** E1…E12 clipped to [−100, 100]; a missing score is −100. */
  E: Record<EId, number>;
  /** E1…E12 unclipped; null when missing. */
  raw: Record<EId, number | null>;
  /** Mean of the twelve clipped scores. */
  composite: number;
  notes: string[];
}

/** Collects per-pair evaluations into E1…E12 (missing → −100 with a note) and the composite. */
export function scoreAll(perPair: readonly PairEvaluation[]): ScoreProfile {
  const seen = new Set<number>();
  const E = {} as Record<EId, number>;
  const raw = {} as Record<EId, number | null>;
  const notes: string[] = [];
  for (const p of perPair) {
    if (seen.has(p.pair)) {
      throw AnsatzError.expected(
        "bad-argument",
        "scoreAll(perPair)",
        "each pair at most once",
        `pair ${p.pair} twice`,
      );
    }
    seen.add(p.pair);
    notes.push(...p.notes);
  }
  for (const e of E_IDS) {
    let v: number | undefined;
    for (const p of perPair) {
      if (p.raw[e] !== undefined) v = p.raw[e];
    }
    if (v === undefined) {
      notes.push(`${e} missing; scored −100`);
      raw[e] = null;
      E[e] = -100;
    } else {
      raw[e] = v;
      E[e] = clipScore(v);
    }
  }
  return { E, raw, composite: compositeScore(E_IDS.map((e) => E[e])), notes };
}

/** The profile as the framework's ScoreSheet (scores E1…E12, composite, notes). */
export function toScoreSheet(profile: ScoreProfile): ScoreSheet {
  return { scores: { ...profile.E }, composite: profile.composite, notes: [...profile.notes] };
}
