-- Runs keep free-form tags (an MLflow run's tags and other params, a git sha, ...).

-- AlterTable
ALTER TABLE "Run" ADD COLUMN "tags" JSONB;
