// @ts-check
/**
 * Every letter with its status (préparé, imprimé, envoyé, reçu, avisé non réclamé, retourné), its
 * deadline and a flag when its archived PDF changed since it was sent; each opens its dispatch form.
 * Below: the deposit list of a day for the post office, and a client's court-ready dossier. A large
 * ledger's letters (2,000 of them took the page half a second to lay out) are shown a hundred at a time.
 */

import { el } from './dom.js';
import { dateToInput, formatDate } from './format.js';
import { Pager } from './pager.js';
import { clearRefusal, showRefusal } from './refusal.js';
import { columnHeader, emptyRow } from './tables.js';

/** @typedef {import('./api.js').LetterLine} LetterLine */

/**
 * @typedef {object} LetterListActions
 * @property {(letterId: number) => void} onOpen
 * @property {(date: string) => void} onDepositList the day as typed
 * @property {(clientId: number) => void} onDossier
 */

/**
 * @typedef {object} LetterListState
 * @property {LetterLine[]} letters
 * @property {import('./api.js').IsoDate} today
 * @property {unknown} [refusal] the core's refusal of the last export
 * @property {string | null} [done]
 */

/**
 * @param {LetterListActions} actions
 * @returns {{ element: HTMLElement, update: (state: LetterListState) => void }}
 */
export function LetterList(actions) {
  const body = el('tbody', { attrs: { id: 'letter-list-rows' } });
  /** The letters last given, of which the pager shows the first. */
  /** @type {LetterLine[]} */
  let letters = [];
  const pager = Pager({ id: 'letter-more', size: 100, left: (count) => `${count} restants`, onMore: () => showRows() });
  body.addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('button[data-letter-id]');
    if (button instanceof HTMLButtonElement) {
      actions.onOpen(Number(button.dataset.letterId));
    }
  });
  const error = el('div', { class: 'form-error', attrs: { role: 'alert', id: 'letter-list-error', hidden: true } });
  const done = el('p', { class: 'form-success', attrs: { role: 'status', id: 'letter-list-status', hidden: true } });

  const depositDate = el('input', { class: 'input', attrs: { id: 'deposit-list-date', type: 'text', placeholder: 'JJ/MM/AAAA' } });
  const depositButton = el('button', { class: 'button button--primary', text: 'Imprimer la liste de dépôt', attrs: { type: 'button', id: 'deposit-list-export' } });
  depositButton.addEventListener('click', () => actions.onDepositList(depositDate.value));

  const client = el('select', { class: 'input', attrs: { id: 'dossier-client' } });
  const dossierButton = el('button', { class: 'button', text: 'Constituer le dossier pour le tribunal', attrs: { type: 'button', id: 'dossier-export' } });
  dossierButton.addEventListener('click', () => {
    if (client.value) {
      actions.onDossier(Number(client.value));
    }
  });

  const element = el('section', { class: 'letter-list', attrs: { id: 'letter-list' } }, [
    el('h2', { class: 'page-title', text: 'Tous les courriers' }),
    error,
    done,
    el('div', { class: 'table-frame' }, [
      el('table', { class: 'data-table' }, [
        el('thead', {}, [el('tr', {}, [
          columnHeader('Préparé le'), columnHeader('Client'), columnHeader('Courrier'), columnHeader('État'), columnHeader('Délai'), columnHeader(''),
        ])]),
        body,
      ]),
    ]),
    pager.element,
    el('div', { class: 'letter-list-tools' }, [
      el('div', { class: 'button-row' }, [
        el('label', { class: 'form-row' }, [
          el('span', { class: 'form-label', text: 'Recommandés déposés le' }),
          depositDate,
          el('span', { class: 'field-error', attrs: { 'data-error-for': 'date', 'aria-live': 'polite' } }),
        ]),
        depositButton,
      ]),
      el('div', { class: 'button-row' }, [
        el('label', { class: 'form-row' }, [el('span', { class: 'form-label', text: 'Client' }), client]),
        dossierButton,
      ]),
    ]),
  ]);

  /** Where a refused export is said: the day's problem next to it, the rest above the list. */
  const refusalPlace = { root: element, box: error, labels: { date: 'Liste de dépôt' } };

  /** @param {LetterListState} state */
  function update(state) {
    if (state.refusal) {
      showRefusal(refusalPlace, state.refusal);
    } else {
      clearRefusal(refusalPlace);
    }
    done.hidden = !state.done;
    done.textContent = state.done || '';
    if (depositDate.value === '') {
      depositDate.value = dateToInput(state.today);
    }
    // A new list starts again from its first rows; the same list said again (an export's outcome) keeps them.
    if (state.letters !== letters) {
      letters = state.letters;
      pager.reset();
    }
    showRows();
    const chosen = client.value;
    /** @type {Map<number, string>} */
    const clients = new Map();
    for (const letter of state.letters) {
      clients.set(letter.client_id, letter.client_name);
    }
    client.replaceChildren(...[...clients].sort((a, b) => a[1].localeCompare(b[1], 'fr'))
      .map(([id, name]) => el('option', { text: name, attrs: { value: id } })));
    if (chosen) {
      client.value = chosen;
    }
  }

  /** The first letters, as many as the pager shows. */
  function showRows() {
    const shown = pager.shownOf(letters);
    if (shown.length === 0) {
      body.replaceChildren(emptyRow(6, 'Aucun courrier pour l’instant.'));
    } else {
      body.replaceChildren(...shown.map((letter) => el('tr', { attrs: { 'data-letter-id': letter.id, 'data-status': letter.status } }, [
        el('td', { text: formatDate(letter.drafted_on) }),
        el('td', { text: letter.client_name }),
        el('td', { text: letter.title }),
        el('td', {}, [
          el('span', { class: 'letter-list-status', text: letter.status_label }),
          letter.tampered ? el('span', { class: 'badge badge--danger letter-list-tampered', text: 'copie archivée modifiée' }) : null,
        ]),
        el('td', { text: letter.deadline ? `jusqu’au ${formatDate(letter.deadline.ends_on)}` : '' }),
        el('td', {}, [el('button', { class: 'button', text: 'Envoi…', attrs: { type: 'button', 'data-letter-id': letter.id } })]),
      ])));
    }
  }

  return { element, update };
}
