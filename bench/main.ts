// Benchmark entry point: `node --import tsx bench/main.ts <suite…> [--json] [--quick]` (wired to
// `npm run bench -- <suite>`). Each suite prints a table of our timings beside a reference measured
// in the same run (DESIGN.md, "Conventions": ratios, never bare absolute times); `--json` prints the
// result objects instead. Progress goes to stderr when it is a TTY.
import { pathToFileURL } from "node:url";
import { AnsatzError, isAnsatzError } from "../src/core/errors.ts";
import { formatEngineBench, runEngineBench } from "./engine.ts";

interface Suite {
  describe: string;
  run: (opts: { quick: boolean; refThreads: number; onProgress: (line: string) => void }) => unknown;
  format: (result: never) => string;
}

/** The registered suites, by name. */
export const SUITES: Record<string, Suite> = {
  engine: {
    describe:
      "matmul kernels (GFLOP/s), tiny op, MLP Adam step, GRU fwd+bwd — vs numpy (and PyTorch if installed)",
    run: (o) => runEngineBench(o),
    format: formatEngineBench as (r: never) => string,
  },
};

const HELP = `usage: node --import tsx bench/main.ts <suite...> [options]

suites:
${Object.entries(SUITES)
  .map(([name, s]) => `  ${name.padEnd(10)} ${s.describe}`)
  .join("\n")}

options:
  --json             print the results as JSON instead of tables
  --quick            fewer repetitions and sizes (a smoke run)
  --ref-threads N    threads for the numpy/PyTorch references (default 1, as our kernels)
  -h, --help         show this help`;

/** Runs the suites named in `argv`; returns the exit code (0 ok, 2 bad arguments). */
export async function main(argv: string[]): Promise<number> {
  const names: string[] = [];
  let json = false;
  let quick = false;
  let refThreads = 1;
  try {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === "-h" || a === "--help") {
        console.log(HELP);
        return 0;
      } else if (a === "--json") json = true;
      else if (a === "--quick") quick = true;
      else if (a === "--ref-threads") {
        const v = Number(argv[++i]);
        if (!Number.isInteger(v) || v < 1) {
          throw AnsatzError.expected("bad-argument", "--ref-threads", "an integer >= 1", String(argv[i]));
        }
        refThreads = v;
      } else if (a.startsWith("-")) {
        throw AnsatzError.expected(
          "bad-argument",
          "bench option",
          "--json, --quick, --ref-threads N or --help",
          a,
        );
      } else if (!Object.hasOwn(SUITES, a)) {
        throw AnsatzError.expected(
          "unknown-id",
          "bench suite",
          Object.keys(SUITES).join(", "),
          JSON.stringify(a),
        );
      } else names.push(a);
    }
    if (names.length === 0) {
      throw AnsatzError.expected(
        "bad-argument",
        "bench",
        `a suite name (${Object.keys(SUITES).join(", ")})`,
        "none",
      );
    }
  } catch (e) {
    if (!isAnsatzError(e)) throw e;
    console.error(`${e.message}\n\n${HELP}`);
    return 2;
  }
  const tty = process.stderr.isTTY === true;
  const onProgress = (line: string) => {
    if (tty) process.stderr.write(`\r\x1b[K  ${line}…`);
  };
  const results: unknown[] = [];
  for (const name of names) {
    const suite = SUITES[name]!;
    const result = suite.run({ quick, refThreads, onProgress });
    if (tty) process.stderr.write("\r\x1b[K");
    if (json) results.push(result);
    else console.log(suite.format(result as never));
  }
  if (json) console.log(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
