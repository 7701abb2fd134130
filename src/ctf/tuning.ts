// Hyper-parameter tuning and the multi-seed benchmark (spec ctf.md §1.4, §2.7, §2.8; issue 4).
// Tuning is random search (the reference uses Ray Tune; its search-space types uniform, loguniform,
// randint and choice are supported here, with the reference's config fields `lower_bound`, `upper_bound`,
// `choices`; randint's upper bound is exclusive as in Ray Tune). Each trial samples a config, completes it
// with the base config, validates it with the model's `parseConfig`, and scores it ONLY on the validation
// splits of §1.4 (`validationSplit`): the model is trained on the split's training rows and its prediction
// compared with the held-out rows of the TRAINING matrices — the data set's test matrices are never read.
// The objective is the reference's: the sum of the raw (unclipped) metric values over the chosen pairs
// (`evaluate_custom` with flexible_k), here averaged over the task's seeds; a failure scores −100 per
// metric. A config already evaluated (same hash) is not evaluated again. The best trial is the one with the
// largest objective (the first on ties).
// The benchmark runs a config over several seeds (default the reference's five: 42, 123, 2025, 777, 1337)
// through the runner and store and returns its leaderboard row: E and composite mean, std when ≥ 3 seeds
// succeeded.
import { performance } from "node:perf_hooks";
import { z } from "zod";
import { AnsatzError } from "../core/errors.ts";
import type { Mat } from "../core/matrix.ts";
import { Rng } from "../core/random.ts";
import type { Dataset } from "./dynamics/dataset.ts";
import { type ForecastModel, type ForecastTask, forecastTask } from "./dynamics/forecast-model.ts";
import { getPair, type MetricName, type PairId, validationSplit } from "./dynamics/pairs.ts";
import { evaluatePair } from "./dynamics/scores/evaluate.ts";
import { type LeaderboardRow, leaderboardFromUnits } from "./leaderboard.ts";
import {
  asPrediction,
  type BatchEvent,
  benchmarkSeeds,
  type ModelEntry,
  resolveModel,
  runBatch,
} from "./runner.ts";
import { configHash, type ResultsStore } from "./store.ts";

const finite = z.number().refine(Number.isFinite, { error: "a finite number" });
const paramSpecSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("uniform"), lower_bound: finite, upper_bound: finite }),
  z.strictObject({
    type: z.literal("loguniform"),
    lower_bound: finite.refine((x) => x > 0, { error: "a number > 0" }),
    upper_bound: finite.refine((x) => x > 0, { error: "a number > 0" }),
  }),
  z.strictObject({
    type: z.literal("randint"),
    lower_bound: z.number().int(),
    upper_bound: z.number().int(),
  }),
  z.strictObject({ type: z.literal("choice"), choices: z.array(z.unknown()).min(1) }),
]);

/** One hyper-parameter's distribution. */
export type ParamSpec = z.output<typeof paramSpecSchema>;
/** A search space: parameter name → distribution (names are config fields). */
export type SearchSpace = Record<string, ParamSpec>;

/** Validates a search space (the reference tuning config's `hyperparameters`); AnsatzError names the field. */
export function parseSearchSpace(raw: unknown, where = "hyperparameters"): SearchSpace {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw AnsatzError.expected(
      "bad-config",
      where,
      "an object {name: {type, …}}",
      JSON.stringify(raw) ?? String(raw),
    );
  }
  const out: SearchSpace = {};
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length === 0) throw AnsatzError.expected("bad-config", where, "at least one parameter", "none");
  for (const [name, spec] of entries) {
    const r = paramSpecSchema.safeParse(spec);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      const field = [where, name, ...issue.path.map(String)].join(".");
      throw AnsatzError.expected(
        "bad-config",
        field,
        "uniform | loguniform {lower_bound, upper_bound} | randint {integer lower_bound, upper_bound} | choice {choices}",
        `${issue.message} (${JSON.stringify(spec)})`,
      );
    }
    const p = r.data;
    if (p.type !== "choice" && !(p.upper_bound > p.lower_bound)) {
      throw AnsatzError.expected(
        "bad-config",
        `${where}.${name}.upper_bound`,
        `a number > lower_bound = ${p.lower_bound}`,
        String(p.upper_bound),
      );
    }
    out[name] = p;
  }
  return out;
}

/** One draw of every parameter of the space. */
export function sampleParams(space: SearchSpace, rng: Rng): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(space)) {
    switch (p.type) {
      case "uniform":
        out[name] = p.lower_bound + (p.upper_bound - p.lower_bound) * rng.uniform();
        break;
      case "loguniform": {
        const a = Math.log(p.lower_bound);
        const b = Math.log(p.upper_bound);
        out[name] = Math.exp(a + (b - a) * rng.uniform());
        break;
      }
      case "randint":
        out[name] = p.lower_bound + rng.int(p.upper_bound - p.lower_bound);
        break;
      case "choice":
        out[name] = p.choices[rng.int(p.choices.length)];
        break;
    }
  }
  return out;
}

/** A validation task (spec §1.4) and its truth, built from the pair's training matrices only. */
export interface ValidationTask {
  task: ForecastTask;
  /** The held-out rows of the training data (never a test matrix). */
  truth: Mat;
}

/**
 * The validation task of a pair: pairs 1, 3, 5, 6, 7 train on the first ⌊trainSplit·N⌋ rows and predict
 * the rest; pairs 2, 4 denoise the training matrix itself; pairs 8, 9 hold out X7train / X8train, hand the
 * model the other two and the held-out matrix's first M rows as burn-in (M = the pair's burn-in rows) and
 * ask for the whole held-out matrix (the reference's `load_validation_dataset`, see pairs.ts).
 */
export function validationTask(ds: Dataset, pair: number, seed: number, trainSplit = 0.8): ValidationTask {
  const full = forecastTask(ds, pair, seed);
  const split = validationSplit(pair, full.train, full.burnIn, trainSplit);
  const { plan } = split;
  const v = plan.validation;
  const task: ForecastTask = {
    ...full,
    train: split.train,
    trainTimes: plan.train.map((r) => full.trainTimes[r.matrix]!.slice(r.start, r.end)),
    trainParams: plan.train.map((r) => full.trainParams[r.matrix] ?? null),
    burnIn: split.burnIn,
    predictionShape: [split.validation.rows, split.validation.cols],
    predictionTimes: full.trainTimes[v.matrix]!.slice(v.start, v.end),
    rng: new Rng(seed),
  };
  return { task, truth: split.validation };
}

/** One validation unit of a trial. */
export interface ValidationUnit {
  pair: PairId;
  seed: number;
  /** Raw metric values (−100 for a failure or a refused prediction). */
  metrics: Partial<Record<MetricName, number>>;
  valid: boolean;
  reason: string | null;
  seconds: number;
}

/** The validation objective of one config: sum of raw metrics over pairs, averaged over seeds. */
export async function validationObjective(
  ds: Dataset,
  model: ForecastModel<unknown>,
  config: unknown,
  pairs: readonly number[],
  seeds: readonly number[],
  trainSplit = 0.8,
): Promise<{ objective: number; perSeed: number[]; units: ValidationUnit[] }> {
  const units: ValidationUnit[] = [];
  const perSeed: number[] = [];
  for (const seed of seeds) {
    let sum = 0;
    for (const p of pairs) {
      const pair = getPair(p).id;
      const { task, truth } = validationTask(ds, pair, seed, trainSplit);
      let pred: Mat | null = null;
      let reason: string | null = null;
      const t0 = performance.now();
      if (model.pairs && !model.pairs.includes(pair)) {
        reason = `model "${model.id}" does not do pair ${pair}`;
      } else {
        try {
          const got = asPrediction(await model.predict(task, config));
          pred = got.mat;
          reason = got.problem;
        } catch (e) {
          reason = `predict threw: ${e instanceof Error ? e.message : String(e)}`;
        }
      }
      const seconds = (performance.now() - t0) / 1000;
      const ev = evaluatePair({ pair, truth, pred, params: ds.evalParams, flexibleK: true });
      if (reason === null && !ev.valid) reason = ev.notes[0] ?? "invalid prediction";
      for (const m of Object.values(ev.metrics)) sum += m;
      units.push({ pair, seed, metrics: ev.metrics, valid: ev.valid && reason === null, reason, seconds });
    }
    perSeed.push(sum);
  }
  return { objective: perSeed.reduce((a, b) => a + b, 0) / perSeed.length, perSeed, units };
}

export interface TuneOptions {
  dataset: Dataset;
  model: ForecastModel<unknown>;
  /** Raw config the sampled parameters are written over (default the model's defaultConfig). */
  baseConfig?: Record<string, unknown>;
  space: SearchSpace;
  /** Pairs whose validation splits are scored. */
  pairs: readonly number[];
  /** Number of sampled configs (default 20). */
  nTrials?: number;
  /** Seed of the search (the sampler). */
  seed?: number;
  /** Seeds of the tasks each config is evaluated with (default [seed]). */
  seeds?: readonly number[];
  /** Fraction of rows that train in forecast pairs (default 0.8, §1.4). */
  trainSplit?: number;
  /** Stop starting trials after this many seconds. */
  timeBudgetSeconds?: number;
  onTrial?: (trial: Trial, best: Trial) => void;
  signal?: AbortSignal;
}

export interface Trial {
  index: number;
  /** The sampled values. */
  params: Record<string, unknown>;
  /** The parsed config (null when parseConfig refused the sample). */
  config: unknown;
  configHash: string | null;
  objective: number;
  perSeed: number[];
  units: ValidationUnit[];
  seconds: number;
  /** Why the sample could not be evaluated (parseConfig refused it), else null. */
  error: string | null;
  /** Index of the earlier trial with the same config whose result was reused, else null. */
  sameAs: number | null;
}

export interface TuneResult {
  best: Trial;
  bestConfig: unknown;
  trials: Trial[];
}

/** Random search on the validation splits (see file header). */
export async function tune(opts: TuneOptions): Promise<TuneResult> {
  const { dataset: ds, model } = opts;
  const nTrials = opts.nTrials ?? 20;
  if (!Number.isInteger(nTrials) || nTrials < 1) {
    throw AnsatzError.expected("bad-argument", "n_trials", "an integer ≥ 1", String(nTrials));
  }
  if (opts.pairs.length === 0)
    throw AnsatzError.expected("bad-argument", "pairs", "at least one pair", "none");
  const pairs = opts.pairs.map((p) => getPair(p).id);
  const space = parseSearchSpace(opts.space);
  const seed = opts.seed ?? 0;
  const seeds = opts.seeds ?? [seed];
  const rng = new Rng(seed);
  const base = opts.baseConfig ?? (model.defaultConfig as Record<string, unknown>);
  const trials: Trial[] = [];
  const byHash = new Map<string, Trial>();
  let best: Trial | null = null;
  const start = performance.now();
  for (let index = 0; index < nTrials; index++) {
    if (opts.signal?.aborted) break;
    if (
      index > 0 &&
      opts.timeBudgetSeconds !== undefined &&
      (performance.now() - start) / 1000 >= opts.timeBudgetSeconds
    ) {
      break;
    }
    const params = sampleParams(space, rng);
    const t0 = performance.now();
    let trial: Trial;
    let config: unknown = null;
    let error: string | null = null;
    try {
      config = model.parseConfig({ ...base, ...params });
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    if (error !== null) {
      trial = {
        index,
        params,
        config: null,
        configHash: null,
        objective: Number.NEGATIVE_INFINITY,
        perSeed: [],
        units: [],
        seconds: 0,
        error,
        sameAs: null,
      };
    } else {
      const hash = configHash(config);
      const prev = byHash.get(hash);
      if (prev) {
        trial = { ...prev, index, params, seconds: 0, sameAs: prev.index };
      } else {
        const r = await validationObjective(ds, model, config, pairs, seeds, opts.trainSplit);
        trial = {
          index,
          params,
          config,
          configHash: hash,
          objective: r.objective,
          perSeed: r.perSeed,
          units: r.units,
          seconds: (performance.now() - t0) / 1000,
          error: null,
          sameAs: null,
        };
        byHash.set(hash, trial);
      }
    }
    trials.push(trial);
    if (best === null || trial.objective > best.objective) best = trial;
    opts.onTrial?.(trial, best);
  }
  if (best === null || best.config === null) {
    throw AnsatzError.expected(
      "bad-config",
      `tuning ${model.id}`,
      "at least one sampled config that parseConfig accepts",
      trials.length ? `${trials.length} refused (first: ${trials[0]!.error})` : "no trial (aborted)",
    );
  }
  return { best, bestConfig: best.config, trials };
}

export interface BenchmarkOptions {
  dataset: Dataset;
  model: ModelEntry | ForecastModel<unknown> | string;
  /** Default every pair of the data set. */
  pairs?: readonly number[];
  /** Default the reference's five seeds (42, 123, 2025, 777, 1337). */
  seeds?: readonly number[];
  store: ResultsStore;
  onProgress?: (event: BatchEvent) => void;
  signal?: AbortSignal;
  codeVersion?: string;
}

/** Runs one config over several seeds (resumable, through the store) and returns its mean ± std row (those seeds and pairs only). */
export async function benchmark(opts: BenchmarkOptions): Promise<LeaderboardRow> {
  const r = resolveModel(opts.model);
  const entry: ModelEntry = { model: r.model, config: r.config };
  const pairs = opts.pairs ?? opts.dataset.config.pairs.map((p) => p.id);
  const seeds = opts.seeds ?? benchmarkSeeds(5);
  await runBatch({
    dataset: opts.dataset,
    models: [entry],
    pairs,
    seeds,
    store: opts.store,
    onProgress: opts.onProgress,
    signal: opts.signal,
    codeVersion: opts.codeVersion,
  });
  const pairIds = pairs.map((p) => getPair(p).id);
  const units = opts.store
    .units({ dataset: opts.dataset.name, model: r.model.id, configHash: r.hash })
    .filter((u) => seeds.includes(u.seed) && pairIds.includes(u.pair));
  const rows = leaderboardFromUnits(units, { pairs: pairIds });
  const row = rows.find((x) => x.configHash === r.hash);
  if (!row) throw new AnsatzError("internal", `benchmark of ${r.model.id}: no stored units after the batch`);
  return row;
}
