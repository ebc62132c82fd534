-- DropIndex
DROP INDEX "Report_year_idx";

-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "errorCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "warningCount" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Report_year_status_idx" ON "Report"("year", "status");

