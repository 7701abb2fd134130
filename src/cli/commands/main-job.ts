// `ansatz main` (what `npm start` runs): the main job on embedded defaults. It runs every registered
// model on every registered challenge of its kind at the quick size, then the foundation self-check
// (core numerics and engine against exact values), and says what it did.
import type { Command } from "commander";
import { challenges, models, reproductions } from "../../ctf/registry.ts";
import { printJson } from "../output.ts";
import { formatClaims } from "./repro.ts";

export function registerMainJob(program: Command): void {
  program
    .command("main")
    .description(
      "the main job on embedded defaults (what `npm start` runs): every registered model on every challenge, then the self-check",
    )
    .option("--json", "print one JSON object")
    .action(async (opts: { json?: boolean }) => {
      const t0 = performance.now();
      const say = (s: string) => {
        if (!opts.json) process.stdout.write(`${s}\n`);
      };
      const registered = challenges.list();
      say(`Ansatz main job — ${registered.length} challenges, ${models.list().length} models registered.`);
      if (registered.length === 0) {
        say("No challenges are registered yet: the CTF data sets and the methods arrive in later releases.");
      }
      say("\nFoundation self-check (core numerics and the tensor engine against exact values):\n");
      const result = await reproductions
        .get("foundation")
        .run({ quick: true, onProgress: (m) => say(`  … ${m}`) });
      const seconds = (performance.now() - t0) / 1000;
      if (opts.json)
        return printJson({ challenges: registered.map((c) => c.id), selfCheck: result, seconds });
      say(`\n${formatClaims(result)}`);
      say(
        `\nDone in ${seconds.toFixed(1)} s. More: \`ansatz --help\`, \`ansatz list\`, \`npm run bench -- engine\`.`,
      );
      if (result.claims.some((c) => !c.pass)) process.exitCode = 1;
    });
}
