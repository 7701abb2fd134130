// Tests of VAE training and evaluation (src/methods/vae-meanfield/vae-train.ts; spec vae-meanfield.md
// §2.3 training settings, §1.7 rate): exact-value fits on i.i.d. data, warm-up schedule, determinism,
// divergence and bad input.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Mat } from "../../../src/core/matrix.ts";
import { Rng } from "../../../src/core/random.ts";
import { flattenTree } from "../../../src/engine/index.ts";
import { Vae } from "../../../src/methods/vae-meanfield/vae.ts";
import { evaluateVae, trainVae } from "../../../src/methods/vae-meanfield/vae-train.ts";

/** Σ_i H(p̂_i) in nats: the entropy of the product of the empirical marginals (categories 0..c−1). */
function marginalEntropy(data: Mat, c: number): number {
  let h = 0;
  for (let i = 0; i < data.cols; i++) {
    const cnt = new Float64Array(c);
    for (let r = 0; r < data.rows; r++) cnt[data.get(r, i)]! += 1;
    for (const k of cnt) if (k > 0) h -= (k / data.rows) * Math.log(k / data.rows);
  }
  return h;
}

function binaryData(rows: number, n: number, seed: number): Mat {
  const rng = new Rng(seed);
  const m = new Mat(rows, n);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.uniform() < 0.4 ? 1 : 0;
  return m;
}

function isErr(code: string, ...parts: string[]) {
  return (e: unknown) =>
    e instanceof AnsatzError && e.code === code && parts.every((p) => e.message.includes(p));
}

test("i.i.d. Bernoulli data: rate → 0 and distortion → Σ H(p̂_i) (no structure to encode)", () => {
  // N = 8, p_i = 0.1 + 0.8 i/7, 4000 rows; the optimum is the product of marginals: R = 0, D = Σ H(p̂_i)
  // (measured with these seeds: Σ H = 4.3128, R = 0.026, D = 4.287, negELBO = 4.3129).
  const n = 8;
  const rows = 4000;
  const rng = new Rng(1);
  const data = new Mat(rows, n);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < n; i++) data.data[r * n + i] = rng.uniform() < 0.1 + (0.8 * i) / 7 ? 1 : 0;
  }
  const h = marginalEntropy(data, 2);
  const vae = new Vae({ sites: n, latents: 2, hidden: 16 }, new Rng(2));
  const { params, history } = trainVae(vae, data, { epochs: 30, rng: new Rng(3) });
  assert.equal(history.length, 30);
  const ev = evaluateVae(vae, params, data, new Rng(4));
  assert.ok(ev.rate < 0.05, `rate ${ev.rate} nats (expected < 0.05)`);
  assert.ok(Math.abs(ev.distortion - h) < 0.05, `distortion ${ev.distortion} vs Σ H(p̂) = ${h}`);
  assert.ok(Math.abs(ev.negElbo - h) < 0.03, `negELBO ${ev.negElbo} vs Σ H(p̂) = ${h}`);
  assert.ok(Math.abs(ev.negElbo - ev.rate - ev.distortion) < 1e-12, "negELBO = D + R");
});

test("i.i.d. categorical data: rate → 0 and distortion → Σ H(p̂_i)", () => {
  // N = 6 sites, C = 4, known per-site probabilities, 4000 rows (measured: Σ H = 6.3871, R = 0.004,
  // D = 6.3853).
  const probs = [
    [0.7, 0.1, 0.1, 0.1],
    [0.25, 0.25, 0.25, 0.25],
    [0.05, 0.15, 0.3, 0.5],
    [0.4, 0.4, 0.1, 0.1],
    [0.9, 0.05, 0.03, 0.02],
    [0.1, 0.2, 0.3, 0.4],
  ];
  const n = 6;
  const rows = 4000;
  const rng = new Rng(1);
  const data = new Mat(rows, n);
  for (let r = 0; r < rows; r++)
    for (let i = 0; i < n; i++) data.data[r * n + i] = rng.categorical(probs[i]!);
  const h = marginalEntropy(data, 4);
  const vae = new Vae(
    { sites: n, latents: 2, hidden: 16, head: { kind: "categorical", categories: 4 } },
    new Rng(2),
  );
  const { params } = trainVae(vae, data, { epochs: 30, rng: new Rng(3) });
  const ev = evaluateVae(vae, params, data, new Rng(4));
  assert.ok(ev.rate < 0.05, `rate ${ev.rate} nats (expected < 0.05)`);
  assert.ok(Math.abs(ev.distortion - h) < 0.05, `distortion ${ev.distortion} vs Σ H(p̂) = ${h}`);
  assert.ok(Math.abs(ev.negElbo - h) < 0.03, `negELBO ${ev.negElbo} vs Σ H(p̂) = ${h}`);
});

test("KL warm-up by step and the partial last batch: klWeight = t / (warmupEpochs · stepsPerEpoch)", () => {
  // 250 rows, batch 100 → 3 steps per epoch (the partial batch of 50 is included). warmupEpochs 2 →
  // 6 warm-up steps; last step of epoch 1 is t = 2 → 2/6, of epoch 2 t = 5 → 5/6, then 1.
  const data = binaryData(250, 5, 7);
  const vae = new Vae({ sites: 5, latents: 1, hidden: 3 }, new Rng(1));
  const seen: number[] = [];
  const { history } = trainVae(vae, data, {
    epochs: 3,
    warmupEpochs: 2,
    rng: new Rng(2),
    onEpoch: (l) => seen.push(l.epoch),
  });
  assert.deepEqual(
    history.map((l) => l.klWeight),
    [2 / 6, 5 / 6, 1],
  );
  assert.deepEqual(seen, [1, 2, 3]);
  for (const l of history) {
    assert.ok(Number.isFinite(l.ms) && l.ms >= 0, `ms ${l.ms}`);
    assert.ok(Math.abs(l.negElbo - l.rate - l.distortion) < 1e-12, `epoch ${l.epoch}: negELBO = D + R`);
  }
  // warm-up off: weight 1 from the first step
  const off = trainVae(vae, data, { epochs: 1, rng: new Rng(2) });
  assert.equal(off.history[0]!.klWeight, 1);
});

test("determinism: same seeds ⇒ identical history and params; another seed ⇒ different; vae.params untouched", () => {
  const data = binaryData(230, 6, 3);
  const vae = new Vae({ sites: 6, latents: 2, hidden: 5, decoder: "mlp" }, new Rng(1));
  const before = flattenTree(vae.params).map((l) => l.tensor.data.slice());
  const run = (seed: number) =>
    trainVae(vae, data, { epochs: 3, batchSize: 50, warmupEpochs: 1, rng: new Rng(seed) });
  const strip = (h: { ms: number }[]) => h.map(({ ms: _ms, ...rest }) => rest);
  const a = run(5);
  const b = run(5);
  const c = run(6);
  assert.deepEqual(strip(a.history), strip(b.history));
  const pa = flattenTree(a.params).map((l) => Array.from(l.tensor.data));
  assert.deepEqual(
    pa,
    flattenTree(b.params).map((l) => Array.from(l.tensor.data)),
  );
  assert.notDeepEqual(
    pa,
    flattenTree(c.params).map((l) => Array.from(l.tensor.data)),
  );
  assert.notEqual(a.history[2]!.negElbo, c.history[2]!.negElbo);
  const after = flattenTree(vae.params).map((l) => l.tensor.data);
  for (let i = 0; i < before.length; i++)
    assert.deepEqual(after[i], before[i], `vae.params leaf ${i} changed`);
});

test("divergence: a non-finite loss raises code 'diverged' naming the epoch", () => {
  // lr 1e10: after one Adam step the log-variances are ~1e10, exp overflows, the rate is +∞ at step 2.
  const data = binaryData(300, 6, 1);
  const vae = new Vae({ sites: 6, latents: 2, hidden: 4 }, new Rng(2));
  assert.throws(
    () => trainVae(vae, data, { epochs: 5, lr: 1e10, rng: new Rng(3) }),
    isErr("diverged", "epoch 1"),
  );
});

test("bad input: non-binary value, empty data, wrong N, category out of range, bad options", () => {
  const vae = new Vae({ sites: 4, latents: 2, hidden: 3 }, new Rng(1));
  const rng = new Rng(2);
  const d = binaryData(10, 4, 1);
  d.set(3, 2, 0.5);
  assert.throws(
    () => trainVae(vae, d, { rng }),
    isErr("bad-value", "row 3, column 2", "found 0.5", "0 or 1"),
  );
  d.set(3, 2, Number.NaN);
  assert.throws(() => trainVae(vae, d, { rng }), isErr("not-finite", "row 3, column 2", "NaN"));
  assert.throws(() => trainVae(vae, new Mat(0, 4), { rng }), isErr("too-little-data", "0 rows"));
  assert.throws(() => trainVae(vae, binaryData(10, 5, 1), { rng }), isErr("bad-shape", "4 columns", "10×5"));
  assert.throws(
    () => evaluateVae(vae, vae.params, binaryData(10, 3, 1), rng),
    isErr("bad-shape", "evaluateVae"),
  );
  const ok = binaryData(10, 4, 1);
  assert.throws(() => trainVae(vae, ok, { rng, batchSize: 0 }), isErr("bad-argument", "batchSize"));
  assert.throws(() => trainVae(vae, ok, { rng, lr: -1 }), isErr("bad-argument", "lr"));
  assert.throws(() => trainVae(vae, ok, { rng, epochs: 1.5 }), isErr("bad-argument", "epochs"));
  assert.throws(() => trainVae(vae, ok, { rng, warmupEpochs: -1 }), isErr("bad-argument", "warmupEpochs"));
  assert.throws(() => trainVae(vae, ok, {} as never), isErr("bad-argument", "rng"));
  const cat = new Vae(
    { sites: 3, latents: 1, hidden: 2, head: { kind: "categorical", categories: 3 } },
    new Rng(1),
  );
  const cd = new Mat(2, 3, new Float64Array([0, 1, 2, 2, 3, 0]));
  assert.throws(() => trainVae(cat, cd, { rng }), isErr("bad-value", "row 1, column 1", "found 3", "[0, 2]"));
  cd.set(1, 1, 1.5);
  assert.throws(() => trainVae(cat, cd, { rng }), isErr("bad-value", "row 1, column 1", "found 1.5"));
});
