// Tests for src/engine/tensor.ts: construction from numbers / nested arrays / typed arrays, shape
// validation errors, factories (values and dtypes), item/toArray, Mat conversion.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../src/core/errors.ts";
import { Mat } from "../../src/core/matrix.ts";
import { Rng } from "../../src/core/random.ts";
import {
  arange,
  fromMat,
  full,
  linspace,
  ones,
  randn,
  Tensor,
  tensor,
  toMat,
  uniform,
  zeros,
} from "../../src/engine/tensor.ts";

test("tensor() from a number, nested arrays, flat array + shape, typed arrays", () => {
  const s = tensor(3.5);
  assert.deepEqual(s.shape, []);
  assert.equal(s.item(), 3.5);
  assert.equal(s.size, 1);
  const m = tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  assert.deepEqual(m.shape, [2, 3]);
  assert.equal(m.dtype, "float64");
  assert.deepEqual(Array.from(m.data), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(m.toArray(), [
    [1, 2, 3],
    [4, 5, 6],
  ]);
  assert.deepEqual(tensor([1, 2, 3, 4], [2, 2]).toArray(), [
    [1, 2],
    [3, 4],
  ]);
  const buf = new Float64Array([1, 2, 3, 4, 5, 6]);
  const t = tensor(buf, [3, 2]);
  assert.equal(t.data, buf, "a matching typed array is wrapped without copying");
  const t32 = tensor(buf, [3, 2], "float32");
  assert.ok(t32.data instanceof Float32Array);
  assert.equal(t32.dtype, "float32");
  assert.deepEqual(tensor(new Float32Array([1, 2])).shape, [2]);
});

test("bad input is an AnsatzError naming what was expected and found", () => {
  assert.throws(
    () => tensor([[1, 2], [3]]),
    (e: unknown) =>
      e instanceof AnsatzError &&
      /tensor\[1\]: expected an array of length 2, found length 1/.test(e.message),
  );
  assert.throws(
    () => tensor(new Float64Array(5), [2, 3]),
    (e: unknown) =>
      e instanceof AnsatzError && /expected 6 values for shape \[2, 3\], found 5 values/.test(e.message),
  );
  assert.throws(() => tensor([1, 2], [3]), AnsatzError);
  assert.throws(() => zeros([2, -1]), AnsatzError);
  assert.throws(() => zeros([2], "int32" as never), AnsatzError);
  assert.throws(
    () => tensor([1, 2]).item(),
    /Tensor.item: expected a tensor with one element, found shape \[2\]/,
  );
  assert.throws(() => new Tensor(new Float64Array(3), [2, 2]), AnsatzError);
});

test("factories: zeros/ones/full/arange/linspace values; randn/uniform reproducible from a seed", () => {
  assert.deepEqual(Array.from(zeros([2, 2]).data), [0, 0, 0, 0]);
  assert.deepEqual(Array.from(ones([3], "float32").data), [1, 1, 1]);
  assert.deepEqual(Array.from(full([2], 7).data), [7, 7]);
  assert.deepEqual(Array.from(arange(4).data), [0, 1, 2, 3]);
  // numpy.linspace(-1, 1, 5) = [-1, -0.5, 0, 0.5, 1]
  assert.deepEqual(Array.from(linspace(-1, 1, 5).data), [-1, -0.5, 0, 0.5, 1]);
  const a = randn([100], new Rng(1), 2);
  const b = randn([100], new Rng(1), 2);
  assert.deepEqual(a.data, b.data);
  // Same stream as Rng.normal(0, 2) draws.
  const r = new Rng(1);
  assert.equal(a.data[0], r.normal(0, 2));
  const u = uniform([1000], new Rng(2), -3, 5);
  assert.ok(u.data.every((v) => v >= -3 && v < 5));
  const u32 = uniform([4], new Rng(2), 0, 1, "float32");
  assert.equal(u32.dtype, "float32");
});

test("Mat conversion shares float64 buffers", () => {
  const m = Mat.from([
    [1, 2],
    [3, 4],
  ]);
  const t = fromMat(m);
  assert.deepEqual(t.shape, [2, 2]);
  assert.equal(t.data, m.data);
  const back = toMat(t);
  assert.equal(back.get(1, 0), 3);
  assert.throws(() => toMat(tensor([1, 2])), AnsatzError);
});
