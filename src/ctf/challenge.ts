// Challenge: a task of the common task framework (DESIGN.md, "Framework"). A challenge prepares public
// data and a hidden truth from a seed and a size, and scores a submission against the hidden truth.
// The hidden truth is never handed to a model.

/** The kinds of work a challenge asks for; a model declares the kinds it can enter. */
export type ChallengeKind = "forecast" | "generate" | "sample-posterior" | "estimate";

export type Size = "quick" | "full";

/** Scores of one submission: named values, an optional composite, and notes (e.g. why a score is −100). */
export interface ScoreSheet {
  scores: Record<string, number>;
  composite?: number;
  notes: string[];
}

export interface Prepared<Public, Hidden> {
  public: Public;
  hidden: Hidden;
}

export interface Challenge<Public = unknown, Hidden = unknown, Submission = unknown> {
  id: string;
  title: string;
  kind: ChallengeKind;
  /** Which module registered it (e.g. `ctf/dynamics`, `methods/sglrw`). */
  source: string;
  prepare(opts: { seed: number; size: Size }): Prepared<Public, Hidden> | Promise<Prepared<Public, Hidden>>;
  score(submission: Submission, hidden: Hidden): ScoreSheet;
}
