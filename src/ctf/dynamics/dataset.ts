// A CTF data set on disk, laid out as the reference's (spec ctf.md §1.8): `<dir>/<name>.yaml`,
// `train/X*train.*`, `test/X*test.*` (the hidden truth). Loads the reference's own data sets unchanged
// (their YAML names `.mat` files) as well as ours (`.npy`). Matrices are read lazily, checked against
// `metadata.matrix_shapes`, and cached. A model is only ever handed `pairInputs` (training matrices and
// burn-in); `pairTruth` is for scoring.
import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { formatShape } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import type { Mat } from "../../core/matrix.ts";
import { type DatasetConfig, type DatasetPair, readDatasetYaml } from "../formats/dataset-yaml.ts";
import { readMatrix } from "../formats/matrix-file.ts";
import { getPair, type PairId } from "./pairs.ts";
import type { EvalParams } from "./scores/evaluate.ts";

export interface Dataset {
  dir: string;
  /** The YAML's stem, e.g. `ODE_Lorenz` or `lorenz`. */
  name: string;
  yamlPath: string;
  config: DatasetConfig;
  /** Score parameters from `type` and `evaluation_params`. */
  evalParams: EvalParams;
  deltaT: number;
  /** Lyapunov time in time units, when the YAML's `generator` section states one. */
  lyapunovTime: number | null;
  /** Reads a matrix named in the YAML (from train/ or test/), shape-checked, cached. */
  matrix(file: string): Mat;
}

/** The YAML file of a data set directory: `<dir>/<basename(dir)>.yaml`, else the only `*.yaml` there. */
function findYaml(dir: string): string {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw AnsatzError.expected("bad-file", dir, "a data set directory", "no such directory");
  }
  const own = join(dir, `${basename(dir)}.yaml`);
  if (existsSync(own)) return own;
  const yamls = readdirSync(dir).filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"));
  if (yamls.length !== 1) {
    throw AnsatzError.expected(
      "bad-file",
      dir,
      "one data set YAML (<name>.yaml) in the directory",
      yamls.length ? `${yamls.length}: ${yamls.join(", ")}` : "none",
    );
  }
  return join(dir, yamls[0]!);
}

/** Opens a data set directory (validates its YAML; matrices are read on demand). */
export function loadDataset(dirArg: string): Dataset {
  const dir = resolve(dirArg);
  const yamlPath = findYaml(dir);
  const config = readDatasetYaml(yamlPath);
  const ep = config.evaluation_params;
  const evalParams: EvalParams = {
    kShort: ep.k_short,
    kLong: ep.k_long,
    modes: ep.modes,
    bins: ep.bins ?? 41,
    type: config.type,
  };
  const generator = (config as Record<string, unknown>).generator as Record<string, unknown> | undefined;
  const lyap = generator?.lyapunov_time;
  const cache = new Map<string, Mat>();
  const shapes = config.metadata.matrix_shapes;
  const matrix = (file: string): Mat => {
    const hit = cache.get(file);
    if (hit) return hit;
    const expected = shapes[file];
    if (!expected) {
      throw AnsatzError.expected(
        "bad-config",
        `${yamlPath}: metadata.matrix_shapes`,
        `an entry for ${file}`,
        "none",
      );
    }
    const sub = /test/i.test(file) ? "test" : "train";
    const candidates = [
      join(dir, sub, file),
      join(dir, sub === "test" ? "train" : "test", file),
      join(dir, file),
    ];
    const path = candidates.find((p) => existsSync(p));
    if (!path) {
      throw AnsatzError.expected(
        "bad-file",
        join(dir, sub, file),
        `the matrix ${file} listed in ${basename(yamlPath)}`,
        "no such file",
      );
    }
    const m = readMatrix(path);
    if (m.rows !== expected[0] || m.cols !== expected[1]) {
      throw AnsatzError.expected(
        "bad-shape",
        path,
        `shape ${formatShape(expected)} (metadata.matrix_shapes in ${basename(yamlPath)})`,
        `shape ${formatShape(m.shape)}`,
      );
    }
    cache.set(file, m);
    return m;
  };
  return {
    dir,
    name: basename(yamlPath).replace(/\.ya?ml$/, ""),
    yamlPath,
    config,
    evalParams,
    deltaT: config.metadata.delta_t,
    lyapunovTime: typeof lyap === "number" && lyap > 0 ? lyap : null,
    matrix,
  };
}

/** The YAML's entry for a pair (its file names), or an error naming the YAML. */
export function datasetPair(ds: Dataset, pair: number): DatasetPair {
  const spec = getPair(pair);
  const entry = ds.config.pairs.find((p) => p.id === spec.id);
  if (!entry) {
    const have = ds.config.pairs.map((p) => p.id).join(", ");
    throw AnsatzError.expected(
      "bad-config",
      `${ds.yamlPath}: pairs`,
      `an entry with id ${pair}`,
      `ids ${have}`,
    );
  }
  return entry;
}

/** What a model receives for a pair: the training matrices and, for pairs 8/9, the burn-in. Never the truth. */
export interface PairInputs {
  pair: PairId;
  train: Mat[];
  burnIn: Mat | null;
  /** Shape the prediction must have (the hidden truth's, from the YAML metadata). */
  predictionShape: [number, number];
  /** Absolute times of the prediction rows, t[i] = (start + i)·Δt (§1.3). */
  predictionTimes: Float64Array;
  /** Absolute times of each training matrix's rows. */
  trainTimes: Float64Array[];
}

/** t[i] = (start + i)·Δt for a matrix of the data set (spec §1.3). */
export function matrixTimesOf(ds: Dataset, file: string): Float64Array {
  const start = ds.config.metadata.matrix_start_index[file]!;
  const rows = ds.config.metadata.matrix_shapes[file]![0];
  const t = new Float64Array(rows);
  for (let i = 0; i < rows; i++) t[i] = (start + i) * ds.deltaT;
  return t;
}

export function pairInputs(ds: Dataset, pair: number): PairInputs {
  const entry = datasetPair(ds, pair);
  const shape = ds.config.metadata.matrix_shapes[entry.test]!;
  return {
    pair: getPair(pair).id,
    train: entry.train.map((f) => ds.matrix(f)),
    burnIn: entry.initialization ? ds.matrix(entry.initialization) : null,
    predictionShape: [shape[0], shape[1]],
    predictionTimes: matrixTimesOf(ds, entry.test),
    trainTimes: entry.train.map((f) => matrixTimesOf(ds, f)),
  };
}

/** The hidden truth of a pair (for scoring only). */
export function pairTruth(ds: Dataset, pair: number): Mat {
  return ds.matrix(datasetPair(ds, pair).test);
}
