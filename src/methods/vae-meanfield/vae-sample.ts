// Using a trained VAE without a tape (spec vae-meanfield.md §2.3, §2.4): encoder means μ(x) (for cluster
// read-out), decoder logits and probabilities p(x_i | z), generation z ~ N(0, I_K), x_i ~ p(x_i | z)
// independently per site (the conditionally independent decoder, §1.2), and the linear read-out matrix
// (ℓ = W u(z) + b; returned as W ∈ R^{(N·C)×K}, the spec's orientation, i.e. the transpose of storage).
import { AnsatzError } from "../../core/errors.ts";
import { Mat } from "../../core/matrix.ts";
import type { Rng } from "../../core/random.ts";
import { noGrad, Tensor } from "../../engine/index.ts";
import { checkVaeData, type Vae, type VaeParams } from "./vae.ts";

const CHUNK = 1024;

/** μ(x) for every row of `data`: [M, K]. */
export function encodeMeans(vae: Vae, params: VaeParams, data: Mat): Mat {
  checkVaeData(vae, data, "encodeMeans data");
  vae.checkParams(params, "encodeMeans params");
  const { sites: n, latents: k } = vae.config;
  const out = new Mat(data.rows, k);
  noGrad(() => {
    for (let s = 0; s < data.rows; s += CHUNK) {
      const rows = Math.min(CHUNK, data.rows - s);
      const x = new Tensor(data.data.subarray(s * n, (s + rows) * n), [rows, n]);
      out.data.set(vae.encode(params, x).mu.data, s * k);
    }
  });
  return out;
}

function checkZ(vae: Vae, z: Mat, where: string): void {
  const k = vae.config.latents;
  if (!(z instanceof Mat) || z.cols !== k) {
    throw AnsatzError.expected(
      "bad-shape",
      where,
      `a Mat [batch, ${k}]`,
      z instanceof Mat ? `${z.rows}×${z.cols}` : typeof z,
    );
  }
  for (let i = 0; i < z.data.length; i++) {
    if (!Number.isFinite(z.data[i]!)) {
      const r = Math.floor(i / k);
      throw AnsatzError.expected(
        "not-finite",
        `${where} row ${r}, column ${i - r * k}`,
        "a finite number",
        String(z.data[i]),
      );
    }
  }
}

/** Decoder logits ℓ(z) as a Mat: [B, N] (Bernoulli) or [B, N·C] (categorical, column i·C + c). */
export function decodeLogitsMat(vae: Vae, params: VaeParams, z: Mat): Mat {
  checkZ(vae, z, "decodeLogitsMat z");
  vae.checkParams(params, "decodeLogitsMat params");
  const out = new Mat(z.rows, vae.width);
  if (z.rows === 0) return out;
  noGrad(() => {
    for (let s = 0; s < z.rows; s += CHUNK) {
      const rows = Math.min(CHUNK, z.rows - s);
      const zt = new Tensor(z.data.slice(s * z.cols, (s + rows) * z.cols), [rows, z.cols]);
      out.data.set(vae.decodeLogits(params, zt).data, s * vae.width);
    }
  });
  return out;
}

/** p(x_i = 1 | z) = σ(ℓ_i) [B, N], or the per-site softmax [B, N·C] for the categorical head. */
export function decodeProbabilities(vae: Vae, params: VaeParams, z: Mat): Mat {
  const out = decodeLogitsMat(vae, params, z);
  const d = out.data;
  const c = vae.categories;
  if (c === 1) {
    for (let i = 0; i < d.length; i++) {
      const v = d[i]!;
      d[i] = v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
    }
    return out;
  }
  for (let o = 0; o < d.length; o += c) {
    let mx = -Infinity;
    for (let j = 0; j < c; j++) if (d[o + j]! > mx) mx = d[o + j]!;
    let zsum = 0;
    for (let j = 0; j < c; j++) {
      const e = Math.exp(d[o + j]! - mx);
      d[o + j] = e;
      zsum += e;
    }
    for (let j = 0; j < c; j++) d[o + j] = d[o + j]! / zsum;
  }
  return out;
}

/**
 * `count` samples of the generative model: z ~ N(0, I_K) (all z drawn first), then x_i ~ p(x_i | z)
 * row by row, site by site (one uniform per site). Returns [count, N] with 0/1 or category indices.
 */
export function sampleVae(vae: Vae, params: VaeParams, count: number, rng: Rng): Mat {
  if (!Number.isInteger(count) || count < 0) {
    throw AnsatzError.expected("bad-argument", "sampleVae count", "an integer >= 0", String(count));
  }
  if (!rng || typeof rng.fillNormal !== "function") {
    throw AnsatzError.expected("bad-argument", "sampleVae rng", "an Rng", String(rng));
  }
  const { sites: n, latents: k } = vae.config;
  const z = new Mat(count, k, rng.fillNormal(new Float64Array(count * k)));
  const p = decodeProbabilities(vae, params, z).data;
  const out = new Mat(count, n);
  const x = out.data;
  const c = vae.categories;
  if (c === 1) {
    for (let i = 0; i < x.length; i++) x[i] = rng.uniform() < p[i]! ? 1 : 0;
    return out;
  }
  for (let i = 0; i < x.length; i++) {
    const o = i * c;
    const u = rng.uniform();
    let acc = 0;
    let cat = c - 1; // rounding: a u above the computed total falls in the last category
    for (let j = 0; j < c; j++) {
      acc += p[o + j]!;
      if (u < acc) {
        cat = j;
        break;
      }
    }
    x[i] = cat;
  }
  return out;
}

/** The linear read-out ℓ = W u + b: W as an (N·C) × K Mat (spec orientation) and a copy of b. */
export function readoutMatrix(vae: Vae, params: VaeParams): { w: Mat; b: Float64Array } {
  if (vae.config.decoder !== "linear-readout") {
    throw AnsatzError.expected(
      "bad-argument",
      "readoutMatrix",
      'a model with decoder "linear-readout"',
      `decoder "${vae.config.decoder}"`,
    );
  }
  vae.checkParams(params, "readoutMatrix params");
  const r = params.readout!;
  const k = vae.config.latents;
  const nc = vae.width;
  const w = new Mat(nc, k);
  const src = r.w.data;
  for (let a = 0; a < k; a++) for (let i = 0; i < nc; i++) w.data[i * k + a] = src[a * nc + i]!;
  return { w, b: Float64Array.from(r.b.data) };
}
