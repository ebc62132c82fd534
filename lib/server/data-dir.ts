// Where nianbao keeps local state (SQLite file by default, generated auth secret).
import path from "node:path";

/** NIANBAO_DATA_DIR, else ./data under the working directory (gitignored). */
export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.NIANBAO_DATA_DIR || "data");
}
