import type { TRPCRouterRecord } from "@trpc/server";
import { backtestSweep } from "../services/analysis/backtest-sweep";
import { compareDataStrategies, ZDataStrategiesInput, ZDataStrategiesOutput } from "../services/analysis/compare-data-strategies";
import { compareFits } from "../services/analysis/compare-fits";
import { forecastFit } from "../services/analysis/forecast-fit";
import { listBacktests } from "../services/analysis/list-backtests";
import { planCompute } from "../services/analysis/plan-compute";
import { predictAt } from "../services/analysis/predict-at";
import { recommendFit } from "../services/analysis/recommend-fit";
import {
  ZBacktestHistoryInput,
  ZBacktestInput,
  ZBacktestSweepOutput,
  ZCompareFitsOutput,
  ZCompareInput,
  ZForecastFitOutput,
  ZForecastInput,
  ZListBacktestsOutput,
  ZPlanComputeOutput,
  ZPlanInput,
  ZPredictAtInput,
  ZPredictAtOutput,
  ZRecommendFitOutput,
  ZRecommendInput,
  ZSelectModelInput,
  ZSelectModelOutput,
} from "../services/analysis/schemas";
import { selectModelForSweep } from "../services/analysis/select-model";
import { protectedProcedure } from "../trpc";

export const analysisRouter = {
  forecast: protectedProcedure
    .input(ZForecastInput)
    .output(ZForecastFitOutput)
    .query(({ ctx, input }) => forecastFit(ctx.db, ctx.pool, input)),
  backtest: protectedProcedure
    .input(ZBacktestInput)
    .output(ZBacktestSweepOutput)
    .mutation(({ ctx, input }) => backtestSweep(ctx.db, ctx.pool, ctx.actor, input)),
  backtestHistory: protectedProcedure
    .input(ZBacktestHistoryInput)
    .output(ZListBacktestsOutput)
    .query(({ ctx, input }) => listBacktests(ctx.db, input.teamId)),
  selectModel: protectedProcedure
    .input(ZSelectModelInput)
    .output(ZSelectModelOutput)
    .query(({ ctx, input }) => selectModelForSweep(ctx.db, ctx.pool, input)),
  compare: protectedProcedure
    .input(ZCompareInput)
    .output(ZCompareFitsOutput)
    .query(({ ctx, input }) => compareFits(ctx.db, ctx.pool, input)),
  dataStrategies: protectedProcedure
    .input(ZDataStrategiesInput)
    .output(ZDataStrategiesOutput)
    .query(({ ctx, input }) => compareDataStrategies(ctx.db, input)),
  predictAt: protectedProcedure
    .input(ZPredictAtInput)
    .output(ZPredictAtOutput)
    .query(({ ctx, input }) => predictAt(ctx.db, input)),
  plan: protectedProcedure.input(ZPlanInput).output(ZPlanComputeOutput).query(({ ctx, input }) => planCompute(ctx.db, input)),
  recommend: protectedProcedure
    .input(ZRecommendInput)
    .output(ZRecommendFitOutput)
    .query(({ ctx, input }) => recommendFit(ctx.db, ctx.pool, input)),
} satisfies TRPCRouterRecord;
