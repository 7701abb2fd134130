// Registry: challenges, models and reproductions register here by id; the CLI loads every module's
// registration (src/cli/registrations.ts) and `ansatz list` shows them. The framework knows no method by name.
import { AnsatzError } from "../core/errors.ts";
import type { Challenge } from "./challenge.ts";
import type { Model } from "./model.ts";
import type { Reproduction } from "./reproduction.ts";

interface Entry {
  id: string;
}

class Table<T extends Entry> {
  private readonly entries = new Map<string, T>();
  constructor(private readonly what: string) {}

  add(entry: T): void {
    if (this.entries.has(entry.id)) {
      throw new AnsatzError("internal", `${this.what} "${entry.id}" is registered twice`);
    }
    this.entries.set(entry.id, entry);
  }

  get(id: string): T {
    const e = this.entries.get(id);
    if (!e) {
      const known = [...this.entries.keys()].sort();
      throw AnsatzError.expected(
        "unknown-id",
        this.what,
        known.length ? `one of ${known.join(", ")}` : "a registered id (none are registered yet)",
        `"${id}"`,
      );
    }
    return e;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  list(): T[] {
    return [...this.entries.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
}

export const challenges = new Table<Challenge>("challenge");
export const models = new Table<Model>("model");
export const reproductions = new Table<Reproduction>("reproduction");
