// Tests of the capacity diagnostic (src/methods/vae-meanfield/capacity.ts) on exact Curie–Weiss data (N = 32,
// β = 0.5, 5000 rows, exact I_bip from cwBipartiteMI): the K = 1 VAE's rate exceeds I_bip (the necessary
// condition, §1.7) and the verdict recommends the smallest sufficient K; with an impossible I_bip no K is
// enough and the verdict says so. Bad K lists are refused.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Rng } from "../../../src/core/random.ts";
import { capacityDiagnostic } from "../../../src/methods/vae-meanfield/capacity.ts";
import {
  curieWeiss,
  cwBipartiteMI,
  sampleCurieWeiss,
} from "../../../src/methods/vae-meanfield/curie-weiss.ts";

const model = curieWeiss(32, 0.5);
const data = sampleCurieWeiss(model, 5000, new Rng(4));
const exactMI = cwBipartiteMI(model);

test("Curie–Weiss: K = 1 covers the exact I_bip and is recommended", () => {
  const r = capacityDiagnostic(data, { latents: [1, 2], exactMI, epochs: 10 });
  assert.equal(r.mi.kind, "exact");
  assert.equal(r.trainRows, 4000);
  const k1 = r.rows[0]!;
  assert.ok(k1.rate >= exactMI, `rate ${k1.rate} vs I_bip ${exactMI}`);
  assert.ok(k1.corrErrMean < 0.05, `corr err ${k1.corrErrMean} (noise floor ${r.noiseFloor.corrErrMean})`);
  assert.equal(r.recommended, 1, r.verdict);
});

test("an I_bip above every rate makes every K insufficient; bad K lists are refused", () => {
  const r = capacityDiagnostic(data, { latents: [1], exactMI: 100, epochs: 2 });
  assert.equal(r.recommended, null);
  assert.match(r.verdict, /no K tried is enough/);
  assert.throws(() => capacityDiagnostic(data, { latents: [40] }), AnsatzError);
});
