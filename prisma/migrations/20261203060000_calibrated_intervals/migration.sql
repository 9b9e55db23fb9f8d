-- AlterTable
ALTER TABLE "Fit" ADD COLUMN     "calibration" JSONB;
