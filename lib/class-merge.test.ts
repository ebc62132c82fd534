import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { twMerge } from "tailwind-merge";
import { mergeClasses } from "./class-merge";
import { cn } from "./utils";

/** Every word of every string literal in the app's pages and components that could be a class. */
function sourceClasses(): string[] {
  const root = path.resolve(__dirname, "..");
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (name === "generated" || name === "node_modules") continue;
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) files.push(full);
    }
  };
  for (const dir of ["components", "app"]) walk(path.join(root, dir));
  const words = new Set<string>();
  for (const file of files) {
    for (const m of readFileSync(file, "utf8").matchAll(/"([^"\n]*)"|`([^`]*)`/g)) {
      for (const w of (m[1] ?? m[2] ?? "").split(/\s+/)) {
        if (/^[-!a-z0-9[@][-a-z0-9:[\]_/.%#()!@*&>,=']*$/i.test(w) && !w.includes("${")) words.add(w);
      }
    }
  }
  return [...words].sort();
}

const classes = sourceClasses();
// the same classes under the variants the app uses, and a few it might
const variants = ["hover:", "focus:", "focus-visible:", "disabled:", "lg:", "md:", "hover:focus:", "focus:hover:", "group-hover/tooltip:", "[&_svg]:", "file:", "!"];

describe("mergeClasses: the same answer as tailwind-merge for the app's classes", () => {
  it("reads the app's classes", () => {
    expect(classes.length).toBeGreaterThan(400);
    for (const c of ["h-8", "text-[17px]", "border-red-300", "px-3", "bg-slate-50/95", "[content-visibility:auto]"]) expect(classes).toContain(c);
  });

  it("every class with itself (known classes collapse to one, others stay)", () => {
    const wrong = classes.filter((c) => mergeClasses(`${c} ${c}`) !== twMerge(`${c} ${c}`));
    expect(wrong).toEqual([]);
  });

  it("every ordered pair of the app's classes", () => {
    const wrong: string[] = [];
    for (const a of classes) {
      for (const b of classes) {
        const input = `${a} ${b}`;
        if (mergeClasses(input) !== twMerge(input)) wrong.push(input);
      }
    }
    expect(wrong.slice(0, 20)).toEqual([]);
  });

  it("pairs under variants, and longer lists (fixed seed)", () => {
    let seed = 20261207;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const wrong: string[] = [];
    for (let i = 0; i < 60_000; i++) {
      const n = 2 + rand(6);
      const list = Array.from({ length: n }, () => (rand(3) === 0 ? variants[rand(variants.length)]! : "") + classes[rand(classes.length)]!);
      const input = list.join(" ");
      if (mergeClasses(input) !== twMerge(input)) wrong.push(input);
    }
    expect(wrong.slice(0, 20)).toEqual([]);
  });
});

describe("cn", () => {
  it("joins conditional classes and lets a later conflicting class win", () => {
    expect(cn("h-9 px-3 text-sm", false && "hidden", undefined, "h-8")).toBe("px-3 text-sm h-8");
    expect(cn("border border-slate-300", { "border-red-400": true })).toBe("border border-red-400");
    expect(cn("text-base font-semibold", "font-serif text-[17px]")).toBe("font-semibold font-serif text-[17px]");
    expect(cn("p-4", "px-2")).toBe("p-4 px-2");
    expect(cn("px-2", "p-4")).toBe("p-4");
    expect(cn("hover:bg-slate-100", "bg-white")).toBe("hover:bg-slate-100 bg-white");
  });
});
