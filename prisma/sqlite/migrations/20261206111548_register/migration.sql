-- CreateTable
CREATE TABLE "Application" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "receivedAt" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "applicantType" TEXT NOT NULL,
    "applicantName" TEXT NOT NULL DEFAULT '',
    "contact" TEXT NOT NULL DEFAULT '',
    "content" TEXT NOT NULL DEFAULT '',
    "steps" TEXT NOT NULL DEFAULT '{}',
    "repliedAt" TEXT,
    "result" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "carriedFromId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "updatedById" TEXT,
    CONSTRAINT "Application_organId_fkey" FOREIGN KEY ("organId") REFERENCES "Organ" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Application_carriedFromId_fkey" FOREIGN KEY ("carriedFromId") REFERENCES "Application" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DisclosureCase" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "coDefendantOnly" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DisclosureCase_organId_fkey" FOREIGN KEY ("organId") REFERENCES "Organ" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HolidayOverride" (
    "date" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "RegisterSetting" (
    "organId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "t3Source" TEXT NOT NULL DEFAULT 'register',
    "t4Source" TEXT NOT NULL DEFAULT 'register',
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("organId", "year"),
    CONSTRAINT "RegisterSetting_organId_fkey" FOREIGN KEY ("organId") REFERENCES "Organ" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Application_carriedFromId_key" ON "Application"("carriedFromId");

-- CreateIndex
CREATE INDEX "Application_organId_year_idx" ON "Application"("organId", "year");

-- CreateIndex
CREATE INDEX "Application_year_repliedAt_idx" ON "Application"("year", "repliedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Application_organId_year_seq_key" ON "Application"("organId", "year", "seq");

-- CreateIndex
CREATE INDEX "DisclosureCase_organId_year_idx" ON "DisclosureCase"("organId", "year");

