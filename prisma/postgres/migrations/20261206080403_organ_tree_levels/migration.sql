-- DropIndex
DROP INDEX "Report_organId_year_key";

-- AlterTable
ALTER TABLE "Organ" ADD COLUMN     "active" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "deactivatedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'ORGAN',
ADD COLUMN     "rollupBasis" TEXT;

-- CreateTable
CREATE TABLE "OrganClosure" (
    "ancestorId" TEXT NOT NULL,
    "organId" TEXT NOT NULL,
    "depth" INTEGER NOT NULL,

    CONSTRAINT "OrganClosure_pkey" PRIMARY KEY ("ancestorId","organId")
);

-- CreateTable
CREATE TABLE "DeadlineSetting" (
    "id" TEXT NOT NULL,
    "organId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "month" INTEGER NOT NULL,
    "day" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeadlineSetting_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OrganClosure_organId_depth_idx" ON "OrganClosure"("organId", "depth");

-- CreateIndex
CREATE UNIQUE INDEX "DeadlineSetting_organId_year_key_key" ON "DeadlineSetting"("organId", "year", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Report_organId_year_kind_key" ON "Report"("organId", "year", "kind");

-- AddForeignKey
ALTER TABLE "OrganClosure" ADD CONSTRAINT "OrganClosure_ancestorId_fkey" FOREIGN KEY ("ancestorId") REFERENCES "Organ"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganClosure" ADD CONSTRAINT "OrganClosure_organId_fkey" FOREIGN KEY ("organId") REFERENCES "Organ"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlineSetting" ADD CONSTRAINT "DeadlineSetting_organId_fkey" FOREIGN KEY ("organId") REFERENCES "Organ"("id") ON DELETE CASCADE ON UPDATE CASCADE;


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
