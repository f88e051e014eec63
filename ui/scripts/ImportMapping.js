// @ts-check
/**
 * The detected mapping of the file's columns to Ardoise's fields, as a table of selects the user can
 * correct; every change is reported at once so that the preview is planned again. The « Importer » page
 * and the « Banque » page (a bank CSV's columns) each have one; `prefix` keeps their ids apart.
 */

import { el, replace } from './dom.js';

/** @typedef {import('./api.js').ColumnMapping} ColumnMapping */

/**
 * @typedef {object} ImportMappingState
 * @property {string[]} headers the file's header cells
 * @property {ColumnMapping} mapping
 * @property {[string, string][]} fields every field with its French label
 */

/**
 * @typedef {object} ImportMappingView
 * @property {HTMLElement} element
 * @property {(state: ImportMappingState) => void} update
 */

/**
 * @param {{ onChange: (mapping: ColumnMapping) => void, prefix?: string }} actions `prefix` starts every id
 *   ('import' by default)
 * @returns {ImportMappingView}
 */
export function ImportMapping(actions) {
  const prefix = actions.prefix || 'import';
  /** @type {ColumnMapping} */
  let mapping = { header_row: 1, columns: [] };
  const body = el('tbody');
  const caption = el('p', { class: 'import-mapping-help' });
  const element = el('section', { class: 'import-mapping', attrs: { id: `${prefix}-mapping`, 'aria-labelledby': `${prefix}-mapping-title` } }, [
    el('h2', { class: 'import-section-title', text: 'Correspondance des colonnes', attrs: { id: `${prefix}-mapping-title` } }),
    caption,
    el('div', { class: 'table-frame' }, [
      el('table', { class: 'data-table import-mapping-table' }, [
        el('thead', {}, [el('tr', {}, [el('th', { text: 'Colonne du fichier' }), el('th', { text: 'Champ dans Ardoise' })])]),
        body,
      ]),
    ]),
  ]);

  /** @param {ImportMappingState} state */
  function update(state) {
    mapping = { header_row: state.mapping.header_row, columns: [...state.mapping.columns] };
    caption.textContent = `Ligne d’en-tête : ${mapping.header_row}. Corrigez un champ mal reconnu ; l’aperçu se met à jour et la correspondance est retenue pour les fichiers de même présentation.`;
    replace(body, state.headers.map((header, index) => {
      const select = el('select', { attrs: { id: `${prefix}-column-${index}`, 'data-column': index, 'aria-label': `Champ pour la colonne « ${header} »` } }, [
        el('option', { text: '— ne pas importer —', attrs: { value: '' } }),
        ...state.fields.map(([field, label]) => el('option', { text: label, attrs: { value: field } })),
      ]);
      select.value = mapping.columns[index] || '';
      select.addEventListener('change', () => {
        mapping.columns[index] = select.value === '' ? null : select.value;
        actions.onChange({ header_row: mapping.header_row, columns: [...mapping.columns] });
      });
      return el('tr', {}, [el('td', { class: 'import-mapping-header', text: header || `(colonne ${index + 1} sans titre)` }), el('td', {}, [select])]);
    }));
  }

  return { element, update };
}
