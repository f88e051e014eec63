// @ts-check
/**
 * The statement of account of one client on a chosen date (F13), on the client's page: every invoice
 * and credit note, every payment with the invoices it settled, the rejections and the balance, printed
 * as a « Relevé de compte » letter with its annexes and saved as PDF. The letter is not kept: it is
 * printed again, as of its date, whenever asked. The date starts at today (the core's) when a client's
 * page is opened.
 */

import { el } from './dom.js';
import { dateToInput } from './format.js';
import { clearRefusal, showRefusal } from './refusal.js';

/**
 * @typedef {object} StatementPanelActions
 * @property {(clientId: number, date: string) => Promise<string | null>} save writes the statement on
 *   the date typed (today when blank); resolves to the file written, null when cancelled
 */

/**
 * @typedef {object} StatementPanelElement
 * @property {HTMLElement} element
 * @property {(state: { clientId: number, today: string }) => void} update shows the panel for this client
 */

/**
 * @param {StatementPanelActions} actions
 * @returns {StatementPanelElement}
 */
export function StatementPanel(actions) {
  const dateInput = el('input', {
    attrs: { id: 'statement-date', name: 'date', type: 'text', inputmode: 'numeric', autocomplete: 'off', placeholder: 'jj/mm/aaaa', 'aria-describedby': 'statement-date-error' },
  });
  const save = el('button', { class: 'button button--primary', text: 'Imprimer le relevé de compte', attrs: { type: 'submit', id: 'statement-export' } });
  const failure = el('div', { class: 'form-error', attrs: { id: 'statement-error', role: 'alert', hidden: true } });
  const done = el('p', { class: 'form-success', attrs: { id: 'statement-status', role: 'status', hidden: true } });
  const form = el('form', { class: 'statement-panel-form form-row', attrs: { id: 'statement-form', novalidate: true } }, [
    el('label', { text: 'Arrêté au', attrs: { for: 'statement-date' } }),
    dateInput,
    save,
    el('p', { class: 'field-error', attrs: { id: 'statement-date-error', 'data-error-for': 'date', 'aria-live': 'polite' } }),
  ]);
  const element = el('section', { class: 'panel statement-panel', attrs: { id: 'statement-panel', 'aria-labelledby': 'statement-title' } }, [
    el('h2', { class: 'panel-title', text: 'Relevé de compte', attrs: { id: 'statement-title' } }),
    el('p', {
      class: 'panel-note',
      text: 'Toutes les factures et tous les avoirs du client, chaque règlement et les factures qu’il a soldées, '
        + 'les rejets et le solde à la date choisie : un courrier à lui envoyer, en PDF.',
    }),
    form,
    failure,
    done,
  ]);

  let clientId = 0;
  const refusalPlace = { root: form, box: failure, summary: false };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearRefusal(refusalPlace);
    done.hidden = true;
    save.disabled = true;
    try {
      const path = await actions.save(clientId, dateInput.value.trim());
      if (path) {
        done.textContent = `Relevé de compte enregistré : ${path}`;
        done.hidden = false;
      }
    } catch (error) {
      showRefusal(refusalPlace, error);
    } finally {
      save.disabled = false;
    }
  });

  /** @param {{ clientId: number, today: string }} state */
  function update(state) {
    if (state.clientId !== clientId) {
      clientId = state.clientId;
      dateInput.value = dateToInput(state.today);
      clearRefusal(refusalPlace);
      done.hidden = true;
    }
  }

  return { element, update };
}
