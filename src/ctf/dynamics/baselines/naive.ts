// The naive CTF baselines (spec ctf.md §2.11; `CTF-for-Science/CTF_NaiveBaselines`, naive_baselines.py
// and run.py): `zeros` (the reference `constant` with value 0), `average` (the training mean of each
// column, repeated) and `last` (the last training row, repeated; the reference's PR #10 "last timestep").
// As in the reference run.py, the rows a naive model learns from are the pair's training matrices
// concatenated, except for pairs 8/9, where they are the burn-in (the only rows at the unseen parameter):
// `average` on pairs 8/9 is the burn-in mean and `last` the burn-in's last row.
// Reconstruction pairs 2/4 (our decision, the reference has no special case): `zeros` returns zeros,
// `average` the training mean repeated over the window (what the reference's average scores as E3/E5),
// and `last` returns the noisy training matrix itself — at every time the last observation available is
// that row's own — so `last` is the "no denoising" reference a denoiser has to beat.
//
// This file also holds small helpers the baselines share (start matrix, column mean, repeated row);
// config parsing is in model-config.ts and the task checks in task-check.ts.
import { z } from "zod";
import { Mat } from "../../../core/matrix.ts";
import { parseModelConfig } from "../../model-config.ts";
import type { ForecastModel, ForecastTask } from "../forecast-model.ts";
import { checkTask } from "./task-check.ts";

// ---------------------------------------------------------------------------------------------
// Shared helpers

/** The matrix a forecast continues from: the burn-in for pairs 8/9, else the last training matrix. */
export function startMatrix(task: ForecastTask): Mat {
  return task.burnIn ?? task.train[task.train.length - 1]!;
}

/** The rows a naive model learns from (reference run.py): the burn-in for 8/9, else all training rows. */
export function naiveRows(task: ForecastTask): Mat[] {
  return task.burnIn ? [task.burnIn] : task.train;
}

/** A rows × cols matrix whose every row is `row`. */
export function repeatRow(row: ArrayLike<number>, rows: number): Mat {
  const cols = row.length;
  const out = new Mat(rows, cols);
  for (let i = 0; i < rows; i++) out.data.set(row as Float64Array, i * cols);
  return out;
}

/** The mean of each column over all rows of `mats` (same column count). */
export function columnMean(mats: readonly Mat[]): Float64Array {
  const cols = mats[0]!.cols;
  const sum = new Float64Array(cols);
  let n = 0;
  for (const m of mats) {
    for (let i = 0; i < m.rows; i++) {
      const o = i * cols;
      for (let j = 0; j < cols; j++) sum[j]! += m.data[o + j]!;
    }
    n += m.rows;
  }
  for (let j = 0; j < cols; j++) sum[j]! /= n;
  return sum;
}

// ---------------------------------------------------------------------------------------------
// The models

const emptySchema = z.strictObject({});
/** The naive models take no options. */
export type NaiveConfig = z.output<typeof emptySchema>;

function naiveModel(
  id: string,
  title: string,
  predict: (task: ForecastTask) => Mat,
): ForecastModel<NaiveConfig> {
  return {
    id,
    title,
    kind: "forecast",
    source: "ctf/dynamics",
    defaultConfig: {},
    parseConfig: (raw) => parseModelConfig(emptySchema, raw, id),
    predict(task) {
      checkTask(task, id);
      return predict(task);
    },
  };
}

/** Zeros: the all-zero prediction (every score's 0 point, spec §2). */
export const zerosModel = naiveModel("zeros", "Zeros (constant 0)", (task) =>
  Mat.zeros(task.predictionShape[0], task.predictionShape[1]),
);

/** Average: the training mean of each column (the burn-in's for pairs 8/9), repeated. */
export const averageModel = naiveModel("average", "Average (training mean per column)", (task) =>
  repeatRow(columnMean(naiveRows(task)), task.predictionShape[0]),
);

/** Last: the last training row (the burn-in's for pairs 8/9) repeated; the noisy matrix itself on pairs 2/4. */
export const lastModel = naiveModel("last", "Last (last training row, repeated)", (task) => {
  if (task.task === "reconstruct") return task.train[0]!.clone();
  const m = startMatrix(task);
  return repeatRow(m.row(m.rows - 1), task.predictionShape[0]);
});

/** The three naive baselines. */
export const NAIVE_MODELS: ForecastModel<NaiveConfig>[] = [zerosModel, averageModel, lastModel];
