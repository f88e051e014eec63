// @ts-check
/**
 * The client form page, to create a client or change one: identity (a company, or a person), contact,
 * postal address, how they pay, and a collective procedure when there is one. Saved, it opens the
 * client's page.
 */

import * as api from './api.js';
import { el } from './dom.js';
import { dateToInput } from './format.js';
import {
  addressFields, bindForm, clearErrors, field, fieldset, fillAddress, formFrame, readAddress, setValue,
} from './forms.js';
import { options } from './labels.js';

/** @typedef {import('./api.js').Client} Client */
/** @typedef {import('./api.js').ClientText} ClientText */
/** @typedef {import('./forms.js').FormValues} FormValues */

const FORM_ID = 'client-form';

/** Names the core may report that have no slot of their own. */
const LABELS = { kind: 'Type', segment: 'Segment', status: 'Statut', civility: 'Civilité' };

/**
 * @param {import('./App.js').PageContext} context
 * @returns {import('./App.js').Page}
 */
export function ClientForm(context) {
  const frame = formFrame({ id: FORM_ID, className: 'client-form', title: 'Nouveau client' });
  const f = (/** @type {import('./forms.js').FieldSpec} */ spec) => field(FORM_ID, spec);

  const kind = f({ name: 'kind', label: 'Type de client', type: 'select', options: options('client_kinds') });
  const companyName = f({ name: 'company_name', label: 'Raison sociale', required: true, maxlength: 120, size: 'wide' });
  const contactPerson = f({ name: 'contact_person', label: 'Personne à contacter', maxlength: 120 });
  const sirenSiret = f({
    name: 'siren_siret', label: 'SIREN ou SIRET', inputmode: 'numeric', maxlength: 20,
    hint: '9 chiffres (SIREN) ou 14 chiffres (SIRET), espaces acceptés.',
  });
  const civility = f({ name: 'civility', label: 'Civilité', maxlength: 20, size: 'short' });
  const civilities = el('datalist', { attrs: { id: `${FORM_ID}-civilities` } },
    ['Mme', 'M.', 'M. et Mme'].map((value) => el('option', { attrs: { value } })));
  civility.input.setAttribute('list', `${FORM_ID}-civilities`);
  const firstName = f({ name: 'first_name', label: 'Prénom', maxlength: 80 });
  const lastName = f({ name: 'last_name', label: 'Nom', required: true, maxlength: 80 });

  const email = f({ name: 'email', label: 'E-mail', type: 'email', maxlength: 120 });
  const phone = f({ name: 'phone', label: 'Téléphone', type: 'tel', maxlength: 30 });
  const address = addressFields(FORM_ID);

  const segment = f({ name: 'segment', label: 'Segment', type: 'select', options: options('segments') });
  const terms = f({
    name: 'payment_terms_days', label: 'Délai de paiement', size: 'short', placeholder: '30 jours',
    hint: '« 30 jours », « 45 jours fin de mois » (date de facture + 45 jours, puis fin de ce mois)… Laissé vide, '
      + 'le délai par défaut du registre s’applique.',
  });
  const status = f({ name: 'status', label: 'Statut', type: 'select', options: options('client_statuses') });
  const nature = f({
    name: 'default_nature', label: 'Nature des factures', type: 'select',
    options: [['', 'Celle du registre'], ...options('natures')],
    hint: 'Pour le livre des recettes : ce que vendent les factures de ce client qui ne le disent pas.',
  });
  const notes = f({ name: 'notes', label: 'Notes', type: 'textarea', rows: 3, size: 'wide' });

  const openingDate = f({ name: 'procedure.opening_date', label: 'Date du jugement d’ouverture', placeholder: 'jj/mm/aaaa', required: true, size: 'short' });
  const bodaccDate = f({ name: 'procedure.bodacc_date', label: 'Publication au BODACC', placeholder: 'jj/mm/aaaa', size: 'short' });
  const mandataireName = f({ name: 'procedure.mandataire_name', label: 'Mandataire judiciaire', maxlength: 120, size: 'wide' });
  const mandataireAddress = f({ name: 'procedure.mandataire_address', label: 'Adresse du mandataire', type: 'textarea', rows: 3, size: 'wide' });
  const procedureSection = el('fieldset', { class: 'form-section procedure-fields' }, [
    el('legend', { text: 'Procédure collective' }),
    el('p', {
      class: 'form-help',
      text: 'La déclaration de créance se fait auprès du mandataire, dans les deux mois suivant la publication au BODACC.',
    }),
    el('div', { class: 'form-grid' }, [openingDate.row, bodaccDate.row, mandataireName.row, mandataireAddress.row]),
    el('p', { class: 'field-error field-error--group', attrs: { 'data-error-for': 'procedure', 'aria-live': 'polite' } }),
  ]);

  const companyRows = [companyName.row, contactPerson.row, sirenSiret.row];
  const personRows = [civility.row, firstName.row, lastName.row];
  frame.body.append(
    fieldset('Identité', [kind.row, ...companyRows, ...personRows, civilities]),
    fieldset('Contact', [email.row, phone.row]),
    address.section,
    fieldset('Suivi', [segment.row, terms.row, status.row, nature.row, notes.row]),
    procedureSection,
  );

  kind.input.addEventListener('change', syncVisibility);
  status.input.addEventListener('change', syncVisibility);

  /** The client being changed; null for a new one. */
  /** @type {Client | null} */
  let current = null;

  bindForm(frame, {
    read,
    async save(form) {
      const id = await api.clientSave(current ? current.id : null, form);
      await context.go({ page: 'client', clientId: id });
    },
    labels: LABELS,
    onCancel: () => context.go(current ? { page: 'client', clientId: current.id } : { page: 'clients' }),
  });

  /**
   * The form as typed. Fields hidden for the chosen kind are sent empty when they would contradict it
   * (a company name or SIREN on a consumer); the core reads hidden procedure dates without blocking.
   * @param {FormValues} check
   * @returns {ClientText}
   */
  function read(check) {
    const consumer = check.text('kind') === 'consumer';
    return {
      kind: consumer ? 'consumer' : 'professional',
      company_name: consumer ? '' : check.text('company_name'),
      civility: check.text('civility'),
      first_name: check.text('first_name'),
      last_name: check.text('last_name'),
      contact_person: consumer ? '' : check.text('contact_person'),
      address: readAddress(check),
      email: check.text('email'),
      phone: check.text('phone'),
      siren_siret: consumer ? '' : check.text('siren_siret'),
      segment: /** @type {ClientText['segment']} */ (check.text('segment')),
      notes: check.text('notes'),
      payment_terms_days: check.text('payment_terms_days'),
      status: /** @type {ClientText['status']} */ (check.text('status')),
      default_nature: /** @type {ClientText['default_nature']} */ (check.text('default_nature') || null),
      procedure: {
        opening_date: check.text('procedure.opening_date'),
        bodacc_date: check.text('procedure.bodacc_date'),
        mandataire_name: check.text('procedure.mandataire_name'),
        mandataire_address: check.text('procedure.mandataire_address'),
      },
    };
  }

  function syncVisibility() {
    const consumer = kind.input.value === 'consumer';
    for (const row of companyRows) {
      row.hidden = consumer;
    }
    for (const row of personRows) {
      row.hidden = !consumer;
    }
    procedureSection.hidden = status.input.value !== 'collective_procedure';
  }

  /** @param {{ clientId: number | null }} route */
  async function open({ clientId }) {
    const detail = clientId === null ? null : await api.clientDetail(clientId);
    return () => update(detail ? detail.client : null, detail ? detail.name : '');
  }

  /**
   * @param {Client | null} client null for a new client
   * @param {string} name the client's name as the core writes it
   */
  function update(client, name) {
    current = client;
    frame.title.textContent = client ? 'Modifier le client' : 'Nouveau client';
    frame.subtitle.textContent = client ? name : 'Les champs marqués * sont obligatoires.';
    const form = frame.form;
    setValue(form, 'kind', client ? client.kind : 'professional');
    for (const name of ['company_name', 'contact_person', 'siren_siret', 'civility', 'first_name', 'last_name', 'email', 'phone', 'notes']) {
      setValue(form, name, client ? /** @type {Record<string, any>} */ (client)[name] : '');
    }
    fillAddress(form, client ? client.address : undefined);
    setValue(form, 'segment', client ? client.segment : 'new');
    setValue(form, 'payment_terms_days', client && client.payment_terms_days !== null
      ? `${client.payment_terms_days} jours${client.payment_terms_end_of_month ? ' fin de mois' : ''}`
      : '');
    setValue(form, 'status', client ? client.status : 'active');
    setValue(form, 'default_nature', client ? client.default_nature : '');
    const procedure = client ? client.procedure : null;
    setValue(form, 'procedure.opening_date', procedure ? dateToInput(procedure.opening_date) : '');
    setValue(form, 'procedure.bodacc_date', procedure ? dateToInput(procedure.bodacc_date) : '');
    setValue(form, 'procedure.mandataire_name', procedure ? procedure.mandataire_name : '');
    setValue(form, 'procedure.mandataire_address', procedure ? procedure.mandataire_address : '');
    clearErrors(frame);
    syncVisibility();
  }

  return {
    element: frame.element,
    open,
    focus() {
      // The kind is usually right by default: the keyboard starts on the name.
      (kind.input.value === 'consumer' ? lastName.input : companyName.input).focus();
    },
  };
}
