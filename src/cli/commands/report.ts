// `ansatz report`: a self-contained HTML report (and PNGs) of everything in the results store.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { AnsatzError } from "../../core/errors.ts";
import { DEFAULT_DB_PATH, ResultsStore } from "../../ctf/store.ts";
import { reportInputFromStore } from "../../report/from-store.ts";
import { writeReport } from "../../report/write-report.ts";
import { printJson, status } from "../output.ts";
import { codeVersion } from "../version.ts";

/** Writes the report of the store at `db` into `out`; returns the paths written. */
export async function writeStoreReport(db: string, out: string, datasets?: string[]) {
  if (!existsSync(db)) {
    throw AnsatzError.expected(
      "bad-file",
      db,
      "a results database (run `ansatz ctf run` or `npm start` first)",
      "no such file",
    );
  }
  const store = ResultsStore.open(db, { readonly: true });
  try {
    const input = reportInputFromStore(store, {
      datasets,
      datasetDir: (name) => (existsSync(join("data", name)) ? join("data", name) : null),
      codeVersion: codeVersion(),
    });
    if (input.datasets.length === 0) {
      throw AnsatzError.expected(
        "bad-argument",
        "report",
        "a store with results",
        input.notes?.join("; ") || "no data sets",
      );
    }
    return await writeReport(input, out);
  } finally {
    store.close();
  }
}

export function registerReport(program: Command): void {
  program
    .command("report")
    .description(
      "write a self-contained HTML report (spider profiles, trajectories, histograms, spectra, leaderboards) and PNGs",
    )
    .option("--db <path>", "results database", DEFAULT_DB_PATH)
    .option("--out <dir>", "output directory", join("results", "report"))
    .option("--datasets <list>", "comma-separated data set names (default all in the store)")
    .option("--json", "print one JSON object")
    .action(async (opts: { db: string; out: string; datasets?: string; json?: boolean }) => {
      status("rendering charts …");
      const res = await writeStoreReport(
        opts.db,
        opts.out,
        opts.datasets?.split(",").map((s) => s.trim()),
      );
      if (opts.json) return printJson(res);
      process.stdout.write(`report: ${res.html} (${res.pngs.length} PNGs in ${join(opts.out, "png")})\n`);
    });
}
