// GRU cell with PyTorch's equations (torch.nn.GRUCell docs; Cho et al. 2014 with the reset gate
// applied after the hidden projection):
//   r  = σ(W_ir x + b_ir + W_hr h + b_hr)
//   z  = σ(W_iz x + b_iz + W_hz h + b_hz)
//   n  = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
//   h' = (1 − z) ⊙ n + z ⊙ h
// Parameters (row-vector layout, x·W): wih [in, 3H], whh [H, 3H], bih [3H], bhh [3H], columns in
// gate order [r | z | n]. From PyTorch: wih = weight_ih.T, whh = weight_hh.T, bih = bias_ih,
// bhh = bias_hh. Initialisation as PyTorch: every entry uniform on ±1/√H.
// The two projections are matmuls; the gate arithmetic is one fused op with a hand-written backward:
//   with gᵢ = [aᵢr|aᵢz|aᵢn] = x·wih + bih and gₕ = h·whh + bhh, and dh' the incoming gradient,
//   dn = dh'(1 − z), dz = dh'(h − n), dₐn = dn(1 − n²), dₐz = dz·z(1 − z), dr = dₐn·gₕn,
//   dₐr = dr·r(1 − r); dgᵢ = [dₐr|dₐz|dₐn], dgₕ = [dₐr|dₐz|dₐn ⊙ r], dh = dh'·z.
import { assertFinite, assertInt, formatShape } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import type { Rng } from "../../core/random.ts";
import { accumOwned, record, tracked } from "../autodiff.ts";
import { linear } from "../ops/matmul.ts";
import { reshape } from "../ops/shape.ts";
import { sigmoidScalar } from "../ops/unary.ts";
import { alloc, type DType, Tensor, uniform, zeros } from "../tensor.ts";

export type GRUParams = { wih: Tensor; whh: Tensor; bih: Tensor; bhh: Tensor };

export interface GRUCellOptions {
  /** Generator for the initial weights. */
  rng: Rng;
  /** Parameter dtype (default "float64"). */
  dtype?: DType;
}

/**
 * The fused gate arithmetic: given gi = x·wih + bih and gh = h·whh + bhh (both [B, 3H]) and h [B, H],
 * returns h' [B, H] (see the header for the formulas and the backward pass).
 */
export function gruGates(gi: Tensor, gh: Tensor, h: Tensor): Tensor {
  const [bsz, hs] = h.shape as [number, number];
  const H3 = 3 * hs;
  const ok =
    h.shape.length === 2 &&
    [gi, gh].every(
      (t) => t.shape.length === 2 && t.shape[0] === bsz && t.shape[1] === H3 && t.dtype === h.dtype,
    );
  if (!ok) {
    throw AnsatzError.expected(
      "bad-shape",
      "gruGates",
      "gi and gh of shape [B, 3H] and h of shape [B, H], one dtype",
      `${formatShape(gi.shape)}, ${formatShape(gh.shape)}, ${formatShape(h.shape)}`,
    );
  }
  const dt = h.dtype;
  const gid = gi.data;
  const ghd = gh.data;
  const hd = h.data;
  const r = alloc(dt, bsz * hs);
  const z = alloc(dt, bsz * hs);
  const n = alloc(dt, bsz * hs);
  const out = alloc(dt, bsz * hs);
  for (let b = 0; b < bsz; b++) {
    const go = b * H3;
    const ho = b * hs;
    for (let j = 0; j < hs; j++) {
      const rv = sigmoidScalar(gid[go + j]! + ghd[go + j]!);
      const zv = sigmoidScalar(gid[go + hs + j]! + ghd[go + hs + j]!);
      const nv = Math.tanh(gid[go + 2 * hs + j]! + rv * ghd[go + 2 * hs + j]!);
      r[ho + j] = rv;
      z[ho + j] = zv;
      n[ho + j] = nv;
      out[ho + j] = (1 - zv) * nv + zv * hd[ho + j]!;
    }
  }
  const result = new Tensor(out, [bsz, hs]);
  const tgi = tracked(gi);
  const tgh = tracked(gh);
  const th = tracked(h);
  if (tgi || tgh || th) {
    record(result, (g) => {
      const dgi = alloc(dt, bsz * H3);
      const dgh = alloc(dt, bsz * H3);
      const dh = th ? alloc(dt, bsz * hs) : null;
      for (let b = 0; b < bsz; b++) {
        const go = b * H3;
        const ho = b * hs;
        for (let j = 0; j < hs; j++) {
          const k = ho + j;
          const gv = g[k]!;
          const rv = r[k]!;
          const zv = z[k]!;
          const nv = n[k]!;
          const dn = gv * (1 - zv);
          const dz = gv * (hd[k]! - nv);
          const dan = dn * (1 - nv * nv);
          const daz = dz * zv * (1 - zv);
          const dr = dan * ghd[go + 2 * hs + j]!;
          const dar = dr * rv * (1 - rv);
          dgi[go + j] = dar;
          dgi[go + hs + j] = daz;
          dgi[go + 2 * hs + j] = dan;
          dgh[go + j] = dar;
          dgh[go + hs + j] = daz;
          dgh[go + 2 * hs + j] = dan * rv;
          if (dh) dh[k] = gv * zv;
        }
      }
      if (tgi) accumOwned(gi, dgi);
      if (tgh) accumOwned(gh, dgh);
      if (dh) accumOwned(h, dh);
    });
  }
  return result;
}

export class GRUCell {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly dtype: DType;
  /** The initial parameters { wih: [in, 3H], whh: [H, 3H], bih: [3H], bhh: [3H] }. */
  readonly params: GRUParams;

  constructor(inputSize: number, hiddenSize: number, options: GRUCellOptions) {
    assertInt(inputSize, "GRUCell inputSize", 1);
    assertInt(hiddenSize, "GRUCell hiddenSize", 1);
    if (!options?.rng) throw AnsatzError.expected("bad-argument", "GRUCell options.rng", "an Rng", "nothing");
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.dtype = options.dtype ?? "float64";
    this.params = this.initParams(options.rng);
  }

  /** Fresh initial parameters drawn from `rng` (uniform on ±1/√H, drawn in the order wih, whh, bih, bhh). */
  initParams(rng: Rng): GRUParams {
    const H = this.hiddenSize;
    const a = 1 / Math.sqrt(H);
    return {
      wih: uniform([this.inputSize, 3 * H], rng, -a, a, this.dtype),
      whh: uniform([H, 3 * H], rng, -a, a, this.dtype),
      bih: uniform([3 * H], rng, -a, a, this.dtype),
      bhh: uniform([3 * H], rng, -a, a, this.dtype),
    };
  }

  /** A zero hidden state [batch, H]. */
  initialState(batch: number): Tensor {
    assertInt(batch, "GRUCell batch", 1);
    return zeros([batch, this.hiddenSize], this.dtype);
  }

  /** One step h' = GRU(x, h) for x [batch, in] and h [batch, H] (or [in] and [H]); inputs are checked. */
  apply(params: GRUParams, x: Tensor, h: Tensor): Tensor {
    const H = this.hiddenSize;
    const inp = this.inputSize;
    if (!(x instanceof Tensor) || !(h instanceof Tensor)) {
      throw AnsatzError.expected(
        "bad-argument",
        "GRUCell input",
        "Tensors x and h",
        `${typeof x} and ${typeof h}`,
      );
    }
    const vec = x.shape.length === 1;
    const okX = (x.shape.length === 1 || x.shape.length === 2) && x.shape[x.shape.length - 1] === inp;
    if (!okX)
      throw AnsatzError.expected(
        "bad-shape",
        "GRUCell input x",
        `shape [*, ${inp}] or [${inp}]`,
        formatShape(x.shape),
      );
    const bsz = vec ? 1 : x.shape[0]!;
    const expectH = vec ? [H] : [bsz, H];
    if (h.shape.length !== expectH.length || h.shape.some((d, i) => d !== expectH[i])) {
      throw AnsatzError.expected(
        "bad-shape",
        "GRUCell state h",
        `shape ${formatShape(expectH)}`,
        formatShape(h.shape),
      );
    }
    if (x.dtype !== this.dtype || h.dtype !== this.dtype) {
      throw AnsatzError.expected(
        "bad-argument",
        "GRUCell input",
        `dtype ${this.dtype}`,
        `${x.dtype} and ${h.dtype}`,
      );
    }
    assertFinite(x.data, "GRUCell input x");
    assertFinite(h.data, "GRUCell state h");
    const shapes: [keyof GRUParams, number[]][] = [
      ["wih", [inp, 3 * H]],
      ["whh", [H, 3 * H]],
      ["bih", [3 * H]],
      ["bhh", [3 * H]],
    ];
    for (const [k, s] of shapes) {
      const t = params?.[k];
      if (!(t instanceof Tensor) || t.shape.length !== s.length || t.shape.some((d, i) => d !== s[i])) {
        throw AnsatzError.expected(
          "bad-shape",
          `GRUCell params.${k}`,
          `shape ${formatShape(s)}`,
          t instanceof Tensor ? formatShape(t.shape) : "missing",
        );
      }
    }
    if (vec) return reshape(this.step(params, reshape(x, [1, inp]), reshape(h, [1, H])), [H]);
    return this.step(params, x, h);
  }

  private step(params: GRUParams, x: Tensor, h: Tensor): Tensor {
    const gi = linear(x, params.wih, params.bih);
    const gh = linear(h, params.whh, params.bhh);
    return gruGates(gi, gh, h);
  }
}
