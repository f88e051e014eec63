// @ts-check
/**
 * The « Importer » page: choose files or a folder (native dialogs, or drop them on the window); a
 * spreadsheet shows the sheet of a workbook and the mapping of columns to correct, e-invoices (Factur-X,
 * CII, UBL, told from their bytes) show what became of each file; read the preview, confirm; below, the
 * history of imports with « Annuler le dernier import ». Long reads show a progress bar; the work runs in
 * the core, off the window's thread.
 */

import * as api from './api.js';
import { el, replace } from './dom.js';
import { ImportHistory } from './ImportHistory.js';
import { ImportMapping } from './ImportMapping.js';
import { ImportPreview } from './ImportPreview.js';
import { clearRefusal, showRefusal } from './refusal.js';

/** @typedef {import('./api.js').ColumnMapping} ColumnMapping */
/** @typedef {import('./api.js').ImportPreview} Preview */
/** @typedef {import('./api.js').ImportProgress} ImportProgress */
/** @typedef {import('./api.js').ImportRecord} ImportRecord */

/**
 * @param {import('./App.js').PageContext} _context
 * @returns {import('./App.js').Page}
 */
export function ImportPage(_context) {
  /** The files being previewed, the sheet of a workbook and the plan shown. */
  /** @type {{ paths: string[], sheet: string | null, preview: Preview } | null} */
  let current = null;
  /** Increases with every preview asked, so that a slow answer never replaces a newer one. */
  let request = 0;
  /** The date typed for the payments the files do not date; null: today. */
  /** @type {string | null} */
  let paymentDate = null;

  const pick = el('button', { class: 'button button--primary', text: 'Choisir des fichiers…', attrs: { type: 'button', id: 'import-pick' } });
  const pickFolder = el('button', { class: 'button', text: 'Choisir un dossier…', attrs: { type: 'button', id: 'import-pick-folder' } });
  const fileLine = el('p', { class: 'import-file', attrs: { id: 'import-file' } });
  const progress = el('progress', { attrs: { id: 'import-progress', max: 100, value: 0 } });
  const progressLabel = el('span', { class: 'import-progress-label' });
  const progressBox = el('div', { class: 'import-progress', attrs: { hidden: true, role: 'status' } }, [progress, progressLabel]);
  const error = el('div', { class: 'form-error', attrs: { id: 'import-error', role: 'alert', hidden: true } });
  const result = el('p', { class: 'form-success', attrs: { id: 'import-result', role: 'status', hidden: true } });
  const sheet = el('select', { attrs: { id: 'import-sheet' } });
  const sheetField = el('div', { class: 'toolbar-field', attrs: { hidden: true } }, [
    el('label', { text: 'Feuille du classeur', attrs: { for: 'import-sheet' } }), sheet,
  ]);
  const mapping = ImportMapping({ onChange: (edited) => current && load(current.paths, current.sheet, edited) });
  const preview = ImportPreview({ onPaymentDate: datePayments });
  const confirm = el('button', { class: 'button button--primary button--large', text: 'Confirmer l’import', attrs: { type: 'button', id: 'import-confirm' } });
  const abandon = el('button', { class: 'button', text: 'Abandonner', attrs: { type: 'button', id: 'import-cancel' } });
  const previewBox = el('div', { class: 'import-work', attrs: { hidden: true } }, [
    sheetField, preview.element, mapping.element, el('div', { class: 'button-row' }, [confirm, abandon]),
  ]);
  const history = ImportHistory({ onUndo: undo });
  /** Where a file refused whole, or a failed step, is said. */
  const refusalPlace = { root: error, box: error };

  const element = el('section', { class: 'page import-page', attrs: { id: 'import-page' } }, [
    el('header', { class: 'page-header' }, [el('div', {}, [
      el('h1', { class: 'page-title', text: 'Importer des factures' }),
      el('p', {
        class: 'page-subtitle',
        text: 'Depuis un tableur (CSV, XLSX, XLS ou ODS) ou des factures électroniques (PDF Factur-X, XML CII ou UBL) : '
          + 'un fichier, plusieurs ou un dossier entier. Rien n’est enregistré avant « Confirmer ».',
      }),
    ])]),
    el('div', { class: 'panel import-source' }, [
      el('div', { class: 'button-row' }, [pick, pickFolder]),
      el('p', { class: 'import-drop-hint', text: 'ou déposez les fichiers ou le dossier n’importe où sur la fenêtre.' }),
      fileLine,
    ]),
    progressBox,
    error,
    result,
    previewBox,
    history.element,
  ]);

  pick.addEventListener('click', () => choose(api.importPickFile));
  pickFolder.addEventListener('click', () => choose(async () => {
    const folder = await api.importPickFolder();
    return folder ? [folder] : null;
  }));
  sheet.addEventListener('change', () => current && load(current.paths, sheet.value, null));
  abandon.addEventListener('click', () => {
    current = null;
    request += 1;
    previewBox.hidden = true;
    fileLine.textContent = '';
  });
  confirm.addEventListener('click', commit);

  /**
   * Asks a dialog for what to import, then previews it.
   * @param {() => Promise<string[] | null>} dialog
   */
  async function choose(dialog) {
    showError(null);
    try {
      const paths = await dialog();
      if (paths && paths.length > 0) {
        await openFiles(paths);
      }
    } catch (failure) {
      showError(failure);
    }
  }

  /**
   * The history, and the preview of files dropped on the window when there are some.
   * @param {{ paths?: string[] | null }} route
   */
  async function open({ paths = null }) {
    const imports = await api.importHistory();
    return () => {
      update(imports);
      if (paths && paths.length > 0) {
        openFiles(paths);
      }
    };
  }

  /**
   * Previews files, chosen or dropped.
   * @param {string[]} paths
   */
  async function openFiles(paths) {
    result.hidden = true;
    paymentDate = null;
    await load(paths, null, null);
  }

  /**
   * Previews again with the payments the file does not date on the day typed; a date refused leaves
   * the preview as it was, with the reason.
   * @param {string} typed
   */
  async function datePayments(typed) {
    if (!current) {
      return;
    }
    const before = current;
    const previous = paymentDate;
    paymentDate = typed.trim() === '' ? null : typed;
    if (!(await load(before.paths, before.sheet, before.preview.mapping))) {
      paymentDate = previous;
      current = before;
      show(before.preview);
    }
  }

  /**
   * @param {string[]} paths
   * @param {string | null} sheetName
   * @param {ColumnMapping | null} edited
   * @returns {Promise<boolean>} whether the preview was shown
   */
  async function load(paths, sheetName, edited) {
    request += 1;
    const mine = request;
    showError(null);
    showProgress({ percent: 0, label: 'Lecture du fichier…' });
    fileLine.textContent = paths.join(', ');
    try {
      const planned = await api.importPreview(paths, sheetName, edited, paymentDate, (p) => mine === request && showProgress(p));
      if (mine !== request) {
        return false;
      }
      current = { paths, sheet: planned.source.sheet, preview: planned };
      show(planned);
      return true;
    } catch (failure) {
      if (mine === request) {
        current = null;
        previewBox.hidden = true;
        showError(failure);
      }
      return false;
    } finally {
      if (mine === request) {
        showProgress(null);
      }
    }
  }

  /** @param {Preview} planned */
  function show(planned) {
    const files = planned.files_total > 1 ? ` (${planned.files_total} fichiers)` : '';
    fileLine.textContent = `${planned.source.file_name}${files} — SHA-256 ${planned.source.sha256.slice(0, 12)}…`;
    // E-invoices have no sheet and no columns to map.
    const eInvoices = planned.files.some((file) => file.status !== 'read');
    sheetField.hidden = eInvoices || planned.sheets.length < 2;
    replace(sheet, planned.sheets.map((name) => el('option', { text: name, attrs: { value: name } })));
    sheet.value = planned.source.sheet || '';
    mapping.element.hidden = eInvoices;
    mapping.update({ headers: planned.headers, mapping: planned.mapping, fields: planned.fields });
    preview.update(planned);
    const writes = planned.new + planned.updated;
    confirm.disabled = writes === 0;
    confirm.textContent = writes === 0 ? 'Rien à importer' : `Confirmer l’import (${writes} facture${writes > 1 ? 's' : ''})`;
    previewBox.hidden = false;
  }

  async function commit() {
    if (!current) {
      return;
    }
    const { paths, sheet: sheetName, preview: planned } = current;
    request += 1;
    const mine = request;
    confirm.disabled = true;
    showError(null);
    try {
      const report = await api.importCommit(paths, sheetName, planned.mapping, planned.source.sha256, paymentDate, (p) => showProgress(p));
      current = null;
      previewBox.hidden = true;
      fileLine.textContent = '';
      const kept = report.files.filter((file) => file.document && (file.status === 'new' || file.status === 'updated')).length;
      const documents = kept > 0 ? ` ${kept} PDF gardé(s) comme document de leur facture.` : '';
      result.textContent = report.import
        ? `Import n° ${report.import.id} enregistré : ${report.new} nouvelle(s), ${report.updated} mise(s) à jour, ${report.unchanged} inchangée(s), ${report.rejected_rows} refusée(s).${documents}`
        : report.rejected_rows > 0
          ? 'Rien à enregistrer : les lignes acceptées sont déjà à jour dans le registre, et les lignes refusées n\'y changent rien.'
          : 'Rien à enregistrer : le registre est déjà à jour pour ce fichier.';
      result.hidden = false;
      update(await api.importHistory());
    } catch (failure) {
      showError(failure);
      confirm.disabled = false;
    } finally {
      if (mine === request) {
        showProgress(null);
      }
    }
  }

  async function undo() {
    showError(null);
    try {
      const undone = await api.importUndo();
      result.textContent = `Import n° ${undone.id} (« ${undone.file_name} ») annulé : le registre est revenu à son état d’avant.`;
      result.hidden = false;
      update(await api.importHistory());
    } catch (failure) {
      showError(failure);
    }
  }

  /** @param {ImportProgress | null} state */
  function showProgress(state) {
    progressBox.hidden = state === null;
    if (state) {
      progress.value = state.percent;
      progressLabel.textContent = state.label;
    }
  }

  /** @param {unknown} failure the core's refusal, or null to clear it */
  function showError(failure) {
    if (failure === null) {
      clearRefusal(refusalPlace);
    } else {
      showRefusal(refusalPlace, failure);
    }
  }

  /** @param {ImportRecord[]} imports */
  function update(imports) {
    history.update(imports);
  }

  return { element, open };
}
