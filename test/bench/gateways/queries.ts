/** The question mix of `npm run bench:gateways`: what dashboards, portals and circles ask most. */
export interface BenchQuery {
  readonly name: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
}

const FIVE = ['JZ35', 'JZ33', 'JZ21', 'JZ43', 'JZ34'];
const YEAR = 2025;

const DASHBOARD = `query Dashboard($code: ID!, $year: Int!) { region(code: $code) { code name
  municipalities { code name }
  waitingTimeSummary { providersReporting { value } providersOverNorm { value } shareOverNorm
    byProductCategory { productCategory { code name } norm { totalWeeks } medianTotalWeeks worstTotalWeeks worstProvider { name } totalWaiting { value } } }
  contracts { id form provider { agbCode name } lots budgetCeilingEuros startsOn endsOn }
  accessStatistics { referralFlows { referrerType { code } productCategory { code } referrals }
    leadTimes { trajectories requestToAllocation { medianDays p90Days } allocationToStart { medianDays p90Days } }
    dropout { count of share } repeatUse { share } averageDurationDays planCoverage { perspectivePlanShare futurePlanShare } }
  spending(year: $year) { yearToDateEuros byProductCategory { productCategory { code } yearToDateEuros months { month euros } } }
  indicators(periods: ["2023JJ00", "2024JJ00"]) { indicator { code unit } period status count { value suppressed } value { value suppressed }
    benchmark { national { value } median { value } rank } } } }`;

const PORTAL = `query Portal($agb: ID!) { provider(agbCode: $agb) { agbCode name
  contracts { id region { code name } form financingVariant productCategories { code name } startsOn endsOn }
  waitingTimes { region { code } productCategory { code } reportedOn registrationToIntakeWeeks intakeToTreatmentWeeks totalWeeks exceedsNorm weeksOverNorm } } }`;

const CIRCLE = `query Circle($codes: [ID!], $years: [Int!]!) { regions(codes: $codes) { code name
  monitoringComparison(years: $years) { year youthPopulation { youth0to17 status }
    indicators { indicator { code } status count { value suppressed } value { value suppressed } benchmark { median { value } rank } } }
  waitingTimeComparison(years: $years) { year providersReporting { value suppressed } shareOverNorm { value suppressed } medianTotalWeeks { value suppressed } }
  accessComparison(years: $years) { year referralsPer1000 { value suppressed } dropoutShare { value suppressed } averageDurationDays { value suppressed } } } }`;

const LARGE = `{ regions { code name providers { agbCode name
  contracts { id form startsOn }
  waitingTimes { id totalWeeks exceedsNorm } } } }`;

const TINY = `{ regions { code name } }`;

/** The fan-out pair: the same region figures for one region and for five, asked in parallel by the subgraphs. */
const FAN_OUT = `query FanOut($codes: [ID!]) { regions(codes: $codes) { code
  waitingTimeSummary { providersReporting { value } shareOverNorm byProductCategory { productCategory { code } medianTotalWeeks } }
  accessStatistics { leadTimes { trajectories requestToStart { medianDays } } dropout { share } } } }`;

export function benchQueries(providerAgb: string): { mix: BenchQuery[]; fanOut: [BenchQuery, BenchQuery] } {
  return {
    mix: [
      { name: 'regional dashboard (JZ34)', query: DASHBOARD, variables: { code: 'JZ34', year: YEAR } },
      { name: 'provider portal', query: PORTAL, variables: { agb: providerAgb } },
      { name: 'learning circle (5 regions)', query: CIRCLE, variables: { codes: FIVE, years: [2022, 2023, 2024] } },
      { name: 'large answer', query: LARGE },
      { name: 'tiny', query: TINY },
    ],
    fanOut: [
      { name: 'fan-out: one region', query: FAN_OUT, variables: { codes: ['JZ34'] } },
      { name: 'fan-out: five regions', query: FAN_OUT, variables: { codes: FIVE } },
    ],
  };
}
