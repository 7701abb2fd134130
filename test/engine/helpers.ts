// Test helpers for the engine: a gradient-check assertion with readable failure messages, and
// closeness checks on arrays.
import assert from "node:assert/strict";
import type { Rng } from "../../src/core/random.ts";
import { type GradcheckOptions, gradcheck } from "../../src/engine/gradcheck.ts";
import { mul } from "../../src/engine/ops/elementwise.ts";
import { sum } from "../../src/engine/ops/reduce.ts";
import { randn, type Tensor } from "../../src/engine/tensor.ts";
import type { ParamTree } from "../../src/engine/tree.ts";

/** Asserts that grad(f) matches central differences (float64, default rtol 1e-6). */
export function checkGrad<P extends ParamTree>(
  name: string,
  f: (p: P) => Tensor,
  params: P,
  options: GradcheckOptions = {},
): void {
  const r = gradcheck(f, params, options);
  assert.ok(
    r.ok,
    `${name}: gradient mismatch at ${r.worst?.path}[${r.worst?.index}]: analytic ${r.worst?.analytic}, numeric ${r.worst?.numeric} (ratio ${r.maxRatio})`,
  );
  assert.ok(r.checked > 0, `${name}: nothing checked`);
}

/** A scalar from a tensor: Σ y ⊙ w with fixed random weights w (so every output entry matters). */
export function scalarize(y: Tensor, rng: Rng): (t: Tensor) => Tensor {
  const w = randn(y.shape, rng);
  return (t: Tensor) => sum(mul(t, w));
}

/** Asserts |a_i − b_i| <= atol + rtol·|b_i| for every entry. */
export function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rtol = 1e-12,
  atol = 0,
  what = "values",
): void {
  assert.equal(actual.length, expected.length, `${what}: length ${actual.length} vs ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    const tol = atol + rtol * Math.abs(e);
    assert.ok(Math.abs(a - e) <= tol, `${what}[${i}]: ${a} vs expected ${e} (tolerance ${tol})`);
  }
}
