// Tests of the binarity-maximising span read-out (src/methods/vae-meanfield/span-patterns.ts). Exact values:
// for W = Ξ T with Ξ ∈ {±1}^{N×P} and T invertible, the P patterns are exactly in span(W) and come back with
// binarity 1 (to 1e-12) up to sign and order; a span holding no ±1 vector has binarity < 1.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Mat } from "../../../src/core/matrix.ts";
import { Rng } from "../../../src/core/random.ts";
import { randomPatterns } from "../../../src/methods/vae-meanfield/hopfield.ts";
import { matchPatterns } from "../../../src/methods/vae-meanfield/pattern-match.ts";
import { binaryPatternsInSpan } from "../../../src/methods/vae-meanfield/span-patterns.ts";

test("patterns mixed by an invertible T come back exactly with binarity 1", () => {
  const rng = new Rng(8);
  const xi = randomPatterns(64, 3, rng);
  const t = Mat.from([
    [0.9, -0.4, 0.2],
    [0.3, 1.1, -0.5],
    [-0.2, 0.6, 0.8],
  ]);
  const w = xi.matmul(t);
  const r = binaryPatternsInSpan(w, 3, new Rng(9));
  assert.equal(r.patterns.cols, 3);
  const m = matchPatterns(xi, r.patterns);
  assert.equal(m.min, 1, `overlaps ${Array.from(m.overlaps)}`);
  for (const b of r.binarity) assert.ok(Math.abs(b - 1) < 1e-12, `binarity ${b}`);
  const again = binaryPatternsInSpan(w, 3, new Rng(9));
  assert.deepEqual(again.patterns.data, r.patterns.data);
});

test("a generic Gaussian span has no ±1 vector: binarity clearly below 1", () => {
  const rng = new Rng(10);
  const w = new Mat(64, 2);
  for (let i = 0; i < w.data.length; i++) w.data[i] = rng.normal();
  const r = binaryPatternsInSpan(w, 2, new Rng(11));
  assert.ok(
    r.binarity.every((b) => b < 0.95),
    `binarity ${r.binarity}`,
  );
});
