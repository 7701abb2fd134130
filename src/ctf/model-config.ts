// Config parsing shared by the CTF baselines (spec ctf.md §2.11; DESIGN.md "errors name the field"):
// a zod schema's first issue becomes a `bad-config` AnsatzError naming the model, the field, what was
// expected and what was found, plus the small field builders whose messages say what is expected.
// Two wordings exist: "colon" (`dmd config: rank: expected an integer >= 1, found 0`, the expectation
// taken from the field's own message) and "dotted" (`esn config.leak: expected a number <= 1, found 2`,
// the expectation derived from the zod issue code).
import { z } from "zod";
import { AnsatzError } from "../core/errors.ts";

/** Which wording the error uses (see the header). */
export type ConfigErrorStyle = "colon" | "dotted";

const TYPE_WORDS: Record<string, string> = { int: "an integer", number: "a number", object: "a mapping" };

/** The value found: strings in double quotes (colon) or single quotes (dotted), long ones cut. */
function describeValue(v: unknown, style: ConfigErrorStyle): string {
  if (v === undefined) return "nothing";
  let s: string | undefined;
  try {
    s = typeof v === "string" && style === "dotted" ? `'${v}'` : JSON.stringify(v);
  } catch {
    s = undefined;
  }
  if (s === undefined) s = String(v);
  return s.length > 60 ? `${s.slice(0, 57)}${style === "colon" ? "..." : "…"}` : s;
}

function valueAtPath(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/**
 * Parses a model config (undefined/null: `{}`) with a zod schema; the first problem becomes a
 * `bad-config` AnsatzError naming `<model> config`, the field, the expectation and the value found.
 */
export function parseModelConfig<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  modelId: string,
  style: ConfigErrorStyle = "colon",
): z.output<S> {
  const input = raw === undefined || raw === null ? {} : raw;
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const sep = style === "colon" ? ": " : ".";
  if (issue.code === "unrecognized_keys") {
    const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
    const keys = shape ? Object.keys(shape) : [];
    const where = `${modelId} config${sep}${issue.keys.join(", ")}`;
    if (style === "dotted") {
      const s = issue.keys.length > 1 ? "s" : "";
      throw AnsatzError.expected(
        "bad-config",
        where,
        `only the fields ${keys.join(", ")}`,
        `unknown field${s} ${issue.keys.join(", ")}`,
      );
    }
    const expected = keys.length
      ? `one of the fields ${keys.join(", ")}`
      : "no fields (the model takes no options)";
    throw AnsatzError.expected("bad-config", where, expected, "an unknown field");
  }
  const field = issue.path.map(String).join(".");
  const where =
    field !== ""
      ? `${modelId} config${sep}${field}`
      : style === "colon"
        ? `${modelId} config: (config)`
        : `${modelId} config`;
  let expected: string;
  if (issue.path.length === 0 && issue.code === "invalid_type") expected = "a mapping";
  else if (style === "colon") expected = issue.message;
  else if (issue.code === "invalid_type") expected = TYPE_WORDS[issue.expected] ?? `a ${issue.expected}`;
  else if (issue.code === "too_small")
    expected = `a number ${issue.inclusive ? ">=" : ">"} ${String(issue.minimum)}`;
  else if (issue.code === "too_big")
    expected = `a number ${issue.inclusive ? "<=" : "<"} ${String(issue.maximum)}`;
  else expected = issue.message;
  const found = describeValue(valueAtPath(input, issue.path), style);
  throw AnsatzError.expected("bad-config", where, expected, found);
}

/** A zod integer field in [min, max] whose error says so (`an integer >= 1`). */
export function intField(min: number, max = Number.POSITIVE_INFINITY) {
  const msg = max === Number.POSITIVE_INFINITY ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`;
  return z.number({ error: msg }).int({ error: msg }).min(min, { error: msg }).max(max, { error: msg });
}

/** A zod number field in the open or closed interval given, whose error says so. */
export function numberField(min: number, max: number, opts: { minOpen?: boolean; maxOpen?: boolean } = {}) {
  const msg = `a number in ${opts.minOpen ? "(" : "["}${min}, ${max}${opts.maxOpen ? ")" : "]"}`;
  let s = z.number({ error: msg }).refine(Number.isFinite, { error: msg });
  s = s.refine((v) => (opts.minOpen ? v > min : v >= min), { error: msg });
  return s.refine((v) => (opts.maxOpen ? v < max : v <= max), { error: msg });
}

/** A zod boolean field whose error says `true or false`. */
export function boolField() {
  return z.boolean({ error: "true or false" });
}
