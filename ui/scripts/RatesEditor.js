// @ts-check
/**
 * The rates table behind late-payment interest, one line per half-year: the two legal rates and the ECB
 * rate, in percent a year. A half-year whose rates are not known yet is marked; the user types them in
 * (or adds the next half-year) and saves the whole table, which the core refuses with its reasons when a
 * rate is unreadable or the half-years overlap or leave a gap.
 */

import { el, replace } from './dom.js';
import { columnHeader } from './tables.js';

/** @typedef {import('./api.js').RateTable} RateTable */
/** @typedef {import('./api.js').RateRowText} RateRowText */
/** @typedef {import('./api.js').ApiError} ApiError */

/** The rate columns, in the order shown. */
const COLUMNS = /** @type {const} */ ([
  ['legal_rate_other', 'Taux légal, autres cas'],
  ['legal_rate_individual', 'Taux légal, créancier particulier'],
  ['ecb_rate', 'Taux BCE (refinancement)'],
]);

/**
 * @typedef {object} RatesEditorState
 * @property {RateTable} table
 * @property {boolean} [saved] true right after a successful save
 */

/**
 * @typedef {object} RatesEditorElement
 * @property {HTMLElement} element
 * @property {(state: RatesEditorState) => void} update
 */

/**
 * @param {{ onSave: (rows: RateRowText[]) => Promise<void> }} actions onSave rejects with an ApiError to show
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

  addNext.addEventListener('click', () => {
    // The core refuses an empty table, so there is always a newest half-year to follow.
    const newest = body.querySelector('tr');
    if (!newest) {
      return;
    }
    const code = nextSemester(String(newest.getAttribute('data-semester')));
    body.prepend(rateRow({ semester: code, legal_rate_individual: '', legal_rate_other: '', ecb_rate: '' }));
    const first = /** @type {HTMLInputElement | null} */ (body.querySelector('input'));
    if (first) {
      first.focus();
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    save.disabled = true;
    problems.hidden = true;
    success.hidden = true;
    try {
      await actions.onSave(readRows());
    } catch (error) {
      const problem = /** @type {ApiError} */ (error);
      replace(problems, [
        el('p', { text: problem.fields.length > 0 ? 'Le tableau des taux n’a pas été enregistré :' : problem.message }),
        problem.fields.length > 0 ? el('ul', {}, problem.fields.map((f) => el('li', { text: f.message }))) : null,
      ]);
      problems.hidden = false;
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
    const newestFirst = [...table.rows].reverse();
    replace(body, newestFirst.map((row) => rateRow({
      semester: row.semester,
      legal_rate_individual: toInput(row.legal_rate_individual),
      legal_rate_other: toInput(row.legal_rate_other),
      ecb_rate: toInput(row.ecb_rate),
    })));
    problems.hidden = true;
    success.textContent = 'Taux enregistrés : les pénalités sont recalculées avec eux.';
    success.hidden = !saved;
  }

  return { element, update };
}

/**
 * @param {RateRowText} row
 * @returns {HTMLTableRowElement}
 */
function rateRow(row) {
  const missing = row.legal_rate_other === '' || row.ecb_rate === '';
  return el('tr', { class: missing ? 'is-missing-rate' : '', attrs: { 'data-semester': row.semester } }, [
    el('th', { class: 'rates-editor-semester', text: semesterLabel(row.semester), attrs: { scope: 'row' } }),
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
          'aria-label': `${label}, ${semesterLabel(row.semester)}`,
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

/**
 * "2e semestre 2026" from "2026-S2".
 * @param {string} code
 * @returns {string}
 */
function semesterLabel(code) {
  const [year, half] = code.split('-S');
  return `${half === '1' ? '1er' : '2e'} semestre ${year}`;
}

/**
 * "2027-S1" after "2026-S2".
 * @param {string} code
 * @returns {string}
 */
function nextSemester(code) {
  const [year, half] = code.split('-S');
  return half === '1' ? `${year}-S2` : `${Number(year) + 1}-S1`;
}
