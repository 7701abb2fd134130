// Writes the fixed inputs of the golden loss trace (test/engine/golden-trace.test.ts) to
// mlp-adam-init.json: the initial weights of MLP([3, 8, 8, 2], tanh) drawn from Rng(2024), then
// x [16, 3] and y [16, 2] drawn from the same generator. Run once, from the repository root:
//   node --import tsx test/engine/golden/dump-mlp-adam.ts
// then compute the reference losses with numpy:
//   python3 test/engine/golden/mlp_adam.py test/engine/golden/mlp-adam-init.json
import { writeFileSync } from "node:fs";
import { Rng } from "../../../src/core/random.ts";
import { MLP } from "../../../src/engine/layers/mlp.ts";
import { randn } from "../../../src/engine/tensor.ts";

const rng = new Rng(2024);
const mlp = new MLP([3, 8, 8, 2], { activation: "tanh", rng });
const x = randn([16, 3], rng);
const y = randn([16, 2], rng);
const out = {
  sizes: [3, 8, 8, 2],
  activation: "tanh",
  adam: { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
  steps: 20,
  layers: mlp.params.layers.map((l) => ({ w: l.w.toArray(), b: l.b.toArray() })),
  x: x.toArray(),
  y: y.toArray(),
};
const path = new URL("./mlp-adam-init.json", import.meta.url);
writeFileSync(path, `${JSON.stringify(out)}\n`);
console.log(`wrote ${path.pathname}`);
