#!/usr/bin/env node
// The `ansatz` command: registers the TypeScript loader (tsx) and runs the CLI from source.
import { register } from "tsx/esm/api";

register();
const { run } = await import("../src/cli/main.ts");
process.exitCode = await run(process.argv.slice(2));
