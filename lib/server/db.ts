import "server-only";

export * from "./db-core";
