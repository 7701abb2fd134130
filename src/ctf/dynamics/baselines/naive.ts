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
// This file also holds the helpers the baselines of this folder share: config parsing with zod into
// AnsatzErrors that name the field (`dmd config: rank: expected an integer >= 1, found 0`) and the
// checks of a ForecastTask.
import { z } from "zod";
import { assertFinite, formatShape } from "../../../core/check.ts";
import { AnsatzError } from "../../../core/errors.ts";
import { Mat } from "../../../core/matrix.ts";
import type { ForecastModel, ForecastTask } from "../forecast-model.ts";

// ---------------------------------------------------------------------------------------------
// Shared helpers

function describeValue(v: unknown): string {
  if (v === undefined) return "nothing";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean" || v === null) return String(v);
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function valueAtPath(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/**
 * Parses a model config with a zod schema; the first problem becomes a `bad-config` AnsatzError
 * `<model> config: <field>: expected <what>, found <value>` (the schema's messages say what is expected).
 */
export function parseModelConfig<S extends z.ZodType>(schema: S, raw: unknown, modelId: string): z.output<S> {
  const input = raw === undefined || raw === null ? {} : raw;
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
    const keys = shape ? Object.keys(shape) : [];
    const expected = keys.length
      ? `one of the fields ${keys.join(", ")}`
      : "no fields (the model takes no options)";
    return fail(`${modelId} config: ${issue.keys.join(", ")}`, expected, "an unknown field");
  }
  const field = issue.path.length ? issue.path.map(String).join(".") : "(config)";
  const expected = issue.path.length === 0 && issue.code === "invalid_type" ? "a mapping" : issue.message;
  return fail(`${modelId} config: ${field}`, expected, describeValue(valueAtPath(input, issue.path)));
}

function fail(where: string, expected: string, found: string): never {
  throw AnsatzError.expected("bad-config", where, expected, found);
}

/** A zod integer field in [min, max] whose error says so (`an integer >= 1`). */
export function intField(min: number, max = Number.POSITIVE_INFINITY) {
  const msg = max === Number.POSITIVE_INFINITY ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`;
  return z.number({ error: msg }).int({ error: msg }).min(min, { error: msg }).max(max, { error: msg });
}

/** A zod number field in the open or closed interval given, whose error says so. */
export function numberField(min: number, max: number, opts: { minOpen?: boolean; maxOpen?: boolean } = {}) {
  const msg = `a number in ${opts.minOpen ? "(" : "["}${min}, ${max}${opts.maxOpen ? ")" : "]"}`;
  let s = z.number({ error: msg }).refine(Number.isFinite, { error: msg });
  s = s.refine((v) => (opts.minOpen ? v > min : v >= min), { error: msg });
  return s.refine((v) => (opts.maxOpen ? v < max : v <= max), { error: msg });
}

/** A zod boolean field whose error says `true or false`. */
export function boolField() {
  return z.boolean({ error: "true or false" });
}

/**
 * Checks what the baselines rely on in a task: at least one training matrix, every training matrix
 * (and the burn-in) with the prediction's column count and finite values, a burn-in for pairs 8/9.
 */
export function checkTask(task: ForecastTask, modelId: string): void {
  const [rows, cols] = task.predictionShape;
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 1) {
    throw AnsatzError.expected(
      "bad-shape",
      `${modelId}: predictionShape`,
      "[rows >= 0, cols >= 1]",
      formatShape(task.predictionShape),
    );
  }
  if (task.train.length === 0) {
    throw AnsatzError.expected(
      "too-little-data",
      `${modelId}: train`,
      "at least one training matrix",
      "none",
    );
  }
  const mats = task.burnIn ? [...task.train, task.burnIn] : task.train;
  mats.forEach((m, i) => {
    const where = i < task.train.length ? `${modelId}: train[${i}]` : `${modelId}: burnIn`;
    if (m.cols !== cols || m.rows < 1) {
      throw AnsatzError.expected(
        "bad-shape",
        where,
        `shape [>= 1, ${cols}]`,
        `shape ${formatShape(m.shape)}`,
      );
    }
    assertFinite(m.data, where);
  });
  if (task.task === "forecast-parametric" && !task.burnIn) {
    throw AnsatzError.expected(
      "too-little-data",
      `${modelId}: burnIn`,
      "a burn-in matrix (pairs 8/9)",
      "none",
    );
  }
  if (task.task === "reconstruct" && rows !== task.train[0]!.rows) {
    throw AnsatzError.expected(
      "bad-shape",
      `${modelId}: predictionShape`,
      `the training window's ${task.train[0]!.rows} rows (reconstruction)`,
      formatShape(task.predictionShape),
    );
  }
}

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
