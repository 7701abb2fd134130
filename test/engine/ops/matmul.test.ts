// Tests for src/engine/ops/matmul.ts: a hand-computed product, gradients for every transpose
// combination and for batched / vector / fused-linear forms (central differences, float64, rtol 1e-6),
// the inner-dimension error message, and the float32 path.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Rng } from "../../../src/core/random.ts";
import { linear, matmul } from "../../../src/engine/ops/matmul.ts";
import { randn, type Tensor, tensor } from "../../../src/engine/tensor.ts";
import { assertClose, checkGrad, scalarize } from "../helpers.ts";

test("[[1,2,3],[4,5,6]] · [[7,8],[9,10],[11,12]] = [[58,64],[139,154]] (by hand)", () => {
  const a = tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const b = tensor([
    [7, 8],
    [9, 10],
    [11, 12],
  ]);
  assert.deepEqual(matmul(a, b).toArray(), [
    [58, 64],
    [139, 154],
  ]);
  // Aᵀ stored as [3,2], Bᵀ stored as [2,3] give the same product.
  const at = tensor([
    [1, 4],
    [2, 5],
    [3, 6],
  ]);
  const bt = tensor([
    [7, 9, 11],
    [8, 10, 12],
  ]);
  assert.deepEqual(matmul(at, bt, { transA: true, transB: true }).toArray(), [
    [58, 64],
    [139, 154],
  ]);
  assert.deepEqual(matmul(at, b, { transA: true }).toArray(), [
    [58, 64],
    [139, 154],
  ]);
  assert.deepEqual(matmul(a, bt, { transB: true }).toArray(), [
    [58, 64],
    [139, 154],
  ]);
});

for (const transA of [false, true]) {
  for (const transB of [false, true]) {
    test(`matmul gradient, transA=${transA} transB=${transB}`, () => {
      const rng = new Rng(31);
      const [m, k, n] = [3, 4, 5];
      const a = randn(transA ? [k, m] : [m, k], rng);
      const b = randn(transB ? [n, k] : [k, n], rng);
      const s = scalarize(matmul(a, b, { transA, transB }), rng);
      checkGrad("matmul", (p: { a: Tensor; b: Tensor }) => s(matmul(p.a, p.b, { transA, transB })), { a, b });
    });
  }
}

test("batched 3-d · 3-d (all transposes), 3-d · 2-d and vector products: gradients", () => {
  const rng = new Rng(32);
  for (const transA of [false, true]) {
    for (const transB of [false, true]) {
      const a = randn(transA ? [2, 4, 3] : [2, 3, 4], rng);
      const b = randn(transB ? [2, 5, 4] : [2, 4, 5], rng);
      const s = scalarize(matmul(a, b, { transA, transB }), rng);
      checkGrad("bmm", (p: { a: Tensor; b: Tensor }) => s(matmul(p.a, p.b, { transA, transB })), { a, b });
    }
  }
  const a3 = randn([2, 3, 4], rng);
  const w = randn([4, 5], rng);
  const s3 = scalarize(matmul(a3, w), rng);
  checkGrad("3d·2d", (p: { a: Tensor; w: Tensor }) => s3(matmul(p.a, p.w)), { a: a3, w });
  const v = randn([4], rng);
  const m = randn([3, 4], rng);
  const sv = scalarize(matmul(m, v), rng);
  assert.deepEqual(matmul(m, v).shape, [3]);
  checkGrad("mat·vec", (p: { m: Tensor; v: Tensor }) => sv(matmul(p.m, p.v)), { m, v });
  assert.deepEqual(matmul(v, v).shape, []);
});

test("batched values equal per-batch 2-d products", () => {
  const rng = new Rng(33);
  const a = randn([3, 2, 4], rng);
  const b = randn([3, 4, 5], rng);
  const c = matmul(a, b);
  for (let i = 0; i < 3; i++) {
    const ai = new Float64Array(a.data.subarray(i * 8, i * 8 + 8));
    const bi = new Float64Array(b.data.subarray(i * 20, i * 20 + 20));
    const ci = matmul(tensor(ai, [2, 4]), tensor(bi, [4, 5]));
    assertClose(c.data.subarray(i * 10, i * 10 + 10), ci.data, 0, 0, "batch");
  }
});

test("linear(x, w, b) = x·w + b and its gradients (batched and 1-d x)", () => {
  const x = tensor([
    [1, 2],
    [3, 4],
  ]);
  const w = tensor([
    [1, 0, 2],
    [0, 1, 3],
  ]);
  const b = tensor([10, 20, 30]);
  assert.deepEqual(linear(x, w, b).toArray(), [
    [11, 22, 38],
    [13, 24, 48],
  ]);
  const rng = new Rng(34);
  const xs = randn([6, 4], rng);
  const ws = randn([4, 3], rng);
  const bs = randn([3], rng);
  const s = scalarize(linear(xs, ws, bs), rng);
  checkGrad("linear", (p: { x: Tensor; w: Tensor; b: Tensor }) => s(linear(p.x, p.w, p.b)), {
    x: xs,
    w: ws,
    b: bs,
  });
  const x1 = randn([4], rng);
  const s1 = scalarize(linear(x1, ws, bs), rng);
  checkGrad("linear 1-d", (p: { x: Tensor; w: Tensor; b: Tensor }) => s1(linear(p.x, p.w, p.b)), {
    x: x1,
    w: ws,
    b: bs,
  });
});

test("errors: inner dimensions name both shapes; wrong ranks; dtype mixing", () => {
  assert.throws(
    () => matmul(tensor(new Float64Array(12), [3, 4]), tensor(new Float64Array(10), [5, 2])),
    (e: unknown) =>
      e instanceof AnsatzError &&
      e.message === "matmul: expected inner dimensions to agree, found [3, 4] · [5, 2]",
  );
  assert.throws(
    () => matmul(tensor(new Float64Array(8), [2, 2, 2]), tensor(new Float64Array(8), [2, 2, 2, 1])),
    AnsatzError,
  );
  assert.throws(
    () => matmul(tensor(new Float32Array(4), [2, 2]), tensor(new Float64Array(4), [2, 2])),
    /matmul: expected operands of the same dtype, found float32 and float64/,
  );
});

test("float32 matmul keeps float32 and agrees with float64 to float32 precision", () => {
  const rng = new Rng(35);
  const a = randn([7, 9], rng);
  const b = randn([9, 5], rng);
  const c64 = matmul(a, b);
  const c32 = matmul(tensor(a.data, a.shape, "float32"), tensor(b.data, b.shape, "float32"));
  assert.equal(c32.dtype, "float32");
  assertClose(c32.data, c64.data, 0, 1e-5, "float32 vs float64");
});
