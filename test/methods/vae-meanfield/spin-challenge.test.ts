// Tests of the spin generate challenges, their models and registerVaeMeanfield (src/methods/vae-meanfield/
// spin-challenge.ts, spin-models.ts, register.ts). Exact values: a submission of N = 64 all-up rows has
// ⟨s_i s_j⟩ = 1, so against the exact Curie–Weiss reference corrErrMean = corrErrMax = 1 − c with c the exact
// pair correlation, and magTV = 1 − P(k = N); submitting the true patterns scores patternOverlap = 1.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Mat } from "../../../src/core/matrix.ts";
import { challenges, models, reproductions } from "../../../src/ctf/registry.ts";
import { curieWeiss, cwCountPmf, cwPairCorrelation } from "../../../src/methods/vae-meanfield/curie-weiss.ts";
import { registerVaeMeanfield } from "../../../src/methods/vae-meanfield/register.ts";
import { curieWeissChallenge, hopfieldChallenge } from "../../../src/methods/vae-meanfield/spin-challenge.ts";
import {
  independentSitesModel,
  naiveMeanFieldModel,
  spinVaeModel,
} from "../../../src/methods/vae-meanfield/spin-models.ts";

function prepared<P, H>(p: { public: P; hidden: H } | Promise<unknown>): { public: P; hidden: H } {
  assert.ok(!(p instanceof Promise), "spin challenges prepare synchronously");
  return p as { public: P; hidden: H };
}

test("Curie–Weiss challenge: exact scores of an all-up submission; bad submissions throw", () => {
  const { public: pub, hidden } = prepared(curieWeissChallenge.prepare({ seed: 1, size: "quick" }));
  assert.equal(pub.samples.rows, 5000);
  assert.equal(pub.samples.cols, 64);
  assert.equal(pub.orderParameterComponents, 1);
  const up = new Mat(10, 64);
  up.data.fill(1);
  const s = curieWeissChallenge.score({ samples: up }, hidden);
  const model = curieWeiss(64, 1.5);
  const c = cwPairCorrelation(model);
  assert.ok(
    Math.abs(s.scores.corrErrMean! - (1 - c)) < 1e-12,
    `corrErrMean ${s.scores.corrErrMean} vs ${1 - c}`,
  );
  assert.ok(Math.abs(s.scores.corrErrMax! - (1 - c)) < 1e-12, `corrErrMax ${s.scores.corrErrMax}`);
  const pN = cwCountPmf(model)[64]!;
  assert.ok(Math.abs(s.scores.magTV! - (1 - pN)) < 1e-12, `magTV ${s.scores.magTV} vs ${1 - pN}`);
  assert.equal(s.scores.patternOverlap, undefined);
  // the public samples themselves score near the sampling noise
  const own = curieWeissChallenge.score({ samples: pub.samples }, hidden);
  assert.ok(own.scores.corrErrMean! < 0.02 && own.scores.magTV! < 0.05, `own ${JSON.stringify(own.scores)}`);
  assert.throws(() => curieWeissChallenge.score({ samples: new Mat(3, 10) }, hidden), AnsatzError);
  const half = new Mat(2, 64);
  half.data.fill(0.5);
  assert.throws(() => curieWeissChallenge.score({ samples: half }, hidden), /row 0, column 0/);
});

test("Hopfield challenge: the true patterns score overlap 1, none scores 0 with a note; baselines run", () => {
  const { public: pub, hidden } = prepared(hopfieldChallenge.prepare({ seed: 2, size: "quick" }));
  assert.equal(pub.orderParameterComponents, 3);
  const withTruth = hopfieldChallenge.score({ samples: pub.samples, patterns: hidden.patterns! }, hidden);
  assert.equal(withTruth.scores.patternOverlap, 1);
  const none = hopfieldChallenge.score({ samples: pub.samples }, hidden);
  assert.equal(none.scores.patternOverlap, 0);
  assert.ok(
    none.notes.some((n) => n.includes("no patterns")),
    none.notes.join("; "),
  );
  const ind = hopfieldChallenge.score(
    independentSitesModel.generate(pub, independentSitesModel.parseConfig({})),
    hidden,
  );
  const nmf = hopfieldChallenge.score(
    naiveMeanFieldModel.generate(pub, naiveMeanFieldModel.parseConfig({ samples: 5000 })),
    hidden,
  );
  // independent sites give ⟨s_i s_j⟩ ≈ m_i m_j ≈ 0, far from the retrieval-state correlations
  assert.ok(ind.scores.corrErrMean! > 0.1, `independent corrErrMean ${ind.scores.corrErrMean}`);
  assert.ok(nmf.scores.corrErrMean! < ind.scores.corrErrMean!, `nMF ${nmf.scores.corrErrMean}`);
});

test("VAE model configs are validated and the defaults are the spec's settings", () => {
  const cfg = spinVaeModel.parseConfig({});
  assert.equal(cfg.epochs, 30);
  assert.equal(cfg.lr, 2e-3);
  assert.equal(cfg.batchSize, 100);
  assert.throws(() => spinVaeModel.parseConfig({ latents: 0 }), AnsatzError);
  assert.throws(() => naiveMeanFieldModel.parseConfig({ ridge: -1 }), AnsatzError);
});

test("registerVaeMeanfield adds the reproduction, two challenges and three models", () => {
  if (!reproductions.has("vae-meanfield")) registerVaeMeanfield();
  assert.ok(reproductions.has("vae-meanfield"), "reproduction");
  assert.ok(challenges.has("spins-curie-weiss") && challenges.has("spins-hopfield"), "challenges");
  for (const id of ["vae-meanfield", "naive-mean-field", "independent-sites"]) assert.ok(models.has(id), id);
});
