// Unary elementwise ops and activations with their derivatives (standard calculus):
// neg, pow (scalar exponent), sqrt, square, abs, exp, log, log1p, sin, cos, tanh, sigmoid,
// softplus, relu, leakyRelu, gelu, silu, clamp.
// - sigmoid(x) = 1/(1+e^(−x)), evaluated as e^x/(1+e^x) for x < 0 so that neither branch overflows.
// - softplus(x) = log(1+e^x) = max(x, 0) + log1p(e^(−|x|)) (stable for any x); derivative sigmoid(x).
// - gelu: Hendrycks & Gimpel, "Gaussian Error Linear Units" (arXiv:1606.08415), eq. for x·Φ(x).
//   Exact form x·Φ(x) = ½x(1 + erf(x/√2)); tanh approximation ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
//   DEFAULT: the tanh approximation (as JAX's `jax.nn.gelu`, approximate=True); pass
//   `{ approximate: false }` for the exact erf form (PyTorch's `nn.GELU()` default).
// - silu(x) = x·sigmoid(x) (Elfwing et al. 2018; "swish"); derivative σ(x)(1 + x(1 − σ(x))).
// The backward pass of these ops writes x's gradient over the incoming gradient buffer in place (the
// buffer is dead once the op's backward has run), so they allocate only their output. float64 relu on
// 256+ values runs in the WASM module (kernels/index.ts, getReluKernelF64), with identical results.
import { assertFiniteNumber } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { accumOwned, record2, tracked } from "../autodiff.ts";
import { getReluKernelF64 } from "../kernels/index.ts";
import { alloc, type FloatArray, Tensor } from "../tensor.ts";
import { erf } from "./special.ts";

type Fwd = (x: FloatArray, o: FloatArray) => void;
/** Writes dL/dx into g given x and the op's output o. */
type Bwd = (g: FloatArray, x: FloatArray, o: FloatArray) => void;

/** @internal Throws unless x is a Tensor. */
export function needTensor(op: string, x: unknown): asserts x is Tensor {
  if (!(x instanceof Tensor)) {
    throw AnsatzError.expected("bad-argument", op, "a Tensor", x === null ? "null" : typeof x);
  }
}

function unary(op: string, x: Tensor, fwd: Fwd, bwd: Bwd): Tensor {
  needTensor(op, x);
  const o = alloc(x.dtype, x.size);
  fwd(x.data, o);
  const out = new Tensor(o, x.shape);
  if (tracked(x)) record2(out, unaryRule, x, null, bwd);
  return out;
}

/** Backward of every unary op: the op's Bwd (the context) turns g into dL/dx in place; x adopts it. */
function unaryRule(g: FloatArray, out: Tensor, x: Tensor | null, _b: Tensor | null, bwd: unknown): void {
  (bwd as Bwd)(g, x!.data, out.data);
  accumOwned(x!, g);
}

const negF: Fwd = (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = -x[i]!;
};
const negB: Bwd = (g) => {
  for (let i = 0; i < g.length; i++) g[i] = -g[i]!;
};
/** −x. */
export function neg(x: Tensor): Tensor {
  return unary("neg", x, negF, negB);
}

/** x^p for a constant exponent p (x must be positive when p is not an integer). */
export function pow(x: Tensor, p: number): Tensor {
  assertFiniteNumber(p, "pow exponent");
  if (p === 2) return square(x);
  if (p === 1) return unary("pow", x, copyF, identityB);
  return unary(
    "pow",
    x,
    (xd, o) => {
      for (let i = 0; i < xd.length; i++) o[i] = xd[i]! ** p;
    },
    (g, xd) => {
      const q = p - 1;
      for (let i = 0; i < g.length; i++) g[i] = g[i]! * p * xd[i]! ** q;
    },
  );
}
const copyF: Fwd = (x, o) => {
  o.set(x);
};
const identityB: Bwd = () => {};

const sqrtF: Fwd = (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.sqrt(x[i]!);
};
const sqrtB: Bwd = (g, _x, o) => {
  for (let i = 0; i < g.length; i++) g[i] = (0.5 * g[i]!) / o[i]!;
};
/** √x. */
export function sqrt(x: Tensor): Tensor {
  return unary("sqrt", x, sqrtF, sqrtB);
}

const squareF: Fwd = (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = x[i]! * x[i]!;
};
const squareB: Bwd = (g, x) => {
  for (let i = 0; i < g.length; i++) g[i] = 2 * x[i]! * g[i]!;
};
/** x². */
export function square(x: Tensor): Tensor {
  return unary("square", x, squareF, squareB);
}

const absF: Fwd = (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.abs(x[i]!);
};
const absB: Bwd = (g, x) => {
  for (let i = 0; i < g.length; i++) {
    const v = x[i]!;
    g[i] = v > 0 ? g[i]! : v < 0 ? -g[i]! : 0;
  }
};
/** |x| (derivative sign(x), 0 at 0). */
export function abs(x: Tensor): Tensor {
  return unary("abs", x, absF, absB);
}

const expF: Fwd = (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.exp(x[i]!);
};
const expB: Bwd = (g, _x, o) => {
  for (let i = 0; i < g.length; i++) g[i] = g[i]! * o[i]!;
};
/** eˣ. */
export function exp(x: Tensor): Tensor {
  return unary("exp", x, expF, expB);
}

const logF: Fwd = (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.log(x[i]!);
};
const logB: Bwd = (g, x) => {
  for (let i = 0; i < g.length; i++) g[i] = g[i]! / x[i]!;
};
/** Natural logarithm. */
export function log(x: Tensor): Tensor {
  return unary("log", x, logF, logB);
}

const log1pF: Fwd = (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.log1p(x[i]!);
};
const log1pB: Bwd = (g, x) => {
  for (let i = 0; i < g.length; i++) g[i] = g[i]! / (1 + x[i]!);
};
/** log(1 + x), accurate for small x. */
export function log1p(x: Tensor): Tensor {
  return unary("log1p", x, log1pF, log1pB);
}

const sinF: Fwd = (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.sin(x[i]!);
};
const sinB: Bwd = (g, x) => {
  for (let i = 0; i < g.length; i++) g[i] = g[i]! * Math.cos(x[i]!);
};
/** sin x. */
export function sin(x: Tensor): Tensor {
  return unary("sin", x, sinF, sinB);
}

const cosF: Fwd = (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.cos(x[i]!);
};
const cosB: Bwd = (g, x) => {
  for (let i = 0; i < g.length; i++) g[i] = -g[i]! * Math.sin(x[i]!);
};
/** cos x. */
export function cos(x: Tensor): Tensor {
  return unary("cos", x, cosF, cosB);
}

const tanhF: Fwd = (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.tanh(x[i]!);
};
const tanhB: Bwd = (g, _x, o) => {
  for (let i = 0; i < g.length; i++) {
    const t = o[i]!;
    g[i] = g[i]! * (1 - t * t);
  }
};
/** tanh x. */
export function tanh(x: Tensor): Tensor {
  return unary("tanh", x, tanhF, tanhB);
}

/** Scalar logistic function, overflow-free. */
export function sigmoidScalar(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

const sigmoidF: Fwd = (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = sigmoidScalar(x[i]!);
};
const sigmoidB: Bwd = (g, _x, o) => {
  for (let i = 0; i < g.length; i++) {
    const s = o[i]!;
    g[i] = g[i]! * s * (1 - s);
  }
};
/** σ(x) = 1/(1 + e^(−x)). */
export function sigmoid(x: Tensor): Tensor {
  return unary("sigmoid", x, sigmoidF, sigmoidB);
}

const softplusF: Fwd = (x, o) => {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    o[i] = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
  }
};
const softplusB: Bwd = (g, x) => {
  for (let i = 0; i < g.length; i++) g[i] = g[i]! * sigmoidScalar(x[i]!);
};
/** softplus(x) = log(1 + eˣ), stable for large |x|. */
export function softplus(x: Tensor): Tensor {
  return unary("softplus", x, softplusF, softplusB);
}

/** From this many float64 values up, ReLU runs in the WASM module (its JS branch mispredicts on random signs). */
const RELU_WASM_MIN = 256;
const reluF: Fwd = (x, o) => {
  const k = x.length >= RELU_WASM_MIN && x instanceof Float64Array ? getReluKernelF64() : null;
  if (k !== null) {
    k.forward(x as Float64Array, o as Float64Array);
    return;
  }
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    o[i] = Math.max(v, 0);
  }
};
const reluB: Bwd = (g, x, o) => {
  const k = g.length >= RELU_WASM_MIN && g instanceof Float64Array ? getReluKernelF64() : null;
  if (k !== null) {
    k.backward(g as Float64Array, o as Float64Array);
    return;
  }
  for (let i = 0; i < g.length; i++) if (!(x[i]! > 0)) g[i] = 0;
};
/** max(x, 0) (derivative 0 at 0). */
export function relu(x: Tensor): Tensor {
  return unary("relu", x, reluF, reluB);
}

/** x for x > 0, slope·x otherwise (default slope 0.01, PyTorch's). */
export function leakyRelu(x: Tensor, slope = 0.01): Tensor {
  assertFiniteNumber(slope, "leakyRelu slope");
  return unary(
    "leakyRelu",
    x,
    (xd, o) => {
      for (let i = 0; i < xd.length; i++) {
        const v = xd[i]!;
        o[i] = v > 0 ? v : slope * v;
      }
    },
    (g, xd) => {
      for (let i = 0; i < g.length; i++) if (!(xd[i]! > 0)) g[i] = slope * g[i]!;
    },
  );
}

const SQRT_2_OVER_PI = 0.7978845608028654;
const GELU_C = 0.044715;
const INV_SQRT2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327;

const geluTanhF: Fwd = (x, o) => {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    o[i] = 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + GELU_C * v * v * v)));
  }
};
const geluTanhB: Bwd = (g, x) => {
  for (let i = 0; i < g.length; i++) {
    const v = x[i]!;
    const t = Math.tanh(SQRT_2_OVER_PI * (v + GELU_C * v * v * v));
    const d = 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * GELU_C * v * v);
    g[i] = g[i]! * d;
  }
};
const geluExactF: Fwd = (x, o) => {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    o[i] = 0.5 * v * (1 + erf(v * INV_SQRT2));
  }
};
const geluExactB: Bwd = (g, x) => {
  for (let i = 0; i < g.length; i++) {
    const v = x[i]!;
    const cdf = 0.5 * (1 + erf(v * INV_SQRT2));
    const pdf = INV_SQRT_2PI * Math.exp(-0.5 * v * v);
    g[i] = g[i]! * (cdf + v * pdf);
  }
};
/**
 * GELU. Default: the tanh approximation ½x(1 + tanh(√(2/π)(x + 0.044715x³))) (JAX's default);
 * `{ approximate: false }` gives the exact x·Φ(x) = ½x(1 + erf(x/√2)) (PyTorch's default).
 */
export function gelu(x: Tensor, options: { approximate?: boolean } = {}): Tensor {
  return options.approximate === false
    ? unary("gelu", x, geluExactF, geluExactB)
    : unary("gelu", x, geluTanhF, geluTanhB);
}

const siluF: Fwd = (x, o) => {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    o[i] = v * sigmoidScalar(v);
  }
};
const siluB: Bwd = (g, x) => {
  for (let i = 0; i < g.length; i++) {
    const v = x[i]!;
    const s = sigmoidScalar(v);
    g[i] = g[i]! * s * (1 + v * (1 - s));
  }
};
/** SiLU / swish: x·σ(x). */
export function silu(x: Tensor): Tensor {
  return unary("silu", x, siluF, siluB);
}

/** Clips x to [lo, hi]; the gradient passes where lo <= x <= hi (PyTorch's convention). */
export function clamp(x: Tensor, lo: number, hi: number): Tensor {
  if (typeof lo !== "number" || Number.isNaN(lo))
    throw AnsatzError.expected("bad-value", "clamp lo", "a number", String(lo));
  if (typeof hi !== "number" || Number.isNaN(hi))
    throw AnsatzError.expected("bad-value", "clamp hi", "a number", String(hi));
  if (!(hi >= lo)) throw AnsatzError.expected("bad-value", "clamp hi", `hi >= lo = ${lo}`, String(hi));
  return unary(
    "clamp",
    x,
    (xd, o) => {
      for (let i = 0; i < xd.length; i++) {
        const v = xd[i]!;
        o[i] = Math.min(Math.max(v, lo), hi);
      }
    },
    (g, xd) => {
      for (let i = 0; i < g.length; i++) {
        const v = xd[i]!;
        if (v < lo || v > hi) g[i] = 0;
      }
    },
  );
}
