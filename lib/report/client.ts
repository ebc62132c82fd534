/**
 * lib/report for the browser: everything of the barrel (index.ts) but the zod schemas (schema.ts), which
 * only the server's save and import paths parse with — importing the barrel would put zod into every
 * client bundle that needs a label or a rule.
 */
export * from "./values";
export * from "./totals";
export * from "./findings";
export * from "./rules";
export * from "./plausibility";
export * from "./statements";
export * from "./substance";
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
