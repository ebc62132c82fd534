export type Severity = "error" | "warning";
/** Every rule: E errors, X against last year, T text and table, P plausibility (lib/report/plausibility.ts), R the register. */
export const RULE_IDS = [
  "E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9", "E10",
  "X1", "X2", "X3",
  "T1", "T2", "T3", "T4", "T5", "T6", "T7",
  "P1",
  "R1",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/**
 * One problem found in a report. `cells` names what the finding is about: table cell ids
 * (t2.… / t3.… / t4.…), text fields as `text.<fieldId>`, header fields as `header.<name>`, or `fee`.
 */
export type Finding = {
  /** Stable key, used to acknowledge a warning. */
  key: string;
  rule: RuleId;
  severity: Severity;
  cells: string[];
  message: string;
  /** Findings with the same cause are shown together (e.g. a printed total of an import: `printed:<cell>`). */
  cause?: string;
};

export const textRef = (fieldId: string) => `text.${fieldId}`;
export const headerRef = (name: "organName" | "opening" | "signDate") => `header.${name}`;
export const FEE_REF = "fee";

export function hasBlockingErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}

/** `list` reordered so that items with the same cause follow the first of them (one cause, one place). */
export function groupByCause<T extends { cause?: string | null }>(list: readonly T[]): T[] {
  const out: T[] = [];
  const done = new Set<T>();
  for (const it of list) {
    if (done.has(it)) continue;
    out.push(it);
    done.add(it);
    if (!it.cause) continue;
    for (const other of list) {
      if (done.has(other) || other.cause !== it.cause) continue;
      out.push(other);
      done.add(other);
    }
  }
  return out;
}
