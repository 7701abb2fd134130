// `ansatz info`: versions, tensor backend (matmul kernels), SIMD support and threads.
import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { kernelInfo } from "../../engine/kernels/index.ts";
import { printJson } from "../output.ts";
import { packageVersion } from "../version.ts";

/** Gathers what `ansatz info` prints. */
export function collectInfo(): Record<string, unknown> {
  return {
    ansatz: packageVersion(),
    node: process.versions.node,
    v8: process.versions.v8,
    platform: `${process.platform}-${process.arch}`,
    cpus: availableParallelism(),
    defaultDtype: "float64",
    engine: kernelInfo(),
  };
}

export function registerInfo(program: Command): void {
  program
    .command("info")
    .description("show versions, the tensor engine's kernels (JS / WASM-SIMD), SIMD support and threads")
    .option("--json", "print one JSON object")
    .action((opts: { json?: boolean }) => {
      const info = collectInfo();
      if (opts.json) return printJson(info);
      const engine = info.engine as Record<string, unknown>;
      const lines = [
        `ansatz ${info.ansatz}  (node ${info.node}, v8 ${info.v8}, ${info.platform}, ${info.cpus} CPUs)`,
        `default dtype: ${info.defaultDtype}`,
        ...Object.entries(engine).map(
          ([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`,
        ),
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}
