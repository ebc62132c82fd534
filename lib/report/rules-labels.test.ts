import { describe, expect, it } from "vitest";
import { labelledIds, readLabels, realReports, runRules, score } from "@/lib/import/testing/rules-corpus";

// The hand labels of the rules on every real report the project holds (tests/fixtures/rules-labels, see
// lib/import/testing/rules-corpus.ts; `npm run bench:rules` prints the figures).
describe("rules on the real reports, against their hand labels", () => {
  const reports = realReports();

  it("every real report is labelled", () => {
    expect(labelledIds().sort()).toEqual(reports.map((r) => r.id).sort());
  });

  it.each(reports.map((r) => [r.id, r] as const))("%s: every finding labelled, no labelled contradiction missed, every real finding still found", (id, r) => {
    const run = runRules(r);
    const labels = readLabels(id)!;
    const s = score(run, labels);
    expect(s.unlabelled, "findings without a label: label them in tests/fixtures/rules-labels").toEqual([]);
    expect(s.missed).toEqual([]);
    const found = new Set(run.findings.map((f) => f.key));
    const lost = Object.entries(labels.findings).filter(([k, l]) => l.real === true && !found.has(k)).map(([k]) => k);
    expect(lost).toEqual([]);
  });

  it("false alarms stay within 5% of the findings", () => {
    let findings = 0;
    let falseAlarms = 0;
    for (const r of reports) {
      const s = score(runRules(r), readLabels(r.id));
      findings += s.findings;
      falseAlarms += s.falseAlarms;
    }
    expect(findings).toBeGreaterThan(0);
    expect(falseAlarms / findings).toBeLessThanOrEqual(0.05);
  });
});
