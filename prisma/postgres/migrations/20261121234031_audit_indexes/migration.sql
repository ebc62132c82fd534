-- CreateIndex
CREATE INDEX "ReportEvent_createdAt_idx" ON "ReportEvent"("createdAt");

-- CreateIndex
CREATE INDEX "ReportEvent_action_createdAt_idx" ON "ReportEvent"("action", "createdAt");

