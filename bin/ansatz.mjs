#!/usr/bin/env node
// The `ansatz` command: registers the TypeScript loader (tsx) and runs the CLI from source.
import { register } from "tsx/esm/api";

// A closed pipe (`ansatz … | head`) ends the output quietly, as in any Unix tool.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});
register();
const { run } = await import("../src/cli/main.ts");
process.exitCode = await run(process.argv.slice(2));
