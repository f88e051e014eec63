// @ts-check
/**
 * The dispatch page of one letter: when it left (deposit date, and for a registered letter its tracking
 * number, guarantee level and receipt option), then what became of it (received, « avisé non réclamé »,
 * returned), its deadline, and the scans of the deposit proof and of the signed receipt.
 */

import * as api from './api.js';
import { el } from './dom.js';
import { dateToInput, formatDate } from './format.js';
import { capitalise, labels } from './labels.js';
import { clearRefusal, showRefusal } from './refusal.js';

/** @typedef {import('./api.js').LetterLine} LetterLine */

/** What the date of each outcome is, after its name. */
const OUTCOME_DATES = /** @type {Record<string, string>} */ ({
  received: 'date de l’avis de réception',
  unclaimed: 'date de première présentation',
  returned: 'date du retour',
});

/**
 * @typedef {object} DispatchFormState
 * @property {LetterLine} letter
 * @property {import('./api.js').IsoDate} today
 * @property {unknown} [refusal] the core's refusal of the last step
 * @property {string | null} [done]
 * @property {boolean} [busy]
 */

/**
 * @param {import('./App.js').PageContext} context
 * @returns {import('./App.js').Page}
 */
export function DispatchForm(context) {
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
    ...labels().guarantee_levels.map((found) => el('option', { text: found.label, attrs: { value: found.id } })),
  ]);
  const receipt = el('input', { attrs: { id: 'dispatch-receipt', type: 'checkbox', checked: true } });
  const send = el('button', { class: 'button button--primary', text: 'Enregistrer l’envoi', attrs: { type: 'submit', id: 'dispatch-send' } });
  const sendForm = el('form', { class: 'dispatch-send-form', attrs: { id: 'dispatch-send-form', novalidate: true } }, [
    el('h2', { class: 'panel-title', text: 'Envoi' }),
    labelled('Date de dépôt à la poste', deposit, 'deposit_date'),
    labelled('N° de la lettre recommandée', tracking, 'tracking_number'),
    labelled('Niveau de garantie', level, 'level'),
    el('label', { class: 'checkbox' }, [receipt, el('span', { text: 'Avec avis de réception' })]),
    el('div', { class: 'button-row' }, [send]),
  ]);
  /** @param {boolean} evenIfPaid */
  const recordSending = (evenIfPaid) => {
    const form = { deposit_date: deposit.value, tracking_number: tracking.value, level: level.value, with_receipt: receipt.checked };
    run(async (id) => {
      await api.dispatchSend(id, form, evenIfPaid);
      return 'Envoi enregistré ; le PDF imprimé est archivé tel quel.';
    });
  };
  sendForm.addEventListener('submit', (event) => {
    event.preventDefault();
    recordSending(false);
  });
  // Offered under the refusal of a letter whose invoices are all paid by now: it really left before.
  const sendAnyway = el('button', { class: 'button', text: 'Il est parti avant le règlement : enregistrer l’envoi quand même', attrs: { type: 'button', id: 'dispatch-send-anyway' } });
  sendAnyway.addEventListener('click', () => recordSending(true));

  const outcome = el('select', { class: 'input', attrs: { id: 'dispatch-outcome', name: 'outcome' } },
    labels().delivery_outcomes.map((found) => el('option', {
      text: `${capitalise(found.label)} (${OUTCOME_DATES[found.id] || 'date'})`,
      attrs: { value: found.id },
    })));
  const outcomeDate = el('input', { class: 'input', attrs: { id: 'dispatch-outcome-date', name: 'date', type: 'text', placeholder: 'JJ/MM/AAAA' } });
  const deliver = el('button', { class: 'button button--primary', text: 'Enregistrer la distribution', attrs: { type: 'submit', id: 'dispatch-deliver' } });
  const deliveryForm = el('form', { class: 'dispatch-delivery-form', attrs: { id: 'dispatch-delivery-form', novalidate: true } }, [
    el('h2', { class: 'panel-title', text: 'Distribution' }),
    labelled('Résultat', outcome, 'outcome'),
    labelled('Date', outcomeDate, 'date'),
    el('p', { class: 'panel-note', text: 'Un courrier avisé non réclamé (gardé 15 jours au bureau de poste) fait courir son délai dès sa première présentation.' }),
    el('div', { class: 'button-row' }, [deliver]),
  ]);
  deliveryForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const form = { outcome: outcome.value, date: outcomeDate.value };
    run(async (id) => {
      await api.dispatchDelivery(id, form);
      return 'Distribution enregistrée.';
    });
  });

  const attachProof = el('button', { class: 'button', text: 'Joindre la preuve de dépôt…', attrs: { type: 'button', id: 'dispatch-attach-proof' } });
  const attachReceipt = el('button', { class: 'button', text: 'Joindre l’avis de réception signé…', attrs: { type: 'button', id: 'dispatch-attach-receipt' } });
  /** @param {'deposit_proof' | 'receipt'} role */
  const attach = (role) => run(async (id) => {
    const file = await api.dispatchAttach(id, role);
    return file ? `Scan archivé : ${file}` : null;
  });
  attachProof.addEventListener('click', () => attach('deposit_proof'));
  attachReceipt.addEventListener('click', () => attach('receipt'));
  const attachments = el('div', { class: 'button-row dispatch-attachments' }, [attachProof, attachReceipt]);

  const back = el('button', { class: 'button', text: '← Courriers', attrs: { type: 'button', id: 'dispatch-back' } });
  back.addEventListener('click', () => context.go({ page: 'letters' }));

  const element = el('section', { class: 'dispatch-form', attrs: { id: 'dispatch-form' } }, [
    el('div', { class: 'button-row' }, [back]),
    title, status, deadline, tampered, errorBox, done, sendForm, deliveryForm, attachments,
  ]);

  /** @type {LetterLine | null} */
  let current = null;
  /** Where a refused step is said: each field's problem next to it, the rest above the forms. */
  const refusalPlace = { root: element, box: errorBox };

  /**
   * The letter's line as it now stands.
   * @param {number} letterId
   * @returns {Promise<LetterLine>}
   */
  async function find(letterId) {
    const found = (await api.dispatchLetters()).find((line) => line.id === letterId);
    if (!found) {
      throw api.toApiError(`Courrier n° ${letterId} introuvable : rechargez la page.`);
    }
    return found;
  }

  /** @param {{ letterId: number }} route */
  async function open({ letterId }) {
    const letter = await find(letterId);
    return () => {
      // Another letter: nothing typed for the previous one stays.
      for (const input of [deposit, tracking, outcomeDate]) {
        input.value = '';
      }
      level.value = '';
      outcome.value = 'received';
      receipt.checked = true;
      update({ letter, today: context.today() });
    };
  }

  /**
   * One step of the dispatch: the buttons wait while the core answers, then the page shows the letter
   * as it now stands, what was done, or the refusal.
   * @param {(letterId: number) => Promise<string | null>} work resolves to what was done
   */
  async function run(work) {
    if (!current) {
      return;
    }
    const letter = current;
    update({ letter, today: context.today(), busy: true });
    try {
      const done = await work(letter.id);
      update({ letter: await find(letter.id), today: context.today(), done });
    } catch (failure) {
      update({ letter, today: context.today(), refusal: failure });
    }
  }

  /** @param {DispatchFormState} state */
  function update(state) {
    current = state.letter;
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
    if (state.refusal) {
      const refusal = showRefusal(refusalPlace, state.refusal);
      if (refusal.kind === 'invoices_paid') {
        errorBox.append(el('div', { class: 'button-row' }, [sendAnyway]));
      }
    } else {
      clearRefusal(refusalPlace);
    }
    done.hidden = !state.done;
    done.textContent = state.done || '';
    for (const button of [send, sendAnyway, deliver, attachProof, attachReceipt]) {
      button.disabled = Boolean(state.busy);
    }
  }

  return { element, open };
}

/**
 * A field with its label and the slot for its problem.
 * @param {string} text
 * @param {HTMLElement} control
 * @param {string} name the core's name of the field
 */
function labelled(text, control, name) {
  return el('label', { class: 'form-row' }, [
    el('span', { class: 'form-label', text }),
    control,
    el('span', { class: 'field-error', attrs: { 'data-error-for': name, 'aria-live': 'polite' } }),
  ]);
}
