// The entropy-production `estimate` challenges and the EP estimator models (issue 5 item 4): prepare at quick
// size (S3 curl trap, exact σ = 2ε²/k = 0.18; S5 bead-spring, exact σ = 2.025, spec §4.1), run each model,
// check its relative error against a stated bound, determinism per seed, config validation, the registry
// entries, and that every estimator refuses too little data (AnsatzError "too-little-data").
// Bounds: at quick size (S3 τ = 10 000, S5 τ = 500) the jackknife SE of the sfi/tur/neep rates is ≈ 7–10 %,
// so 0.2 is ≈ 2–3 SE; binned (10 bins per axis, a coarse-grained lower bound) measured ≈ 0.8–1.0 on both.
// Measured: S3 seed 1 sfi 0.1918 ± 0.0063 (rel 0.066), tur 0.1941 (0.078), neep 0.1941 (0.078), binned 0.0364
// (0.798); S5 seed 2 sfi 2.158 (0.066), tur 2.189 (0.081), neep 2.134 (0.054), binned −0.026 (1.013).
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Rng } from "../../../src/core/random.ts";
import { challenges, models } from "../../../src/ctf/registry.ts";
import { polynomialBasis } from "../../../src/methods/hamiltonian-causal/basis.ts";
import { binnedEntropy } from "../../../src/methods/hamiltonian-causal/binned-entropy.ts";
import {
  EP_MODELS,
  type EpHidden,
  type EpPublic,
  entropyProductionChallenge,
  runEpModel,
} from "../../../src/methods/hamiltonian-causal/challenge.ts";
import { linearNeepEntropy } from "../../../src/methods/hamiltonian-causal/neep-entropy.ts";
import { registerHamiltonianCausal } from "../../../src/methods/hamiltonian-causal/register.ts";
import { sfiEntropy } from "../../../src/methods/hamiltonian-causal/sfi-entropy.ts";
import { makeEnsemble } from "../../../src/methods/hamiltonian-causal/trajectory.ts";
import { turEntropy } from "../../../src/methods/hamiltonian-causal/tur-entropy.ts";

test("S3 challenge (quick, seed 1): sfi/tur/neep relative error < 0.2, binned > 0.5 and worse than sfi; deterministic", () => {
  const ch = entropyProductionChallenge("S3");
  assert.equal(ch.id, "hcm-entropy-production");
  assert.equal(ch.kind, "estimate");
  const p = ch.prepare({ seed: 1, size: "quick" }) as { public: EpPublic; hidden: EpHidden };
  assert.equal(p.hidden.rate, 0.18);
  assert.equal(p.public.trajectories.dim, 2);
  assert.ok(!("rate" in p.public), "the exact value is not public");
  const rel: Record<string, number> = {};
  for (const m of EP_MODELS) {
    const s = runEpModel(m, p.public);
    const sheet = ch.score(s, p.hidden);
    rel[m.id] = sheet.scores.relativeError!;
    assert.ok(sheet.notes.length >= 1);
  }
  for (const id of ["ep-sfi", "ep-tur", "ep-neep"]) assert.ok(rel[id]! < 0.2, `${id} rel ${rel[id]}`);
  assert.ok(rel["ep-binned"]! > 0.5 && rel["ep-binned"]! > rel["ep-sfi"]!, `binned rel ${rel["ep-binned"]}`);
  // determinism: same seed, identical data and score; another seed, different data
  const again = ch.prepare({ seed: 1, size: "quick" }) as { public: EpPublic };
  assert.deepEqual(again.public.trajectories.x, p.public.trajectories.x);
  const s2 = runEpModel("ep-sfi", again.public);
  assert.equal(ch.score(s2, p.hidden).scores.relativeError, rel["ep-sfi"]);
});

test("S5 challenge (quick, seed 2): sfi/tur/neep relative error < 0.2; a different seed gives different data", () => {
  const ch = entropyProductionChallenge("S5");
  assert.equal(ch.id, "hcm-entropy-production-s5");
  const p = ch.prepare({ seed: 2, size: "quick" }) as { public: EpPublic; hidden: EpHidden };
  assert.ok(Math.abs(p.hidden.rate - 2.025) < 1e-12);
  for (const id of ["ep-sfi", "ep-tur", "ep-neep"]) {
    const r = ch.score(runEpModel(id, p.public), p.hidden).scores.relativeError!;
    assert.ok(r < 0.2, `${id} rel ${r}`);
  }
  const q = ch.prepare({ seed: 3, size: "quick" }) as { public: EpPublic };
  assert.notDeepEqual(q.public.trajectories.x.subarray(0, 100), p.public.trajectories.x.subarray(0, 100));
});

test("score: relativeError = |rate − exact|/exact, zScore with stderr; a NaN rate is refused", () => {
  const ch = entropyProductionChallenge("S3");
  const hidden = { system: "S3" as const, rate: 0.18, convention: "exact" };
  const s = ch.score({ rate: 0.27, stderr: 0.045 }, hidden);
  assert.ok(Math.abs(s.scores.relativeError! - 0.5) < 1e-12); // |0.27 − 0.18|/0.18 = 0.5
  assert.ok(Math.abs(s.scores.zScore! - 2) < 1e-12); // 0.09/0.045 = 2
  assert.throws(() => ch.score({ rate: Number.NaN }, hidden), /submission rate: expected a finite number/);
});

test("models: config defaults and zod validation naming the bad field; registry holds challenges and models", () => {
  const sfi = EP_MODELS.find((m) => m.id === "ep-sfi")!;
  assert.deepEqual(sfi.defaultConfig, { basis: "linear" });
  assert.deepEqual(sfi.parseConfig({ basis: "poly2" }), { basis: "poly2" });
  assert.throws(
    () => sfi.parseConfig({ basis: "cubic" }),
    (e: unknown) => {
      return e instanceof AnsatzError && e.code === "bad-config" && /basis/.test(e.message);
    },
  );
  assert.throws(() => sfi.parseConfig({ bsis: "linear" }), /bsis/);
  const bin = EP_MODELS.find((m) => m.id === "ep-binned")!;
  assert.deepEqual(bin.defaultConfig, { bins: 10 });
  assert.throws(() => bin.parseConfig({ bins: 1 }), /bins/);
  registerHamiltonianCausal();
  for (const id of ["hcm-entropy-production", "hcm-entropy-production-s5"])
    assert.equal(challenges.get(id).kind, "estimate");
  for (const id of ["ep-sfi", "ep-tur", "ep-neep", "ep-binned"])
    assert.equal(models.get(id).kind, "estimate");
});

test("too little data: every estimator throws AnsatzError too-little-data with the counts", () => {
  // dim 2, linear basis N_b = 6: 5 increments (6 points) are fewer than the 12 needed
  const rng = new Rng(7);
  const x = Float64Array.from({ length: 12 }, () => rng.normal());
  const e = makeEnsemble(x, { nPaths: 1, nPoints: 6, dim: 2 }, 0.01);
  const basis = polynomialBasis(2, "linear");
  const isTooLittle = (re: RegExp) => (err: unknown) =>
    err instanceof AnsatzError && err.code === "too-little-data" && re.test(err.message);
  assert.throws(
    () => sfiEntropy(e, basis),
    isTooLittle(/sfi samples: expected more than 12 increments.*found 5/),
  );
  assert.throws(
    () => turEntropy(e, basis),
    isTooLittle(/tur samples: expected more than 12 increments.*found 5/),
  );
  assert.throws(() => linearNeepEntropy(e, basis), isTooLittle(/neep samples.*found 5/));
  // binned, 10 bins per axis: max(40, 2·100) = 200 increments needed
  assert.throws(
    () => binnedEntropy(e),
    isTooLittle(/binned samples: expected at least 200 increments.*found 5/),
  );
});
