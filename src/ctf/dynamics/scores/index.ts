// The CTF scores E1–E12 exactly as the reference `ctf4science/eval_module.py` computes them (spec
// ctf.md §2), their clipping and composite (§2.6), and the extras reported beside them.
export {
  type ClippedScore,
  clipScore,
  clipWithRaw,
  compositeScore,
  SCORE_MAX,
  SCORE_MIN,
} from "./clip.ts";
export {
  type DatasetType,
  type EvalParams,
  type EvaluatePairOptions,
  evaluatePair,
  LORENZ_EVAL_PARAMS,
  type PairEvaluation,
  predictionProblem,
  type ScoreProfile,
  SPATIO_TEMPORAL_EVAL_PARAMS,
  scoreAll,
  toScoreSheet,
} from "./evaluate.ts";
export {
  attractorEnergyDistance,
  type EvaluateExtrasOptions,
  EXTRAS_WINDOW,
  evaluateExtras,
  hellingerDistance,
  normalisedErrors,
  type PairExtras,
  spectralHellinger,
  temporalPowerSpectrum,
  VALID_TIME_THRESHOLD,
  type ValidTime,
  validPredictionTime,
} from "./extras.ts";
export {
  type HistogramLongTimeDetails,
  histogramLongTimeDetails,
  histogramLongTimeScore,
} from "./long-time-histogram.ts";
export {
  maxPsdModes,
  type PsdLongTimeDetails,
  psd,
  psdLongTimeDetails,
  psdLongTimeScore,
  type TwiddleTable,
  twiddle,
  twiddleTable,
} from "./long-time-psd.ts";
export { checkScorePair, reconstructionError, reconstructionScore } from "./reconstruction.ts";
export { shortTimeError, shortTimeRows, shortTimeScore } from "./short-time.ts";
