// Tests of the `sample-posterior` challenge, the four sampler models and registerSglrw
// (src/methods/sglrw/challenge.ts, register.ts). Exact values: submitting the hidden exact posterior scores
// meanError = covError = kl = 0 (definitions in challenge.ts); a mean shifted by 2 posterior SDs on one
// coordinate scores meanError = 2 exactly.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { challenges, models, reproductions } from "../../../src/ctf/registry.ts";
import { SAMPLER_MODELS, samplePosteriorChallenge } from "../../../src/methods/sglrw/challenge.ts";
import { registerSglrw } from "../../../src/methods/sglrw/register.ts";

test("exact submission scores 0; a 2-SD shift scores meanError 2; wrong shape throws", () => {
  const p = samplePosteriorChallenge.prepare({ seed: 1, size: "quick" });
  assert.ok(!(p instanceof Promise));
  const { hidden } = p;
  const s0 = samplePosteriorChallenge.score({ mean: hidden.mean, cov: hidden.cov }, hidden);
  assert.ok(s0.scores.meanError! < 1e-12 && s0.scores.covError! < 1e-12 && Math.abs(s0.scores.kl!) < 1e-10);
  const shifted = Float64Array.from(hidden.mean);
  shifted[1] = shifted[1]! + 2 * Math.sqrt(hidden.cov.data[1 * 3 + 1]!);
  const s1 = samplePosteriorChallenge.score({ mean: shifted, cov: hidden.cov }, hidden);
  assert.ok(Math.abs(s1.scores.meanError! - 2) < 1e-9);
  assert.throws(() => samplePosteriorChallenge.score({ mean: [0, 0], cov: hidden.cov }, hidden), AnsatzError);
  const nan = samplePosteriorChallenge.score({ mean: [Number.NaN, 0, 0], cov: hidden.cov }, hidden);
  assert.equal(nan.scores.meanError, Number.POSITIVE_INFINITY);
});

test("each sampler model reaches meanError < 0.3 SD and covError < 0.2 on the quick challenge", () => {
  const p = samplePosteriorChallenge.prepare({ seed: 2, size: "quick" });
  assert.ok(!(p instanceof Promise));
  for (const m of SAMPLER_MODELS) {
    const sub = m.sample(p.public, m.parseConfig({ seed: 5 }));
    const s = samplePosteriorChallenge.score(sub, p.hidden);
    assert.ok(s.scores.meanError! < 0.3, `${m.id} meanError ${s.scores.meanError}`);
    assert.ok(s.scores.covError! < 0.2, `${m.id} covError ${s.scores.covError}`);
  }
  assert.throws(() => SAMPLER_MODELS[0]!.parseConfig({ lr: -1 }), AnsatzError);
});

test("registerSglrw adds the reproduction, the challenge and four models", () => {
  registerSglrw();
  assert.equal(reproductions.get("sglrw").id, "sglrw");
  assert.equal(challenges.get("sample-posterior").kind, "sample-posterior");
  for (const id of ["sglrw", "sgld", "sgld-clipped", "lrw"]) {
    assert.equal(models.get(id).kind, "sample-posterior");
    assert.equal(models.get(id).source, "methods/sglrw");
  }
});
