// @ts-check
/**
 * What only the user knows about a claim declared in a collective procedure — the sums still to fall due
 * and the securities that guarantee it — confirmed on the client's page before the déclaration de
 * créance is printed: the letter states exactly that, « aucune » when a box is left empty, and nothing
 * the user did not confirm.
 */

import { el } from './dom.js';
import { formatDate } from './format.js';
import { refusalText } from './refusal.js';

/** @typedef {import('./api.js').ClaimStatement} ClaimStatement */

/**
 * @typedef {object} ClaimStatementFormState
 * @property {ClaimStatement | null} statement as last confirmed, if ever
 * @property {boolean} shown only for a client in a collective procedure
 */

/**
 * @param {{ onConfirm: (toFallDue: string, securities: string) => Promise<void> }} actions
 * @returns {{ element: HTMLElement, update: (state: ClaimStatementFormState) => void }}
 */
export function ClaimStatementForm(actions) {
  const toFallDue = el('textarea', { attrs: { id: 'claim-to-fall-due', name: 'to_fall_due', rows: 2 } });
  const securities = el('textarea', { attrs: { id: 'claim-securities', name: 'securities', rows: 2 } });
  const sure = el('input', { attrs: { id: 'claim-confirm-box', type: 'checkbox' } });
  const confirm = el('button', { class: 'button button--primary', text: 'Confirmer', attrs: { type: 'button', id: 'claim-confirm' } });
  const status = el('p', { class: 'panel-note', attrs: { id: 'claim-statement-status' } });
  const error = el('p', { class: 'form-error', attrs: { role: 'alert', hidden: true } });
  const element = el('section', { class: 'panel claim-statement-form', attrs: { id: 'claim-statement', hidden: true } }, [
    el('h2', { class: 'panel-title', text: 'Déclaration de créance : ce que vous seul savez' }),
    status,
    el('div', { class: 'form-grid' }, [
      el('div', { class: 'field field--wide' }, [
        el('label', { text: 'Sommes à échoir et leurs dates (vide : aucune)', attrs: { for: 'claim-to-fall-due' } }),
        toFallDue,
      ]),
      el('div', { class: 'field field--wide' }, [
        el('label', { text: 'Sûretés : réserve de propriété, privilège, caution… (vide : aucune)', attrs: { for: 'claim-securities' } }),
        securities,
      ]),
      el('div', { class: 'field field--wide field--checkbox' }, [
        el('div', { class: 'checkbox-line' }, [sure, el('label', {
          text: 'Je confirme ces informations : la déclaration les affirmera au mandataire.',
          attrs: { for: 'claim-confirm-box' },
        })]),
      ]),
    ]),
    error,
    el('div', { class: 'button-row' }, [confirm]),
  ]);
  confirm.addEventListener('click', async () => {
    if (!sure.checked) {
      error.textContent = 'Cochez la case pour confirmer : la déclaration n’affirme que ce que vous confirmez.';
      error.hidden = false;
      return;
    }
    confirm.disabled = true;
    try {
      await actions.onConfirm(toFallDue.value, securities.value);
    } catch (failure) {
      error.textContent = refusalText(failure);
      error.hidden = false;
    } finally {
      confirm.disabled = false;
    }
  });

  /** @param {ClaimStatementFormState} state */
  function update({ statement, shown }) {
    element.hidden = !shown;
    error.hidden = true;
    sure.checked = false;
    toFallDue.value = statement ? statement.to_fall_due : '';
    securities.value = statement ? statement.securities : '';
    status.textContent = statement && statement.confirmed_on
      ? `Confirmé le ${formatDate(statement.confirmed_on)} : sommes à échoir ${statement.to_fall_due || 'aucune'}, `
        + `sûretés ${statement.securities || 'aucune'}.`
      : 'À confirmer avant d’imprimer la déclaration de créance : elle n’affirme rien d’autre.';
  }

  return { element, update };
}
