/**
 * The six sections of the 2021 format (国办公开办函〔2021〕30号) and the text fields the editor offers.
 * Every label here is the official wording; nothing else in the code base types them again.
 */

export type SectionKey = "s1" | "s2" | "s3" | "s4" | "s5" | "s6";

export type SectionDef = {
  key: SectionKey;
  numeral: string;
  title: string;
  kind: "text" | "table";
  /** Longer wordings seen in published reports, accepted on import. */
  variants: readonly string[];
};

export const SECTIONS: readonly SectionDef[] = [
  { key: "s1", numeral: "一", title: "总体情况", kind: "text", variants: [] },
  { key: "s2", numeral: "二", title: "主动公开政府信息情况", kind: "table", variants: [] },
  { key: "s3", numeral: "三", title: "收到和处理政府信息公开申请情况", kind: "table", variants: [] },
  {
    key: "s4",
    numeral: "四",
    title: "政府信息公开行政复议、行政诉讼情况",
    kind: "table",
    variants: ["因政府信息公开工作被申请行政复议、提起行政诉讼情况"],
  },
  {
    key: "s5",
    numeral: "五",
    title: "存在的主要问题及改进情况",
    kind: "text",
    variants: ["政府信息公开工作存在的主要问题及改进情况"],
  },
  { key: "s6", numeral: "六", title: "其他需要报告的事项", kind: "text", variants: [] },
];

/** "一、总体情况" */
export function sectionHeading(section: SectionDef): string {
  return `${section.numeral}、${section.title}`;
}

export function sectionByKey(key: SectionKey): SectionDef {
  const found = SECTIONS.find((s) => s.key === key);
  if (!found) throw new Error(`unknown section ${key}`);
  return found;
}

export type TextFieldDef = {
  /** Key in ReportContent.text */
  id: string;
  section: SectionKey;
  /** Sub-heading printed before the field ("（一）主动公开"), or null for a field without one. */
  heading: string | null;
  /** What the editor shows as the field's name. */
  label: string;
  /** Short hint for the clerk. */
  hint: string;
};

/** Sub-sections of 一, in order: the numeral and the topic. */
const SECTION_ONE_TOPICS = [
  ["s1.active", "（一）", "主动公开", "主动公开的内容、数量、渠道"],
  ["s1.request", "（二）", "依申请公开", "收到和办理申请的情况"],
  ["s1.management", "（三）", "政府信息管理", "制度、审查、动态调整等"],
  ["s1.platform", "（四）", "政府信息公开平台建设", "政府网站、政务新媒体、公开栏等"],
  ["s1.oversight", "（五）", "监督保障", "考核、培训、社会评议、责任追究"],
] as const;

export const TEXT_FIELDS: readonly TextFieldDef[] = [
  {
    id: "s1.lead",
    section: "s1",
    heading: null,
    label: "总体情况（导语）",
    hint: "可选：概述本年度工作，随后分五个方面说明",
  },
  ...SECTION_ONE_TOPICS.map(([id, numeral, topic, hint]) => ({
    id,
    section: "s1" as const,
    heading: `${numeral}${topic}`,
    label: `${numeral}${topic}`,
    hint,
  })),
  {
    id: "s5",
    section: "s5",
    heading: null,
    label: sectionHeading(sectionByKey("s5")),
    hint: "具体问题和改进措施，不得与上年雷同",
  },
  {
    id: "s6",
    section: "s6",
    heading: null,
    label: sectionHeading(sectionByKey("s6")),
    hint: "年度政务公开工作要点落实情况及其他需要报告的事项",
  },
];

/** The five topics section 一 must cover (rule T2). */
export const SECTION_ONE_TOPIC_NAMES: readonly string[] = SECTION_ONE_TOPICS.map(([, , topic]) => topic);

/** Guideline for section 一's length (characters). */
export const SECTION_ONE_GUIDELINE_CHARS = 1000;

/** Hard limit for any text field (characters). */
export const TEXT_FIELD_MAX_CHARS = 20000;

export function textFieldsOf(section: SectionKey): TextFieldDef[] {
  return TEXT_FIELDS.filter((f) => f.section === section);
}

/** "YYYY年政府信息公开工作年度报告": the fixed part of the title. */
export function reportTitleSuffix(year: number): string {
  return `${year}年政府信息公开工作年度报告`;
}
