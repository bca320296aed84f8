-- AlterTable
ALTER TABLE "RuleResult" ADD COLUMN     "suppressedCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Finding" ADD COLUMN     "suppressedLine" INTEGER,
ADD COLUMN     "suppressedReason" TEXT;

