// Terminal output helpers: JSON for --json, aligned plain-text tables, and stderr status lines that
// stay silent when stderr is not a terminal.

/** Prints one JSON object on stdout (the --json contract: exactly one object per command). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Formats rows as an aligned text table with a header rule. */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, j) => Math.max(...cells.map((r) => (r[j] ?? "").length)));
  const line = (r: string[]) =>
    r
      .map((c, j) => c.padEnd(widths[j]!))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

/** A number in a short readable form for tables. */
export function fmt(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e6))
    return Number(x.toPrecision(digits)).toExponential();
  return Number(x.toPrecision(digits)).toString();
}

/** A status line on stderr, only when stderr is a TTY (progress must never pollute piped output). */
export function status(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`${message}\n`);
}
