// `ansatz ctf …`: the common task framework's dynamical-systems family — generate data sets in the
// reference layout, score one pair or a whole submission (E1–E12 exactly as ctf4science computes them).
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { AnsatzError } from "../../core/errors.ts";
import { loadDataset, pairInputs } from "../../ctf/dynamics/dataset.ts";
import { defaultDatasetDir, writeDataset } from "../../ctf/dynamics/dataset-writer.ts";
import { getPair } from "../../ctf/dynamics/pairs.ts";
import {
  readPredictions,
  readPredictionsDir,
  scorePair,
  scoreSubmission,
} from "../../ctf/dynamics/score-dataset.ts";
import { getSystem, SYSTEMS, systemIds } from "../../ctf/dynamics/systems/registry.ts";
import { writeKaggleCsv } from "../../ctf/formats/kaggle-csv.ts";
import { readMatrix } from "../../ctf/formats/matrix-file.ts";
import { fmt, formatTable, printJson } from "../output.ts";
import { progressBar } from "../progress.ts";
import { registerCtfRun } from "./ctf-run.ts";

const DATA_ROOT = "data";

/** A data set argument: an existing directory, or a name under data/ (`lorenz`, `ks-full`). */
export function resolveDatasetDir(arg: string): string {
  if (existsSync(arg) && statSync(arg).isDirectory()) return arg;
  const under = join(DATA_ROOT, arg);
  if (existsSync(under)) return under;
  const base = arg.replace(/-full$/, "");
  const hint = systemIds().includes(base)
    ? `; generate it with \`ansatz ctf generate ${base}${arg.endsWith("-full") ? " --size full" : ""}\``
    : `; known systems: ${systemIds().join(", ")}`;
  throw AnsatzError.expected(
    "bad-argument",
    "--dataset",
    `a data set directory or a generated name under ${DATA_ROOT}/`,
    `"${arg}"${hint}`,
  );
}

function parseSeed(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n))
    throw AnsatzError.expected("bad-argument", "--seed", "an integer", JSON.stringify(v));
  return n;
}

function parsePairOption(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 9)
    throw AnsatzError.expected("bad-argument", "--pair", "an integer 1–9", JSON.stringify(v));
  return n;
}

function registerGenerate(ctf: Command): void {
  ctf
    .command("generate")
    .description(
      "generate a data set in the reference layout (YAML + train/ + test/ .npy), cached by system, size and seed",
    )
    .argument("<name>", `the system: ${systemIds().join(", ")}`)
    .option(
      "--size <size>",
      "quick (short matrices, for tests and the main job) or full (the reference shapes)",
      "quick",
    )
    .option("--seed <n>", "random seed (initial conditions and noise)", parseSeed, 0)
    .option("--out <dir>", "target directory (default data/<name>, or data/<name>-full for --size full)")
    .option("--json", "print one JSON object")
    .action((name: string, opts: { size: string; seed: number; out?: string; json?: boolean }) => {
      const system = getSystem(name);
      if (opts.size !== "quick" && opts.size !== "full") {
        throw AnsatzError.expected("bad-argument", "--size", "quick or full", JSON.stringify(opts.size));
      }
      const size = opts.size;
      const dir = opts.out ?? defaultDatasetDir(system.id, size, DATA_ROOT);
      const bar = progressBar(`generate ${system.id}`);
      const t0 = performance.now();
      const res = writeDataset(system, { size, seed: opts.seed, dir, onProgress: bar.update });
      bar.done();
      const seconds = (performance.now() - t0) / 1000;
      const out = { dataset: system.id, dir: res.dir, size, seed: opts.seed, cached: res.cached, seconds };
      if (opts.json) return printJson(out);
      process.stdout.write(
        res.cached
          ? `${res.dir}: already generated (${system.id}, ${size}, seed ${opts.seed}); nothing to do\n`
          : `${res.dir}: generated ${system.title} (${size}, seed ${opts.seed}) in ${seconds.toFixed(1)} s\n`,
      );
    });
}

function registerScore(ctf: Command): void {
  ctf
    .command("score")
    .description("score one pair's prediction against the hidden truth (only that pair's metrics)")
    .requiredOption("--dataset <name|dir>", "a data set directory, or a generated name under data/")
    .requiredOption("--pair <n>", "the pair, 1–9", parsePairOption)
    .requiredOption("--pred <file>", "the prediction matrix (.npy, .npz, .mat or .csv), time × space")
    .option("--truth <file>", "score against this matrix instead of the data set's hidden test matrix")
    .option("--json", 'print one JSON object {"pair", "metrics", "E", "notes"}')
    .action((opts: { dataset: string; pair: number; pred: string; truth?: string; json?: boolean }) => {
      const ds = loadDataset(resolveDatasetDir(opts.dataset));
      const pred = readMatrix(opts.pred);
      const truth = opts.truth ? readMatrix(opts.truth) : undefined;
      const ev = scorePair(ds, opts.pair, pred, truth);
      const out = { pair: ev.pair, metrics: ev.metrics, E: ev.E, notes: ev.notes };
      if (opts.json) return printJson(out);
      const spec = getPair(opts.pair);
      const rows = spec.metrics.map((m, i) => [
        m,
        spec.e[i]!,
        fmt(ev.metrics[m] ?? Number.NaN, 6),
        fmt(ev.E[spec.e[i]!] ?? Number.NaN, 6),
      ]);
      process.stdout.write(
        `${ds.name}, pair ${ev.pair} (${spec.title})\n${formatTable(["metric", "score", "value", "clipped"], rows)}\n`,
      );
      for (const n of ev.notes) process.stdout.write(`note: ${n}\n`);
    });
}

function registerScoreAll(ctf: Command): void {
  ctf
    .command("score-all")
    .description("score a whole submission: E1–E12, the composite, and diagnostics beyond the reference")
    .requiredOption("--dataset <name|dir>", "a data set directory, or a generated name under data/")
    .requiredOption(
      "--predictions <path>",
      "a directory with X1pred … X9pred (.npy/.npz/.mat/.csv) or a Kaggle CSV",
    )
    .option(
      "--lyapunov-time <t>",
      "Lyapunov time for the valid prediction time (default: the data set's, if stated)",
      Number,
    )
    .option("--json", "print one JSON object")
    .action((opts: { dataset: string; predictions: string; lyapunovTime?: number; json?: boolean }) => {
      if (opts.lyapunovTime !== undefined && !(opts.lyapunovTime > 0)) {
        throw AnsatzError.expected(
          "bad-argument",
          "--lyapunov-time",
          "a number > 0",
          String(opts.lyapunovTime),
        );
      }
      const ds = loadDataset(resolveDatasetDir(opts.dataset));
      const preds = readPredictions(ds, opts.predictions);
      const res = scoreSubmission(ds, preds, { lyapunovTime: opts.lyapunovTime });
      const extras = res.extras.map((x) => ({
        pair: x.pair,
        validTimeLyapunov: x.validTime?.lyapunovTimes ?? null,
        validTimeCensored: x.validTime?.censored ?? null,
        spectralHellinger: x.spectralHellinger,
        attractorEnergyDistance: x.attractorEnergyDistance,
      }));
      const notes = [...res.profile.notes, ...res.extras.flatMap((x) => x.notes)];
      if (opts.json) {
        return printJson({
          dataset: ds.name,
          E: res.profile.E,
          composite: res.profile.composite,
          raw: res.profile.raw,
          pairs: res.pairs.map((p) => ({ pair: p.pair, metrics: p.metrics, valid: p.valid })),
          extras,
          notes,
        });
      }
      const eRows = Object.entries(res.profile.E).map(([e, v]) => [e, fmt(v, 6)]);
      const xRows = extras.map((x) => [
        String(x.pair),
        x.validTimeLyapunov === null
          ? "–"
          : `${x.validTimeCensored ? "≥ " : ""}${fmt(x.validTimeLyapunov, 4)}`,
        x.spectralHellinger === null ? "–" : fmt(x.spectralHellinger, 4),
        x.attractorEnergyDistance === null ? "–" : fmt(x.attractorEnergyDistance, 4),
      ]);
      process.stdout.write(
        `${ds.name}: composite ${fmt(res.profile.composite, 6)} (mean of E1–E12, each clipped to [−100, 100])\n\n` +
          `${formatTable(["score", "value"], eRows)}\n\nBeyond the reference (not in the composite):\n` +
          `${formatTable(["pair", "valid time (Lyapunov times)", "spectral Hellinger", "attractor energy distance"], xRows)}\n`,
      );
      for (const n of notes) process.stdout.write(`note: ${n}\n`);
    });
}

function registerSystems(ctf: Command): void {
  ctf
    .command("systems")
    .description(
      "the systems `generate` knows: equations, Δt, integrator, and our noise levels and parameter values",
    )
    .option("--json", "print one JSON object")
    .action((opts: { json?: boolean }) => {
      const rows = SYSTEMS.map((s) => ({
        id: s.id,
        title: s.title,
        type: s.type,
        equations: s.equations,
        deltaT: s.dt,
        dimension: s.dimension,
        integrator: s.integrator,
        parameter: s.parameter.name,
        default: s.parameter.default,
        parametric: s.parameter.parametric,
        noise: { medium: s.noise.medium, high: s.noise.high, relativeTo: s.noise.reference },
        lyapunovTime: s.lyapunovTime?.value ?? null,
      }));
      if (opts.json) return printJson({ systems: rows });
      const table = formatTable(
        [
          "id",
          "type",
          "Δt",
          "dim",
          "param",
          "X1–X5",
          "X6, X7, X8",
          "pair 8",
          "pair 9",
          "noise (medium, high) × std",
        ],
        rows.map((r) => [
          r.id,
          r.type,
          String(r.deltaT),
          String(r.dimension),
          r.parameter,
          String(r.default),
          r.parametric.train.join(", "),
          String(r.parametric.interpolation),
          String(r.parametric.extrapolation),
          `${r.noise.medium}, ${r.noise.high} (${r.noise.relativeTo})`,
        ]),
      );
      process.stdout.write(
        `${table}\n\nNoise levels and parametric values are ours: the reference does not publish them.\n`,
      );
    });
}

function registerExportKaggle(ctf: Command): void {
  ctf
    .command("export-kaggle")
    .description(
      "write predictions X1pred … X9pred as a Kaggle submission CSV (id,pair_id,timestep,features…)",
    )
    .requiredOption("--dataset <name|dir>", "the data set the predictions are for (gives the timesteps)")
    .requiredOption("--predictions <dir>", "a directory with X1pred … X9pred (.npy/.npz/.mat/.csv)")
    .requiredOption("--out <file.csv>", "the CSV to write (atomically)")
    .option("--json", "print one JSON object")
    .action((opts: { dataset: string; predictions: string; out: string; json?: boolean }) => {
      const ds = loadDataset(resolveDatasetDir(opts.dataset));
      const preds = readPredictionsDir(opts.predictions);
      const pairs = [...preds.entries()].map(([pairId, prediction]) => ({
        pairId,
        timesteps: pairInputs(ds, pairId).predictionTimes,
        prediction,
      }));
      writeKaggleCsv(opts.out, pairs);
      const rows = pairs.reduce((n, p) => n + p.prediction.rows, 0);
      if (opts.json) return printJson({ out: opts.out, pairs: pairs.map((p) => p.pairId), rows });
      process.stdout.write(`${opts.out}: ${rows} rows for pairs ${pairs.map((p) => p.pairId).join(", ")}\n`);
    });
}

export function registerCtf(program: Command): void {
  const ctf = program
    .command("ctf")
    .description(
      "the common task framework for dynamical systems: generate data sets, score predictions (E1–E12)",
    );
  registerGenerate(ctf);
  registerScore(ctf);
  registerScoreAll(ctf);
  registerExportKaggle(ctf);
  registerSystems(ctf);
  registerCtfRun(ctf);
}
