/** iJw 3.2 code lists used by referrals, allocations and declarations (iStandaarden). */

/** COD327 Code verwijzer: who referred the young person. */
export const REFERRER_TYPES = [
  { code: '01', name: 'Municipality (local access team)', nameNl: 'Gemeentelijke toegang' },
  { code: '02', name: 'General practitioner', nameNl: 'Huisarts' },
  { code: '03', name: 'Youth doctor', nameNl: 'Jeugdarts' },
  { code: '04', name: 'Certified institution', nameNl: 'Gecertificeerde instelling' },
  { code: '05', name: 'Medical specialist', nameNl: 'Medisch specialist' },
  { code: '06', name: 'Self-referral or no referrer', nameNl: 'Zelfverwijzer of geen verwijzer' },
  { code: '08', name: 'Court, public prosecutor or juvenile institution', nameNl: 'Rechter, OM of justitiële jeugdinrichting' },
] as const;

/** JZ588 Reden beëindiging: why care ended. */
export const END_REASONS = [
  { code: '02', name: 'Death of the client', nameNl: 'Overlijden' },
  { code: '20', name: 'Delivery temporarily ended', nameNl: 'Levering is tijdelijk beëindigd' },
  { code: '31', name: 'Ended according to plan', nameNl: 'Levering is volgens plan beëindigd' },
  { code: '32', name: 'Ended early by the client', nameNl: 'Voortijdig afgesloten, door cliënt' },
  { code: '33', name: 'Ended early by the provider', nameNl: 'Voortijdig afgesloten, door aanbieder' },
  { code: '34', name: 'Ended early by mutual agreement', nameNl: 'Voortijdig afgesloten, in overleg' },
  { code: '35', name: 'Ended early by an external cause', nameNl: 'Voortijdig afgesloten, externe oorzaak' },
  { code: '36', name: 'Ended by the municipality', nameNl: 'Geïnitieerd door de gemeente' },
  { code: '37', name: 'Ended after a change request', nameNl: 'In verband met wijzigingsverzoek' },
  { code: '38', name: 'Moved to another provider', nameNl: 'Overstap naar andere aanbieder' },
  { code: '39', name: 'Moved to another domain (Wmo, Wlz, Zvw)', nameNl: 'Uitstroom naar ander domein' },
] as const;

/** JZ588 codes the outcome indicators rest on. */
export const END_ACCORDING_TO_PLAN = '31';
/** Indicator 1, dropout: ended one-sidedly by the client. */
export const END_BY_CLIENT = '32';

/** WJ756 Eenheid: the unit of a volume. */
export const UNITS = [
  { code: '01', name: 'Minute' },
  { code: '04', name: 'Hour' },
  { code: '14', name: 'Day (24 hours)' },
  { code: '16', name: 'Half-day (4 hours)' },
  { code: '82', name: 'Piece (output)' },
  { code: '83', name: 'Euro' },
  { code: '84', name: 'Piece (effort)' },
] as const;

/** WMO757 Frequentie: per what the allocated volume counts. */
export const FREQUENCIES = [
  { code: '1', name: 'Per day' },
  { code: '2', name: 'Per week' },
  { code: '4', name: 'Per month' },
  { code: '6', name: 'Total over the allocation period' },
] as const;

/** iStandaarden uitvoeringsvariant: how a contract or allocation is financed. */
export const FINANCING_VARIANTS = ['INSPANNINGSGERICHT', 'OUTPUTGERICHT', 'TAAKGERICHT'] as const;

export type Coded = { readonly code: string; readonly name: string };

export function codeIn<T extends Coded>(list: readonly T[], code: string): T | undefined {
  return list.find((item) => item.code === code);
}
