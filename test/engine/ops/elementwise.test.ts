// Tests for src/engine/ops/elementwise.ts: broadcasting values (numpy rules, hand-computed), the
// gradient of every binary op against central differences (float64, rtol 1e-6), masks and errors.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Rng } from "../../../src/core/random.ts";
import {
  add,
  div,
  eq,
  ge,
  gt,
  le,
  lt,
  maximum,
  minimum,
  mul,
  sub,
  where,
} from "../../../src/engine/ops/elementwise.ts";
import { randn, type Tensor, tensor, uniform } from "../../../src/engine/tensor.ts";
import { checkGrad, scalarize } from "../helpers.ts";

test("broadcast values follow numpy: [2,2] + [2], [2,1] * [1,3], scalar operands", () => {
  // numpy: np.array([[1,2],[3,4]]) + np.array([10,20]) = [[11,22],[13,24]]
  assert.deepEqual(
    add(
      tensor([
        [1, 2],
        [3, 4],
      ]),
      tensor([10, 20]),
    ).toArray(),
    [
      [11, 22],
      [13, 24],
    ],
  );
  // np.array([[1],[2]]) * np.array([[1,2,3]]) = [[1,2,3],[2,4,6]]
  assert.deepEqual(mul(tensor([[1], [2]]), tensor([[1, 2, 3]])).toArray(), [
    [1, 2, 3],
    [2, 4, 6],
  ]);
  assert.deepEqual(sub(10, tensor([1, 2])).toArray(), [9, 8]);
  assert.deepEqual(div(tensor([1, 2]), 4).toArray(), [0.25, 0.5]);
  // [3] + [1,1] broadcasts to shape [1,3] (numpy)
  const r = add(tensor([1, 2, 3]), tensor([[1]]));
  assert.deepEqual(r.shape, [1, 3]);
  assert.deepEqual(r.toArray(), [[2, 3, 4]]);
  // rank-3 with middle broadcast: x[i,j,k] + y[i,0,k]
  const x = tensor([
    [
      [1, 2],
      [3, 4],
    ],
    [
      [5, 6],
      [7, 8],
    ],
  ]);
  const y = tensor([[[100, 200]], [[300, 400]]]);
  assert.deepEqual(add(x, y).toArray(), [
    [
      [101, 202],
      [103, 204],
    ],
    [
      [305, 406],
      [307, 408],
    ],
  ]);
});

const shapePairs: [number[], number[]][] = [
  [
    [3, 4],
    [3, 4],
  ],
  [[3, 4], [4]],
  [[4], [3, 4]],
  [
    [3, 1],
    [1, 4],
  ],
  [
    [2, 3, 4],
    [3, 1],
  ],
  [
    [2, 1, 4],
    [2, 3, 1],
  ],
  [[3, 4], []],
  [[], [3, 4]],
  [
    [3, 4],
    [1, 1],
  ],
];

for (const [sa, sb] of shapePairs) {
  test(`gradients of add/sub/mul/div for [${sa}] and [${sb}] match central differences`, () => {
    const rng = new Rng(11);
    const a = randn(sa, rng);
    const b = uniform(sb, rng, 0.5, 2); // keep |b| away from 0 for div
    const ops: [string, (x: Tensor, y: Tensor) => Tensor][] = [
      ["add", add],
      ["sub", sub],
      ["mul", mul],
      ["div", div],
    ];
    for (const [name, op] of ops) {
      const s = scalarize(op(a, b), rng);
      checkGrad(`${name} [${sa}]·[${sb}]`, (p: { a: Tensor; b: Tensor }) => s(op(p.a, p.b)), { a, b });
    }
  });
}

test("gradients with a number operand and with the same tensor twice", () => {
  const rng = new Rng(12);
  const a = randn([5], rng);
  const s = scalarize(a, rng);
  checkGrad("mul by number", (p: { a: Tensor }) => s(mul(p.a, 3)), { a });
  checkGrad("number / x", (p: { a: Tensor }) => s(div(2, add(mul(p.a, p.a), 1))), { a });
  checkGrad("x - x + x*x", (p: { a: Tensor }) => s(add(sub(p.a, p.a), mul(p.a, p.a))), { a });
  checkGrad("x + x", (p: { a: Tensor }) => s(add(p.a, p.a)), { a });
});

test("comparison masks and where/maximum/minimum (values and gradients)", () => {
  const a = tensor([1, 5, 3]);
  const b = tensor([2, 5, 1]);
  assert.deepEqual(gt(a, b).toArray(), [0, 0, 1]);
  assert.deepEqual(ge(a, b).toArray(), [0, 1, 1]);
  assert.deepEqual(lt(a, b).toArray(), [1, 0, 0]);
  assert.deepEqual(le(a, b).toArray(), [1, 1, 0]);
  assert.deepEqual(eq(a, b).toArray(), [0, 1, 0]);
  assert.deepEqual(where(tensor([1, 0, 1]), a, tensor([[10], [20]])).toArray(), [
    [1, 10, 3],
    [1, 20, 3],
  ]);
  assert.deepEqual(maximum(a, b).toArray(), [2, 5, 3]);
  assert.deepEqual(minimum(a, 2).toArray(), [1, 2, 2]);
  const rng = new Rng(13);
  const x = randn([3, 4], rng);
  const y = randn([4], rng);
  const c = gt(randn([3, 1], rng), 0);
  const s = scalarize(where(c, x, y), rng);
  checkGrad("where", (p: { x: Tensor; y: Tensor }) => s(where(c, p.x, p.y)), { x, y });
  const s2 = scalarize(maximum(x, y), rng);
  checkGrad("maximum", (p: { x: Tensor; y: Tensor }) => s2(maximum(p.x, p.y)), { x, y });
});

test("errors: incompatible shapes name the op and both shapes; dtype mixing is refused", () => {
  assert.throws(
    () => add(tensor([1, 2, 3]), tensor([1, 2])),
    (e: unknown) =>
      e instanceof AnsatzError && e.message === "add: expected broadcastable shapes, found [3] and [2]",
  );
  assert.throws(
    () => mul(tensor([1, 2], [2], "float32"), tensor([1, 2])),
    (e: unknown) =>
      e instanceof AnsatzError &&
      /mul: expected operands of the same dtype, found float32 and float64/.test(e.message),
  );
});

test("float32 operands keep float32", () => {
  const r = add(tensor([1.5, 2], [2], "float32"), 1);
  assert.equal(r.dtype, "float32");
  assert.ok(r.data instanceof Float32Array);
  assert.deepEqual(Array.from(r.data), [2.5, 3]);
});
