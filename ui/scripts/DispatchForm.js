// @ts-check
/**
 * The dispatch of one letter: when it left (deposit date, and for a registered letter its tracking
 * number, guarantee level and receipt option), then what became of it (received, « avisé non réclamé »,
 * returned), its deadline, and the scans of the deposit proof and of the signed receipt.
 */

import { el } from './dom.js';
import { dateToInput, formatDate, parseDateInput } from './format.js';

/** @typedef {import('./api.js').LetterLine} LetterLine */
/** @typedef {import('./api.js').SendingForm} SendingForm */
/** @typedef {import('./api.js').Delivery} Delivery */
/** @typedef {import('./api.js').ApiError} ApiError */

/**
 * @typedef {object} DispatchFormActions
 * @property {() => void} onBack
 * @property {(form: SendingForm) => void} onSend
 * @property {(delivery: Delivery) => void} onDeliver
 * @property {(role: 'deposit_proof' | 'receipt') => void} onAttach
 */

/**
 * @typedef {object} DispatchFormState
 * @property {LetterLine} letter
 * @property {import('./api.js').IsoDate} today
 * @property {ApiError | null} [error]
 * @property {string | null} [done]
 * @property {boolean} [busy]
 */

/**
 * @param {DispatchFormActions} actions
 * @returns {{ element: HTMLElement, update: (state: DispatchFormState) => void }}
 */
export function DispatchForm(actions) {
  const title = el('h1', { class: 'page-title', attrs: { id: 'dispatch-title' } });
  const status = el('p', { class: 'dispatch-status', attrs: { id: 'dispatch-status' } });
  const deadline = el('p', { class: 'dispatch-deadline', attrs: { id: 'dispatch-deadline', hidden: true } });
  const tampered = el('p', { class: 'form-error dispatch-tampered', attrs: { id: 'dispatch-tampered', hidden: true }, text: 'La copie archivée de ce courrier a été modifiée depuis son envoi : ce n’est plus le document envoyé.' });
  const errorBox = el('div', { class: 'form-error', attrs: { role: 'alert', id: 'dispatch-error', hidden: true } });
  const done = el('p', { class: 'form-success', attrs: { role: 'status', id: 'dispatch-done', hidden: true } });

  const deposit = el('input', { class: 'input', attrs: { id: 'dispatch-deposit', name: 'deposit_date', type: 'text', placeholder: 'JJ/MM/AAAA' } });
  const tracking = el('input', { class: 'input', attrs: { id: 'dispatch-tracking', name: 'tracking_number', type: 'text', autocomplete: 'off', placeholder: '1A 009 676 2145 3' } });
  const level = el('select', { class: 'input', attrs: { id: 'dispatch-level', name: 'level' } }, [
    el('option', { text: '—', attrs: { value: '' } }),
    el('option', { text: 'R1', attrs: { value: 'R1' } }),
    el('option', { text: 'R2', attrs: { value: 'R2' } }),
    el('option', { text: 'R3', attrs: { value: 'R3' } }),
  ]);
  const receipt = el('input', { attrs: { id: 'dispatch-receipt', type: 'checkbox', checked: true } });
  const send = el('button', { class: 'button button--primary', text: 'Enregistrer l’envoi', attrs: { type: 'submit', id: 'dispatch-send' } });
  const sendForm = el('form', { class: 'dispatch-send-form', attrs: { id: 'dispatch-send-form', novalidate: true } }, [
    el('h2', { class: 'panel-title', text: 'Envoi' }),
    labelled('Date de dépôt à la poste', deposit),
    labelled('N° de la lettre recommandée', tracking),
    labelled('Niveau de garantie', level),
    el('label', { class: 'checkbox' }, [receipt, el('span', { text: 'Avec avis de réception' })]),
    el('div', { class: 'button-row' }, [send]),
  ]);
  sendForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const parsed = deposit.value.trim() === '' ? null : parseDateInput(deposit.value);
    if (parsed && !parsed.ok) {
      showError({ kind: 'invalid', message: 'Certains champs sont à corriger.', fields: [{ field: 'deposit_date', message: parsed.message }] });
      return;
    }
    actions.onSend({ deposit_date: parsed ? parsed.value : null, tracking_number: tracking.value, level: level.value, with_receipt: receipt.checked });
  });

  const outcome = el('select', { class: 'input', attrs: { id: 'dispatch-outcome', name: 'outcome' } }, [
    el('option', { text: 'Reçu (date de l’avis de réception)', attrs: { value: 'received' } }),
    el('option', { text: 'Avisé non réclamé (date de première présentation)', attrs: { value: 'unclaimed' } }),
    el('option', { text: 'Retourné à l’expéditeur (date du retour)', attrs: { value: 'returned' } }),
  ]);
  const outcomeDate = el('input', { class: 'input', attrs: { id: 'dispatch-outcome-date', name: 'date', type: 'text', placeholder: 'JJ/MM/AAAA' } });
  const deliver = el('button', { class: 'button button--primary', text: 'Enregistrer la distribution', attrs: { type: 'submit', id: 'dispatch-deliver' } });
  const deliveryForm = el('form', { class: 'dispatch-delivery-form', attrs: { id: 'dispatch-delivery-form', novalidate: true } }, [
    el('h2', { class: 'panel-title', text: 'Distribution' }),
    labelled('Résultat', outcome),
    labelled('Date', outcomeDate),
    el('p', { class: 'panel-note', text: 'Un courrier avisé non réclamé (gardé 15 jours au bureau de poste) fait courir son délai dès sa première présentation.' }),
    el('div', { class: 'button-row' }, [deliver]),
  ]);
  deliveryForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const parsed = outcomeDate.value.trim() === ''
      ? /** @type {import('./format.js').Parsed} */ ({ ok: false, message: 'indiquez la date.' })
      : parseDateInput(outcomeDate.value);
    if (!parsed.ok) {
      showError({ kind: 'invalid', message: 'Certains champs sont à corriger.', fields: [{ field: 'date', message: parsed.message }] });
      return;
    }
    actions.onDeliver({ outcome: /** @type {Delivery['outcome']} */ (outcome.value), date: parsed.value });
  });

  const attachProof = el('button', { class: 'button', text: 'Joindre la preuve de dépôt…', attrs: { type: 'button', id: 'dispatch-attach-proof' } });
  const attachReceipt = el('button', { class: 'button', text: 'Joindre l’avis de réception signé…', attrs: { type: 'button', id: 'dispatch-attach-receipt' } });
  attachProof.addEventListener('click', () => actions.onAttach('deposit_proof'));
  attachReceipt.addEventListener('click', () => actions.onAttach('receipt'));
  const attachments = el('div', { class: 'button-row dispatch-attachments' }, [attachProof, attachReceipt]);

  const back = el('button', { class: 'button', text: '← Courriers', attrs: { type: 'button', id: 'dispatch-back' } });
  back.addEventListener('click', () => actions.onBack());

  const element = el('section', { class: 'dispatch-form', attrs: { id: 'dispatch-form' } }, [
    el('div', { class: 'button-row' }, [back]),
    title, status, deadline, tampered, errorBox, done, sendForm, deliveryForm, attachments,
  ]);

  /** @param {ApiError} error */
  function showError(error) {
    errorBox.hidden = false;
    errorBox.replaceChildren(
      el('p', { text: error.message }),
      ...(error.fields.length ? [el('ul', {}, error.fields.map((f) => el('li', { text: f.message, attrs: { 'data-field': f.field } })))] : []),
    );
  }

  /** @param {DispatchFormState} state */
  function update(state) {
    const letter = state.letter;
    title.textContent = `${letter.title} · ${letter.client_name}`;
    status.textContent = letter.status_label;
    deadline.hidden = !letter.deadline;
    deadline.textContent = letter.deadline
      ? `Délai de ${letter.deadline.days} jours à compter du ${formatDate(letter.deadline.from)} : jusqu’au ${formatDate(letter.deadline.ends_on)} inclus.`
      : '';
    tampered.hidden = !letter.tampered;
    const sent = letter.status === 'sent';
    sendForm.hidden = sent || letter.status === 'cancelled';
    deliveryForm.hidden = !sent || letter.delivery !== null;
    attachments.hidden = !sent;
    if (!sent && deposit.value === '') {
      deposit.value = dateToInput(state.today);
    }
    if (letter.dispatch !== 'registered' && !sent) {
      receipt.checked = false;
    }
    if (state.error) {
      showError(state.error);
    } else {
      errorBox.hidden = true;
      errorBox.replaceChildren();
    }
    done.hidden = !state.done;
    done.textContent = state.done || '';
    for (const button of [send, deliver, attachProof, attachReceipt]) {
      button.disabled = Boolean(state.busy);
    }
  }

  return { element, update };
}

/**
 * @param {string} text
 * @param {HTMLElement} control
 */
function labelled(text, control) {
  return el('label', { class: 'form-row' }, [el('span', { class: 'form-label', text }), control]);
}
