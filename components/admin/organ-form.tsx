"use client";

import { useState } from "react";
import { createOrganAction, updateOrganAction } from "@/app/(app)/admin/actions";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { ORGAN_FIELD_LABELS } from "@/lib/labels";
import { ORGAN_NAME_MAX } from "@/lib/admin/field-limits";
import { ORGAN_KIND_INFO, ORGAN_KINDS, type OrganKind } from "@/lib/report/client";
import { Field, FormMessage, errorProps, selectClass } from "./field";
import { deadlineHint } from "./deadline";
import { useAdminForm } from "./use-admin-form";
import { LimitedInput, limitHint } from "./limited-input";

export type OrganFormValues = { fullName: string; shortName: string; kind: string; parentId: string; sortOrder: string };

const EMPTY: OrganFormValues = { fullName: "", shortName: "", kind: "TOWNSHIP", parentId: "", sortOrder: "0" };

export function OrganForm({
  organId,
  initial,
  parents,
}: {
  /** set when editing */
  organId?: string;
  initial?: OrganFormValues;
  /** the organs that may be chosen as parent (the admin's governments, minus this organ's own subtree) */
  parents: { id: string; name: string; kind: string; depth: number }[];
}) {
  const editing = !!organId;
  const { state, pending, busy, formProps } = useAdminForm(editing ? updateOrganAction : createOrganAction);
  const v: OrganFormValues = { ...EMPTY, ...initial, ...state.values };
  const e = state.fieldErrors;
  return (
    <form {...formProps} key={state.seq} noValidate className="space-y-4" aria-label={editing ? "编辑机关" : "新建机关"}>
      {organId ? <input type="hidden" name="id" value={organId} /> : null}
      <OrganFields v={v} e={e} parents={parents} />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={busy}>
          {pending ? "正在保存…" : editing ? "保存" : "新建机关"}
        </Button>
      </div>
      <FormMessage ok={state.ok} message={state.message} testId="organ-form-message" />
    </form>
  );
}

function OrganFields({
  v,
  e,
  parents,
}: {
  v: OrganFormValues;
  e: Partial<Record<string, string>>;
  parents: { id: string; name: string; kind: string; depth: number }[];
}) {
  const [kind, setKind] = useState(v.kind);
  const info = ORGAN_KIND_INFO[kind as OrganKind];
  const allowed = new Set<string>(info?.parents ?? []);
  const parentHint = info
    ? info.parents.length
      ? `须为${info.parents.map((k) => ORGAN_KIND_INFO[k].label).join("或")}${info.root ? "，也可留空（最高一级）" : ""}`
      : "不设上级机关"
    : "";
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Field
        id="organ-fullName"
        label={ORGAN_FIELD_LABELS.fullName}
        error={e.fullName}
        hint={`如：示范县河口乡人民政府（用于报告署名和标题）；${limitHint(ORGAN_NAME_MAX.fullName)}`}
      >
        <LimitedInput
          id="organ-fullName"
          name="fullName"
          label={ORGAN_FIELD_LABELS.fullName}
          max={ORGAN_NAME_MAX.fullName}
          defaultValue={v.fullName}
          {...errorProps("organ-fullName", e.fullName)}
        />
      </Field>
      <Field id="organ-shortName" label={ORGAN_FIELD_LABELS.shortName} error={e.shortName} hint={`如：河口乡；${limitHint(ORGAN_NAME_MAX.shortName)}`}>
        <LimitedInput
          id="organ-shortName"
          name="shortName"
          label={ORGAN_FIELD_LABELS.shortName}
          max={ORGAN_NAME_MAX.shortName}
          defaultValue={v.shortName}
          {...errorProps("organ-shortName", e.shortName)}
        />
      </Field>
      <Field id="organ-kind" label={ORGAN_FIELD_LABELS.kind} error={e.kind} hint={deadlineHint(kind)}>
        <select
          id="organ-kind"
          name="kind"
          defaultValue={v.kind}
          onChange={(ev) => setKind(ev.target.value)}
          className={selectClass}
          {...errorProps("organ-kind", e.kind)}
        >
          {ORGAN_KINDS.map((value) => (
            <option key={value} value={value}>
              {ORGAN_KIND_INFO[value].label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="organ-parentId" label={ORGAN_FIELD_LABELS.parentId} error={e.parentId} hint={parentHint}>
        <select
          id="organ-parentId"
          name="parentId"
          defaultValue={v.parentId}
          className={selectClass}
          {...errorProps("organ-parentId", e.parentId)}
        >
          <option value="">（无）</option>
          {parents.map((c) => (
            <option key={c.id} value={c.id} disabled={!allowed.has(c.kind)}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="organ-sortOrder" label={ORGAN_FIELD_LABELS.sortOrder} error={e.sortOrder} hint="数字小的排在前面">
        <Input
          id="organ-sortOrder"
          name="sortOrder"
          inputMode="numeric"
          defaultValue={v.sortOrder}
          className="w-32"
          {...errorProps("organ-sortOrder", e.sortOrder)}
        />
      </Field>
    </div>
  );
}
