// @ts-check
/**
 * The payment form, for one client: date, amount, method, reference, and how the money is split over
 * the open invoices. The split is the core's (oldest invoices first) until the user changes a part;
 * then it is the user's, sent as it stands, and "Répartir automatiquement" gives it back to the core.
 */

import { el, replace } from './dom.js';
import { amountToInput, dateToInput, formatDate, formatMoney, fromCents, parseAmountInput, toCents } from './format.js';
import { bindForm, clearErrors, field, fieldset, formFrame, setValue } from './forms.js';
import { PAYMENT_METHODS } from './labels.js';
import { columnHeader } from './tables.js';

/** @typedef {import('./api.js').PaymentFields} PaymentFields */
/** @typedef {import('./api.js').SuggestedAllocation} SuggestedAllocation */
/** @typedef {import('./api.js').InvoiceLine} InvoiceLine */
/** @typedef {import('./api.js').ApiError} ApiError */
/** @typedef {import('./forms.js').FormCheck} FormCheck */

const FORM_ID = 'payment-form';

/** How long the amount may rest before the split is asked again, in milliseconds. */
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
 * @typedef {object} PaymentFormActions
 * @property {(amount: string) => Promise<SuggestedAllocation[]>} onSuggest the split of `amount`
 * @property {(fields: PaymentFields) => Promise<void>} onSave rejects with an ApiError to show
 * @property {() => void} onCancel
 * @property {(message: string) => void} onError a failure that belongs to no field
 */

/**
 * @typedef {object} PaymentFormView
 * @property {HTMLElement} element
 * @property {(state: PaymentFormState) => void} update
 * @property {() => void} focus
 */

/**
 * @param {PaymentFormActions} actions
 * @returns {PaymentFormView}
 */
export function PaymentForm(actions) {
  const frame = formFrame({ id: FORM_ID, className: 'payment-form', title: 'Enregistrer un règlement' });
  const f = (/** @type {import('./forms.js').FieldSpec} */ spec) => field(FORM_ID, spec);

  const date = f({ name: 'date', label: 'Date de réception', required: true, placeholder: 'jj/mm/aaaa', size: 'short' });
  const amount = f({ name: 'amount', label: 'Montant reçu', required: true, inputmode: 'decimal', placeholder: '1 234,56', size: 'short' });
  const method = f({ name: 'method', label: 'Mode de règlement', type: 'select', options: PAYMENT_METHODS });
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

  amount.input.addEventListener('input', () => {
    refreshTotals();
    if (!manual) {
      clearTimeout(timer);
      timer = setTimeout(() => suggest(), SUGGEST_DELAY);
    }
  });
  rows.addEventListener('input', (event) => {
    if (/** @type {HTMLElement} */ (event.target).matches('input[data-invoice-id]')) {
      setManual(true);
      refreshTotals();
    }
  });
  autoSplit.addEventListener('click', () => {
    setManual(false);
    suggest();
  });

  bindForm(frame, {
    state: () => state,
    /** @returns {PaymentFields} */
    read: (check, { clientId }) => ({
      client_id: clientId,
      date: check.date('date', { required: 'indiquez la date de réception.' }) || '',
      amount: check.amount('amount', { required: 'indiquez le montant reçu.' }) || '',
      method: /** @type {PaymentFields['method']} */ (check.text('method')),
      reference: check.text('reference'),
      allocations: manual ? readParts(check) : null,
    }),
    save(fields) {
      clearTimeout(timer);
      return actions.onSave(fields);
    },
    labels: LABELS,
    onCancel() {
      clearTimeout(timer);
      actions.onCancel();
    },
  });

  /** Asks the core for the oldest-first split of the amount as typed. */
  async function suggest() {
    if (!state || manual) {
      return;
    }
    const text = amount.input.value.trim();
    let value = '0';
    if (text) {
      const parsed = parseAmountInput(text);
      if (!parsed.ok) {
        // The amount's own message appears on saving; until then the last split stays.
        return;
      }
      value = parsed.value;
    }
    request += 1;
    const mine = request;
    try {
      const suggestion = await actions.onSuggest(value);
      if (mine === request && !manual) {
        renderRows(suggestion);
      }
    } catch (error) {
      if (mine === request) {
        actions.onError(/** @type {ApiError} */ (error).message);
      }
    }
  }

  /** @param {SuggestedAllocation[]} suggestion */
  function renderRows(suggestion) {
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
    refreshTotals();
  }

  /**
   * The parts typed by hand, the zero ones left out.
   * @param {FormCheck} check
   * @returns {import('./api.js').Allocation[]}
   */
  function readParts(check) {
    /** @type {import('./api.js').Allocation[]} */
    const parts = [];
    for (const input of partInputs()) {
      const text = input.value.trim();
      if (!text) {
        continue;
      }
      const parsed = parseAmountInput(text);
      const number = input.getAttribute('data-number') || '';
      if (!parsed.ok) {
        check.fail('allocations', `facture ${number} : ${parsed.message}`);
        input.setAttribute('aria-invalid', 'true');
        continue;
      }
      const cents = toCents(parsed.value);
      if (cents < 0) {
        check.fail('allocations', `facture ${number} : la part affectée ne peut pas être négative.`);
        input.setAttribute('aria-invalid', 'true');
        continue;
      }
      if (cents > 0) {
        parts.push({ invoice_id: Number(input.getAttribute('data-invoice-id')), amount: parsed.value });
      }
    }
    return parts;
  }

  /** Shows what the parts add up to and what stays unallocated, in integer cents. */
  function refreshTotals() {
    let total = 0;
    let readable = true;
    for (const input of partInputs()) {
      const text = input.value.trim();
      if (!text) {
        continue;
      }
      const parsed = parseAmountInput(text);
      if (parsed.ok) {
        total += toCents(parsed.value);
      } else {
        readable = false;
      }
    }
    const typed = amount.input.value.trim();
    const parsedAmount = typed ? parseAmountInput(typed) : { ok: true, value: '0' };
    const received = parsedAmount.ok ? toCents(parsedAmount.value) : null;
    allocated.setAttribute('data-value', fromCents(total));
    allocated.textContent = readable ? formatMoney(fromCents(total)) : `${formatMoney(fromCents(total))} (hors parts illisibles)`;
    if (received === null) {
      unallocated.setAttribute('data-value', '');
      unallocated.textContent = '—';
      overflow.hidden = true;
      return;
    }
    const rest = received - total;
    unallocated.setAttribute('data-value', fromCents(rest));
    unallocated.textContent = formatMoney(fromCents(Math.max(0, rest)));
    overflow.hidden = rest >= 0;
    overflow.textContent = rest < 0
      ? `La répartition dépasse le montant reçu de ${formatMoney(fromCents(-rest))}.`
      : '';
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
    refreshTotals();
    suggest();
  }

  return {
    element: frame.element,
    update,
    focus() {
      // The date defaults to today: the amount is what there is to type first.
      amount.input.focus();
    },
  };
}
