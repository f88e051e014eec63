// @ts-check
/**
 * The rejection form page: a bounced cheque or a rejected direct debit. The payment stops counting and
 * the invoices it settled open again; saved, it goes back to the client's page.
 */

import * as api from './api.js';
import { el } from './dom.js';
import { dateToInput, formatDate, formatMoney } from './format.js';
import { bindForm, clearErrors, field, fieldset, focusFirst, formFrame, setValue } from './forms.js';
import { titleOf } from './labels.js';

/** @typedef {import('./api.js').Payment} Payment */
/** @typedef {import('./api.js').RejectionText} RejectionText */

const FORM_ID = 'rejection-form';

/**
 * @typedef {object} RejectionFormState
 * @property {number} clientId
 * @property {string} clientName
 * @property {Payment} payment
 * @property {string} today ISO, the default date
 */

/**
 * @param {import('./App.js').PageContext} context
 * @returns {import('./App.js').Page}
 */
export function RejectionForm(context) {
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
    /** @returns {RejectionText} */
    read: (values) => ({
      date: values.text('date'),
      fees: values.text('fees'),
      reason: values.text('reason'),
    }),
    async save(form, { clientId, payment }) {
      await api.paymentReject(payment.id, form);
      await context.go({ page: 'client', clientId });
    },
    onCancel: () => context.go(state ? { page: 'client', clientId: state.clientId } : { page: 'clients' }),
  });

  /** @param {{ clientId: number, paymentId: number }} route */
  async function open({ clientId, paymentId }) {
    const detail = await api.clientDetail(clientId);
    const payment = detail.payments.find((p) => p.id === paymentId);
    if (!payment) {
      throw api.toApiError('Ce règlement est introuvable : rechargez la page du client.');
    }
    return () => update({ clientId, clientName: detail.name, payment, today: context.today() });
  }

  /** @param {RejectionFormState} next */
  function update(next) {
    state = next;
    const payment = next.payment;
    frame.subtitle.textContent = next.clientName;
    const reference = payment.reference ? ` (${payment.reference})` : '';
    // A payment whose method nobody gave is « Règlement du … », not « Non précisé du … ».
    const what = payment.method === 'unspecified' ? 'Règlement' : titleOf('payment_methods', payment.method);
    summary.textContent = `${what} du ${formatDate(payment.date)} : `
      + `${formatMoney(payment.amount)}${reference}.`;
    setValue(frame.form, 'date', dateToInput(next.today));
    setValue(frame.form, 'fees', '0,00');
    setValue(frame.form, 'reason', '');
    clearErrors(frame);
  }

  return {
    element: frame.element,
    open,
    focus() {
      focusFirst(frame.form);
    },
  };
}
