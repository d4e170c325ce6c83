/**
 * The CBS tables monitoring reads, as CBS publishes them: their dimensions, and the measures and
 * dimension members the indicators need. CBS renames identifiers between table versions and
 * between its OData v3 and v4 services, so each is matched by any identifier it is known by and
 * then by its title; what is stored is the first identifier listed here.
 */
export interface CbsCodeSpec {
  /** The identifier stored (CBS's OData v4 identifier). */
  readonly key: string;
  readonly title: string;
  /** Other identifiers CBS uses for it: OData v3 keys, older table versions. */
  readonly also?: readonly string[];
}

export interface CbsTableSpec {
  readonly id: string;
  readonly title: string;
  /** The measures the indicators read; a file without one of them is refused. */
  readonly measures: readonly CbsCodeSpec[];
  /** The dimensions besides RegioS and Perioden, with the members the indicators read. */
  readonly dimensions: readonly { readonly name: string; readonly members: readonly CbsCodeSpec[] }[];
}

export const KERNCIJFERS = '85099NED';
export const KERNCIJFERS_2015_2020 = '84134NED';
export const TRAJECTORIES = '85097NED';
export const COSTS = '83454NED';

const code = (key: string, title: string, ...also: string[]): CbsCodeSpec => ({ key, title, also });

export const MEASURES = {
  youngPeople: code('M001607', 'Jongeren met jeugdzorg', 'JongerenMetJeugdzorg_1'),
  youngPeopleRelative: code('M001608', 'Jongeren met jeugdzorg, relatief', 'JongerenMetJeugdzorgRelatief_2'),
  started: code('M001611', 'Gestarte jeugdhulptrajecten', 'GestarteJeugdhulptrajecten_1'),
  ended: code('M001612', 'Beëindigde jeugdhulptrajecten', 'BeeindigdeJeugdhulptrajecten_2'),
  averageDuration: code('M001613', 'Gemiddelde duur beëindigde jeugdhulptrajecten', 'GemiddeldeDuurBeeindigdeTrajecten_3'),
  accordingToPlan: code('M001614', 'Beëindigd volgens plan', 'BeeindigdVolgensPlan_4'),
  early: code('M001615', 'Voortijdig beëindigd', 'VoortijdigBeeindigd_5'),
  costs: code('M001620', 'Kosten jeugdzorg', 'KostenJeugdzorg_1'),
} as const;

export const CARE_FORMS = {
  total: code('T001407', 'Totaal jeugdzorg'),
  withoutResidence: code('A028740', 'Jeugdhulp zonder verblijf'),
  withResidence: code('A028741', 'Jeugdhulp met verblijf'),
  childProtection: code('A028744', 'Jeugdbescherming'),
  probation: code('A028745', 'Jeugdreclassering'),
} as const;

/** 85097NED's nine referrer members: the total and the eight referrers. */
export const REFERRERS = {
  total: code('T001102', 'Totaal verwijzers'),
  municipality: code('A028750', 'Gemeentelijke toegang'),
  gp: code('A028751', 'Huisarts'),
  youthDoctor: code('A028752', 'Jeugdarts'),
  certifiedInstitution: code('A028753', 'Gecertificeerde instelling'),
  medicalSpecialist: code('A028754', 'Medisch specialist'),
  court: code('A028755', 'Rechter, Officier van Justitie, JJI'),
  none: code('A028756', 'Geen verwijzer'),
  unknown: code('A028757', 'Verwijzer onbekend'),
} as const;

const KERNCIJFERS_SHAPE = {
  measures: [MEASURES.youngPeople, MEASURES.youngPeopleRelative],
  dimensions: [{ name: 'VormenVanJeugdzorg', members: Object.values(CARE_FORMS) }],
};

export const CBS_TABLES: readonly CbsTableSpec[] = [
  { id: KERNCIJFERS, title: 'Jeugdzorg; kerncijfers, regio (vanaf 2021)', ...KERNCIJFERS_SHAPE },
  { id: KERNCIJFERS_2015_2020, title: 'Jeugdzorg; kerncijfers, regio (2015-2020)', ...KERNCIJFERS_SHAPE },
  {
    id: TRAJECTORIES,
    title: 'Jeugdhulptrajecten in natura; verwijzer, regio (gemeente)',
    measures: [MEASURES.started, MEASURES.ended, MEASURES.averageDuration, MEASURES.accordingToPlan, MEASURES.early],
    dimensions: [{ name: 'VerwijzerJeugdzorg', members: Object.values(REFERRERS) }],
  },
  { id: COSTS, title: 'Gemeentelijke kosten jeugdzorg; regio', measures: [MEASURES.costs], dimensions: [] },
];

export const tableSpec = (id: string): CbsTableSpec | undefined => CBS_TABLES.find((t) => t.id === id);

/** Titles compared without case, accents or spacing: CBS writes "Beëindigde" and "Beeindigde". */
export const sameTitle = (a: string, b: string): boolean => normalise(a) === normalise(b);
const normalise = (title: string) =>
  title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();

/** The spec a file's code stands for: by identifier first, by title second. */
export function matchCode(specs: readonly CbsCodeSpec[], identifier: string, title: string): CbsCodeSpec | undefined {
  return specs.find((s) => s.key === identifier || s.also?.includes(identifier)) ?? specs.find((s) => sameTitle(s.title, title));
}

/** A stored "Dimension=Code" cell of the other dimensions, in name order. */
export const cell = (members: Readonly<Record<string, CbsCodeSpec>>): string =>
  Object.keys(members)
    .sort()
    .map((name) => `${name}=${members[name]!.key}`)
    .join(';');
