// Injected gradient noise for the robustness experiments of SGLRW (spec sglrw.md §3, §4.1 B4/B5/B7):
// ĝ = g + s·ε with ε i.i.d. per coordinate, standard normal, Student-t(ν) or standard Cauchy
// (draws from core/random.ts: Marsaglia polar normal, Z/sqrt(χ²_ν/ν), Cauchy by inversion).
import { assertPositive } from "../../../core/check.ts";
import { AnsatzError } from "../../../core/errors.ts";
import type { Rng } from "../../../core/random.ts";

/** The law of the injected gradient noise, with its scale s. */
export type GradNoise =
  | { kind: "none" }
  | { kind: "gaussian"; scale: number }
  | { kind: "student-t"; nu: number; scale: number }
  | { kind: "cauchy"; scale: number };

/** Checks a noise description, naming the bad field. */
export function checkGradNoise(noise: GradNoise, where = "gradient noise"): void {
  switch (noise.kind) {
    case "none":
      return;
    case "gaussian":
    case "cauchy":
      assertPositive(noise.scale, `${where} scale`);
      return;
    case "student-t":
      assertPositive(noise.scale, `${where} scale`);
      assertPositive(noise.nu, `${where} nu`);
      return;
    default:
      throw AnsatzError.expected(
        "bad-argument",
        `${where} kind`,
        '"none", "gaussian", "student-t" or "cauchy"',
        String((noise as { kind: unknown }).kind),
      );
  }
}

/** Adds i.i.d. noise of law `noise` to every entry of `grad` in place. */
export function addGradNoise(grad: Float64Array, noise: GradNoise, rng: Rng): void {
  switch (noise.kind) {
    case "none":
      return;
    case "gaussian":
      for (let i = 0; i < grad.length; i++) grad[i] = grad[i]! + noise.scale * rng.normal();
      return;
    case "student-t":
      for (let i = 0; i < grad.length; i++) grad[i] = grad[i]! + noise.scale * rng.studentT(noise.nu);
      return;
    case "cauchy":
      for (let i = 0; i < grad.length; i++) grad[i] = grad[i]! + noise.scale * rng.cauchy();
      return;
  }
}

/** Wraps a gradient function so that each call adds fresh noise of law `noise` (drawn from `rng`). */
export function withGradNoise<B>(
  grad: (params: Float64Array, batch: B, out: Float64Array) => void,
  noise: GradNoise,
  rng: Rng,
): (params: Float64Array, batch: B, out: Float64Array) => void {
  checkGradNoise(noise);
  return (params, batch, out) => {
    grad(params, batch, out);
    addGradNoise(out, noise, rng);
  };
}
