// Tests of VAE save/load (src/methods/vae-meanfield/vae-io.ts): exact JSON round trip (shortest
// round-trip number form) and validated loading that names the bad field.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Mat } from "../../../src/core/matrix.ts";
import { Rng } from "../../../src/core/random.ts";
import { Tensor } from "../../../src/engine/index.ts";
import {
  type DecoderKind,
  Vae,
  type VaeHead,
  type VaeParams,
} from "../../../src/methods/vae-meanfield/vae.ts";
import { loadVae, saveVae, vaeFromJson, vaeToJson } from "../../../src/methods/vae-meanfield/vae-io.ts";
import { decodeLogitsMat, encodeMeans } from "../../../src/methods/vae-meanfield/vae-sample.ts";

function isErr(code: string, ...parts: string[]) {
  return (e: unknown) =>
    e instanceof AnsatzError && e.code === code && parts.every((p) => e.message.includes(p));
}

/** A model whose parameters are random non-round numbers (to exercise the exact number round trip). */
function model(decoder: DecoderKind, head: VaeHead): { vae: Vae; params: VaeParams } {
  const rng = new Rng(17);
  const vae = new Vae({ sites: 5, latents: 2, hidden: 4, decoder, head }, rng);
  const walk = (node: unknown): void => {
    if (node instanceof Tensor)
      for (let i = 0; i < node.data.length; i++) node.data[i] = rng.normal(0, 1) / 3;
    else if (node && typeof node === "object") for (const v of Object.values(node)) walk(v);
  };
  walk(vae.params);
  return { vae, params: vae.params };
}

test("JSON round trip reproduces decodeLogitsMat and encodeMeans exactly (both decoders × both heads)", () => {
  const dir = mkdtempSync(join(tmpdir(), "vae-io-"));
  try {
    for (const head of [{ kind: "bernoulli" }, { kind: "categorical", categories: 3 }] as VaeHead[]) {
      for (const decoder of ["linear-readout", "mlp"] as DecoderKind[]) {
        const { vae, params } = model(decoder, head);
        const rng = new Rng(3);
        const z = new Mat(6, 2, rng.fillNormal(new Float64Array(12)));
        const x = new Mat(4, 5);
        for (let i = 0; i < x.data.length; i++) x.data[i] = rng.int(vae.categories === 1 ? 2 : 3);
        // through an object and JSON text
        const back = vaeFromJson(JSON.parse(JSON.stringify(vaeToJson(vae, params))), "mem");
        assert.deepEqual(back.vae.config, vae.config);
        assert.deepEqual(
          decodeLogitsMat(back.vae, back.params, z).data,
          decodeLogitsMat(vae, params, z).data,
        );
        assert.deepEqual(encodeMeans(back.vae, back.params, x).data, encodeMeans(vae, params, x).data);
        // through a file, with extra metadata
        const path = join(dir, `${head.kind}-${decoder}.json`);
        saveVae(path, vae, params, { note: "trained", epochs: 3 });
        const loaded = loadVae(path);
        assert.deepEqual(loaded.extra, { note: "trained", epochs: 3 });
        assert.deepEqual(
          decodeLogitsMat(loaded.vae, loaded.params, z).data,
          decodeLogitsMat(vae, params, z).data,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("malformed documents: missing field, wrong shape, bad config, bad format → AnsatzError naming the field", () => {
  const { vae, params } = model("linear-readout", { kind: "bernoulli" });
  type Doc = {
    format?: unknown;
    config?: { latents?: number; decoder?: string };
    params: { enc?: unknown; dec: { layers: { w: number[][] }[] }; readout: { b: unknown[] } };
  };
  const fresh = () => JSON.parse(JSON.stringify(vaeToJson(vae, params))) as Doc;
  const j1 = fresh();
  delete j1.params.enc;
  assert.throws(() => vaeFromJson(j1, "m.json"), isErr("bad-file", "m.json: params.enc", "missing"));
  const j2 = fresh();
  j2.params.dec.layers[0].w.pop(); // w [2, 4] → [1, 4]
  assert.throws(
    () => vaeFromJson(j2, "m.json"),
    isErr("bad-file", "params.dec.layers.0.w", "[2, 4]", "found shape [1, 4]"),
  );
  const j3 = fresh();
  j3.params.readout.b[2] = "x";
  assert.throws(() => vaeFromJson(j3, "m.json"), isErr("bad-file", "params.readout.b[2]", "a finite number"));
  const j4 = fresh();
  j4.config!.latents = 9;
  assert.throws(() => vaeFromJson(j4, "m.json"), isErr("bad-file", "m.json: config.latents", "found 9"));
  const j5 = fresh();
  delete j5.config;
  assert.throws(() => vaeFromJson(j5, "m.json"), isErr("bad-file", "m.json: config", "missing"));
  const j6 = fresh();
  j6.format = "other";
  assert.throws(() => vaeFromJson(j6, "m.json"), isErr("bad-file", "m.json: format"));
  const j7 = fresh();
  j7.config!.decoder = "mlp"; // an mlp model has no read-out and a K→H→N decoder
  assert.throws(() => vaeFromJson(j7, "m.json"), isErr("bad-file", "params"));
  assert.throws(() => vaeFromJson([], "m.json"), isErr("bad-file", "m.json", "a JSON object"));
  // non-finite parameters cannot be written
  const bad = model("mlp", { kind: "bernoulli" });
  bad.params.enc.layers[1]!.b.data[0] = Number.NaN;
  assert.throws(() => vaeToJson(bad.vae, bad.params), isErr("not-finite", "params.enc.layers.1.b"));
  // files: not JSON, missing
  const dir = mkdtempSync(join(tmpdir(), "vae-io-"));
  try {
    const p = join(dir, "broken.json");
    writeFileSync(p, "{ not json");
    assert.throws(() => loadVae(p), isErr("bad-file", "broken.json", "valid JSON"));
    assert.throws(() => loadVae(join(dir, "absent.json")), isErr("bad-file", "absent.json"));
    saveVae(join(dir, "ok.json"), vae, params);
    assert.equal(JSON.parse(readFileSync(join(dir, "ok.json"), "utf8")).format, "ansatz-vae");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
