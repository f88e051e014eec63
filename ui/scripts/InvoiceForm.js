// @ts-check
/**
 * The invoice form, for one client: a new invoice (or credit note), or changes to one already entered.
 */

import { el } from './dom.js';
import { amountToInput, dateToInput } from './format.js';
import {
  FormCheck, bindForm, clearErrors, field, fieldset, focusFirst, formFrame, setValue, showCheckErrors, showErrors,
} from './forms.js';

/** @typedef {import('./api.js').InvoiceLine} InvoiceLine */
/** @typedef {import('./api.js').InvoiceFields} InvoiceFields */
/** @typedef {import('./api.js').ApiError} ApiError */

const FORM_ID = 'invoice-form';

const LABELS = { client_id: 'Client', written_off_on: 'Date d’abandon' };

/**
 * @typedef {object} InvoiceFormState
 * @property {number} clientId
 * @property {string} clientName
 * @property {InvoiceLine | null} invoice the invoice to change, null for a new one
 * @property {string} today ISO, the default issue date of a new invoice
 */

/**
 * @typedef {object} InvoiceFormView
 * @property {HTMLElement} element
 * @property {(state: InvoiceFormState) => void} update
 * @property {() => void} focus
 */

/**
 * @param {{ onSave: (id: number | null, fields: InvoiceFields) => Promise<void>, onCancel: () => void }} actions
 * @returns {InvoiceFormView}
 */
export function InvoiceForm(actions) {
  const frame = formFrame({ id: FORM_ID, className: 'invoice-form', title: 'Nouvelle facture' });
  const f = (/** @type {import('./forms.js').FieldSpec} */ spec) => field(FORM_ID, spec);

  const number = f({ name: 'number', label: 'N° de facture', required: true, maxlength: 40, placeholder: 'F2026-001' });
  const object = f({ name: 'object', label: 'Objet', maxlength: 200, size: 'wide', placeholder: 'Fabrication et pose d’une bibliothèque' });
  const issueDate = f({ name: 'issue_date', label: 'Date d’émission', required: true, placeholder: 'jj/mm/aaaa', size: 'short' });
  const dueDate = f({
    name: 'due_date', label: 'Échéance', placeholder: 'jj/mm/aaaa', size: 'short',
    hint: 'Facultative : laissée vide, elle suit le délai de paiement du client.',
  });
  const amount = f({
    name: 'amount', label: 'Montant TTC', required: true, inputmode: 'decimal', placeholder: '1 234,56', size: 'short',
    hint: 'En euros. Un montant négatif enregistre un avoir.',
  });
  const amountExclVat = f({
    name: 'amount_excl_vat', label: 'Montant HT', inputmode: 'decimal', placeholder: '1 028,80', size: 'short',
    hint: 'Facultatif.',
  });
  const penaltyRate = f({
    name: 'penalty_rate', label: 'Taux de pénalités (% par an)', inputmode: 'decimal', placeholder: '10,15', size: 'short',
    hint: 'Facultatif : le taux prévu par vos conditions de vente, s’il y en a un.',
  });
  const writtenOff = el('p', { class: 'form-help form-help--warning', attrs: { hidden: true } });

  frame.body.append(
    fieldset('Facture', [number.row, object.row, issueDate.row, dueDate.row]),
    fieldset('Montants', [amount.row, amountExclVat.row, penaltyRate.row]),
    writtenOff,
  );

  /** @type {InvoiceFormState | null} */
  let state = null;

  bindForm(frame, {
    onCancel: actions.onCancel,
    async onSubmit() {
      if (!state) {
        return;
      }
      clearErrors(frame);
      const check = new FormCheck(frame.form);
      /** @type {InvoiceFields} */
      const fields = {
        number: check.text('number', { required: 'indiquez le numéro de la facture.' }),
        client_id: state.clientId,
        issue_date: check.date('issue_date', { required: 'indiquez la date d’émission.' }) || '',
        due_date: check.date('due_date'),
        amount: check.amount('amount', { required: 'indiquez le montant TTC.' }) || '',
        amount_excl_vat: check.amount('amount_excl_vat'),
        object: check.text('object'),
        penalty_rate: check.rate('penalty_rate'),
        // Not editable here; kept as it is so that saving never undoes a write-off.
        written_off_on: state.invoice ? state.invoice.written_off_on : null,
      };
      if (!check.ok) {
        showCheckErrors(frame, check);
        return;
      }
      try {
        await actions.onSave(state.invoice ? state.invoice.id : null, fields);
      } catch (error) {
        showErrors(frame, /** @type {ApiError} */ (error), LABELS);
      }
    },
  });

  /** @param {InvoiceFormState} next */
  function update(next) {
    state = next;
    const invoice = next.invoice;
    frame.title.textContent = invoice ? `Modifier la facture ${invoice.number}` : 'Nouvelle facture';
    frame.subtitle.textContent = next.clientName;
    const form = frame.form;
    setValue(form, 'number', invoice ? invoice.number : '');
    setValue(form, 'object', invoice ? invoice.object : '');
    setValue(form, 'issue_date', dateToInput(invoice ? invoice.issue_date : next.today));
    setValue(form, 'due_date', invoice ? dateToInput(invoice.due_date) : '');
    setValue(form, 'amount', invoice ? amountToInput(invoice.amount) : '');
    setValue(form, 'amount_excl_vat', invoice ? amountToInput(invoice.amount_excl_vat) : '');
    setValue(form, 'penalty_rate', invoice ? amountToInput(invoice.penalty_rate) : '');
    if (invoice && invoice.written_off_on) {
      writtenOff.textContent = 'Cette facture a été abandonnée (passée en perte) ; la modifier ne change pas cela.';
      writtenOff.hidden = false;
    } else {
      writtenOff.hidden = true;
    }
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
