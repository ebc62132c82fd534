import { defineConfig } from "vitest/config";
import os from "node:os";
import path from "node:path";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // Server modules import "server-only" (throws outside React Server Components); tests run them in node.
  "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    environment: "node",
    server: { deps: { inline: [] } },
    // vitest's default is one worker fewer than the cores: a single worker on a 2-core machine. The integration
    // files wait on PostgreSQL and child processes much of the time, so use every core.
    maxWorkers: Math.max(2, os.availableParallelism()),
    // the default 5 s is short for a test that hashes a few passwords (scrypt, ~0.2 s of CPU each) while the
    // other workers keep the cores busy; a test that waits longer than this is stuck, not slow
    testTimeout: 60_000,
    hookTimeout: 180_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "lib/**/*.test.tsx", "components/**/*.test.ts", "components/**/*.test.tsx"],
          // pure modules: the files of a worker share one module graph (each file re-importing the PDF and DOCX
          // renderers and fonts took more time than the tests); a file that changes process state puts it back
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts"],
          // each file in a fresh module graph: they set process.env (the data directory, DATABASE_URL) and open databases
          isolate: true,
          // the template databases of tests/integration/test-db.ts
          globalSetup: ["tests/integration/global-setup.ts"],
        },
      },
    ],
  },
});
