import { productCategory } from '@youth-care/lib/codes/product-categories';
import type { ProcurementContext } from '../context.js';
import { globalId, parseServedId } from '@youth-care/lib/ids';
import type { ReportModel } from '../models.js';
import { overNorm, reportNorm } from '../waiting-time.js';

export function loadReport(id: string, ctx: ProcurementContext): Promise<ReportModel | null> | null {
  const parsed = parseServedId(id, ctx.served);
  if (!parsed) return null;
  if (!/^\d{1,15}$/.test(parsed.localId)) return null;
  return ctx.loaders.report.load({ region: parsed.region, localId: Number(parsed.localId) });
}

export const WaitingTimeReport = {
  __resolveReference: (ref: { id: string }, ctx: ProcurementContext) => loadReport(ref.id, ctx),
  id: (r: ReportModel) => globalId(r.region, r.id),
  region: (r: ReportModel) => ({ code: r.region }),
  provider: (r: ReportModel) => ({ agbCode: r.providerAgb }),
  productCategory: (r: ReportModel) => productCategory(r.productCategory),
  totalWeeks: (r: ReportModel) => Math.round((r.registrationToIntakeWeeks + r.intakeToTreatmentWeeks) * 10) / 10,
  norm: (r: ReportModel) => reportNorm(r),
  exceedsNorm: (r: ReportModel) => overNorm(r).exceeds,
  registrationToIntakeWeeksOverNorm: (r: ReportModel) => overNorm(r).intake,
  intakeToTreatmentWeeksOverNorm: (r: ReportModel) => overNorm(r).treatment,
  weeksOverNorm: (r: ReportModel) => overNorm(r).total,
};

export const WaitingTimeNorm = {
  productCategory: (n: { productCategory: string | null }) => (n.productCategory ? productCategory(n.productCategory) : null),
};
