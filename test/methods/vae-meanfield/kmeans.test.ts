// Tests of k-means (src/methods/vae-meanfield/kmeans.ts, spec vae-meanfield.md §2.4 read-out 1):
// three well-separated blobs are recovered exactly (labels = the blobs, centres = the blob means,
// inertia = the within-blob sum of squares, all computed here in closed form), same seed → same result,
// coincident points give inertia 0, and k > rows is an error.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Mat } from "../../../src/core/matrix.ts";
import { Rng } from "../../../src/core/random.ts";
import { kmeans } from "../../../src/methods/vae-meanfield/kmeans.ts";

/** 3 blobs of `per` points (sd 0.1) around (0,0), (10,0), (0,10), interleaved: point i is in blob i % 3. */
function blobs(per: number, seed: number): { x: Mat; blob: Int32Array } {
  const rng = new Rng(seed);
  const c = [
    [0, 0],
    [10, 0],
    [0, 10],
  ];
  const x = new Mat(3 * per, 2);
  const blob = new Int32Array(3 * per);
  for (let i = 0; i < 3 * per; i++) {
    blob[i] = i % 3;
    x.set(i, 0, c[i % 3]![0]! + rng.normal(0, 0.1));
    x.set(i, 1, c[i % 3]![1]! + rng.normal(0, 0.1));
  }
  return { x, blob };
}

test("kmeans: three separated blobs → labels are the blobs, centres the blob means, inertia the within-SS", () => {
  const { x, blob } = blobs(50, 1);
  const res = kmeans(x, 3, new Rng(7));
  // Label map blob → cluster must be a bijection that holds for every point.
  const map = [-1, -1, -1];
  for (let i = 0; i < x.rows; i++) {
    const b = blob[i]!;
    if (map[b] === -1) map[b] = res.labels[i]!;
    assert.equal(res.labels[i], map[b], `point ${i} of blob ${b} got cluster ${res.labels[i]}`);
  }
  assert.equal(new Set(map).size, 3, `blobs map to clusters ${map}`);
  let within = 0;
  for (let b = 0; b < 3; b++) {
    let mx = 0;
    let my = 0;
    for (let i = b; i < x.rows; i += 3) {
      mx += x.get(i, 0) / 50;
      my += x.get(i, 1) / 50;
    }
    for (let i = b; i < x.rows; i += 3) within += (x.get(i, 0) - mx) ** 2 + (x.get(i, 1) - my) ** 2;
    const c = map[b]!;
    assert.ok(Math.abs(res.centres.get(c, 0) - mx) < 1e-12, `centre x ${res.centres.get(c, 0)} vs ${mx}`);
    assert.ok(Math.abs(res.centres.get(c, 1) - my) < 1e-12, `centre y ${res.centres.get(c, 1)} vs ${my}`);
    assert.equal(res.sizes[c], 50);
  }
  assert.ok(Math.abs(res.inertia - within) < 1e-9 * within, `inertia ${res.inertia} vs within-SS ${within}`);
});

test("kmeans: the same rng seed gives identical results", () => {
  const { x } = blobs(30, 2);
  const a = kmeans(x, 4, new Rng(11), { restarts: 3 });
  const b = kmeans(x, 4, new Rng(11), { restarts: 3 });
  assert.deepEqual(Array.from(a.labels), Array.from(b.labels));
  assert.deepEqual(Array.from(a.centres.data), Array.from(b.centres.data));
  assert.equal(a.inertia, b.inertia);
});

test("kmeans: k = rows gives inertia 0; coincident points give inertia 0 with sizes summing to rows", () => {
  const { x } = blobs(2, 3);
  const all = kmeans(x, 6, new Rng(1));
  assert.equal(all.inertia, 0);
  assert.deepEqual(Array.from(all.sizes), [1, 1, 1, 1, 1, 1]);
  const dup = Mat.from([
    [0, 0],
    [0, 0],
    [0, 0],
    [1, 0],
  ]);
  const r = kmeans(dup, 3, new Rng(5), { restarts: 2 });
  assert.equal(r.inertia, 0);
  assert.equal(
    r.sizes.reduce((s, v) => s + v, 0),
    4,
  );
});

test("kmeans: k > rows, k = 0 and non-finite points are AnsatzErrors", () => {
  const x = Mat.from([[0], [1]]);
  assert.throws(
    () => kmeans(x, 3, new Rng(1)),
    (e: unknown) => e instanceof AnsatzError && e.code === "too-little-data",
  );
  assert.throws(() => kmeans(x, 0, new Rng(1)), AnsatzError);
  assert.throws(() => kmeans(Mat.from([[0], [Number.NaN]]), 1, new Rng(1)), /not|finite/);
});
