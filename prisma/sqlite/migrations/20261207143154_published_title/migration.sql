-- AlterTable
ALTER TABLE "Report" ADD COLUMN "publishedTitle" TEXT;


-- Backfill: the reports published before, with the title their content carries now (署名 + 年度报告)
UPDATE "Report" SET "publishedTitle" = trim(json_extract("content", '$.header.organName')) || "year" || '年政府信息公开工作年度报告'
WHERE "status" = 'PUBLISHED' AND json_valid("content") AND trim(coalesce(json_extract("content", '$.header.organName'), '')) <> '';
