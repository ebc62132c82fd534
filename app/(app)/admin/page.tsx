import { redirect } from "next/navigation";
import { requireAdmin } from "./guard";

export default async function AdminIndex() {
  await requireAdmin();
  redirect("/admin/organs");
}
