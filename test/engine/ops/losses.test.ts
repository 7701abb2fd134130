// Tests for src/engine/ops/losses.ts: values against closed forms / numpy, stability at large
// logits, gradients (central differences, float64, rtol 1e-6), shape errors.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Rng } from "../../../src/core/random.ts";
import { bceWithLogits, mse, softmaxCrossEntropy } from "../../../src/engine/ops/losses.ts";
import { randn, type Tensor, tensor, uniform } from "../../../src/engine/tensor.ts";
import { assertClose, checkGrad } from "../helpers.ts";

test("values: mse, bce with logits, softmax cross-entropy", () => {
  // mse([1,2],[0,4]) = (1 + 4)/2 = 2.5; sum reduction 5
  assert.equal(mse(tensor([1, 2]), tensor([0, 4])).item(), 2.5);
  assert.equal(mse(tensor([1, 2]), tensor([0, 4]), { reduction: "sum" }).item(), 5);
  // BCE(x=0, y) = log 2 for any y; BCE(x=2, y=1) = np.log(1+np.exp(-2.)) = 0.1269280110429726
  assertClose(
    [bceWithLogits(tensor([0, 2]), tensor([0.3, 1])).item()],
    [(Math.LN2 + 0.1269280110429726) / 2],
    1e-15,
  );
  // CE of logits [1,2,3] with label 2: np.log(np.exp(1)+np.exp(2)+np.exp(3))-3 = 0.40760596444438013
  assertClose([softmaxCrossEntropy(tensor([[1, 2, 3]]), [2]).item()], [0.40760596444438013], 1e-14);
});

test("stability at logits ±1000", () => {
  // BCE(x=1000, y=0) = 1000; BCE(x=-1000, y=0) = 0 (exactly, in double)
  assert.equal(bceWithLogits(tensor([1000]), tensor([0])).item(), 1000);
  assert.equal(bceWithLogits(tensor([-1000]), tensor([0])).item(), 0);
  assert.equal(softmaxCrossEntropy(tensor([[1000, 0]]), [1]).item(), 1000);
});

test("gradients", () => {
  const rng = new Rng(71);
  const p = randn([5, 3], rng);
  const t = randn([5, 3], rng);
  checkGrad("mse", (q: { p: Tensor; t: Tensor }) => mse(q.p, q.t), { p, t });
  checkGrad("mse sum", (q: { p: Tensor; t: Tensor }) => mse(q.p, q.t, { reduction: "sum" }), { p, t });
  const y = uniform([5, 3], rng, 0, 1);
  checkGrad("bceWithLogits", (q: { p: Tensor; y: Tensor }) => bceWithLogits(q.p, q.y), { p, y });
  const labels = [0, 2, 1, 1, 2];
  checkGrad("softmaxCrossEntropy", (q: { p: Tensor }) => softmaxCrossEntropy(q.p, labels), { p });
});

test("shape errors name both shapes", () => {
  assert.throws(
    () => mse(tensor([1, 2]), tensor([[1, 2]])),
    (e: unknown) =>
      e instanceof AnsatzError &&
      e.message === "mse: expected pred and target of the same shape, found [2] and [1, 2]",
  );
  assert.throws(() => softmaxCrossEntropy(tensor([[1, 2]]), [0, 1]), AnsatzError);
  assert.throws(() => softmaxCrossEntropy(tensor([[1, 2]]), [2]), AnsatzError);
});
