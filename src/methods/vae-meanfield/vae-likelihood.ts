// The VAE's marginal log-likelihood log p(x) = log ∫ N(z; 0, I) Π_i p(x_i | z) dz by importance sampling with
// the encoder as proposal (Burda, Grosse & Salakhutdinov, "Importance weighted autoencoders", ICLR 2016,
// eq. 8): log p̂(x) = log (1/L) Σ_l p(x | z_l) N(z_l; 0, I) / q(z_l | x), z_l ~ q(z | x). For every L it is a
// lower bound in expectation that increases to log p(x) as L grows; L = 1 is the ELBO. The gap
// log p(x) − ELBO = KL(q(z|x) ‖ p(z|x)) separates an encoder that misses the posterior from a generative
// model that misses the data (whose exact entropy is known for Curie–Weiss). With the linear read-out,
// −log p(x) is the "generalized Hopfield" energy of spec vae-meanfield.md §1.8, −b·x − F(Wᵀx).
import { assertInt } from "../../core/check.ts";
import type { Mat } from "../../core/matrix.ts";
import type { Rng } from "../../core/random.ts";
import { logSumExp } from "../../core/stats.ts";
import { noGrad, Tensor } from "../../engine/index.ts";
import { checkVaeData, type Vae, type VaeParams } from "./vae.ts";

const LOG_2PI = Math.log(2 * Math.PI);

/** log p(x | z) for one row given its logits (Bernoulli: 0/1 values; categorical: indices). */
function logLikRow(vae: Vae, x: ArrayLike<number>, xo: number, l: ArrayLike<number>, lo: number): number {
  const n = vae.config.sites;
  const c = vae.categories;
  let s = 0;
  if (c === 1) {
    for (let i = 0; i < n; i++) {
      const v = l[lo + i]!;
      const sp = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
      s += x[xo + i]! * v - sp;
    }
    return s;
  }
  for (let i = 0; i < n; i++) {
    const o = lo + i * c;
    let mx = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < c; k++) mx = Math.max(mx, l[o + k]!);
    let z = 0;
    for (let k = 0; k < c; k++) z += Math.exp(l[o + k]! - mx);
    s += l[o + x[xo + i]!]! - mx - Math.log(z);
  }
  return s;
}

/** Per-row importance-sampled log p(x) with `draws` proposals per row (nats). */
export function importanceLogLikelihood(
  vae: Vae,
  params: VaeParams,
  data: Mat,
  draws: number,
  rng: Rng,
): Float64Array {
  checkVaeData(vae, data, "importanceLogLikelihood data");
  assertInt(draws, "importanceLogLikelihood draws", 1);
  const { sites: n, latents: k } = vae.config;
  const out = new Float64Array(data.rows);
  const logw = new Float64Array(draws);
  const z = new Float64Array(draws * k);
  const eps = new Float64Array(draws * k);
  noGrad(() => {
    for (let r = 0; r < data.rows; r++) {
      const xr = data.data.subarray(r * n, r * n + n);
      const { mu, logvar } = vae.encode(params, new Tensor(Float64Array.from(xr), [1, n]));
      rng.fillNormal(eps);
      for (let d = 0; d < draws; d++) {
        let logPrior = 0;
        let logQ = 0;
        for (let j = 0; j < k; j++) {
          const sd = Math.exp(0.5 * logvar.data[j]!);
          const e = eps[d * k + j]!;
          const zz = mu.data[j]! + sd * e;
          z[d * k + j] = zz;
          logPrior += -0.5 * (zz * zz + LOG_2PI);
          logQ += -0.5 * (e * e + LOG_2PI) - 0.5 * logvar.data[j]!;
        }
        logw[d] = logPrior - logQ;
      }
      const logits = vae.decodeLogits(params, new Tensor(z, [draws, k])).data;
      for (let d = 0; d < draws; d++) logw[d]! += logLikRow(vae, xr, 0, logits, d * vae.width);
      out[r] = logSumExp(logw) - Math.log(draws);
    }
  });
  return out;
}

/** Mean importance-sampled log-likelihood per sample over the rows of `data`. */
export function meanLogLikelihood(vae: Vae, params: VaeParams, data: Mat, draws: number, rng: Rng): number {
  const ll = importanceLogLikelihood(vae, params, data, draws, rng);
  let s = 0;
  for (let i = 0; i < ll.length; i++) s += ll[i]!;
  return s / ll.length;
}
