import type { OrganImportPreview } from "@/lib/admin/organ-import-columns";
import type { ImportedAccount, UserImportPreview } from "@/lib/admin/user-import-columns";

/** State of the administration forms (server actions in app/(app)/admin/actions.ts). */
export type AdminFormState = {
  ok: boolean;
  message: string | null;
  /** field name → Chinese message */
  fieldErrors: Partial<Record<string, string>>;
  /** What the user typed, to show again after an error (never the password). */
  values: Record<string, string>;
  /** Incremented per submission: remounts the form so that the kept values show. */
  seq: number;
};

export const INITIAL_FORM_STATE: AdminFormState = { ok: false, message: null, fieldErrors: {}, values: {}, seq: 0 };

/** State of the organ import form: the last check's (or failed import's) preview of the file. */
export type OrganImportState = AdminFormState & {
  preview: OrganImportPreview | null;
  /** organs created by the last import (its message says so) */
  imported: number;
};

export const INITIAL_ORGAN_IMPORT_STATE: OrganImportState = { ...INITIAL_FORM_STATE, preview: null, imported: 0 };

/** State of the account import form: the last check's preview, or the accounts just imported with their initial passwords (shown once). */
export type UserImportState = AdminFormState & {
  preview: UserImportPreview | null;
  /** the accounts created by the last import, each with its initial password: kept in the page only */
  accounts: ImportedAccount[];
  fileName: string;
};

export const INITIAL_USER_IMPORT_STATE: UserImportState = { ...INITIAL_FORM_STATE, preview: null, accounts: [], fileName: "" };
