// Tests of `ansatz repro --plots` (src/cli/commands/repro.ts writeReproPlots): each plot of a reproduction
// result is written as <dir>/<name>.svg and <dir>/<name>.png; a result without plots writes nothing.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { writeReproPlots } from "../../src/cli/commands/repro.ts";

test("writeReproPlots: one SVG and one PNG per plot, nothing for a result without plots", async () => {
  const dir = mkdtempSync(join(tmpdir(), "ansatz-plots-"));
  try {
    const spec = {
      data: {
        values: [
          { a: 1, b: 2 },
          { a: 2, b: 3 },
        ],
      },
      mark: "line",
      encoding: { x: { field: "a", type: "quantitative" }, y: { field: "b", type: "quantitative" } },
    };
    const out = join(dir, "sub");
    const written = await writeReproPlots({ method: "m", claims: [], plots: [{ name: "p1", spec }] }, out);
    assert.deepEqual(written, [join(out, "p1.svg"), join(out, "p1.png")]);
    assert.ok(readFileSync(join(out, "p1.svg"), "utf8").startsWith("<svg"));
    assert.deepEqual(Array.from(readFileSync(join(out, "p1.png")).subarray(0, 4)), [0x89, 0x50, 0x4e, 0x47]);
    assert.deepEqual(readdirSync(out).sort(), ["p1.png", "p1.svg"]);
    const none = await writeReproPlots({ method: "m", claims: [] }, join(dir, "none"));
    assert.deepEqual(none, []);
    assert.equal(existsSync(join(dir, "none")), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
