// Tests of the SGLRW reproduction (src/methods/sglrw/repro.ts): the quick run honours the repro contract
// {method, claims: [{id, description, measured, reference, tolerance, pass}]} and every claim passes; the
// exact Ehrenfest variance is T/λ = 1 (spec sglrw.md §2.4) and the lattice helper is not a tautology.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { TopLevelSpec } from "vega-lite";
import { ehrenfestExactVariance, runSglrwRepro } from "../../../src/methods/sglrw/repro.ts";
import { renderChart } from "../../../src/report/render.ts";

const quick = runSglrwRepro({ quick: true });

test("quick repro: contract shape, the claim families, all pass", () => {
  const r = quick;
  assert.equal(r.method, "sglrw");
  const ids = r.claims.map((c) => c.id);
  assert.deepEqual(ids, [
    "ehrenfest-exact",
    "ehrenfest-mc",
    "sgld-discretisation-bias",
    "gaussian-2d",
    "cauchy-robustness",
    "minibatch-robustness",
    "predictive-heavy-tails",
    "predictive-regression",
  ]);
  // the regression predictive table: exact posterior plus three samplers; SGLRW within 0.02 nats of exact
  const pr = r.claims.find((c) => c.id === "predictive-regression")!.measured as {
    table: { method: string; testLogLik: number }[];
  };
  assert.deepEqual(
    pr.table.map((x) => x.method),
    ["exact", "sglrw", "sgld", "sgld-clipped"],
  );
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

test("quick repro plots: two valid Vega-Lite specs that render to SVG and PNG (PNG signature 89 50 4E 47 0D 0A 1A 0A)", async () => {
  const plots = quick.plots ?? [];
  assert.deepEqual(
    plots.map((p) => p.name),
    ["sglrw-minibatch-robustness", "sglrw-cauchy-variance"],
  );
  for (const p of plots) {
    const chart = await renderChart(p.spec as TopLevelSpec, p.name);
    assert.ok(chart.svg.startsWith("<svg"), p.name);
    assert.deepEqual(Array.from(chart.png.subarray(0, 8)), [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  }
  // the minibatch plot carries 3 samplers × 4 batches × 2 metrics data points
  const values = (plots[0]!.spec as { data: { values: unknown[] } }).data.values;
  assert.equal(values.length, 24);
});
