// The `ansatz` command line (commander). Bad input (AnsatzError, unknown command or flag) prints one
// clear message without a stack trace and exits 2; an internal failure prints the stack and exits 1.
import { Command, CommanderError } from "commander";
import { isAnsatzError } from "../core/errors.ts";
import { registerCtf } from "./commands/ctf.ts";
import { registerHcm } from "./commands/hcm.ts";
import { registerInfo } from "./commands/info.ts";
import { registerList } from "./commands/list.ts";
import { registerMainJob } from "./commands/main-job.ts";
import { registerReport } from "./commands/report.ts";
import { registerRepro } from "./commands/repro.ts";
import { registerSglrwCli } from "./commands/sglrw.ts";
import { registerVae } from "./commands/vae.ts";
import { registerAll } from "./registrations.ts";
import { packageVersion } from "./version.ts";

export function buildProgram(): Command {
  const program = new Command();
  program
    .name("ansatz")
    .description(
      "Ansatz: a workbench for scientific machine learning.\n" +
        "The common task framework (challenge data sets, scores E1–E12, models, runs, leaderboards) and\n" +
        "nine physics-inspired methods, each registered in the framework with its own challenges.\n" +
        "Every command that prints results takes --json and then prints exactly one JSON object.",
    )
    .version(packageVersion(), "-V, --version", "print the version")
    .showHelpAfterError("(run `ansatz --help` for the list of commands)")
    .showSuggestionAfterError(true)
    .exitOverride();
  registerMainJob(program);
  registerInfo(program);
  registerList(program);
  registerRepro(program);
  registerCtf(program);
  registerReport(program);
  registerHcm(program);
  registerSglrwCli(program);
  registerVae(program);
  const override = (c: Command, path: string): void => {
    c.exitOverride().showHelpAfterError(`(run \`ansatz ${path} --help\`)`);
    for (const sub of c.commands) override(sub, `${path} ${sub.name()}`);
  };
  for (const c of program.commands) override(c, c.name());
  program.addHelpText(
    "after",
    "\nExit codes: 0 ok, 1 internal failure, 2 bad input (the message names the file or field).\n" +
      "Examples:\n  ansatz main                 run the main job on embedded defaults\n" +
      "  ansatz list                 what is registered\n  ansatz repro foundation --quick --json",
  );
  return program;
}

/** Runs the CLI with `argv` (user arguments only) and returns the exit code. */
export async function run(argv: string[]): Promise<number> {
  registerAll();
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
    // a command may set a non-zero exit code without throwing (e.g. a recorded failure)
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander already printed its message (and help); help and version are not errors.
      if (
        e.code === "commander.helpDisplayed" ||
        e.code === "commander.help" ||
        e.code === "commander.version"
      )
        return 0;
      return 2;
    }
    if (isAnsatzError(e)) {
      process.stderr.write(`ansatz: error [${e.code}]: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(
      `ansatz: internal failure: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    return 1;
  }
}
