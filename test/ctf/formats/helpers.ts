// Shared helpers of the CTF format tests: a temporary directory removed after the test file, a test
// matrix holding awkward float64 values, and a bit-level comparison of matrices.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import { Mat } from "../../../src/core/matrix.ts";
import { Rng } from "../../../src/core/random.ts";

/** A fresh directory under the OS temporary directory, removed when the test file finishes. */
export function tempDir(prefix = "ansatz-formats-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A rows × cols matrix of seeded normal draws scaled over many decades, with the first entries
 * replaced by values that expose any lossy path: −0, the smallest subnormal, the largest double,
 * 0.1 (inexact in binary), 1/3, and 2^53 + 2.
 */
export function awkwardMatrix(rows: number, cols: number, seed: number): Mat {
  const rng = new Rng(seed);
  const m = new Mat(rows, cols);
  for (let k = 0; k < m.data.length; k++) m.data[k] = rng.normal() * 10 ** (rng.int(41) - 20);
  const special = [-0, 5e-324, Number.MAX_VALUE, 0.1, 1 / 3, 2 ** 53 + 2];
  for (let k = 0; k < Math.min(special.length, m.data.length); k++) m.data[k] = special[k]!;
  return m;
}

/** Asserts the same shape and the same 64 bits in every entry (so −0 ≠ 0 and NaN payloads count). */
export function assertBitIdentical(actual: Mat, expected: Mat): void {
  assert.deepEqual(actual.shape, expected.shape);
  const a = new Uint8Array(actual.data.buffer, actual.data.byteOffset, actual.data.byteLength);
  const e = new Uint8Array(expected.data.buffer, expected.data.byteOffset, expected.data.byteLength);
  assert.ok(Buffer.compare(Buffer.from(a), Buffer.from(e)) === 0, "matrices differ in at least one bit");
}
