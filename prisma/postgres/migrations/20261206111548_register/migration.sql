-- CreateTable
CREATE TABLE "Application" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "Application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DisclosureCase" (
    "id" TEXT NOT NULL,
    "organId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "coDefendantOnly" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DisclosureCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HolidayOverride" (
    "date" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HolidayOverride_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "RegisterSetting" (
    "organId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "t3Source" TEXT NOT NULL DEFAULT 'register',
    "t4Source" TEXT NOT NULL DEFAULT 'register',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RegisterSetting_pkey" PRIMARY KEY ("organId","year")
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

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_organId_fkey" FOREIGN KEY ("organId") REFERENCES "Organ"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_carriedFromId_fkey" FOREIGN KEY ("carriedFromId") REFERENCES "Application"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisclosureCase" ADD CONSTRAINT "DisclosureCase_organId_fkey" FOREIGN KEY ("organId") REFERENCES "Organ"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegisterSetting" ADD CONSTRAINT "RegisterSetting_organId_fkey" FOREIGN KEY ("organId") REFERENCES "Organ"("id") ON DELETE CASCADE ON UPDATE CASCADE;

