// @ts-check
/**
 * The dashboard's panel of cash expected from the payment plans in force, month by month (what is late
 * counts in the current month).
 */

import { el, replace } from './dom.js';
import { formatMoney } from './format.js';

/** @typedef {import('./api.js').MonthCash} MonthCash */

/** @returns {{ element: HTMLElement, update: (months: MonthCash[]) => void }} */
export function PlanCash() {
  const list = el('ol', { class: 'plan-cash-months', attrs: { id: 'plan-cash' } });
  const empty = el('p', { class: 'panel-note', text: 'Aucun échéancier en cours.' });
  const element = el('section', { class: 'panel plan-cash', attrs: { 'aria-labelledby': 'plan-cash-title' } }, [
    el('h2', { class: 'panel-title', text: 'Encaissements attendus des échéanciers', attrs: { id: 'plan-cash-title' } }),
    empty,
    list,
  ]);

  /** @param {MonthCash[]} months */
  function update(months) {
    empty.hidden = months.length > 0;
    replace(list, months.map((month) => el('li', { attrs: { 'data-month': month.month, 'data-value': month.amount } }, [
      el('span', { class: 'plan-cash-month', text: month.label }),
      el('span', { class: 'amount', text: formatMoney(month.amount) }),
    ])));
  }

  return { element, update };
}
