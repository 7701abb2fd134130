// Scoring predictions against a data set's hidden truth: one pair (`ansatz ctf score`) or a whole
// submission (`ansatz ctf score-all`: nine prediction matrices from a directory `X1pred … X9pred` or a
// Kaggle CSV), giving E1–E12, the composite, and the diagnostics beyond the reference beside them.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { AnsatzError } from "../../core/errors.ts";
import type { Mat } from "../../core/matrix.ts";
import { readKaggleCsv } from "../formats/kaggle-csv.ts";
import { MATRIX_EXTENSIONS, readMatrix } from "../formats/matrix-file.ts";
import { type Dataset, datasetPair, pairTruth } from "./dataset.ts";
import { PAIR_IDS, type PairId } from "./pairs.ts";
import { evaluatePair, type PairEvaluation, type ScoreProfile, scoreAll } from "./scores/evaluate.ts";
import { evaluateExtras, type PairExtras } from "./scores/extras.ts";

/** Scores one pair's prediction against the data set's truth (or `truth` when given). */
export function scorePair(ds: Dataset, pair: number, pred: Mat | null, truth?: Mat): PairEvaluation {
  datasetPair(ds, pair);
  return evaluatePair({ pair, truth: truth ?? pairTruth(ds, pair), pred, params: ds.evalParams });
}

export interface SubmissionScore {
  dataset: string;
  profile: ScoreProfile;
  pairs: PairEvaluation[];
  /** Valid prediction time, spectral Hellinger distance, attractor energy distance (never in the composite). */
  extras: PairExtras[];
}

/** Scores a whole submission (a missing pair scores −100 with a note). */
export function scoreSubmission(
  ds: Dataset,
  predictions: ReadonlyMap<PairId, Mat | null>,
  opts: { lyapunovTime?: number } = {},
): SubmissionScore {
  const lyapunovTime = opts.lyapunovTime ?? ds.lyapunovTime;
  const pairs: PairEvaluation[] = [];
  const extras: PairExtras[] = [];
  for (const id of PAIR_IDS) {
    if (!ds.config.pairs.some((p) => p.id === id)) continue;
    const pred = predictions.get(id) ?? null;
    const truth = pairTruth(ds, id);
    pairs.push(evaluatePair({ pair: id, truth, pred, params: ds.evalParams }));
    const x = evaluateExtras({
      pair: id,
      truth,
      pred,
      params: ds.evalParams,
      dt: ds.deltaT,
      lyapunovTime: lyapunovTime ?? 1,
    });
    if (lyapunovTime == null && x.validTime) {
      x.notes.push(`pair ${id}: no Lyapunov time known for ${ds.name}; valid time given in time units`);
    }
    extras.push(x);
  }
  return { dataset: ds.name, profile: scoreAll(pairs), pairs, extras };
}

/** Reads `X1pred … X9pred` (any matrix format) from a directory; absent pairs are left out. */
export function readPredictionsDir(dir: string): Map<PairId, Mat> {
  const out = new Map<PairId, Mat>();
  const files = readdirSync(dir);
  for (const id of PAIR_IDS) {
    const found = files.filter((f) => MATRIX_EXTENSIONS.some((e) => f === `X${id}pred${e}`));
    if (found.length > 1) {
      throw AnsatzError.expected(
        "bad-file",
        join(dir, `X${id}pred.*`),
        "one file per pair",
        found.join(", "),
      );
    }
    if (found.length === 1) out.set(id, readMatrix(join(dir, found[0]!)));
  }
  if (out.size === 0) {
    throw AnsatzError.expected(
      "bad-file",
      dir,
      `prediction files X1pred … X9pred (${MATRIX_EXTENSIONS.join(", ")})`,
      "none",
    );
  }
  return out;
}

/** Reads a Kaggle submission CSV, checking its rows per pair against the data set's test shapes. */
export function readKagglePredictions(ds: Dataset, path: string): Map<PairId, Mat> {
  const expectedRows = new Map<number, number>();
  for (const p of ds.config.pairs) expectedRows.set(p.id, ds.config.metadata.matrix_shapes[p.test]![0]);
  const sub = readKaggleCsv(path, { expectedRows, featureCount: ds.config.metadata.spatial_dimension });
  return new Map(sub.pairs.map((p) => [p.pairId as PairId, p.prediction]));
}

/** Predictions from a directory or a Kaggle CSV file. */
export function readPredictions(ds: Dataset, path: string): Map<PairId, Mat> {
  if (!existsSync(path))
    throw AnsatzError.expected("bad-file", path, "a directory or a Kaggle CSV", "no such path");
  return statSync(path).isDirectory() ? readPredictionsDir(path) : readKagglePredictions(ds, path);
}
