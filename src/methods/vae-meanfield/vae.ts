// The VAE with a conditionally independent decoder (spec vae-meanfield.md §1.2, §1.7, §2.3):
//   encoder   x → tanh(x·W₁ + b₁)·W₂ + b₂ = (μ, log σ²) ∈ R^{2K}    (input one-hot [N·C] for categorical data)
//   latent    z = μ + exp(log σ² / 2) ⊙ ε,  ε ~ N(0, I_K)               (reparameterisation)
//   decoder   "linear-readout": ℓ = u(z)·W + b, u = MLP_{K→H→K}(z) (tanh), W stored [K, N·C]
//             (the spec's W ∈ R^{N×K} is its transpose); "mlp": ℓ = MLP_{K→H→N·C}(z) (tanh)
//   heads     Bernoulli p(x_i = 1 | z) = σ(ℓ_i); categorical p(x_i = c | z) = softmax(ℓ_{i·C..i·C+C−1})_c
//   rate      R = mean_batch ½ Σ_k (μ_k² + σ_k² − 1 − log σ_k²)   (closed-form KL(q(z|x) ‖ N(0, I)), §1.7)
//   distortion D = mean_batch Σ_i −log p(x_i | z)                  (nats per sample)
//   loss      D + klWeight·R; negELBO = D + R.
// Data x are [B, N]: 0/1 values (Bernoulli) or category indices 0..C−1 (categorical). For the categorical
// head the encoder's first layer reads the one-hot [B, N·C] as a sum of weight rows (a sparse product,
// same values and gradients as the dense one); a dense one-hot [B, N·C] is accepted by `encode` too.
import { formatShape } from "../../core/check.ts";
import { AnsatzError, type AnsatzErrorCode } from "../../core/errors.ts";
import { Mat } from "../../core/matrix.ts";
import type { Rng } from "../../core/random.ts";
import {
  add,
  bceWithLogits,
  customOp,
  exp,
  Linear,
  type LinearParams,
  linear,
  MLP,
  type MLPParams,
  mul,
  reshape,
  slice,
  softmaxCrossEntropy,
  square,
  sub,
  sum,
  Tensor,
  tanh,
} from "../../engine/index.ts";

export type DecoderKind = "linear-readout" | "mlp";
export type VaeHead = { kind: "bernoulli" } | { kind: "categorical"; categories: number };

export interface VaeConfig {
  /** N, the number of sites (columns of the data). */
  sites: number;
  /** K ≥ 1, K ≤ N: latent dimension. */
  latents: number;
  /** H, hidden width of encoder and decoder MLPs (default 64). */
  hidden?: number;
  /** Decoder form (default "linear-readout"). */
  decoder?: DecoderKind;
  /** Output head (default Bernoulli). */
  head?: VaeHead;
}

export interface ResolvedVaeConfig {
  sites: number;
  latents: number;
  hidden: number;
  decoder: DecoderKind;
  head: VaeHead;
}

/** { enc: MLP N·C→H→2K, dec: MLP K→H→K (linear-readout) or K→H→N·C (mlp), readout: { w [K, N·C], b [N·C] } }. */
export type VaeParams = { enc: MLPParams; dec: MLPParams; readout?: LinearParams };

export interface VaeLoss {
  /** D + klWeight·R (0-d). */
  loss: Tensor;
  /** R in nats per sample (0-d). */
  rate: Tensor;
  /** D in nats per sample (0-d). */
  distortion: Tensor;
}

function isInt(v: unknown, min: number): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= min;
}

/** Validates a VaeConfig and fills in the defaults; errors name `where` and the field. */
export function resolveVaeConfig(
  config: VaeConfig,
  where = "Vae config",
  code: AnsatzErrorCode = "bad-argument",
): ResolvedVaeConfig {
  if (config === null || typeof config !== "object") {
    throw AnsatzError.expected(code, where, "an object { sites, latents, … }", String(config));
  }
  const { sites, latents } = config;
  if (!isInt(sites, 1)) throw AnsatzError.expected(code, `${where}.sites`, "an integer >= 1", String(sites));
  if (!isInt(latents, 1) || latents > sites) {
    throw AnsatzError.expected(
      code,
      `${where}.latents`,
      `an integer in [1, ${sites}] (K ≤ N)`,
      String(latents),
    );
  }
  const hidden = config.hidden ?? 64;
  if (!isInt(hidden, 1))
    throw AnsatzError.expected(code, `${where}.hidden`, "an integer >= 1", String(hidden));
  const decoder = config.decoder ?? "linear-readout";
  if (decoder !== "linear-readout" && decoder !== "mlp") {
    throw AnsatzError.expected(code, `${where}.decoder`, '"linear-readout" or "mlp"', String(decoder));
  }
  const h = config.head ?? { kind: "bernoulli" };
  let head: VaeHead;
  if (h !== null && typeof h === "object" && h.kind === "bernoulli") head = { kind: "bernoulli" };
  else if (h !== null && typeof h === "object" && h.kind === "categorical") {
    if (!isInt(h.categories, 2)) {
      throw AnsatzError.expected(code, `${where}.head.categories`, "an integer >= 2", String(h.categories));
    }
    head = { kind: "categorical", categories: h.categories };
  } else {
    throw AnsatzError.expected(
      code,
      `${where}.head`,
      '{ kind: "bernoulli" } or { kind: "categorical", categories }',
      JSON.stringify(h),
    );
  }
  return { sites, latents, hidden, decoder, head };
}

/** Sparse first layer: out[b] = bias + Σ_i w[i·C + x[b, i]] for category indices x [B, N]. */
function oneHotLinear(x: Tensor, w: Tensor, bias: Tensor, n: number, c: number): Tensor {
  const bsz = x.shape[0]!;
  const h = w.shape[1]!;
  const xd = x.data as Float64Array;
  const wd = w.data as Float64Array;
  const bd = bias.data as Float64Array;
  const od = new Float64Array(bsz * h);
  for (let b = 0; b < bsz; b++) {
    const o = b * h;
    od.set(bd, o);
    for (let i = 0; i < n; i++) {
      const v = xd[b * n + i]!;
      if (!(v >= 0 && v < c && Number.isInteger(v))) {
        throw AnsatzError.expected(
          "bad-value",
          `Vae input row ${b}, column ${i}`,
          `a category index in [0, ${c - 1}]`,
          String(v),
        );
      }
      const r = (i * c + v) * h;
      for (let j = 0; j < h; j++) od[o + j]! += wd[r + j]!;
    }
  }
  const out = new Tensor(od, [bsz, h]);
  return customOp(out, [w, bias], (g) => {
    const gw = new Float64Array(wd.length);
    const gb = new Float64Array(h);
    for (let b = 0; b < bsz; b++) {
      const o = b * h;
      for (let j = 0; j < h; j++) gb[j]! += g[o + j]!;
      for (let i = 0; i < n; i++) {
        const r = (i * c + xd[b * n + i]!) * h;
        for (let j = 0; j < h; j++) gw[r + j]! += g[o + j]!;
      }
    }
    return [gw, gb];
  });
}

function checkLayers(where: string, p: unknown, sizes: readonly number[]): void {
  const layers = (p as MLPParams | undefined)?.layers;
  if (!Array.isArray(layers) || layers.length !== sizes.length - 1) {
    throw AnsatzError.expected(
      "bad-argument",
      `${where}.layers`,
      `${sizes.length - 1} layers`,
      Array.isArray(layers) ? String(layers.length) : typeof layers,
    );
  }
  for (let l = 0; l < layers.length; l++)
    checkLinear(`${where}.layers.${l}`, layers[l], sizes[l]!, sizes[l + 1]!);
}

function checkLinear(where: string, p: unknown, inDim: number, outDim: number): void {
  const q = p as LinearParams | undefined;
  const ok =
    q?.w instanceof Tensor &&
    q.b instanceof Tensor &&
    q.w.dtype === "float64" &&
    q.b.dtype === "float64" &&
    q.w.shape.length === 2 &&
    q.w.shape[0] === inDim &&
    q.w.shape[1] === outDim &&
    q.b.shape.length === 1 &&
    q.b.shape[0] === outDim;
  if (!ok) {
    const found =
      q?.w instanceof Tensor && q?.b instanceof Tensor
        ? `w ${q.w.dtype} ${formatShape(q.w.shape)}, b ${q.b.dtype} ${formatShape(q.b.shape)}`
        : "another tree";
    throw AnsatzError.expected(
      "bad-shape",
      where,
      `float64 { w: [${inDim}, ${outDim}], b: [${outDim}] }`,
      found,
    );
  }
}

export class Vae {
  readonly config: ResolvedVaeConfig;
  /** Initial parameters (never mutated by training). */
  readonly params: VaeParams;
  /** C: categories per site (1 for the Bernoulli head, where the input and output width is N). */
  readonly categories: number;
  /** N·C: encoder input width (one-hot) and number of decoder logits. */
  readonly width: number;
  readonly encSizes: readonly number[];
  readonly decSizes: readonly number[];

  constructor(config: VaeConfig, rng: Rng) {
    this.config = resolveVaeConfig(config);
    if (!rng || typeof (rng as Rng).normal !== "function") {
      throw AnsatzError.expected("bad-argument", "Vae rng", "an Rng", String(rng));
    }
    const { sites, latents, hidden, decoder, head } = this.config;
    this.categories = head.kind === "categorical" ? head.categories : 1;
    this.width = sites * this.categories;
    this.encSizes = [this.width, hidden, 2 * latents];
    this.decSizes = decoder === "linear-readout" ? [latents, hidden, latents] : [latents, hidden, this.width];
    const enc = new MLP(this.encSizes, { rng, activation: "tanh" }).params;
    const dec = new MLP(this.decSizes, { rng, activation: "tanh" }).params;
    this.params =
      decoder === "linear-readout"
        ? { enc, dec, readout: new Linear(latents, this.width, { rng }).params }
        : { enc, dec };
  }

  /** Throws an AnsatzError naming the leaf when `params` does not fit this model's shapes. */
  checkParams(params: VaeParams, where = "Vae params"): void {
    if (params === null || typeof params !== "object") {
      throw AnsatzError.expected("bad-argument", where, "a VaeParams tree", String(params));
    }
    checkLayers(`${where}.enc`, params.enc, this.encSizes);
    checkLayers(`${where}.dec`, params.dec, this.decSizes);
    if (this.config.decoder === "linear-readout") {
      checkLinear(`${where}.readout`, params.readout, this.config.latents, this.width);
    } else if (params.readout !== undefined) {
      throw AnsatzError.expected(
        "bad-argument",
        `${where}.readout`,
        "nothing (mlp decoder)",
        "a read-out layer",
      );
    }
  }

  private checkBatch(where: string, t: Tensor, cols: readonly number[]): number {
    if (
      !(t instanceof Tensor) ||
      t.dtype !== "float64" ||
      t.shape.length !== 2 ||
      !cols.includes(t.shape[1]!)
    ) {
      throw AnsatzError.expected(
        "bad-shape",
        where,
        `a float64 tensor [batch, ${cols.join(" or ")}]`,
        t instanceof Tensor ? `${t.dtype} ${formatShape(t.shape)}` : typeof t,
      );
    }
    return t.shape[0]!;
  }

  /** Encoder: (μ, log σ²), each [B, K], for x [B, N] (or a dense one-hot [B, N·C] for categorical data). */
  encode(params: VaeParams, x: Tensor): { mu: Tensor; logvar: Tensor } {
    const { sites, latents } = this.config;
    this.checkParams(params);
    this.checkBatch("Vae.encode x", x, [sites, this.width]);
    const [l0, l1] = params.enc.layers as [LinearParams, LinearParams];
    const h =
      this.categories > 1 && x.shape[1] === sites
        ? oneHotLinear(x, l0.w, l0.b, sites, this.categories)
        : linear(x, l0.w, l0.b);
    const out = linear(tanh(h), l1.w, l1.b);
    return { mu: slice(out, 1, 0, latents), logvar: slice(out, 1, latents, 2 * latents) };
  }

  /** Decoder logits ℓ(z): [B, N] (Bernoulli) or [B, N·C] (categorical, site i category c at i·C + c). */
  decodeLogits(params: VaeParams, z: Tensor): Tensor {
    this.checkParams(params);
    this.checkBatch("Vae.decodeLogits z", z, [this.config.latents]);
    const [l0, l1] = params.dec.layers as [LinearParams, LinearParams];
    const out = linear(tanh(linear(z, l0.w, l0.b)), l1.w, l1.b);
    const r = params.readout;
    return r === undefined ? out : linear(out, r.w, r.b);
  }

  /**
   * Loss pieces for data x [B, N] and noise eps [B, K]: R, D and D + klWeight·R (see the header).
   * Data values are not re-checked here beyond what the head needs (see checkVaeData).
   */
  loss(params: VaeParams, x: Tensor, eps: Tensor, klWeight: number): VaeLoss {
    const { sites, latents } = this.config;
    const bsz = this.checkBatch("Vae.loss x", x, [sites]);
    if (this.checkBatch("Vae.loss eps", eps, [latents]) !== bsz) {
      throw AnsatzError.expected("bad-shape", "Vae.loss eps", `[${bsz}, ${latents}]`, formatShape(eps.shape));
    }
    if (!(typeof klWeight === "number" && Number.isFinite(klWeight) && klWeight >= 0)) {
      throw AnsatzError.expected("bad-value", "Vae.loss klWeight", "a finite number >= 0", String(klWeight));
    }
    const { mu, logvar } = this.encode(params, x);
    const std = exp(mul(logvar, 0.5));
    const z = add(mu, mul(std, eps));
    const logits = this.decodeLogits(params, z);
    // R = (1/B) ½ Σ_{b,k} (μ² + σ² − log σ²) − ½K
    const rate = sub(mul(sum(add(square(mu), sub(square(std), logvar))), 0.5 / bsz), 0.5 * latents);
    let d: Tensor;
    if (this.categories === 1) d = bceWithLogits(logits, x, { reduction: "sum" });
    else
      d = softmaxCrossEntropy(reshape(logits, [bsz * sites, this.categories]), x.data, { reduction: "sum" });
    const distortion = mul(d, 1 / bsz);
    return { loss: add(distortion, mul(rate, klWeight)), rate, distortion };
  }
}

/**
 * Checks data for this model: a Mat with ≥ 1 row and N columns, values exactly 0/1 (Bernoulli) or
 * integers in [0, C) (categorical); the AnsatzError names the row, column and value found.
 */
export function checkVaeData(vae: Vae, data: Mat, where = "VAE data"): void {
  if (!(data instanceof Mat)) throw AnsatzError.expected("bad-argument", where, "a 2-D Mat", typeof data);
  const { sites } = vae.config;
  if (data.rows < 1) throw AnsatzError.expected("too-little-data", where, "at least 1 row", "0 rows");
  if (data.cols !== sites) {
    throw AnsatzError.expected("bad-shape", where, `${sites} columns (sites)`, `${data.rows}×${data.cols}`);
  }
  const c = vae.categories;
  const d = data.data;
  for (let k = 0; k < d.length; k++) {
    const v = d[k]!;
    const ok = c === 1 ? v === 0 || v === 1 : Number.isInteger(v) && v >= 0 && v < c;
    if (!ok) {
      const row = Math.floor(k / sites);
      throw AnsatzError.expected(
        Number.isFinite(v) ? "bad-value" : "not-finite",
        `${where} row ${row}, column ${k - row * sites}`,
        c === 1 ? "0 or 1" : `a category index in [0, ${c - 1}]`,
        String(v),
      );
    }
  }
}
