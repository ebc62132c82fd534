/**
 * Expected import results of the five sample reports (tests/fixtures/samples), written by hand from the
 * texts. Shared by the text, DOCX and PDF accuracy tests.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { CELLS, INPUT_CELLS, t2CellId, t4CellId } from "@/lib/template";
import { ZHANGLIANG_TEXT } from "@/lib/demo/zhangliang-2023";
import type { ImportNoteKind } from "../types";

export const SAMPLES_DIR = path.resolve(import.meta.dirname, "../../../tests/fixtures/samples");
export const IMPORT_FIXTURES_DIR = path.resolve(import.meta.dirname, "../../../tests/fixtures/import");

export type SampleExpectation = {
  file: string;
  year: number;
  organName: string;
  /** Input cells that are not 0 (every other input cell must be "0"). */
  nonZero: Record<string, string>;
  /** Printed totals that are not 0 (every other computed cell must be printed as "0"). */
  nonZeroTotals: Record<string, string>;
  /** Text fields: exact text (txt path) — compared without whitespace on the PDF/DOCX paths. */
  text: Partial<Record<string, string>>;
  /** Text fields expected to start with … */
  textStarts: Partial<Record<string, string>>;
  /** Text fields that must be empty. */
  emptyText: string[];
  openingStarts: string | null;
  signature: { organName: string; date: string } | null;
  feeCharged: boolean | null;
  /** Note kinds that must be present (with a count), and kinds that must not. */
  notes: Partial<Record<ImportNoteKind, number>>;
  noNotes: ImportNoteKind[];
  format: "2021" | "2019";
};

const T1_TOPICS = ["s1.active", "s1.request", "s1.management", "s1.platform", "s1.oversight"];

export const SAMPLES: SampleExpectation[] = [
  {
    file: "zhangliang-town-2023.txt",
    year: 2023,
    organName: "鲁山县张良镇",
    nonZero: {
      [t2CellId("permit", "decisions")]: "17",
      [t2CellId("penalty", "decisions")]: "1",
      [t4CellId("direct", "corrected")]: "2",
      [t4CellId("direct", "other")]: "1",
    },
    nonZeroTotals: { [t4CellId("direct", "total")]: "3" },
    text: {
      "s1.lead": ZHANGLIANG_TEXT.lead,
      "s1.active": ZHANGLIANG_TEXT.active,
      "s1.request": ZHANGLIANG_TEXT.request,
      "s1.management": ZHANGLIANG_TEXT.management,
      "s1.platform": ZHANGLIANG_TEXT.platform,
      "s1.oversight": ZHANGLIANG_TEXT.oversight,
      s5: ZHANGLIANG_TEXT.s5,
      s6: ZHANGLIANG_TEXT.s6,
    },
    textStarts: {},
    emptyText: [],
    openingStarts: null,
    signature: null,
    feeCharged: null,
    notes: { other: 2 },
    noNotes: ["duplicate-section", "missing-section", "old-format", "blank-as-zero", "ambiguous-decoding", "uncertain-cell", "fee-statement"],
    format: "2021",
  },
  {
    file: "longquan-town-2022.txt",
    year: 2022,
    organName: "龙安区龙泉镇",
    nonZero: { [t2CellId("permit", "decisions")]: "12" },
    nonZeroTotals: {},
    text: {
      s5:
        "从总体来看,我镇政府信息公开工作正在平稳有序推进。通过政府信息公开,保障了公民的知情权、参与权、表达权、监督权,促进了依法行政,发挥了政府信息的服务作用。但是政府信息公开工作业务技术性较强,致使政府信息公开的及时性、规范性和全面性还不够,信息发布的工作程序需要进一步规范。\n" +
        "在今后的工作中,我镇将继续做好信息公开工作,进一步落实工作要求,增加信息来源,从而进一步加大公开力度,提高信息发布的及时度,丰富网上公开的内容。同时运用微信、美篇、标语、宣传栏等形式和方法,以便捷的手段和灵活的方法为群众服务,不断提高政务信息公开工作质量。",
      s6: "暂无其他需要报告的事项。",
    },
    // 一's sub-headings name no standard topic: everything goes to the lead, headings kept.
    textStarts: { "s1.lead": "(一) 加强组织领导，健全工作机制。\n明确政务公开工作责任分工" },
    emptyText: T1_TOPICS,
    openingStarts: null,
    signature: null,
    feeCharged: null,
    notes: { other: 3 },
    noNotes: ["duplicate-section", "missing-section", "old-format", "blank-as-zero", "ambiguous-decoding", "uncertain-cell", "fee-statement"],
    format: "2021",
  },
  {
    file: "taole-town-2023.txt",
    year: 2023,
    organName: "平罗县陶乐镇",
    nonZero: {},
    nonZeroTotals: {},
    text: {
      "s1.lead":
        "2023 年，陶乐镇坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大精神，紧紧围绕县委和政府关于推进政务公开工作部署要求，着力提升政府信息公开质量，加强政府信息公开发布的力度和时效，全面推进政府信息公开工作。",
      "s1.request": "2023年，我镇未收到政府信息公开申请。",
    },
    textStarts: {
      "s1.active": "1. 重点领域公开举措及数量\n2023 年我镇始终坚持",
      "s1.management": "为更好贯彻落实政务公开工作",
      "s1.platform": "一是县人民政府网的陶乐镇政府信息公开专栏",
      "s1.oversight": "一是加强组织领导，明确镇纪委书记分管政务公开工作",
      s5: "(一) 存在的问题\n一是各办（中心）沟通交流不足",
      s6: "（一）2023年政务公开工作要点落实情况\n一是按时完成财务公开。",
    },
    emptyText: [],
    openingStarts: "根据《中华人民共和国政府信息公开条例》规定和",
    signature: null,
    feeCharged: false,
    // the stray "总体情况" title line; table 三's three unlabeled rows
    notes: { "unplaced-paragraph": 1, "uncertain-cell": 1, other: 1, "fee-statement": 1 },
    noNotes: ["duplicate-section", "missing-section", "old-format", "blank-as-zero", "ambiguous-decoding"],
    format: "2021",
  },
  {
    file: "xigebi-town-2023.txt",
    year: 2023,
    organName: "沙湾市西戈壁镇",
    nonZero: {},
    nonZeroTotals: {},
    // 六 was only the fee sentence: it became the structured fee statement (a fee-statement note).
    text: { s6: "" },
    textStarts: {
      "s1.lead": "（一）高度重视，建立健全组织机构。信息信息公开工作政策性强",
      s5: "存在的问题：\n（一）思想认识不够深入",
    },
    emptyText: T1_TOPICS,
    openingStarts: "2023年，西戈壁镇在市委、市政府的正确领导下",
    signature: null,
    feeCharged: false,
    notes: { "old-format": 1, other: 2, "fee-statement": 1 },
    noNotes: ["duplicate-section", "missing-section", "blank-as-zero", "ambiguous-decoding", "uncertain-cell"],
    format: "2021",
  },
  {
    file: "xinyuan-town-2023.txt",
    year: 2023,
    organName: "新源镇",
    nonZero: {},
    nonZeroTotals: {},
    text: {
      "s1.lead": "",
      "s1.active":
        "本镇在 2023 年度严格按照上级要求主动公开政务，不断优化公开内容和形式，严格按照《条例》标准及时公开，同时对社会保障、扶贫、就业等方面政策、措施及其实施情况、重大决策预公开等方面进行重点信息发布。",
      "s1.management":
        "一是不断优化信息收集、存储、分发和保护等环节，不断完善信息管理体系；二是严查信息的准确性，持续提高政务信息公开质量；三是坚持落实上级有关要求和相关制度，严格核查对上级测评的问题，认真整改。",
      "s1.oversight": "坚持将政务公开纳入绩效考核体系，对新源镇下辖6个村、8个社区及镇内各中心进行督导，督导结果作为绩效考核重要依据。",
      s6: "无",
    },
    textStarts: {
      "s1.request": "我镇为进一步方便服务人民",
      "s1.platform": "定期更新搜索栏常见关键词",
      s5: "(一) 工作中存在的主要问题和困难\n一是日常工作繁忙",
    },
    emptyText: [],
    openingStarts: "2023 年以来，新源镇深入贯彻",
    signature: { organName: "新源县新源镇人民政府", date: "2024年1月19日" },
    feeCharged: null,
    // two 五 and no 六; three "该部分以表格形式报告" lines; no fee statement
    notes: { "duplicate-section": 1, "unplaced-paragraph": 3, other: 1 },
    noNotes: ["missing-section", "old-format", "blank-as-zero", "ambiguous-decoding", "uncertain-cell", "fee-statement"],
    format: "2021",
  },
];

export function sampleText(file: string): string {
  return readFileSync(path.join(SAMPLES_DIR, file), "utf8");
}

/** Every input cell's expected value. */
export function expectedCells(s: SampleExpectation): Record<string, string> {
  return Object.fromEntries(INPUT_CELLS.map((c) => [c.id, s.nonZero[c.id] ?? "0"]));
}

/** Every computed cell's expected printed value. */
export function expectedTotals(s: SampleExpectation): Record<string, string> {
  return Object.fromEntries([...CELLS.values()].filter((c) => c.computed).map((c) => [c.id, s.nonZeroTotals[c.id] ?? "0"]));
}
