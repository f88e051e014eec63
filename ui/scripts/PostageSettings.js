// @ts-check
/**
 * The dated prices of registered letters (R1, R2, R3 and the receipt option) the deposit list estimates
 * postage from, one row per date they came into force; a row marked « à confirmer » is printed so.
 */

import { el } from './dom.js';
import { amountToInput, dateToInput } from './format.js';
import { clearRefusal, showRefusal } from './refusal.js';

/** @typedef {import('./api.js').PriceRow} PriceRow */
/** @typedef {import('./api.js').PriceRowText} PriceRowText */

/**
 * @typedef {object} PostageSettingsState
 * @property {PriceRow[]} [rows] the table saved; what was typed stays when absent
 * @property {unknown} [refusal] the core's refusal of the table typed
 * @property {string | null} [done]
 */

/**
 * @param {{ onSave: (form: import('./api.js').PriceTableText) => void }} actions onSave gets the table as typed
 * @returns {{ element: HTMLElement, update: (state: PostageSettingsState) => void }}
 */
export function PostageSettings(actions) {
  const body = el('tbody', { attrs: { id: 'postage-rows' } });
  const error = el('div', { class: 'form-error', attrs: { role: 'alert', id: 'postage-error', hidden: true } });
  const done = el('p', { class: 'form-success', attrs: { role: 'status', id: 'postage-saved', hidden: true } });
  const add = el('button', { class: 'button button--small', text: 'Ajouter une date', attrs: { type: 'button', id: 'postage-add' } });
  const save = el('button', { class: 'button button--primary', text: 'Enregistrer les tarifs', attrs: { type: 'button', id: 'postage-save' } });
  add.addEventListener('click', () => body.append(row({ valid_from: '', r1: '', r2: '', r3: '', receipt: '', to_confirm: true })));
  save.addEventListener('click', () => {
    const rows = Array.from(body.querySelectorAll('tr')).map((line) => {
      /** @param {string} name */
      const input = (name) => /** @type {HTMLInputElement} */ (line.querySelector(`[name="${name}"]`));
      return {
        valid_from: input('valid_from').value,
        r1: input('r1').value,
        r2: input('r2').value,
        r3: input('r3').value,
        receipt: input('receipt').value,
        to_confirm: input('to_confirm').checked,
      };
    });
    actions.onSave({ rows });
  });

  const element = el('section', { class: 'settings-section postage-settings', attrs: { id: 'postage-settings' } }, [
    el('h2', { class: 'panel-title', text: 'Tarifs des lettres recommandées' }),
    el('p', { class: 'panel-note', text: 'Prix publics d’une lettre recommandée de 20 g par niveau de garantie, et de l’avis de réception, à partir de chaque date. La liste de dépôt estime l’affranchissement avec eux.' }),
    error,
    done,
    el('table', { class: 'data-table' }, [
      el('thead', {}, [el('tr', {}, ['Depuis le', 'R1', 'R2', 'R3', 'AR', 'À confirmer']
        .map((label) => el('th', { text: label, attrs: { scope: 'col' } })))]),
      body,
    ]),
    el('div', { class: 'button-row' }, [add, save]),
  ]);

  /** Where a refused table is said: one line per problem, each naming its row. */
  const refusalPlace = { root: element, box: error, heading: 'Les tarifs n’ont pas été enregistrés :' };

  /** @param {PostageSettingsState} state */
  function update(state) {
    if (state.refusal) {
      showRefusal(refusalPlace, state.refusal);
    } else {
      clearRefusal(refusalPlace);
    }
    done.hidden = !state.done;
    done.textContent = state.done || '';
    if (state.rows) {
      body.replaceChildren(...state.rows.map(row));
    }
  }

  return { element, update };
}

/** @param {PriceRow | PriceRowText} price */
function row(price) {
  /** @param {string} name @param {string} value */
  const cell = (name, value) => el('td', {}, [el('input', { class: 'input', attrs: { name, type: 'text', value, size: name === 'valid_from' ? 11 : 8 } })]);
  return el('tr', {}, [
    cell('valid_from', dateToInput(price.valid_from)),
    cell('r1', amountToInput(price.r1)),
    cell('r2', amountToInput(price.r2)),
    cell('r3', amountToInput(price.r3)),
    cell('receipt', amountToInput(price.receipt)),
    el('td', {}, [el('input', { attrs: { name: 'to_confirm', type: 'checkbox', checked: price.to_confirm } })]),
  ]);
}
