/**
 * Demo registers (台账) whose table 三 is exactly the demo report's (lib/demo/township.ts): for an organ with
 * demo number `n`, `received` applications this year (one 补正, one 征求第三方意见, one 延期; one 部分公开, the
 * others 予以公开), and when `n` is odd one application received late last year, still open on 12月31日,
 * carried over (上年结转) and answered in January. Dates lie in January–April of the year.
 */
import { EMPTY_INPUT, type ApplicationInput } from "@/lib/register/model";

export type DemoRegister = {
  /** last year's open application (to carry over), or null */
  lastYear: ApplicationInput | null;
  /** its closing in this year's register */
  carriedClose: { repliedAt: string; result: string } | null;
  entries: ApplicationInput[];
};

export function demoRegister(year: number, n: number): DemoRegister {
  const received = 2 + (n % 3);
  const carried = n % 2 === 1;
  const d = (md: string) => `${year}-${md}`;
  const base = (over: Partial<ApplicationInput>): ApplicationInput => ({ ...EMPTY_INPUT, ...over });
  const contents = ["本村土地征收补偿标准及发放情况", "本镇2024年道路建设项目招标文件", "辖区养老机构名单及收费标准", "农村危房改造补助名单", "集贸市场摊位租赁合同"];
  const entries: ApplicationInput[] = [];
  for (let i = 0; i < received; i++) {
    const partial = i === received - 1;
    const common = {
      applicantType: "natural",
      applicantName: `申请人${String.fromCharCode(0x7532 + i)}${n}`,
      contact: `1390000${String(n).padStart(2, "0")}${String(i).padStart(2, "0")}`,
      content: contents[(i + n) % contents.length]!,
      result: partial ? "partial" : "open",
    };
    if (i === 0)
      // 补正: notice within 7 working days, the corrected application after a week
      entries.push(base({ ...common, receivedAt: d("02-24"), method: "in_person", correctionNoticeAt: d("02-27"), correctionReceivedAt: d("03-06"), repliedAt: d("03-27"), note: "申请内容不明确，已告知补正" }));
    else if (i === 1)
      // 征求第三方意见 from–to, not counted in the 20 working days
      entries.push(
        base({
          ...common,
          receivedAt: d("03-10"),
          method: "mail",
          consultFrom: d("03-16"),
          consultTo: d("03-27"),
          repliedAt: d("04-17"),
          note: "涉及第三方商业秘密，已征求第三方意见",
          ...(received === 2 ? { extensionApprovedAt: d("04-03"), extensionDays: "10" } : {}),
        }),
      );
    else if (i === 2)
      // 延期 approved by the office's head
      entries.push(base({ ...common, receivedAt: d("03-17"), method: "online", extensionApprovedAt: d("04-10"), extensionDays: "20", repliedAt: d("04-24"), note: "需调取档案，经负责人同意延期" }));
    else entries.push(base({ ...common, receivedAt: d("04-01"), method: "online", repliedAt: d("04-14") }));
  }
  return {
    lastYear: carried
      ? base({ receivedAt: `${year - 1}-12-22`, method: "in_person", applicantType: "natural", applicantName: `结转申请人${n}`, contact: "", content: "年末收到的补贴发放明细申请" })
      : null,
    carriedClose: carried ? { repliedAt: d("01-13"), result: "open" } : null,
    entries,
  };
}
