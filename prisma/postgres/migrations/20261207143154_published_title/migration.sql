-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "publishedTitle" TEXT;


-- Backfill: the reports published before, with the title their content carries now (署名 + 年度报告)
UPDATE "Report" SET "publishedTitle" = btrim(("content"::json)->'header'->>'organName') || "year"::text || '年政府信息公开工作年度报告'
WHERE "status" = 'PUBLISHED' AND btrim(coalesce(("content"::json)->'header'->>'organName', '')) <> '';
