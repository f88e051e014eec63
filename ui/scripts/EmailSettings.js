// @ts-check
/**
 * « E-mail » in the settings: the sending server (a known provider fills it in, with the advice it needs,
 * such as an application password), its port and security, the login and password, the sender's address
 * and name, the hidden copy to oneself; « Enregistrer » and « Tester » (a test e-mail to oneself, the
 * server's answer shown). The password is never shown again: where it is kept is said under it.
 */

import { el } from './dom.js';
import { clearRefusal, showRefusal } from './refusal.js';

/** @typedef {import('./api.js').EmailSettingsView} EmailSettingsView */
/** @typedef {import('./api.js').SmtpSettingsText} SmtpSettingsText */

/**
 * @typedef {object} EmailSettingsState
 * @property {EmailSettingsView} [view] the settings as stored; what was typed stays when absent
 * @property {unknown} [refusal] the core's refusal of the settings, or the test's failure
 * @property {string | null} [done] what just succeeded (saved, or the server's answer to the test)
 * @property {boolean} [busy]
 */

/**
 * @param {{ onSave: (form: SmtpSettingsText, password: string) => void, onTest: () => void }} actions
 * @returns {{ element: HTMLElement, update: (state: EmailSettingsState) => void }}
 */
export function EmailSettings(actions) {
  /** @type {EmailSettingsView | null} */
  let view = null;
  const provider = el('select', { attrs: { id: 'email-provider', name: 'provider' } });
  const host = input('host', 'text');
  const port = input('port', 'text');
  const security = el('select', { attrs: { id: 'email-security', name: 'security' } });
  const user = input('user', 'text');
  const password = input('password', 'password');
  const fromAddress = input('from_address', 'email');
  const fromName = input('from_name', 'text');
  const bccSelf = el('input', { attrs: { type: 'checkbox', id: 'email-bcc_self', name: 'bcc_self' } });
  const advice = el('p', { class: 'panel-note email-advice', attrs: { id: 'email-advice', hidden: true } });
  const passwordNote = el('p', { class: 'panel-note', attrs: { id: 'email-password-note' } });
  const error = el('div', { class: 'form-error', attrs: { role: 'alert', id: 'email-error', hidden: true } });
  const done = el('p', { class: 'form-success', attrs: { role: 'status', id: 'email-done', hidden: true } });
  const save = el('button', { class: 'button button--primary', text: 'Enregistrer', attrs: { type: 'button', id: 'email-save' } });
  const test = el('button', { class: 'button', text: 'Tester', attrs: { type: 'button', id: 'email-test' } });

  provider.addEventListener('change', () => {
    const chosen = view && view.providers.find((item) => item.id === provider.value);
    if (!chosen) {
      advice.hidden = true;
      return;
    }
    host.value = chosen.host;
    port.value = String(chosen.port);
    security.value = chosen.security;
    user.placeholder = chosen.user_hint;
    advice.textContent = chosen.advice;
    advice.hidden = !chosen.advice;
  });
  save.addEventListener('click', () => {
    actions.onSave({
      host: host.value,
      port: port.value,
      security: security.value,
      user: user.value,
      from_address: fromAddress.value,
      from_name: fromName.value,
      bcc_self: bccSelf.checked,
    }, password.value);
  });
  test.addEventListener('click', () => actions.onTest());

  const element = el('section', { class: 'settings-section email-settings', attrs: { id: 'email-settings' } }, [
    el('h2', { class: 'panel-title', text: 'E-mail' }),
    el('p', {
      class: 'panel-note',
      text: 'Les courriers dont l’envoi est « e-mail » partent de votre propre messagerie, avec leur PDF en pièce jointe ; l’e-mail envoyé est gardé comme preuve.',
    }),
    error,
    done,
    el('div', { class: 'form-grid' }, [
      field('Fournisseur', provider, 'provider'),
      field('Serveur d’envoi (SMTP)', host, 'host'),
      field('Port', port, 'port'),
      field('Sécurité', security, 'security'),
      field('Identifiant', user, 'user'),
      field('Mot de passe', password, 'password'),
      field('Adresse d’expédition', fromAddress, 'from_address'),
      field('Nom d’expéditeur', fromName, 'from_name'),
    ]),
    advice,
    passwordNote,
    el('label', { class: 'email-settings-check' }, [bccSelf, el('span', { text: 'M’envoyer une copie cachée de chaque e-mail' })]),
    el('div', { class: 'button-row' }, [save, test]),
  ]);
  const place = { root: element, box: error, heading: 'Ces réglages sont refusés :', summary: false };

  /** @param {EmailSettingsState} state */
  function update(state) {
    if (state.refusal) {
      showRefusal(place, state.refusal);
    } else {
      clearRefusal(place);
    }
    done.hidden = !state.done;
    done.textContent = state.done || '';
    save.disabled = Boolean(state.busy);
    test.disabled = Boolean(state.busy) || !(state.view || view)?.settings;
    if (!state.view) {
      return;
    }
    view = state.view;
    if (provider.options.length === 0) {
      provider.replaceChildren(
        el('option', { text: 'Autre (mon serveur)', attrs: { value: '' } }),
        ...view.providers.map((item) => el('option', { text: item.name, attrs: { value: item.id } })),
      );
      security.replaceChildren(...view.securities.map((choice) => el('option', { text: choice.label, attrs: { value: choice.id } })));
    }
    const settings = view.settings;
    host.value = settings ? settings.host : '';
    port.value = settings ? settings.port : '';
    security.value = settings ? settings.security : 'starttls';
    user.value = settings ? settings.user : '';
    fromAddress.value = settings ? settings.from_address : '';
    fromName.value = settings ? settings.from_name : '';
    bccSelf.checked = settings ? settings.bcc_self : false;
    const known = settings ? view.providers.find((item) => item.host === settings.host) : undefined;
    provider.value = known ? known.id : '';
    password.value = '';
    password.placeholder = view.password_known ? '•••••••• (connu)' : '';
    passwordNote.textContent = view.password_note;
    advice.textContent = view.advice;
    advice.hidden = !view.advice;
    test.disabled = Boolean(state.busy) || !settings;
  }

  return { element, update };
}

/**
 * @param {string} name the core's name of the field
 * @param {string} type
 */
function input(name, type) {
  return el('input', { class: 'input', attrs: { id: `email-${name}`, name, type, autocomplete: 'off' } });
}

/**
 * A field with its label and the slot for its problem.
 * @param {string} label
 * @param {HTMLElement} control
 * @param {string} name
 */
function field(label, control, name) {
  return el('label', { class: 'field' }, [
    el('span', { class: 'field-label', text: label }),
    control,
    el('span', { class: 'field-error', attrs: { 'data-error-for': name, 'aria-live': 'polite' } }),
  ]);
}
