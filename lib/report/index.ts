export * from "./values";
export * from "./totals";
export * from "./findings";
export * from "./rules";
export * from "./fee";
export * from "./schema";
export * from "./status";
export * from "./save-result";
