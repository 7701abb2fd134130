// Tests for src/engine/layers/linear.ts: initialisation ranges (Glorot bound √(6/(in+out)), He std
// √(2/in)), x·w + b values, gradients (central differences), and input errors (shape, NaN).
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Rng } from "../../../src/core/random.ts";
import { Linear, type LinearParams } from "../../../src/engine/layers/linear.ts";
import { randn, type Tensor, tensor } from "../../../src/engine/tensor.ts";
import { checkGrad, scalarize } from "../helpers.ts";

test("Glorot init stays within ±√(6/(in+out)) and fills it; He init has std ≈ √(2/in)", () => {
  const g = new Linear(30, 20, { rng: new Rng(1) });
  const bound = Math.sqrt(6 / 50);
  const w = g.params.w.data;
  assert.deepEqual(g.params.w.shape, [30, 20]);
  assert.ok(w.every((v) => Math.abs(v) <= bound));
  assert.ok(Math.max(...w) > 0.95 * bound && Math.min(...w) < -0.95 * bound);
  assert.ok(g.params.b.data.every((v) => v === 0));
  const he = new Linear(200, 100, { rng: new Rng(2), init: "he" });
  const d = he.params.w.data;
  let ss = 0;
  for (const v of d) ss += v * v;
  const std = Math.sqrt(ss / d.length);
  // 20000 draws: the sample std is within 3% of √(2/200) = 0.1 with overwhelming probability.
  assert.ok(Math.abs(std - 0.1) < 0.003, `He std ${std}`);
});

test("apply = x·w + b (by hand), gradients w.r.t. params and input", () => {
  const lin = new Linear(2, 3, { rng: new Rng(3) });
  const p: LinearParams = {
    w: tensor([
      [1, 0, 2],
      [0, 1, 3],
    ]),
    b: tensor([10, 20, 30]),
  };
  assert.deepEqual(lin.apply(p, tensor([[1, 2]])).toArray(), [[11, 22, 38]]);
  assert.deepEqual(lin.apply(p, tensor([1, 2])).toArray(), [11, 22, 38]);
  const rng = new Rng(4);
  const x = randn([5, 2], rng);
  const s = scalarize(lin.apply(lin.params, x), rng);
  checkGrad("Linear", (q: { p: LinearParams; x: Tensor }) => s(lin.apply(q.p, q.x)), { p: lin.params, x });
});

test("input shape and NaN are AnsatzErrors naming the layer", () => {
  const lin = new Linear(3, 2, { rng: new Rng(5) });
  assert.throws(
    () => lin.apply(lin.params, tensor(new Float64Array(20), [5, 4])),
    (e: unknown) =>
      e instanceof AnsatzError && e.message === "Linear input: expected shape [*, 3] or [3], found [5, 4]",
  );
  assert.throws(
    () => lin.apply(lin.params, tensor([1, Number.NaN, 2])),
    (e: unknown) =>
      e instanceof AnsatzError &&
      e.code === "not-finite" &&
      /Linear input: expected finite values, found NaN at index 1/.test(e.message),
  );
  assert.throws(() => lin.apply({ w: tensor([[1]]), b: tensor([1]) }, tensor([1, 2, 3])), /Linear params/);
  assert.throws(() => new Linear(0, 2, { rng: new Rng(1) }), AnsatzError);
});
