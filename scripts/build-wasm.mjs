// Builds the WASM-SIMD matmul kernels from source: assembles src/engine/kernels/matmul.wat with
// wabt (the JS build of the WebAssembly Binary Toolkit, SIMD feature on) into build/matmul.wasm.
// Run by `npm ci` as the postinstall script, and by the kernel tests when the file is missing.
// It prints one line. If wabt is not installed it says so and exits 0 (the engine then uses its JS
// kernels and `ansatz info` reports it); a .wat that does not assemble is a source bug: exit 1.
// The output is written to a temporary name and renamed, so a reader never sees half a file.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "src", "engine", "kernels", "matmul.wat");
const target = join(root, "build", "matmul.wasm");
const rel = (p) => relative(root, p);

let wabtInit;
try {
  wabtInit = (await import("wabt")).default;
} catch {
  console.log(`build-wasm: wabt is not installed; skipped ${rel(target)} (the engine will use JS kernels)`);
  process.exit(0);
}

try {
  const wabt = await wabtInit();
  const mod = wabt.parseWat(rel(source), readFileSync(source, "utf8"), { simd: true });
  let buffer;
  try {
    mod.resolveNames();
    mod.validate();
    buffer = mod.toBinary({ log: false, write_debug_names: false }).buffer;
  } finally {
    mod.destroy();
  }
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  writeFileSync(tmp, buffer);
  renameSync(tmp, target);
  console.log(`build-wasm: ${rel(source)} -> ${rel(target)} (${buffer.length} bytes)`);
} catch (e) {
  const msg = String(e instanceof Error ? e.message : e)
    .split("\n")
    .filter((l) => l.trim() !== "")
    .slice(0, 3)
    .join(" | ");
  console.log(`build-wasm: failed to assemble ${rel(source)}: ${msg}`);
  process.exit(1);
}
