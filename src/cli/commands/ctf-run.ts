// `ansatz ctf run | leaderboard | tune`: run models on a data set (resumable, stored in results/ansatz.db),
// show the leaderboard, tune a model's hyper-parameters on the validation splits (never the test matrices).
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { parse as parseYaml } from "yaml";
import { AnsatzError } from "../../core/errors.ts";
import { loadDataset } from "../../ctf/dynamics/dataset.ts";
import type { ForecastModel } from "../../ctf/dynamics/forecast-model.ts";
import { parsePairIds } from "../../ctf/dynamics/pairs.ts";
import { formatLeaderboard, leaderboard, leaderboardJson } from "../../ctf/leaderboard.ts";
import { type BatchSummary, benchmarkSeeds, runBatch } from "../../ctf/runner.ts";
import { DEFAULT_DB_PATH, ResultsStore } from "../../ctf/store.ts";
import { parseSearchSpace, tune } from "../../ctf/tuning.ts";
import { loadUserModel, looksLikeModelFile } from "../../ctf/user-model.ts";
import { printJson } from "../output.ts";
import { progressBar } from "../progress.ts";
import { codeVersion } from "../version.ts";
import { resolveDatasetDir } from "./ctf.ts";

/**
 * Resolves `--model` entries (registered ids or model files). An entry that cannot be resolved (an unknown
 * id, a file that does not export the model interface) becomes a stand-in whose every unit fails with the
 * reason, so the batch records it, scores it −100 and goes on with the other models.
 */
async function modelArgs(list: string): Promise<{ models: ForecastModel<unknown>[]; problems: string[] }> {
  const { models: registry } = await import("../../ctf/registry.ts");
  const out: ForecastModel<unknown>[] = [];
  const problems: string[] = [];
  for (const arg of list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    try {
      out.push(
        looksLikeModelFile(arg) ? await loadUserModel(arg) : (registry.get(arg) as ForecastModel<unknown>),
      );
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      problems.push(reason);
      out.push(unresolvedModel(arg, reason));
    }
  }
  return { models: out, problems };
}

/** A stand-in for a model that could not be loaded: every predict fails with the reason. */
function unresolvedModel(id: string, reason: string): ForecastModel<unknown> {
  return {
    id,
    title: `${id} (could not be loaded)`,
    kind: "forecast",
    source: "unresolved",
    defaultConfig: {},
    parseConfig: (raw) => raw ?? {},
    predict() {
      throw new AnsatzError("bad-argument", reason);
    },
  };
}

/** A YAML config file: a flat mapping of the model's options, or the reference's `{model: {name, …}}`. */
function readConfigFile(path: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, "utf8"));
  } catch (e) {
    throw AnsatzError.expected(
      "bad-config",
      path,
      "a readable YAML file",
      (e as Error).message.split("\n")[0]!,
    );
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw AnsatzError.expected("bad-config", path, "a mapping of model options", typeof raw);
  }
  const obj = raw as Record<string, unknown>;
  if (obj.model && typeof obj.model === "object") {
    const { name: _name, seed: _seed, ...rest } = obj.model as Record<string, unknown>;
    return rest;
  }
  return obj;
}

function positiveInt(flag: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1)
      throw AnsatzError.expected("bad-argument", flag, "an integer ≥ 1", JSON.stringify(v));
    return n;
  };
}

/** Runs a batch with a progress bar; returns its summary. */
export async function runWithProgress(
  opts: Parameters<typeof runBatch>[0],
  label: string,
): Promise<BatchSummary> {
  const bar = progressBar(label);
  try {
    return await runBatch({
      ...opts,
      onProgress: (e) => {
        opts.onProgress?.(e);
        if (e.type === "unit-start" || e.type === "unit-progress" || e.type === "unit-end") {
          const u = e.unit;
          const within = e.type === "unit-progress" ? e.fraction : e.type === "unit-end" ? 1 : 0;
          bar.update((u.index + within) / u.total, `${u.model} pair ${u.pair} seed ${u.seed}`);
        }
      },
    });
  } finally {
    bar.done();
  }
}

function registerRun(ctf: Command): void {
  ctf
    .command("run")
    .description(
      "run a model on a data set's pairs and seeds; each finished unit is stored at once, a rerun resumes",
    )
    .requiredOption("--dataset <name|dir>", "a data set directory, or a generated name under data/")
    .requiredOption(
      "--model <id|file>",
      "a registered model id (see `ansatz list`) or a model file ./my-model.ts",
    )
    .option("--pairs <list>", 'pairs: "all", "1,3" or "1-5"', "all")
    .option(
      "--seeds <n>",
      "number of seeds (the reference's 42, 123, 2025, 777, 1337, …)",
      positiveInt("--seeds"),
      1,
    )
    .option(
      "--config <file.yaml>",
      "model options (a mapping, or the reference's run config with a model: section)",
    )
    .option("--db <path>", "results database", DEFAULT_DB_PATH)
    .option("--retry-failed", "run again the units stored as failed")
    .option("--json", "print one JSON object")
    .action(
      async (opts: {
        dataset: string;
        model: string;
        pairs: string;
        seeds: number;
        config?: string;
        db: string;
        retryFailed?: boolean;
        json?: boolean;
      }) => {
        const ds = loadDataset(resolveDatasetDir(opts.dataset));
        const { models: resolved, problems } = await modelArgs(opts.model);
        for (const p of problems) process.stderr.write(`ansatz: error: ${p} (recorded as failed, −100)\n`);
        const config = opts.config ? readConfigFile(opts.config) : undefined;
        const store = ResultsStore.open(opts.db);
        try {
          const summary = await runWithProgress(
            {
              dataset: ds,
              models: resolved.map((model) => ({ model, config })),
              pairs: parsePairIds(opts.pairs),
              seeds: benchmarkSeeds(opts.seeds),
              store,
              codeVersion: codeVersion(),
              retryFailed: Boolean(opts.retryFailed),
            },
            `run ${resolved.map((m) => m.id).join(", ")}`,
          );
          const ids = new Set(resolved.map((m) => m.id));
          const rows = leaderboard(store, ds.name).filter((r) => ids.has(r.model));
          if (problems.length) process.exitCode = 2;
          if (opts.json)
            return printJson({ dataset: ds.name, summary, leaderboard: leaderboardJson(rows), problems });
          process.stdout.write(
            `${ds.name}: ${summary.computed} units run, ${summary.cached} already stored, ${summary.failed} failed, ` +
              `${summary.skipped} skipped (results in ${store.path})\n\n${formatLeaderboard(rows, ds.name)}\n`,
          );
        } finally {
          store.close();
        }
      },
    );
}

function registerLeaderboard(ctf: Command): void {
  ctf
    .command("leaderboard")
    .description(
      "the leaderboard of a data set from the results store: E1–E12 averaged over seeds, composite ± std",
    )
    .requiredOption("--dataset <name>", "the data set name (as stored: e.g. lorenz, ks, ODE_Lorenz)")
    .option("--db <path>", "results database", DEFAULT_DB_PATH)
    .option("--json", 'print one JSON object {"dataset", "rows": [{"model", "E", "composite", "std", …}]}')
    .action((opts: { dataset: string; db: string; json?: boolean }) => {
      const store = ResultsStore.open(opts.db, { readonly: true });
      try {
        const rows = leaderboard(store, opts.dataset);
        if (rows.length === 0) {
          const have = store.datasets();
          throw AnsatzError.expected(
            "unknown-id",
            "--dataset",
            have.length
              ? `one of the stored data sets ${have.join(", ")}`
              : "a data set with stored runs (none yet)",
            `"${opts.dataset}"`,
          );
        }
        if (opts.json) return printJson({ dataset: opts.dataset, rows: leaderboardJson(rows) });
        process.stdout.write(`${formatLeaderboard(rows, opts.dataset)}\n`);
      } finally {
        store.close();
      }
    });
}

function registerTune(ctf: Command): void {
  ctf
    .command("tune")
    .description(
      "random search over a model's hyper-parameters, scored on the validation splits only (never the test)",
    )
    .requiredOption("--dataset <name|dir>", "a data set directory, or a generated name under data/")
    .requiredOption("--model <id|file>", "a registered model id or a model file")
    .requiredOption(
      "--space <file.yaml>",
      "search space: {name: {type: uniform|loguniform|randint|choice, lower_bound, upper_bound | choices}} (or under hyperparameters:)",
    )
    .option("--pairs <list>", "pairs whose validation splits are scored", "1")
    .option("--trials <n>", "number of sampled configurations", positiveInt("--trials"), 20)
    .option("--seed <n>", "seed of the search", Number, 0)
    .option("--json", "print one JSON object")
    .action(
      async (opts: {
        dataset: string;
        model: string;
        space: string;
        pairs: string;
        trials: number;
        seed: number;
        json?: boolean;
      }) => {
        const ds = loadDataset(resolveDatasetDir(opts.dataset));
        const { models: registry } = await import("../../ctf/registry.ts");
        const model = looksLikeModelFile(opts.model)
          ? await loadUserModel(opts.model)
          : (registry.get(opts.model) as ForecastModel<unknown>);
        const rawSpace = readConfigFile(opts.space);
        const space = parseSearchSpace(
          rawSpace.hyperparameters ?? rawSpace,
          `${opts.space}: hyperparameters`,
        );
        const bar = progressBar(`tune ${model.id}`);
        const res = await tune({
          dataset: ds,
          model,
          space,
          pairs: parsePairIds(opts.pairs),
          nTrials: opts.trials,
          seed: opts.seed,
          onTrial: (t) =>
            bar.update((t.index + 1) / opts.trials, `trial ${t.index + 1}: ${t.objective.toFixed(2)}`),
        });
        bar.done();
        const out = {
          model: model.id,
          dataset: ds.name,
          bestConfig: res.bestConfig,
          bestObjective: res.best.objective,
          trials: res.trials.map((t) => ({ params: t.params, objective: t.objective, error: t.error })),
        };
        if (opts.json) return printJson(out);
        process.stdout.write(
          `${model.id} on ${ds.name} (validation splits of pairs ${opts.pairs}, ${res.trials.length} trials):\n` +
            `best objective ${res.best.objective.toFixed(3)} (sum of raw validation scores)\n` +
            `best config: ${JSON.stringify(res.bestConfig)}\n`,
        );
      },
    );
}

export function registerCtfRun(ctf: Command): void {
  registerRun(ctf);
  registerLeaderboard(ctf);
  registerTune(ctf);
}
