// Linear layer y = x·w + b with w stored [in, out] (the Flax/JAX layout; PyTorch's weight is wᵀ).
// Initialisation: "glorot" — uniform on ±√(6/(in + out)) (Glorot & Bengio, AISTATS 2010, eq. 16);
// "he" — normal with std √(2/in) (He et al., ICCV 2015, eq. 10, fan-in mode). Bias starts at zero.
import { assertFinite, assertInt, formatShape } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import type { Rng } from "../../core/random.ts";
import { linear } from "../ops/matmul.ts";
import { type DType, randn, Tensor, uniform, zeros } from "../tensor.ts";

export type Init = "glorot" | "he";

export type LinearParams = { w: Tensor; b: Tensor };

export interface LinearOptions {
  /** Generator for the initial weights. */
  rng: Rng;
  /** Weight initialisation (default "glorot"). */
  init?: Init;
  /** Parameter dtype (default "float64"). */
  dtype?: DType;
}

/** Initial weights and zero bias for a layer of the given sizes. */
export function initLinear(inDim: number, outDim: number, rng: Rng, init: Init, dtype: DType): LinearParams {
  let w: Tensor;
  if (init === "glorot") {
    const a = Math.sqrt(6 / (inDim + outDim));
    w = uniform([inDim, outDim], rng, -a, a, dtype);
  } else if (init === "he") {
    w = randn([inDim, outDim], rng, Math.sqrt(2 / inDim), dtype);
  } else {
    throw AnsatzError.expected("bad-argument", "Linear init", '"glorot" or "he"', String(init));
  }
  return { w, b: zeros([outDim], dtype) };
}

/** @internal Checks that `x` is a finite tensor of shape [in] or [batch, in] for layer `where`. */
export function checkLayerInput(where: string, x: Tensor, inDim: number, dtype: DType): void {
  if (!(x instanceof Tensor))
    throw AnsatzError.expected("bad-argument", `${where} input`, "a Tensor", typeof x);
  const r = x.shape.length;
  if ((r !== 1 && r !== 2) || x.shape[r - 1] !== inDim) {
    throw AnsatzError.expected(
      "bad-shape",
      `${where} input`,
      `shape [*, ${inDim}] or [${inDim}]`,
      formatShape(x.shape),
    );
  }
  if (x.dtype !== dtype)
    throw AnsatzError.expected("bad-argument", `${where} input`, `dtype ${dtype}`, x.dtype);
  assertFinite(x.data, `${where} input`);
}

/** @internal Checks a LinearParams entry against the expected sizes. */
export function checkLinearParams(where: string, p: LinearParams, inDim: number, outDim: number): void {
  const ok =
    p !== null &&
    typeof p === "object" &&
    p.w instanceof Tensor &&
    p.b instanceof Tensor &&
    p.w.shape.length === 2 &&
    p.w.shape[0] === inDim &&
    p.w.shape[1] === outDim &&
    p.b.shape.length === 1 &&
    p.b.shape[0] === outDim;
  if (!ok) {
    const found =
      p?.w instanceof Tensor && p?.b instanceof Tensor
        ? `w ${formatShape(p.w.shape)}, b ${formatShape(p.b.shape)}`
        : "another tree";
    throw AnsatzError.expected(
      "bad-shape",
      `${where} params`,
      `{ w: [${inDim}, ${outDim}], b: [${outDim}] }`,
      found,
    );
  }
}

/** A fully connected layer owning its initial parameters; `apply` is a pure function of (params, x). */
export class Linear {
  readonly inDim: number;
  readonly outDim: number;
  readonly init: Init;
  readonly dtype: DType;
  /** The initial parameters { w: [in, out], b: [out] }. */
  readonly params: LinearParams;

  constructor(inDim: number, outDim: number, options: LinearOptions) {
    assertInt(inDim, "Linear inDim", 1);
    assertInt(outDim, "Linear outDim", 1);
    if (!options?.rng) throw AnsatzError.expected("bad-argument", "Linear options.rng", "an Rng", "nothing");
    this.inDim = inDim;
    this.outDim = outDim;
    this.init = options.init ?? "glorot";
    this.dtype = options.dtype ?? "float64";
    this.params = initLinear(inDim, outDim, options.rng, this.init, this.dtype);
  }

  /** Fresh initial parameters drawn from `rng`. */
  initParams(rng: Rng): LinearParams {
    return initLinear(this.inDim, this.outDim, rng, this.init, this.dtype);
  }

  /** x·w + b for x of shape [batch, in] or [in]; input shape and finiteness are checked. */
  apply(params: LinearParams, x: Tensor): Tensor {
    checkLayerInput("Linear", x, this.inDim, this.dtype);
    checkLinearParams("Linear", params, this.inDim, this.outDim);
    return linear(x, params.w, params.b);
  }
}
