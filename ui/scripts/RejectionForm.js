// @ts-check
/**
 * The rejection form: a bounced cheque or a rejected direct debit. The payment stops counting and the
 * invoices it settled open again.
 */

import { el } from './dom.js';
import { dateToInput, formatDate, formatMoney } from './format.js';
import { bindForm, clearErrors, field, fieldset, focusFirst, formFrame, setValue } from './forms.js';
import { PAYMENT_METHODS, labelOf } from './labels.js';

/** @typedef {import('./api.js').Payment} Payment */
/** @typedef {import('./api.js').Rejection} Rejection */

const FORM_ID = 'rejection-form';

/**
 * @typedef {object} RejectionFormState
 * @property {string} clientName
 * @property {Payment} payment
 * @property {string} today ISO, the default date
 */

/**
 * @typedef {object} RejectionFormView
 * @property {HTMLElement} element
 * @property {(state: RejectionFormState) => void} update
 * @property {() => void} focus
 */

/**
 * @param {{ onSave: (paymentId: number, rejection: Rejection) => Promise<void>, onCancel: () => void }} actions
 * @returns {RejectionFormView}
 */
export function RejectionForm(actions) {
  const frame = formFrame({ id: FORM_ID, className: 'rejection-form', title: 'Signaler un rejet' });
  const f = (/** @type {import('./forms.js').FieldSpec} */ spec) => field(FORM_ID, spec);

  const summary = el('p', { class: 'form-summary' });
  const date = f({ name: 'date', label: 'Date du rejet', required: true, placeholder: 'jj/mm/aaaa', size: 'short' });
  const fees = f({
    name: 'fees', label: 'Frais bancaires', inputmode: 'decimal', size: 'short',
    hint: 'Ce que votre banque vous a prélevé pour ce rejet, 0 s’il n’y en a pas.',
  });
  const reason = f({ name: 'reason', label: 'Motif', maxlength: 200, size: 'wide', placeholder: 'Chèque impayé : provision insuffisante' });

  frame.body.append(
    summary,
    el('p', {
      class: 'form-help',
      text: 'Le règlement cessera de compter et les factures qu’il réglait redeviendront dues.',
    }),
    fieldset('Rejet', [date.row, fees.row, reason.row]),
  );

  /** @type {RejectionFormState | null} */
  let state = null;

  bindForm(frame, {
    state: () => state,
    /** @returns {Rejection} */
    read: (check) => ({
      date: check.date('date', { required: 'indiquez la date du rejet.' }) || '',
      fees: check.amount('fees') || '0',
      reason: check.text('reason'),
    }),
    save: (rejection, { payment }) => actions.onSave(payment.id, rejection),
    onCancel: actions.onCancel,
  });

  /** @param {RejectionFormState} next */
  function update(next) {
    state = next;
    const payment = next.payment;
    frame.subtitle.textContent = next.clientName;
    const reference = payment.reference ? ` (${payment.reference})` : '';
    summary.textContent = `${labelOf(PAYMENT_METHODS, payment.method)} du ${formatDate(payment.date)} : `
      + `${formatMoney(payment.amount)}${reference}.`;
    setValue(frame.form, 'date', dateToInput(next.today));
    setValue(frame.form, 'fees', '0,00');
    setValue(frame.form, 'reason', '');
    clearErrors(frame);
  }

  return {
    element: frame.element,
    update,
    focus() {
      focusFirst(frame.form);
    },
  };
}
