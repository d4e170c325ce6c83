import { DEFAULT_NORM, type NormRow } from './db/repository.js';
import type { ReportModel } from './models.js';

export interface NormView {
  productCategory: string | null;
  registrationToIntakeWeeks: number;
  intakeToTreatmentWeeks: number;
  totalWeeks: number;
  validFrom: string | null;
}

const round1 = (weeks: number) => Math.round(weeks * 10) / 10;

export function normView(row: Pick<NormRow, 'productCategory' | 'registrationToIntakeWeeks' | 'intakeToTreatmentWeeks'> & { validFrom: string | null }): NormView {
  return { ...row, totalWeeks: round1(row.registrationToIntakeWeeks + row.intakeToTreatmentWeeks) };
}

/** The norm a report was held to, with the treeknorm where the region recorded none. */
export function reportNorm(report: ReportModel): NormView {
  if (report.normRegistrationToIntakeWeeks === null || report.normIntakeToTreatmentWeeks === null) {
    return normView({ productCategory: null, ...DEFAULT_NORM, validFrom: null });
  }
  return normView({
    productCategory: report.productCategory,
    registrationToIntakeWeeks: report.normRegistrationToIntakeWeeks,
    intakeToTreatmentWeeks: report.normIntakeToTreatmentWeeks,
    validFrom: report.normValidFrom,
  });
}

/** How far each part of a waiting time runs over its norm (0 within it). */
export function overNorm(report: ReportModel) {
  const norm = reportNorm(report);
  const intake = round1(Math.max(0, report.registrationToIntakeWeeks - norm.registrationToIntakeWeeks));
  const treatment = round1(Math.max(0, report.intakeToTreatmentWeeks - norm.intakeToTreatmentWeeks));
  return { intake, treatment, total: round1(intake + treatment), exceeds: intake > 0 || treatment > 0 };
}

/** The norm in force on a day for a category: its own if agreed, else the region's default. */
export function normOn(norms: readonly NormRow[], productCategory: string, day: string): NormView {
  const valid = norms.filter((n) => n.validFrom <= day);
  const own = valid.filter((n) => n.productCategory === productCategory).sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
  const fallback = valid.filter((n) => n.productCategory === null).sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
  const chosen = own ?? fallback;
  return chosen ? normView(chosen) : normView({ productCategory: null, ...DEFAULT_NORM, validFrom: null });
}
