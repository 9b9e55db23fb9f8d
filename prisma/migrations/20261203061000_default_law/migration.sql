-- A sweep's default law is model selection's rank 1 unless a member pins one.
-- Existing sweeps: a law other than the old column default "power-law" was chosen explicitly at creation
-- and stays pinned; "power-law" cannot be told apart from "not chosen", so those sweeps, and the seeded
-- synthetic demo sweeps, follow rank 1.
ALTER TABLE "Sweep" ADD COLUMN "pinnedModel" TEXT;
UPDATE "Sweep" SET "pinnedModel" = "defaultModel" WHERE "defaultModel" <> 'power-law' AND NOT "synthetic";
ALTER TABLE "Sweep" DROP COLUMN "defaultModel";

-- CreateTable
CREATE TABLE "ModelSelection" (
    "id" TEXT NOT NULL,
    "sweepId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "dataFingerprint" TEXT NOT NULL,
    "runsVersion" INTEGER NOT NULL DEFAULT 0,
    "pointCount" INTEGER NOT NULL,
    "ranking" JSONB NOT NULL,
    "choice" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModelSelection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ModelSelection_sweepId_metric_dataFingerprint_key" ON "ModelSelection"("sweepId", "metric", "dataFingerprint");

-- AddForeignKey
ALTER TABLE "ModelSelection" ADD CONSTRAINT "ModelSelection_sweepId_fkey" FOREIGN KEY ("sweepId") REFERENCES "Sweep"("id") ON DELETE CASCADE ON UPDATE CASCADE;
