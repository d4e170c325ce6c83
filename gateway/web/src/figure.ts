import type { Protected } from './api.js';
import { locale, t } from './i18n.js';

/**
 * A chart with its table one click away and a CSV of exactly the figures in that table. A
 * suppressed figure is shown as such in the table and the CSV, and never drawn as 0.
 */
export type Cell = string | number | null | Protected;

export interface Column {
  readonly label: string;
  /** Digits after the decimal separator; text when left out. */
  readonly digits?: number;
}

export interface FigureSpec {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Cell[])[];
  /** Draws the chart; gets the width available. Without one the table is the figure. */
  readonly chart?: (width: number) => Element;
  /** Shown beneath the chart and the table alike, such as a list the chart's reader needs. */
  readonly beneath?: HTMLElement;
}

const isProtected = (cell: Cell): cell is Protected => typeof cell === 'object' && cell !== null;

export function formatNumber(value: number, digits: number): string {
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** The text a cell shows; the CSV holds the same figures, without thousands separators. */
function cellText(cell: Cell, column: Column, csv: boolean): string {
  if (isProtected(cell)) {
    if (cell.suppressed) return t('suppressed');
    return cell.value === null ? '' : cellText(cell.value, column, csv);
  }
  if (cell === null) return '';
  if (typeof cell === 'number' && column.digits !== undefined) {
    const text = formatNumber(cell, column.digits);
    return csv ? text.replace(locale() === 'nl-NL' ? /\./g : /,/g, '') : text;
  }
  return String(cell);
}

function csvOf(spec: FigureSpec): string {
  // Dutch Excel reads semicolons and decimal commas; the byte order mark tells it UTF-8.
  const separator = locale() === 'nl-NL' ? ';' : ',';
  const quote = (text: string) => (/[";,\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const lines = [spec.columns.map((c) => quote(c.label)), ...spec.rows.map((row) => row.map((cell, i) => quote(cellText(cell, spec.columns[i]!, true))))];
  return `\uFEFF${lines.map((l) => l.join(separator)).join('\r\n')}\r\n`;
}

function tableOf(spec: FigureSpec): HTMLTableElement {
  const table = document.createElement('table');
  const caption = table.createCaption();
  caption.textContent = spec.title;
  const head = table.createTHead().insertRow();
  for (const column of spec.columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = column.label;
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of spec.rows) {
    const tr = body.insertRow();
    row.forEach((cell, i) => {
      const column = spec.columns[i]!;
      const td = tr.insertCell();
      td.textContent = cellText(cell, column, false);
      if (column.digits !== undefined) td.className = 'number';
      if (isProtected(cell) && cell.suppressed) {
        td.classList.add('suppressed');
        td.title = t('suppressedNote');
      }
    });
  }
  return table;
}

/**
 * Each chart is one image to assistive technology, named by its label; the table beside it
 * holds the figures. Plot names its mark groups too, which ARIA does not allow on a plain group.
 */
function asImages(chart: Element): Element {
  const svgs = chart instanceof SVGSVGElement ? [chart] : [...chart.querySelectorAll('svg')];
  for (const svg of svgs) {
    // A legend's colour swatch is decoration: its name stands beside it.
    if (!svg.hasAttribute('aria-label')) {
      svg.setAttribute('aria-hidden', 'true');
      continue;
    }
    svg.setAttribute('role', 'img');
    for (const inner of svg.querySelectorAll('[aria-label], [aria-description]')) {
      inner.removeAttribute('aria-label');
      inner.removeAttribute('aria-description');
    }
  }
  return chart;
}

export function figure(spec: FigureSpec): HTMLElement {
  const section = document.createElement('section');
  section.className = 'figure';
  section.id = spec.id;
  section.setAttribute('aria-labelledby', `${spec.id}-title`);
  const heading = document.createElement('h2');
  heading.id = `${spec.id}-title`;
  heading.textContent = spec.title;
  const description = document.createElement('p');
  description.className = 'description';
  description.textContent = spec.description;

  const chartBox = document.createElement('div');
  chartBox.className = 'chart';
  const tableBox = document.createElement('div');
  tableBox.className = 'table';
  tableBox.hidden = spec.chart !== undefined;
  tableBox.append(tableOf(spec));

  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'toggle-table';
  toggle.textContent = t('showTable');
  toggle.setAttribute('aria-controls', `${spec.id}-table`);
  tableBox.id = `${spec.id}-table`;
  toggle.addEventListener('click', () => {
    tableBox.hidden = !tableBox.hidden;
    chartBox.hidden = !tableBox.hidden;
    toggle.textContent = tableBox.hidden ? t('showTable') : t('showChart');
  });

  const download = document.createElement('a');
  download.className = 'download-csv';
  download.textContent = t('downloadCsv');
  download.download = `${spec.id}.csv`;
  download.href = URL.createObjectURL(new Blob([csvOf(spec)], { type: 'text/csv;charset=utf-8' }));

  const actions = document.createElement('div');
  actions.className = 'actions';
  if (spec.chart) actions.append(toggle);
  actions.append(download);
  section.append(heading, description, actions, chartBox, tableBox);
  if (spec.beneath) section.append(spec.beneath);
  if (spec.rows.some((row) => row.some((cell) => isProtected(cell) && cell.suppressed))) {
    const note = document.createElement('p');
    note.className = 'suppressed-note';
    note.textContent = t('suppressedNote');
    section.append(note);
  }
  const { chart } = spec;
  if (!chart) chartBox.hidden = true;
  else if (spec.rows.length === 0) chartBox.textContent = t('noData');
  // Drawn once the section is in the page, so the chart knows its width.
  else requestAnimationFrame(() => chartBox.append(asImages(chart(Math.max(320, chartBox.clientWidth || 640)))));
  return section;
}

/** A section in place of a figure: loading, no access, or a failure. */
export function notice(id: string, title: string, text: string): HTMLElement {
  const section = document.createElement('section');
  section.className = 'figure notice';
  section.id = id;
  const heading = document.createElement('h2');
  heading.textContent = title;
  const p = document.createElement('p');
  p.textContent = text;
  section.append(heading, p);
  return section;
}
