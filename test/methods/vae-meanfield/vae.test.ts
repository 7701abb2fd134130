// Tests of the VAE model (src/methods/vae-meanfield/vae.ts) and its tape-free use (vae-sample.ts):
// spec vae-meanfield.md §2.3 architecture, §1.7 closed-form rate, A4 gradient check, config errors.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Mat } from "../../../src/core/matrix.ts";
import { Rng } from "../../../src/core/random.ts";
import { add, gradcheck, mul, noGrad, sum, Tensor, valueAndGrad } from "../../../src/engine/index.ts";
import {
  type DecoderKind,
  Vae,
  type VaeHead,
  type VaeParams,
} from "../../../src/methods/vae-meanfield/vae.ts";
import {
  decodeLogitsMat,
  decodeProbabilities,
  encodeMeans,
  readoutMatrix,
  sampleVae,
} from "../../../src/methods/vae-meanfield/vae-sample.ts";

const HEADS: VaeHead[] = [{ kind: "bernoulli" }, { kind: "categorical", categories: 3 }];
const DECODERS: DecoderKind[] = ["linear-readout", "mlp"];

/** Random valid data [rows, n]: 0/1 or indices in [0, C). */
function randomData(rows: number, n: number, c: number, rng: Rng): Float64Array {
  const d = new Float64Array(rows * n);
  for (let i = 0; i < d.length; i++) d[i] = c === 1 ? (rng.uniform() < 0.5 ? 1 : 0) : rng.int(c);
  return d;
}

/** y = act(x·w + b) by hand, x [r, a], w [a, o] row-major. */
function affine(x: ArrayLike<number>, r: number, w: Tensor, b: Tensor, act: boolean): Float64Array {
  const [a, o] = w.shape as [number, number];
  const y = new Float64Array(r * o);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < o; j++) {
      let s = b.data[j]!;
      for (let k = 0; k < a; k++) s += x[i * a + k]! * w.data[k * o + j]!;
      y[i * o + j] = act ? Math.tanh(s) : s;
    }
  }
  return y;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** Parameters perturbed away from the zero biases of the initialisation (so every path is exercised). */
function jitter(params: VaeParams, rng: Rng): VaeParams {
  const walk = (node: unknown): void => {
    if (node instanceof Tensor) {
      for (let i = 0; i < node.data.length; i++) node.data[i] = node.data[i]! + rng.normal(0, 0.3);
    } else if (node && typeof node === "object") for (const v of Object.values(node)) walk(v);
  };
  walk(params);
  return params;
}

test("A4: gradient of D + w·R w.r.t. all params matches central differences (both decoders × both heads)", () => {
  // N = 5, K = 2, H = 4, C = 3, batch 3, fixed ε, klWeight 0.7; float64 central differences, eps 1e-6.
  for (const head of HEADS) {
    for (const decoder of DECODERS) {
      const rng = new Rng(11);
      const vae = new Vae({ sites: 5, latents: 2, hidden: 4, decoder, head }, rng);
      const params = jitter(vae.params, rng);
      const x = new Tensor(randomData(3, 5, vae.categories, rng), [3, 5]);
      const eps = new Tensor(rng.fillNormal(new Float64Array(6)), [3, 2]);
      const r = gradcheck((p: VaeParams) => vae.loss(p, x, eps, 0.7).loss, params, {
        eps: 1e-6,
        rtol: 1e-5,
        atol: 1e-9,
      });
      const label = `${head.kind}/${decoder}`;
      assert.ok(r.ok, `${label}: max rel err ${r.maxRelError}, worst ${JSON.stringify(r.worst)}`);
      assert.ok(r.maxRelError < 1e-5, `${label}: max rel err ${r.maxRelError} (measured 5e-8 to 8.5e-7)`);
      assert.ok(r.checked > 50, `${label}: checked ${r.checked} entries`);
    }
  }
});

test("architecture by hand: encoder N(·C)→H tanh→2K; decoder tanh MLP then read-out u·W + b, W [K, N·C]", () => {
  // μ, log σ² and ℓ recomputed from the raw weights with plain loops agree to 1e-12 (spec §2.3).
  for (const head of HEADS) {
    for (const decoder of DECODERS) {
      const rng = new Rng(5);
      const vae = new Vae({ sites: 4, latents: 2, hidden: 3, decoder, head }, rng);
      const p = jitter(vae.params, rng);
      const c = vae.categories;
      const xd = randomData(3, 4, c, rng);
      const onehot = new Float64Array(3 * 4 * c);
      for (let k = 0; k < xd.length; k++) onehot[Math.floor(k / 4) * 4 * c + (k % 4) * c + xd[k]!] = 1;
      const e = p.enc.layers;
      const out = affine(
        affine(c === 1 ? xd : onehot, 3, e[0]!.w, e[0]!.b, true),
        3,
        e[1]!.w,
        e[1]!.b,
        false,
      );
      const enc = noGrad(() => vae.encode(p, new Tensor(xd, [3, 4])));
      const mu = new Float64Array(6);
      const lv = new Float64Array(6);
      for (let b = 0; b < 3; b++) {
        for (let k = 0; k < 2; k++) {
          mu[b * 2 + k] = out[b * 4 + k]!;
          lv[b * 2 + k] = out[b * 4 + 2 + k]!;
        }
      }
      assert.ok(maxAbsDiff(enc.mu.data, mu) < 1e-12, `${head.kind}/${decoder} μ`);
      assert.ok(maxAbsDiff(enc.logvar.data, lv) < 1e-12, `${head.kind}/${decoder} log σ²`);
      if (c > 1) {
        // the dense one-hot input gives the same encoder output as the sparse index input
        const dense = noGrad(() => vae.encode(p, new Tensor(onehot, [3, 4 * c])));
        assert.ok(maxAbsDiff(dense.mu.data, mu) < 1e-12, "dense one-hot μ");
      }
      const z = rng.fillNormal(new Float64Array(6));
      const d = p.dec.layers;
      let l = affine(affine(z, 3, d[0]!.w, d[0]!.b, true), 3, d[1]!.w, d[1]!.b, false);
      if (decoder === "linear-readout") {
        assert.deepEqual(p.readout!.w.shape, [2, 4 * c]);
        l = affine(l, 3, p.readout!.w, p.readout!.b, false);
      } else assert.equal(p.readout, undefined);
      const logits = decodeLogitsMat(vae, p, new Mat(3, 2, z));
      assert.deepEqual(logits.shape, [3, 4 * c]);
      assert.ok(maxAbsDiff(logits.data, l) < 1e-12, `${head.kind}/${decoder} logits`);
    }
  }
});

test("sparse one-hot first layer: gradients equal those of the dense one-hot product", () => {
  // f = Σ μ_j·(1 + j) + Σ log σ² through encode(indices) and encode(one-hot): values and encoder
  // gradients agree to 1e-12 (the sparse product is the same linear map).
  const rng = new Rng(8);
  const vae = new Vae({ sites: 5, latents: 2, hidden: 4, head: { kind: "categorical", categories: 3 } }, rng);
  const p = jitter(vae.params, rng);
  const xd = randomData(4, 5, 3, rng);
  const onehot = new Float64Array(4 * 15);
  for (let k = 0; k < xd.length; k++) onehot[Math.floor(k / 5) * 15 + (k % 5) * 3 + xd[k]!] = 1;
  const weights = new Tensor(
    Float64Array.from({ length: 8 }, (_, i) => 1 + i),
    [4, 2],
  );
  const f = (x: Tensor) =>
    valueAndGrad((q: VaeParams) => {
      const { mu, logvar } = vae.encode(q, x);
      return add(sum(mul(mu, weights)), sum(logvar));
    })(p);
  const a = f(new Tensor(xd, [4, 5]));
  const b = f(new Tensor(onehot, [4, 15]));
  assert.ok(Math.abs(a.value - b.value) < 1e-12, `values ${a.value} vs ${b.value}`);
  const dw = maxAbsDiff(a.grads.enc.layers[0]!.w.data, b.grads.enc.layers[0]!.w.data);
  const db = maxAbsDiff(a.grads.enc.layers[0]!.b.data, b.grads.enc.layers[0]!.b.data);
  assert.ok(dw < 1e-12, `max |ΔdW₁| = ${dw}`);
  assert.ok(db < 1e-12, `max |Δdb₁| = ${db}`);
});

test("loss pieces: R is the closed-form Gaussian KL of encode(); D is −Σ log p(x|z) by hand (1e-12)", () => {
  // R = (1/B) Σ_b ½ Σ_k (μ² + e^{lv} − 1 − lv); z = μ + e^{lv/2} ε; D = (1/B) Σ_b Σ_i −log p(x_bi | z_b)
  // with p = σ(ℓ) or softmax(ℓ_i·C..) (spec §1.7, §2.3); loss = D + 0.3 R.
  for (const head of HEADS) {
    const rng = new Rng(21);
    const vae = new Vae({ sites: 6, latents: 3, hidden: 5, head }, rng);
    const p = jitter(vae.params, rng);
    const c = vae.categories;
    const bsz = 4;
    const xd = randomData(bsz, 6, c, rng);
    const ed = rng.fillNormal(new Float64Array(bsz * 3));
    const x = new Tensor(xd, [bsz, 6]);
    const r = noGrad(() => vae.loss(p, x, new Tensor(ed, [bsz, 3]), 0.3));
    const { mu, logvar } = noGrad(() => vae.encode(p, x));
    let rate = 0;
    const z = new Float64Array(bsz * 3);
    for (let i = 0; i < bsz * 3; i++) {
      const m = mu.data[i]!;
      const lv = logvar.data[i]!;
      rate += 0.5 * (m * m + Math.exp(lv) - 1 - lv);
      z[i] = m + Math.exp(lv / 2) * ed[i]!;
    }
    rate /= bsz;
    const l = decodeLogitsMat(vae, p, new Mat(bsz, 3, z)).data;
    let dist = 0;
    for (let b = 0; b < bsz; b++) {
      for (let i = 0; i < 6; i++) {
        const v = xd[b * 6 + i]!;
        if (c === 1) {
          const s = 1 / (1 + Math.exp(-l[b * 6 + i]!));
          dist -= v === 1 ? Math.log(s) : Math.log(1 - s);
        } else {
          const o = (b * 6 + i) * c;
          let zs = 0;
          for (let k = 0; k < c; k++) zs += Math.exp(l[o + k]!);
          dist -= l[o + v]! - Math.log(zs);
        }
      }
    }
    dist /= bsz;
    const rr = r.rate.item();
    const dd = r.distortion.item();
    assert.ok(Math.abs(rr - rate) < 1e-12 * Math.max(1, rate), `${head.kind}: rate ${rr} vs hand ${rate}`);
    assert.ok(
      Math.abs(dd - dist) < 1e-12 * Math.max(1, dist),
      `${head.kind}: distortion ${dd} vs hand ${dist}`,
    );
    assert.ok(
      Math.abs(r.loss.item() - (dist + 0.3 * rate)) < 1e-12 * dist,
      `${head.kind}: loss ${r.loss.item()}`,
    );
  }
});

test("config: defaults resolved; K < 1, K > N, bad head, bad decoder → AnsatzError naming the field", () => {
  const vae = new Vae({ sites: 7, latents: 2 }, new Rng(1));
  assert.deepEqual(vae.config, {
    sites: 7,
    latents: 2,
    hidden: 64,
    decoder: "linear-readout",
    head: { kind: "bernoulli" },
  });
  const bad = (cfg: object, field: string) =>
    assert.throws(
      () => new Vae(cfg as never, new Rng(1)),
      (e: unknown) => e instanceof AnsatzError && e.code === "bad-argument" && e.message.includes(field),
      field,
    );
  bad({ sites: 5, latents: 0 }, "latents");
  bad({ sites: 5, latents: 6 }, "latents");
  bad({ sites: 5, latents: 1.5 }, "latents");
  bad({ sites: 0, latents: 1 }, "sites");
  bad({ sites: 5, latents: 2, hidden: 0 }, "hidden");
  bad({ sites: 5, latents: 2, decoder: "conv" }, "decoder");
  bad({ sites: 5, latents: 2, head: { kind: "categorical", categories: 1 } }, "head.categories");
  bad({ sites: 5, latents: 2, head: { kind: "gauss" } }, "head");
  // a categorical index out of range inside encode names row and column
  const cat = new Vae(
    { sites: 3, latents: 1, hidden: 2, head: { kind: "categorical", categories: 4 } },
    new Rng(1),
  );
  assert.throws(
    () => noGrad(() => cat.encode(cat.params, new Tensor(new Float64Array([0, 1, 2, 3, 4, 0]), [2, 3]))),
    (e: unknown) =>
      e instanceof AnsatzError && /row 1, column 1/.test(e.message) && e.message.includes("found 4"),
  );
});

test("sampling: encodeMeans = μ; probabilities σ(ℓ) / per-site softmax; samples follow a constant decoder", () => {
  for (const head of [{ kind: "bernoulli" } as VaeHead, { kind: "categorical", categories: 3 } as VaeHead]) {
    const rng = new Rng(31);
    const n = 4;
    const vae = new Vae({ sites: n, latents: 2, hidden: 5, head }, rng);
    const p = jitter(vae.params, rng);
    const c = vae.categories;
    const data = new Mat(7, n, randomData(7, n, c, rng));
    const mu = encodeMeans(vae, p, data);
    const ref = noGrad(() => vae.encode(p, new Tensor(data.data.slice(), [7, n])).mu);
    assert.ok(maxAbsDiff(mu.data, ref.data) < 1e-15, "encodeMeans");
    const z = new Mat(5, 2, rng.fillNormal(new Float64Array(10)));
    const l = decodeLogitsMat(vae, p, z).data;
    const pr = decodeProbabilities(vae, p, z).data;
    for (let o = 0; o < l.length; o += c) {
      if (c === 1) assert.ok(Math.abs(pr[o]! - 1 / (1 + Math.exp(-l[o]!))) < 1e-15, "σ(ℓ)");
      else {
        let zs = 0;
        for (let k = 0; k < c; k++) zs += Math.exp(l[o + k]!);
        for (let k = 0; k < c; k++)
          assert.ok(Math.abs(pr[o + k]! - Math.exp(l[o + k]!) / zs) < 1e-15, "softmax");
      }
    }
    // Read-out matrix: W (N·C)×K is the transpose of the stored [K, N·C].
    const ro = readoutMatrix(vae, p);
    for (let i = 0; i < n * c; i++) {
      for (let k = 0; k < 2; k++) assert.equal(ro.w.get(i, k), p.readout!.w.data[k * n * c + i]);
    }
    // With W = 0 the decoder is constant: p(x_i) = σ(b_i) or softmax(b_i·), whatever z. 20000 samples:
    // frequencies within 0.015 of the exact probabilities (≥ 4σ, σ ≤ √(0.25/20000) = 0.0035; measured
    // 0.0025 Bernoulli, 0.0035 categorical).
    p.readout!.w.data.fill(0);
    const b = p.readout!.b.data;
    for (let i = 0; i < b.length; i++) b[i] = -1 + 0.6 * i;
    const probs = decodeProbabilities(vae, p, new Mat(1, 2)).data;
    const s = sampleVae(vae, p, 20000, new Rng(4));
    assert.deepEqual(s.shape, [20000, n]);
    const freq = new Float64Array(n * c);
    for (let r = 0; r < s.rows; r++) {
      for (let i = 0; i < n; i++) {
        const v = s.get(r, i);
        assert.ok(c === 1 ? v === 0 || v === 1 : Number.isInteger(v) && v >= 0 && v < c, `sample value ${v}`);
        if (c === 1) freq[i]! += v / s.rows;
        else freq[i * c + v]! += 1 / s.rows;
      }
    }
    const err = maxAbsDiff(freq, probs);
    assert.ok(err < 0.015, `${head.kind}: max |freq − p| = ${err}`);
    assert.deepEqual(sampleVae(vae, p, 50, new Rng(9)).data, sampleVae(vae, p, 50, new Rng(9)).data);
  }
  const mlp = new Vae({ sites: 3, latents: 1, hidden: 2, decoder: "mlp" }, new Rng(1));
  assert.throws(
    () => readoutMatrix(mlp, mlp.params),
    (e: unknown) =>
      e instanceof AnsatzError && e.code === "bad-argument" && e.message.includes("linear-readout"),
  );
  assert.throws(
    () => decodeLogitsMat(mlp, mlp.params, new Mat(2, 2)),
    (e: unknown) => e instanceof AnsatzError && e.code === "bad-shape",
  );
});
