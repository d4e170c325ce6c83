import { requireProductCategory } from '@youth-care/lib/codes/product-categories';
import { dataVersions } from '@youth-care/lib/data-versions';
import { addDays } from '@youth-care/lib/dates';
import { requireActingFor } from '@youth-care/lib/auth/policy';
import { badInput } from '@youth-care/lib/errors';
import { servedRegion } from '@youth-care/lib/regions/resolvers';
import { todayInNetherlands } from '@youth-care/lib/scalars';
import type { MutationResolvers } from '../generated/graphql.js';
import { coveringContracts, contractsByProviders, upsertReport } from '../db/repository.js';
import { globalId } from '@youth-care/lib/ids';
import { loadReport } from './WaitingTimeReport.js';

/** Longer than two years is not a waiting time but a typing error. */
const MAX_WEEKS = 104;
const MAX_WAITING = 10_000;
/** A report is about the current waiting time: a day more than a year back is not current. */
const MAX_AGE_DAYS = 366;

function checkWeeks(value: number, field: string): number {
  if (!Number.isFinite(value) || value < 0 || value > MAX_WEEKS) {
    throw badInput(field, `${field} must be between 0 and ${MAX_WEEKS} weeks, got ${value}`);
  }
  return Math.round(value * 10) / 10;
}

export const Mutation: MutationResolvers = {
  reportWaitingTime: async (_, { input }, ctx) => {
    requireActingFor(ctx.viewer, input.providerAgb);
    const region = servedRegion(ctx.served, input.region, 'input.region');
    if (!/^\d{8}$/.test(input.providerAgb)) throw badInput('input.providerAgb', 'input.providerAgb must be an AGB code of 8 digits');
    const category = requireProductCategory(input.productCategory, 'input.productCategory').code;
    const registrationToIntakeWeeks = checkWeeks(input.registrationToIntakeWeeks, 'input.registrationToIntakeWeeks');
    const intakeToTreatmentWeeks = checkWeeks(input.intakeToTreatmentWeeks, 'input.intakeToTreatmentWeeks');
    if (!Number.isInteger(input.waitingCount) || input.waitingCount < 0 || input.waitingCount > MAX_WAITING) {
      throw badInput('input.waitingCount', `input.waitingCount must be a whole number between 0 and ${MAX_WAITING}`);
    }
    const today = todayInNetherlands();
    const reportedOn = input.reportedOn ?? today;
    if (reportedOn > today) throw badInput('input.reportedOn', `input.reportedOn ${reportedOn} lies in the future`);
    if (reportedOn < addDays(today, -MAX_AGE_DAYS)) {
      throw badInput('input.reportedOn', `input.reportedOn ${reportedOn} is more than a year ago; report the current waiting time`);
    }

    const id = await ctx.inRegion(region, async (src) => {
      const covering = await coveringContracts(src, input.providerAgb, category, reportedOn);
      if (covering.length === 0) {
        const any = await contractsByProviders(src, [input.providerAgb], null);
        if (any.length === 0) throw badInput('input.providerAgb', `Provider ${input.providerAgb} holds no contract in region ${region}`);
        throw badInput(
          'input.productCategory',
          `Provider ${input.providerAgb} holds no contract for product category ${category} in region ${region} on ${reportedOn}`,
        );
      }
      return upsertReport(src, {
        providerAgb: input.providerAgb,
        productCategory: category,
        reportedOn,
        registrationToIntakeWeeks,
        intakeToTreatmentWeeks,
        waitingCount: input.waitingCount,
        bridgingCareOffered: input.bridgingCareOffered ?? null,
        source: 'PROVIDER_PORTAL',
      });
    });
    await dataVersions().bump('procurement', [region]);
    return loadReport(globalId(region, id), ctx);
  },
};
