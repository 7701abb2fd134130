// Tests of the SGLRW reproduction (src/methods/sglrw/repro.ts): the quick run honours the repro contract
// {method, claims: [{id, description, measured, reference, tolerance, pass}]} and every claim passes; the
// exact Ehrenfest variance is T/λ = 1 (spec sglrw.md §2.4) and the lattice helper is not a tautology.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ehrenfestExactVariance, runSglrwRepro } from "../../../src/methods/sglrw/repro.ts";

test("quick repro: contract shape, the five claim families, all pass", () => {
  const r = runSglrwRepro({ quick: true });
  assert.equal(r.method, "sglrw");
  const ids = r.claims.map((c) => c.id);
  assert.deepEqual(ids, [
    "ehrenfest-exact",
    "ehrenfest-mc",
    "sgld-discretisation-bias",
    "gaussian-2d",
    "cauchy-robustness",
    "minibatch-robustness",
  ]);
  for (const c of r.claims) {
    for (const k of ["id", "description", "measured", "reference", "tolerance", "pass"]) {
      assert.ok(k in c, `claim ${c.id} lacks ${k}`);
    }
    assert.equal(typeof c.description, "string");
    assert.equal(c.pass, true, `claim ${c.id} failed: ${JSON.stringify(c.measured)}`);
  }
  // the minibatch table has 3 samplers × 4 batch sizes
  const mb = r.claims.find((c) => c.id === "minibatch-robustness")!.measured as { table: unknown[] };
  assert.equal(mb.table.length, 12);
  // JSON round trip (the --json contract)
  assert.doesNotThrow(() => JSON.parse(JSON.stringify(r)));
});

test("Ehrenfest: exact lattice variance is 1 for δt = 0.1, 0.25, 0.5 (spec §2.4: Var = δx² M/4 = T/λ)", () => {
  for (const lr of [0.1, 0.25, 0.5]) assert.ok(Math.abs(ehrenfestExactVariance(lr) - 1) < 1e-9);
});
