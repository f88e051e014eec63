// @ts-check
/**
 * The preview of an import: how many rows are new, updated, unchanged or refused, what became of each
 * file of a batch of e-invoices (its format, its invoice, whether its PDF is kept as the invoice's
 * document, why it was refused), the clients that will be created (with the kind guessed), every row
 * with its state and, for an updated invoice, each change as before → after, every refused row with
 * its reason, the values left out of a client (a SIRET with a wrong key, a malformed e-mail…: the invoice
 * is imported all the same), and the date the payments the file does not date will take, which the user
 * may change.
 */

import { el, replace } from './dom.js';
import { dateToInput, formatDate, formatMoney } from './format.js';
import { titleOf } from './labels.js';
import { emptyRow } from './tables.js';

/** @typedef {import('./api.js').ImportPreview} ImportPreview */
/** @typedef {import('./api.js').PlannedRow} PlannedRow */
/** @typedef {import('./api.js').PlannedFile} PlannedFile */

/**
 * @typedef {object} ImportPreviewView
 * @property {HTMLElement} element
 * @property {(preview: ImportPreview) => void} update
 */

/**
 * @param {{ onPaymentDate: (typed: string) => void }} actions
 * @returns {ImportPreviewView}
 */
export function ImportPreview(actions) {
  /** @param {string} id @param {string} label */
  const count = (id, label) => {
    const value = el('strong', { class: 'import-count-value', attrs: { id } });
    return { value, item: el('div', { class: `import-count import-count--${id.replace('import-count-', '')}` }, [value, el('span', { text: label })]) };
  };
  const counts = [
    count('import-count-new', 'nouvelles'),
    count('import-count-updated', 'mises à jour'),
    count('import-count-unchanged', 'inchangées'),
    count('import-count-rejected', 'refusées'),
  ];
  const skipped = el('p', { class: 'import-skipped' });
  // The date of the payments the file does not date (« Payé » without a payment-date column).
  const paymentText = el('p', { class: 'import-payment-date-text', attrs: { id: 'import-payment-date-text' } });
  const paymentInput = el('input', {
    attrs: { type: 'text', id: 'import-payment-date', inputmode: 'numeric', placeholder: 'JJ/MM/AAAA', 'aria-label': 'Date des règlements non datés' },
  });
  const paymentApply = el('button', { class: 'button button--small', text: 'Dater ainsi', attrs: { type: 'button', id: 'import-payment-date-apply' } });
  const paymentForm = el('div', { class: 'toolbar-field import-payment-date-form' }, [paymentInput, paymentApply]);
  const payments = el('div', { class: 'import-payments', attrs: { id: 'import-payments', hidden: true } }, [paymentText, paymentForm]);
  paymentApply.addEventListener('click', () => actions.onPaymentDate(paymentInput.value));
  paymentInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      actions.onPaymentDate(paymentInput.value);
    }
  });
  const warningsNote = el('p', { class: 'import-rows-note' });
  const warnings = el('tbody', { attrs: { id: 'import-warnings' } });
  const warningsSection = el('section', { class: 'import-warnings', attrs: { hidden: true } }, [
    el('h3', { class: 'import-subtitle', text: 'Valeurs laissées de côté' }),
    el('p', {
      class: 'import-rows-note',
      text: 'Ces valeurs ne sont pas enregistrées, mais leurs factures sont bien importées : corrigez ensuite la fiche du client.',
    }),
    el('div', { class: 'table-frame' }, [el('table', { class: 'data-table' }, [
      el('thead', {}, [el('tr', {}, ['Ligne', 'Client', 'Colonne', 'Valeur lue', 'Raison'].map((t) => el('th', { text: t })))]),
      warnings,
    ])]),
    warningsNote,
  ]);
  const clients = el('div', { class: 'import-new-clients', attrs: { id: 'import-new-clients' } });
  const rowsNote = el('p', { class: 'import-rows-note' });
  const rows = el('tbody', { attrs: { id: 'import-rows' } });
  const rejectedNote = el('p', { class: 'import-rows-note' });
  const rejected = el('tbody', { attrs: { id: 'import-rejected' } });
  const filesNote = el('p', { class: 'import-rows-note' });
  const files = el('tbody', { attrs: { id: 'import-files' } });
  const filesSection = el('section', { class: 'import-files', attrs: { hidden: true } }, [
    el('h3', { class: 'import-subtitle', text: 'Fichiers' }),
    el('div', { class: 'table-frame' }, [el('table', { class: 'data-table' }, [
      el('thead', {}, [el('tr', {}, ['Ligne', 'Fichier', 'Format', 'Facture', 'État', 'PDF gardé', 'Raison'].map((t) => el('th', { text: t })))]),
      files,
    ])]),
    filesNote,
  ]);
  const rejectedSection = el('section', { class: 'import-rejected' }, [
    el('h3', { class: 'import-subtitle', text: 'Lignes refusées' }),
    el('div', { class: 'table-frame' }, [el('table', { class: 'data-table' }, [
      el('thead', {}, [el('tr', {}, ['Ligne', 'Colonne', 'Valeur lue', 'Raison'].map((t) => el('th', { text: t })))]),
      rejected,
    ])]),
    rejectedNote,
  ]);
  const element = el('section', { class: 'import-preview', attrs: { id: 'import-preview', 'aria-labelledby': 'import-preview-title' } }, [
    el('h2', { class: 'import-section-title', text: 'Aperçu', attrs: { id: 'import-preview-title' } }),
    el('div', { class: 'import-counts', attrs: { 'aria-live': 'polite' } }, counts.map((c) => c.item)),
    skipped,
    payments,
    filesSection,
    clients,
    warningsSection,
    rejectedSection,
    el('h3', { class: 'import-subtitle', text: 'Factures' }),
    el('div', { class: 'table-frame' }, [el('table', { class: 'data-table import-rows-table' }, [
      el('thead', {}, [el('tr', {}, ['Ligne', 'État', 'N°', 'Client', 'Date', 'Échéance', 'Montant', 'Changements'].map((t) => el('th', { text: t })))]),
      rows,
    ])]),
    rowsNote,
  ]);

  /** @param {ImportPreview} preview */
  function update(preview) {
    counts[0].value.textContent = String(preview.new);
    counts[1].value.textContent = String(preview.updated);
    counts[2].value.textContent = String(preview.unchanged);
    counts[3].value.textContent = String(preview.rejected_rows);
    const eInvoices = preview.files.some((file) => file.status !== 'read');
    skipped.textContent = preview.skipped === 0 ? '' : eInvoices
      ? `${preview.skipped} fichier(s) en double (la même facture qu’un autre fichier) passé(s).`
      : `${preview.skipped} ligne(s) vide(s), de total ou d’en-tête répété ignorée(s).`;
    filesSection.hidden = !eInvoices;
    replace(files, eInvoices ? preview.files.map(fileRow) : []);
    filesNote.textContent = preview.files_total > preview.files.length
      ? `${preview.files.length} premiers fichiers sur ${preview.files_total}.` : '';
    if (preview.new_clients.length === 0) {
      replace(clients, []);
    } else {
      replace(clients, [
        el('h3', { class: 'import-subtitle', text: `Clients à créer (${preview.new_clients.length})` }),
        el('ul', { class: 'import-client-list' }, preview.new_clients.map((client) => el('li', {}, [
          el('span', { text: client.name }),
          el('span', { class: 'badge badge--neutral', text: titleOf('client_kinds', client.fields.kind) }),
        ]))),
      ]);
    }
    const undated = preview.undated_payments;
    const column = preview.payment_date_column;
    payments.hidden = undated === 0 && !column;
    paymentForm.hidden = undated === 0;
    paymentText.textContent = [
      column ? `Les règlements sont datés par la colonne « ${column} ».` : '',
      undated > 0
        ? `${undated} règlement${undated > 1 ? 's' : ''} que le fichier ne date pas ${undated > 1 ? 'seront datés' : 'sera daté'} du `
          + `${formatDate(preview.payment_date)} (jamais avant l’émission de sa facture). Si vous l’avez reçu à une autre date, indiquez-la :`
        : '',
    ].filter(Boolean).join(' ');
    paymentText.dataset.value = preview.payment_date;
    if (document.activeElement !== paymentInput) {
      paymentInput.value = dateToInput(preview.payment_date);
    }
    warningsSection.hidden = preview.warnings.length === 0;
    replace(warnings, preview.warnings.map((warning) => el('tr', { attrs: { 'data-row': warning.row } }, [
      el('td', { class: 'number', text: String(warning.row) }),
      el('td', { text: warning.client }),
      el('td', { text: warning.column }),
      el('td', { class: 'import-value', text: warning.value }),
      el('td', { text: warning.message }),
    ])));
    warningsNote.textContent = preview.warnings_total > preview.warnings.length
      ? `${preview.warnings.length} premières valeurs sur ${preview.warnings_total}.` : '';
    rejectedSection.hidden = preview.rejected.length === 0;
    replace(rejected, preview.rejected.map((problem) => el('tr', { attrs: { 'data-row': problem.row } }, [
      el('td', { class: 'number', text: String(problem.row) }),
      el('td', { text: problem.column }),
      el('td', { class: 'import-value', text: problem.value }),
      el('td', { text: problem.message }),
    ])));
    rejectedNote.textContent = preview.rejected_total > preview.rejected.length
      ? `${preview.rejected.length} premières raisons sur ${preview.rejected_total}.` : '';
    replace(rows, preview.rows.length === 0 ? [emptyRow(8, 'Aucune facture à importer.')] : preview.rows.map(row));
    rowsNote.textContent = preview.rows_total > preview.rows.length
      ? `${preview.rows.length} premières lignes sur ${preview.rows_total} (les mises à jour d’abord).` : '';
  }

  return { element, update };
}

/**
 * @param {PlannedFile} file
 * @returns {HTMLTableRowElement}
 */
function fileRow(file) {
  const invoice = file.number ? `${file.credit_note ? 'avoir' : 'facture'} ${file.number}` : '—';
  return el('tr', { attrs: { 'data-row': file.row, 'data-file-status': file.status, 'data-file': file.file_name } }, [
    el('td', { class: 'number', text: String(file.row) }),
    el('td', { class: 'import-value', text: file.file_name }),
    el('td', { text: file.format || '—' }),
    el('td', { text: invoice }),
    el('td', {}, [el('span', { class: `badge badge--file-${file.status}`, text: titleOf('import_file_statuses', file.status) })]),
    el('td', { text: file.document ? 'oui' : '' }),
    el('td', { text: file.messages.join(' ') }),
  ]);
}

/**
 * @param {PlannedRow} planned
 * @returns {HTMLTableRowElement}
 */
function row(planned) {
  const changes = planned.changes.map((change) => el('li', { text: `${change.label} : ${change.before || '—'} → ${change.after}` }));
  // What the import inferred and the user should know before confirming (a due date from the terms…).
  changes.push(...planned.notes.map((note) => el('li', { class: 'import-note', text: note })));
  return el('tr', { attrs: { 'data-row': planned.row, 'data-status': planned.status } }, [
    el('td', { class: 'number', text: String(planned.row) }),
    el('td', {}, [el('span', { class: `badge badge--import-${planned.status}`, text: titleOf('import_row_statuses', planned.status) })]),
    el('td', { text: planned.number }),
    el('td', { text: planned.client_name }),
    el('td', { text: formatDate(planned.issue_date) }),
    el('td', { text: formatDate(planned.due_date) }),
    el('td', { class: 'amount', text: formatMoney(planned.amount) }),
    el('td', {}, changes.length ? [el('ul', { class: 'import-changes' }, changes)] : []),
  ]);
}
