// The foundation self-check (`ansatz repro foundation`, part of the main job): every claim passes at the
// quick size, and the result has the repro JSON contract {method, claims: [{id, description, measured,
// reference, tolerance, pass}]}.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runFoundation } from "../../src/cli/self-check.ts";

test("foundation self-check: every claim passes (quick) and has the contract's fields", () => {
  const result = runFoundation({ quick: true });
  assert.equal(result.method, "foundation");
  assert.ok(result.claims.length >= 10);
  for (const c of result.claims) {
    assert.deepEqual(Object.keys(c).sort(), [
      "description",
      "id",
      "measured",
      "pass",
      "reference",
      "tolerance",
    ]);
    assert.equal(
      c.pass,
      true,
      `${c.id}: measured ${JSON.stringify(c.measured)} vs ${JSON.stringify(c.reference)}`,
    );
  }
});
