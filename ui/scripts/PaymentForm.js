// @ts-check
/**
 * The payment form page, for one client: date, amount, method, reference, and how the money is split
 * over the open invoices. The split is the core's (oldest invoices first) until the user changes a part;
 * then it is the user's, sent as it stands, and "Répartir automatiquement" gives it back to the core.
 * The core reads the amounts typed and answers with the split and its totals; the window adds nothing.
 */

import * as api from './api.js';
import { el, replace } from './dom.js';
import { amountToInput, dateToInput, formatDate, formatMoney } from './format.js';
import { bindForm, clearErrors, field, fieldset, formFrame, setValue } from './forms.js';
import { options } from './labels.js';
import { columnHeader } from './tables.js';

/** @typedef {import('./api.js').PaymentText} PaymentText */
/** @typedef {import('./api.js').PartText} PartText */
/** @typedef {import('./api.js').SplitView} SplitView */
/** @typedef {import('./api.js').SuggestedAllocation} SuggestedAllocation */
/** @typedef {import('./api.js').InvoiceLine} InvoiceLine */

const FORM_ID = 'payment-form';

/** How long typing may rest before the split is asked again, in milliseconds. */
const SUGGEST_DELAY = 250;

const LABELS = { client_id: 'Client', method: 'Mode de règlement', reference: 'Référence' };

/**
 * @typedef {object} PaymentFormState
 * @property {number} clientId
 * @property {string} clientName
 * @property {InvoiceLine[]} invoices the client's invoices, for due dates in the split table
 * @property {string} today ISO, the default date
 */

/**
 * @param {import('./App.js').PageContext} context
 * @returns {import('./App.js').Page}
 */
export function PaymentForm(context) {
  const frame = formFrame({ id: FORM_ID, className: 'payment-form', title: 'Enregistrer un règlement' });
  const f = (/** @type {import('./forms.js').FieldSpec} */ spec) => field(FORM_ID, spec);

  const date = f({ name: 'date', label: 'Date de réception', required: true, placeholder: 'jj/mm/aaaa', size: 'short' });
  const amount = f({ name: 'amount', label: 'Montant reçu', required: true, inputmode: 'decimal', placeholder: '1 234,56', size: 'short' });
  // One who records a payment knows how it came: « Non précisé » is for amounts read from files.
  const offered = options('payment_methods').filter(([id]) => id !== 'unspecified');
  const method = f({ name: 'method', label: 'Mode de règlement', type: 'select', options: offered });
  const reference = f({
    name: 'reference', label: 'Référence', maxlength: 120,
    hint: 'Libellé du virement, numéro du chèque…',
  });

  const mode = el('p', { class: 'split-mode', attrs: { id: 'payment-split-mode', 'aria-live': 'polite' } });
  const autoSplit = el('button', {
    class: 'button button--small',
    text: 'Répartir automatiquement',
    attrs: { type: 'button', id: 'payment-auto-split', hidden: true },
  });
  const rows = el('tbody');
  const allocated = el('td', { class: 'amount', attrs: { id: 'payment-allocated-total', 'data-value': '0.00' } });
  const unallocated = el('td', { class: 'amount', attrs: { id: 'payment-unallocated', 'data-value': '0.00' } });
  const overflow = el('p', { class: 'form-help form-help--warning', attrs: { hidden: true } });
  const table = el('table', { class: 'data-table allocation-table' }, [
    el('thead', {}, [el('tr', {}, [
      columnHeader('Facture'), columnHeader('Échéance'), columnHeader('Reste dû', 'amount'),
      columnHeader('Part affectée', 'amount'),
    ])]),
    rows,
    el('tfoot', {}, [
      el('tr', {}, [el('th', { text: 'Total affecté', attrs: { scope: 'row', colspan: 3 } }), allocated]),
      el('tr', {}, [el('th', { text: 'Non affecté (reste en avoir pour le client)', attrs: { scope: 'row', colspan: 3 } }), unallocated]),
    ]),
  ]);
  const noInvoices = el('p', {
    class: 'empty-state',
    text: 'Ce client n’a aucune facture ouverte : le règlement restera en avoir à son crédit.',
    attrs: { hidden: true },
  });
  const allocationsError = el('p', {
    class: 'field-error field-error--group',
    attrs: { 'data-error-for': 'allocations', 'aria-live': 'polite' },
  });
  const allocations = el('fieldset', { class: 'form-section payment-allocations', attrs: { id: 'payment-allocations' } }, [
    el('legend', { text: 'Répartition sur les factures' }),
    el('div', { class: 'split-mode-line' }, [mode, autoSplit]),
    el('div', { class: 'table-frame' }, [table]),
    noInvoices,
    overflow,
    allocationsError,
  ]);

  frame.body.append(fieldset('Règlement', [date.row, amount.row, method.row, reference.row]), allocations);

  /** @type {PaymentFormState | null} */
  let state = null;
  let manual = false;
  /** Counts requests so that a late answer to an old amount never overwrites a newer one. */
  let request = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;

  amount.input.addEventListener('input', () => later());
  rows.addEventListener('input', (event) => {
    if (/** @type {HTMLElement} */ (event.target).matches('input[data-invoice-id]')) {
      setManual(true);
      later();
    }
  });
  autoSplit.addEventListener('click', () => {
    setManual(false);
    refresh();
  });

  bindForm(frame, {
    state: () => state,
    /** @returns {PaymentText} */
    read: (values, { clientId }) => ({
      client_id: clientId,
      date: values.text('date'),
      amount: values.text('amount'),
      method: /** @type {PaymentText['method']} */ (values.text('method')),
      reference: values.text('reference'),
      allocations: manual ? typedParts() : null,
    }),
    async save(form, { clientId }) {
      clearTimeout(timer);
      await api.paymentRecord(form);
      await context.go({ page: 'client', clientId });
    },
    labels: LABELS,
    onCancel() {
      clearTimeout(timer);
      context.go(state ? { page: 'client', clientId: state.clientId } : { page: 'clients' });
    },
  });

  /** @param {{ clientId: number }} route */
  async function open({ clientId }) {
    const detail = await api.clientDetail(clientId);
    return () => update({ clientId, clientName: detail.name, invoices: detail.invoices, today: context.today() });
  }

  /** Asks for the split again once typing rests. */
  function later() {
    clearTimeout(timer);
    timer = setTimeout(() => refresh(), SUGGEST_DELAY);
  }

  /**
   * Sends the amount (and the parts, once the user changed one) as typed; the core answers with the
   * split and its totals. The automatic split replaces the parts; a manual one is left as typed.
   */
  async function refresh() {
    if (!state) {
      return;
    }
    request += 1;
    const mine = request;
    const clientId = state.clientId;
    try {
      const split = await api.paymentSplit(clientId, { amount: amount.input.value, parts: manual ? typedParts() : null });
      if (mine !== request) {
        return;
      }
      // An amount that cannot be read keeps the last split: its own message appears on saving.
      if (!manual && split.received !== null) {
        renderRows(split.rows);
      }
      showTotals(split);
    } catch (error) {
      if (mine === request) {
        context.fail(error);
      }
    }
  }

  /** @param {SuggestedAllocation[]} suggestion */
  function renderRows(suggestion) {
    // The same invoices as shown: only the parts change, in the inputs already there.
    const shown = partInputs();
    if (shown.length > 0 && shown.length === suggestion.length
      && suggestion.every((part, index) => shown[index].getAttribute('data-invoice-id') === String(part.invoice_id))) {
      suggestion.forEach((part, index) => {
        shown[index].value = amountToInput(part.amount);
        shown[index].setAttribute('data-suggested', part.amount);
      });
      return;
    }
    const dueDates = new Map((state ? state.invoices : []).map((invoice) => [invoice.id, invoice.due_date]));
    replace(rows, suggestion.map((part) => {
      const id = `${FORM_ID}-part-${part.invoice_id}`;
      return el('tr', { attrs: { 'data-allocation-for': part.invoice_id } }, [
        el('th', { attrs: { scope: 'row' } }, [el('label', { text: part.number, attrs: { for: id } })]),
        el('td', { class: 'date', text: dueDates.has(part.invoice_id) ? formatDate(dueDates.get(part.invoice_id)) : '—' }),
        el('td', { class: 'amount', text: formatMoney(part.remaining), attrs: { 'data-value': part.remaining } }),
        el('td', { class: 'amount' }, [el('input', {
          class: 'allocation-input',
          attrs: {
            id,
            type: 'text',
            inputmode: 'decimal',
            autocomplete: 'off',
            'data-invoice-id': part.invoice_id,
            'data-number': part.number,
            'data-suggested': part.amount,
            'aria-label': `Part affectée à la facture ${part.number}`,
            value: amountToInput(part.amount),
          },
        })]),
      ]);
    }));
    table.hidden = suggestion.length === 0;
    noInvoices.hidden = suggestion.length > 0;
    autoSplit.disabled = suggestion.length === 0;
  }

  /**
   * The parts as typed, one per invoice of the table.
   * @returns {PartText[]}
   */
  function typedParts() {
    return partInputs().map((input) => ({
      invoice_id: Number(input.getAttribute('data-invoice-id')),
      number: input.getAttribute('data-number') || '',
      amount: input.value,
    }));
  }

  /**
   * What the parts add up to and what stays unallocated, as the core counted them.
   * @param {SplitView} split
   */
  function showTotals(split) {
    const unreadable = new Set(split.unreadable);
    for (const input of partInputs()) {
      if (unreadable.has(Number(input.getAttribute('data-invoice-id')))) {
        input.setAttribute('aria-invalid', 'true');
      } else {
        input.removeAttribute('aria-invalid');
      }
    }
    allocated.setAttribute('data-value', split.allocated);
    allocated.textContent = unreadable.size === 0
      ? formatMoney(split.allocated)
      : `${formatMoney(split.allocated)} (hors parts illisibles)`;
    unallocated.setAttribute('data-value', split.unallocated || '');
    unallocated.textContent = split.unallocated === null ? '—' : formatMoney(split.unallocated);
    overflow.hidden = split.excess === null;
    overflow.textContent = split.excess === null ? '' : `La répartition dépasse le montant reçu de ${formatMoney(split.excess)}.`;
  }

  /** @param {boolean} next */
  function setManual(next) {
    manual = next;
    if (manual) {
      clearTimeout(timer);
      request += 1;
    }
    mode.textContent = manual
      ? 'Répartition manuelle : les parts sont enregistrées telles que vous les avez saisies.'
      : 'Répartition automatique : les factures les plus anciennes sont réglées d’abord.';
    mode.classList.toggle('is-manual', manual);
    autoSplit.hidden = !manual;
    allocations.setAttribute('data-split', manual ? 'manual' : 'automatic');
  }

  /** @returns {HTMLInputElement[]} */
  function partInputs() {
    return Array.from(rows.querySelectorAll('input[data-invoice-id]'));
  }

  /** @param {PaymentFormState} next */
  function update(next) {
    state = next;
    frame.subtitle.textContent = next.clientName;
    setValue(frame.form, 'date', dateToInput(next.today));
    setValue(frame.form, 'amount', '');
    setValue(frame.form, 'method', 'transfer');
    setValue(frame.form, 'reference', '');
    replace(rows, []);
    clearErrors(frame);
    setManual(false);
    refresh();
  }

  return {
    element: frame.element,
    open,
    focus() {
      // The date defaults to today: the amount is what there is to type first.
      amount.input.focus();
    },
  };
}
