// The legal clock on the real State Council calendars (chinese-days data, checked against 国务院办公厅关于
// 2024年部分节假日安排的通知 国办发明电〔2023〕7号 and 关于2025年部分节假日安排的通知 国办发明电〔2024〕12号):
//   2024 春节 2月10日至17日 off, 2月4日（星期日）、2月18日（星期日）上班; 2024 国庆 10月1日至7日 off,
//   9月29日（星期日）、10月12日（星期六）上班; 2025 春节 1月28日至2月4日 off, 1月26日（星期日）、2月8日（星期六）上班;
//   2025 清明 4月4日至6日; 端午 5月31日至6月2日; 国庆中秋 10月1日至8日 off, 9月28日（星期日）、10月11日（星期六）上班.
// Each due date below was counted by hand, day by day; the day of receipt is never counted.
import { describe, expect, it } from "vitest";
import { buildCalendar, DEFAULT_CALENDAR as cal } from "./calendar";
import { addWorkingDays, computeDeadline, urgency, workingDaysLeft } from "./clock";

describe("the calendar", () => {
  it("knows the 调休 weekends and the holidays", () => {
    expect(cal.isWorkday("2025-09-28")).toBe(true); // Sunday worked
    expect(cal.isWorkday("2025-10-11")).toBe(true); // Saturday worked
    expect(cal.isWorkday("2025-10-08")).toBe(false); // Wednesday off
    expect(cal.isWorkday("2025-10-12")).toBe(false); // plain Sunday
    expect(cal.isWorkday("2024-02-18")).toBe(true);
    expect(cal.isWorkday("2024-02-09")).toBe(true); // 除夕 2024 was not a day off
    expect(cal.isWorkday("2025-01-28")).toBe(false);
  });
  it("lets an admin-entered day win over the package", () => {
    const c = buildCalendar([
      { date: "2024-11-05", kind: "holiday" },
      { date: "2025-10-12", kind: "workday" },
    ]);
    expect(c.isWorkday("2024-11-05")).toBe(false);
    expect(c.isWorkday("2025-10-12")).toBe(true);
    // received Mon 2024-11-04, the Tuesday off: 11-06..08 = 1..3, 11..15 = 8, 18..22 = 13, 25..29 = 18,
    // 12-02 = 19, 12-03 = 20
    expect(computeDeadline(c, { receivedAt: "2024-11-04" }).due).toBe("2024-12-03");
  });
});

describe("20 working days (第三十三条)", () => {
  it("before 国庆 2025: received on the 调休 Sunday 9月28日", () => {
    // 9-29 1, 9-30 2, 10-1..8 off, 10-9 3, 10-10 4, 10-11 (Sat, worked) 5, 10-13..17 6–10, 10-20..24 11–15,
    // 10-27..31 16–20 → 10月31日
    const d = computeDeadline(cal, { receivedAt: "2025-09-28" });
    expect(d.state).toBe("open");
    expect(d.due).toBe("2025-10-31");
    // the 补正 notice within 7 working days (第三十条): 9-29, 9-30, 10-9, 10-10, 10-11, 10-13, 10-14
    expect(d.correctionNoticeDue).toBe("2025-10-14");
    // seen on 9-30 (working day 2): 18 working days left; on 11-3, overdue
    expect(workingDaysLeft(cal, "2025-09-30", d.due!)).toBe(18);
    expect(urgency(cal, d, "2025-09-30")).toBe("ok");
    expect(urgency(cal, d, "2025-10-27")).toBe("due_soon");
    expect(urgency(cal, d, "2025-11-01")).toBe("overdue"); // a Saturday after the due Friday
    expect(urgency(cal, d, "2025-11-03")).toBe("overdue");
  });
  it("before 国庆 2024: received on the 调休 Sunday 9月29日", () => {
    // 9-30 1, 10-1..7 off, 10-8..11 2–5, 10-12 (Sat, worked) 6, 10-14..18 7–11, 10-21..25 12–16,
    // 10-28..31 17–20 → 10月31日
    expect(computeDeadline(cal, { receivedAt: "2024-09-29" }).due).toBe("2024-10-31");
  });
  it("before 春节 2025: received on the 调休 Sunday 1月26日", () => {
    // 1-27 1, 1-28..2-4 off, 2-5..7 2–4, 2-8 (Sat, worked) 5, 2-10..14 6–10, 2-17..21 11–15,
    // 2-24..28 16–20 → 2月28日
    expect(computeDeadline(cal, { receivedAt: "2025-01-26" }).due).toBe("2025-02-28");
  });
  it("before 春节 2024: received on the 调休 Sunday 2月4日", () => {
    // 2-5..9 1–5 (除夕 2-9 worked), 2-10..17 off, 2-18 (Sun, worked) 6, 2-19..23 7–11, 2-26..3-1 12–16,
    // 3-4..7 17–20 → 3月7日
    expect(computeDeadline(cal, { receivedAt: "2024-02-04" }).due).toBe("2024-03-07");
  });
});

describe("补正 (第三十条)", () => {
  it("stands still while the notice is out, then runs from the corrected application", () => {
    const waiting = computeDeadline(cal, { receivedAt: "2025-03-03", steps: { correctionNoticeAt: "2025-03-05" } });
    expect(waiting.state).toBe("awaiting_correction");
    expect(waiting.due).toBeNull();
    // corrected application arrives Fri 3-14: 3-17..21 1–5, 3-24..28 6–10, 3-31..4-3 11–14, 4-4 清明 off,
    // 4-7..11 15–19, 4-14 20 → 4月14日
    const d = computeDeadline(cal, {
      receivedAt: "2025-03-03",
      steps: { correctionNoticeAt: "2025-03-05", correctionReceivedAt: "2025-03-14" },
    });
    expect(d.start).toBe("2025-03-14");
    expect(d.due).toBe("2025-04-14");
    const expired = computeDeadline(cal, {
      receivedAt: "2025-03-03",
      steps: { correctionNoticeAt: "2025-03-05", correctionExpiredAt: "2025-03-20" },
    });
    expect(expired.state).toBe("ended");
  });
});

describe("征求第三方意见 (第三十三条第二款)", () => {
  it("does not count the consultation's days", () => {
    // received Tue 6-3 (after 端午 5-31..6-2). Without consultation: 6-4..6 1–3, 6-9..13 4–8, 6-16..20 9–13,
    // 6-23..27 14–18, 6-30 19, 7-1 20 → 7月1日
    expect(computeDeadline(cal, { receivedAt: "2025-06-03" }).due).toBe("2025-07-01");
    // consulting 6-10..6-20 (inclusive, skipped): 6-4..6 1–3, 6-9 4, 6-23..27 5–9, 6-30..7-4 10–14,
    // 7-7..11 15–19, 7-14 20 → 7月14日
    const d = computeDeadline(cal, { receivedAt: "2025-06-03", steps: { consultations: [{ from: "2025-06-10", to: "2025-06-20" }] } });
    expect(d.due).toBe("2025-07-14");
    const open = computeDeadline(cal, { receivedAt: "2025-06-03", steps: { consultations: [{ from: "2025-06-10", to: null }] } });
    expect(open.state).toBe("consulting");
    expect(open.due).toBeNull();
  });
});

describe("延期 (第三十三条)", () => {
  it("adds the approved working days, at most 20", () => {
    // received Mon 2024-11-04: 11-5..8 1–4, 11-11..15 5–9, 11-18..22 10–14, 11-25..29 15–19, 12-2 20
    expect(computeDeadline(cal, { receivedAt: "2024-11-04" }).due).toBe("2024-12-02");
    // + 20: 12-3..6 21–24, 12-9..13 25–29, 12-16..20 30–34, 12-23..27 35–39, 12-30 40 → 12月30日
    const ext = { extensionApprovedAt: "2024-11-25" };
    expect(computeDeadline(cal, { receivedAt: "2024-11-04", steps: ext }).due).toBe("2024-12-30");
    // + 10: 12-3..6 21–24, 12-9..13 25–29, 12-16 30 → 12月16日
    expect(computeDeadline(cal, { receivedAt: "2024-11-04", steps: { ...ext, extensionDays: 10 } }).due).toBe("2024-12-16");
    // never more than 20
    expect(computeDeadline(cal, { receivedAt: "2024-11-04", steps: { ...ext, extensionDays: 30 } }).due).toBe("2024-12-30");
  });
  it("counts the days between 收费通知 and payment like a consultation", () => {
    // fee notice 11-11, paid 11-15: 11-5..8 1–4, 11-11..15 skipped, 11-18..22 5–9, 11-25..29 10–14, 12-2..6 15–19, 12-9 20
    expect(
      computeDeadline(cal, { receivedAt: "2024-11-04", steps: { feeNoticeAt: "2024-11-11", feePaidAt: "2024-11-15" } }).due,
    ).toBe("2024-12-09");
  });
  it("addWorkingDays does not count the start day", () => {
    expect(addWorkingDays(cal, "2024-11-04", 1)).toBe("2024-11-05");
    expect(addWorkingDays(cal, "2024-11-08", 1)).toBe("2024-11-11");
  });
});
