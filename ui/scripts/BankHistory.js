// @ts-check
/**
 * The statements imported (file, format, period, payments recorded, lines left out or set aside) with
 * « Annuler le dernier relevé », which asks for a second click before undoing.
 */

import { el, replace } from './dom.js';
import { formatDate, formatMoney, formatStamp } from './format.js';
import { emptyRow } from './tables.js';

/** @typedef {import('./api.js').BankImportRecord} BankImportRecord */

/**
 * @typedef {object} BankHistoryView
 * @property {HTMLElement} element
 * @property {(imports: BankImportRecord[]) => void} update
 */

/**
 * @param {{ onUndo: () => Promise<void> }} actions
 * @returns {BankHistoryView}
 */
export function BankHistory(actions) {
  let armed = false;
  /** @type {BankImportRecord | null} */
  let last = null;
  const body = el('tbody', { attrs: { id: 'bank-history' } });
  const undo = el('button', { class: 'button button--danger', text: 'Annuler le dernier relevé', attrs: { type: 'button', id: 'bank-undo' } });
  const element = el('section', { class: 'bank-history', attrs: { 'aria-labelledby': 'bank-history-title' } }, [
    el('div', { class: 'import-history-header' }, [
      el('h2', { class: 'import-section-title', text: 'Relevés importés', attrs: { id: 'bank-history-title' } }),
      undo,
    ]),
    el('div', { class: 'table-frame' }, [el('table', { class: 'data-table' }, [
      el('thead', {}, [el('tr', {}, ['N°', 'Fichier', 'Format', 'Période', 'Règlements', 'Montant', 'Laissés de côté', 'Écartées', 'État']
        .map((t) => el('th', { text: t, attrs: { scope: 'col' } })))]),
      body,
    ])]),
  ]);

  undo.addEventListener('click', async () => {
    if (!last) {
      return;
    }
    if (!armed) {
      armed = true;
      undo.textContent = `Confirmer l’annulation du relevé n° ${last.id} (« ${last.file_name} »)`;
      return;
    }
    undo.disabled = true;
    try {
      await actions.onUndo();
    } finally {
      undo.disabled = false;
    }
  });

  /** @param {BankImportRecord[]} imports */
  function update(imports) {
    armed = false;
    last = imports.find((record) => !record.undone_at) || null;
    undo.textContent = 'Annuler le dernier relevé';
    undo.hidden = last === null;
    replace(body, imports.length === 0 ? [emptyRow(9, 'Aucun relevé importé pour l’instant.')] : imports.map((record) => el('tr', { attrs: { 'data-bank-import-id': record.id } }, [
      el('td', { class: 'number', text: String(record.id) }),
      el('td', { text: record.file_name, attrs: { title: `SHA-256 ${record.sha256}` } }),
      el('td', { text: record.layout ? `${record.format_label} (${record.layout})` : record.format_label }),
      el('td', { text: record.first_date && record.last_date ? `${formatDate(record.first_date)} – ${formatDate(record.last_date)}` : '—' }),
      el('td', { class: 'number', text: String(record.payments) }),
      el('td', { class: 'amount', text: formatMoney(record.amount) }),
      el('td', { class: 'number', text: String(record.left_out) }),
      el('td', { class: 'number', text: String(record.set_aside) }),
      el('td', { text: record.undone_at ? `Annulé le ${formatStamp(record.undone_at)}` : 'Enregistré' }),
    ])));
  }

  return { element, update };
}
