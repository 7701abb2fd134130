// `ansatz sglrw sample`: posterior sampling of Bayesian linear or logistic regression from a CSV file with
// SGLRW or a baseline sampler (issue 7 item 6). CSV with a header line; the last column is the target, the
// others the features, and an intercept column is prepended. Prior N(0, v I); linear regression with known
// noise variance s². Without --lr/--steps they are chosen from the data (src/methods/sglrw/chain.ts
// chooseSettings) and reported on stderr and as `chosen` in the JSON.
import type { Command } from "commander";
import { AnsatzError } from "../../core/errors.ts";
import { Mat } from "../../core/matrix.ts";
import { readCsv } from "../../ctf/formats/csv.ts";
import { SAMPLER_NAMES, type SamplerName } from "../../methods/sglrw/chain.ts";
import { type RegressionModel, samplePosterior } from "../../methods/sglrw/sample-posterior.ts";
import type { RegressionData } from "../../methods/sglrw/targets/linear-regression.ts";
import { intOption, numberOption } from "../options.ts";
import { fmt, formatTable, printJson } from "../output.ts";

/** Reads a regression CSV (header, last column target) into a design matrix with an intercept column. */
export function readRegressionCsv(path: string): { data: RegressionData; parameters: string[] } {
  const { columns, mat } = readCsv(path, { header: true });
  const names = columns ?? [];
  if (mat.cols < 1 || mat.rows < 1) {
    throw AnsatzError.expected(
      "bad-file",
      path,
      "a header and at least one data row (features…, target)",
      `${mat.rows} rows × ${mat.cols} columns`,
    );
  }
  for (let i = 0; i < mat.rows; i++) {
    for (let j = 0; j < mat.cols; j++) {
      const v = mat.data[i * mat.cols + j]!;
      if (!Number.isFinite(v)) {
        throw AnsatzError.expected(
          "bad-file",
          `${path}: row ${i + 1}, column ${j + 1}${names[j] !== undefined ? ` ('${names[j]}')` : ""}`,
          "a finite number",
          String(v),
        );
      }
    }
  }
  const n = mat.rows;
  const f = mat.cols - 1;
  const d = f + 1;
  const X = new Mat(n, d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    X.data[i * d] = 1;
    for (let j = 0; j < f; j++) X.data[i * d + 1 + j] = mat.data[i * mat.cols + j]!;
    y[i] = mat.data[i * mat.cols + f]!;
  }
  const parameters = ["intercept", ...names.slice(0, f).map((c, j) => c || `x${j + 1}`)];
  return { data: { X, y }, parameters };
}

interface SampleOpts {
  data: string;
  model: string;
  sampler: string;
  batch?: number;
  steps?: number;
  lr?: number;
  priorVar: number;
  noiseVar: number;
  seed: number;
  json?: boolean;
}

/** Adds `ansatz sglrw sample` to `program`. */
export function registerSglrwCli(program: Command): void {
  const sglrw = program
    .command("sglrw")
    .description("stochastic-gradient lattice random walk (SGLRW) posterior sampling");
  sglrw
    .command("sample")
    .description(
      "sample the posterior of Bayesian linear/logistic regression on a CSV (header; last column the target; an intercept is added)",
    )
    .requiredOption("--data <file.csv>", "CSV with a header line: features…, target")
    .requiredOption("--model <model>", "linear-regression or logistic-regression")
    .option("--sampler <name>", `one of ${SAMPLER_NAMES.join(", ")}`, "sglrw")
    .option("--batch <B>", "minibatch size (default: all rows)", intOption("--batch", 1))
    .option("--steps <N>", "number of updates (default: chosen from the data)", intOption("--steps", 2))
    .option("--lr <δt>", "step size > 0 (default: chosen from the data)", numberOption("--lr", true))
    .option("--prior-var <v>", "prior variance: θ ~ N(0, v I)", numberOption("--prior-var", true), 1)
    .option(
      "--noise-var <s2>",
      "known noise variance (linear regression)",
      numberOption("--noise-var", true),
      1,
    )
    .option("--seed <S>", "random seed", intOption("--seed", 0), 0)
    .option("--json", 'print one JSON object {"mean", "cov", "samples", …}')
    .action((opts: SampleOpts) => {
      if (opts.model !== "linear-regression" && opts.model !== "logistic-regression") {
        throw AnsatzError.expected(
          "bad-argument",
          "--model",
          "linear-regression or logistic-regression",
          JSON.stringify(opts.model),
        );
      }
      if (!(SAMPLER_NAMES as readonly string[]).includes(opts.sampler)) {
        throw AnsatzError.expected(
          "bad-argument",
          "--sampler",
          `one of ${SAMPLER_NAMES.join(", ")}`,
          JSON.stringify(opts.sampler),
        );
      }
      const { data, parameters } = readRegressionCsv(opts.data);
      const r = samplePosterior(data, {
        model: opts.model as RegressionModel,
        sampler: opts.sampler as SamplerName,
        batch: opts.batch,
        lr: opts.lr,
        steps: opts.steps,
        priorVar: opts.priorVar,
        noiseVar: opts.noiseVar,
        seed: opts.seed,
      });
      if (r.chosen) {
        const parts = [
          r.chosen.lr !== undefined ? `--lr ${fmt(r.chosen.lr)}` : "",
          r.chosen.steps !== undefined ? `--steps ${r.chosen.steps}` : "",
        ].filter(Boolean);
        process.stderr.write(
          `sglrw sample: chose ${parts.join(" ")} (burn-in ${r.chosen.burnIn}; precision eigenvalues ${fmt(r.chosen.lambdaMin)}..${fmt(r.chosen.lambdaMax)}; ${r.chosen.rule})\n`,
        );
      }
      const d = r.mean.length;
      const cov: number[][] = [];
      for (let i = 0; i < d; i++) cov.push(Array.from(r.cov.data.subarray(i * d, (i + 1) * d)));
      const out = {
        mean: Array.from(r.mean),
        cov,
        samples: r.samples,
        parameters,
        sampler: opts.sampler,
        model: opts.model,
        lr: r.lr,
        steps: r.steps,
        ...(r.chosen ? { chosen: r.chosen } : {}),
      };
      if (opts.json) return printJson(out);
      const rows = parameters.map((p, i) => [p, fmt(r.mean[i]!), fmt(Math.sqrt(r.cov.data[i * d + i]!))]);
      process.stdout.write(
        `${formatTable(["parameter", "mean", "sd"], rows)}\n${r.samples} samples (${opts.sampler}, lr ${fmt(r.lr)}, ${r.steps} steps)\n`,
      );
    });
}
