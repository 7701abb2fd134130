// Hamiltonian causal models and entropy production (Rancati, Welling, Locatello, arXiv:2606.04822): library
// API. Spec: shared/specs/hamiltonian-causal.md; see README.md for what is reconstructed from standard theory.
export { polynomialBasis, type VectorBasis } from "./basis.ts";
export { type BinnedOptions, binnedEntropy } from "./binned-entropy.ts";
export {
  EP_MODELS,
  type EpHidden,
  type EpModel,
  type EpModelConfig,
  type EpPublic,
  type EpSubmission,
  entropyProductionChallenge,
  registerEpChallenges,
  runEpChallenge,
  runEpModel,
} from "./challenge.ts";
export { type CrooksCheck, crooksCheck } from "./crooks.ts";
export { driftFitKlRate, fitDrift } from "./drift-fit.ts";
export {
  type AteEstimate,
  ateCumulative,
  ateEndpoint,
  environmentStepKl,
  girsanovKl,
  girsanovLogLikelihoodRatio,
  type PathKlEstimate,
} from "./effects.ts";
export type { EntropyEstimate } from "./entropy-result.ts";
export { type EstimatorName, estimateEffect, estimateEntropyProduction } from "./estimate.ts";
export {
  addControl,
  curlControl,
  type HamiltonianTerm,
  type HcmControl,
  type HcmSpec,
  type HcmVariable,
  harmonicTrap,
  hcmDim,
  intervene,
  type Param,
  toOverdamped,
  toUnderdamped,
} from "./hcm.ts";
export { knownModelEntropy, mediumEntropySteps } from "./known-model-entropy.ts";
export {
  expm,
  type LinearArm,
  type LinearEffects,
  linearEffects,
  lyapunov,
  ou1dTimeDependentEntropy,
  ouEntropyRate,
  ouKernelKlRate,
  ouPairEntropyRate,
  ouStationaryCovariance,
} from "./linear-gaussian.ts";
export { fitLinearNeep, linearNeepEntropy } from "./neep-entropy.ts";
export { type Claim, type ReproResult, reproHamiltonianCausal } from "./repro.ts";
export { estimateDiffusion, sfiEntropy } from "./sfi-entropy.ts";
export {
  type InitialLaw,
  type OverdampedModel,
  type SimulateOptions,
  simulateOverdamped,
  simulateUnderdamped,
  type TimeField,
  type UnderdampedModel,
} from "./simulate.ts";
export {
  gaussianInit,
  type LinearSpec,
  s1DraggedTrap,
  s2DraggedTrapUnderdamped,
  s3CurlTrap,
  s4CurlTrapUnderdamped,
  s5BeadSpring,
  s6Gyrator,
  s7BreathingParabola,
  s8OuVsOu,
  s9Ring,
} from "./systems.ts";
export { type Protocol, workAndHeat } from "./thermodynamics.ts";
export { checkEnsemble, type Ensemble, makeEnsemble, nIncrements, observedTime } from "./trajectory.ts";
export { turEntropy } from "./tur-entropy.ts";
export { turTimeSlices } from "./tur-time-slices.ts";
