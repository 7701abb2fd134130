// The input contract of the CTF HTML report (DESIGN.md, "Leaderboard / report"; spec ctf.md §2.6–2.7,
// §3 "Reports"): per data set a leaderboard of E1…E12 (each clipped to [−100, 100]), the composite (their
// mean) with its std over seeds, and a few example forecasts (truth, prediction, times) to plot. The store
// and runner produce these values; the report only draws them. `checkReportInput` enforces the contract.
import { assertFiniteNumber, assertInt, assertNonNegative, assertPositive } from "../core/check.ts";
import { AnsatzError } from "../core/errors.ts";
import type { Mat } from "../core/matrix.ts";

/** The twelve CTF score names, in order (spec ctf.md §1.2). */
export const E_NAMES = ["E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9", "E10", "E11", "E12"] as const;

/** One of E1 … E12. */
export type EName = (typeof E_NAMES)[number];

/** One leaderboard row: a model's twelve scores, composite (mean of E1…E12), std over seeds and seed count. */
export interface LeaderboardRow {
  model: string;
  E: Record<EName, number>;
  composite: number;
  /** Standard deviation of the composite over seeds; null when fewer than the runs needed for one. */
  std: number | null;
  seeds: number;
}

/** One example forecast to plot: truth and prediction (time × space, same shape) at the given times. */
export interface ExampleForecast {
  model: string;
  pair: number;
  truth: Mat;
  pred: Mat;
  /** Physical time of each row (length = truth.rows). */
  times: Float64Array;
}

/** Everything the report shows about one data set. */
export interface ReportDataset {
  name: string;
  type: "dynamical" | "spatio-temporal";
  deltaT: number;
  leaderboard: LeaderboardRow[];
  /** Example forecasts to plot (e.g. pair 1 and pair 8, seed 0, for the top models). */
  examples: ExampleForecast[];
}

/** The whole report. */
export interface ReportInput {
  title: string;
  /** When the results were produced (ISO 8601 recommended); shown verbatim. */
  generatedAt: string;
  /** Code version (e.g. a git commit) that produced the results; shown verbatim. */
  codeVersion: string;
  datasets: ReportDataset[];
  notes?: string[];
}

function fail(
  code: "bad-value" | "not-finite" | "bad-shape",
  where: string,
  expected: string,
  found: string,
): never {
  throw AnsatzError.expected(code, where, expected, found);
}

/** Checks a ReportInput against the contract; throws an AnsatzError naming the first bad field. */
export function checkReportInput(input: ReportInput): void {
  if (typeof input.title !== "string") fail("bad-value", "report.title", "a string", typeof input.title);
  if (typeof input.generatedAt !== "string") {
    fail("bad-value", "report.generatedAt", "a string", typeof input.generatedAt);
  }
  if (typeof input.codeVersion !== "string") {
    fail("bad-value", "report.codeVersion", "a string", typeof input.codeVersion);
  }
  if (!Array.isArray(input.datasets)) fail("bad-value", "report.datasets", "an array", typeof input.datasets);
  if (
    input.notes !== undefined &&
    !(Array.isArray(input.notes) && input.notes.every((n) => typeof n === "string"))
  ) {
    fail("bad-value", "report.notes", "an array of strings", JSON.stringify(input.notes));
  }
  const names = new Set<string>();
  input.datasets.forEach((ds, d) => {
    const w = `report.datasets[${d}]`;
    if (typeof ds.name !== "string" || ds.name.length === 0) {
      fail("bad-value", `${w}.name`, "a non-empty string", JSON.stringify(ds.name));
    }
    if (names.has(ds.name)) fail("bad-value", `${w}.name`, "a name not used by another data set", ds.name);
    names.add(ds.name);
    if (ds.type !== "dynamical" && ds.type !== "spatio-temporal") {
      fail("bad-value", `${w}.type`, '"dynamical" or "spatio-temporal"', JSON.stringify(ds.type));
    }
    assertPositive(ds.deltaT, `${w}.deltaT`);
    if (!Array.isArray(ds.leaderboard))
      fail("bad-value", `${w}.leaderboard`, "an array", typeof ds.leaderboard);
    if (!Array.isArray(ds.examples)) fail("bad-value", `${w}.examples`, "an array", typeof ds.examples);
    const models = new Set<string>();
    ds.leaderboard.forEach((row, i) => {
      const wr = `${w}.leaderboard[${i}]`;
      if (typeof row.model !== "string" || row.model.length === 0) {
        fail("bad-value", `${wr}.model`, "a non-empty string", JSON.stringify(row.model));
      }
      if (models.has(row.model)) fail("bad-value", `${wr}.model`, "one row per model", `${row.model} twice`);
      models.add(row.model);
      for (const e of E_NAMES) assertFiniteNumber(row.E?.[e], `${wr}.E.${e}`);
      assertFiniteNumber(row.composite, `${wr}.composite`);
      if (row.std !== null) assertNonNegative(row.std, `${wr}.std`);
      assertInt(row.seeds, `${wr}.seeds`, 0);
    });
    ds.examples.forEach((ex, i) => {
      const we = `${w}.examples[${i}]`;
      if (typeof ex.model !== "string" || ex.model.length === 0) {
        fail("bad-value", `${we}.model`, "a non-empty string", JSON.stringify(ex.model));
      }
      assertInt(ex.pair, `${we}.pair`, 1);
      if (ex.truth.rows !== ex.pred.rows || ex.truth.cols !== ex.pred.cols) {
        fail(
          "bad-shape",
          `${we}.pred`,
          `the truth's shape [${ex.truth.rows}, ${ex.truth.cols}]`,
          `shape [${ex.pred.rows}, ${ex.pred.cols}]`,
        );
      }
      if (ex.times.length !== ex.truth.rows) {
        fail(
          "bad-shape",
          `${we}.times`,
          `length ${ex.truth.rows} (one per truth row)`,
          `length ${ex.times.length}`,
        );
      }
    });
  });
}
