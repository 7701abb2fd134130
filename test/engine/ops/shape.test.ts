// Tests for src/engine/ops/shape.ts: values (numpy semantics, hand-computed) and gradients
// (central differences, float64, rtol 1e-6) of reshape, transpose, permute, slice, concat, stack,
// expandDims, squeeze and broadcastTo; errors name the op and the shapes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Rng } from "../../../src/core/random.ts";
import {
  broadcastTo,
  concat,
  expandDims,
  permute,
  reshape,
  slice,
  squeeze,
  stack,
  transpose,
} from "../../../src/engine/ops/shape.ts";
import { randn, type Tensor, tensor } from "../../../src/engine/tensor.ts";
import { checkGrad, scalarize } from "../helpers.ts";

test("values", () => {
  const x = tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  assert.deepEqual(reshape(x, [3, -1]).toArray(), [
    [1, 2],
    [3, 4],
    [5, 6],
  ]);
  assert.deepEqual(transpose(x).toArray(), [
    [1, 4],
    [2, 5],
    [3, 6],
  ]);
  // np.arange(24).reshape(2,3,4).transpose(2,0,1)[1] = [[1,5,9],[13,17,21]]
  const y = reshape(tensor(Float64Array.from({ length: 24 }, (_, i) => i)), [2, 3, 4]);
  const yp = permute(y, [2, 0, 1]);
  assert.deepEqual(yp.shape, [4, 2, 3]);
  assert.deepEqual((yp.toArray() as number[][][])[1], [
    [1, 5, 9],
    [13, 17, 21],
  ]);
  assert.deepEqual(slice(x, 1, 1).toArray(), [
    [2, 3],
    [5, 6],
  ]);
  assert.deepEqual(slice(x, 1, -2, -1).toArray(), [[2], [5]]);
  assert.deepEqual(concat([x, tensor([[7, 8, 9]])], 0).toArray(), [
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ]);
  assert.deepEqual(concat([x, tensor([[0], [0]])], 1).toArray(), [
    [1, 2, 3, 0],
    [4, 5, 6, 0],
  ]);
  assert.deepEqual(stack([tensor([1, 2]), tensor([3, 4])], 1).toArray(), [
    [1, 3],
    [2, 4],
  ]);
  assert.deepEqual(expandDims(tensor([1, 2]), 0).shape, [1, 2]);
  assert.deepEqual(squeeze(tensor([[[1], [2]]])).shape, [2]);
  assert.deepEqual(broadcastTo(tensor([1, 2]), [2, 2]).toArray(), [
    [1, 2],
    [1, 2],
  ]);
});

test("gradients", () => {
  const rng = new Rng(51);
  const x = randn([2, 3, 4], rng);
  const cases: [string, (t: Tensor) => Tensor][] = [
    ["reshape", (t) => reshape(t, [4, -1])],
    ["permute", (t) => permute(t, [1, 2, 0])],
    ["transpose", (t) => transpose(reshape(t, [6, 4]))],
    ["slice axis 1", (t) => slice(t, 1, 1, 3)],
    ["slice axis -1", (t) => slice(t, -1, 0, 2)],
    ["concat axis 1 (with itself)", (t) => concat([t, slice(t, 1, 0, 1)], 1)],
    ["stack axis 2", (t) => stack([t, t], 2)],
    ["expandDims + squeeze", (t) => squeeze(expandDims(t, 1), 1)],
    ["broadcastTo", (t) => broadcastTo(slice(t, 1, 0, 1), [3, 2, 3, 4])],
  ];
  for (const [name, op] of cases) {
    const s = scalarize(op(x), rng);
    checkGrad(name, (p: { x: Tensor }) => s(op(p.x)), { x });
  }
  const a = randn([2, 3], rng);
  const b = randn([2, 2], rng);
  const s = scalarize(concat([a, b], 1), rng);
  checkGrad("concat of two", (p: { a: Tensor; b: Tensor }) => s(concat([p.a, p.b], 1)), { a, b });
});

test("errors", () => {
  assert.throws(
    () => reshape(tensor([1, 2, 3]), [2, -1]),
    (e: unknown) => e instanceof AnsatzError && /reshape: cannot reshape \[3\] to \[2, -1\]/.test(e.message),
  );
  assert.throws(
    () => concat([tensor([[1, 2]]), tensor([[1, 2, 3]])], 0),
    (e: unknown) =>
      e instanceof AnsatzError &&
      /concat: expected shapes that agree except on axis 0, found \[1, 2\] and \[1, 3\]/.test(e.message),
  );
  assert.throws(() => slice(tensor([1, 2]), 0, 1, 5), AnsatzError);
  assert.throws(() => permute(tensor([[1]]), [0, 0]), AnsatzError);
  assert.throws(() => squeeze(tensor([1, 2]), 0), AnsatzError);
});
