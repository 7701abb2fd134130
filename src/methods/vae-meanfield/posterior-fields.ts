// Posterior-averaged decoder fields φ(x) = ½ E_{q(z|x)} ℓ(z) for each data row, by Monte Carlo with `draws`
// reparameterised samples z = μ(x) + σ(x) ε (Bernoulli head: the local field of the 0/1 logit, spec
// vae-meanfield.md §1.3–1.4, since P(s_i = +1 | m) = σ(2φ_i)). Input of the coupling read-out
// (coupling-readout.ts).
import { AnsatzError } from "../../core/errors.ts";
import { Mat } from "../../core/matrix.ts";
import type { Rng } from "../../core/random.ts";
import { noGrad, Tensor } from "../../engine/index.ts";
import { checkVaeData, type Vae, type VaeParams } from "./vae.ts";

const CHUNK = 1024;

/** φ(x) = ½ E_q ℓ(z) for every row of 0/1 data: [rows, N]. */
export function posteriorFields(vae: Vae, params: VaeParams, x01: Mat, draws: number, rng: Rng): Mat {
  if (vae.categories !== 1) {
    throw AnsatzError.expected(
      "bad-argument",
      "posteriorFields model",
      "a Bernoulli head",
      "a categorical head",
    );
  }
  checkVaeData(vae, x01, "posteriorFields data");
  const { sites: n, latents: k } = vae.config;
  const out = new Mat(x01.rows, n);
  noGrad(() => {
    for (let s = 0; s < x01.rows; s += CHUNK) {
      const rows = Math.min(CHUNK, x01.rows - s);
      const x = new Tensor(x01.data.slice(s * n, (s + rows) * n), [rows, n]);
      const { mu, logvar } = vae.encode(params, x);
      const z = new Float64Array(rows * k);
      const acc = out.data.subarray(s * n, (s + rows) * n);
      for (let d = 0; d < draws; d++) {
        for (let i = 0; i < z.length; i++)
          z[i] = mu.data[i]! + Math.exp(0.5 * logvar.data[i]!) * rng.normal();
        const l = vae.decodeLogits(params, new Tensor(z, [rows, k])).data;
        for (let i = 0; i < acc.length; i++) acc[i]! += (0.5 * l[i]!) / draws;
      }
    }
  });
  return out;
}
