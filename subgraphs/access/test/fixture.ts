/**
 * A small, hand-checked batch for Midden-Limburg West (JZ43) in 2025: six trajectories whose
 * statistics are worked out by hand in statistics.test.ts.
 */
const request = (trajectory: string, client: string, extra: Record<string, unknown>) => ({
  message: 'JW315',
  trajectory,
  client,
  birthYear: 2012,
  municipality: 'GM0988',
  crisis: false,
  residential: false,
  provider: '99100000',
  ...extra,
});
const allocation = (trajectory: string, allocatedOn: string, productCode: string, extra: Record<string, unknown> = {}) => ({
  message: 'JW301',
  trajectory,
  allocation: `${trajectory}-A1`,
  allocatedOn,
  productCode,
  volume: 2,
  unit: '04',
  frequency: '2',
  validFrom: allocatedOn,
  validUntil: null,
  financingVariant: 'INSPANNINGSGERICHT',
  ...extra,
});

export const FIXTURE = [
  request('T1', 'BSN-111111111', { referrerType: '02', productCategory: '45', productCode: '45A01', requestedOn: '2025-01-10' }),
  allocation('T1', '2025-01-20', '45A01'),
  { message: 'JW305', trajectory: 'T1', startedOn: '2025-02-19' },
  { message: 'JW307', trajectory: 'T1', endedOn: '2025-06-30', endReason: '31' },
  { message: 'JW323', trajectory: 'T1', month: '2025-02', productCode: '45A01', volume: 8, unit: '04', amountEuros: 656, bridgingCare: false },
  { message: 'JW323', trajectory: 'T1', month: '2025-03', productCode: '45A01', volume: 8, unit: '04', amountEuros: 656, bridgingCare: true },

  // The municipality's access team refers: allocated straight away, without a request (JW315).
  allocation('T2', '2025-02-01', '45A02', {
    client: 'BSN-222222222', birthYear: 2012, municipality: 'GM0988', referrerType: '01', provider: '99100000', crisis: false, residential: false,
  }),
  { message: 'JW305', trajectory: 'T2', startedOn: '2025-02-15' },
  { message: 'JW307', trajectory: 'T2', endedOn: '2025-04-15', endReason: '32' },

  request('T3', 'BSN-333333333', { referrerType: '01', productCategory: '43', productCode: '43A01', requestedOn: '2025-03-01', residential: true }),
  allocation('T3', '2025-03-11', '43A01', { unit: '14', frequency: '4', volume: 31 }),
  { message: 'JW305', trajectory: 'T3', startedOn: '2025-04-10' },
  { message: 'JW323', trajectory: 'T3', month: '2025-04', productCode: '43A01', volume: 21, unit: '14', amountEuros: 6552, bridgingCare: false },
  { message: 'PLAN', plan: 'P3', kind: 'PERSPECTIVE_PLAN', family: 'FAM-3', trajectory: 'T3', coordinator: 'R-7', startedOn: '2025-04-10',
    goals: [{ description: 'Terug naar huis', attainment: 'OPEN' }] },

  // The young person of T1 comes back within twelve months: repeat use.
  request('T4', 'BSN-111111111', { referrerType: '02', productCategory: '54', productCode: '54A01', requestedOn: '2025-09-01' }),
  allocation('T4', '2025-09-03', '54A01'),
  { message: 'JW305', trajectory: 'T4', startedOn: '2025-10-03' },

  request('T5', 'BSN-555555555', { referrerType: '06', productCategory: '45', productCode: '45B01', requestedOn: '2025-05-01', birthYear: 2008 }),
  allocation('T5', '2025-05-11', '45B01'),
  { message: 'JW305', trajectory: 'T5', startedOn: '2025-05-21' },
  { message: 'PLAN', plan: 'P5', kind: 'FUTURE_PLAN', family: 'FAM-5', trajectory: 'T5', coordinator: 'R-9', startedOn: '2025-06-01',
    goals: [{ description: 'Zelfstandig wonen', attainment: 'PARTLY_ACHIEVED' }, { description: 'Opleiding', attainment: 'ACHIEVED' }] },

  // Crisis care starts before its allocation.
  request('T6', 'BSN-666666666', { referrerType: '08', productCategory: '46', productCode: '46A01', requestedOn: '2025-06-01', crisis: true }),
  { message: 'JW305', trajectory: 'T6', startedOn: '2025-06-01' },
  allocation('T6', '2025-06-10', '46A01', { validFrom: '2025-06-01', unit: '14', frequency: '6', volume: 20 }),
  { message: 'JW307', trajectory: 'T6', endedOn: '2025-06-20', endReason: '35' },
];

export const jsonLines = (records: readonly unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');
