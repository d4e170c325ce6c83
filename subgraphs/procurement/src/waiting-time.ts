import type { Disclosure } from '@youth-care/lib/small-numbers';
import { DEFAULT_NORM, type HeldNorm, type NormRow } from './db/repository.js';

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

/**
 * The norm the repository found in force (for a report, or for a category today), with the
 * treeknorm where the region recorded none. Which norm holds is decided in SQL only.
 */
export function reportNorm(held: HeldNorm): NormView {
  if (held.normRegistrationToIntakeWeeks === null || held.normIntakeToTreatmentWeeks === null) {
    return normView({ productCategory: null, ...DEFAULT_NORM, validFrom: null });
  }
  return normView({
    productCategory: held.normProductCategory,
    registrationToIntakeWeeks: held.normRegistrationToIntakeWeeks,
    intakeToTreatmentWeeks: held.normIntakeToTreatmentWeeks,
    validFrom: held.normValidFrom,
  });
}

/** How far each part of a waiting time runs over its norm (0 within it). */
export function overNorm(report: HeldNorm & Pick<NormRow, 'registrationToIntakeWeeks' | 'intakeToTreatmentWeeks'>) {
  const norm = reportNorm(report);
  const intake = round1(Math.max(0, report.registrationToIntakeWeeks - norm.registrationToIntakeWeeks));
  const treatment = round1(Math.max(0, report.intakeToTreatmentWeeks - norm.intakeToTreatmentWeeks));
  return { intake, treatment, total: round1(intake + treatment), exceeds: intake > 0 || treatment > 0 };
}

/** The share of providers over the norm, from the counts as the caller sees them; null when one of them is suppressed or nothing divides. */
export function shareOverNorm(shown: Disclosure, over: number, of: number): number | null {
  const part = shown.count(over);
  const whole = shown.count(of);
  if (part.value === null || whole.value === null || whole.value === 0) return null;
  return Math.round((part.value / whole.value) * 1000) / 1000;
}
