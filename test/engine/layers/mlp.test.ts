// Tests for src/engine/layers/mlp.ts: parameter tree paths, forward = manual composition with the
// final layer linear, gradients for several activations (central differences), float32 forward.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Rng } from "../../../src/core/random.ts";
import { type Activation, MLP, type MLPParams } from "../../../src/engine/layers/mlp.ts";
import { linear } from "../../../src/engine/ops/matmul.ts";
import { tanh } from "../../../src/engine/ops/unary.ts";
import { randn, type Tensor, tensor } from "../../../src/engine/tensor.ts";
import { flattenTree, mapTree } from "../../../src/engine/tree.ts";
import { assertClose, checkGrad, scalarize } from "../helpers.ts";

test("params tree paths and forward = linear∘tanh∘linear∘tanh∘linear", () => {
  const mlp = new MLP([3, 5, 4, 2], { activation: "tanh", rng: new Rng(1) });
  assert.deepEqual(
    flattenTree(mlp.params).map((l) => `${l.path}[${l.tensor.shape}]`),
    [
      "layers.0.b[5]",
      "layers.0.w[3,5]",
      "layers.1.b[4]",
      "layers.1.w[5,4]",
      "layers.2.b[2]",
      "layers.2.w[4,2]",
    ],
  );
  assert.equal(mlp.init, "glorot");
  assert.equal(new MLP([2, 2], { rng: new Rng(1) }).init, "he", "relu (default) uses He init");
  const x = randn([6, 3], new Rng(2));
  const [l0, l1, l2] = mlp.params.layers as [
    MLPParams["layers"][0],
    MLPParams["layers"][0],
    MLPParams["layers"][0],
  ];
  const manual = linear(tanh(linear(tanh(linear(x, l0.w, l0.b)), l1.w, l1.b)), l2.w, l2.b);
  assert.deepEqual(mlp.apply(mlp.params, x).data, manual.data);
});

const acts: Activation[] = [
  "relu",
  "tanh",
  "sigmoid",
  "gelu",
  "gelu-exact",
  "silu",
  "softplus",
  "leaky-relu",
];
test("gradients w.r.t. params and input for every activation", () => {
  for (const activation of acts) {
    const rng = new Rng(3);
    const mlp = new MLP([3, 6, 2], { activation, rng });
    // Random biases so that relu kinks are not hit at exactly 0.
    const params = mapTree(mlp.params, (t) => randn(t.shape, rng, 0.5));
    const x = randn([4, 3], rng);
    const s = scalarize(mlp.apply(params, x), rng);
    checkGrad(`MLP ${activation}`, (q: { p: MLPParams; x: Tensor }) => s(mlp.apply(q.p, q.x)), {
      p: params,
      x,
    });
  }
});

test("float32 MLP forward agrees with float64 to float32 precision", () => {
  const m64 = new MLP([4, 16, 16, 3], { activation: "gelu", rng: new Rng(4) });
  const m32 = new MLP([4, 16, 16, 3], { activation: "gelu", rng: new Rng(4), dtype: "float32" });
  const x = randn([8, 4], new Rng(5));
  const y64 = m64.apply(m64.params, x);
  const y32 = m32.apply(m32.params, tensor(x.data, x.shape, "float32"));
  assert.equal(y32.dtype, "float32");
  assertClose(y32.data, y64.data, 0, 1e-5, "float32 vs float64");
});

test("bad sizes, activation and input are AnsatzErrors", () => {
  assert.throws(() => new MLP([3], { rng: new Rng(1) }), AnsatzError);
  assert.throws(
    () => new MLP([3, 2], { rng: new Rng(1), activation: "swish" as Activation }),
    /activation: expected one of relu, tanh/,
  );
  const mlp = new MLP([3, 2], { rng: new Rng(1) });
  assert.throws(
    () => mlp.apply(mlp.params, tensor([[1, 2]])),
    /MLP input: expected shape \[\*, 3\] or \[3\], found \[1, 2\]/,
  );
  assert.throws(
    () => mlp.apply(mlp.params, tensor([1, 2, Number.POSITIVE_INFINITY])),
    /MLP input: expected finite values, found Infinity at index 2/,
  );
  assert.throws(
    () => mlp.apply(mlp.params, tensor([1, 2, 3], [3], "float32")),
    /MLP input: expected dtype float64, found float32/,
  );
});
