-- Per-repository schedules, encrypted access tokens, backfills of past commits, partial and dead-lettered scans.
CREATE TYPE "BackfillStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed');

ALTER TABLE "Repository" ADD COLUMN "schedule" TEXT DEFAULT 'H H * * *',
ADD COLUMN "nextScanAt" TIMESTAMP(3),
ADD COLUMN "accessTokenCipher" TEXT;

ALTER TABLE "Scan" ADD COLUMN "committedAt" TIMESTAMP(3),
ADD COLUMN "partialReason" TEXT,
ADD COLUMN "deadLetteredAt" TIMESTAMP(3),
ADD COLUMN "backfillId" TEXT;

CREATE TABLE "Backfill" (
    "id" TEXT NOT NULL,
    "repositoryId" TEXT NOT NULL,
    "status" "BackfillStatus" NOT NULL DEFAULT 'queued',
    "since" TIMESTAMP(3) NOT NULL,
    "intervalDays" INTEGER,
    "everyCommits" INTEGER,
    "total" INTEGER,
    "done" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "jobId" TEXT,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Backfill_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "Backfill_repositoryId_requestedAt_idx" ON "Backfill"("repositoryId", "requestedAt");
CREATE INDEX "Repository_nextScanAt_idx" ON "Repository"("nextScanAt");
CREATE INDEX "Scan_repositoryId_status_committedAt_idx" ON "Scan"("repositoryId", "status", "committedAt");
CREATE INDEX "Scan_backfillId_idx" ON "Scan"("backfillId");
CREATE INDEX "Scan_deadLetteredAt_idx" ON "Scan"("deadLetteredAt");

ALTER TABLE "Scan" ADD CONSTRAINT "Scan_backfillId_fkey" FOREIGN KEY ("backfillId") REFERENCES "Backfill"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Backfill" ADD CONSTRAINT "Backfill_repositoryId_fkey" FOREIGN KEY ("repositoryId") REFERENCES "Repository"("id") ON DELETE CASCADE ON UPDATE CASCADE;
