// Tests for src/engine/ops/reduce.ts: values against hand/numpy results, gradients of every
// reduction along each axis and over all entries (central differences, float64, rtol 1e-6),
// stability of logsumexp/softmax at large logits.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Rng } from "../../../src/core/random.ts";
import { logSoftmax, logsumexp, max, mean, min, norm, softmax, sum } from "../../../src/engine/ops/reduce.ts";
import { randn, type Tensor, tensor } from "../../../src/engine/tensor.ts";
import { assertClose, checkGrad, scalarize } from "../helpers.ts";

test("values: sum/mean/max/min along axes with keepdims (numpy semantics)", () => {
  const x = tensor([
    [1, 5, 3],
    [4, 2, 6],
  ]);
  assert.equal(sum(x).item(), 21);
  assert.deepEqual(sum(x, 0).toArray(), [5, 7, 9]);
  assert.deepEqual(sum(x, -1, true).toArray(), [[9], [12]]);
  assert.deepEqual(sum(x, null, true).shape, [1, 1]);
  assert.deepEqual(mean(x, 1).toArray(), [3, 4]);
  assert.deepEqual(max(x, 0).toArray(), [4, 5, 6]);
  assert.deepEqual(min(x, 1).toArray(), [1, 2]);
  assert.equal(max(x).item(), 6);
  assert.equal(norm(tensor([3, 4])).item(), 5);
  assert.deepEqual(
    norm(
      tensor([
        [3, 4],
        [6, 8],
      ]),
      1,
    ).toArray(),
    [5, 10],
  );
  // np.log(np.sum(np.exp([1., 2., 3.]))) = 3.40760596444438
  assertClose([logsumexp(tensor([1, 2, 3])).item()], [3.40760596444438], 1e-15);
  // e = np.exp([1., 2., 3.]); e / e.sum() = [0.09003057317038046, 0.24472847105479767, 0.6652409557748219]
  assertClose(
    softmax(tensor([1, 2, 3])).data,
    [0.09003057317038046, 0.24472847105479767, 0.6652409557748219],
    1e-14,
  );
});

test("stability: logsumexp/softmax/logSoftmax at logits ±1000 stay finite", () => {
  const x = tensor([1000, 1000 + Math.log(3)]);
  // log(e^1000 + 3e^1000) = 1000 + log 4
  assertClose([logsumexp(x).item()], [1000 + Math.log(4)], 1e-15);
  // 1000 + log 3 is stored to ±1.1e-13 absolute, hence the 1e-12 tolerance.
  assertClose(softmax(x).data, [0.25, 0.75], 1e-12);
  assertClose(logSoftmax(tensor([-1000, -1000])).data, [-Math.LN2, -Math.LN2], 1e-14);
  assert.equal(logsumexp(tensor([-Infinity, -Infinity])).item(), -Infinity);
});

const reductions: [string, (x: Tensor, axis?: number | null, keep?: boolean) => Tensor][] = [
  ["sum", sum],
  ["mean", mean],
  ["max", max],
  ["min", min],
  ["logsumexp", logsumexp],
  ["norm", norm],
];

for (const [name, op] of reductions) {
  test(`${name}: gradient over all entries and along each axis of a [3, 4, 5] tensor`, () => {
    const rng = new Rng(41);
    const x = randn([3, 4, 5], rng);
    for (const axis of [null, 0, 1, 2, -1]) {
      for (const keep of [false, true]) {
        const s = scalarize(op(x, axis, keep), rng);
        checkGrad(`${name} axis ${axis} keepdims ${keep}`, (p: { x: Tensor }) => s(op(p.x, axis, keep)), {
          x,
        });
      }
    }
  });
}

test("softmax / logSoftmax: gradient along each axis", () => {
  const rng = new Rng(42);
  const x = randn([3, 4, 5], rng);
  for (const axis of [0, 1, 2, -1]) {
    const s = scalarize(softmax(x, axis), rng);
    checkGrad(`softmax axis ${axis}`, (p: { x: Tensor }) => s(softmax(p.x, axis)), { x });
    const s2 = scalarize(logSoftmax(x, axis), rng);
    checkGrad(`logSoftmax axis ${axis}`, (p: { x: Tensor }) => s2(logSoftmax(p.x, axis)), { x });
  }
});

test("bad axis is an AnsatzError naming the range", () => {
  assert.throws(
    () => sum(tensor([1, 2]), 1),
    (e: unknown) =>
      e instanceof AnsatzError && /sum axis: expected an integer in \[-1, 0\], found 1/.test(e.message),
  );
});
