// Tests for src/engine/ops/unary.ts: each op's gradient against central differences (float64,
// rtol 1e-6, inputs from a fixed seed kept away from kinks/poles), values at known points, stability.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Rng } from "../../../src/core/random.ts";
import {
  abs,
  clamp,
  cos,
  exp,
  gelu,
  leakyRelu,
  log,
  log1p,
  neg,
  pow,
  relu,
  sigmoid,
  silu,
  sin,
  softplus,
  sqrt,
  square,
  tanh,
} from "../../../src/engine/ops/unary.ts";
import { randn, type Tensor, tensor, uniform } from "../../../src/engine/tensor.ts";
import { assertClose, checkGrad, scalarize } from "../helpers.ts";

/** Random inputs with |x| >= 0.05 (away from the kinks of abs/relu at 0). */
function awayFromZero(shape: number[], rng: Rng): Tensor {
  const x = randn(shape, rng);
  for (let i = 0; i < x.size; i++) if (Math.abs(x.data[i]!) < 0.05) x.data[i] = 0.3;
  return x;
}

const cases: [string, (x: Tensor) => Tensor, "any" | "positive"][] = [
  ["neg", neg, "any"],
  ["pow 3", (x) => pow(x, 3), "any"],
  ["pow 2", (x) => pow(x, 2), "any"],
  ["pow -1.5", (x) => pow(x, -1.5), "positive"],
  ["pow 0.7", (x) => pow(x, 0.7), "positive"],
  ["sqrt", sqrt, "positive"],
  ["square", square, "any"],
  ["abs", abs, "any"],
  ["exp", exp, "any"],
  ["log", log, "positive"],
  ["log1p", log1p, "positive"],
  ["sin", sin, "any"],
  ["cos", cos, "any"],
  ["tanh", tanh, "any"],
  ["sigmoid", sigmoid, "any"],
  ["softplus", softplus, "any"],
  ["relu", relu, "any"],
  ["leakyRelu", (x) => leakyRelu(x, 0.1), "any"],
  ["gelu (tanh approximation, default)", (x) => gelu(x), "any"],
  ["gelu (exact erf)", (x) => gelu(x, { approximate: false }), "any"],
  ["silu", silu, "any"],
  ["clamp", (x) => clamp(x, -0.5, 0.8), "any"],
];

for (const [name, op, domain] of cases) {
  test(`${name}: gradient matches central differences`, () => {
    const rng = new Rng(21);
    const x = domain === "positive" ? uniform([4, 5], rng, 0.3, 3) : awayFromZero([4, 5], rng);
    if (name === "clamp")
      for (let i = 0; i < x.size; i++)
        if (Math.abs(Math.abs(x.data[i]! - 0.15) - 0.65) < 0.01) x.data[i] = 0.1;
    const s = scalarize(op(x), rng);
    checkGrad(name, (p: { x: Tensor }) => s(op(p.x)), { x });
  });
}

test("values at known points", () => {
  // sigmoid(0) = 1/2; softplus(0) = log 2; relu(-1) = 0; silu(1) = 1/(1+e^-1) = 0.7310585786300049
  assert.equal(sigmoid(tensor([0])).data[0], 0.5);
  assert.equal(softplus(tensor([0])).data[0], Math.LN2);
  assert.deepEqual(relu(tensor([-1, 2])).toArray(), [0, 2]);
  assertClose(silu(tensor([1])).data, [0.7310585786300049], 1e-15);
  // Exact GELU(1) = Φ(1) = 0.8413447460685429 (python: 0.5*(1+math.erf(1/math.sqrt(2))));
  // tanh GELU(1) = 0.5*(1+math.tanh(math.sqrt(2/math.pi)*(1+0.044715))) = 0.8411919906082768.
  assertClose(gelu(tensor([1]), { approximate: false }).data, [0.8413447460685429], 1e-15);
  assertClose(gelu(tensor([1])).data, [0.8411919906082768], 1e-15);
});

test("stable forms: sigmoid/softplus at ±800 do not overflow", () => {
  assert.deepEqual(Array.from(sigmoid(tensor([-800, 800])).data), [0, 1]);
  const sp = softplus(tensor([-800, 800])).data;
  assert.equal(sp[0], 0);
  assert.equal(sp[1], 800);
});
