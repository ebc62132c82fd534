-- CreateIndex
CREATE INDEX "Report_status_source_updatedAt_idx" ON "Report"("status", "source", "updatedAt");

