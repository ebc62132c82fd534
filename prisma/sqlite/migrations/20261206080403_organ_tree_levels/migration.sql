-- The organ tree of any depth (closure table), deactivated organs, report kinds (own/本级 and 汇总),
-- and deadlines per year. Written with ALTER TABLE rather than a table rebuild so that an existing
-- database keeps every row (Organ and Report are referenced by many tables).

-- CreateTable
CREATE TABLE "OrganClosure" (
    "ancestorId" TEXT NOT NULL,
    "organId" TEXT NOT NULL,
    "depth" INTEGER NOT NULL,

    PRIMARY KEY ("ancestorId", "organId"),
    CONSTRAINT "OrganClosure_ancestorId_fkey" FOREIGN KEY ("ancestorId") REFERENCES "Organ" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OrganClosure_organId_fkey" FOREIGN KEY ("organId") REFERENCES "Organ" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeadlineSetting" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "month" INTEGER NOT NULL,
    "day" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "DeadlineSetting_organId_fkey" FOREIGN KEY ("organId") REFERENCES "Organ" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable
ALTER TABLE "Organ" ADD COLUMN "active" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Organ" ADD COLUMN "deactivatedAt" DATETIME;

-- AlterTable
ALTER TABLE "Report" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'ORGAN';
ALTER TABLE "Report" ADD COLUMN "rollupBasis" TEXT;

-- DropIndex
DROP INDEX "Report_organId_year_key";

-- CreateIndex
CREATE UNIQUE INDEX "Report_organId_year_kind_key" ON "Report"("organId", "year", "kind");

-- CreateIndex
CREATE INDEX "OrganClosure_organId_depth_idx" ON "OrganClosure"("organId", "depth");

-- CreateIndex
CREATE UNIQUE INDEX "DeadlineSetting_organId_year_key_key" ON "DeadlineSetting"("organId", "year", "key");

-- Data: the closure of the existing tree (every organ with itself and each of its ancestors).
WITH RECURSIVE "chain"("organId", "ancestorId", "depth") AS (
    SELECT "id", "id", 0 FROM "Organ"
    UNION ALL
    SELECT "chain"."organId", "Organ"."parentId", "chain"."depth" + 1
    FROM "chain" JOIN "Organ" ON "Organ"."id" = "chain"."ancestorId"
    WHERE "Organ"."parentId" IS NOT NULL AND "chain"."depth" < 32
)
INSERT INTO "OrganClosure" ("ancestorId", "organId", "depth")
SELECT "ancestorId", "organId", "depth" FROM "chain";
