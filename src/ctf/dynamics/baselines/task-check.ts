// Validation of a ForecastTask before a CTF baseline runs on it (spec ctf.md §2.9 pair semantics):
// at least one training matrix; every training matrix and the burn-in non-empty, finite and with the
// training columns; the prediction shape [rows >= minRows, the training columns]; a burn-in for the
// parametric pairs 8/9; the training window's rows for reconstruction (pairs 2/4); optionally Δt > 0.
// Errors are AnsatzErrors `<model>: <field>: expected …, found …`.
import { assertFinite, formatShape } from "../../../core/check.ts";
import { AnsatzError } from "../../../core/errors.ts";
import type { ForecastTask } from "../forecast-model.ts";

/** What a model needs beyond the checks every baseline makes. */
export interface TaskCheckOptions {
  /** Least number of prediction rows (default 0). */
  minRows?: number;
  /** Require a finite Δt > 0 (models that integrate or difference in time; default false). */
  needsDeltaT?: boolean;
}

/** Checks what the baselines rely on in a task (see the header); throws an AnsatzError naming the field. */
export function checkTask(task: ForecastTask, modelId: string, opts: TaskCheckOptions = {}): void {
  const minRows = opts.minRows ?? 0;
  if (task.train.length === 0) {
    throw AnsatzError.expected(
      "too-little-data",
      `${modelId}: train`,
      "at least one training matrix",
      "none",
    );
  }
  const cols = task.train[0]!.cols;
  const mats = task.burnIn ? [...task.train, task.burnIn] : task.train;
  mats.forEach((m, i) => {
    const where = i < task.train.length ? `${modelId}: train[${i}]` : `${modelId}: burnIn`;
    if (m.cols !== cols || m.rows < 1 || cols < 1) {
      throw AnsatzError.expected(
        "bad-shape",
        where,
        `shape [>= 1, ${cols}]`,
        `shape ${formatShape(m.shape)}`,
      );
    }
    assertFinite(m.data, where);
  });
  const [rows, pcols] = task.predictionShape;
  if (!Number.isInteger(rows) || rows < minRows || pcols !== cols) {
    throw AnsatzError.expected(
      "bad-shape",
      `${modelId}: predictionShape`,
      `[rows >= ${minRows}, ${cols}] (the training columns)`,
      formatShape(task.predictionShape),
    );
  }
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
  if (opts.needsDeltaT && !(task.deltaT > 0 && Number.isFinite(task.deltaT))) {
    throw AnsatzError.expected("bad-value", `${modelId}: deltaT`, "a finite number > 0", String(task.deltaT));
  }
}
