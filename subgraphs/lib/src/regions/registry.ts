/**
 * The youth-care regions of the country (the 42 jeugdregio's), with their municipalities over
 * time. Codes are CBS's: JZ.. for youth-care regions, GM.... for municipalities. The five demo
 * regions (the ones with demo data) are checked against CBS's 2020 and 2025 region boundaries and
 * list their municipalities; `validFrom: null` means the municipality belongs to the region for
 * the whole horizon of this registry (from 2017, the start of the demo history). The other 37
 * carry their names; their JZ codes follow CBS's numbering as far as it could be reconstructed
 * without CBS's code list at hand, and their municipalities are not listed yet: check both
 * against CBS's "Gebieden in Nederland" before importing real figures for them.
 */
export const DEMO_REGION_CODES = ['JZ35', 'JZ33', 'JZ21', 'JZ43', 'JZ34'] as const;
export type DemoRegionCode = (typeof DEMO_REGION_CODES)[number];

const COUNTRY: readonly (readonly [string, string])[] = [
  ['JZ01', 'Groningen'],
  ['JZ02', 'Fryslân'],
  ['JZ03', 'Drenthe'],
  ['JZ04', 'IJsselland'],
  ['JZ05', 'Twente'],
  ['JZ06', 'Flevoland'],
  ['JZ07', 'Noord-Veluwe'],
  ['JZ08', 'Midden-IJssel/Oost-Veluwe'],
  ['JZ09', 'Achterhoek'],
  ['JZ10', 'Centraal Gelderland'],
  ['JZ11', 'Rivierenland'],
  ['JZ12', 'Gelderland-Zuid'],
  ['JZ13', 'Utrecht West'],
  ['JZ14', 'Utrecht Stad'],
  ['JZ15', 'Zuidoost Utrecht'],
  ['JZ16', 'Lekstroom'],
  ['JZ17', 'Amersfoort'],
  ['JZ18', 'Kop van Noord-Holland'],
  ['JZ19', 'West-Friesland'],
  ['JZ20', 'Alkmaar'],
  ['JZ22', 'Zaanstreek-Waterland'],
  ['JZ23', 'Zuid-Kennemerland en IJmond'],
  ['JZ24', 'Haarlemmermeer'],
  ['JZ25', 'Amsterdam-Amstelland'],
  ['JZ26', 'Gooi en Vechtstreek'],
  ['JZ27', 'Holland Rijnland'],
  ['JZ28', 'Haaglanden'],
  ['JZ29', 'Midden-Holland'],
  ['JZ30', 'Rijnmond'],
  ['JZ31', 'Zuid-Holland Zuid'],
  ['JZ32', 'Zeeland'],
  ['JZ36', 'West-Brabant West'],
  ['JZ37', 'Zuidoost-Brabant'],
  ['JZ38', 'Helmond-De Peel'],
  ['JZ41', 'Noord-Limburg'],
  ['JZ42', 'Midden-Limburg Oost'],
  ['JZ44', 'Zuid-Limburg'],
];

export const REGION_CODES = [
  'JZ01', 'JZ02', 'JZ03', 'JZ04', 'JZ05', 'JZ06', 'JZ07', 'JZ08', 'JZ09', 'JZ10', 'JZ11', 'JZ12', 'JZ13', 'JZ14',
  'JZ15', 'JZ16', 'JZ17', 'JZ18', 'JZ19', 'JZ20', 'JZ21', 'JZ22', 'JZ23', 'JZ24', 'JZ25', 'JZ26', 'JZ27', 'JZ28',
  'JZ29', 'JZ30', 'JZ31', 'JZ32', 'JZ33', 'JZ34', 'JZ35', 'JZ36', 'JZ37', 'JZ38', 'JZ41', 'JZ42', 'JZ43', 'JZ44',
] as const;
export type CountryRegionCode = (typeof REGION_CODES)[number];

/**
 * Test regions for scale benchmarks: ZZ01-ZZ99. CBS gives youth-care regions JZ codes only, so
 * no one mistakes one for a real region; production refuses them.
 */
export type SyntheticRegionCode = `ZZ${string}`;
export type RegionCode = CountryRegionCode | SyntheticRegionCode;

export function isSyntheticRegionCode(code: string): code is SyntheticRegionCode {
  return /^ZZ\d{2}$/.test(code) && code !== 'ZZ00';
}

/** `count` synthetic region codes, ZZ01 onwards. */
export function syntheticRegionCodes(count: number): SyntheticRegionCode[] {
  return Array.from({ length: count }, (_, i) => `ZZ${String(i + 1).padStart(2, '0')}` as SyntheticRegionCode);
}

/**
 * The demo region whose shape a region's demo data takes: its own for the five demo regions, one
 * of them in turn for a synthetic region (so ZZ01 has FoodValley's size, say), none for the
 * other real regions, which get no demo data.
 */
export function demoShape(code: RegionCode): DemoRegionCode | undefined {
  if ((DEMO_REGION_CODES as readonly string[]).includes(code)) return code as DemoRegionCode;
  if (isSyntheticRegionCode(code)) return DEMO_REGION_CODES[(Number(code.slice(2)) - 1) % DEMO_REGION_CODES.length];
  return undefined;
}

export const hasDemoData = (code: RegionCode): boolean => demoShape(code) !== undefined;

/** The shape of a region's demo data, for the generators; asking it of a region without demo data is a bug. */
export function demoShapeOf(code: RegionCode): DemoRegionCode {
  const shape = demoShape(code);
  if (!shape) throw new Error(`region ${code} has no demo data`);
  return shape;
}

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

const DEMO_REGIONS: readonly RegionInfo[] = [
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

/** Every region of the country, in CBS code order. */
export const REGIONS: readonly RegionInfo[] = [
  ...DEMO_REGIONS,
  ...COUNTRY.map(([code, name]) => ({ code: code as CountryRegionCode, name, cbsName: name, municipalities: [] })),
].sort((a, b) => a.code.localeCompare(b.code));

const byCode = new Map<string, RegionInfo>(REGIONS.map((r) => [r.code, r]));

export function isRegionCode(code: string): code is RegionCode {
  return byCode.has(code) || isSyntheticRegionCode(code);
}

export function regionInfo(code: RegionCode): RegionInfo {
  const info = byCode.get(code);
  if (info) return info;
  const shape = demoShape(code);
  if (isSyntheticRegionCode(code) && shape) {
    // Its demo data follows the shape region's municipalities; codes and data stay its own.
    const name = `Synthetic test region ${code.slice(2)}`;
    return { code, name, cbsName: name, municipalities: regionInfo(shape).municipalities };
  }
  throw new Error(`region ${code} is not in the registry`);
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
