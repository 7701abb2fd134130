// Golden loss trace: 20 Adam steps (lr 0.01, β 0.9/0.999, ε 1e-8) of MLP([3, 8, 8, 2], tanh) with MSE
// on fixed data, from the initial weights in golden/mlp-adam-init.json (written once by
// golden/dump-mlp-adam.ts from Rng(2024)). The 21 losses (before each step and after the last) must
// match, to 1e-12 relative, the numbers printed by the independent numpy implementation:
//   python3 test/engine/golden/mlp_adam.py test/engine/golden/mlp-adam-init.json
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { Rng } from "../../src/core/random.ts";
import { valueAndGrad } from "../../src/engine/autodiff.ts";
import { MLP, type MLPParams } from "../../src/engine/layers/mlp.ts";
import { mse } from "../../src/engine/ops/losses.ts";
import { adam } from "../../src/engine/optim/adam.ts";
import { type NestedNumbers, tensor } from "../../src/engine/tensor.ts";
import { assertClose } from "./helpers.ts";

const NUMPY_LOSSES = [
  0.8769442606256747, 0.7883754422398219, 0.7257822386457771, 0.6822252469146552, 0.651464083732058,
  0.6283072083405532, 0.6091554771711232, 0.5920327844312895, 0.576331990026222, 0.562367892422581,
  0.5508034680468052, 0.5421565391890231, 0.5365280116284648, 0.5335204301613024, 0.5322902256486464,
  0.5317663212968058, 0.5309870427793129, 0.5293576260342516, 0.5266687685997167, 0.5229463090510384,
  0.5183177054342039,
];

interface GoldenInit {
  sizes: number[];
  adam: { lr: number; beta1: number; beta2: number; eps: number };
  steps: number;
  layers: { w: NestedNumbers; b: NestedNumbers }[];
  x: NestedNumbers;
  y: NestedNumbers;
}

test("golden loss trace: 20 Adam steps of a fixed tanh MLP match numpy to 1e-12 relative", () => {
  const init = JSON.parse(
    readFileSync(new URL("./golden/mlp-adam-init.json", import.meta.url), "utf8"),
  ) as GoldenInit;
  const mlp = new MLP(init.sizes, { activation: "tanh", rng: new Rng(0) });
  const params: MLPParams = { layers: init.layers.map((l) => ({ w: tensor(l.w), b: tensor(l.b) })) };
  const x = tensor(init.x);
  const y = tensor(init.y);
  const vg = valueAndGrad((p: MLPParams) => mse(mlp.apply(p, x), y));
  const opt = adam(init.adam);
  const losses: number[] = [];
  for (let t = 0; t < init.steps; t++) {
    const { value, grads } = vg(params);
    losses.push(value);
    opt.step(params, grads);
  }
  losses.push(mse(mlp.apply(params, x), y).item());
  assertClose(losses, NUMPY_LOSSES, 1e-12, 0, "loss trace");
});
