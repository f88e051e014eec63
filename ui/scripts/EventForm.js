// @ts-check
/**
 * The follow-up form page: a note, a call, a promise to pay, a dispute or a pause of the reminders,
 * added to the client's timeline. Each kind shows only the fields it uses; saved, it goes back to the
 * client's page.
 */

import * as api from './api.js';
import { el, replace } from './dom.js';
import { dateToInput, formatMoney } from './format.js';
import { bindForm, clearErrors, field, fieldset, focusFirst, formFrame, setValue } from './forms.js';
import { options } from './labels.js';

/** @typedef {import('./api.js').EventText} EventText */
/** @typedef {import('./api.js').EventKind} EventKind */
/** @typedef {import('./api.js').InvoiceLine} InvoiceLine */

const FORM_ID = 'event-form';

const LABELS = { kind: 'Type', client_id: 'Client', invoice_id: 'Facture concernée' };

/** What the text is for, by kind. */
/** @type {Record<string, string>} */
const TEXT_HINTS = {
  note: 'Ce que vous voulez garder en mémoire.',
  call: 'Avec qui vous avez parlé et ce qui a été dit.',
  promise: 'Facultatif : comment la promesse a été faite.',
  dispute: 'Ce que le client conteste.',
  pause: 'Facultatif : pourquoi les relances attendent.',
  filing: 'Le tribunal et la requête déposée : la prescription repart de ce jour (C. civ. 2241).',
};

/**
 * @typedef {object} EventFormState
 * @property {number} clientId
 * @property {string} clientName
 * @property {InvoiceLine[]} invoices the client's invoices, to say which one a promise or dispute is about
 * @property {string} today ISO, the default date
 */

/**
 * @param {import('./App.js').PageContext} context
 * @returns {import('./App.js').Page}
 */
export function EventForm(context) {
  const frame = formFrame({ id: FORM_ID, className: 'event-form', title: 'Ajouter au suivi' });
  const f = (/** @type {import('./forms.js').FieldSpec} */ spec) => field(FORM_ID, spec);

  const kind = f({ name: 'kind', label: 'Type', type: 'select', options: options('event_kinds') });
  const date = f({ name: 'date', label: 'Date', required: true, placeholder: 'jj/mm/aaaa', size: 'short' });
  const text = f({ name: 'text', label: 'Texte', type: 'textarea', rows: 4, size: 'wide', hint: TEXT_HINTS.note });
  const amount = f({ name: 'amount', label: 'Montant promis', required: true, inputmode: 'decimal', placeholder: '1 234,56', size: 'short' });
  const until = f({ name: 'until', label: 'Date promise', required: true, placeholder: 'jj/mm/aaaa', size: 'short', hint: ' ' });
  const invoice = f({ name: 'invoice_id', label: 'Facture concernée', type: 'select', options: [] });
  const untilLabel = until.label.firstChild;
  const untilMark = until.label.querySelector('.required-mark');
  const untilHint = until.row.querySelector('.field-hint');
  const textLabel = text.label.firstChild;
  const textHint = text.row.querySelector('.field-hint');

  frame.body.append(fieldset('Suivi', [kind.row, date.row, amount.row, until.row, invoice.row, text.row]));
  kind.input.addEventListener('change', () => {
    // Problems found for the previous kind may concern fields now hidden.
    clearErrors(frame);
    syncKind();
  });

  /** @type {EventFormState | null} */
  let state = null;

  bindForm(frame, {
    state: () => state,
    /** @returns {EventText} what was typed; the core keeps what the kind uses */
    read(values, { clientId }) {
      const invoiceId = values.text('invoice_id');
      return {
        client_id: clientId,
        kind: /** @type {EventKind} */ (values.text('kind')),
        date: values.text('date'),
        text: values.text('text'),
        amount: values.text('amount'),
        until: values.text('until'),
        invoice_id: invoiceId ? Number(invoiceId) : null,
      };
    },
    async save(form, { clientId }) {
      await api.eventAdd(form);
      await context.go({ page: 'client', clientId });
    },
    labels: LABELS,
    onCancel: () => context.go(state ? { page: 'client', clientId: state.clientId } : { page: 'clients' }),
  });

  /** @param {{ clientId: number }} route */
  async function open({ clientId }) {
    const detail = await api.clientDetail(clientId);
    return () => update({ clientId, clientName: detail.name, invoices: detail.invoices, today: context.today() });
  }

  function syncKind() {
    const chosen = kind.input.value;
    const promise = chosen === 'promise';
    amount.row.hidden = !promise;
    until.row.hidden = !(promise || chosen === 'pause');
    // A promise, a dispute, a pause or a claim filed in court may name one invoice.
    invoice.row.hidden = !['promise', 'dispute', 'pause', 'filing'].includes(chosen);
    if (untilLabel) {
      untilLabel.textContent = promise ? 'Date promise' : 'Jusqu’au';
    }
    if (untilMark instanceof HTMLElement) {
      untilMark.hidden = !promise;
    }
    if (untilHint) {
      untilHint.textContent = promise
        ? 'Le jour où le client s’est engagé à payer.'
        : 'Facultatif : laissée vide, la suspension dure jusqu’à ce que vous la leviez. Avec une « Facture '
          + 'concernée », elle seule est suspendue et les autres restent relancées.';
    }
    if (textLabel) {
      textLabel.textContent = chosen === 'dispute' ? 'Motif de la contestation' : 'Texte';
    }
    if (textHint) {
      textHint.textContent = TEXT_HINTS[chosen] || '';
    }
    const firstOption = invoice.input.querySelector('option[value=""]');
    if (firstOption) {
      firstOption.textContent = ['dispute', 'pause', 'filing'].includes(chosen) ? 'Tout le compte' : 'Aucune en particulier';
    }
  }

  /** @param {EventFormState} next */
  function update(next) {
    state = next;
    frame.subtitle.textContent = next.clientName;
    const open = next.invoices.filter((line) => !['paid', 'credit_note', 'written_off', 'replaced'].includes(line.status));
    replace(invoice.input, [
      el('option', { text: 'Aucune en particulier', attrs: { value: '' } }),
      ...open.map((line) => el('option', {
        text: `${line.number} — reste ${formatMoney(line.remaining)}`,
        attrs: { value: line.id },
      })),
    ]);
    setValue(frame.form, 'kind', 'note');
    setValue(frame.form, 'date', dateToInput(next.today));
    setValue(frame.form, 'text', '');
    setValue(frame.form, 'amount', '');
    setValue(frame.form, 'until', '');
    setValue(frame.form, 'invoice_id', '');
    clearErrors(frame);
    syncKind();
  }

  return {
    element: frame.element,
    open,
    focus() {
      focusFirst(frame.form);
    },
  };
}
