// The CTF data set configuration file `data/<ds>/<ds>.yaml` (spec ctf.md §1.8 "Dataset YAML schema",
// §1.5; the reference files are ctf4science `data/<name>/<name>.yaml`, see specs/ctf-reference/):
// type, evaluation_params, pairs, metadata (delta_t, spatial_dimension, matrix_shapes,
// matrix_start_index), evaluations, visualizations. Read with the `yaml` package (YAML 1.2 core
// schema, duplicate keys refused) and validated with zod; every error names the file, the field path
// (`pairs[7].initialization`), its line where known, what was expected and what was found.
// Older files name the evaluation window `k`; later ones (reference PR #11) `k_short` and `k_long`.
// Both are read; `k` fills whichever of `k_short`/`k_long` is absent, and files are written with
// `k_short`/`k_long`. Keys this schema does not know are kept (top level, pairs, metadata,
// evaluations) so a file round-trips.
import { isScalar, LineCounter, parseDocument, visit, Document as YamlDocument } from "yaml";
import { z } from "zod";
import { AnsatzError } from "../../core/errors.ts";
import { writeFileAtomic } from "./atomic-write.ts";
import { readFileBytes } from "./read-file.ts";

/** The metrics a pair can ask for (spec §1.2, §2). */
export const METRIC_NAMES = ["short_time", "long_time", "reconstruction"] as const;
export type MetricName = (typeof METRIC_NAMES)[number];
/** Long-time evaluations (§2.3 histogram, §2.4 spectral). */
export const LONG_TIME_EVALUATIONS = ["histogram_L2_error", "spectral_L2_error"] as const;
export type LongTimeEvaluation = (typeof LONG_TIME_EVALUATIONS)[number];
export const DATASET_TYPES = ["dynamical", "spatio-temporal"] as const;
export type DatasetType = (typeof DATASET_TYPES)[number];

const posInt = z.number().int().positive();
const nonNegInt = z.number().int().nonnegative();
/** A matrix file name inside train/ or test/: no directory part. */
const fileName = z
  .string()
  .min(1)
  .regex(/^(?!\.\.?$)[^/\\]+$/, { error: "a file name without a directory part" });

const evaluationParams = z
  .looseObject({
    k: posInt.optional(),
    k_short: posInt.optional(),
    k_long: posInt.optional(),
    modes: posInt,
    bins: posInt.optional(),
  })
  .superRefine((p, ctx) => {
    for (const key of ["k_short", "k_long"] as const) {
      if (p[key] === undefined && p.k === undefined) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `a positive integer (or 'k' for both k_short and k_long)`,
        });
      }
    }
  })
  .transform(({ k, k_short, k_long, ...rest }) => ({
    ...rest,
    k_short: (k_short ?? k) as number,
    k_long: (k_long ?? k) as number,
  }));

const pair = z.looseObject({
  id: posInt,
  train: z.array(fileName).min(1),
  test: fileName,
  initialization: fileName.optional(),
  metrics: z.array(z.enum(METRIC_NAMES)).min(1),
});

const metadata = z.looseObject({
  delta_t: z.number().positive().refine(Number.isFinite, { error: "a finite number > 0" }),
  spatial_dimension: posInt,
  matrix_shapes: z.record(z.string(), z.tuple([nonNegInt, posInt])),
  matrix_start_index: z.record(z.string(), nonNegInt),
});

const datasetSchema = z
  .looseObject({
    type: z.enum(DATASET_TYPES),
    evaluation_params: evaluationParams,
    pairs: z.array(pair).min(1),
    metadata,
    evaluations: z.looseObject({ long_time: z.enum(LONG_TIME_EVALUATIONS).optional() }),
    visualizations: z.array(z.string()).default([]),
  })
  .superRefine((cfg, ctx) => {
    const seen = new Map<number, number>();
    cfg.pairs.forEach((p, i) => {
      const prev = seen.get(p.id);
      if (prev !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["pairs", i, "id"],
          message: `a pair id not used before (pairs[${prev}] has id ${p.id})`,
        });
      }
      seen.set(p.id, i);
      const files: [string, string | number][] = p.train.map((f, j) => [f, j] as [string, number]);
      files.push([p.test, "test"]);
      if (p.initialization !== undefined) files.push([p.initialization, "initialization"]);
      for (const [f, at] of files) {
        const path = typeof at === "number" ? ["pairs", i, "train", at] : ["pairs", i, at];
        for (const table of ["matrix_shapes", "matrix_start_index"] as const) {
          if (!(f in cfg.metadata[table])) {
            ctx.addIssue({
              code: "custom",
              path,
              message: `a file listed in metadata.${table} ('${f}' is not)`,
            });
          }
        }
      }
    });
    const longTime = cfg.pairs.some((p) => p.metrics.includes("long_time"));
    if (longTime && cfg.evaluations.long_time === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["evaluations", "long_time"],
        message: `one of ${LONG_TIME_EVALUATIONS.join(", ")} (a pair asks for long_time)`,
      });
    }
    if (
      longTime &&
      cfg.evaluations.long_time === "histogram_L2_error" &&
      cfg.evaluation_params.bins === undefined
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["evaluation_params", "bins"],
        message: "a positive integer (the histogram long-time score needs a bin count)",
      });
    }
  });

/** A validated data set configuration, with `k` normalised into `k_short` and `k_long`. */
export type DatasetConfig = z.output<typeof datasetSchema>;
export type DatasetPair = DatasetConfig["pairs"][number];
export type DatasetMetadata = DatasetConfig["metadata"];
export type EvaluationParams = DatasetConfig["evaluation_params"];

// ---------------------------------------------------------------------------------------------
// Error messages in the house style.

type Path = readonly PropertyKey[];

function formatPath(path: Path): string {
  let s = "";
  for (const k of path) {
    if (typeof k === "number") s += `[${k}]`;
    else if (typeof k === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) s += s === "" ? k : `.${k}`;
    else s += `['${String(k)}']`;
  }
  return s === "" ? "(top level)" : s;
}

function valueAt(root: unknown, path: Path): { found: boolean; value: unknown } {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== "object" || !(k in (v as object)))
      return { found: false, value: undefined };
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return { found: true, value: v };
}

function describe(at: { found: boolean; value: unknown }): string {
  if (!at.found || at.value === undefined) return "nothing (the field is missing)";
  const v = at.value;
  if (v === null) return "null (an empty value)";
  let s: string;
  try {
    s = typeof v === "string" ? `'${v}'` : JSON.stringify(v);
  } catch {
    s = String(v);
  }
  if (s.length > 60) s = `${s.slice(0, 57)}…`;
  const kind = Array.isArray(v) ? "a list" : typeof v === "object" ? "a mapping" : `a ${typeof v}`;
  return `${kind} ${s}`;
}

const TYPE_WORDS: Record<string, string> = {
  int: "an integer",
  number: "a number",
  string: "a string",
  array: "a list",
  tuple: "a list",
  object: "a mapping",
  boolean: "true or false",
};

function expectedOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return TYPE_WORDS[issue.expected] ?? issue.expected;
    case "invalid_value":
      return `one of ${issue.values.map((v) => String(v)).join(", ")}`;
    case "too_small":
      if (issue.origin === "array")
        return `at least ${issue.minimum} item${Number(issue.minimum) === 1 ? "" : "s"}`;
      if (issue.origin === "string") return "a non-empty string";
      return `a number ${issue.inclusive ? ">=" : ">"} ${issue.minimum}`;
    case "too_big":
      if (issue.origin === "array") return `at most ${issue.maximum} items`;
      return `a number ${issue.inclusive ? "<=" : "<"} ${issue.maximum}`;
    case "invalid_format":
    case "custom":
      return issue.message;
    default:
      return issue.message;
  }
}

/** A lookup from a field path to its 1-based line in the YAML text, where the text is known. */
type LineOf = (path: Path) => number | undefined;

function issuesToError(
  issues: readonly z.core.$ZodIssue[],
  raw: unknown,
  where: string,
  lineOf?: LineOf,
): AnsatzError {
  const parts = issues.map((issue) => {
    let path: Path = issue.path;
    let at = valueAt(raw, path);
    // for a wrongly sized list, report the list itself rather than a missing element
    if (issue.code === "too_small" && !at.found && path.length > 0) {
      path = path.slice(0, -1);
      at = valueAt(raw, path);
    }
    let field = formatPath(path);
    if (path[0] === "pairs" && typeof path[1] === "number") {
      const id = valueAt(raw, ["pairs", path[1], "id"]);
      if (id.found && typeof id.value === "number") field += ` (pair id ${id.value})`;
    }
    const line = lineOf?.(path);
    const loc = line !== undefined ? ` (line ${line})` : "";
    return { field: `${field}${loc}`, expected: expectedOf(issue), found: describe(at) };
  });
  const first = parts[0]!;
  const lines = parts.map((p) => `${where}: ${p.field}: expected ${p.expected}, found ${p.found}`);
  return new AnsatzError("bad-config", lines.join("\n"), {
    where: `${where}: ${first.field}`,
    expected: first.expected,
    found: first.found,
  });
}

// ---------------------------------------------------------------------------------------------

/**
 * Validates a parsed data set configuration (from YAML or built in code); `where` names the source
 * in errors. Returns the normalised configuration (`k` → `k_short`, `k_long`; visualizations default []).
 */
export function validateDatasetConfig(raw: unknown, where: string, lineOf?: LineOf): DatasetConfig {
  const r = datasetSchema.safeParse(raw);
  if (!r.success) throw issuesToError(r.error.issues, raw, where, lineOf);
  return r.data;
}

/** Parses and validates data set YAML text; `where` (the file name) is named in every error. */
export function parseDatasetYaml(text: string, where: string): DatasetConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: true, lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0] ?? (e.pos ? lineCounter.linePos(e.pos[0]) : undefined);
    const loc = pos ? `line ${pos.line}, column ${pos.col}` : "(unknown position)";
    const msg = e.message.split("\n")[0]!;
    throw AnsatzError.expected("bad-config", `${where}: ${loc}`, "valid YAML", msg);
  }
  const raw: unknown = doc.toJS();
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw AnsatzError.expected(
      "bad-config",
      where,
      "a YAML mapping with type, evaluation_params, pairs, metadata",
      describe({ found: true, value: raw }),
    );
  }
  const lineOf: LineOf = (path) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true) as
        | { range?: [number, number, number] }
        | undefined;
      if (node && typeof node === "object" && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return validateDatasetConfig(raw, where, lineOf);
}

/** Reads and validates a data set YAML file. */
export function readDatasetYaml(path: string): DatasetConfig {
  const bytes = readFileBytes(path);
  return parseDatasetYaml(
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"),
    path,
  );
}

/**
 * The YAML text of a configuration (validated first): keys in the order of §1.8, `k_short`/`k_long`,
 * short lists of scalars (train, metrics, shapes, visualizations) written inline as `[a, b]`.
 */
export function formatDatasetYaml(config: DatasetConfig | Record<string, unknown>): string {
  const cfg = validateDatasetConfig(config, "data set configuration");
  const { type, evaluation_params, pairs, metadata: meta, evaluations, visualizations, ...extra } = cfg;
  const { k_short, k_long, modes, bins, ...paramsExtra } = evaluation_params;
  const ordered = {
    type,
    evaluation_params: { k_short, k_long, modes, ...(bins !== undefined ? { bins } : {}), ...paramsExtra },
    pairs: pairs.map(({ id, train, test, initialization, metrics, ...rest }) => ({
      id,
      train,
      test,
      ...(initialization !== undefined ? { initialization } : {}),
      metrics,
      ...rest,
    })),
    metadata: meta,
    evaluations,
    visualizations,
    ...extra,
  };
  const doc = new YamlDocument(ordered);
  visit(doc, {
    Seq(_key, node) {
      if (node.items.every((it) => isScalar(it))) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** Validates and writes a data set YAML file, atomically. */
export function writeDatasetYaml(path: string, config: DatasetConfig | Record<string, unknown>): void {
  writeFileAtomic(path, formatDatasetYaml(config));
}
