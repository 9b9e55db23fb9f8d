-- Fits are computed by jobs where data is written; reads only read. "FitState" records, per sweep, metric
-- and law, the latest fit a job stored and which runsVersion the last finished job saw (fit-state.ts).

-- CreateTable
CREATE TABLE "FitState" (
    "id" TEXT NOT NULL,
    "sweepId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "model" TEXT NOT NULL DEFAULT '',
    "fitId" TEXT,
    "settledVersion" INTEGER,
    "failure" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FitState_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FitState_sweepId_metric_model_key" ON "FitState"("sweepId", "metric", "model");

-- AddForeignKey
ALTER TABLE "FitState" ADD CONSTRAINT "FitState_sweepId_fkey" FOREIGN KEY ("sweepId") REFERENCES "Sweep"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FitState" ADD CONSTRAINT "FitState_fitId_fkey" FOREIGN KEY ("fitId") REFERENCES "Fit"("id") ON DELETE SET NULL ON UPDATE CASCADE;
