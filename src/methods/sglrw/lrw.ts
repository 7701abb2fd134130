// The general (ternary) lattice random walk of the overdamped Langevin SDE dθ = ĝ dt + σ dW, σ = sqrt(2T)
// (Duffield, Aifer, Melanson, Belateche, Coles, "Lattice Random Walk Discretisations of Stochastic
// Differential Equations", arXiv:2508.20883; `ternary_probs` of normal-computing/posteriors
// posteriors/sgmcmc/sglrw.py). Spec sglrw.md §1.2 and §2.1:
//   scaled_var  = clamp(δt σ²/δx², 0, 1)
//   scaled_mean = clamp(δt f/δx, −scaled_var, +scaled_var)
//   p± = ½(scaled_var ± scaled_mean),  p0 = 1 − p+ − p−,   Δ ∈ {−δx, 0, +δx}.
// Unclipped, E[Δ] = δt f and E[Δ²] = δt σ² (moment matching). With δx = σ sqrt(δt) the walk is
// binary (p0 = 0) and equals SGLRW.
import { assertPositive } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { toRng } from "../../core/random.ts";
import {
  checkDiverged,
  checkState,
  initState,
  type LogPosteriorGrad,
  type Sampler,
  type SamplerOptions,
  type SamplerState,
} from "./sampler.ts";
import { checkSchedule, type Schedule, scheduleValue } from "./schedules.ts";

/** Move probabilities of one lattice coordinate. */
export interface TernaryProbs {
  plus: number;
  zero: number;
  minus: number;
}

/** `ternary_probs(drift f, diffusion σ, δt, δx)` of posteriors (spec §2.1), written into `out` if given. */
export function ternaryProbs(
  drift: number,
  diffusion: number,
  lr: number,
  dx: number,
  out: TernaryProbs = { plus: 0, zero: 0, minus: 0 },
): TernaryProbs {
  let v = (lr * diffusion * diffusion) / (dx * dx);
  v = v > 1 ? 1 : Math.max(v, 0);
  let m = (lr * drift) / dx;
  m = m > v ? v : Math.max(m, -v);
  out.plus = 0.5 * (v + m);
  out.minus = 0.5 * (v - m);
  out.zero = 1 - out.plus - out.minus;
  return out;
}

/** Options of the general LRW: those of every sampler plus the spatial step δx. */
export interface LrwOptions extends SamplerOptions {
  /** Lattice spacing δx > 0 (constant or schedule); default sqrt(2Tδt), the binary walk (= SGLRW). */
  dx?: Schedule;
}

/** Builds a ternary lattice-random-walk sampler for dθ = ĝ dt + sqrt(2T) dW (spec §1.2); T must be > 0. */
export function buildLrw<B>(logPosteriorGrad: LogPosteriorGrad<B>, options: LrwOptions): Sampler<B> {
  const temperature = options.temperature ?? 1;
  checkSchedule(options.lr, "lrw lr");
  checkSchedule(temperature, "lrw temperature");
  if (options.dx !== undefined) checkSchedule(options.dx, "lrw dx");
  if (typeof logPosteriorGrad !== "function") {
    throw AnsatzError.expected("bad-argument", "lrw logPosteriorGrad", "a function", typeof logPosteriorGrad);
  }
  const rng = toRng(options.rng);
  const probs: TernaryProbs = { plus: 0, zero: 0, minus: 0 };
  return {
    name: "lrw",
    init: (params) => initState(params, "lrw"),
    update(state: SamplerState, batch: B): SamplerState {
      checkState(state, "lrw");
      const step = state.step;
      const lr = scheduleValue(options.lr, step, "lrw lr");
      const t = scheduleValue(temperature, step, "lrw temperature");
      assertPositive(t, `lrw temperature at step ${step}`);
      const sigma = Math.sqrt(2 * t);
      const dx = options.dx === undefined ? sigma * Math.sqrt(lr) : scheduleValue(options.dx, step, "lrw dx");
      logPosteriorGrad(state.params, batch, state.grad);
      const p = state.params;
      const g = state.grad;
      for (let i = 0; i < p.length; i++) {
        const gi = g[i]!;
        if (Number.isNaN(gi)) checkDiverged(g, "lrw", "gradient", step);
        ternaryProbs(gi, sigma, lr, dx, probs);
        const u = rng.uniform();
        if (u < probs.plus) p[i] = p[i]! + dx;
        else if (u < probs.plus + probs.minus) p[i] = p[i]! - dx;
      }
      checkDiverged(p, "lrw", "params", step);
      state.step++;
      return state;
    },
  };
}
