// Tests of the vae-meanfield reproduction's contract (src/methods/vae-meanfield/repro.ts): the claims against
// exact values (A3 table and paramagnet limit, A1 HS identity, A2 exact sampler) pass in quick mode and have the
// {id, description, measured, reference, tolerance, pass} shape. The trained-VAE claims (A5–A9) are the same
// experiment functions the tests hopfield-recovery, curie-weiss-vae and maier-saupe-vae run at the spec's settings.
import assert from "node:assert/strict";
import { test } from "node:test";
import { CW_MI_TABLE, exactClaims } from "../../../src/methods/vae-meanfield/repro.ts";
import { patternPlot, reproPlots } from "../../../src/methods/vae-meanfield/repro-plots.ts";

test("exact claims pass and follow the repro contract", () => {
  const claims = exactClaims(true);
  assert.deepEqual(
    claims.map((c) => c.id),
    ["A3-cw-mi-table", "A3-paramagnet-limit", "A1-hs-identity", "A2-cw-exact-sampler"],
  );
  for (const c of claims) {
    assert.ok(c.pass, `${c.id}: ${JSON.stringify(c.measured)}`);
    for (const k of ["id", "description", "measured", "reference", "tolerance", "pass"])
      assert.ok(k in c, `${c.id} ${k}`);
  }
  assert.equal(CW_MI_TABLE.flatMap((r) => r.values).length, 16);
});

test("the P(M) plot has one exact and one generated point per k and β", () => {
  const run = {
    beta: 1,
    exactPmf: [0.25, 0.5, 0.25],
    generatedPmf: [0.2, 0.6, 0.2],
  } as Parameters<typeof reproPlots>[0][number];
  const plots = reproPlots([run]);
  assert.equal(plots.length, 1);
  const values = (plots[0]!.spec as { data: { values: { m: number; source: string; p: number }[] } }).data
    .values;
  assert.equal(values.length, 6);
  assert.deepEqual(
    values.filter((v) => v.source === "exact").map((v) => v.m),
    [-1, 0, 1],
  );
});

test("the pattern heatmap has P·N cells per source, the truth first, unmatched patterns at 0", () => {
  const truth = [
    [1, -1, 1],
    [-1, -1, 1],
  ];
  const mk = (latents: number, recovered: number[][], minOverlap: number) =>
    ({ temperature: 0.8, latents, minOverlap, truth, recovered }) as Parameters<
      typeof patternPlot
    >[0][number];
  const plot = patternPlot([mk(2, truth, 1), mk(1, [truth[0]!, [0, 0, 0]], 0)]);
  assert.ok(plot !== null, "a plot");
  const values = (plot.spec as { data: { values: { source: string; value: number }[] } }).data.values;
  assert.equal(values.length, 3 * 2 * 3);
  assert.match(values[0]!.source, /^true patterns/);
  assert.equal(values.filter((v) => v.value === 0).length, 3);
  assert.equal(patternPlot([]), null);
});
