// Every bench stays runnable: `npm run bench:smoke` (the last step of `npm test`) runs every `bench:*`
// script at BENCH_SMOKE=1, and every bench honours BENCH_SMOKE (a tiny size, seconds).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain .mjs script without type declarations
import { benchPorts, benchScripts, endsWithJson, queueOrder } from "@/scripts/bench-smoke.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
const benches = Object.keys(pkg.scripts).filter((n) => n.startsWith("bench:") && n !== "bench:smoke");

describe("bench:smoke", () => {
  it("is the last step of npm test", () => {
    expect(pkg.scripts.test).toMatch(/&& npm run bench:smoke$/);
    expect(pkg.scripts["bench:smoke"]).toContain("scripts/bench-smoke.mjs");
  });

  it("covers every bench:* script of package.json", () => {
    expect(benches.length).toBeGreaterThan(5);
    expect(benchScripts(pkg)).toEqual(benches);
    expect(benchScripts({ scripts: { ...pkg.scripts, "bench:new-one": "tsx bench/new-one.ts" } })).toContain("bench:new-one");
  });

  it("starts every bench, the longest first", () => {
    const order = queueOrder(benches) as string[];
    expect([...order].sort()).toEqual([...benches].sort());
    expect(order.indexOf("bench:a11y")).toBeLessThan(order.indexOf("bench:register"));
  });

  it("with BENCH_PORT gives each server bench its own ports", () => {
    expect(benchPorts({})).toEqual({});
    const env = benchPorts({ BENCH_PORT: "3511" }) as Record<string, Record<string, string>>;
    const load = Number(env["bench:load"]!.LOAD_PORT);
    const ports = [Number(env["bench:editor"]!.BENCH_PORT), Number(env["bench:a11y"]!.E2E_PORT), load, load + 1, Number(env["bench:crash"]!.CRASH_PORT)];
    expect(new Set(ports).size).toBe(ports.length); // bench:load takes two
    expect(ports[0]).toBe(3511);
  });

  it.each(benches)("%s runs a bench/ file that honours BENCH_SMOKE=1", (name) => {
    const file = /bench\/[\w-]+\.ts/.exec(pkg.scripts[name]!)?.[0];
    expect(file, `${name}: ${pkg.scripts[name]}`).toBeDefined();
    expect(readFileSync(path.join(root, file!), "utf8")).toContain('process.env.BENCH_SMOKE === "1"');
  });

  it("accepts a run only when its last line is one JSON object", () => {
    expect(endsWithJson('figures\n{"a":1}\n')).toBe(true);
    expect(endsWithJson('{"a":1}\nError: boom\n')).toBe(false);
    expect(endsWithJson("[1,2]")).toBe(false);
    expect(endsWithJson("")).toBe(false);
  });
});
