// @ts-check
/**
 * The letters waiting to be printed: the proposals accepted and the letters drafted from a client, on any
 * day, and those edited since they were printed; each to open and check, and the export of all of them as
 * one PDF for one print job, or as separate files, each letter followed by the invoices it encloses when
 * asked, with a progress bar.
 */

import { plainBadge } from './badges.js';
import { el } from './dom.js';
import { formatMoney } from './format.js';
import { titleOf } from './labels.js';
import { columnHeader, emptyRow } from './tables.js';

/** @typedef {import('./api.js').BatchLetter} BatchLetter */

/**
 * @typedef {object} LetterBatchActions
 * @property {(letterId: number) => void} onOpen
 * @property {(single: boolean, withDocuments: boolean) => void} onExport
 */

/**
 * @typedef {object} LetterBatchState
 * @property {BatchLetter[]} letters
 * @property {import('./api.js').BatchProgress | null} [progress] while an export runs
 * @property {string | null} [error]
 * @property {string | null} [done]
 * @property {import('./api.js').RefusedLetter[]} [refused] the letters the last export left waiting
 */

/**
 * @param {LetterBatchActions} actions
 * @returns {{ element: HTMLElement, update: (state: LetterBatchState) => void }}
 */
export function LetterBatch(actions) {
  const body = el('tbody', { attrs: { id: 'letter-batch-rows' } });
  body.addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('button[data-letter-id]');
    if (button instanceof HTMLButtonElement) {
      actions.onOpen(Number(button.dataset.letterId));
    }
  });
  const single = el('input', { attrs: { type: 'checkbox', id: 'letter-batch-single', checked: true } });
  const exportAll = el('button', { class: 'button button--primary', text: 'Exporter les courriers à imprimer', attrs: { type: 'button', id: 'letter-batch-export' } });
  const withDocuments = el('input', { attrs: { type: 'checkbox', id: 'letter-batch-documents' } });
  exportAll.addEventListener('click', () => actions.onExport(single.checked, withDocuments.checked));
  const progress = el('progress', { class: 'letter-batch-progress', attrs: { id: 'letter-batch-progress', max: 1, value: 0, hidden: true } });
  const error = el('p', { class: 'form-error', attrs: { role: 'alert', hidden: true } });
  const done = el('p', { class: 'form-success', attrs: { role: 'status', id: 'letter-batch-status', hidden: true } });
  const refusedList = el('ul', { class: 'letter-batch-refused-list' });
  const refused = el('div', { class: 'form-error letter-batch-refused', attrs: { id: 'letter-batch-refused', role: 'alert', hidden: true } }, [
    el('p', { text: 'Non imprimés, ils restent à imprimer :' }),
    refusedList,
  ]);

  const element = el('section', { class: 'letter-batch', attrs: { id: 'letter-batch' } }, [
    el('h1', { class: 'page-title', text: 'Courriers à imprimer' }),
    el('p', {
      class: 'panel-note',
      text: 'Les relances acceptées et les courriers préparés depuis une fiche client, quel que soit leur jour, '
        + 'et ceux modifiés depuis leur impression. Ouvrez-en un pour relire ou modifier son texte, ou l’annuler ; '
        + 'exportez-les ensemble pour une seule impression.',
    }),
    error,
    done,
    refused,
    el('div', { class: 'table-frame' }, [
      el('table', { class: 'data-table' }, [
        el('thead', {}, [el('tr', {}, [
          columnHeader('Client'), columnHeader('Courrier'), columnHeader('Envoi'), columnHeader('Reste dû', 'number'), columnHeader(''),
        ])]),
        body,
      ]),
    ]),
    el('div', { class: 'button-row letter-batch-actions' }, [
      el('label', { class: 'checkbox' }, [single, el('span', { text: 'Un seul PDF (une seule impression)' })]),
      el('label', { class: 'checkbox' }, [withDocuments, el('span', { text: 'Imprimer les factures jointes après chaque courrier' })]),
      exportAll,
    ]),
    progress,
  ]);

  /** @param {LetterBatchState} state */
  function update(state) {
    error.hidden = !state.error;
    error.textContent = state.error || '';
    done.hidden = !state.done;
    done.textContent = state.done || '';
    const left = state.refused || [];
    refused.hidden = left.length === 0;
    refusedList.replaceChildren(...left.map((letter) => {
      // What a letter lacks is said once, below the table, with the way to give it.
      const lacking = state.letters.some(({ id, letter: waiting }) => id === letter.letter_id && waiting.facts.missing.length > 0);
      return el('li', {
        text: `${letter.client_name} — ${letter.title} : ${lacking ? 'il manque ce qui est dit plus bas.' : letter.reason}`,
        attrs: { 'data-letter-id': letter.letter_id },
      });
    }));
    progress.hidden = !state.progress;
    if (state.progress) {
      progress.max = Math.max(1, state.progress.total);
      progress.value = state.progress.done;
    }
    exportAll.disabled = Boolean(state.progress) || state.letters.length === 0;
    if (state.letters.length === 0) {
      body.replaceChildren(emptyRow(5, 'Aucun courrier préparé aujourd’hui.'));
      return;
    }
    body.replaceChildren(...state.letters.map(({ id, letter }) => el('tr', { attrs: { 'data-letter': id } }, [
      el('td', { text: letter.facts.client.name }),
      el('td', {}, [
        letter.facts.title,
        // Said beside the letter: the export leaves it waiting until what it lacks is given (see below the
        // table).
        letter.facts.missing.length > 0
          ? el('span', { class: 'letter-batch-missing', text: ' ' }, [plainBadge('À compléter', 'invoice-partially_paid')])
          : null,
      ]),
      el('td', { text: titleOf('dispatches', letter.facts.dispatch) }),
      el('td', { class: 'number', text: formatMoney(letter.facts.total_remaining) }),
      el('td', { class: 'actions' }, [el('button', {
        class: 'button button--small', text: 'Ouvrir', attrs: { type: 'button', 'data-letter-id': id },
      })]),
    ])));
  }

  return { element, update };
}
