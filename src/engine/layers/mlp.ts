// Multilayer perceptron: Linear → activation → … → Linear (the final layer has no activation).
// sizes = [in, hidden…, out]. Default initialisation: He for the ReLU family (relu, leaky-relu, gelu,
// gelu-exact, silu), Glorot otherwise (see linear.ts for both).
import { assertInt } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import type { Rng } from "../../core/random.ts";
import { linear } from "../ops/matmul.ts";
import { gelu, leakyRelu, relu, sigmoid, silu, softplus, tanh } from "../ops/unary.ts";
import type { DType, Tensor } from "../tensor.ts";
import { checkLayerInput, checkLinearParams, type Init, initLinear, type LinearParams } from "./linear.ts";

export type Activation =
  | "relu"
  | "tanh"
  | "sigmoid"
  | "gelu"
  | "gelu-exact"
  | "silu"
  | "softplus"
  | "leaky-relu";

export type MLPParams = { layers: LinearParams[] };

export interface MLPOptions {
  /** Generator for the initial weights. */
  rng: Rng;
  /** Hidden activation (default "relu"); gelu is the tanh approximation, gelu-exact the erf form. */
  activation?: Activation;
  /** Weight initialisation (default: "he" for the ReLU family, "glorot" otherwise). */
  init?: Init;
  /** Parameter dtype (default "float64"). */
  dtype?: DType;
}

const ACTIVATIONS: Record<Activation, (x: Tensor) => Tensor> = {
  relu,
  tanh,
  sigmoid,
  gelu: (x) => gelu(x),
  "gelu-exact": (x) => gelu(x, { approximate: false }),
  silu,
  softplus,
  "leaky-relu": (x) => leakyRelu(x),
};

/** The op for an activation name (an AnsatzError lists the valid names otherwise). */
export function activationFn(name: Activation): (x: Tensor) => Tensor {
  const f = Object.hasOwn(ACTIVATIONS, name) ? ACTIVATIONS[name] : undefined;
  if (!f) {
    throw AnsatzError.expected(
      "bad-argument",
      "activation",
      `one of ${Object.keys(ACTIVATIONS).join(", ")}`,
      String(name),
    );
  }
  return f;
}

const RELU_FAMILY = new Set<Activation>(["relu", "leaky-relu", "gelu", "gelu-exact", "silu"]);

export class MLP {
  readonly sizes: readonly number[];
  readonly activation: Activation;
  readonly init: Init;
  readonly dtype: DType;
  /** The initial parameters { layers: [{ w, b }, …] }. */
  readonly params: MLPParams;
  private readonly act: (x: Tensor) => Tensor;

  constructor(sizes: readonly number[], options: MLPOptions) {
    if (!Array.isArray(sizes) || sizes.length < 2) {
      throw AnsatzError.expected(
        "bad-argument",
        "MLP sizes",
        "at least two sizes [in, …, out]",
        JSON.stringify(sizes),
      );
    }
    for (let i = 0; i < sizes.length; i++) assertInt(sizes[i]!, `MLP sizes[${i}]`, 1);
    if (!options?.rng) throw AnsatzError.expected("bad-argument", "MLP options.rng", "an Rng", "nothing");
    this.sizes = sizes.slice();
    this.activation = options.activation ?? "relu";
    this.act = activationFn(this.activation);
    this.init = options.init ?? (RELU_FAMILY.has(this.activation) ? "he" : "glorot");
    this.dtype = options.dtype ?? "float64";
    this.params = this.initParams(options.rng);
  }

  /** Fresh initial parameters drawn from `rng`. */
  initParams(rng: Rng): MLPParams {
    const layers: LinearParams[] = [];
    for (let i = 0; i + 1 < this.sizes.length; i++) {
      layers.push(initLinear(this.sizes[i]!, this.sizes[i + 1]!, rng, this.init, this.dtype));
    }
    return { layers };
  }

  /** The network applied to x of shape [batch, in] or [in]; input shape and finiteness are checked. */
  apply(params: MLPParams, x: Tensor): Tensor {
    checkLayerInput("MLP", x, this.sizes[0]!, this.dtype);
    const layers = params?.layers;
    if (!Array.isArray(layers) || layers.length !== this.sizes.length - 1) {
      throw AnsatzError.expected(
        "bad-argument",
        "MLP params.layers",
        `${this.sizes.length - 1} layers`,
        Array.isArray(layers) ? `${layers.length}` : typeof layers,
      );
    }
    let h = x;
    for (let i = 0; i < layers.length; i++) {
      const p = layers[i]!;
      checkLinearParams(`MLP layer ${i}`, p, this.sizes[i]!, this.sizes[i + 1]!);
      h = linear(h, p.w, p.b);
      if (i + 1 < layers.length) h = this.act(h);
    }
    return h;
  }
}
