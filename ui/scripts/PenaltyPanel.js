// @ts-check
/**
 * The penalty breakdown of one client on a chosen date (F4): each late invoice, each half-year period
 * with its rate and days, the interest, the 40 € indemnities and the total, with the warnings the core
 * gives (a half-year without rate, a contractual rate below the legal minimum...); then, apart and outside
 * the total, what the invoices paid late still earn (interest to the day paid, their indemnity).
 *
 * The panel sits on the client's page and reloads whenever the page does; the date the user chose is kept
 * while the page stays open, and starts at today (the core's date) when a client's page is opened.
 */

import { el, replace } from './dom.js';
import { dateToInput, formatDate, formatDays, formatMoney } from './format.js';
import { clearRefusal, showRefusal } from './refusal.js';
import { columnHeader, emptyRow } from './tables.js';

/** @typedef {import('./api.js').ClientPenalties} ClientPenalties */
/** @typedef {import('./api.js').InvoicePenalty} InvoicePenalty */
/** @typedef {import('./api.js').InvoicePeriod} InvoicePeriod */

/**
 * @typedef {object} PenaltyPanelActions
 * @property {(clientId: number, date: string | null) => Promise<ClientPenalties>} load
 *   the breakdown on the date typed, today when null; rejects with the core's refusal
 */

/**
 * @typedef {object} PenaltyPanelElement
 * @property {HTMLElement} element
 * @property {(state: { clientId: number }) => void} update reloads the breakdown of this client
 */

/**
 * @param {PenaltyPanelActions} actions
 * @returns {PenaltyPanelElement}
 */
export function PenaltyPanel(actions) {
  const dateInput = el('input', {
    attrs: { id: 'penalty-date', name: 'date', type: 'text', inputmode: 'numeric', autocomplete: 'off', 'aria-describedby': 'penalty-date-error' },
  });
  const compute = el('button', { class: 'button button--small', text: 'Calculer', attrs: { type: 'submit', id: 'penalty-compute' } });
  const dateError = el('p', { class: 'field-error', attrs: { id: 'penalty-date-error', 'data-error-for': 'date', 'aria-live': 'polite' } });
  const failure = el('p', { class: 'form-error', attrs: { role: 'alert', hidden: true } });
  const dateForm = el('form', { class: 'penalty-panel-date', attrs: { id: 'penalty-date-form', novalidate: true } }, [
    el('label', { text: 'Calculées au', attrs: { for: 'penalty-date' } }),
    dateInput,
    compute,
    dateError,
  ]);
  const warnings = el('ul', { class: 'penalty-panel-warnings', attrs: { id: 'penalty-warnings', role: 'note', hidden: true } });
  const body = el('tbody');
  const principal = figure('penalty-principal');
  const interest = figure('penalty-interest');
  const indemnity = figure('penalty-indemnity');
  const total = figure('penalty-total');
  const status = el('p', { class: 'panel-note penalty-panel-status', attrs: { role: 'status' } });
  const settledBody = el('tbody');
  const settledInterest = figure('penalty-settled-interest');
  const settledIndemnity = figure('penalty-settled-indemnity');
  const settled = el('section', { class: 'penalty-panel-settled', attrs: { id: 'penalty-settled', 'aria-labelledby': 'penalty-settled-title', hidden: true } }, [
    el('h3', { class: 'penalty-panel-subtitle', text: 'Factures réglées en retard', attrs: { id: 'penalty-settled-title' } }),
    el('p', {
      class: 'panel-note',
      text: 'Payées après leur échéance : les intérêts jusqu’au jour du règlement et l’indemnité restent dus. '
        + 'Ils ne sont ni dans le total ci-dessus ni dans les courriers, qui réclament ce qui reste à payer.',
    }),
    el('div', { class: 'table-frame' }, [
      el('table', { class: 'data-table penalty-panel-table', attrs: { id: 'penalty-settled-periods' } }, [
        el('thead', {}, [el('tr', {}, [
          columnHeader('Facture'), columnHeader('Période'), columnHeader('Jours', 'number'), columnHeader('Taux', 'number'),
          columnHeader('Base', 'amount'), columnHeader('Intérêts', 'amount'), columnHeader('Indemnité', 'amount'),
        ])]),
        settledBody,
      ]),
    ]),
    el('dl', { class: 'penalty-panel-totals' }, [
      el('dt', { text: 'Intérêts de retard' }), settledInterest,
      el('dt', { text: 'Indemnités forfaitaires' }), settledIndemnity,
    ]),
  ]);

  const element = el('section', { class: 'panel penalty-panel', attrs: { id: 'penalty-panel', 'aria-labelledby': 'penalty-title', 'data-as-of': '' } }, [
    el('div', { class: 'penalty-panel-header' }, [
      el('h2', { class: 'panel-title', text: 'Pénalités de retard', attrs: { id: 'penalty-title' } }),
      dateForm,
    ]),
    failure,
    status,
    warnings,
    el('div', { class: 'table-frame' }, [
      el('table', { class: 'data-table penalty-panel-table', attrs: { id: 'penalty-periods' } }, [
        el('thead', {}, [el('tr', {}, [
          columnHeader('Facture'), columnHeader('Période'), columnHeader('Jours', 'number'), columnHeader('Taux', 'number'),
          columnHeader('Base', 'amount'), columnHeader('Intérêts', 'amount'), columnHeader('Indemnité', 'amount'),
        ])]),
        body,
      ]),
    ]),
    el('dl', { class: 'penalty-panel-totals' }, [
      el('dt', { text: 'Principal restant dû' }), principal,
      el('dt', { text: 'Intérêts de retard' }), interest,
      el('dt', { text: 'Indemnités forfaitaires' }), indemnity,
      el('dt', { class: 'penalty-panel-total-label', text: 'Total' }), total,
    ]),
    settled,
  ]);

  /** The client shown, and the date typed for it (null: today). */
  let clientId = 0;
  /** @type {string | null} */
  let chosenDate = null;
  /** Increases with every load, so that a slow answer never replaces a newer one. */
  let loads = 0;

  /** Where a refused date is said: next to the date; anything else above the table. */
  const refusalPlace = { root: dateForm, box: failure, summary: false };

  dateForm.addEventListener('submit', (event) => {
    event.preventDefault();
    chosenDate = dateInput.value.trim() || null;
    reload();
  });

  async function reload() {
    loads += 1;
    const mine = loads;
    const requested = clientId;
    clearRefusal(refusalPlace);
    compute.disabled = true;
    element.setAttribute('aria-busy', 'true');
    try {
      const penalties = await actions.load(requested, chosenDate);
      if (mine === loads) {
        show(penalties);
      }
    } catch (error) {
      if (mine === loads) {
        showRefusal(refusalPlace, error);
      }
    } finally {
      if (mine === loads) {
        compute.disabled = false;
        element.removeAttribute('aria-busy');
      }
    }
  }

  /** @param {ClientPenalties} penalties */
  function show(penalties) {
    element.setAttribute('data-as-of', penalties.as_of);
    dateInput.value = dateToInput(penalties.as_of);
    status.textContent = penalties.kind === 'consumer'
      ? `Au ${formatDate(penalties.as_of)}. Client particulier : intérêts au taux légal à compter de la mise en demeure, pas d’indemnité forfaitaire.`
      : `Au ${formatDate(penalties.as_of)}. Intérêts au taux BCE + 10 points (ou au taux prévu sur la facture), 40 € d’indemnité par facture en retard.`;
    replace(warnings, penalties.warnings.map((warning) =>
      el('li', { text: warning.message, attrs: { 'data-code': warning.code } })));
    warnings.hidden = penalties.warnings.length === 0;
    replace(body, penalties.invoices.length === 0
      ? [emptyRow(7, 'Aucune facture en retard à cette date.')]
      : penalties.invoices.flatMap((invoice) => invoiceRows(invoice, penalties.periods)));
    setFigure(principal, penalties.principal);
    setFigure(interest, penalties.interest);
    setFigure(indemnity, penalties.indemnity);
    setFigure(total, penalties.total);
    settled.hidden = penalties.settled_late.length === 0;
    replace(settledBody, penalties.settled_late.flatMap((invoice) => invoiceRows(invoice, penalties.settled_periods)));
    setFigure(settledInterest, penalties.settled_late_interest);
    setFigure(settledIndemnity, penalties.settled_late_indemnity);
  }

  /**
   * Reloads the breakdown. A page opened anew (the panel not on screen yet) or another client starts at
   * today; a page reloaded in place (after a payment, say) keeps the date the user chose.
   * @param {{ clientId: number }} state
   */
  function update(state) {
    if (state.clientId !== clientId || !element.isConnected) {
      clientId = state.clientId;
      chosenDate = null;
      dateInput.value = '';
    }
    reload();
  }

  return { element, update };
}

/**
 * The invoice's line (number, due date, what remains, its interest and indemnity), then one line per period.
 * @param {InvoicePenalty} invoice
 * @param {InvoicePeriod[]} periods every invoice's periods, as the core names them
 * @returns {HTMLTableRowElement[]}
 */
function invoiceRows(invoice, periods) {
  const head = el('tr', { class: 'penalty-invoice', attrs: { 'data-invoice-id': invoice.invoice_id } }, [
    el('td', {}, [el('strong', { text: invoice.number })]),
    el('td', {
      class: 'penalty-invoice-detail',
      text: `échue le ${formatDate(invoice.due_date)}, `
        + (invoice.paid_on ? `réglée le ${formatDate(invoice.paid_on)}` : `reste dû ${formatMoney(invoice.principal)}`)
        + (invoice.periods.length === 0 ? ', aucun intérêt à cette date' : ''),
    }),
    el('td', { class: 'number', text: formatDays(invoice.days_late) }),
    el('td', { class: 'number' }),
    el('td', { class: 'amount' }),
    el('td', { class: 'amount invoice-interest', text: formatMoney(invoice.interest), attrs: { 'data-value': invoice.interest } }),
    el('td', { class: 'amount invoice-indemnity', text: formatMoney(invoice.indemnity), attrs: { 'data-value': invoice.indemnity } }),
  ]);
  return [head, ...periods.filter((period) => period.invoice_id === invoice.invoice_id).map(periodRow)];
}

/**
 * @param {InvoicePeriod} period
 * @returns {HTMLTableRowElement}
 */
function periodRow(period) {
  const missing = period.rate_label === null;
  return el('tr', { class: `penalty-period${missing ? ' is-missing-rate' : ''}`, attrs: { 'data-semester': period.semester } }, [
    el('td', { class: 'penalty-period-semester', text: period.semester_label }),
    el('td', { class: 'date', text: `du ${formatDate(period.from)} au ${formatDate(period.to)}` }),
    el('td', { class: 'number', text: String(period.days) }),
    el('td', { class: 'number period-rate', text: period.rate_label || 'taux manquant' }),
    el('td', { class: 'amount', text: formatMoney(period.base) }),
    el('td', { class: 'amount period-amount', text: missing ? '—' : formatMoney(period.amount), attrs: { 'data-value': period.amount } }),
    el('td', { class: 'amount' }),
  ]);
}

/**
 * @param {string} id
 * @returns {HTMLElement}
 */
function figure(id) {
  return el('dd', { class: 'amount', attrs: { id, 'data-value': '' } });
}

/**
 * @param {HTMLElement} element
 * @param {string} value
 */
function setFigure(element, value) {
  element.setAttribute('data-value', value);
  element.textContent = formatMoney(value);
}
