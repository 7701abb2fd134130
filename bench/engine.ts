// The engine benchmark (`npm run bench -- engine`): keeps the table of DESIGN.md's "Engine" section
// current. Each figure is our engine beside the same work done by numpy — and by PyTorch where
// `import torch` works — in the same run (bench/engine_numpy.py), reported as a time ratio
// ours/reference (lower is better; 2.0× = twice as slow). Cases:
//   matmul n×n (n = 256, 1024), float64 and float32, for every available kernel (js-tiled, wasm-simd)
//   one tiny op: mul of one-element float64 tensors, eager, and taped (a chain of 100 inside
//     valueAndGrad, forward + backward, per op; numpy: the same chain with its hand-written backward)
//   one Adam step of a ReLU MLP 64→256→256→64 at batch 256 with MSE loss (float64)
//   a GRU cell (input 64, hidden 64, batch 32) unrolled 100 steps, forward + backward (float64)
// Timing: warm-up runs, then the median of several repetitions. The references run with BLAS pinned
// to one thread (our kernels are single-threaded) unless `refThreads` says otherwise.
import { execFileSync } from "node:child_process";
import { arch, cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { Rng } from "../src/core/random.ts";
import {
  adam,
  GRUCell,
  MLP,
  type MLPParams,
  mse,
  mul,
  randn,
  type Tensor,
  tensor,
  valueAndGrad,
} from "../src/engine/index.ts";
import { getMatmulKernel, kernelInfo, listMatmulKernels } from "../src/engine/kernels/index.ts";
import type { GRUParams } from "../src/engine/layers/gru-cell.ts";

export interface EngineBenchOptions {
  /** Fewer repetitions and only the 256² matmul (a smoke run, a few seconds). */
  quick?: boolean;
  /** Threads for the numpy/PyTorch references (default 1). */
  refThreads?: number;
  /** Called with a short status line before each case (progress on stderr). */
  onProgress?: (line: string) => void;
}

export interface EngineBenchRow {
  id: string;
  label: string;
  /** Milliseconds (µs for the tiny-op rows, see `unit`). */
  unit: "ms" | "µs";
  ours: number;
  numpy: number | null;
  torch: number | null;
  /** ours / numpy and ours / torch (time ratios). */
  vsNumpy: number | null;
  vsTorch: number | null;
  /** For matmul rows: throughput in GFLOP/s (2n³ / time). */
  gflops?: { ours: number; numpy: number | null; torch: number | null };
}

export interface EngineBenchResult {
  suite: "engine";
  meta: {
    node: string;
    arch: string;
    cpu: string;
    kernels: { float64: string; float32: string };
    wasmSimd: boolean;
    wasmLoaded: boolean;
    numpy: string | null;
    torch: string | null;
    refThreads: number;
    reps: number;
    seconds: number;
  };
  rows: EngineBenchRow[];
  /** Why the numpy reference could not run (python3 or numpy missing), if it could not. */
  referenceError?: string;
  /** Why PyTorch, though importable, failed to run its part. */
  torchError?: string;
}

/** Median of `reps` timings (ms per call of `fn`, `inner` calls per timing) after `warmup` calls. */
export function medianMs(fn: () => unknown, reps: number, warmup = 2, inner = 1): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    for (let i = 0; i < inner; i++) fn();
    times.push((performance.now() - t0) / inner);
  }
  times.sort((a, b) => a - b);
  const h = times.length >> 1;
  return times.length % 2 ? times[h]! : (times[h - 1]! + times[h]!) / 2;
}

type RefTimes = Record<string, number>;

/** Whether `python` can import every module in `mods`. */
function canImport(python: string, mods: string): boolean {
  try {
    execFileSync(python, ["-c", `import ${mods}`], { stdio: "ignore", timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * The Python that runs the reference: $ANSATZ_PYTHON if set, else the first of `python3` and Debian's
 * `/usr/bin/python3` that has both numpy and torch (Debian's python3-torch installs for the latter),
 * else the first with numpy, else `python3` (whose failure is then reported).
 */
export function referencePython(): string {
  if (process.env.ANSATZ_PYTHON) return process.env.ANSATZ_PYTHON;
  const candidates = ["python3", "/usr/bin/python3"];
  return (
    candidates.find((p) => canImport(p, "numpy, torch")) ??
    candidates.find((p) => canImport(p, "numpy")) ??
    "python3"
  );
}

/** Runs bench/engine_numpy.py; returns its JSON, or null (with the reason) if python/numpy fails. */
function runReference(
  reps: number,
  sizes: number[],
  threads: number,
): { numpy: RefTimes | null; torch: RefTimes | null; why: string; torchError?: string } {
  const script = fileURLToPath(new URL("./engine_numpy.py", import.meta.url));
  const t = String(threads);
  try {
    const out = execFileSync(
      referencePython(),
      [script, "--reps", String(reps), "--sizes", sizes.join(",")],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        env: {
          ...process.env,
          OPENBLAS_NUM_THREADS: t,
          OMP_NUM_THREADS: t,
          MKL_NUM_THREADS: t,
          VECLIB_MAXIMUM_THREADS: t,
        },
        timeout: 120_000,
      },
    );
    const j = JSON.parse(out.trim().split("\n").pop()!);
    return { numpy: j.numpy, torch: j.torch, why: "", torchError: j.torch_error };
  } catch (e) {
    const msg = e instanceof Error ? e.message.split("\n")[0]! : String(e);
    return { numpy: null, torch: null, why: msg };
  }
}

function ratio(ours: number, ref: number | null | undefined): number | null {
  return ref === null || ref === undefined || !(ref > 0) ? null : ours / ref;
}

function randomArray(rng: Rng, n: number, f32: boolean): Float64Array | Float32Array {
  const a = rng.fillNormal(new Float64Array(n), 0, 1);
  return f32 ? Float32Array.from(a) : a;
}

/** Runs the engine suite; see the header for the cases. */
export function runEngineBench(options: EngineBenchOptions = {}): EngineBenchResult {
  const t0 = performance.now();
  const quick = options.quick ?? false;
  const reps = quick ? 3 : 7;
  const refThreads = options.refThreads ?? 1;
  const sizes = quick ? [256] : [256, 1024];
  const progress = options.onProgress ?? (() => {});
  const rng = new Rng(2024);
  // Selecting the kernels first makes `kernelInfo` and every op below use the same choice.
  const info = kernelInfo();

  progress("numpy / PyTorch reference");
  const ref = runReference(reps, sizes, refThreads);
  const np = (key: string) => ref.numpy?.[key] ?? null;
  const th = (key: string) => ref.torch?.[key] ?? null;
  const rows: EngineBenchRow[] = [];
  const push = (id: string, label: string, unit: "ms" | "µs", ours: number, flops?: number) => {
    const numpy = np(id);
    const torch = th(id);
    const row: EngineBenchRow = {
      id,
      label,
      unit,
      ours,
      numpy,
      torch,
      vsNumpy: ratio(ours, numpy),
      vsTorch: ratio(ours, torch),
    };
    if (flops !== undefined) {
      const g = (ms: number | null) => (ms === null ? null : flops / (ms * 1e6));
      row.gflops = { ours: g(ours)!, numpy: g(numpy), torch: g(torch) };
    }
    rows.push(row);
  };

  // ---- matmul, per kernel
  for (const n of sizes) {
    for (const dtype of ["float64", "float32"] as const) {
      const f32 = dtype === "float32";
      const a = randomArray(rng, n * n, f32);
      const b = randomArray(rng, n * n, f32);
      const c = f32 ? new Float32Array(n * n) : new Float64Array(n * n);
      const flops = 2 * n * n * n;
      const r = Math.max(3, Math.min(reps, Math.floor(4e9 / flops)));
      for (const k of listMatmulKernels(dtype)) {
        progress(`matmul ${n}² ${k.name}`);
        const ms = medianMs(() => k.matmul(a, b, c, n, n, n, false, false), r, 1);
        push(`matmul_${f32 ? "f32" : "f64"}_${n}`, `matmul ${n}² ${dtype} ${k.name}`, "ms", ms, flops);
      }
    }
  }

  // ---- tiny op, eager and taped
  progress("tiny op");
  const ta = tensor([1.0000001]);
  const tb = tensor([0.9999999]);
  const eagerUs = medianMs(() => mul(ta, tb), reps, 2000, 10000) * 1000;
  push("tiny_op_us", "tiny op: mul of [1] tensors, eager", "µs", eagerUs);
  const chain = valueAndGrad((p: { a: Tensor }) => {
    let x = p.a;
    for (let i = 0; i < 100; i++) x = mul(x, tb);
    return x;
  });
  const chainParams = { a: ta };
  const tapedUs = (medianMs(() => chain(chainParams), reps, 50, 20) * 1000) / 100;
  push("tiny_op_taped_us", "tiny op: taped, fwd+bwd, per op", "µs", tapedUs);

  // ---- MLP Adam step
  progress("MLP step");
  const mlp = new MLP([64, 256, 256, 64], { activation: "relu", rng });
  const params: MLPParams = mlp.params;
  const x = randn([256, 64], rng);
  const y = randn([256, 64], rng);
  const opt = adam({ lr: 1e-3 });
  const lossGrad = valueAndGrad((p: MLPParams) => mse(mlp.apply(p, x), y));
  const mlpMs = medianMs(
    () => {
      const { grads } = lossGrad(params);
      opt.step(params, grads);
    },
    quick ? 5 : 15,
    3,
  );
  push("mlp_step_ms", "MLP 64→256→256→64 b256 Adam step", "ms", mlpMs);

  // ---- GRU unrolled 100 steps, forward + backward
  progress("GRU fwd+bwd");
  const cell = new GRUCell(64, 64, { rng });
  const xs = Array.from({ length: 100 }, () => randn([32, 64], rng));
  const yT = randn([32, 64], rng);
  const gruGrad = valueAndGrad((p: GRUParams) => {
    let h = cell.initialState(32);
    for (const xt of xs) h = cell.apply(p, xt, h);
    return mse(h, yT);
  });
  const gruMs = medianMs(() => gruGrad(cell.params), quick ? 3 : reps, 2);
  push("gru_ms", "GRU h64 b32 ×100 steps fwd+bwd", "ms", gruMs);

  return {
    suite: "engine",
    meta: {
      node: process.version,
      arch: arch(),
      cpu: cpus()[0]?.model ?? "unknown",
      kernels: { float64: getMatmulKernel("float64").name, float32: getMatmulKernel("float32").name },
      wasmSimd: info.wasmSimd,
      wasmLoaded: info.wasmLoaded,
      numpy: ref.numpy ? String((ref.numpy as unknown as { version: string }).version) : null,
      torch: ref.torch ? String((ref.torch as unknown as { version: string }).version) : null,
      refThreads,
      reps,
      seconds: (performance.now() - t0) / 1000,
    },
    rows,
    ...(ref.why ? { referenceError: ref.why } : {}),
    ...(ref.torchError ? { torchError: ref.torchError } : {}),
  };
}

function fmtTime(v: number | null, unit: "ms" | "µs"): string {
  if (v === null) return "—";
  const digits = v >= 100 ? 0 : v >= 10 ? 1 : v >= 1 ? 2 : 3;
  return `${v.toFixed(digits)} ${unit}`;
}

function fmtRatio(r: number | null): string {
  if (r === null) return "—";
  return `${r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : r.toFixed(2)}×`;
}

/** The result as a readable table (what `npm run bench -- engine` prints). */
export function formatEngineBench(res: EngineBenchResult): string {
  const m = res.meta;
  const lines: string[] = [];
  lines.push(
    `engine benchmark — node ${m.node} ${m.arch}, ${m.cpu}; engine kernels: ${m.kernels.float64}, ${m.kernels.float32}`,
  );
  lines.push(
    `references: numpy ${m.numpy ?? "unavailable"}, PyTorch ${m.torch ?? (res.torchError ? "failed" : "not installed")}; ` +
      `reference threads ${m.refThreads}; median of ${m.reps} after warm-up; ratio = our time / theirs (lower is better)`,
  );
  const withTorch = res.rows.some((r) => r.torch !== null);
  const header = ["case", "ours", "numpy", "ours/numpy", ...(withTorch ? ["torch", "ours/torch"] : [])];
  const body = res.rows.map((r) => {
    const cell = (v: number | null, g: number | null | undefined) =>
      g === undefined || g === null ? fmtTime(v, r.unit) : `${fmtTime(v, r.unit)} (${g.toFixed(1)} GF/s)`;
    return [
      r.label,
      cell(r.ours, r.gflops?.ours),
      cell(r.numpy, r.gflops?.numpy),
      fmtRatio(r.vsNumpy),
      ...(withTorch ? [cell(r.torch, r.gflops?.torch), fmtRatio(r.vsTorch)] : []),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const fmtRow = (row: string[]) =>
    row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  lines.push("", fmtRow(header), widths.map((w) => "─".repeat(w)).join("  "));
  for (const row of body) lines.push(fmtRow(row));
  if (res.referenceError) lines.push("", `numpy reference failed: ${res.referenceError}`);
  if (res.torchError) lines.push("", `PyTorch failed (its columns are omitted): ${res.torchError}`);
  else if (!withTorch) {
    lines.push("", "PyTorch: not installed (python3 -c 'import torch' fails); its columns are omitted.");
  }
  lines.push(`took ${m.seconds.toFixed(1)} s`);
  return lines.join("\n");
}
