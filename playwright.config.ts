import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests in Debian's Chromium (never a downloaded browser) against a production build
 * served by scripts/e2e-server.mjs on a scratch SQLite database with the demo seed.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: {
    timeout: 10_000,
    // screenshot baselines (e2e/screens.spec.ts): the same build on the same machine draws them pixel for pixel;
    // allow a few stray pixels and slight colour shifts (anti-aliasing), nothing the size of a focus ring
    toHaveScreenshot: { maxDiffPixels: 100, threshold: 0.2, animations: "disabled", caret: "hide", scale: "css" },
  },
  // UPDATE_BASELINES=1 rewrites them (as for the PDF baselines); otherwise a missing or different one fails
  snapshotPathTemplate: "tests/fixtures/screen-baselines/{arg}{ext}",
  updateSnapshots: process.env.UPDATE_BASELINES === "1" ? "all" : "none",
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: BASE_URL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: `node scripts/e2e-server.mjs`,
    url: `${BASE_URL}/login`,
    timeout: 240_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(PORT) },
  },
});
