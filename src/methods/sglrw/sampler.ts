// The one interface of the stochastic-gradient samplers, in the style of the `posteriors` library
// (normal-computing/posteriors, posteriors/types.py `Transform`: `build(log_posterior, …)` returns
// `init(params)` and `update(state, batch)`), over Float64Array parameters (spec sglrw.md §5 anchors).
// Here the user supplies the *gradient* of the (stochastic) log posterior, since Ansatz's small models
// have hand-written gradients. `update` works in place (posteriors' `inplace=True`) and returns the state.
import { AnsatzError } from "../../core/errors.ts";
import type { Rng } from "../../core/random.ts";
import type { Schedule } from "./schedules.ts";

/**
 * Writes ∇θ log p(θ, batch) (a stochastic estimate of the log-posterior gradient) into `out`.
 * `out` has the length of `params` and may hold garbage on entry.
 */
export type LogPosteriorGrad<B> = (params: Float64Array, batch: B, out: Float64Array) => void;

/** Options shared by all samplers. */
export interface SamplerOptions {
  /** Step size δt (`lr` in posteriors): a positive constant or a schedule of the step index. */
  lr: Schedule;
  /** Temperature T ≥ 0 (default 1): constant or schedule. Target ∝ exp(log p / T). */
  temperature?: Schedule;
  /** Random stream or integer seed. */
  rng: Rng | number;
}

/** The state of a chain: current parameters, the last gradient and the number of updates done. */
export interface SamplerState {
  params: Float64Array;
  /** Gradient evaluated at the start of the last update (zeros before the first). */
  grad: Float64Array;
  step: number;
}

/** A built sampler: `init` copies the parameters into a fresh state, `update` advances it in place. */
export interface Sampler<B> {
  readonly name: string;
  init(params: ArrayLike<number>): SamplerState;
  update(state: SamplerState, batch: B): SamplerState;
}

/** Fresh state holding a copy of `params` (checked finite; `where` names the sampler). */
export function initState(params: ArrayLike<number>, where: string): SamplerState {
  const p = Float64Array.from(params);
  if (p.length === 0)
    throw AnsatzError.expected("bad-shape", `${where} init params`, "a non-empty vector", "length 0");
  for (let i = 0; i < p.length; i++) {
    if (!Number.isFinite(p[i]!)) {
      throw AnsatzError.expected(
        "not-finite",
        `${where} init params`,
        "finite values",
        `${p[i]} at index ${i}`,
      );
    }
  }
  return { params: p, grad: new Float64Array(p.length), step: 0 };
}

/** Throws `diverged` naming the sampler, the step and the coordinate if `values` has a non-finite entry. */
export function checkDiverged(values: Float64Array, name: string, what: string, step: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      throw new AnsatzError(
        "diverged",
        `${name}: diverged at step ${step}: ${what}[${i}] = ${v} (try a smaller lr or a larger batch)`,
        { where: `${name} step ${step}`, expected: `finite ${what}`, found: `${what}[${i}] = ${v}` },
      );
    }
  }
}

/** Checks that `state` matches the sampler's dimension (the gradient buffer is sized at init). */
export function checkState(state: SamplerState, name: string): void {
  if (state.grad.length !== state.params.length) {
    throw AnsatzError.expected(
      "bad-shape",
      `${name} state.grad`,
      `length ${state.params.length} (the length of state.params)`,
      `length ${state.grad.length}`,
    );
  }
}
