// `ansatz main` (what `npm start` runs): the main job on embedded defaults. It generates the quick data
// sets that are missing (data/<system>), runs every registered forecast model on each (one seed, every
// pair; finished units are kept in results/ansatz.db, so a rerun only does what is missing), prints the
// leaderboards, runs every method challenge (generate, sample-posterior, estimate) with every model of its
// kind and prints its scores, writes the HTML report (results/report/index.html), then runs the foundation self-check
// (core numerics and the engine against exact values), and says where everything is.
import { join } from "node:path";
import type { Command } from "commander";
import { loadDataset } from "../../ctf/dynamics/dataset.ts";
import { defaultDatasetDir, writeDataset } from "../../ctf/dynamics/dataset-writer.ts";
import type { ForecastModel } from "../../ctf/dynamics/forecast-model.ts";
import { SYSTEMS } from "../../ctf/dynamics/systems/registry.ts";
import { formatLeaderboard, leaderboard, leaderboardJson } from "../../ctf/leaderboard.ts";
import { challenges, models, reproductions } from "../../ctf/registry.ts";
import { DEFAULT_DB_PATH, ResultsStore } from "../../ctf/store.ts";
import { runSingleSubmission, type SubmitResult } from "../../ctf/submit.ts";
import { fmt, formatTable, printJson } from "../output.ts";
import { progressBar } from "../progress.ts";
import { codeVersion } from "../version.ts";
import { runWithProgress } from "./ctf-run.ts";
import { writeStoreReport } from "./report.ts";
import { formatClaims } from "./repro.ts";

/** The main job's embedded defaults. */
export const MAIN_JOB = {
  size: "quick",
  dataSeed: 0,
  seeds: [42],
  report: join("results", "report"),
} as const;

/** Every single-submission challenge (the methods' generate / sample-posterior / estimate challenges) with
 * every registered model of its kind, quick size, seed 0: one score table per challenge. */
async function runMethodChallenges(say: (s: string) => void): Promise<MethodBoard[]> {
  const boards: MethodBoard[] = [];
  for (const ch of challenges.list().filter((c) => c.kind !== "forecast")) {
    const entrants = models.list().filter((m) => m.kind === ch.kind);
    if (entrants.length === 0) continue;
    const bar = progressBar(`${ch.id}`);
    bar.update(0, `${entrants.length} models`);
    const t1 = performance.now();
    const results = await runSingleSubmission(ch, entrants, { seed: MAIN_JOB.dataSeed, size: MAIN_JOB.size });
    bar.done();
    const names = [...new Set(results.flatMap((r) => Object.keys(r.sheet.scores)))];
    const rows = results.map((r) => [
      r.model,
      ...names.map((k) => fmt(r.sheet.scores[k] ?? Number.NaN)),
      r.seconds.toFixed(1),
    ]);
    say(
      `${ch.title} (${ch.id}, ${ch.kind}, quick, seed ${MAIN_JOB.dataSeed}; ${((performance.now() - t1) / 1000).toFixed(1)} s)\n` +
        `${formatTable(["model", ...names, "s"], rows)}\n`,
    );
    boards.push({ challenge: ch.id, kind: ch.kind, results });
  }
  return boards;
}

interface MethodBoard {
  challenge: string;
  kind: string;
  results: SubmitResult[];
}

export function registerMainJob(program: Command): void {
  program
    .command("main")
    .description(
      "the main job on embedded defaults (what `npm start` runs): generate the quick data sets, run every registered forecast model, leaderboards, the methods' challenges, report, self-check",
    )
    .option("--db <path>", "results database", DEFAULT_DB_PATH)
    .option("--json", "print one JSON object")
    .action(async (opts: { db: string; json?: boolean }) => {
      const t0 = performance.now();
      const say = (s: string) => {
        if (!opts.json) process.stdout.write(`${s}\n`);
      };
      const forecasters = models.list().filter((m) => m.kind === "forecast") as ForecastModel<unknown>[];
      say(
        `Ansatz main job — ${SYSTEMS.length} data sets (quick size) × ${forecasters.length} forecast models: ` +
          `${forecasters.map((m) => m.id).join(", ")}\n`,
      );
      const store = ResultsStore.open(opts.db);
      const boards: { dataset: string; rows: ReturnType<typeof leaderboardJson> }[] = [];
      try {
        for (const system of SYSTEMS) {
          const dir = defaultDatasetDir(system.id, MAIN_JOB.size);
          const bar = progressBar(`generate ${system.id}`);
          const gen = writeDataset(system, {
            size: MAIN_JOB.size,
            seed: MAIN_JOB.dataSeed,
            dir,
            onProgress: bar.update,
          });
          bar.done();
          const ds = loadDataset(gen.dir);
          const t1 = performance.now();
          const summary = await runWithProgress(
            { dataset: ds, models: forecasters, seeds: MAIN_JOB.seeds, store, codeVersion: codeVersion() },
            `${system.id}`,
          );
          const rows = leaderboard(store, ds.name);
          boards.push({ dataset: ds.name, rows: leaderboardJson(rows) });
          say(
            `${formatLeaderboard(
              rows,
              `${system.title} (${dir}${gen.cached ? "" : ", generated now"}): ` +
                `${summary.computed} units run, ${summary.cached} reused, ${summary.failed} failed, ` +
                `${((performance.now() - t1) / 1000).toFixed(1)} s`,
            )}\n`,
          );
        }
      } finally {
        store.close();
      }
      const methodBoards = await runMethodChallenges(say);
      const report = await writeStoreReport(opts.db, MAIN_JOB.report);
      say(`Report: ${report.html} (${report.pngs.length} PNGs beside it)\n`);
      say("Foundation self-check (core numerics and the tensor engine against exact values):\n");
      const check = await reproductions.get("foundation").run({ quick: true });
      const seconds = (performance.now() - t0) / 1000;
      if (opts.json)
        return printJson({
          leaderboards: boards,
          methodChallenges: methodBoards,
          report: report.html,
          selfCheck: check,
          seconds,
        });
      say(formatClaims(check));
      say(`\nDone in ${seconds.toFixed(1)} s. Results: ${opts.db}; report: ${report.html}.`);
      say(
        "More: `ansatz --help`, `ansatz list`, `ansatz ctf leaderboard --dataset lorenz`, `npm run bench -- engine`.",
      );
      if (check.claims.some((c) => !c.pass)) process.exitCode = 1;
    });
}
