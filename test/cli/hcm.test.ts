// `ansatz hcm entropy-production | effect` on trajectory files: a 2-D Ornstein–Uhlenbeck process with a
// curl force (dx = (−x + ε J x) dt + √2 dW, J the rotation generator) has exact entropy production
// rate 2ε² (steady state, D = 1, covariance I: σ = ⟨F_curl · D⁻¹ F_curl⟩ = ε²⟨|x|²⟩ = 2ε²); ε = 0 has none.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { Mat } from "../../src/core/matrix.ts";
import { encodeNpy } from "../../src/core/npy.ts";
import { Rng } from "../../src/core/random.ts";
import { writeFileAtomic } from "../../src/ctf/formats/atomic-write.ts";
import { writeNpy } from "../../src/ctf/formats/npy-file.ts";

const bin = fileURLToPath(new URL("../../bin/ansatz.mjs", import.meta.url));
const root = mkdtempSync(join(tmpdir(), "ansatz-cli-hcm-"));
after(() => rmSync(root, { recursive: true, force: true }));

function ansatz(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** [paths, steps, 2] positions of the curl OU process, started in its stationary law N(0, I). */
function curlOu(eps: number, paths: number, steps: number, dt: number, seed: number): string {
  const rng = new Rng(seed);
  const x = new Float64Array(paths * steps * 2);
  const sub = 10;
  const h = dt / sub;
  for (let p = 0; p < paths; p++) {
    let a = rng.normal();
    let b = rng.normal();
    for (let t = 0; t < steps; t++) {
      x[(p * steps + t) * 2] = a;
      x[(p * steps + t) * 2 + 1] = b;
      for (let s = 0; s < sub; s++) {
        const fa = -a - eps * b;
        const fb = -b + eps * a;
        a += fa * h + Math.sqrt(2 * h) * rng.normal();
        b += fb * h + Math.sqrt(2 * h) * rng.normal();
      }
    }
  }
  const path = join(root, `curl-${eps}-${seed}.npy`);
  writeFileAtomic(path, encodeNpy(x, [paths, steps, 2]));
  return path;
}

describe("ansatz hcm", () => {
  const dt = 0.01;
  const driven = curlOu(1, 20, 5000, dt, 1);

  it("entropy-production (SFI) finds 2ε² = 2 for ε = 1 within 5 standard errors", () => {
    const r = ansatz("hcm", "entropy-production", "--input", driven, "--dt", String(dt), "--json");
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.estimator, "sfi");
    assert.ok(Math.abs(out.rate - 2) < 5 * out.stderr + 0.1, `rate ${out.rate} ± ${out.stderr}`);
    assert.match(out.convention, /./);
  });

  it("effect: the curl leaves the marginals unchanged (ATE ≈ 0) while the path KL rate is positive", () => {
    const still = curlOu(0, 20, 5000, dt, 2);
    const r = ansatz("hcm", "effect", "--a", driven, "--b", still, "--dt", String(dt), "--json");
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    // path KL rate of the two drifts: ⟨|ε J x|²⟩ / (4 D) = ε²·2/4 = 0.5
    assert.ok(Math.abs(out.pathKlRate - 0.5) < 0.15, `path KL ${out.pathKlRate}`);
    for (const a of out.ateEnd) assert.ok(a.ci95[0] < 0.25 && a.ci95[1] > -0.25, JSON.stringify(a));
  });

  it("bad input: NaN, one step, mismatched dims, non-positive Δt → exit 2 naming the problem", () => {
    const nan = join(root, "nan.npy");
    const m = new Mat(10, 2);
    m.data[3] = Number.NaN;
    writeNpy(nan, m);
    const a = ansatz("hcm", "entropy-production", "--input", nan, "--dt", "0.1");
    assert.equal(a.code, 2);
    assert.match(a.stderr, /nan\.npy/);
    const one = join(root, "one.npy");
    writeNpy(one, new Mat(1, 2));
    assert.equal(ansatz("hcm", "entropy-production", "--input", one, "--dt", "0.1").code, 2);
    const three = join(root, "three.npy");
    writeFileAtomic(three, encodeNpy(new Float64Array(60), [2, 10, 3]));
    const d = ansatz("hcm", "effect", "--a", driven, "--b", three, "--dt", String(dt));
    assert.equal(d.code, 2);
    assert.match(d.stderr, /--b: expected trajectories of dim 2/);
    const z = ansatz("hcm", "entropy-production", "--input", driven, "--dt", "0");
    assert.equal(z.code, 2);
    assert.match(z.stderr, /--dt: expected a finite number > 0/);
  });
});
