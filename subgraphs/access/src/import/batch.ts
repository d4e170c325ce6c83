import { addDays } from '@youth-care/lib/dates';
import type { ExistingState, ImportChanges, NewAllocation, NewDeclaration, NewPlan, TrajectoryRow } from '../db/import-repository.js';
import type { AccessRecord, AllocationRecord, DeclarationRecord, PlanRecord } from './records.js';
import { monthStartOf, referralOf } from './records.js';

/** A record as read, with where it came from, for the report. */
export interface NumberedRecord {
  readonly line: number;
  readonly record: AccessRecord;
}

export interface RecordProblem {
  readonly line: number;
  readonly message?: string;
  readonly trajectory?: string;
  readonly problems: string[];
}

export interface Pseudonymiser {
  client(id: string): string;
  family(id: string): string;
}

/** COD327: the municipality's own access team, whose referrals are allocated without a JW315. */
const MUNICIPAL_REFERRER = '01';

/** Crisis care may start before the allocation, for at most four weeks (Jeugdwet). */
const CRISIS_GRACE_DAYS = 28;
/** Upper bound of days (frequency 1) or weeks (frequency 2) in a declared month. */
const PER_MONTH: Record<string, number> = { '1': 31, '2': 5, '4': 1 };

interface TrajectoryState {
  row: TrajectoryRow;
  allocations: NewAllocation[];
  /** Declared volume per `${month}|${productCode}`, existing and new. */
  declared: Map<string, number>;
  touched: boolean;
}

/** Field by field, whatever order the keys came in. */
function sameFields(a: object, b: object): boolean {
  const canonical = (o: object) => JSON.stringify(Object.entries(o).sort(([x], [y]) => x.localeCompare(y)));
  return canonical(a) === canonical(b);
}

const MESSAGE_ORDER: Record<AccessRecord['message'], number> = { JW315: 0, JW301: 1, JW305: 2, JW307: 3, JW323: 4, PLAN: 5 };

/**
 * Checks a batch against the iJw message order and what the region already holds, and works
 * out what to write. Records are taken in message order (requests, then allocations, starts,
 * ends, declarations, plans), so a batch may list them in any order, but each must follow from
 * the ones before it by its dates: no allocation before the request, no start before the
 * allocation (crisis care excepted, for four weeks), no end before the start, no declaration
 * outside the care period or over the allocated volume. Any problem rejects the whole batch.
 */
export function planImport(
  records: readonly NumberedRecord[],
  existing: ExistingState,
  pseudonyms: Pseudonymiser,
  today: string,
): { problems: RecordProblem[]; changes: ImportChanges } {
  const problems: RecordProblem[] = [];
  const trajectories = new Map<string, TrajectoryState>();
  for (const row of existing.trajectories) {
    trajectories.set(row.id, { row: { ...row }, allocations: [], declared: new Map(), touched: false });
  }
  for (const a of existing.allocations) trajectories.get(a.trajectoryId)?.allocations.push(a);
  for (const d of existing.declarations) {
    trajectories.get(d.trajectoryId)?.declared.set(`${d.month}|${d.productCode}`, d.volume);
  }
  const allocations = new Map(existing.allocations.map((a) => [a.id, a]));
  const existingDeclarations = new Set(existing.declarations.map((d) => `${d.trajectoryId}|${d.month}|${d.productCode}`));
  const plans = new Map(existing.plans.map((p) => [p.id, p]));
  const coordinators = new Map(existing.familyCoordinators.map((f) => [f.familyPseudonym, f.coordinator]));

  const changes: ImportChanges = { trajectories: [], allocations: [], declarations: [], plans: [] };
  const sorted = [...records].sort((a, b) => MESSAGE_ORDER[a.record.message] - MESSAGE_ORDER[b.record.message] || a.line - b.line);

  for (const { line, record } of sorted) {
    const fail = (...why: string[]) =>
      problems.push({ line, message: record.message, trajectory: 'trajectory' in record ? (record.trajectory ?? undefined) : undefined, problems: why });
    const state = 'trajectory' in record && record.trajectory ? trajectories.get(record.trajectory) : undefined;

    switch (record.message) {
      case 'JW315': {
        const row: TrajectoryRow = {
          id: record.trajectory,
          clientPseudonym: pseudonyms.client(record.client),
          birthYear: record.birthYear,
          municipality: record.municipality,
          referrerType: record.referrerType,
          productCategory: record.productCategory,
          productCode: record.productCode,
          providerAgb: record.provider,
          crisis: record.crisis,
          residential: record.residential,
          route: 'REQUEST',
          requestedOn: record.requestedOn,
          allocatedOn: null,
          startedOn: null,
          endedOn: null,
          endReason: null,
        };
        if (record.requestedOn > today) fail(`requestedOn ${record.requestedOn} lies in the future`);
        else if (record.birthYear > Number(record.requestedOn.slice(0, 4))) fail('birthYear lies after requestedOn');
        else if (state) {
          const same = (Object.keys(row) as (keyof TrajectoryRow)[])
            .filter((k) => !['allocatedOn', 'startedOn', 'endedOn', 'endReason'].includes(k))
            .every((k) => state.row[k] === row[k]);
          if (!same) fail(`trajectory ${record.trajectory} was already requested with other data`);
        } else trajectories.set(record.trajectory, { row, allocations: [], declared: new Map(), touched: true });
        break;
      }
      case 'JW301': {
        const referral = referralOf(record);
        if (!state && referral?.referrerType !== MUNICIPAL_REFERRER) {
          fail(
            `JW301 for trajectory ${record.trajectory} has no request (JW315) before it; ` +
              `only an allocation on referral by the municipality (referrer ${MUNICIPAL_REFERRER}) comes without one` +
              (referral ? `, this one names referrer ${referral.referrerType}` : ''),
          );
          break;
        }
        if (!state && referral) {
          if (referral.birthYear > Number(record.allocatedOn.slice(0, 4))) {
            fail('birthYear lies after allocatedOn');
            break;
          }
          const row: TrajectoryRow = {
            id: record.trajectory,
            clientPseudonym: pseudonyms.client(referral.client),
            birthYear: referral.birthYear,
            municipality: referral.municipality,
            referrerType: referral.referrerType,
            productCategory: record.productCode.slice(0, 2),
            productCode: record.productCode,
            providerAgb: referral.provider,
            crisis: referral.crisis,
            residential: referral.residential,
            route: 'MUNICIPAL',
            // The municipal route has no request: the young person is referred on the day of the allocation.
            requestedOn: record.allocatedOn,
            allocatedOn: null,
            startedOn: null,
            endedOn: null,
            endReason: null,
          };
          trajectories.set(record.trajectory, { row, allocations: [], declared: new Map(), touched: true });
        }
        const current = trajectories.get(record.trajectory)!;
        const why = allocationProblems(record, current.row, today);
        if (why.length) {
          fail(...why);
          break;
        }
        const allocation: NewAllocation = {
          id: record.allocation,
          trajectoryId: record.trajectory,
          allocatedOn: record.allocatedOn,
          productCode: record.productCode,
          volume: record.volume,
          unit: record.unit,
          frequency: record.frequency,
          validFrom: record.validFrom,
          validUntil: record.validUntil,
          financingVariant: record.financingVariant,
        };
        const known = allocations.get(allocation.id);
        if (known) {
          if (!sameFields(known, allocation)) fail(`allocation ${allocation.id} already exists with other data`);
          break;
        }
        allocations.set(allocation.id, allocation);
        current.allocations.push(allocation);
        changes.allocations.push(allocation);
        if (current.row.allocatedOn === null || record.allocatedOn < current.row.allocatedOn) current.row.allocatedOn = record.allocatedOn;
        current.touched = true;
        break;
      }
      case 'JW305': {
        if (!state) {
          fail(`JW305 for trajectory ${record.trajectory} has no request (JW315) before it`);
          break;
        }
        if (state.row.startedOn !== null) {
          if (state.row.startedOn !== record.startedOn) fail(`trajectory ${record.trajectory} already started on ${state.row.startedOn}`);
          break;
        }
        const why: string[] = [];
        if (record.startedOn > today) why.push(`startedOn ${record.startedOn} lies in the future`);
        // On the municipal route the referral date is the allocation's, which crisis care may precede.
        const referredBefore = state.row.route === 'MUNICIPAL' && state.row.crisis;
        if (!referredBefore && record.startedOn < state.row.requestedOn) why.push(`startedOn ${record.startedOn} lies before the request (${state.row.requestedOn})`);
        if (state.row.crisis) {
          const allocatedOn = state.row.allocatedOn;
          if (allocatedOn !== null && allocatedOn > addDays(record.startedOn, CRISIS_GRACE_DAYS)) {
            why.push(`crisis care started ${record.startedOn} but was allocated more than four weeks later (${allocatedOn})`);
          }
        } else if (state.row.allocatedOn === null) {
          why.push(`JW305 for trajectory ${record.trajectory} has no allocation (JW301) before it`);
        } else if (record.startedOn < state.row.allocatedOn) {
          why.push(`startedOn ${record.startedOn} lies before the allocation (${state.row.allocatedOn})`);
        }
        if (why.length) fail(...why);
        else {
          state.row.startedOn = record.startedOn;
          state.touched = true;
        }
        break;
      }
      case 'JW307': {
        if (!state) {
          fail(`JW307 for trajectory ${record.trajectory} has no request (JW315) before it`);
          break;
        }
        if (state.row.endedOn !== null) {
          if (state.row.endedOn !== record.endedOn || state.row.endReason !== record.endReason) {
            fail(`trajectory ${record.trajectory} already ended on ${state.row.endedOn}`);
          }
          break;
        }
        if (state.row.startedOn === null) fail(`JW307 for trajectory ${record.trajectory} has no start (JW305) before it`);
        else if (record.endedOn < state.row.startedOn) fail(`endedOn ${record.endedOn} lies before the start (${state.row.startedOn})`);
        else if (record.endedOn > today) fail(`endedOn ${record.endedOn} lies in the future`);
        else {
          state.row.endedOn = record.endedOn;
          state.row.endReason = record.endReason;
          state.touched = true;
        }
        break;
      }
      case 'JW323': {
        if (!state) {
          fail(`JW323 for trajectory ${record.trajectory} has no request (JW315) before it`);
          break;
        }
        const key = `${record.trajectory}|${monthStartOf(record.month)}|${record.productCode}`;
        if (existingDeclarations.has(key)) {
          if (state.declared.get(`${monthStartOf(record.month)}|${record.productCode}`) !== record.volume) {
            fail(`a declaration for ${record.month} and ${record.productCode} already exists with another volume`);
          }
          break;
        }
        const why = declarationProblems(record, state, today);
        if (why.length) {
          fail(...why);
          break;
        }
        state.declared.set(`${monthStartOf(record.month)}|${record.productCode}`, record.volume);
        existingDeclarations.add(key);
        const declaration: NewDeclaration = {
          trajectoryId: record.trajectory,
          month: monthStartOf(record.month),
          productCode: record.productCode,
          productCategory: record.productCode.slice(0, 2),
          volume: record.volume,
          unit: record.unit,
          amountEuros: record.amountEuros.toFixed(2),
          bridgingCare: record.bridgingCare,
        };
        changes.declarations.push(declaration);
        break;
      }
      case 'PLAN': {
        const plan = toPlan(record, pseudonyms);
        const why = planProblems(record, plan, state, today, coordinators);
        if (why.length) {
          fail(...why);
          break;
        }
        const known = plans.get(plan.id);
        if (known) {
          if (!sameFields(known, plan)) fail(`plan ${plan.id} already exists with other data`);
          break;
        }
        coordinators.set(plan.familyPseudonym, plan.coordinator);
        plans.set(plan.id, plan);
        changes.plans.push(plan);
        break;
      }
    }
  }
  for (const state of trajectories.values()) if (state.touched) changes.trajectories.push(state.row);
  return { problems, changes };
}

function allocationProblems(record: AllocationRecord, trajectory: TrajectoryRow, today: string): string[] {
  const why: string[] = [];
  if (record.allocatedOn < trajectory.requestedOn) why.push(`allocatedOn ${record.allocatedOn} lies before the request (${trajectory.requestedOn})`);
  if (record.allocatedOn > today) why.push(`allocatedOn ${record.allocatedOn} lies in the future`);
  if (record.validFrom < trajectory.requestedOn) why.push(`validFrom ${record.validFrom} lies before the request (${trajectory.requestedOn})`);
  if (record.productCode.slice(0, 2) !== trajectory.productCategory) {
    why.push(`productCode ${record.productCode} is not in the requested product category ${trajectory.productCategory}`);
  }
  return why;
}

function declarationProblems(record: DeclarationRecord, state: TrajectoryState, today: string): string[] {
  const month = monthStartOf(record.month);
  const why: string[] = [];
  if (month > today) why.push(`month ${record.month} lies in the future`);
  if (state.row.startedOn === null) return [...why, `JW323 for trajectory ${record.trajectory} has no start (JW305) before it`];
  if (record.month < state.row.startedOn.slice(0, 7)) why.push(`month ${record.month} lies before the start (${state.row.startedOn})`);
  if (state.row.endedOn !== null && record.month > state.row.endedOn.slice(0, 7)) why.push(`month ${record.month} lies after the end (${state.row.endedOn})`);
  const allocation = state.allocations.find(
    (a) => a.productCode === record.productCode && a.validFrom.slice(0, 7) <= record.month && (a.validUntil === null || a.validUntil.slice(0, 7) >= record.month),
  );
  if (!allocation) return [...why, `no allocation for ${record.productCode} covers ${record.month}`];
  if (allocation.financingVariant === 'TAAKGERICHT') {
    return [...why, `allocation ${allocation.id} is financed task-based (TAAKGERICHT): no declarations per client`];
  }
  if (record.unit !== allocation.unit) why.push(`unit ${record.unit} differs from the allocation's unit ${allocation.unit}`);
  const perMonth = PER_MONTH[allocation.frequency];
  if (perMonth !== undefined && record.volume > allocation.volume * perMonth) {
    why.push(`volume ${record.volume} exceeds what allocation ${allocation.id} allows in a month (${allocation.volume * perMonth})`);
  }
  if (allocation.frequency === '6') {
    let total = record.volume;
    for (const [key, volume] of state.declared) if (key.endsWith(`|${record.productCode}`)) total += volume;
    if (total > allocation.volume) why.push(`declared volume ${total} exceeds the ${allocation.volume} allocated in total (${allocation.id})`);
  }
  return why;
}

function toPlan(record: PlanRecord, pseudonyms: Pseudonymiser): NewPlan {
  return {
    id: record.plan,
    kind: record.kind,
    familyPseudonym: pseudonyms.family(record.family),
    trajectoryId: record.trajectory,
    coordinator: record.coordinator,
    startedOn: record.startedOn,
    goals: record.goals.map((g, position) => ({ position, description: g.description, attainment: g.attainment })),
  };
}

function planProblems(
  record: PlanRecord,
  plan: NewPlan,
  trajectory: TrajectoryState | undefined,
  today: string,
  coordinators: Map<string, string>,
): string[] {
  const why: string[] = [];
  if (record.startedOn > today) why.push(`startedOn ${record.startedOn} lies in the future`);
  if (record.trajectory !== null && !trajectory) why.push(`plan ${record.plan} names trajectory ${record.trajectory}, which has no request (JW315)`);
  if (record.kind === 'PERSPECTIVE_PLAN' && trajectory && !trajectory.row.residential) {
    why.push('a perspective plan belongs to a residential placement; its trajectory is not residential');
  }
  if ((record.kind === 'PERSPECTIVE_PLAN' || record.kind === 'FUTURE_PLAN') && record.trajectory === null) {
    why.push(`a ${record.kind === 'FUTURE_PLAN' ? 'future' : 'perspective'} plan must name the young person's trajectory`);
  }
  if (record.kind === 'FUTURE_PLAN' && trajectory) {
    const age = Number(record.startedOn.slice(0, 4)) - trajectory.row.birthYear;
    if (age < 16 || age > 27) why.push(`a future plan is for young people of 16 to 27; this one is about ${age}`);
  }
  const coordinator = coordinators.get(plan.familyPseudonym);
  if (coordinator !== undefined && coordinator !== plan.coordinator) {
    why.push('a family has one coordinator; this family already has another');
  }
  return why;
}
