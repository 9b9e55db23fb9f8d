-- Excluding, including and deleting runs update or delete "Run" rows: the counters triggers (stored_fits
-- migration) bump the sweep's runsVersion for each, so stored fits, caches and ETags see the change.

-- CreateEnum
CREATE TYPE "RunAction" AS ENUM ('exclude', 'include', 'delete');

-- AlterTable
ALTER TABLE "Sweep" ADD COLUMN     "metricBounded" BOOLEAN;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "excludedAt" TIMESTAMP(3),
ADD COLUMN     "excludedBy" TEXT,
ADD COLUMN     "excludedReason" TEXT;

-- CreateTable
CREATE TABLE "RunEvent" (
    "id" TEXT NOT NULL,
    "sweepId" TEXT NOT NULL,
    "runKey" TEXT NOT NULL,
    "action" "RunAction" NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "actor" TEXT NOT NULL,
    "scales" JSONB NOT NULL,
    "metrics" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RunEvent_sweepId_createdAt_idx" ON "RunEvent"("sweepId", "createdAt");

-- AddForeignKey
ALTER TABLE "RunEvent" ADD CONSTRAINT "RunEvent_sweepId_fkey" FOREIGN KEY ("sweepId") REFERENCES "Sweep"("id") ON DELETE CASCADE ON UPDATE CASCADE;

