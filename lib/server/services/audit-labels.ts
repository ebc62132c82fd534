// The audit log in words: action labels and event details as Chinese "label：value" pairs. Every code
// stored in a detail (roles, organ kinds, statuses, login failure reasons, formats, anchors, organ ids…)
// is shown through the label tables of lib/labels.ts, lib/report and comment-anchor — never raw.
// No database reads: listAuditEvents resolves organ ids to names and passes them in.
import { STATUS_LABELS } from "@/lib/report";
import {
  FILE_FORMAT_LABELS,
  LOGIN_FAILURE_LABELS,
  LOGIN_LOCK_RULE_LABELS,
  ORGAN_KIND_LABELS,
  REPORT_KIND_LABELS,
  REPORT_SOURCE_LABELS,
  ROLE_LABELS,
  codeLabel,
} from "@/lib/labels";
import { anchorLabel } from "./comment-anchor";
import { NONE_LABEL } from "./dashboard";

/** Chinese labels of the actions recorded by nianbao (an unknown action reads “其他操作（code）”). */
export const ACTION_LABELS: Record<string, string> = {
  "auth.login": "登录",
  "auth.login_failed": "登录失败",
  "auth.login_locked": "登录被锁定",
  "auth.logout": "退出登录",
  "account.create": "新建账号",
  "account.update": "修改账号",
  "account.password_reset": "重置密码",
  "account.disable": "停用账号",
  "account.enable": "启用账号",
  "account.unlock": "解除登录锁定",
  "account.import": "批量导入账号",
  "organ.create": "新建机关",
  "organ.update": "修改机关",
  "organ.import": "批量导入机关",
  "report.create": "新建报告",
  "report.save": "保存报告",
  "report.import": "导入报告",
  "report.submit": "提交报告",
  "report.withdraw": "撤回报告",
  "report.return": "退回报告",
  "report.review_start": "开始审核",
  "report.approve": "审核通过",
  "report.publish": "发布报告",
  "report.unpublish": "撤销发布",
  "report.export": "导出报告",
  "report.export_bulk": "批量导出",
  "rollup.export": "导出汇总数据",
  "dashboard.export": "导出工作台",
  "organ.move": "移动机关",
  "organ.deactivate": "停用机关",
  "organ.activate": "启用机关",
  "deadline.update": "修改公开期限",
  "report.rollup_refresh": "更新汇总数据",
  "comment.create": "添加批注",
  "comment.reply": "回复批注",
  "comment.resolve": "解决批注",
  "comment.reopen": "重新打开批注",
  "system.seed": "初始化演示数据",
  "register.create": "登记依申请公开",
  "register.update": "修改依申请公开登记",
  "register.delete": "删除依申请公开登记",
  "register.carry": "台账结转下年度",
  "register.import": "导入台账",
  "register.export": "导出台账",
  "register.case_add": "登记复议诉讼案件",
  "register.case_delete": "删除复议诉讼案件",
  "register.source": "切换表格数据来源",
  "register.fill_report": "按台账更新报告",
  "register.holiday": "修改节假日",
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? `其他操作（${action}）`;
}

/** Labels of the keys that appear in event details (and in their `changes`). */
export const DETAIL_LABELS: Record<string, string> = {
  username: "用户名",
  displayName: "姓名",
  role: "角色",
  organ: "机关",
  organId: "机关",
  reason: "原因",
  rule: "锁定规则",
  ip: "IP 地址",
  scope: "解除范围",
  year: "年度",
  count: "数量",
  fromVersion: "原版本",
  toVersion: "新版本",
  fields: "保存字段数",
  conflicts: "冲突字段数",
  rejected: "未保存字段数",
  fullName: "全称",
  shortName: "简称",
  kind: "类型",
  reportKind: "报告",
  parent: "上级机关",
  parentId: "上级机关",
  sortOrder: "排序",
  changes: "修改",
  sessionsRevoked: "注销会话数",
  cleared: "清除失败记录数",
  users: "账号",
  status: "状态",
  fromStatus: "原状态",
  version: "版本",
  seq: "第几次提交",
  anchor: "位置",
  format: "格式",
  comment: "意见",
  filter: "筛选",
  from: "来源",
  fileName: "文件名",
  skipped: "已存在而跳过",
  generated: "自动生成密码数",
  fileYear: "文件年度",
  fileOrgan: "文件中的机关",
  correctedCells: "校正单元格数",
  replaced: "替换原报告",
  source: "来源",
  value: "内容",
  entry: "申请序号",
  changedFields: "修改项目",
  alsoEntry: "同步修改结转的申请",
  table: "表格",
  tableSource: "数据来源",
  personal: "含个人信息",
  date: "日期",
};

/** Keys never shown (internal ids with no meaning for people). */
const HIDDEN = new Set(["userId", "commentId", "organId", "replyTo"]);

/** Name of an organ id, for details that store ids (organ tree edits, account organ changes). */
export type OrganNames = ReadonlyMap<string, string>;

function plain(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return typeof v === "boolean" ? (v ? "是" : "否") : String(v);
  if (Array.isArray(v)) return v.map((x) => plain(x)).join("、");
  return JSON.stringify(v);
}

function organName(v: unknown, organs: OrganNames): string {
  if (v === null || v === undefined || v === "") return "无";
  return organs.get(String(v)) ?? "已删除的机关";
}

function statuses(v: unknown): string {
  return String(v ?? "")
    .split(",")
    .filter(Boolean)
    .map((s) => (s === "NONE" ? NONE_LABEL : codeLabel(STATUS_LABELS, s)))
    .join("、");
}

/** The dashboard filter of a bulk export (what was exported; the sort order is left out). */
function filterText(v: unknown): string {
  if (!v || typeof v !== "object") return plain(v);
  const f = v as Record<string, unknown>;
  const parts: string[] = [];
  if (f.year) parts.push(`${plain(f.year)}年度`);
  if (f.status) parts.push(`状态 ${statuses(f.status)}`);
  if (f.kind) parts.push(`类型 ${codeLabel(ORGAN_KIND_LABELS, f.kind)}`);
  if (f.overdue === "1") parts.push("仅逾期");
  return parts.join("，") || "全部";
}

function replacedText(v: unknown): string {
  if (!v || typeof v !== "object") return "无";
  const r = v as Record<string, unknown>;
  return `${codeLabel(REPORT_SOURCE_LABELS, r.source)}，${codeLabel(STATUS_LABELS, r.status)}，第 ${plain(r.version)} 版`;
}

/** One detail value in words. */
export function detailValue(key: string, v: unknown, organs: OrganNames = new Map()): string {
  switch (key) {
    case "role":
      return codeLabel(ROLE_LABELS, v);
    case "kind":
      return codeLabel(ORGAN_KIND_LABELS, v);
    case "reportKind":
      return codeLabel(REPORT_KIND_LABELS, v);
    case "status":
    case "fromStatus":
      return codeLabel(STATUS_LABELS, v);
    case "reason":
      return codeLabel(LOGIN_FAILURE_LABELS, v);
    case "rule":
      return codeLabel(LOGIN_LOCK_RULE_LABELS, v);
    case "format":
      return codeLabel(FILE_FORMAT_LABELS, v);
    case "source":
      return codeLabel(REPORT_SOURCE_LABELS, v);
    case "from":
      return v === "import" ? "导入的上年报告" : plain(v);
    case "anchor":
      return typeof v === "string" ? anchorLabel(v) : plain(v);
    case "organId":
    case "parentId":
      return organName(v, organs);
    case "filter":
      return filterText(v);
    case "replaced":
      return replacedText(v);
    case "scope":
      return v === "address" ? "该地址的所有账号" : v === "username" ? "该账号（所有地址）" : plain(v);
    default:
      return plain(v);
  }
}

export type DetailEntry = { key: string; label: string; text: string };

/** An event's detail as labelled lines, in stored order; changes read "字段：旧 → 新". */
export function describeDetail(detail: Record<string, unknown>, organs: OrganNames = new Map()): DetailEntry[] {
  const out: DetailEntry[] = [];
  for (const [key, v] of Object.entries(detail)) {
    if (HIDDEN.has(key)) continue;
    let text: string;
    if (key === "changes" && v && typeof v === "object" && !Array.isArray(v)) {
      text = Object.entries(v as Record<string, { from?: unknown; to?: unknown } | null>)
        .map(
          ([field, c]) =>
            `${DETAIL_LABELS[field] ?? field}：${detailValue(field, c?.from, organs)} → ${detailValue(field, c?.to, organs)}`,
        )
        .join("；");
    } else {
      text = detailValue(key, v, organs);
    }
    out.push({ key, label: DETAIL_LABELS[key] ?? key, text });
  }
  return out;
}

/** Organ ids a detail refers to (to be resolved to names before describeDetail). */
export function organIdsIn(detail: Record<string, unknown>): string[] {
  const ids: unknown[] = [detail.parentId];
  const changes = detail.changes;
  if (changes && typeof changes === "object") {
    for (const field of ["organId", "parentId"]) {
      const c = (changes as Record<string, { from?: unknown; to?: unknown } | undefined>)[field];
      if (c) ids.push(c.from, c.to);
    }
  }
  return ids.filter((x): x is string => typeof x === "string" && x !== "");
}
