// @ts-check
/**
 * The history of imports (file, date, SHA-256, counts) with « Annuler le dernier import », which asks
 * for a second click before undoing.
 */

import { el, replace } from './dom.js';
import { formatStamp } from './format.js';
import { emptyRow } from './tables.js';

/** @typedef {import('./api.js').ImportRecord} ImportRecord */

/**
 * @typedef {object} ImportHistoryView
 * @property {HTMLElement} element
 * @property {(imports: ImportRecord[]) => void} update
 */

/**
 * @param {{ onUndo: () => Promise<void> }} actions
 * @returns {ImportHistoryView}
 */
export function ImportHistory(actions) {
  let armed = false;
  /** @type {ImportRecord | null} */
  let last = null;
  const body = el('tbody', { attrs: { id: 'import-history' } });
  const undo = el('button', { class: 'button button--danger', text: 'Annuler le dernier import', attrs: { type: 'button', id: 'import-undo' } });
  const element = el('section', { class: 'import-history', attrs: { 'aria-labelledby': 'import-history-title' } }, [
    el('div', { class: 'import-history-header' }, [
      el('h2', { class: 'import-section-title', text: 'Historique des imports', attrs: { id: 'import-history-title' } }),
      undo,
    ]),
    el('div', { class: 'table-frame' }, [el('table', { class: 'data-table' }, [
      el('thead', {}, [el('tr', {}, ['N°', 'Fichier', 'Date', 'Nouvelles', 'Mises à jour', 'Inchangées', 'Refusées', 'SHA-256', 'État']
        .map((t) => el('th', { text: t })))]),
      body,
    ])]),
  ]);

  undo.addEventListener('click', async () => {
    if (!last) {
      return;
    }
    if (!armed) {
      armed = true;
      undo.textContent = `Confirmer l’annulation de l’import n° ${last.id} (« ${last.file_name} »)`;
      return;
    }
    undo.disabled = true;
    try {
      await actions.onUndo();
    } finally {
      undo.disabled = false;
    }
  });

  /** @param {ImportRecord[]} imports */
  function update(imports) {
    armed = false;
    last = imports.find((record) => !record.undone_at) || null;
    undo.textContent = 'Annuler le dernier import';
    undo.hidden = last === null;
    replace(body, imports.length === 0 ? [emptyRow(9, 'Aucun import pour l’instant.')] : imports.map((record) => el('tr', { attrs: { 'data-import-id': record.id } }, [
      el('td', { class: 'number', text: String(record.id) }),
      el('td', { text: record.file_name }),
      el('td', { text: formatStamp(record.imported_at) }),
      el('td', { class: 'number', text: String(record.new) }),
      el('td', { class: 'number', text: String(record.updated) }),
      el('td', { class: 'number', text: String(record.unchanged) }),
      el('td', { class: 'number', text: String(record.rejected) }),
      el('td', {}, [el('code', { class: 'import-sha', text: record.sha256.slice(0, 12), attrs: { title: record.sha256 } })]),
      el('td', { text: record.undone_at ? `Annulé le ${formatStamp(record.undone_at)}` : 'Appliqué' }),
    ])));
  }

  return { element, update };
}
