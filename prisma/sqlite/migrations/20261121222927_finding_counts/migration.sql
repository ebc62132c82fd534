-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Report" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "templateVersion" TEXT NOT NULL DEFAULT '2021',
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "content" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "updatedById" TEXT,
    "source" TEXT NOT NULL DEFAULT 'EDITOR',
    "importedFrom" TEXT,
    "submittedAt" DATETIME,
    "reviewStartedAt" DATETIME,
    "approvedAt" DATETIME,
    "publishedAt" DATETIME,
    "errorCount" INTEGER NOT NULL DEFAULT 0,
    "warningCount" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Report_organId_fkey" FOREIGN KEY ("organId") REFERENCES "Organ" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Report_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Report" ("approvedAt", "content", "createdAt", "id", "importedFrom", "organId", "publishedAt", "reviewStartedAt", "source", "status", "submittedAt", "templateVersion", "updatedAt", "updatedById", "version", "year") SELECT "approvedAt", "content", "createdAt", "id", "importedFrom", "organId", "publishedAt", "reviewStartedAt", "source", "status", "submittedAt", "templateVersion", "updatedAt", "updatedById", "version", "year" FROM "Report";
DROP TABLE "Report";
ALTER TABLE "new_Report" RENAME TO "Report";
CREATE INDEX "Report_year_status_idx" ON "Report"("year", "status");
CREATE UNIQUE INDEX "Report_organId_year_key" ON "Report"("organId", "year");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

