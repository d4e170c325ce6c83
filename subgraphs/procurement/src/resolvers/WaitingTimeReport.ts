import { disclosureFor } from '@youth-care/lib/auth/policy';
import { productCategory } from '@youth-care/lib/codes/product-categories';
import { EXACT } from '@youth-care/lib/small-numbers';
import { globalId, parseServedId } from '@youth-care/lib/ids';
import type { ProcurementContext } from '../context.js';
import type { WaitingTimeReportResolvers } from '../generated/graphql.js';
import type { ReportModel } from '../models.js';
import { overNorm, reportNorm } from '../waiting-time.js';

export function loadReport(id: string, ctx: ProcurementContext): Promise<ReportModel | null> | null {
  const parsed = parseServedId(id, ctx.served);
  if (!parsed) return null;
  if (!/^\d{1,15}$/.test(parsed.localId)) return null;
  return ctx.loaders.report.load({ region: parsed.region, localId: Number(parsed.localId) });
}

export const WaitingTimeReport: WaitingTimeReportResolvers = {
  __resolveReference: (ref, ctx) => loadReport(ref.id, ctx),
  id: (r) => globalId(r.region, r.id),
  region: (r) => ({ code: r.region }),
  provider: (r) => ({ agbCode: r.providerAgb }),
  productCategory: (r) => {
    const found = productCategory(r.productCategory);
    // Reports are written only for known categories; an unknown one is a fault, masked as such.
    if (!found) throw new Error(`report ${r.id} holds unknown product category ${r.productCategory}`);
    return found;
  },
  // The provider sees its own list exact; inside the region its analysts do; anyone else sees it protected.
  waitingCount: (r, _, ctx) =>
    (ctx.viewer.role === 'provider' && ctx.viewer.agbCode === r.providerAgb ? EXACT : disclosureFor(ctx.viewer, r.region)).count(r.waitingCount),
  totalWeeks: (r) => Math.round((r.registrationToIntakeWeeks + r.intakeToTreatmentWeeks) * 10) / 10,
  norm: (r) => reportNorm(r),
  exceedsNorm: (r) => overNorm(r).exceeds,
  registrationToIntakeWeeksOverNorm: (r) => overNorm(r).intake,
  intakeToTreatmentWeeksOverNorm: (r) => overNorm(r).treatment,
  weeksOverNorm: (r) => overNorm(r).total,
};
