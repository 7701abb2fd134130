// Tests for src/engine/ops/index-ops.ts: gather values along an axis (numpy.take), scatter-add
// gradient with repeated indices (central differences, float64), index validation, oneHot.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Rng } from "../../../src/core/random.ts";
import { gather, oneHot } from "../../../src/engine/ops/index-ops.ts";
import { randn, type Tensor, tensor } from "../../../src/engine/tensor.ts";
import { checkGrad, scalarize } from "../helpers.ts";

test("gather rows and columns (numpy.take)", () => {
  const x = tensor([
    [1, 2],
    [3, 4],
    [5, 6],
  ]);
  assert.deepEqual(gather(x, [2, 0, 2]).toArray(), [
    [5, 6],
    [1, 2],
    [5, 6],
  ]);
  assert.deepEqual(gather(x, Int32Array.from([1]), 1).toArray(), [[2], [4], [6]]);
  assert.deepEqual(gather(x, tensor([1, 1])).toArray(), [
    [3, 4],
    [3, 4],
  ]);
});

test("gather gradient accumulates over repeated indices", () => {
  const rng = new Rng(61);
  const x = randn([4, 3, 2], rng);
  for (const axis of [0, 1, -1]) {
    const idx = axis === 0 ? [3, 0, 3, 1] : axis === 1 ? [2, 2, 0] : [1, 0, 1];
    const s = scalarize(gather(x, idx, axis), rng);
    checkGrad(`gather axis ${axis}`, (p: { x: Tensor }) => s(gather(p.x, idx, axis)), { x });
  }
});

test("bad indices are AnsatzErrors; oneHot", () => {
  assert.throws(
    () => gather(tensor([1, 2]), [2]),
    (e: unknown) =>
      e instanceof AnsatzError &&
      /gather indices\[0\]: expected an integer in \[0, 1\], found 2/.test(e.message),
  );
  assert.throws(() => gather(tensor([1, 2]), [0.5]), AnsatzError);
  assert.deepEqual(oneHot([2, 0], 3).toArray(), [
    [0, 0, 1],
    [1, 0, 0],
  ]);
});
