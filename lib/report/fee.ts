import type { FeeStatement } from "@/lib/template";
import { readCell } from "./values";

/** The editor's 信息处理费 part and its two choices (named by the rules that point at it). */
export const FEE_LABEL = "信息处理费收取情况";
export const FEE_CHOICE_LABELS = { uncharged: "未收取", charged: "收取了" } as const;
export const feeChoiceLabel = (charged: boolean) => (charged ? FEE_CHOICE_LABELS.charged : FEE_CHOICE_LABELS.uncharged);

/**
 * The 信息处理费 statement section 六 must carry (国办函〔2020〕109号), generated from the structured part.
 * "" while the clerk has not said whether fees were charged.
 */
export function feeStatement(fee: FeeStatement): string {
  if (fee.charged === null) return "";
  if (!fee.charged) return "本年度未收取政府信息公开信息处理费。";
  const pieces = readCell(fee.pieces, "count");
  const amount = readCell(fee.amount, "decimal");
  const p = pieces.state === "valid" ? String(pieces.value) : "    ";
  const a = amount.state === "valid" ? fee.amount.trim() : "    ";
  return `本年度依据《政府信息公开信息处理费管理办法》对${p}件政府信息公开申请收取信息处理费，共计${a}元。`;
}
