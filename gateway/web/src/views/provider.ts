import * as Plot from '@observablehq/plot';
import { graphql, QueryError } from '../api.js';
import type { Viewer } from '../auth.js';
import { figure, formatNumber, notice } from '../figure.js';
import { nameOf, t, type TextKey } from '../i18n.js';
import { loadSections } from '../sections.js';

interface Category {
  code: string;
  name: string;
  nameNl: string;
}
interface Contract {
  id: string;
  region: { code: string; name: string };
  form: string;
  financingVariant: string;
  productCategories: Category[];
  startsOn: string;
  endsOn: string | null;
}

const WAITING = `query Own($agb: ID!) { provider(agbCode: $agb) { waitingTimes {
  region { code name } productCategory { code name nameNl } reportedOn totalWeeks norm { totalWeeks } exceedsNorm } } }`;

async function ownWaitingTimes(agb: string): Promise<HTMLElement> {
  type Report = { region: { code: string; name: string }; productCategory: Category; reportedOn: string; totalWeeks: number; norm: { totalWeeks: number }; exceedsNorm: boolean };
  const data = await graphql<{ provider: { waitingTimes: Report[] } | null }>(WAITING, { agb });
  const reports = [...(data.provider?.waitingTimes ?? [])].sort((a, b) => a.region.code.localeCompare(b.region.code) || a.productCategory.code.localeCompare(b.productCategory.code));
  const points = reports.map((r) => ({ region: r.region.name, category: `${r.productCategory.code} ${nameOf(r.productCategory)}`, total: r.totalWeeks, norm: r.norm.totalWeeks, over: r.exceedsNorm }));
  return figure({
    id: 'own-waiting-times',
    title: t('ownWaitingTitle'),
    description: t('ownWaitingDesc'),
    columns: [{ label: t('region') }, { label: t('productCategory') }, { label: t('reportedOn') }, { label: t('totalWeeks'), digits: 1 }, { label: t('normWeeks'), digits: 1 }],
    rows: reports.map((r, i) => [r.region.name, points[i]!.category, r.reportedOn, r.totalWeeks, r.norm.totalWeeks]),
    chart: (width) =>
      Plot.plot({
        width,
        marginLeft: 230,
        ariaLabel: t('ownWaitingTitle'),
        ariaDescription: t('ownWaitingDesc'),
        x: { label: t('totalWeeks'), grid: true },
        y: { label: null },
        fy: { label: null },
        color: { domain: [false, true], range: ['#2b6cb0', '#c05621'] },
        marks: [
          Plot.barX(points, { x: 'total', y: 'category', fy: 'region', fill: 'over' }),
          Plot.tickX(points, { x: 'norm', y: 'category', fy: 'region', stroke: '#1a202c', strokeWidth: 3 }),
          Plot.ruleX([0]),
        ],
      }),
  });
}

const CONTRACTS = `query Contracts($agb: ID!) { provider(agbCode: $agb) { contracts {
  id region { code name } form financingVariant productCategories { code name nameNl } startsOn endsOn } } }`;

function contractsTable(contracts: readonly Contract[]): HTMLElement {
  return figure({
    id: 'contracts',
    title: t('contractsTitle'),
    description: '',
    columns: [{ label: t('region') }, { label: t('form') }, { label: t('financing') }, { label: t('categories') }, { label: t('startsOn') }, { label: t('endsOn') }],
    rows: contracts.map((c) => [c.region.name, c.form, c.financingVariant, c.productCategories.map((p) => `${p.code} ${nameOf(p)}`).join(', '), c.startsOn, c.endsOn]),
  });
}

const REPORT = `mutation Report($input: ReportWaitingTimeInput!) { reportWaitingTime(input: $input) {
  id totalWeeks norm { totalWeeks } exceedsNorm } }`;

const FIELDS: readonly { name: string; label: TextKey; type: 'number' | 'checkbox' | 'region' | 'category'; step?: string }[] = [
  { name: 'region', label: 'region', type: 'region' },
  { name: 'productCategory', label: 'productCategory', type: 'category' },
  { name: 'registrationToIntakeWeeks', label: 'registrationToIntake', type: 'number', step: '0.1' },
  { name: 'intakeToTreatmentWeeks', label: 'intakeToTreatment', type: 'number', step: '0.1' },
  { name: 'waitingCount', label: 'waitingCount', type: 'number', step: '1' },
  { name: 'bridgingCareOffered', label: 'bridgingCare', type: 'checkbox' },
];

/** The report form: the provider's contracted regions and categories, errors at their fields. */
function reportForm(agb: string, contracts: readonly Contract[], onReported: () => void): HTMLElement {
  const section = document.createElement('section');
  section.className = 'figure report';
  section.id = 'report';
  const heading = document.createElement('h2');
  heading.id = 'report-title';
  heading.textContent = t('reportTitle');
  section.setAttribute('aria-labelledby', 'report-title');
  const form = document.createElement('form');
  form.noValidate = true;
  const status = document.createElement('p');
  status.className = 'form-status';
  status.setAttribute('role', 'status');
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const errors = new Map<string, HTMLElement>();
  const regions = [...new Map(contracts.map((c) => [c.region.code, c.region.name]))];

  const categorySelect = document.createElement('select');
  const fillCategories = (region: string) => {
    categorySelect.replaceChildren();
    const categories = new Map<string, Category>();
    for (const c of contracts.filter((c) => c.region.code === region)) for (const p of c.productCategories) categories.set(p.code, p);
    for (const p of [...categories.values()].sort((a, b) => a.code.localeCompare(b.code))) categorySelect.add(new Option(`${p.code} ${nameOf(p)}`, p.code));
  };

  for (const field of FIELDS) {
    const row = document.createElement('div');
    row.className = `field field-${field.type}`;
    const id = `report-${field.name}`;
    let input: HTMLInputElement | HTMLSelectElement;
    if (field.type === 'region') {
      const select = document.createElement('select');
      for (const [code, name] of regions) select.add(new Option(`${name} (${code})`, code));
      select.addEventListener('change', () => fillCategories(select.value));
      input = select;
    } else if (field.type === 'category') {
      input = categorySelect;
    } else {
      const element = document.createElement('input');
      element.type = field.type;
      if (field.step) {
        element.step = field.step;
        element.min = '0';
        element.inputMode = field.step === '1' ? 'numeric' : 'decimal';
      }
      input = element;
    }
    input.id = id;
    input.name = field.name;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = t(field.label);
    const error = document.createElement('p');
    error.className = 'field-error';
    error.id = `${id}-error`;
    error.hidden = true;
    input.setAttribute('aria-describedby', error.id);
    if (field.type === 'checkbox') row.append(input, label, error);
    else row.append(label, input, error);
    inputs.set(field.name, input);
    errors.set(field.name, error);
    form.append(row);
  }
  fillCategories(regions[0]?.[0] ?? '');

  const showError = (name: string, text: string) => {
    const error = errors.get(name);
    const input = inputs.get(name);
    if (!error || !input) return false;
    error.textContent = text;
    error.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    return true;
  };
  const submit = document.createElement('button');
  submit.type = 'submit';
  submit.textContent = t('submit');
  form.append(submit, status);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const [name, error] of errors) {
      error.hidden = true;
      inputs.get(name)?.removeAttribute('aria-invalid');
    }
    status.textContent = '';
    const value = (name: string) => inputs.get(name)!.value.trim();
    let incomplete = false;
    for (const name of ['registrationToIntakeWeeks', 'intakeToTreatmentWeeks', 'waitingCount']) {
      if (value(name) === '' || Number.isNaN(Number(value(name)))) incomplete = showError(name, t('required')) || incomplete;
    }
    if (incomplete) {
      status.textContent = t('formHasErrors');
      return;
    }
    const input = {
      region: value('region'),
      providerAgb: agb,
      productCategory: value('productCategory'),
      registrationToIntakeWeeks: Number(value('registrationToIntakeWeeks')),
      intakeToTreatmentWeeks: Number(value('intakeToTreatmentWeeks')),
      // A fraction is the server's to refuse, with its own message at this field.
      waitingCount: Number(value('waitingCount')),
      bridgingCareOffered: (inputs.get('bridgingCareOffered') as HTMLInputElement).checked,
    };
    void graphql<{ reportWaitingTime: { totalWeeks: number; exceedsNorm: boolean; norm: { totalWeeks: number } } }>(REPORT, { input }).then(
      ({ reportWaitingTime: r }) => {
        status.textContent = t('reported', { weeks: formatNumber(r.totalWeeks, 1), norm: r.exceedsNorm ? t('overNorm') : t('withinNorm') });
        onReported();
      },
      (error: unknown) => {
        const placed = error instanceof QueryError && error.errors.map((e) => showError(String(e.extensions?.field ?? '').replace(/^input\./, ''), e.message)).some(Boolean);
        status.textContent = placed ? t('formHasErrors') : `${t('failed')}: ${error instanceof Error ? error.message : String(error)}`;
      },
    );
  });
  section.append(heading, form);
  return section;
}

export async function providerPortal(container: HTMLElement, viewer: Viewer): Promise<void> {
  const h1 = document.createElement('h1');
  h1.textContent = t('providerPortal');
  container.append(h1);
  if (viewer.role !== 'provider' || !viewer.agbCode) {
    container.append(notice('provider-only', t('providerPortal'), t('providerOnly')));
    return;
  }
  const agb = viewer.agbCode;
  const waitingBox = document.createElement('div');
  container.append(waitingBox);
  const refresh = () => {
    waitingBox.replaceChildren();
    return loadSections(waitingBox, [{ id: 'own-waiting-times', title: t('ownWaitingTitle'), load: () => ownWaitingTimes(agb) }]);
  };
  await Promise.all([
    refresh(),
    loadSections(container, [
      {
        id: 'contracts',
        title: t('contractsTitle'),
        load: async () => {
          const data = await graphql<{ provider: { contracts: Contract[] | null } | null }>(CONTRACTS, { agb });
          const contracts = data.provider?.contracts ?? [];
          const box = document.createElement('div');
          box.append(contractsTable(contracts), reportForm(agb, contracts, () => void refresh()));
          return box;
        },
      },
    ]),
  ]);
}
