// Tests of runSingleSubmission (src/ctf/submit.ts) with a toy `estimate` challenge: the hidden value is 3,
// the public data are the seed; a model that returns pub + 1 scores |error| = |seed + 1 − 3| exactly, the
// hidden truth never reaches the model, and models of the wrong kind or without the method are refused.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Challenge } from "../../src/ctf/challenge.ts";
import type { Model } from "../../src/ctf/model.ts";
import { runSingleSubmission } from "../../src/ctf/submit.ts";

const seen: unknown[] = [];
const toy: Challenge<number, number, number> = {
  id: "toy",
  title: "toy",
  kind: "estimate",
  source: "test",
  prepare: ({ seed }) => ({ public: seed, hidden: 3 }),
  score: (sub, hidden) => ({ scores: { error: Math.abs(sub - hidden) }, notes: [] }),
};

function estimator(id: string, shift: number): Model & { estimate(pub: number, c: unknown): number } {
  return {
    id,
    title: id,
    kind: "estimate",
    source: "test",
    defaultConfig: { shift },
    parseConfig: (raw) => raw as Record<string, unknown>,
    estimate(pub: number, c: unknown) {
      seen.push(pub);
      return pub + (c as { shift: number }).shift;
    },
  };
}

test("each model's submission is scored against the hidden truth; configs override defaults", async () => {
  const r = await runSingleSubmission(toy as Challenge, [estimator("a", 1), estimator("b", 0)], {
    seed: 5,
    size: "quick",
    configs: { b: { shift: -2 } },
  });
  assert.deepEqual(
    r.map((x) => [x.model, x.sheet.scores.error]),
    [
      ["a", 3],
      ["b", 0],
    ],
  );
  assert.deepEqual(seen, [5, 5], "models see only the public data");
});

test("wrong kind, a missing method and forecast challenges are refused", async () => {
  const wrong = { ...estimator("w", 0), kind: "generate" as const };
  await assert.rejects(runSingleSubmission(toy as Challenge, [wrong], { seed: 0, size: "quick" }), /model w/);
  const { estimate: _drop, ...noMethod } = estimator("n", 0);
  await assert.rejects(
    runSingleSubmission(toy as Challenge, [noMethod], { seed: 0, size: "quick" }),
    /estimate/,
  );
  await assert.rejects(
    runSingleSubmission({ ...toy, kind: "forecast" } as Challenge, [], { seed: 0, size: "quick" }),
    /batch runner/,
  );
});
