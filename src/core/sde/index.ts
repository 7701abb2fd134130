// SDE integrators (DESIGN.md, "Core"): Euler–Maruyama for diagonal-noise Itô SDEs and the BAOAB
// splitting for underdamped Langevin dynamics, each with a whole-trajectory and a step-level API.
export type { BaoabOptions, BaoabState, ForceField, LangevinSystem } from "./baoab.ts";
export { baoab, baoabInit, baoabStep } from "./baoab.ts";
export type {
  Diffusion,
  EulerMaruyamaOptions,
  EulerMaruyamaSystem,
  EulerMaruyamaWork,
  SdeVectorField,
} from "./euler-maruyama.ts";
export { eulerMaruyama, eulerMaruyamaStep, eulerMaruyamaWork } from "./euler-maruyama.ts";
