// Statistics for Ansatz (DESIGN.md, "Core"): moments, quantiles, numpy-exact histograms, MMD,
// energy distance and Gaussian KL divergences. One concept per file under ./stats/; this module
// re-exports them so callers import from "core/stats.ts".
export { energyDistance } from "./stats/energy-distance.ts";
export type { Histogram } from "./stats/histogram.ts";
export { histogram, histogramDensity, linspace } from "./stats/histogram.ts";
export { klGaussian, klGaussian1d } from "./stats/kl-gaussian.ts";
export { logSumExp } from "./stats/log-sum-exp.ts";
export type { MedianBandwidthOptions, Mmd2Options } from "./stats/mmd.ts";
export { medianBandwidth, mmd2 } from "./stats/mmd.ts";
export type { Moments } from "./stats/moments.ts";
export {
  colMeans,
  colVariances,
  covariance,
  kurtosis,
  mean,
  moments,
  skewness,
  std,
  sum,
  variance,
} from "./stats/moments.ts";
export { median, medianSorted, quantile, quantileSorted } from "./stats/quantile.ts";
