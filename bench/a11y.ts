/**
 * Accessibility: axe-core (WCAG 2.1 A/AA and best practices) on every page in every role and state —
 * login (and a failed login), the public portal and a public report, the clerk's report list, editor
 * with findings, a revealed finding, the preview, history and import, the reviewers' lists, dashboards,
 * a submitted and a published report, the roll-ups, and the admin pages. The list: bench/a11y-pages.ts.
 *
 *   npm run bench:a11y            (builds first if there is no .next; E2E_PORT picks the port, 3331 by default)
 *   BENCH_SMOKE=1 npm run bench:a11y   (a few pages)
 *
 * Prints the violation ids per page; last line: one JSON object {pages, serious, critical, moderate_minor, violations}.
 */
import { spawn } from "node:child_process";
import { chromium } from "playwright-core";
import { ensureBuild, waitForHealth } from "./app-client";
import { A11Y_PAGES, runPages, type A11yResult } from "./a11y-pages";

const PORT = Number(process.env.E2E_PORT ?? 3331);
const BASE = `http://127.0.0.1:${PORT}`;
const SMOKE = process.env.BENCH_SMOKE === "1";

async function main() {
  ensureBuild();
  const server = spawn(process.execPath, ["scripts/e2e-server.mjs"], {
    env: { ...process.env, E2E_PORT: String(PORT) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitForHealth(BASE, 240_000, server);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    const pages = SMOKE ? A11Y_PAGES.filter((p) => p.smoke) : A11Y_PAGES;
    const results: A11yResult[] = [];
    await runPages(browser, BASE, pages, (r) => {
      results.push(r);
      const bad = [...r.critical.map((id) => `critical:${id}`), ...r.serious.map((id) => `serious:${id}`)];
      console.log(`${(r.user ?? "anonymous").padEnd(10)} ${r.name.padEnd(34)} ${r.url.padEnd(40)} ${bad.join(" ") || "ok"}${r.other.length ? `  (minor/moderate: ${r.other.join(" ")})` : ""}`);
    });
    await browser.close();
    const sum = (k: "serious" | "critical" | "other") => results.reduce((a, r) => a + r[k].length, 0);
    console.log(
      JSON.stringify({
        pages: results.length,
        serious: sum("serious"),
        critical: sum("critical"),
        moderate_minor: sum("other"),
        violations: Object.fromEntries(results.filter((r) => r.serious.length + r.critical.length).map((r) => [r.name, [...r.critical, ...r.serious]])),
      }),
    );
  } finally {
    server.kill("SIGTERM");
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
