// ODE integrators: fixed-step RK4, adaptive Dormand–Prince 5(4) with dense output, and ETDRK4 for
// stiff semilinear problems with diagonal linear part (with a Kuramoto–Sivashinsky solver).
export { type Dopri5Options, type Dopri5Result, dopri5 } from "./dopri5.ts";
export {
  Etdrk4,
  type Etdrk4Coefficients,
  type Etdrk4Options,
  etdrk4Coefficients,
  type SpectralNonlinear,
} from "./etdrk4.ts";
export {
  KuramotoSivashinsky,
  type KuramotoSivashinskyOptions,
  ksInitialCondition,
  kuramotoSivashinsky,
} from "./kuramoto-sivashinsky.ts";
export { type OdeTrajectory, type Rhs, type Rk4Options, Rk4Stepper, rk4 } from "./rk4.ts";
