/**
 * Sections with substance — one check for what a careful reviewer sends back unread:
 *   E9 (error, blocks submit): empty template placeholders left in the opening, the 署名 or any section
 *      (「（地址：；电话：）」, 「电话：0371-」, 「××」, 「XX」, 「****」, 「某某路」, empty brackets 「（）」「【】」);
 *   T2 (warning): 一 without one of its five topics, or a topic that says nothing (「无」「暂无」, a few characters);
 *   T7 (warning): 五 that names no problem and no measure — only 「无」「暂无问题」, a stock sentence, or too short
 *      (the format: 「不得出现敷衍了事甚至年年雷同现象」).
 * Pure. Section and topic names come from lib/template.
 */
import { SECTION_ONE_GUIDELINE_CHARS, TEXT_FIELDS, sectionByKey, sectionHeading, textFieldsOf, type ReportContent } from "@/lib/template";
import { headerRef, textRef, type Finding } from "./findings";

/** A placeholder left empty, with what to say about it. */
const PLACEHOLDERS: readonly { re: RegExp; what: string }[] = [
  // 「地址：；」「电话：    ）」 — a label with nothing after it
  { re: /(地址|电话|联系电话|邮编|邮政编码|联系人|传真|电子邮箱|邮箱|网址)\s*[：:]\s*(?=[；;，,、）)\]】。]|$)/g, what: "空的“$1：”" },
  // 「电话：0371-    ）」 — only the area code, the number left to fill in
  { re: /(电话|联系电话|传真)\s*[：:]\s*[\d\s]*\d\s*[-－—]\s*(?=[；;，,、）)\]】。]|$)/g, what: "不完整的“$&”" },
  // 「××镇」「XX」 (not the letters of a web address: 「xxgk」), 「○○」「□□」, masked digits 「****」, a blank
  // line to write on
  { re: /×{2,}|(?<![A-Za-z])(?:X{2,}|x{2,})(?![A-Za-z])|Ｘ{2,}|ｘ{2,}|○{2,}|□{2,}|_{3,}|＿{2,}|\*{3,}|＊{2,}/g, what: "占位符“$&”" },
  // 「某某路某某号」「〇〇路」 — an address to fill in (not 「张某某」, an applicant's name made anonymous, nor
  // the 〇 of 「二〇二四年」)
  { re: /(?:某{2,}|(?<![一二三四五六七八九十〇零])〇{2,})(?=[路街道巷弄号村组楼室])/g, what: "占位符“$&”" },
  // full-width and Chinese brackets, as templates print them (ASCII 「[]」 is left: web pages' chrome, 「字体:[]」)
  { re: /[（(]\s*[）)]|【\s*】|〔\s*〕|「\s*」|“\s*”/g, what: "空括号“$&”" },
];

export type PlaceholderHit = { text: string; what: string; index: number };

/** The empty placeholders of a text. */
export function findPlaceholders(text: string): PlaceholderHit[] {
  const out: PlaceholderHit[] = [];
  for (const p of PLACEHOLDERS)
    for (const m of text.matchAll(p.re))
      out.push({ text: m[0], index: m.index!, what: p.what.replace("$1", m[1] ?? "").replace("$&", m[0].trim()) });
  return out.sort((a, b) => a.index - b.index);
}

/** Characters without white space and punctuation. */
const plain = (s: string) => s.replace(/[\s\p{P}\p{S}]/gu, "");

/** What a section may not consist of alone. */
const EMPTY_WORDS = /^(无|暂无|没有|略|同上|无问题|暂无问题|没有问题|暂未发现问题|未发现问题|无明显问题|暂无明显问题|不存在问题|无其他|无其他需要报告的事项|见上|待补充|待填写)$/;
/** Stock sentences that fill 五 without naming anything (compared without punctuation). */
const STOCK_S5 = [
  "工作中还存在一些问题和不足",
  "工作还存在一些不足",
  "存在的问题和不足下一步将认真加以改进",
  "仍存在一些不足下一步将进一步加强",
  "与上级要求还有一定差距",
  "我单位将进一步做好政府信息公开工作",
  "下一步将继续做好政府信息公开工作",
].map(plain);
const PROBLEM = /问题|不足|不够|有待|欠缺|薄弱|不及时|不规范|不全面|不完善|不到位|不高|不强|滞后|单一|较少|偏少|短板|差距|缺乏|困难|不平衡|不充分|待提高|待加强|待提升|待完善/;
const MEASURE = /下一步|今后|将|改进|加强|完善|提升|提高|整改|措施|建立|健全|推进|落实|强化|加大|规范|优化|做好|开展|组织|培训|督促/;
/** Shortest 五 that can name a problem and a measure. */
export const S5_MIN_CHARS = 20;
/** Shortest topic of 一 that says something. */
export const TOPIC_MIN_CHARS = 6;

/** How a topic of 一 shows itself in text without its sub-heading (the reviewed list; field id → words). */
const TOPIC_WORDS: Readonly<Record<string, RegExp>> = {
  "s1.active": /主动公开|公开信息|公开政府信息|公开政务信息|内容公开|公开内容|公开的内容|发布信息/,
  "s1.request": /依申请|公开申请|申请公开/,
  "s1.management": /信息管理|审查|审核|保密|涉密|公开目录|三审三校/,
  "s1.platform": /平台|网站|公开栏|新媒体|公众号|专栏|查阅点|查阅室|微信|微博/,
  "s1.oversight": /监督保障|监督检查|考核|培训|评议|责任追究|督查|督导/,
};

type Add = (f: Omit<Finding, "key"> & { key?: string }) => void;

export function substanceFindings(content: ReportContent, add: Add): void {
  // ---- E9 placeholders, wherever text is printed
  const printed: [string, string, string][] = [
    [headerRef("opening"), "开头段落", content.header.opening],
    [headerRef("organName"), "署名", content.header.organName],
    ...TEXT_FIELDS.map((f): [string, string, string] => [textRef(f.id), fieldName(f.id), content.text[f.id] ?? ""]),
  ];
  for (const [ref, name, text] of printed) {
    const hits = findPlaceholders(text);
    if (hits.length === 0) continue;
    const shown = [...new Set(hits.map((h) => h.what))].slice(0, 3).join("、");
    add({
      rule: "E9",
      severity: "error",
      cells: [ref],
      key: `E9:${ref}`,
      message: `${name}中还有未填写的模板占位内容（${shown}），请填写或删除后再提交。`,
    });
  }

  // ---- T2: 一's five topics, each with something in it
  const fields = textFieldsOf("s1");
  const whole = fields.map((f) => content.text[f.id] ?? "").join("\n");
  for (const f of fields.filter((x) => x.heading)) {
    const text = (content.text[f.id] ?? "").trim();
    const p = plain(text);
    // a topic written about without its sub-heading (in the lead or another topic) is there
    if (text === "" && TOPIC_WORDS[f.id]?.test(whole)) continue;
    if (text === "")
      add({ rule: "T2", severity: "warning", cells: [textRef(f.id)], message: `一、总体情况应包括“${f.heading}”方面的内容。` });
    else if (EMPTY_WORDS.test(p) || [...p].length < TOPIC_MIN_CHARS)
      add({
        rule: "T2",
        severity: "warning",
        cells: [textRef(f.id)],
        key: `T2:thin:${f.id}`,
        message: `一、总体情况“${f.heading}”只写了“${text.slice(0, 20)}”，请写明本年度的具体工作。`,
      });
  }
  const length = fields.reduce((a, f) => a + [...(content.text[f.id] ?? "").replace(/\s/g, "")].length, 0);
  if (length > SECTION_ONE_GUIDELINE_CHARS)
    add({
      rule: "T2",
      severity: "warning",
      cells: fields.map((f) => textRef(f.id)),
      key: "T2:length",
      message: `一、总体情况共 ${length} 字，原则上不超过 ${SECTION_ONE_GUIDELINE_CHARS} 字。`,
    });

  // ---- T7: 五 names a problem and a measure
  const s5 = (content.text.s5 ?? "").trim();
  if (s5 === "") return; // E6
  const name = sectionHeading(sectionByKey("s5"));
  const p = plain(s5);
  let why: string | null = null;
  if (EMPTY_WORDS.test(p)) why = `只写了“${s5}”`;
  else if (STOCK_S5.includes(p)) why = "只有一句套话";
  else if ([...p].length < S5_MIN_CHARS) why = `只有 ${[...p].length} 个字`;
  else if (!PROBLEM.test(s5)) why = "没有写明存在的具体问题";
  else if (!MEASURE.test(s5)) why = "没有写明改进措施";
  if (why)
    add({
      rule: "T7",
      severity: "warning",
      cells: [textRef("s5")],
      message: `${name}${why}：应写明本年度存在的具体问题和改进措施，不得敷衍了事或年年雷同。`,
    });
}

function fieldName(id: string): string {
  const f = TEXT_FIELDS.find((x) => x.id === id)!;
  return f.section === "s1" ? `一、总体情况${f.heading ?? "（导语）"}` : f.label;
}
