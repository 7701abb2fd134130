// Tests for src/engine/ops/special.ts: erf against Python's math.erf (values printed by
// python3 -c "import math; [print(repr(math.erf(x))) for x in (0.1, 0.5, 1, 2, 2.49, 2.5, 3, 4.2, 5.9)]").
import assert from "node:assert/strict";
import { test } from "node:test";
import { erf } from "../../../src/engine/ops/special.ts";
import { assertClose } from "../helpers.ts";

test("erf matches math.erf to 2e-15 relative on both branches, odd symmetry, limits", () => {
  const xs = [0.1, 0.5, 1, 2, 2.49, 2.5, 3, 4.2, 5.9];
  const ref = [
    0.1124629160182849, 0.5204998778130465, 0.8427007929497149, 0.9953222650189527, 0.9995707121322661,
    0.999593047982555, 0.9999779095030014, 0.9999999971445058, 0.9999999999999999,
  ];
  assertClose(
    xs.map((x) => erf(x)),
    ref,
    2e-15,
    0,
    "erf",
  );
  assertClose(
    xs.map((x) => erf(-x)),
    ref.map((v) => -v),
    2e-15,
    0,
    "erf(-x)",
  );
  assert.equal(erf(0), 0);
  assert.equal(erf(10), 1);
  assert.equal(erf(-10), -1);
  assert.ok(Number.isNaN(erf(Number.NaN)));
});
