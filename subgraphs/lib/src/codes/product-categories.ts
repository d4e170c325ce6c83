import { badInput } from '../errors.js';

/** iJw code list JZ020: product categories of youth care (iStandaarden, iJw 3.2). */
export const PRODUCT_CATEGORIES = [
  { code: '40', name: 'Personal care', nameNl: 'Persoonlijke verzorging' },
  { code: '41', name: 'Day treatment', nameNl: 'Dagbehandeling' },
  { code: '42', name: 'Transport', nameNl: 'Vervoer' },
  { code: '43', name: 'Residential care including treatment', nameNl: 'Jeugdhulp verblijf (incl. behandeling)' },
  { code: '44', name: 'Residential care excluding treatment', nameNl: 'Jeugdhulp verblijf (excl. behandeling)' },
  { code: '45', name: 'Ambulant youth care', nameNl: 'Jeugdhulp ambulant' },
  { code: '46', name: 'Crisis care', nameNl: 'Jeugdhulp crisis' },
  { code: '47', name: 'Youth probation', nameNl: 'Jeugdreclassering' },
  { code: '48', name: 'Child protection', nameNl: 'Jeugdbescherming' },
  { code: '49', name: 'Preventive justice', nameNl: 'Preventieve justitie' },
  { code: '50', name: 'Custom arrangements', nameNl: 'Maatwerkarrangementen' },
  { code: '51', name: 'Generalist basic mental health', nameNl: 'Generalistische basis-GGZ' },
  { code: '52', name: 'Specialist mental health', nameNl: 'Gespecialiseerde GGZ' },
  { code: '53', name: 'Paediatrics', nameNl: 'Kindergeneeskunde' },
  { code: '54', name: 'Youth mental health', nameNl: 'Jeugd-GGZ' },
  { code: '55', name: 'Nationally purchased care', nameNl: 'Landelijk ingekochte zorg' },
] as const;

export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

const byCode = new Map<string, ProductCategory>(PRODUCT_CATEGORIES.map((c) => [c.code, c]));

export function productCategory(code: string): ProductCategory | undefined {
  return byCode.get(code);
}

/** A product category code from a client, checked against JZ020. */
export function requireProductCategory(code: string, field: string): ProductCategory {
  const found = byCode.get(code.trim());
  if (!found) throw badInput(field, `${field}: unknown product category "${code}"; JZ020 codes run from 40 to 55`);
  return found;
}
