// Builds the report's input from the results store: per data set the leaderboard (E1–E12 averaged over
// seeds, composite ± std) and example forecasts — pairs 1 and 8 of the first seed of the best models —
// with the truth read from the data set directory (a data set whose directory is gone is reported
// without examples, with a note).
import { datasetPair, loadDataset, matrixTimesOf, pairTruth } from "../ctf/dynamics/dataset.ts";
import { leaderboard } from "../ctf/leaderboard.ts";
import type { ResultsStore } from "../ctf/store.ts";
import type { ExampleForecast, ReportDataset, ReportInput } from "./types.ts";

export interface FromStoreOptions {
  /** Data sets to include (default every data set in the store). */
  datasets?: readonly string[];
  /** Where a data set's directory is, by name (null when unavailable). */
  datasetDir: (name: string) => string | null;
  /** Models whose examples are plotted, best first (default 3). */
  exampleModels?: number;
  /** Pairs plotted (default 1 and 8). */
  examplePairs?: readonly number[];
  title?: string;
  codeVersion: string;
}

/** The report of everything in the store (see the header). */
export function reportInputFromStore(store: ResultsStore, opts: FromStoreOptions): ReportInput {
  const notes: string[] = [];
  const names = opts.datasets ?? store.datasets();
  const datasets: ReportDataset[] = [];
  for (const name of names) {
    const rows = leaderboard(store, name);
    if (rows.length === 0) {
      notes.push(`${name}: no stored results`);
      continue;
    }
    const dir = opts.datasetDir(name);
    if (!dir) {
      notes.push(`${name}: data set directory not found; leaderboard only, no example plots`);
      continue;
    }
    const ds = loadDataset(dir);
    const examples: ExampleForecast[] = [];
    for (const row of rows.slice(0, opts.exampleModels ?? 3)) {
      for (const pair of opts.examplePairs ?? [1, 8]) {
        const unit = store
          .units({ dataset: name, model: row.model, configHash: row.configHash, status: "ok" })
          .filter((u) => u.pair === pair)
          .sort((a, b) => a.seed - b.seed)[0];
        const pred = unit?.predictionPath ? store.readPrediction(unit) : null;
        if (!pred) continue;
        examples.push({
          model: row.model,
          pair,
          truth: pairTruth(ds, pair),
          pred,
          times: matrixTimesOf(ds, datasetPair(ds, pair).test),
        });
      }
    }
    datasets.push({
      name,
      type: ds.config.type,
      deltaT: ds.deltaT,
      leaderboard: rows.map((r) => ({
        model: r.model,
        E: r.E,
        composite: r.composite,
        std: r.std,
        seeds: r.seeds,
      })),
      examples,
    });
  }
  return {
    title: opts.title ?? "Ansatz — CTF results",
    generatedAt: new Date().toISOString(),
    codeVersion: opts.codeVersion,
    datasets,
    notes,
  };
}
