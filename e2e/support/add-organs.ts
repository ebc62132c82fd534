// Adds N townships under 示范县人民政府 to the database named by DATABASE_URL (a province's size for the
// specs that need more organs than a select lists: e2e/organ-picker.spec.ts). Through createOrganRow,
// as the app adds organs (closure rows included).
//   DATABASE_URL=file:… node --conditions=react-server --import tsx e2e/support/add-organs.ts 320
import { createDb } from "../../lib/server/db-core";
import { createOrganRow } from "../../lib/server/organ-tree";

const n = Number(process.argv[2] ?? 320);
const db = createDb();
const county = await db.organ.findFirstOrThrow({ where: { fullName: "示范县人民政府" }, select: { id: true } });
await db.$transaction(async (tx) => {
  for (let i = 1; i <= n; i++) {
    await createOrganRow(tx, { fullName: `示范县第${i}号测试乡人民政府`, shortName: `测试${i}乡`, kind: "TOWNSHIP", parentId: county.id, sortOrder: 1000 + i });
  }
});
await db.$disconnect();
console.log(`added ${n} organs`);
