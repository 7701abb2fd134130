// Tests for src/engine/optim/sgd.ts (PyTorch SGD semantics, written out by hand) and
// src/engine/optim/optimizer.ts (global-norm clipping as torch.nn.utils.clip_grad_norm_).
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { clipGradNorm, globalNorm } from "../../../src/engine/optim/optimizer.ts";
import { sgd } from "../../../src/engine/optim/sgd.ts";
import { tensor } from "../../../src/engine/tensor.ts";
import { assertClose } from "../helpers.ts";

test("plain SGD: θ − lr·g; weight decay adds λθ", () => {
  const p = { w: tensor([1, 2]) };
  sgd({ lr: 0.1 }).step(p, { w: tensor([1, -1]) });
  assertClose(p.w.data, [0.9, 2.1], 1e-15);
  const q = { w: tensor([1]) };
  sgd({ lr: 0.1, weightDecay: 0.5 }).step(q, { w: tensor([1]) });
  assertClose(q.w.data, [1 - 0.1 * 1.5], 1e-15);
});

test("momentum μ: b₁ = g₁, b₂ = μb₁ + g₂; Nesterov uses g + μb", () => {
  const [lr, mu, g1, g2] = [0.1, 0.9, 1, 2];
  const p = { w: tensor([0]) };
  const opt = sgd({ lr, momentum: mu });
  opt.step(p, { w: tensor([g1]) });
  opt.step(p, { w: tensor([g2]) });
  assertClose(p.w.data, [-lr * g1 - lr * (mu * g1 + g2)], 1e-15);
  const q = { w: tensor([0]) };
  const nes = sgd({ lr, momentum: mu, nesterov: true });
  nes.step(q, { w: tensor([g1]) });
  nes.step(q, { w: tensor([g2]) });
  // step 1: b = g1, update g1 + μ g1; step 2: b = μ g1 + g2, update g2 + μ b
  assertClose(q.w.data, [-lr * (g1 + mu * g1) - lr * (g2 + mu * (mu * g1 + g2))], 1e-15);
  assert.throws(() => sgd({ lr: 0.1, nesterov: true }), AnsatzError);
});

test("clipGradNorm scales by max/(‖g‖ + 1e-6) above the threshold, returns the norm", () => {
  const g = { a: tensor([3]), b: [tensor([4])] };
  assert.equal(globalNorm(g), 5);
  assert.equal(clipGradNorm(g, 1), 5);
  assertClose([g.a.data[0]!, g.b[0]!.data[0]!], [3 / (5 + 1e-6), 4 / (5 + 1e-6)], 1e-15);
  const small = { a: tensor([0.3]) };
  clipGradNorm(small, 1);
  assert.equal(small.a.data[0], 0.3);
  // Through the optimiser option: g = [30, 40] clipped to norm 5 → step −0.1·[3, 4]/(1 + 2e-7)
  const p = { w: tensor([0, 0]) };
  sgd({ lr: 0.1, clipNorm: 5 }).step(p, { w: tensor([30, 40]) });
  assertClose(p.w.data, [(-0.1 * 30 * 5) / (50 + 1e-6), (-0.1 * 40 * 5) / (50 + 1e-6)], 1e-15);
});
