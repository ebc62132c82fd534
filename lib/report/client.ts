/**
 * lib/report for the browser: everything of the barrel (index.ts) but the zod schemas (schema.ts), which
 * only the server's save and import paths parse with — importing the barrel would put zod into every
 * client bundle that needs a label — and but the rules (rules, statements, substance, plausibility: their
 * module-level tables keep them in any bundle that imports a barrel re-exporting them). The editor loads
 * the rules after the page (components/report-editor/validation-panel.tsx loadValidator); other client code
 * imports "@/lib/report/rules" itself.
 */
export * from "./values";
export * from "./totals";
export * from "./findings";
export * from "./finding-count";
// The rules load on demand (import("@/lib/report/rules")): their types only.
export type { RuleContext } from "./rules";
export * from "./text";
export * from "./headings";
export * from "./fee";
export * from "./status";
export * from "./save-result";
export * from "./paste";
export * from "./carry-over";
export * from "./content-fields";
export * from "./merge";
export * from "./organ-levels";
export * from "./rollup";
export * from "./years";
