// fast-check arbitraries shared by the fuzz tests (vitest, a few hundred cases) and bench/fuzz.ts (≥ 10,000).
import fc from "fast-check";

/** Characters that break things: markup, control characters, lone surrogates, BOM, RTL marks, NUL. */
export const NASTY_PIECES = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=//x.example/a.js></SCRIPT>",
  '<img src=x onerror="alert(1)">',
  "</td></tr></table><script>alert(2)</script>",
  '"><svg onload=alert(3)>',
  "javascript:alert(4)",
  "<![CDATA[x]]>",
  "&lt;&amp;&#0;&#x1F;",
  "\u0000",
  "\u0001\u0002\u0003\u0008\u000b\u000c\u000e\u001f",
  "\u007f\u0080\u009f",
  "\ud800",
  "\udfff",
  "\udc00\ud800",
  "\ufeff",
  "\ufffe\uffff",
  "\u202e\u200b\u2028\u2029",
  "\r\n\r",
  "\t",
  "👍🏽𠀀𪚥",
  "堃喆",
  "一、二、（一）",
  "１２３",
  "-1",
  "NaN",
  "1e309",
  "9".repeat(40),
];

/** A string built from nasty pieces and ordinary text (Chinese, ASCII, any UTF-16 unit). */
export const nastyString = (maxPieces = 12): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...NASTY_PIECES) },
        { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
        { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 10 }) },
        { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)), maxLength: 10 }) },
        { weight: 2, arbitrary: fc.constantFrom("本年度", "主动公开政府信息", "0", "12", "件", "。") },
      ),
      { maxLength: maxPieces },
    )
    .map((parts) => parts.join(""));

/** Applies random mutations to real file bytes: flipped bytes, truncation, inserted/duplicated/removed chunks. */
export const mutatedBytes = (files: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> =>
  fc
    .record({
      file: fc.integer({ min: 0, max: files.length - 1 }),
      ops: fc.array(
        fc.oneof(
          fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
          fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
          fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 64 }) }),
          fc.record({ kind: fc.constant("remove" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4096 }) }),
          fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4096 }) }),
        ),
        { minLength: 1, maxLength: 6 },
      ),
    })
    .map(({ file, ops }) => {
      let b = files[file]!;
      for (const op of ops) {
        const at = b.length ? op.at % b.length : 0;
        if (op.kind === "flip") {
          b = b.slice();
          if (b.length) b[at] = op.value;
        } else if (op.kind === "truncate") b = b.subarray(0, at);
        else if (op.kind === "insert") b = concat(b.subarray(0, at), op.bytes, b.subarray(at));
        else if (op.kind === "remove") b = concat(b.subarray(0, at), b.subarray(at + op.length));
        else b = concat(b.subarray(0, at + op.length), b.subarray(at));
      }
      return b;
    });

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** True when `s` holds a Chinese character (every message shown to a clerk must). */
export const hasChinese = (s: unknown): boolean => typeof s === "string" && /[\u4e00-\u9fff]/.test(s);
