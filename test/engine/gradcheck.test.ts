// Tests for src/engine/gradcheck.ts: it passes a correct gradient and FAILS a wrong one (a function
// whose recorded gradient is deliberately half the true one), reports the worst entry, and refuses
// float32 parameters.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../src/core/errors.ts";
import { stopGradient } from "../../src/engine/autodiff.ts";
import { assertGradcheck, gradcheck } from "../../src/engine/gradcheck.ts";
import { mul } from "../../src/engine/ops/elementwise.ts";
import { sum } from "../../src/engine/ops/reduce.ts";
import { type Tensor, tensor } from "../../src/engine/tensor.ts";

test("a correct gradient passes; Σ x·stop(x) (recorded gradient x, true 2x) fails at the worst entry", () => {
  const good = gradcheck((p: { x: Tensor }) => sum(mul(p.x, p.x)), { x: tensor([1, -2, 3]) });
  assert.equal(good.ok, true);
  assert.equal(good.checked, 3);
  assert.ok(good.maxRelError < 1e-8);
  const bad = gradcheck((p: { x: Tensor }) => sum(mul(p.x, stopGradient(p.x))), { x: tensor([1, -2, 3]) });
  assert.equal(bad.ok, false);
  assert.equal(bad.worst!.path, "x");
  assert.equal(bad.worst!.index, 2);
  assert.equal(bad.worst!.analytic, 3);
  assert.ok(Math.abs(bad.worst!.numeric - 6) < 1e-6);
  assert.throws(
    () => assertGradcheck((p: { x: Tensor }) => sum(mul(p.x, stopGradient(p.x))), { x: tensor([1]) }),
    (e: unknown) => e instanceof AnsatzError && /gradient mismatch at "x"\[0\]/.test(e.message),
  );
});

test("maxEntriesPerLeaf samples; float32 params are refused", () => {
  const r = gradcheck(
    (p: { x: Tensor }) => sum(mul(p.x, p.x)),
    { x: tensor(new Float64Array(100).fill(1)) },
    { maxEntriesPerLeaf: 10 },
  );
  assert.equal(r.checked, 10);
  assert.throws(
    () => gradcheck((p: { x: Tensor }) => sum(p.x), { x: tensor([1], [1], "float32") }),
    AnsatzError,
  );
});
