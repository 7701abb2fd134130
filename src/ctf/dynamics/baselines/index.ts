// The CTF dynamics baselines of this folder as one list: naive (zeros, average, last), the
// Savitzky–Golay / Fourier denoiser, exact DMD and Hankel DMD (spec ctf.md §2.11).
import type { ForecastModel } from "../forecast-model.ts";
import { dmdModel } from "./dmd.ts";
import { hankelDmdModel } from "./hankel-dmd.ts";
import { averageModel, lastModel, zerosModel } from "./naive.ts";
import { smoothingDenoiserModel } from "./smoothing.ts";

export { type DmdConfig, dmdModel } from "./dmd.ts";
export { type HankelDmdConfig, hankelDmdModel } from "./hankel-dmd.ts";
export { averageModel, lastModel, type NaiveConfig, zerosModel } from "./naive.ts";
export { type SmoothingConfig, smoothingDenoiserModel } from "./smoothing.ts";

/** The naive models, the denoiser, DMD and Hankel DMD (the lead merges this into BASELINE_MODELS). */
export const DMD_AND_NAIVE_MODELS: ForecastModel[] = [
  zerosModel,
  averageModel,
  lastModel,
  smoothingDenoiserModel,
  dmdModel,
  hankelDmdModel,
] as ForecastModel[];

/** All baselines of this folder (for now the list above; the lead merges SINDy, NG-RC, ESN, GRU). */
export const BASELINE_MODELS: ForecastModel[] = [...DMD_AND_NAIVE_MODELS];
