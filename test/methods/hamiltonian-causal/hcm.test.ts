// HCM specification (spec §1.2–1.4): compiling a trap + interventions reproduces the oracle drifts of S1
// (protocol do(centre := v t)) and S3 (curl control), and the underdamped S4 force; bad configs throw.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  addControl,
  curlControl,
  harmonicTrap,
  intervene,
  toOverdamped,
  toUnderdamped,
} from "../../../src/methods/hamiltonian-causal/hcm.ts";
import { s1DraggedTrap, s3CurlTrap } from "../../../src/methods/hamiltonian-causal/systems.ts";

const x = { name: "x", dim: 1, mass: 1, gamma: 2, T: 0.5 };

test("do(centre := v t) on a trap gives the S1 dragged-trap drift −(k/γ)(x − v t) and D = T/γ", () => {
  const spec = { variables: [x], terms: [harmonicTrap("trap", 1.5, 0)] };
  const dragged = toOverdamped(intervene(spec, "trap", "centre", (t) => 0.7 * t));
  const ref = s1DraggedTrap({ k: 1.5, gamma: 2, T: 0.5, v: 0.7 }).model;
  const a = new Float64Array(1);
  const b = new Float64Array(1);
  for (const [t, q] of [
    [0, 0.3],
    [2.5, -1.2],
    [4, 3],
  ] as const) {
    dragged.drift(t, Float64Array.of(q), a);
    ref.drift(t, Float64Array.of(q), b);
    assert.ok(Math.abs(a[0]! - b[0]!) < 1e-14, `t=${t}: ${a[0]} vs ${b[0]}`);
  }
  assert.equal(dragged.D[0], 0.25);
  assert.throws(() => intervene(spec, "trap", "stiffness", 1), /expected one of k, centre/);
});

test("a curl control on a 2-D trap gives the S3 drift (−k + εJ) x; underdamped force matches", () => {
  const v2 = { name: "q", dim: 2, mass: 1, gamma: 1, T: 0.5 };
  const spec = addControl({ variables: [v2], terms: [harmonicTrap("trap", 1)] }, curlControl(0.3));
  const m = toOverdamped(spec);
  const s3 = s3CurlTrap();
  const a = new Float64Array(2);
  const b = new Float64Array(2);
  m.drift(0, Float64Array.of(0.4, -1.1), a);
  s3.model.drift(0, Float64Array.of(0.4, -1.1), b);
  assert.ok(Math.abs(a[0]! - b[0]!) < 1e-15 && Math.abs(a[1]! - b[1]!) < 1e-15, `${a} vs ${b}`);
  assert.deepEqual(Array.from(m.D), [0.5, 0.5]);
  const u = toUnderdamped(spec);
  u.force(0, Float64Array.of(1, 0), a);
  assert.deepEqual(Array.from(a), [-1, 0.3]); // −k x + ε J x at x = (1, 0)
  const hot = { name: "h", dim: 1, mass: 1, gamma: 1, T: 2 };
  assert.throws(() => toUnderdamped({ variables: [x, hot], terms: [] }), /same mass, γ and T/);
  assert.throws(
    () => toOverdamped({ variables: [{ ...x, gamma: 0 }], terms: [] }),
    /gamma: expected a finite value > 0/,
  );
});
