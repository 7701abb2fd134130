// Tests for src/engine/optim/adam.ts: the first step is −lr·g/(|g| + ε) (bias correction makes
// m̂ = g, v̂ = g²), the second step matches Algorithm 1 of Kingma & Ba written out by hand, weight
// decay variants, convergence on a quadratic, structure checks.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { valueAndGrad } from "../../../src/engine/autodiff.ts";
import { sub } from "../../../src/engine/ops/elementwise.ts";
import { sum } from "../../../src/engine/ops/reduce.ts";
import { square } from "../../../src/engine/ops/unary.ts";
import { adam } from "../../../src/engine/optim/adam.ts";
import { type Tensor, tensor } from "../../../src/engine/tensor.ts";
import { assertClose } from "../helpers.ts";

test("first step: θ₁ = θ₀ − lr·g/(|g| + ε) ≈ θ₀ − lr·sign(g)", () => {
  const p = { w: tensor([1, 2, 3, 4]) };
  const g = { w: tensor([0.5, -2, 1e-3, 0]) };
  const opt = adam({ lr: 0.1 });
  opt.step(p, g);
  const expected = [1, 2, 3, 4].map((v, i) => {
    const gi = g.w.data[i]!;
    return v - (0.1 * gi) / (Math.abs(gi) + 1e-8);
  });
  assertClose(p.w.data, expected, 1e-15, 0, "θ₁");
  assertClose(p.w.data, [0.9, 2.1, 2.9, 4], 1e-6, 0, "≈ −lr·sign(g)");
  assert.equal(opt.steps, 1);
});

test("second step equals Algorithm 1 by hand", () => {
  const [lr, b1, b2, eps] = [0.01, 0.8, 0.99, 1e-8];
  const g1 = 0.3;
  const g2 = -0.7;
  const p = { w: tensor([1]) };
  const opt = adam({ lr, beta1: b1, beta2: b2, eps });
  opt.step(p, { w: tensor([g1]) });
  opt.step(p, { w: tensor([g2]) });
  let theta = 1;
  let m = 0;
  let v = 0;
  for (const [t, g] of [
    [1, g1],
    [2, g2],
  ] as const) {
    m = b1 * m + (1 - b1) * g;
    v = b2 * v + (1 - b2) * g * g;
    const mhat = m / (1 - b1 ** t);
    const vhat = v / (1 - b2 ** t);
    theta -= (lr * mhat) / (Math.sqrt(vhat) + eps);
  }
  assertClose(p.w.data, [theta], 1e-14, 0, "θ₂");
});

test("weight decay: L2 adds λθ to g; decoupled (AdamW) shrinks θ by (1 − lr·λ) first", () => {
  const p = { w: tensor([2]) };
  adam({ lr: 0.1, weightDecay: 0.5 }).step(p, { w: tensor([0]) });
  // g_eff = 0 + 0.5·2 = 1 → step −0.1·1/(1 + 1e-8)
  assertClose(p.w.data, [2 - 0.1 / (1 + 1e-8)], 1e-15);
  const q = { w: tensor([2]) };
  adam({ lr: 0.1, weightDecay: 0.5, decoupled: true }).step(q, { w: tensor([1]) });
  assertClose(q.w.data, [2 * (1 - 0.05) - 0.1 / (1 + 1e-8)], 1e-15);
});

test("minimises Σ(θ − c)² to 1e-6 in 2000 steps; mismatched trees are refused", () => {
  const c = tensor([3, -1, 0.5]);
  const params = { th: tensor([0, 0, 0]) };
  const vg = valueAndGrad((p: { th: Tensor }) => sum(square(sub(p.th, c))));
  const opt = adam({ lr: 0.05 });
  let value = Infinity;
  for (let i = 0; i < 2000; i++) {
    const r = vg(params);
    value = r.value;
    opt.step(params, r.grads);
  }
  assert.ok(value < 1e-6, `final loss ${value}`);
  assert.throws(() => opt.step(params, { th: tensor([1, 2]) }), AnsatzError);
  assert.throws(() => opt.step(params, [tensor([1, 2, 3]), tensor([1])]), AnsatzError);
  assert.throws(() => adam({ beta1: 1 }), AnsatzError);
  assert.throws(() => adam({ lr: -1 }), AnsatzError);
});
