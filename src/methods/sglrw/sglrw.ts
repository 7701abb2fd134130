// SGLRW: the stochastic-gradient lattice random walk (Mensch et al., "Robust Stochastic Gradient Posterior
// Sampling with Lattice Based Discretisation", arXiv:2602.15925; reference code normal-computing/posteriors
// posteriors/sgmcmc/sglrw.py). Spec sglrw.md §2.1, per step with lr = δt and ĝ = ∇ log p(θ, batch):
//   δx = sqrt(2 T δt);   q_i = clip(δt ĝ_i / δx, −1, 1);   p_{+,i} = ½(1 + q_i)
//   θ_i ← θ_i + δx · (+1 if U_i < p_{+,i} else −1),   U_i ~ Uniform(0, 1) i.i.d.
// It is the binary (p0 = 0) lattice random walk of the overdamped Langevin SDE dθ = ĝ dt + sqrt(2T) dW
// (spec §1.2–1.3): E[Δ_i] = δt ĝ_i when unclipped and Δ_i² = δx² = 2Tδt exactly, whatever ĝ is (§2.3).
import { assertPositive } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { type Rng, toRng } from "../../core/random.ts";
import {
  checkDiverged,
  checkState,
  initState,
  type LogPosteriorGrad,
  type Sampler,
  type SamplerOptions,
  type SamplerState,
} from "./sampler.ts";
import { checkSchedule, scheduleValue } from "./schedules.ts";

/** The clipped drift ratio q = clip(δt ĝ / δx, −1, 1) with δx = sqrt(2Tδt) (spec §2.1); p+ = ½(1 + q). */
export function sglrwQ(grad: number, lr: number, temperature: number): number {
  const q = grad * Math.sqrt(lr / (2 * temperature));
  return q > 1 ? 1 : Math.max(q, -1);
}

/** Probability of the +δx move, p+ = ½(1 + clip(δt ĝ/δx, −1, 1)) (spec §2.1). */
export function sglrwProbPlus(grad: number, lr: number, temperature: number): number {
  return 0.5 * (1 + sglrwQ(grad, lr, temperature));
}

/**
 * One SGLRW move of `params` in place given the gradient `grad` (spec §2.1): each coordinate moves by
 * ±sqrt(2Tδt). A NaN gradient coordinate throws `diverged` (it has no defined probability).
 */
export function sglrwStep(
  params: Float64Array,
  grad: Float64Array,
  lr: number,
  temperature: number,
  rng: Rng,
  step = 0,
): void {
  const dx = Math.sqrt(2 * temperature * lr);
  const c = Math.sqrt(lr / (2 * temperature));
  for (let i = 0; i < params.length; i++) {
    let q = grad[i]! * c;
    if (Number.isNaN(q)) checkDiverged(grad, "sglrw", "gradient", step);
    q = q > 1 ? 1 : Math.max(q, -1);
    params[i] = params[i]! + (rng.uniform() < 0.5 * (1 + q) ? dx : -dx);
  }
}

/** Builds an SGLRW sampler (posteriors `sglrw.build(log_posterior, lr, temperature)`); T must be > 0. */
export function buildSglrw<B>(logPosteriorGrad: LogPosteriorGrad<B>, options: SamplerOptions): Sampler<B> {
  const temperature = options.temperature ?? 1;
  checkSchedule(options.lr, "sglrw lr");
  checkSchedule(temperature, "sglrw temperature");
  if (typeof logPosteriorGrad !== "function") {
    throw AnsatzError.expected(
      "bad-argument",
      "sglrw logPosteriorGrad",
      "a function",
      typeof logPosteriorGrad,
    );
  }
  const rng = toRng(options.rng);
  return {
    name: "sglrw",
    init: (params) => initState(params, "sglrw"),
    update(state: SamplerState, batch: B): SamplerState {
      checkState(state, "sglrw");
      const lr = scheduleValue(options.lr, state.step, "sglrw lr");
      const t = scheduleValue(temperature, state.step, "sglrw temperature");
      assertPositive(t, `sglrw temperature at step ${state.step}`);
      logPosteriorGrad(state.params, batch, state.grad);
      sglrwStep(state.params, state.grad, lr, t, rng, state.step);
      checkDiverged(state.params, "sglrw", "params", state.step);
      state.step++;
      return state;
    },
  };
}
