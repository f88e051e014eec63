// @ts-check
/**
 * The invoice form page, for one client: a new invoice (or credit note), or changes to one already
 * entered, including its write-off date and, for an invoice entered by mistake, its deletion. Saved or
 * deleted, it goes back to the client's page.
 */

import * as api from './api.js';
import { inlineConfirmation } from './confirmation.js';
import { el } from './dom.js';
import { amountToInput, dateToInput } from './format.js';
import { bindForm, clearErrors, field, fieldset, focusFirst, formFrame, setValue, showErrors } from './forms.js';
import { options } from './labels.js';

/** @typedef {import('./api.js').InvoiceLine} InvoiceLine */
/** @typedef {import('./api.js').InvoiceText} InvoiceText */

const FORM_ID = 'invoice-form';

const LABELS = { client_id: 'Client' };

const DELETE_LABEL = 'Supprimer la facture';

/**
 * @typedef {object} InvoiceFormState
 * @property {number} clientId
 * @property {string} clientName
 * @property {InvoiceLine | null} invoice the invoice to change, null for a new one
 * @property {string} today ISO, the default issue date of a new invoice
 */

/**
 * @param {import('./App.js').PageContext} context
 * @returns {import('./App.js').Page}
 */
export function InvoiceForm(context) {
  const frame = formFrame({ id: FORM_ID, className: 'invoice-form', title: 'Nouvelle facture' });
  const f = (/** @type {import('./forms.js').FieldSpec} */ spec) => field(FORM_ID, spec);

  const number = f({ name: 'number', label: 'N° de facture', required: true, maxlength: 40, placeholder: 'F2026-001' });
  const object = f({ name: 'object', label: 'Objet', maxlength: 200, size: 'wide', placeholder: 'Fabrication et pose d’une bibliothèque' });
  const issueDate = f({ name: 'issue_date', label: 'Date d’émission', required: true, placeholder: 'jj/mm/aaaa', size: 'short' });
  const dueDate = f({
    name: 'due_date', label: 'Échéance', placeholder: 'jj/mm/aaaa', size: 'short',
    hint: 'Facultative : laissée vide, elle suit les conditions ci-dessous, sinon le délai de paiement du client.',
  });
  const paymentTerms = f({
    name: 'payment_terms', label: 'Conditions de paiement', placeholder: '45 jours fin de mois', size: 'short',
    hint: 'Facultatives : « 30 jours », « 45 jours fin de mois »… donnent l’échéance quand elle est laissée vide.',
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
  const nature = f({
    name: 'nature', label: 'Nature', type: 'select', options: [['', 'Celle du client'], ...options('natures')],
    hint: 'Marchandises ou services : le livre des recettes les totalise à part.',
  });
  const writtenOffOn = f({
    name: 'written_off_on', label: 'Abandonnée le', placeholder: 'jj/mm/aaaa', size: 'short',
    hint: 'Date à laquelle vous renoncez à cette créance ; laissez vide sinon.',
  });
  const remove = el('button', {
    class: 'button button--danger form-actions-end',
    text: DELETE_LABEL,
    attrs: {
      type: 'button',
      id: 'invoice-delete',
      hidden: true,
      title: 'Pour une facture saisie par erreur, sans règlement, courrier ni échéancier.',
    },
  });

  frame.body.append(
    fieldset('Facture', [number.row, object.row, issueDate.row, dueDate.row, paymentTerms.row, nature.row]),
    fieldset('Montants', [amount.row, amountExclVat.row, penaltyRate.row]),
    fieldset('Abandon de créance', [writtenOffOn.row]),
  );
  frame.actions.append(remove);

  /** @type {InvoiceFormState | null} */
  let state = null;
  const deletion = inlineConfirmation();
  let deleting = false;

  remove.addEventListener('click', async () => {
    const invoice = state ? state.invoice : null;
    if (!invoice || deleting || frame.form.getAttribute('aria-busy') === 'true') {
      return;
    }
    if (!deletion.press(remove)) {
      return;
    }
    setDeleting(true);
    clearErrors(frame);
    try {
      await api.deleteInvoice(invoice.id);
      await backToClient();
    } catch (error) {
      // What was typed stays as it is: the form is only told why the invoice was kept.
      showErrors(frame, error, LABELS);
    } finally {
      setDeleting(false);
    }
  });

  /** @param {boolean} next */
  function setDeleting(next) {
    deleting = next;
    remove.disabled = next;
    remove.textContent = next ? 'Suppression…' : DELETE_LABEL;
    frame.submit.disabled = next;
  }

  bindForm(frame, {
    state: () => state,
    /** @returns {InvoiceText} */
    read: (values, { clientId }) => ({
      number: values.text('number'),
      client_id: clientId,
      issue_date: values.text('issue_date'),
      due_date: values.text('due_date'),
      amount: values.text('amount'),
      amount_excl_vat: values.text('amount_excl_vat'),
      object: values.text('object'),
      penalty_rate: values.text('penalty_rate'),
      payment_terms: values.text('payment_terms'),
      written_off_on: values.text('written_off_on'),
      nature: /** @type {InvoiceText['nature']} */ (values.text('nature') || null),
    }),
    async save(form, { invoice }) {
      await api.invoiceSave(invoice ? invoice.id : null, form);
      await backToClient();
    },
    labels: LABELS,
    onCancel: () => backToClient(),
  });

  function backToClient() {
    return state ? context.go({ page: 'client', clientId: state.clientId }) : context.go({ page: 'clients' });
  }

  /** @param {{ clientId: number, invoiceId: number | null }} route */
  async function open({ clientId, invoiceId }) {
    const detail = await api.clientDetail(clientId);
    const invoice = invoiceId === null ? null : detail.invoices.find((line) => line.id === invoiceId) || null;
    return () => update({ clientId, clientName: detail.name, invoice, today: context.today() });
  }

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
    setValue(form, 'payment_terms', invoice && invoice.payment_terms
      ? `${invoice.payment_terms.days} jours${invoice.payment_terms.end_of_month ? ' fin de mois' : ''}`
      : '');
    setValue(form, 'written_off_on', invoice ? dateToInput(invoice.written_off_on) : '');
    setValue(form, 'nature', invoice ? invoice.nature : '');
    deletion.reset();
    setDeleting(false);
    remove.hidden = !invoice;
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
