// @ts-check
/**
 * The rates table behind late-payment interest, one line per half-year: the two legal rates and the ECB
 * rate, in percent a year. A half-year whose rates are not known yet is marked; the user types them in
 * (or adds the next half-year) and saves the whole table, which the core refuses with its reasons when a
 * rate is unreadable or the half-years overlap or leave a gap.
 */

import { el, replace } from './dom.js';
import { clearRefusal, showRefusal } from './refusal.js';
import { columnHeader } from './tables.js';

/** @typedef {import('./api.js').RatesView} RatesView */
/** @typedef {import('./api.js').RateRowText} RateRowText */

/** The rate columns, in the order shown. */
const COLUMNS = /** @type {const} */ ([
  ['legal_rate_other', 'Taux légal, autres cas'],
  ['legal_rate_individual', 'Taux légal, créancier particulier'],
  ['ecb_rate', 'Taux BCE (refinancement)'],
]);

/**
 * @typedef {object} RatesEditorState
 * @property {RatesView} table
 * @property {boolean} [saved] true right after a successful save
 */

/**
 * @typedef {object} RatesEditorElement
 * @property {HTMLElement} element
 * @property {(state: RatesEditorState) => void} update
 */

/**
 * @param {{ onSave: (rows: RateRowText[]) => Promise<void> }} actions onSave rejects with the core's refusal
 * @returns {RatesEditorElement}
 */
export function RatesEditor(actions) {
  const body = el('tbody');
  const problems = el('div', { class: 'form-error rates-editor-problems', attrs: { role: 'alert', hidden: true } });
  const success = el('p', { class: 'form-success', attrs: { role: 'status', hidden: true } });
  const addNext = el('button', { class: 'button', text: 'Ajouter le semestre suivant', attrs: { type: 'button', id: 'rates-add' } });
  const save = el('button', { class: 'button button--primary', text: 'Enregistrer les taux', attrs: { type: 'submit', id: 'rates-save' } });
  const form = el('form', { class: 'rates-editor-form', attrs: { id: 'rates-form', novalidate: true } }, [
    problems,
    success,
    el('div', { class: 'table-frame' }, [
      el('table', { class: 'data-table rates-editor-table', attrs: { id: 'rates-table' } }, [
        el('thead', {}, [el('tr', {}, [
          columnHeader('Semestre'),
          ...COLUMNS.map(([, label]) => columnHeader(`${label} (%)`, 'number')),
          columnHeader('État'),
        ])]),
        body,
      ]),
    ]),
    el('div', { class: 'button-row rates-editor-actions' }, [addNext, save]),
  ]);
  const element = el('section', { class: 'panel rates-editor', attrs: { id: 'rates-editor', 'aria-labelledby': 'rates-title' } }, [
    el('h2', { class: 'panel-title', text: 'Taux d’intérêt légaux', attrs: { id: 'rates-title' } }),
    el('p', {
      class: 'panel-note',
      text: 'Un taux par semestre, en % par an (publiés au Journal officiel et par la Banque de France). '
        + 'Un semestre sans taux est signalé sur chaque calcul de pénalités qui en a besoin, jamais deviné.',
    }),
    form,
  ]);

  /** Where a refused table is said: one line per problem, each naming its half-year. */
  const refusalPlace = { root: form, box: problems, heading: 'Le tableau des taux n’a pas été enregistré :' };

  /** The half-year the core says comes next, not yet in the table. */
  /** @type {import('./api.js').HalfYear | null} */
  let next = null;

  addNext.addEventListener('click', () => {
    if (!next || body.querySelector(`tr[data-semester="${CSS.escape(next.semester)}"]`)) {
      return;
    }
    body.prepend(rateRow({ semester: next.semester, legal_rate_individual: '', legal_rate_other: '', ecb_rate: '' }, next.label));
    const first = /** @type {HTMLInputElement | null} */ (body.querySelector('input'));
    if (first) {
      first.focus();
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    save.disabled = true;
    clearRefusal(refusalPlace);
    success.hidden = true;
    try {
      await actions.onSave(readRows());
    } catch (error) {
      showRefusal(refusalPlace, error);
    } finally {
      save.disabled = false;
    }
  });

  /** @returns {RateRowText[]} */
  function readRows() {
    return Array.from(body.querySelectorAll('tr')).map((row) => {
      /** @param {string} name */
      const value = (name) => /** @type {HTMLInputElement} */ (row.querySelector(`input[name="${name}"]`)).value;
      return {
        semester: String(row.getAttribute('data-semester')),
        legal_rate_individual: value('legal_rate_individual'),
        legal_rate_other: value('legal_rate_other'),
        ecb_rate: value('ecb_rate'),
      };
    });
  }

  /** @param {RatesEditorState} state */
  function update({ table, saved = false }) {
    next = table.next;
    const newestFirst = [...table.rows].reverse();
    replace(body, newestFirst.map((row) => rateRow({
      semester: row.semester,
      legal_rate_individual: toInput(row.legal_rate_individual),
      legal_rate_other: toInput(row.legal_rate_other),
      ecb_rate: toInput(row.ecb_rate),
    }, row.label)));
    clearRefusal(refusalPlace);
    success.textContent = 'Taux enregistrés : les pénalités sont recalculées avec eux.';
    success.hidden = !saved;
  }

  return { element, update };
}

/**
 * @param {RateRowText} row
 * @param {string} semesterName the half-year as the core names it
 * @returns {HTMLTableRowElement}
 */
function rateRow(row, semesterName) {
  const missing = row.legal_rate_other === '' || row.ecb_rate === '';
  return el('tr', { class: missing ? 'is-missing-rate' : '', attrs: { 'data-semester': row.semester } }, [
    el('th', { class: 'rates-editor-semester', text: semesterName, attrs: { scope: 'row' } }),
    ...COLUMNS.map(([name, label]) => el('td', { class: 'number' }, [
      el('input', {
        class: 'rates-editor-input',
        attrs: {
          id: `rate-${row.semester}-${name}`,
          name,
          type: 'text',
          inputmode: 'decimal',
          autocomplete: 'off',
          value: row[name],
          placeholder: 'inconnu',
          'aria-label': `${label}, ${semesterName}`,
        },
      }),
    ])),
    el('td', {}, [missing
      ? el('span', { class: 'badge rates-editor-missing', text: 'à compléter' })
      : el('span', { class: 'badge badge--neutral', text: 'connu' })]),
  ]);
}

/**
 * "2,15" from "2.15", blank for an unknown rate.
 * @param {string | null} rate
 * @returns {string}
 */
function toInput(rate) {
  return rate === null ? '' : String(rate).replace('.', ',');
}
