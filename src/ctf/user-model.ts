// A user's own forecast model from a file (issue 4: `ansatz ctf run --model ./my-model.ts`, or `.js`,
// `.mjs`): the file is imported dynamically (TypeScript runs through tsx, which the `ansatz` command
// registers) and its default export — or a named export `model` — must be a forecast model
// (forecast-model.ts). The full interface is {id, title, kind: "forecast", source, defaultConfig,
// parseConfig, predict, pairs?}; a minimal object {id, predict} is accepted and completed: title = id,
// source = the file, defaultConfig = {}, parseConfig = "a plain object, merged over defaultConfig".
// A file that does not export the interface is refused with an AnsatzError naming the file and what is
// missing. See examples/my-model.ts.
import { existsSync, statSync } from "node:fs";
import { extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { tsImport } from "tsx/esm/api";
import { AnsatzError } from "../core/errors.ts";
import type { ForecastModel } from "./dynamics/forecast-model.ts";
import { isPairId } from "./dynamics/pairs.ts";

/** Extensions a model file may have. */
export const MODEL_FILE_EXTENSIONS = [".ts", ".mts", ".js", ".mjs", ".cjs"] as const;

/** Model ids: a letter or digit, then letters, digits, `.`, `_`, `-` (they name result folders). */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** True when a `--model` argument names a file rather than a registered id. */
export function looksLikeModelFile(arg: string): boolean {
  return (
    arg.startsWith(".") ||
    arg.startsWith("/") ||
    arg.includes("/") ||
    arg.includes("\\") ||
    MODEL_FILE_EXTENSIONS.some((e) => arg.endsWith(e))
  );
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** The default parseConfig of a minimal model: a plain object (or nothing) merged over `defaults`. */
function mergeConfig(defaults: Record<string, unknown>, where: string) {
  return (raw: unknown): Record<string, unknown> => {
    if (raw === undefined || raw === null) return { ...defaults };
    if (!isPlainObject(raw)) {
      throw AnsatzError.expected("bad-config", `${where} config`, "an object of settings", typeof raw);
    }
    return { ...defaults, ...raw };
  };
}

/**
 * Checks that `value` (a module export) is a forecast model, completing a minimal `{id, predict}`; throws
 * an AnsatzError naming `where` and what is missing or wrong.
 */
export function validateUserModel(value: unknown, where: string): ForecastModel<unknown> {
  const fail = (expected: string, found: string) => AnsatzError.expected("bad-file", where, expected, found);
  if (!isPlainObject(value)) {
    throw fail(
      'a default export (or an export named "model") that is a forecast model object {id, predict, …}',
      value === undefined ? "no such export" : `${typeof value}`,
    );
  }
  const missing: string[] = [];
  if (typeof value.id !== "string") missing.push("id (a string)");
  if (typeof value.predict !== "function") missing.push("predict(task, config) (a function)");
  if (missing.length) {
    throw fail(
      "a forecast model with id and predict (see examples/my-model.ts)",
      `an object without ${missing.join(" and ")}; it has ${Object.keys(value).join(", ") || "no fields"}`,
    );
  }
  const id = value.id as string;
  if (!ID_PATTERN.test(id)) {
    throw fail(
      "an id of letters, digits, '.', '_' or '-' (at most 64, starting with a letter or digit)",
      JSON.stringify(id),
    );
  }
  if (value.kind !== undefined && value.kind !== "forecast") {
    throw fail('kind "forecast" (or no kind)', `kind ${JSON.stringify(value.kind)}`);
  }
  if (value.parseConfig !== undefined && typeof value.parseConfig !== "function") {
    throw fail("parseConfig to be a function (raw) => config", typeof value.parseConfig);
  }
  if (value.defaultConfig !== undefined && !isPlainObject(value.defaultConfig)) {
    throw fail(
      "defaultConfig to be an object",
      Array.isArray(value.defaultConfig) ? "an array" : typeof value.defaultConfig,
    );
  }
  if (value.title !== undefined && typeof value.title !== "string") {
    throw fail("title to be a string", typeof value.title);
  }
  if (value.pairs !== undefined) {
    if (!Array.isArray(value.pairs) || value.pairs.length === 0 || !value.pairs.every(isPairId)) {
      throw fail("pairs to be a non-empty list of pair ids 1–9", JSON.stringify(value.pairs));
    }
  }
  const defaultConfig = (value.defaultConfig as Record<string, unknown> | undefined) ?? {};
  const parseConfig =
    (value.parseConfig as ((raw: unknown) => unknown) | undefined)?.bind(value) ??
    mergeConfig(defaultConfig, where);
  const model: ForecastModel<unknown> = {
    id,
    title: (value.title as string | undefined) ?? id,
    kind: "forecast",
    source: typeof value.source === "string" ? value.source : `file:${where}`,
    defaultConfig,
    parseConfig,
    predict: (value.predict as ForecastModel["predict"]).bind(value),
    ...(value.pairs ? { pairs: value.pairs as ForecastModel["pairs"] } : {}),
  };
  return model;
}

/** Imports a model file (`.ts`, `.mts`, `.js`, `.mjs`, `.cjs`) and validates its export (see header). */
export async function loadUserModel(path: string): Promise<ForecastModel<unknown>> {
  const abs = resolve(path);
  if (!existsSync(abs) || !statSync(abs).isFile()) {
    throw AnsatzError.expected("bad-file", abs, "a model file (.ts or .js)", "no such file");
  }
  const ext = extname(abs);
  if (!(MODEL_FILE_EXTENSIONS as readonly string[]).includes(ext)) {
    throw AnsatzError.expected(
      "bad-file",
      abs,
      `a model file with extension ${MODEL_FILE_EXTENSIONS.join(", ")}`,
      ext ? `extension ${ext}` : "no extension",
    );
  }
  let mod: Record<string, unknown>;
  try {
    // TypeScript through tsx's tsImport: it loads the file as ESM wherever it lives (a plain import of a .ts
    // outside a "type": "module" package is compiled to CommonJS and fails on its exports).
    mod = (
      ext === ".ts" || ext === ".mts"
        ? await tsImport(abs, import.meta.url)
        : await import(pathToFileURL(abs).href)
    ) as Record<string, unknown>;
  } catch (e) {
    const msg = e instanceof Error ? e.message.split("\n")[0]! : String(e);
    const hint =
      ext === ".ts" || ext === ".mts"
        ? " (TypeScript files need the tsx loader: use the ansatz command)"
        : "";
    throw AnsatzError.expected("bad-file", abs, `an importable module${hint}`, `an import error: ${msg}`);
  }
  // The default export when it is a model; else a named `model` export (also inside a CommonJS module's
  // exports, which arrive as `default`); else the default, to report what it lacks.
  const modelish = (v: unknown) => isPlainObject(v) && typeof v.predict === "function";
  // tsImport of a .ts compiled as CommonJS wraps the module once more: { default: { default, model } }
  while (
    isPlainObject(mod.default) &&
    !modelish(mod.default) &&
    ("default" in mod.default || "model" in mod.default)
  ) {
    if (mod.model !== undefined) break;
    mod = mod.default as Record<string, unknown>;
    if (modelish(mod.default) || mod.model !== undefined) break;
  }
  const def = mod.default;
  let value: unknown = def;
  if (!modelish(def)) {
    if (mod.model !== undefined) value = mod.model;
    else if (isPlainObject(def) && def.model !== undefined) value = def.model;
  }
  return validateUserModel(value, abs);
}
