-- AlterTable
ALTER TABLE "Scan" ADD COLUMN     "guideVersion" TEXT,
ADD COLUMN     "rulesetVersion" TEXT;

-- AlterTable
ALTER TABLE "Finding" ADD COLUMN     "suppressedKind" TEXT;
