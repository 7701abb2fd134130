// SGLD and clipped SGLD, the baselines of SGLRW (spec sglrw.md §2.2).
// SGLD (Welling & Teh, ICML 2011; posteriors/sgmcmc/sgld.py with β = 0):
//   θ ← θ + δt ĝ + sqrt(2 T δt) ξ,   ξ ~ N(0, I).
// Clipped SGLD [reconstructed, spec §2.2]: SGLRW's conditional mean per coordinate is clip(δt ĝ_i, −δx, δx)
// with δx = sqrt(2Tδt), so the natural analogue clips the drift at that value:
//   per-coordinate:  θ ← θ + clip(δt ĝ, −δx, δx) + sqrt(2Tδt) ξ
//   global norm:     θ ← θ + δt ĝ · min(1, δx / ‖δt ĝ‖₂) + sqrt(2Tδt) ξ   (the alternative the spec names).
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
import { checkSchedule, scheduleValue } from "./schedules.ts";

/** How clipped SGLD clips the drift δt ĝ at δx = sqrt(2Tδt). */
export type ClipMode = "coordinate" | "norm";

/** Options of SGLD; `clip` turns it into clipped SGLD. */
export interface SgldOptions extends SamplerOptions {
  /** Clip the drift at δx = sqrt(2Tδt): per coordinate or by global norm (spec §2.2). Default: no clipping. */
  clip?: ClipMode;
}

/** Builds an SGLD sampler (`clip` unset) or a clipped-SGLD sampler (spec §2.2); T ≥ 0. */
export function buildSgld<B>(logPosteriorGrad: LogPosteriorGrad<B>, options: SgldOptions): Sampler<B> {
  const temperature = options.temperature ?? 1;
  const clip = options.clip;
  const name = clip === undefined ? "sgld" : "sgld-clipped";
  if (clip !== undefined && clip !== "coordinate" && clip !== "norm") {
    throw AnsatzError.expected("bad-argument", `${name} clip`, '"coordinate" or "norm"', String(clip));
  }
  checkSchedule(options.lr, `${name} lr`);
  checkSchedule(temperature, `${name} temperature`, true);
  if (typeof logPosteriorGrad !== "function") {
    throw AnsatzError.expected(
      "bad-argument",
      `${name} logPosteriorGrad`,
      "a function",
      typeof logPosteriorGrad,
    );
  }
  const rng = toRng(options.rng);
  return {
    name,
    init: (params) => initState(params, name),
    update(state: SamplerState, batch: B): SamplerState {
      checkState(state, name);
      const step = state.step;
      const lr = scheduleValue(options.lr, step, `${name} lr`);
      const t = scheduleValue(temperature, step, `${name} temperature`, true);
      logPosteriorGrad(state.params, batch, state.grad);
      const p = state.params;
      const g = state.grad;
      const noise = Math.sqrt(2 * t * lr);
      if (clip === "coordinate") {
        const dx = noise;
        for (let i = 0; i < p.length; i++) {
          let d = lr * g[i]!;
          d = d > dx ? dx : Math.max(d, -dx);
          p[i] = p[i]! + d + noise * rng.normal();
        }
      } else {
        let scale = 1;
        if (clip === "norm") {
          let n2 = 0;
          for (let i = 0; i < g.length; i++) n2 += g[i]! * g[i]!;
          const norm = lr * Math.sqrt(n2);
          if (norm > noise) scale = noise / norm;
        }
        for (let i = 0; i < p.length; i++) p[i] = p[i]! + scale * lr * g[i]! + noise * rng.normal();
      }
      checkDiverged(p, name, "params", step);
      state.step++;
      return state;
    },
  };
}
