-- Stored fits: what the dashboard draws, bootstrap draws, a summary for the overview; backtests kept per team;
-- per-sweep run counters maintained by statement-level triggers on Run (one UPDATE per statement, not per row).

-- AlterTable
ALTER TABLE "Sweep" ADD COLUMN     "runCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "runsVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Fit" ADD COLUMN     "curve" JSONB,
ADD COLUMN     "draws" JSONB,
ADD COLUMN     "frontier" DOUBLE PRECISION,
ADD COLUMN     "residuals" JSONB,
ADD COLUMN     "runsVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "smallest" DOUBLE PRECISION,
ADD COLUMN     "summary" JSONB,
ADD COLUMN     "uniqueTokens" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "Backtest" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "sweepId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "dataFingerprint" TEXT NOT NULL,
    "holdoutFraction" DOUBLE PRECISION NOT NULL,
    "trainSize" INTEGER NOT NULL,
    "cutoff" DOUBLE PRECISION NOT NULL,
    "heldOut" JSONB NOT NULL,
    "rmseLog" DOUBLE PRECISION,
    "meanAbsoluteRelativeError" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Backtest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Backtest_teamId_createdAt_idx" ON "Backtest"("teamId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Backtest_sweepId_model_metric_dataFingerprint_holdoutFracti_key" ON "Backtest"("sweepId", "model", "metric", "dataFingerprint", "holdoutFraction");

-- AddForeignKey
ALTER TABLE "Backtest" ADD CONSTRAINT "Backtest_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Backtest" ADD CONSTRAINT "Backtest_sweepId_fkey" FOREIGN KEY ("sweepId") REFERENCES "Sweep"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Run counters: every insert, update or delete of runs bumps the sweep's runsVersion once per statement
-- and keeps runCount exact, so a stored fit is known to be current without reading the runs.
CREATE FUNCTION "scalecast_runs_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Sweep" s SET "runCount" = s."runCount" + n.c, "runsVersion" = s."runsVersion" + 1
  FROM (SELECT "sweepId", count(*)::int AS c FROM new_runs GROUP BY "sweepId") n
  WHERE s."id" = n."sweepId";
  RETURN NULL;
END $$;

CREATE FUNCTION "scalecast_runs_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Sweep" s SET "runCount" = s."runCount" - o.c, "runsVersion" = s."runsVersion" + 1
  FROM (SELECT "sweepId", count(*)::int AS c FROM old_runs GROUP BY "sweepId") o
  WHERE s."id" = o."sweepId";
  RETURN NULL;
END $$;

CREATE FUNCTION "scalecast_runs_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Sweep" s SET "runCount" = s."runCount" + d.c, "runsVersion" = s."runsVersion" + 1
  FROM (
    SELECT "sweepId", sum(c)::int AS c FROM (
      SELECT "sweepId", 1 AS c FROM new_runs UNION ALL SELECT "sweepId", -1 AS c FROM old_runs
    ) u GROUP BY "sweepId"
  ) d
  WHERE s."id" = d."sweepId";
  RETURN NULL;
END $$;

CREATE TRIGGER "Run_counters_insert" AFTER INSERT ON "Run" REFERENCING NEW TABLE AS new_runs
  FOR EACH STATEMENT EXECUTE FUNCTION "scalecast_runs_inserted"();
CREATE TRIGGER "Run_counters_delete" AFTER DELETE ON "Run" REFERENCING OLD TABLE AS old_runs
  FOR EACH STATEMENT EXECUTE FUNCTION "scalecast_runs_deleted"();
CREATE TRIGGER "Run_counters_update" AFTER UPDATE ON "Run" REFERENCING NEW TABLE AS new_runs OLD TABLE AS old_runs
  FOR EACH STATEMENT EXECUTE FUNCTION "scalecast_runs_updated"();

-- Existing data.
UPDATE "Sweep" s SET "runCount" = c.n FROM (SELECT "sweepId", count(*)::int AS n FROM "Run" GROUP BY "sweepId") c WHERE s."id" = c."sweepId";
