// The forecast kind of CTF model (DESIGN.md "Framework"; spec ctf.md §1.2, §2.9): a model receives
// the training matrices and pair metadata of one pair and returns a matrix of the requested shape:
//   - forecast pairs (1, 3, 5, 6, 7): continue from the end of the (last) training matrix;
//   - reconstruction pairs (2, 4): denoise the SAME window as the training matrix;
//   - parametric pairs (8, 9): three training matrices at known parameter values; the burn-in (the
//     last rows before the test window, at the unseen parameter) is given; forecast from its end.
// The hidden truth never reaches a model: `forecastTask` builds the task from `pairInputs` only.
import type { Mat } from "../../core/matrix.ts";
import { Rng } from "../../core/random.ts";
import type { Model } from "../model.ts";
import { type Dataset, datasetPair, pairInputs } from "./dataset.ts";
import { getPair, type PairId } from "./pairs.ts";

export interface ForecastTask {
  /** Data set name (e.g. `lorenz`, `ODE_Lorenz`). */
  dataset: string;
  datasetType: "dynamical" | "spatio-temporal";
  pair: PairId;
  task: "forecast" | "reconstruct" | "forecast-parametric";
  /** Training matrices (time × space), in the pair's order. */
  train: Mat[];
  /** Absolute times of each training matrix's rows. */
  trainTimes: Float64Array[];
  /** Parameter value of each training matrix when the data set states it (ours do), else null. */
  trainParams: (number | null)[];
  /** Pairs 8/9: the burn-in rows immediately before the prediction window (unseen parameter). */
  burnIn: Mat | null;
  /** Rows × columns the prediction must have. */
  predictionShape: [number, number];
  /** Absolute times of the prediction rows. */
  predictionTimes: Float64Array;
  deltaT: number;
  /** The run's seed (models that draw random numbers use `rng`, seeded from it). */
  seed: number;
  rng: Rng;
  /** Progress of long fits (0…1), shown by the runner. */
  onProgress?: (fraction: number, message?: string) => void;
}

/** A model that enters forecast challenges. */
export interface ForecastModel<Config = Record<string, unknown>> extends Model<Config> {
  kind: "forecast";
  /** Pair ids the model can do (default all); others are recorded as skipped. */
  pairs?: readonly PairId[];
  predict(task: ForecastTask, config: Config): Mat | Promise<Mat>;
}

/** The task of one pair of a data set for a model (never the truth). */
export function forecastTask(ds: Dataset, pair: number, seed: number): ForecastTask {
  const inputs = pairInputs(ds, pair);
  const entry = datasetPair(ds, pair);
  const generator = (ds.config as Record<string, unknown>).generator as
    | { parameter_values?: Record<string, number> }
    | undefined;
  return {
    dataset: ds.name,
    datasetType: ds.config.type,
    pair: inputs.pair,
    task: getPair(pair).task,
    train: inputs.train,
    trainTimes: inputs.trainTimes,
    trainParams: entry.train.map((f) => generator?.parameter_values?.[f] ?? null),
    burnIn: inputs.burnIn,
    predictionShape: inputs.predictionShape,
    predictionTimes: inputs.predictionTimes,
    deltaT: ds.deltaT,
    seed,
    rng: new Rng(seed),
  };
}
