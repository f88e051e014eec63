// @ts-check
/**
 * What the data tables share: column headers, the row that says a table is empty, and rows that open
 * what they show on a click, or on Enter or Space once the keyboard is on them.
 */

import { el } from './dom.js';

/**
 * A column header.
 * @param {string} text
 * @param {string} [className] 'amount', 'number' or 'date', which aligns the column
 * @returns {HTMLTableCellElement}
 */
export function columnHeader(text, className) {
  return el('th', { class: className, text, attrs: { scope: 'col' } });
}

/**
 * The one row of an empty table, saying why it is empty.
 * @param {number} columns
 * @param {string} text
 * @returns {HTMLTableRowElement}
 */
export function emptyRow(columns, text) {
  return el('tr', { class: 'empty-row' }, [el('td', { class: 'empty-state', text, attrs: { colspan: columns } })]);
}

/**
 * Makes the rows of `body` that carry `attribute` open what they show: `open` receives the attribute's
 * value as a number. The rows are built focusable (tabindex 0), hence the keys.
 * @param {HTMLTableSectionElement} body
 * @param {string} attribute such as 'data-client-id'
 * @param {(id: number) => void} open
 */
export function openRowsOnActivation(body, attribute, open) {
  const selector = `tr[${attribute}]`;
  body.addEventListener('click', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    // A button inside the row does its own work.
    const row = target.closest('button') ? null : target.closest(selector);
    if (row) {
      open(Number(row.getAttribute(attribute)));
    }
  });
  body.addEventListener('keydown', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    const row = target.closest('button') ? null : target.closest(selector);
    if (row && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      open(Number(row.getAttribute(attribute)));
    }
  });
}
