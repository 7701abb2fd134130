// `ansatz list`: the registered challenges, models and reproductions.
import type { Command } from "commander";
import { challenges, models, reproductions } from "../../ctf/registry.ts";
import { formatTable, printJson } from "../output.ts";

export function registerList(program: Command): void {
  program
    .command("list")
    .description("list the registered challenges, models and reproductions")
    .option("--json", "print one JSON object")
    .action((opts: { json?: boolean }) => {
      const data = {
        challenges: challenges
          .list()
          .map((c) => ({ id: c.id, kind: c.kind, title: c.title, source: c.source })),
        models: models.list().map((m) => ({ id: m.id, kind: m.kind, title: m.title, source: m.source })),
        reproductions: reproductions.list().map((r) => ({ id: r.id, title: r.title })),
      };
      if (opts.json) return printJson(data);
      const section = (name: string, header: string[], rows: string[][]) =>
        `${name} (${rows.length})\n${rows.length ? formatTable(header, rows) : "  (none registered yet)"}\n`;
      process.stdout.write(
        [
          section(
            "Challenges",
            ["id", "kind", "title", "source"],
            data.challenges.map((c) => [c.id, c.kind, c.title, c.source]),
          ),
          section(
            "Models",
            ["id", "kind", "title", "source"],
            data.models.map((m) => [m.id, m.kind, m.title, m.source]),
          ),
          section(
            "Reproductions (ansatz repro ID)",
            ["id", "title"],
            data.reproductions.map((r) => [r.id, r.title]),
          ),
        ].join("\n"),
      );
    });
}
