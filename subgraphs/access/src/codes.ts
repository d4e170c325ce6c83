import { END_REASONS, FREQUENCIES, REFERRER_TYPES, UNITS, type Coded } from '@youth-care/lib/codes/ijw';
import { productCategory } from '@youth-care/lib/codes/product-categories';

function lookup(list: readonly Coded[], listName: string) {
  return (code: string): Coded => list.find((c) => c.code === code) ?? { code, name: `unknown ${listName} code` };
}

/** Code-list entries for the graph; the import admits only known codes, so the fallback is for old data. */
export const referrerType = lookup(REFERRER_TYPES, 'COD327');
export const endReason = lookup(END_REASONS, 'JZ588');
export const unit = lookup(UNITS, 'WJ756');
export const frequency = lookup(FREQUENCIES, 'WMO757');
export const category = (code: string) => productCategory(code) ?? { code, name: 'unknown JZ020 code', nameNl: code };
