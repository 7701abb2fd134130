// The batch runner (DESIGN.md "Runner", spec ctf.md §2.9, acceptance test 15, issue 4): models × pairs ×
// seeds on one data set. Each unit (data set, model, config hash, pair, seed) not yet in the store is run
// as the reference's `run.py` does per pair — build the task from the pair's inputs only
// (`forecastTask`: training matrices and burn-in, never the truth), call `predict` under a wall-clock
// timer, score with `scorePair` (E ids, clipping) and `evaluateExtras` — and stored at once (prediction
// file, then one transaction). A finished unit is never recomputed or duplicated: a rerun after an
// interruption (kill, abort) does only what is missing. A model that throws, or returns a matrix of the
// wrong shape or with NaN/Inf, gets −100 for its pair with the reason; a model that declares it cannot do a
// pair (`model.pairs`) is recorded as skipped (also −100 in the leaderboard); the batch goes on.
// Configuration errors (unknown model id, a bad config, a pair the data set lacks) are refused before any
// unit runs (AnsatzError).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { AnsatzError } from "../core/errors.ts";
import { Mat } from "../core/matrix.ts";
import { type Dataset, datasetPair, pairTruth } from "./dynamics/dataset.ts";
import { type ForecastModel, type ForecastTask, forecastTask } from "./dynamics/forecast-model.ts";
import { getPair, type PairId } from "./dynamics/pairs.ts";
import { scorePair } from "./dynamics/score-dataset.ts";
import { evaluateExtras } from "./dynamics/scores/extras.ts";
import { models as registeredModels } from "./registry.ts";
import { configHash, type ResultsStore, type StoredUnit, type UnitKey, type UnitStatus } from "./store.ts";

/** Seeds of the reference benchmark (`benchmark_module.ModelBenchmarker`, spec §2.7), in order. */
export const BENCHMARK_SEEDS: readonly number[] = [42, 123, 2025, 777, 1337, 999, 2024, 314, 271, 1618];

/** The first `n` benchmark seeds; beyond ten, 1000, 1001, … as the reference extends them. */
export function benchmarkSeeds(n: number): number[] {
  if (!Number.isInteger(n) || n < 1) {
    throw AnsatzError.expected("bad-argument", "number of seeds", "an integer ≥ 1", String(n));
  }
  if (n <= BENCHMARK_SEEDS.length) return BENCHMARK_SEEDS.slice(0, n);
  return [...BENCHMARK_SEEDS, ...Array.from({ length: n - BENCHMARK_SEEDS.length }, (_, i) => 1000 + i)];
}

/** A model of a batch with its config (raw: validated by the model's `parseConfig`; default its defaultConfig). */
export interface ModelEntry {
  /** The model, or a registered model id. */
  model: ForecastModel<unknown> | string;
  config?: unknown;
}

/** One unit's identity plus its position in the batch. */
export interface UnitRef extends UnitKey {
  index: number;
  total: number;
}

/** Progress of a batch, for bars and logs. */
export type BatchEvent =
  | { type: "start"; runId: number; total: number; pending: number }
  | { type: "unit-start"; unit: UnitRef }
  | { type: "unit-progress"; unit: UnitRef; fraction: number; message?: string }
  | {
      type: "unit-end";
      unit: UnitRef;
      status: UnitStatus;
      reason: string | null;
      seconds: number;
      /** True when the unit was already stored and not run again. */
      cached: boolean;
    }
  | { type: "end"; summary: BatchSummary };

export interface BatchSummary {
  runId: number;
  /** Units in the batch. */
  total: number;
  /** Units run now. */
  computed: number;
  /** Units found in the store and not run again. */
  cached: number;
  ok: number;
  failed: number;
  skipped: number;
  /** True when `signal` stopped the batch before every unit was done. */
  aborted: boolean;
}

export interface RunBatchOptions {
  dataset: Dataset;
  models: readonly (ModelEntry | ForecastModel<unknown> | string)[];
  /** Pairs to run; default every pair of the data set. */
  pairs?: readonly number[];
  /** Seeds; default [42]. */
  seeds?: readonly number[];
  store: ResultsStore;
  onProgress?: (event: BatchEvent) => void;
  /** Stops the batch between units (the running `predict` is not interrupted). */
  signal?: AbortSignal;
  /** Recorded with every unit (the CLI passes its `codeVersion()`); default "unknown". */
  codeVersion?: string;
  /** Run again the units stored as failed (replacing their rows); default false. */
  retryFailed?: boolean;
  /** Keep prediction files of ok units; default true. */
  savePredictions?: boolean;
}

/** A model resolved for a batch. */
interface Resolved {
  model: ForecastModel<unknown>;
  config: unknown;
  hash: string;
}

/** Fingerprint of a data set (SHA-256 of its YAML, 16 hex digits): units of a regenerated set are redone. */
export function datasetFingerprint(ds: Dataset): string {
  return createHash("sha256").update(readFileSync(ds.yamlPath)).digest("hex").slice(0, 16);
}

/** Resolves a model entry (id or object) and validates its config; throws AnsatzError on bad input. */
export function resolveModel(entry: ModelEntry | ForecastModel<unknown> | string): Resolved {
  const e: ModelEntry = typeof entry === "string" || !("model" in entry) ? { model: entry } : entry;
  const m = typeof e.model === "string" ? registeredModels.get(e.model) : e.model;
  if (m.kind !== "forecast" || typeof (m as ForecastModel).predict !== "function") {
    throw AnsatzError.expected(
      "bad-argument",
      `model "${m.id}"`,
      'a model of kind "forecast" with predict()',
      `kind "${m.kind}"`,
    );
  }
  const model = m as ForecastModel<unknown>;
  const config = model.parseConfig(e.config === undefined ? model.defaultConfig : e.config);
  return { model, config, hash: configHash(config) };
}

/** A copy of a matrix, so a model that writes into its inputs cannot corrupt the data set's cache. */
function copyMat(m: Mat): Mat {
  return new Mat(m.rows, m.cols, m.data.slice());
}

/** Turns what `predict` returned into a Mat, or explains why it cannot be one. */
export function asPrediction(value: unknown): { mat: Mat | null; problem: string | null } {
  if (value instanceof Mat) return { mat: value, problem: null };
  if (value !== null && typeof value === "object") {
    const v = value as { rows?: unknown; cols?: unknown; data?: unknown };
    if (
      typeof v.rows === "number" &&
      typeof v.cols === "number" &&
      v.data instanceof Float64Array &&
      v.data.length === v.rows * v.cols
    ) {
      return { mat: new Mat(v.rows, v.cols, v.data), problem: null };
    }
    if (Array.isArray(value) && value.every((r) => Array.isArray(r) || ArrayBuffer.isView(r))) {
      try {
        return { mat: Mat.from(value as ArrayLike<number>[]), problem: null };
      } catch (e) {
        return {
          mat: null,
          problem: `predict returned an array that is not a matrix (${(e as Error).message})`,
        };
      }
    }
  }
  const what = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
  return { mat: null, problem: `predict returned ${what}, expected a Mat (rows × cols)` };
}

function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name === "Error" ? "" : `${e.name}: `}${e.message}`;
  return String(e);
}

/** Runs one unit (no store access): the task, predict, validation, scores. */
async function runUnit(
  ds: Dataset,
  r: Resolved,
  pair: PairId,
  seed: number,
  onProgress: ForecastTask["onProgress"],
): Promise<{
  status: UnitStatus;
  reason: string | null;
  seconds: number;
  prediction: Mat | null;
  evaluation: ReturnType<typeof scorePair>;
  extras: ReturnType<typeof evaluateExtras> | null;
}> {
  if (r.model.pairs && !r.model.pairs.includes(pair)) {
    const reason = `model "${r.model.id}" does not do pair ${pair} (it does ${r.model.pairs.join(", ")})`;
    const evaluation = scorePair(ds, pair, null);
    evaluation.notes.unshift(`pair ${pair}: skipped: ${reason}`);
    return { status: "skipped", reason, seconds: 0, prediction: null, evaluation, extras: null };
  }
  const task = forecastTask(ds, pair, seed);
  task.train = task.train.map(copyMat);
  task.burnIn = task.burnIn ? copyMat(task.burnIn) : null;
  task.trainTimes = task.trainTimes.map((t) => t.slice());
  task.predictionTimes = task.predictionTimes.slice();
  task.onProgress = onProgress;
  let reason: string | null = null;
  let prediction: Mat | null = null;
  const t0 = performance.now();
  try {
    const got = await r.model.predict(task, r.config);
    const p = asPrediction(got);
    prediction = p.mat;
    reason = p.problem;
  } catch (e) {
    reason = `predict threw: ${errorText(e)}`;
  }
  const seconds = (performance.now() - t0) / 1000;
  const truth = pairTruth(ds, pair);
  const evaluation = scorePair(ds, pair, prediction, truth);
  if (reason !== null) evaluation.notes.unshift(`pair ${pair}: ${reason}`);
  else if (!evaluation.valid) reason = evaluation.notes[0]?.replace(/^pair \d: /, "") ?? "invalid prediction";
  const lyapunovTime = ds.lyapunovTime;
  const extras = evaluateExtras({
    pair,
    truth,
    pred: evaluation.valid ? prediction : null,
    params: ds.evalParams,
    dt: ds.deltaT,
    lyapunovTime: lyapunovTime ?? 1,
  });
  if (lyapunovTime == null && extras.validTime) {
    extras.notes.push(`pair ${pair}: no Lyapunov time known for ${ds.name}; valid time given in time units`);
  }
  const ok = reason === null && evaluation.valid;
  return {
    status: ok ? "ok" : "failed",
    reason,
    seconds,
    prediction: ok ? prediction : null,
    evaluation,
    extras: ok ? extras : null,
  };
}

/**
 * Runs every unit of (models × seeds × pairs) on `dataset` that the store does not hold yet, storing each
 * at once; see the file header for the rules. Resolves with the batch summary.
 */
export async function runBatch(opts: RunBatchOptions): Promise<BatchSummary> {
  const ds = opts.dataset;
  const store = opts.store;
  const emit = opts.onProgress ?? (() => {});
  if (opts.models.length === 0) {
    throw AnsatzError.expected("bad-argument", "models", "at least one model", "none");
  }
  const resolved = opts.models.map(resolveModel);
  const seen = new Set<string>();
  for (const r of resolved) {
    const k = `${r.model.id}/${r.hash}`;
    if (seen.has(k)) {
      throw AnsatzError.expected(
        "bad-argument",
        "models",
        "each (model, config) once",
        `${r.model.id} twice`,
      );
    }
    seen.add(k);
  }
  const pairs: PairId[] = (opts.pairs ?? ds.config.pairs.map((p) => p.id)).map((p) => getPair(p).id);
  for (const p of pairs) datasetPair(ds, p);
  if (new Set(pairs).size !== pairs.length) {
    throw AnsatzError.expected("bad-argument", "pairs", "each pair at most once", pairs.join(", "));
  }
  const seeds = [...(opts.seeds ?? [42])];
  for (const s of seeds) {
    if (!Number.isSafeInteger(s) || s < 0) {
      throw AnsatzError.expected("bad-argument", "seeds", "non-negative integers", String(s));
    }
  }
  if (new Set(seeds).size !== seeds.length) {
    throw AnsatzError.expected("bad-argument", "seeds", "each seed at most once", seeds.join(", "));
  }
  const codeVersion = opts.codeVersion ?? "unknown";
  const datasetHash = datasetFingerprint(ds);
  const savePredictions = opts.savePredictions ?? true;

  const plan: { r: Resolved; pair: PairId; seed: number; key: UnitKey; redo: boolean; done: boolean }[] = [];
  for (const r of resolved) {
    for (const seed of seeds) {
      for (const pair of pairs) {
        const key: UnitKey = { dataset: ds.name, model: r.model.id, configHash: r.hash, pair, seed };
        const old = store.getUnit(key);
        const stale = old !== null && old.datasetHash !== datasetHash;
        const retry = old !== null && opts.retryFailed === true && old.status === "failed";
        plan.push({ r, pair, seed, key, redo: stale || retry, done: old !== null && !stale && !retry });
      }
    }
  }
  const total = plan.length;
  const runId = store.beginRun({
    dataset: ds.name,
    models: resolved.map((r) => `${r.model.id}@${r.hash}`),
    pairs,
    seeds,
    codeVersion,
  });
  const summary: BatchSummary = {
    runId,
    total,
    computed: 0,
    cached: 0,
    ok: 0,
    failed: 0,
    skipped: 0,
    aborted: false,
  };
  emit({ type: "start", runId, total, pending: plan.filter((u) => !u.done).length });
  const count = (u: StoredUnit | { status: UnitStatus }) => {
    summary[u.status]++;
  };
  for (const [index, u] of plan.entries()) {
    const ref: UnitRef = { ...u.key, index, total };
    if (u.done) {
      const old = store.getUnit(u.key)!;
      summary.cached++;
      count(old);
      emit({
        type: "unit-end",
        unit: ref,
        status: old.status,
        reason: old.reason,
        seconds: old.seconds,
        cached: true,
      });
      continue;
    }
    if (opts.signal?.aborted) {
      summary.aborted = true;
      break;
    }
    emit({ type: "unit-start", unit: ref });
    const res = await runUnit(ds, u.r, u.pair, u.seed, (fraction, message) =>
      emit({ type: "unit-progress", unit: ref, fraction, message }),
    );
    store.putUnit(
      {
        ...u.key,
        config: u.r.config,
        status: res.status,
        reason: res.reason,
        metrics: res.evaluation.metrics,
        E: res.evaluation.E,
        extras: res.extras,
        notes: [...res.evaluation.notes, ...(res.extras?.notes ?? [])],
        seconds: res.seconds,
        codeVersion,
        datasetHash,
        runId,
      },
      savePredictions ? res.prediction : null,
      { replace: u.redo },
    );
    summary.computed++;
    count(res);
    emit({
      type: "unit-end",
      unit: ref,
      status: res.status,
      reason: res.reason,
      seconds: res.seconds,
      cached: false,
    });
  }
  store.finishRun(runId, summary.aborted ? "aborted" : "done");
  emit({ type: "end", summary });
  return summary;
}
