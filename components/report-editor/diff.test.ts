import { describe, expect, it } from "vitest";
import { emptyContent, t3CellId } from "@/lib/template";
import { zhangliangContent } from "@/lib/demo/zhangliang-2023";
import { contentEquals, diffContent } from "./diff";
import { shouldOfferRestore, type Backup } from "./backup";

describe("diffContent", () => {
  it("lists differing text, cells, header and fee with both values and official labels", () => {
    const a = zhangliangContent();
    const b = structuredClone(a);
    b.text.s5 = "服务器上的内容";
    b.cells[t3CellId("new", "natural")] = "5";
    b.header.signDate = "2024年1月19日";
    b.fee = { charged: false, pieces: "", amount: "" };
    const d = diffContent(a, b);
    expect(d.map((x) => x.ref)).toEqual(["header.signDate", "text.s5", "fee", t3CellId("new", "natural")]);
    const cell = d.find((x) => x.ref === t3CellId("new", "natural"))!;
    expect(cell).toMatchObject({ mine: "0", theirs: "5" });
    expect(cell.label).toContain("自然人");
    expect(d.find((x) => x.ref === "text.s5")!.label).toContain("存在的主要问题及改进情况");
  });
  it("says equal content is equal", () => {
    expect(contentEquals(zhangliangContent(), zhangliangContent())).toBe(true);
    expect(diffContent(zhangliangContent(), zhangliangContent())).toEqual([]);
  });
});

describe("shouldOfferRestore", () => {
  const server = { version: 3, savedAt: "2024-01-10T10:00:00.000Z", content: emptyContent("某镇", 2023) };
  const backup = (over: Partial<Backup>): Backup => {
    const content = structuredClone(server.content);
    content.text.s5 = "本地未保存";
    return { v: 1, content, base: null, baseVersion: 3, writtenAt: "2024-01-10T10:05:00.000Z", ...over };
  };
  it("offers a newer, different backup", () => {
    expect(shouldOfferRestore(backup({}), server)).toBe(true);
  });
  it("does not offer nothing, or a copy equal to the server's", () => {
    expect(shouldOfferRestore(null, server)).toBe(false);
    expect(shouldOfferRestore(backup({ content: server.content }), server)).toBe(false);
  });
  it("does not offer an old copy superseded by later saves", () => {
    expect(shouldOfferRestore(backup({ baseVersion: 2, writtenAt: "2024-01-10T09:00:00.000Z" }), server)).toBe(false);
  });
  it("offers a copy written after the server's last save even on an older base", () => {
    expect(shouldOfferRestore(backup({ baseVersion: 2 }), server)).toBe(true);
  });
});

describe("shouldOfferRestore (copies that know their base)", () => {
  const server = { version: 7, savedAt: "2024-01-10T10:00:00.000Z", content: emptyContent("某镇", 2023) };
  it("offers a copy whose own edits the server does not hold, whatever the versions", () => {
    const base = emptyContent("某镇", 2023);
    const content = { ...base, text: { ...base.text, s6: "离线时写的" } };
    expect(shouldOfferRestore({ v: 2, content, base, baseVersion: 2, writtenAt: "2024-01-01T00:00:00.000Z" }, server)).toBe(true);
  });
  it("does not offer a copy whose edits are all on the server already, even if it differs elsewhere", () => {
    const base = emptyContent("某镇", 2023);
    const content = { ...base, text: { ...base.text, s6: "同样的话" } };
    const serverNow = { ...server, content: { ...server.content, text: { ...server.content.text, s6: "同样的话", s5: "他人后来写的" } } };
    expect(shouldOfferRestore({ v: 2, content, base, baseVersion: 2, writtenAt: "2024-01-11T00:00:00.000Z" }, serverNow)).toBe(false);
  });
});
