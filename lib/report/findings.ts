export type Severity = "error" | "warning";
/** Every rule: E errors, X against last year, T text and table, P plausibility (lib/report/plausibility.ts), R the register. */
export const RULE_IDS = [
  "E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8",
  "X1", "X2", "X3",
  "T1", "T2", "T3", "T4", "T5", "T6",
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
};

export const textRef = (fieldId: string) => `text.${fieldId}`;
export const headerRef = (name: "organName" | "opening" | "signDate") => `header.${name}`;
export const FEE_REF = "fee";

export function hasBlockingErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}
