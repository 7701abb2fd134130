// The package version and the code version (git commit when available) recorded with every result.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as { version: string };
  return pkg.version;
}

/** `0.1.0+<short commit>[-dirty]`, or the package version alone outside a git checkout. */
export function codeVersion(): string {
  try {
    const sha = execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      cwd: root,
      stdio: ["ignore", "pipe", "ignore"],
    })
      .toString()
      .trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], {
      cwd: root,
      stdio: ["ignore", "pipe", "ignore"],
    })
      .toString()
      .trim();
    return `${packageVersion()}+${sha}${dirty ? "-dirty" : ""}`;
  } catch {
    return packageVersion();
  }
}
