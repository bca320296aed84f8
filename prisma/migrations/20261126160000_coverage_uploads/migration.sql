-- AlterTable
ALTER TABLE "Scan" ADD COLUMN     "duplicateOfId" TEXT,
ADD COLUMN     "inputsDigest" TEXT,
ADD COLUMN     "jobId" TEXT,
ADD COLUMN     "snapshotKey" TEXT;

-- CreateTable
CREATE TABLE "CoverageReport" (
    "id" TEXT NOT NULL,
    "repositoryId" TEXT NOT NULL,
    "commitSha" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "digest" TEXT NOT NULL,
    "uploadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CoverageReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CoverageReport_repositoryId_commitSha_name_key" ON "CoverageReport"("repositoryId", "commitSha", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Scan_snapshotKey_key" ON "Scan"("snapshotKey");

-- CreateIndex
CREATE INDEX "Scan_duplicateOfId_idx" ON "Scan"("duplicateOfId");

-- AddForeignKey
ALTER TABLE "Scan" ADD CONSTRAINT "Scan_duplicateOfId_fkey" FOREIGN KEY ("duplicateOfId") REFERENCES "Scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoverageReport" ADD CONSTRAINT "CoverageReport_repositoryId_fkey" FOREIGN KEY ("repositoryId") REFERENCES "Repository"("id") ON DELETE CASCADE ON UPDATE CASCADE;

