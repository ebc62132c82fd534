/**
 * Editor latency: keystroke in a table 三 cell → its totals repainted, over 200 edits, against the same
 * measure on a page with one bare <input> (the baseline). Needs a production build (`npm run build`).
 *
 *   npm run bench:editor
 *
 * Each edit is a real key press from Chromium's input pipeline (CDP Input.dispatchKeyEvent through
 * page.keyboard). In the page, t0 is the keydown event's timeStamp; "dom" is when the total cell's text
 * changed (a MutationObserver: the work done for the keystroke), "frame" the next requestAnimationFrame
 * callback after it, i.e. the frame that paints the new total (quantised to the ~16.7 ms frame clock,
 * which is why the bare-input baseline sits near one frame too).
 * The two pages are open side by side and measured in alternating blocks (ROUNDS × EDITS/ROUNDS edits each),
 * so that whatever else the machine is doing meanwhile weighs on both alike; each page's first block
 * includes its first keystrokes, cold.
 * p95_ratio is p95_ms / baseline_p95_ms (goal ≤ 1.3). BENCH_SMOKE=1: 10 edits. BENCH_PORT picks the port.
 * Last line: one JSON object with the figures.
 */
import { spawn } from "node:child_process";
import { chromium, type Page } from "playwright-core";
import { ensureBuild, waitForHealth } from "./app-client";
import { editorFirstLoad } from "./bundle";

const PORT = Number(process.env.BENCH_PORT ?? 3190);
const BASE = `http://127.0.0.1:${PORT}`;
// BENCH_SMOKE=1: 10 edits (CI checks that the bench still runs)
const EDITS = process.env.BENCH_SMOKE === "1" ? 10 : 200;
const ROUNDS = process.env.BENCH_SMOKE === "1" ? 1 : 4;

/**
 * Installs the probe: for each keydown on `inputSel`, the time until the frame after `outSel` changed.
 * Passed as a string: tsx would wrap named functions in a helper that does not exist in the page.
 */
async function installProbe(page: Page, inputSel: string, outSel: string) {
  await page.evaluate(`(() => {
    window.__lat = [];
    window.__dom = [];
    let t0 = null;
    const input = document.querySelector(${JSON.stringify(inputSel)});
    const out = document.querySelector(${JSON.stringify(outSel)});
    new MutationObserver(() => {
      if (t0 === null) return;
      const start = t0;
      t0 = null;
      window.__dom.push(performance.now() - start);
      requestAnimationFrame(() => window.__lat.push(performance.now() - start));
    }).observe(out, { childList: true, characterData: true, subtree: true });
    input.addEventListener("keydown", (e) => { t0 = e.timeStamp; });
  })()`);
}

type Sample = { frame: number[]; dom: number[] };

/** One block of `edits` key presses on `page`, brought to the front (the probe keeps the samples). */
async function typeBlock(page: Page, inputSel: string, edits: number): Promise<void> {
  await page.bringToFront();
  await page.locator(inputSel).click();
  for (let i = 0; i < edits; i++) {
    // alternate typing a digit and deleting it, so every key press changes the total
    await page.keyboard.press(i % 2 === 0 ? "7" : "Backspace");
    await page.waitForTimeout(25);
  }
  await page.waitForTimeout(200);
}

const samples = (page: Page) => page.evaluate("({ frame: window.__lat, dom: window.__dom })") as Promise<Sample>;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Number(s[Math.min(s.length - 1, Math.floor(s.length * p))]!.toFixed(2));
};

async function main() {
  ensureBuild();
  const server = spawn(process.execPath, ["scripts/e2e-server.mjs"], {
    env: { ...process.env, E2E_PORT: String(PORT) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitForHealth(BASE, 120_000, server);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    // baseline: one bare input echoing its value, in a page of its own beside the editor's
    const bare = await context.newPage();
    await bare.setContent(
      `<input id="i"><span id="o"></span><script>i.addEventListener("input",()=>{o.textContent=i.value.length})</script>`,
    );
    await installProbe(bare, "#i", "#o");

    // the editor
    await page.goto(`${BASE}/login`);
    await page.getByLabel("用户名").fill("chengguan");
    await page.getByLabel("密码").fill("nianbao2024");
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    await page.getByLabel("年度").fill("2025");
    await page.getByRole("button", { name: "新建报告" }).click();
    await page.waitForURL(/\/reports\/[^/]+$/);
    const cell = '[data-cell="t3.deny3.legal"]';
    await page.locator(cell).waitFor();
    // first-load JS of the editor route: a fresh load, scripts as transferred (next start gzips them)
    const jsPage = await browser.newPage({ storageState: await page.context().storageState() });
    await jsPage.goto(page.url(), { waitUntil: "networkidle" });
    const js = (await jsPage.evaluate(
      `performance.getEntriesByType("resource").filter((e) => e.initiatorType === "script" || e.name.endsWith(".js"))
        .map((e) => ({ gz: e.encodedBodySize, raw: e.decodedBodySize }))`,
    )) as { gz: number; raw: number }[];
    await jsPage.close();
    await installProbe(page, cell, '[data-cell="t3.total.total"]');
    for (let r = 0; r < ROUNDS; r++) {
      await typeBlock(bare, "#i", EDITS / ROUNDS);
      await typeBlock(page, cell, EDITS / ROUNDS);
    }
    const [baseline, editor] = await Promise.all([samples(bare), samples(page)]);
    await browser.close();

    const result = {
      edits: EDITS,
      p50_ms: pct(editor.dom, 0.5),
      p95_ms: pct(editor.dom, 0.95),
      baseline_p50_ms: pct(baseline.dom, 0.5),
      baseline_p95_ms: pct(baseline.dom, 0.95),
      // the goal: within 1.3× of the bare input
      p95_ratio: Number((pct(editor.dom, 0.95) / pct(baseline.dom, 0.95)).toFixed(2)),
      frame_p50_ms: pct(editor.frame, 0.5),
      frame_p95_ms: pct(editor.frame, 0.95),
      baseline_frame_p50_ms: pct(baseline.frame, 0.5),
      baseline_frame_p95_ms: pct(baseline.frame, 0.95),
      editor_first_load_js_gzip_kb: Number((js.reduce((a, x) => a + x.gz, 0) / 1024).toFixed(1)),
      editor_first_load_js_kb: Number((js.reduce((a, x) => a + x.raw, 0) / 1024).toFixed(1)),
      // the same from the build (bench/bundle.ts): the route's entry chunks, gzip -9, without what loads on demand
      editor_build_first_load_js_gzip_kb: Number((editorFirstLoad().reduce((a, x) => a + x.gz, 0) / 1024).toFixed(1)),
    };
    for (const [name, s] of [["editor", editor], ["baseline", baseline]] as const)
      console.log(
        `${name.padEnd(8)} (${s.dom.length} edits): keystroke→total updated p50 ${pct(s.dom, 0.5)} ms, p95 ${pct(s.dom, 0.95)} ms;` +
          ` →painted frame p50 ${pct(s.frame, 0.5)} ms, p95 ${pct(s.frame, 0.95)} ms`,
      );
    console.log(JSON.stringify(result));
  } finally {
    server.kill("SIGTERM");
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
