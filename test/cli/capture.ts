// Runs a CLI command in-process on a fresh commander program and captures what it writes to stdout and
// stderr (shared by the tests of the commands; the program is the one src/cli/main.ts wires together).
import { Command } from "commander";

/** Parses `args` with a program built by `register`; resolves to the captured output. */
export async function runCommand(
  register: (program: Command) => void,
  args: string[],
): Promise<{ stdout: string; stderr: string }> {
  const program = new Command();
  program.exitOverride();
  register(program);
  let stdout = "";
  let stderr = "";
  const ow = process.stdout.write;
  const ew = process.stderr.write;
  process.stdout.write = ((s: string) => {
    stdout += s;
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => {
    stderr += s;
    return true;
  }) as typeof process.stderr.write;
  try {
    await program.parseAsync(args, { from: "user" });
  } finally {
    process.stdout.write = ow;
    process.stderr.write = ew;
  }
  return { stdout, stderr };
}
