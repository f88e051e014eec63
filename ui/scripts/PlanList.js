// @ts-check
/**
 * Every payment plan with where it stands (brouillon, envoyé, en cours, en retard, soldé, rompu), its
 * total, what remains and the next installment; a row opens the plan.
 */

import * as api from './api.js';
import { el, replace } from './dom.js';
import { formatDate, formatMoney } from './format.js';
import { columnHeader, emptyRow, openRowsOnActivation } from './tables.js';

/** @typedef {import('./api.js').PlanView} PlanView */

/**
 * @param {import('./App.js').PageContext} context
 * @returns {import('./App.js').Page}
 */
export function PlanList(context) {
  const body = el('tbody', { attrs: { id: 'plan-list-body' } });
  openRowsOnActivation(body, 'data-plan-id', (planId) => context.go({ page: 'plan', planId, back: { page: 'plans' } }));
  const element = el('section', { class: 'page plan-list', attrs: { id: 'plan-list' } }, [
    el('header', { class: 'page-header' }, [
      el('div', {}, [
        el('h1', { class: 'page-title', text: 'Échéanciers' }),
        el('p', { class: 'page-subtitle', text: 'Proposez un échéancier depuis la fiche d’un client ou une proposition de relance.' }),
      ]),
    ]),
    el('table', { class: 'data-table' }, [
      el('thead', {}, [el('tr', {}, [
        columnHeader('N°', 'number'),
        columnHeader('Client'),
        columnHeader('État'),
        columnHeader('Total', 'amount'),
        columnHeader('Reste', 'amount'),
        columnHeader('Prochaine échéance'),
      ])]),
      body,
    ]),
  ]);

  async function open() {
    const plans = await api.planList();
    return () => update(plans);
  }

  /** @param {PlanView[]} plans */
  function update(plans) {
    if (plans.length === 0) {
      replace(body, [emptyRow(6, 'Aucun échéancier pour l’instant.')]);
      return;
    }
    replace(body, plans.map((plan) => {
      const next = plan.tracking.installments.find((i) => i.state !== 'paid');
      return el('tr', { attrs: { 'data-plan-id': plan.id, 'data-status': plan.tracking.state, tabindex: 0 } }, [
        el('td', { class: 'number', text: String(plan.id) }),
        el('td', { text: plan.client_name }),
        el('td', {}, [el('span', { class: `badge plan-list-status plan-list-status--${plan.tracking.state}`, text: plan.tracking.state_label })]),
        el('td', { class: 'amount', text: formatMoney(plan.schedule.total) }),
        el('td', { class: 'amount', text: formatMoney(plan.tracking.remaining) }),
        el('td', { text: next ? `${formatDate(next.due_date)} · ${formatMoney(next.amount)}` : '—' }),
      ]);
    }));
  }

  return { element, open };
}
