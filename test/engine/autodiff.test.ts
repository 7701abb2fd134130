// Tests for src/engine/autodiff.ts: gradients in the parameter tree's shape (closed forms), zero
// gradients for unused leaves, extra arguments as constants, noGrad/stopGradient, aux outputs, the
// scalar-result check, and the refusal of nested (higher-order) differentiation.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../src/core/errors.ts";
import {
  customOp,
  grad,
  isRecording,
  noGrad,
  stopGradient,
  valueAndGrad,
  valueAndGradWithAux,
} from "../../src/engine/autodiff.ts";
import { add, mul, sub } from "../../src/engine/ops/elementwise.ts";
import { sum } from "../../src/engine/ops/reduce.ts";
import { square } from "../../src/engine/ops/unary.ts";
import { type Tensor, tensor } from "../../src/engine/tensor.ts";
import { checkGrad } from "./helpers.ts";

type P = { a: Tensor; list: Tensor[] };

test("valueAndGrad: f = Σ a² + 3·Σ list[0] has grads {a: 2a, list: [3, 0]}", () => {
  const f = (p: P) => add(sum(square(p.a)), mul(sum(p.list[0]!), 3));
  const params: P = { a: tensor([1, -2]), list: [tensor([5, 6, 7]), tensor([9])] };
  const { value, grads } = valueAndGrad(f)(params);
  assert.equal(value, 1 + 4 + 3 * 18);
  assert.deepEqual(Array.from(grads.a.data), [2, -4]);
  assert.deepEqual(Array.from(grads.list[0]!.data), [3, 3, 3]);
  assert.deepEqual(Array.from(grads.list[1]!.data), [0], "unused leaf gets a zero gradient");
  assert.deepEqual(grads.list[0]!.shape, [3]);
  // grad returns the same gradients; params are untouched.
  assert.deepEqual(Array.from(grad(f)(params).a.data), [2, -4]);
  assert.deepEqual(Array.from(params.a.data), [1, -2]);
});

test("extra arguments are constants; a leaf used twice accumulates; result may be the leaf itself", () => {
  const f = (p: { x: Tensor }, c: Tensor) => sum(mul(add(p.x, p.x), c));
  const { grads } = valueAndGrad(f)({ x: tensor([1, 2]) }, tensor([10, 100]));
  assert.deepEqual(Array.from(grads.x.data), [20, 200]);
  const g = grad((p: { s: Tensor }) => p.s)({ s: tensor(4) });
  assert.equal(g.s.item(), 1);
  const zero = grad((_p: { s: Tensor }) => tensor(2))({ s: tensor(4) });
  assert.equal(zero.s.item(), 0, "a result that does not depend on params has zero gradient");
});

test("noGrad and stopGradient block the gradient; isRecording reflects the state", () => {
  let inside = false;
  let insideNo = true;
  const f = (p: { x: Tensor }) => {
    inside = isRecording();
    const c = noGrad(() => {
      insideNo = isRecording();
      return square(p.x);
    });
    // d/dx [x² (const) · x + stop(x)·x] = x² + x
    return sum(add(mul(c, p.x), mul(stopGradient(p.x), p.x)));
  };
  const g = grad(f)({ x: tensor([3]) });
  assert.equal(g.x.item(), 9 + 3);
  assert.equal(inside, true);
  assert.equal(insideNo, false);
  assert.equal(isRecording(), false);
});

test("valueAndGradWithAux passes aux through", () => {
  const r = valueAndGradWithAux((p: { x: Tensor }) => {
    const y = square(p.x);
    return [sum(y), { first: y.data[0] }];
  })({ x: tensor([2, 5]) });
  assert.equal(r.value, 29);
  assert.deepEqual(r.aux, { first: 4 });
  assert.deepEqual(Array.from(r.grads.x.data), [4, 10]);
});

test("non-scalar results and nested differentiation are AnsatzErrors", () => {
  assert.throws(
    () => grad((p: { x: Tensor }) => square(p.x))({ x: tensor([1, 2]) }),
    (e: unknown) =>
      e instanceof AnsatzError &&
      /grad: f's result: expected a scalar tensor \(one element\), found shape \[2\]/.test(e.message),
  );
  const outer = (p: { x: Tensor }) => {
    const inner = grad((q: { y: Tensor }) => sum(mul(q.y, p.x)))({ y: tensor([1]) });
    return sum(mul(inner.y, p.x));
  };
  assert.throws(
    () => grad(outer)({ x: tensor([2]) }),
    (e: unknown) => e instanceof AnsatzError && /higher-order/.test(e.message),
  );
  assert.throws(
    () =>
      grad((p: { x: Tensor }) => sum(grad((q: { y: Tensor }) => sum(square(q.y)))({ y: p.x }).y))({
        x: tensor([1]),
      }),
    /higher-order/,
  );
  // Inside noGrad, the outer tensor is a constant of the inner differentiation.
  const ok = (p: { x: Tensor }) => {
    const inner = noGrad(() => grad((q: { y: Tensor }) => sum(mul(q.y, p.x)))({ y: tensor([1]) }));
    return sum(mul(inner.y, p.x));
  };
  assert.equal(grad(ok)({ x: tensor([2]) }).x.item(), 2);
  // After an error the engine is not left recording.
  assert.equal(isRecording(), false);
});

test("tensors left over from a finished tape are constants later", () => {
  let kept: Tensor | null = null;
  grad((p: { x: Tensor }) => {
    kept = square(p.x);
    return sum(kept);
  })({ x: tensor([3]) });
  const g = grad((p: { y: Tensor }) => sum(mul(p.y, kept!)))({ y: tensor([1]) });
  assert.equal(g.y.item(), 9);
  assert.equal(sub(kept!, 1).item(), 8);
});

test("customOp: a hand-written cube op with vjp 3x²·g passes gradcheck; untracked use records nothing", () => {
  const cube = (x: Tensor): Tensor => {
    const out = tensor(
      x.data.map((v) => v * v * v),
      x.shape,
    );
    return customOp(out, [x], (g) => [g.map((gv, i) => 3 * x.data[i]! * x.data[i]! * gv)]);
  };
  assert.deepEqual(Array.from(cube(tensor([2])).data), [8]);
  checkGrad("customOp cube", (p: { x: Tensor }) => sum(mul(cube(p.x), tensor([1, -2, 0.5]))), {
    x: tensor([0.3, -1.2, 2]),
  });
  assert.throws(
    () =>
      grad((p: { x: Tensor }) => sum(customOp(tensor([1]), [p.x], () => [new Float64Array(3)])))({
        x: tensor([1]),
      }),
    /customOp vjp result 0: expected 1 values, found 3/,
  );
});
