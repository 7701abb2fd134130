// Saving and loading a trained VAE (spec vae-meanfield.md §2.3 model; DESIGN.md "Errors and bad input").
// One JSON document: { format: "ansatz-vae", version: 1, config (resolved VaeConfig), params (the
// VaeParams tree with every tensor as nested number arrays of its shape), extra? }. JSON numbers are
// written in the shortest round-trip form, so a load reproduces every float64 parameter exactly.
// Loading validates everything and names the field: `model.json: params.enc.layers.0.w: expected …`.
import { readFileSync } from "node:fs";
import { formatShape } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { Rng } from "../../core/random.ts";
import { writeFileAtomic } from "../../ctf/formats/atomic-write.ts";
import { flattenTree, Tensor, unflattenTree } from "../../engine/index.ts";
import { resolveVaeConfig, Vae, type VaeConfig, type VaeParams } from "./vae.ts";

export const VAE_FORMAT = "ansatz-vae";
export const VAE_VERSION = 1;

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** config + params as plain JSON data (throws not-finite for a non-finite parameter: JSON cannot hold it). */
export function vaeToJson(vae: Vae, params: VaeParams, extra?: Record<string, unknown>): object {
  vae.checkParams(params, "vaeToJson params");
  const tree: Record<string, unknown> = {};
  for (const { path, tensor } of flattenTree(params)) {
    const d = tensor.data;
    for (let i = 0; i < d.length; i++) {
      if (!Number.isFinite(d[i]!)) {
        throw AnsatzError.expected(
          "not-finite",
          `vaeToJson params.${path}`,
          "finite values",
          `${d[i]} at index ${i}`,
        );
      }
    }
    const keys = path.split(".");
    let node: Record<string, unknown> | unknown[] = tree;
    for (let j = 0; j < keys.length - 1; j++) {
      const key = keys[j]!;
      const nextIsIndex = /^\d+$/.test(keys[j + 1]!);
      const rec = node as Record<string, unknown>;
      rec[key] ??= nextIsIndex ? [] : {};
      node = rec[key] as Record<string, unknown> | unknown[];
    }
    (node as Record<string, unknown>)[keys[keys.length - 1]!] = tensor.toArray();
  }
  const c = vae.config;
  const config: VaeConfig = {
    sites: c.sites,
    latents: c.latents,
    hidden: c.hidden,
    decoder: c.decoder,
    head: c.head,
  };
  const out: Record<string, unknown> = { format: VAE_FORMAT, version: VAE_VERSION, config, params: tree };
  if (extra !== undefined) out.extra = extra;
  return out;
}

function shapeOf(v: unknown, rank: number): number[] | null {
  const shape: number[] = [];
  let cur = v;
  for (let d = 0; d < rank; d++) {
    if (!Array.isArray(cur)) return null;
    shape.push(cur.length);
    cur = cur[0];
  }
  return shape;
}

function readLeaf(v: unknown, shape: readonly number[], where: string): Tensor {
  const found = shapeOf(v, shape.length);
  const bad = (f: string): AnsatzError =>
    AnsatzError.expected(
      "bad-file",
      where,
      `a ${shape.length}-d number array of shape ${formatShape(shape)}`,
      f,
    );
  if (found === null)
    throw bad(
      Array.isArray(v) ? "an array of another depth" : v === undefined ? "nothing (missing)" : typeof v,
    );
  if (found.some((s, i) => s !== shape[i])) throw bad(`shape ${formatShape(found)}`);
  const data = new Float64Array(found.reduce((a, s) => a * s, 1));
  let k = 0;
  const walk = (node: unknown, dim: number, path: string): void => {
    if (dim === shape.length) {
      if (typeof node !== "number" || !Number.isFinite(node)) {
        throw AnsatzError.expected(
          "bad-file",
          `${where}${path}`,
          "a finite number",
          JSON.stringify(node) ?? "nothing",
        );
      }
      data[k++] = node;
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[dim]) {
      throw AnsatzError.expected(
        "bad-file",
        `${where}${path}`,
        `an array of length ${shape[dim]}`,
        Array.isArray(node) ? `length ${node.length}` : typeof node,
      );
    }
    for (let i = 0; i < node.length; i++) walk(node[i], dim + 1, `${path}[${i}]`);
  };
  walk(v, 0, "");
  return new Tensor(data, shape.slice());
}

/** Rebuilds a model and its parameters from vaeToJson's output; errors name `where` and the field. */
export function vaeFromJson(json: unknown, where: string): { vae: Vae; params: VaeParams } {
  if (!isRecord(json))
    throw AnsatzError.expected(
      "bad-file",
      where,
      "a JSON object",
      Array.isArray(json) ? "an array" : typeof json,
    );
  if (json.format !== VAE_FORMAT) {
    throw AnsatzError.expected(
      "bad-file",
      `${where}: format`,
      `"${VAE_FORMAT}"`,
      JSON.stringify(json.format) ?? "nothing",
    );
  }
  if (json.version !== VAE_VERSION) {
    throw AnsatzError.expected(
      "bad-file",
      `${where}: version`,
      String(VAE_VERSION),
      JSON.stringify(json.version) ?? "nothing",
    );
  }
  if (!isRecord(json.config)) {
    throw AnsatzError.expected(
      "bad-file",
      `${where}: config`,
      "an object",
      json.config === undefined ? "nothing (missing)" : typeof json.config,
    );
  }
  const config = resolveVaeConfig(json.config as unknown as VaeConfig, `${where}: config`, "bad-file");
  const vae = new Vae(config, new Rng(0)); // the initial draw only fixes the shapes
  const p = json.params;
  if (!isRecord(p)) {
    throw AnsatzError.expected(
      "bad-file",
      `${where}: params`,
      "an object",
      p === undefined ? "nothing (missing)" : typeof p,
    );
  }
  const allowed = Object.keys(vae.params);
  for (const key of Object.keys(p)) {
    if (!allowed.includes(key)) {
      throw AnsatzError.expected(
        "bad-file",
        `${where}: params.${key}`,
        `only ${allowed.join(", ")}`,
        `an extra field "${key}"`,
      );
    }
  }
  const tensors: Tensor[] = [];
  for (const { path, tensor } of flattenTree(vae.params)) {
    let node: unknown = p;
    let walked = "params";
    for (const key of path.split(".")) {
      walked += `.${key}`;
      const next = isRecord(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
      if (next === undefined) {
        throw AnsatzError.expected("bad-file", `${where}: ${walked}`, "a field", "nothing (missing)");
      }
      node = next;
    }
    tensors.push(readLeaf(node, tensor.shape, `${where}: params.${path}`));
  }
  const params = unflattenTree(vae.params, tensors);
  return { vae, params };
}

/** Writes vaeToJson's document to `path` atomically (temporary file, then rename). */
export function saveVae(path: string, vae: Vae, params: VaeParams, extra?: Record<string, unknown>): void {
  writeFileAtomic(path, `${JSON.stringify(vaeToJson(vae, params, extra))}\n`);
}

/** Reads and validates a file written by saveVae; `extra` is returned as stored (undefined if absent). */
export function loadVae(path: string): { vae: Vae; params: VaeParams; extra?: Record<string, unknown> } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw AnsatzError.expected("bad-file", path, "a readable VAE file", (e as Error).message);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw AnsatzError.expected("bad-file", path, "valid JSON", (e as Error).message);
  }
  const { vae, params } = vaeFromJson(json, path);
  const extra = (json as Record<string, unknown>).extra;
  if (extra !== undefined && !isRecord(extra)) {
    throw AnsatzError.expected("bad-file", `${path}: extra`, "an object", typeof extra);
  }
  return extra === undefined ? { vae, params } : { vae, params, extra };
}
