/**
 * The youth-care regions served, with their municipalities over time.
 * Codes are CBS's: JZ.. for youth-care regions, GM.... for municipalities, checked against
 * CBS's 2020 and 2025 region boundaries. `validFrom: null` means the municipality belongs to the
 * region for the whole horizon of this registry (from 2017, the start of the demo history).
 */
export const REGION_CODES = ['JZ35', 'JZ33', 'JZ21', 'JZ43', 'JZ34'] as const;
export type RegionCode = (typeof REGION_CODES)[number];

export interface MunicipalityMembership {
  readonly code: string;
  readonly name: string;
  readonly validFrom: string | null;
  readonly validUntil: string | null;
  /** What happened at validUntil, in CBS's words where it has them. */
  readonly note?: string;
}

export interface RegionInfo {
  readonly code: RegionCode;
  readonly name: string;
  /** The name CBS uses where it differs from the region's own. */
  readonly cbsName: string;
  readonly municipalities: readonly MunicipalityMembership[];
}

const always = (code: string, name: string): MunicipalityMembership => ({ code, name, validFrom: null, validUntil: null });

export const REGIONS: readonly RegionInfo[] = [
  {
    code: 'JZ35',
    name: 'Hart van Brabant',
    cbsName: 'Midden-Brabant',
    municipalities: [
      always('GM0855', 'Tilburg'),
      always('GM0785', 'Goirle'),
      always('GM0798', 'Hilvarenbeek'),
      always('GM0824', 'Oisterwijk'),
      always('GM0867', 'Waalwijk'),
      always('GM0797', 'Heusden'),
      always('GM0766', 'Dongen'),
      always('GM0784', 'Gilze en Rijen'),
      always('GM0809', 'Loon op Zand'),
      { code: 'GM1723', name: 'Alphen-Chaam', validFrom: '2020-01-01', validUntil: null, note: 'in West-Brabant Oost (JZ34) until 2019' },
      { code: 'GM0744', name: 'Baarle-Nassau', validFrom: '2020-01-01', validUntil: null, note: 'in West-Brabant Oost (JZ34) until 2019' },
    ],
  },
  {
    code: 'JZ33',
    name: 'Noordoost-Brabant',
    cbsName: 'Noordoost-Brabant',
    municipalities: [
      always('GM0796', "'s-Hertogenbosch"),
      always('GM0865', 'Vught'),
      always('GM0757', 'Boxtel'),
      always('GM0845', 'Sint-Michielsgestel'),
      always('GM1948', 'Meierijstad'),
      always('GM0828', 'Oss'),
      always('GM1721', 'Bernheze'),
      always('GM0755', 'Boekel'),
      { code: 'GM1991', name: 'Maashorst', validFrom: '2022-01-01', validUntil: null },
      { code: 'GM1982', name: 'Land van Cuijk', validFrom: '2022-01-01', validUntil: null },
      { code: 'GM0856', name: 'Uden', validFrom: null, validUntil: '2021-12-31', note: 'merged into Maashorst (GM1991)' },
      { code: 'GM1685', name: 'Landerd', validFrom: null, validUntil: '2021-12-31', note: 'merged into Maashorst (GM1991)' },
      { code: 'GM0756', name: 'Boxmeer', validFrom: null, validUntil: '2021-12-31', note: 'merged into Land van Cuijk (GM1982)' },
      { code: 'GM1684', name: 'Cuijk', validFrom: null, validUntil: '2021-12-31', note: 'merged into Land van Cuijk (GM1982)' },
      { code: 'GM0786', name: 'Grave', validFrom: null, validUntil: '2021-12-31', note: 'merged into Land van Cuijk (GM1982)' },
      { code: 'GM0815', name: 'Mill en Sint Hubert', validFrom: null, validUntil: '2021-12-31', note: 'merged into Land van Cuijk (GM1982)' },
      { code: 'GM1702', name: 'Sint Anthonis', validFrom: null, validUntil: '2021-12-31', note: 'merged into Land van Cuijk (GM1982)' },
      {
        code: 'GM0788',
        name: 'Haaren',
        validFrom: null,
        validUntil: '2020-12-31',
        note: 'split over Oisterwijk and Tilburg (JZ35) and Vught and Boxtel (JZ33)',
      },
    ],
  },
  {
    code: 'JZ21',
    name: 'FoodValley',
    cbsName: 'Foodvalley',
    municipalities: [
      always('GM0228', 'Ede'),
      always('GM0203', 'Barneveld'),
      always('GM0267', 'Nijkerk'),
      always('GM0279', 'Scherpenzeel'),
      always('GM0339', 'Renswoude'),
      always('GM0340', 'Rhenen'),
      always('GM0345', 'Veenendaal'),
    ],
  },
  {
    code: 'JZ43',
    name: 'Midden-Limburg West',
    cbsName: 'Midden-Limburg West',
    municipalities: [always('GM1640', 'Leudal'), always('GM0946', 'Nederweert'), always('GM0988', 'Weert')],
  },
  {
    code: 'JZ34',
    name: 'West-Brabant Oost',
    cbsName: 'West-Brabant-Oost',
    municipalities: [
      always('GM0758', 'Breda'),
      always('GM1719', 'Drimmelen'),
      always('GM0779', 'Geertruidenberg'),
      always('GM0826', 'Oosterhout'),
      { code: 'GM1959', name: 'Altena', validFrom: '2019-01-01', validUntil: null },
      { code: 'GM0738', name: 'Aalburg', validFrom: null, validUntil: '2018-12-31', note: 'merged into Altena (GM1959)' },
      { code: 'GM0870', name: 'Werkendam', validFrom: null, validUntil: '2018-12-31', note: 'merged into Altena (GM1959)' },
      { code: 'GM0874', name: 'Woudrichem', validFrom: null, validUntil: '2018-12-31', note: 'merged into Altena (GM1959)' },
      { code: 'GM1723', name: 'Alphen-Chaam', validFrom: null, validUntil: '2019-12-31', note: 'moved to Hart van Brabant (JZ35)' },
      { code: 'GM0744', name: 'Baarle-Nassau', validFrom: null, validUntil: '2019-12-31', note: 'moved to Hart van Brabant (JZ35)' },
    ],
  },
];

const byCode = new Map<string, RegionInfo>(REGIONS.map((r) => [r.code, r]));

export function isRegionCode(code: string): code is RegionCode {
  return byCode.has(code);
}

export function regionInfo(code: RegionCode): RegionInfo {
  const info = byCode.get(code);
  if (!info) throw new Error(`region ${code} is not in the registry`);
  return info;
}

/** Membership on a date (YYYY-MM-DD): the municipalities whose validity covers it. */
export function membersOn(region: RegionInfo, date: string): MunicipalityMembership[] {
  return region.municipalities.filter(
    (m) => (m.validFrom === null || m.validFrom <= date) && (m.validUntil === null || date <= m.validUntil),
  );
}

/**
 * A municipality's region: on a date when given, otherwise its latest (a municipality that moved
 * between regions has a membership in each).
 */
export function municipalityByCode(code: string, on?: string): { region: RegionInfo; membership: MunicipalityMembership } | undefined {
  const found = REGIONS.flatMap((region) =>
    region.municipalities
      .filter((m) => m.code === code && (on === undefined || ((m.validFrom === null || m.validFrom <= on) && (m.validUntil === null || on <= m.validUntil))))
      .map((membership) => ({ region, membership })),
  );
  return found.sort((a, b) => (b.membership.validUntil ?? '9999').localeCompare(a.membership.validUntil ?? '9999'))[0];
}
