// A one-line progress bar on stderr, drawn only when stderr is a terminal (piped output stays clean).

/** Returns an `onProgress(fraction, message)` callback and a `done()` that ends the line. */
export function progressBar(label: string): {
  update: (fraction: number, message?: string) => void;
  done: () => void;
} {
  const tty = Boolean(process.stderr.isTTY);
  let last = -1;
  let drawn = false;
  return {
    update(fraction, message = "") {
      if (!tty) return;
      const pct = Math.max(0, Math.min(100, Math.floor(fraction * 100)));
      if (pct === last) return;
      last = pct;
      const width = 24;
      const fill = Math.round((pct / 100) * width);
      const line = `${label} [${"#".repeat(fill)}${" ".repeat(width - fill)}] ${String(pct).padStart(3)}% ${message}`;
      process.stderr.write(
        `\r${line.slice(0, (process.stderr.columns ?? 100) - 1).padEnd(drawn ? 0 : 0)}\x1b[K`,
      );
      drawn = true;
    },
    done() {
      if (tty && drawn) process.stderr.write("\r\x1b[K");
    },
  };
}
