// @ts-check
/**
 * The sender profile page: the user's own identity as every letter prints it, how the letters speak of
 * the sender (« Vous êtes » : Madame, Monsieur or a business writing « nous »), and the logo and signature
 * images, chosen in the native dialog and checked by the core. After saving, the form shows what the core
 * kept (identifiers in canonical form, spaces trimmed).
 */

import * as api from './api.js';
import { el } from './dom.js';
import { options } from './labels.js';
import { ProfileImages } from './ProfileImages.js';
import {
  addressFields, bindForm, clearErrors, field, fieldset, fillAddress, focusFirst, formFrame, readAddress, setValue,
} from './forms.js';

/** @typedef {import('./api.js').Profile} Profile */

const FORM_ID = 'profile-form';

const TEXT_FIELDS = /** @type {const} */ ([
  'legal_name', 'trade_name', 'siren_siret', 'registry', 'vat_number', 'phone', 'email', 'iban', 'bic', 'signature_town',
]);

/**
 * @typedef {object} ProfileFormState
 * @property {Profile} profile
 * @property {string} ledgerPath
 * @property {boolean} [saved] true right after a successful save
 */

/**
 * @param {import('./App.js').PageContext} context
 * @returns {import('./App.js').Page}
 */
export function ProfileForm(context) {
  const frame = formFrame({ id: FORM_ID, className: 'profile-form', title: 'Mon profil' });
  frame.subtitle.textContent = 'Votre identité telle qu’elle figure en tête de chaque courrier.';
  const f = (/** @type {import('./forms.js').FieldSpec} */ spec) => field(FORM_ID, spec);

  const success = el('p', { class: 'form-success', attrs: { role: 'status', hidden: true } });
  frame.form.insertBefore(success, frame.formError);

  const legalName = f({
    name: 'legal_name', label: 'Nom légal', required: true, maxlength: 120, size: 'wide',
    hint: 'Votre nom suivi de EI (ex. « Claire DUMONT EI »), obligatoire depuis le 15 mai 2022.',
  });
  const tradeName = f({ name: 'trade_name', label: 'Nom commercial', maxlength: 120, size: 'wide' });
  const addressedAs = f({
    name: 'addressed_as', label: 'Vous êtes', type: 'select',
    options: [['', 'À choisir'], ...options('addressed_as')],
    hint: 'Vos courriers s’accordent avec : « Je reste créancière », « Je reste créancier » ou « Nous restons créanciers ».',
  });
  const address = addressFields(FORM_ID);
  const sirenSiret = f({ name: 'siren_siret', label: 'SIREN ou SIRET', inputmode: 'numeric', maxlength: 20 });
  const registry = f({ name: 'registry', label: 'Immatriculation', maxlength: 60, hint: '« RCS Lyon » ou « RM 123 456 789 ».' });
  const vatNumber = f({ name: 'vat_number', label: 'N° de TVA intracommunautaire', maxlength: 20 });
  const vatExempt = f({ name: 'vat_exempt', label: 'TVA non applicable, art. 293 B du CGI', type: 'checkbox', size: 'wide' });
  const phone = f({ name: 'phone', label: 'Téléphone', type: 'tel', maxlength: 30 });
  const email = f({ name: 'email', label: 'E-mail', type: 'email', maxlength: 120 });
  const iban = f({ name: 'iban', label: 'IBAN', maxlength: 42, size: 'wide', hint: 'Imprimé sur les courriers pour faciliter le paiement.' });
  const bic = f({ name: 'bic', label: 'BIC', maxlength: 11, size: 'short' });
  const signatureTown = f({
    name: 'signature_town', label: 'Ville de signature', maxlength: 60,
    hint: 'Celle de « Lyon, le 22 novembre 2026 ».',
  });
  const ledgerPath = el('code', { class: 'ledger-path', attrs: { id: 'profile-ledger-path' } });

  frame.body.append(
    fieldset('Identité', [legalName.row, tradeName.row, addressedAs.row]),
    address.section,
    fieldset('Immatriculation et TVA', [sirenSiret.row, registry.row, vatNumber.row, vatExempt.row]),
    fieldset('Coordonnées', [phone.row, email.row, signatureTown.row]),
    fieldset('Banque', [iban.row, bic.row]),
    el('p', { class: 'form-help ledger-location' }, ['Registre : ', ledgerPath]),
  );

  // The confirmation speaks of the last save: typing or saving again hides it. This listener comes
  // before bindForm's, so that a submission hides it before the form is read.
  const hideSuccess = () => {
    success.hidden = true;
  };
  frame.form.addEventListener('input', hideSuccess);
  frame.form.addEventListener('submit', hideSuccess);

  bindForm(frame, {
    /** @returns {Profile} */
    read: (check) => ({
      legal_name: check.text('legal_name'),
      addressed_as: /** @type {Profile['addressed_as']} */ (check.text('addressed_as') || null),
      trade_name: check.text('trade_name'),
      address: readAddress(check),
      siren_siret: check.text('siren_siret'),
      registry: check.text('registry'),
      vat_number: check.text('vat_number'),
      vat_exempt: check.checked('vat_exempt'),
      phone: check.text('phone'),
      email: check.text('email'),
      iban: check.text('iban'),
      bic: check.text('bic'),
      signature_town: check.text('signature_town'),
    }),
    async save(profile) {
      await api.profileSave(profile);
      try {
        update({ profile: await api.profileGet(), ledgerPath: context.ledgerPath(), saved: true });
      } catch (error) {
        context.fail(error);
      }
    },
    onCancel: () => context.go({ page: 'dashboard' }),
  });

  const images = ProfileImages();
  frame.element.append(images.element);

  /** The field the route asked for (a letter lacking how the trader is addressed leads to « Vous êtes »). */
  let asked = '';

  /** @param {{ show?: 'addressed_as' }} route */
  async function open(route) {
    const [profile, stored] = await Promise.all([api.profileGet(), api.profileImagesGet()]);
    return () => {
      asked = (route && route.show) || '';
      update({ profile, ledgerPath: context.ledgerPath() });
      images.update({ images: stored });
    };
  }

  /** @param {ProfileFormState} state */
  function update(state) {
    const profile = state.profile;
    for (const name of TEXT_FIELDS) {
      setValue(frame.form, name, profile[name]);
    }
    setValue(frame.form, 'vat_exempt', profile.vat_exempt);
    setValue(frame.form, 'addressed_as', profile.addressed_as || '');
    fillAddress(frame.form, profile.address);
    ledgerPath.textContent = state.ledgerPath;
    clearErrors(frame);
    success.textContent = state.saved ? 'Profil enregistré.' : '';
    success.hidden = !state.saved;
    if (state.saved) {
      success.scrollIntoView({ block: 'nearest' });
    }
  }

  return {
    element: frame.element,
    open,
    focus() {
      if (asked === 'addressed_as') {
        addressedAs.input.scrollIntoView({ block: 'center' });
        addressedAs.input.focus({ preventScroll: true });
      } else {
        focusFirst(frame.form);
      }
    },
  };
}
