/**
 * Demo content for the organs of the reporting chain: a complete, balanced township or department
 * report whose figures vary with a small number `n`, with text that states those figures correctly and
 * no empty placeholders — so the demo shows dashboards, roll-ups and a 汇总 report with real-looking data.
 */
import { defaultOpening, emptyContent, t2CellId, t3CellId, type ReportContent } from "@/lib/template";

export function demoOrganContent(organName: string, year: number, n: number, contact: { address: string; phone: string }): ReportContent {
  const opening = defaultOpening(organName, year).replace("（地址：    ；电话：    ）", `（地址：${contact.address}；电话：${contact.phone}）`);
  const c = emptyContent(organName, year, opening);
  for (const id of Object.keys(c.cells)) c.cells[id] = "0";
  const received = 2 + (n % 3); // 本年新收
  const carried = n % 2; // 上年结转
  const open = received - 1 + carried; // 予以公开
  const partial = 1; // 部分公开
  // 一 + 二 = （七）总计 + 四: received + carried = open + partial + carryover(0)
  c.cells[t3CellId("new", "natural")] = String(received);
  c.cells[t3CellId("carried", "natural")] = String(carried);
  c.cells[t3CellId("open", "natural")] = String(open);
  c.cells[t3CellId("partial", "natural")] = String(partial);
  c.cells[t2CellId("normative", "issued")] = String(n % 2);
  c.cells[t2CellId("normative", "valid")] = String(3 + n);
  c.cells[t2CellId("permit", "decisions")] = String(10 + 3 * n);
  c.cells[t2CellId("penalty", "decisions")] = String(n % 4);
  c.cells[t2CellId("fee", "amount")] = n % 3 === 0 ? "0" : `${n}.25`;
  c.header.signDate = `${year + 1}年1月${18 + (n % 8)}日`;
  c.fee = { charged: false, pieces: "", amount: "" };
  c.text = {
    "s1.lead": `${year}年，${organName}认真贯彻《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，扎实推进政府信息公开工作。`,
    "s1.active": `全年通过政府网站、政务新媒体和村（社区）公开栏主动公开政府信息${40 + 7 * n}条，重点公开财政预决算、惠民惠农补贴、征地补偿等信息。`,
    "s1.request": `本年新收政府信息公开申请${received}件，上年结转${carried}件，均在法定期限内答复。`,
    "s1.management": "严格执行信息发布“三审三校”制度和保密审查制度，及时更新政府信息公开目录。",
    "s1.platform": "依托政府门户网站政府信息公开专栏集中发布信息，便民服务中心设置政府信息查阅点。",
    "s1.oversight": "将政务公开纳入年度目标考核，组织业务培训两次，未发生责任追究情形。",
    s5: "一是部分领域信息公开不够及时，二是政策解读形式较为单一。下一步将建立公开事项清单，按月督促更新，并通过图解、短视频等形式加强政策解读。",
    s6: `本年度${organName}年度政务公开工作要点落实情况良好，无其他需要报告的事项。`,
  };
  return c;
}
