// @ts-check
/**
 * The credits of a bank statement, one row each: date, amount, label and payer, how sure the match is
 * and why, the invoices it pays (as matched, or as the user corrected them), and what to do with it —
 * record, leave out (never offered again), or later (offered again by the next import). « Corriger »
 * opens the split editor under the row. Rows are drawn once per preview and redrawn one at a time.
 */

import { el, replace } from './dom.js';
import { formatDate, formatMoney } from './format.js';
import { options, titleOf } from './labels.js';
import { columnHeader, emptyRow } from './tables.js';

/** @typedef {import('./api.js').BankCredit} BankCredit */
/** @typedef {import('./api.js').BankDecision} BankDecision */
/** @typedef {import('./api.js').BankPartText} BankPartText */

/**
 * An invoice as a row shows it: the match's, or the user's correction.
 * @typedef {object} ShownInvoice
 * @property {string} number
 * @property {string} client_name
 * @property {string} amount a decimal string
 */

/**
 * What the user decided for one credit.
 * @typedef {object} CreditChoice
 * @property {BankDecision} decision
 * @property {BankPartText[] | null} parts the correction as typed, null: as matched
 * @property {ShownInvoice[]} shown the invoices it pays
 */

/**
 * @typedef {object} BankCreditsView
 * @property {HTMLElement} element
 * @property {(credits: BankCredit[], choices: Map<number, CreditChoice>) => void} update draws every row
 * @property {(credit: BankCredit, choice: CreditChoice) => void} refresh redraws one row
 * @property {(line: number | null, editor: HTMLElement) => void} placeEditor puts the editor under a row, or hides it
 */

/**
 * @param {{ onDecision: (line: number, decision: BankDecision) => void, onCorrect: (line: number) => void }} actions
 * @returns {BankCreditsView}
 */
export function BankCredits(actions) {
  const body = el('tbody', { attrs: { id: 'bank-credits' } });
  const editorRow = el('tr', { class: 'bank-split-row', attrs: { hidden: true } }, [el('td', { attrs: { colspan: 7 } })]);
  const element = el('div', { class: 'table-frame' }, [el('table', { class: 'data-table bank-credits-table' }, [
    el('thead', {}, [el('tr', {}, [
      columnHeader('Ligne', 'number'), columnHeader('Date', 'date'), columnHeader('Montant', 'amount'),
      columnHeader('Libellé'), columnHeader('Rapprochement'), columnHeader('Factures réglées'), columnHeader('Décision'),
    ])]),
    body,
  ])]);
  /** @type {Map<number, HTMLTableRowElement>} */
  const rows = new Map();
  /** A statement of several accounts names each credit's. */
  let severalAccounts = false;

  body.addEventListener('change', (event) => {
    const select = /** @type {HTMLElement} */ (event.target);
    if (select instanceof HTMLSelectElement && select.dataset.line) {
      actions.onDecision(Number(select.dataset.line), /** @type {BankDecision} */ (select.value));
    }
  });
  body.addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('button.bank-correct');
    if (button instanceof HTMLButtonElement) {
      actions.onCorrect(Number(button.dataset.line));
    }
  });

  /**
   * @param {BankCredit[]} credits
   * @param {Map<number, CreditChoice>} choices
   */
  function update(credits, choices) {
    rows.clear();
    editorRow.hidden = true;
    severalAccounts = new Set(credits.map((credit) => credit.account).filter(Boolean)).size > 1;
    if (credits.length === 0) {
      replace(body, [emptyRow(7, 'Aucun crédit à rapprocher : les lignes de ce relevé sont des débits, des opérations en attente ou déjà importées.')]);
      return;
    }
    replace(body, credits.map((credit) => {
      const row = draw(credit, /** @type {CreditChoice} */ (choices.get(credit.line)), severalAccounts);
      rows.set(credit.line, row);
      return row;
    }));
  }

  /**
   * @param {BankCredit} credit
   * @param {CreditChoice} choice
   */
  function refresh(credit, choice) {
    const old = rows.get(credit.line);
    if (!old) {
      return;
    }
    const row = draw(credit, choice, severalAccounts);
    old.replaceWith(row);
    rows.set(credit.line, row);
  }

  /**
   * @param {number | null} line
   * @param {HTMLElement} editor
   */
  function placeEditor(line, editor) {
    const row = line === null ? undefined : rows.get(line);
    if (!row) {
      editorRow.hidden = true;
      editorRow.remove();
      return;
    }
    replace(/** @type {HTMLElement} */ (editorRow.firstChild), [editor]);
    row.after(editorRow);
    editorRow.hidden = false;
  }

  return { element, update, refresh, placeEditor };
}

/**
 * @param {BankCredit} credit
 * @param {CreditChoice} choice
 * @param {boolean} severalAccounts the statement holds several accounts: the row names its own
 * @returns {HTMLTableRowElement}
 */
function draw(credit, choice, severalAccounts) {
  const payer = [credit.counterparty_name, credit.counterparty_iban].filter(Boolean).join(' · ');
  const corrected = choice.parts !== null;
  const select = el('select', { attrs: { id: `bank-decision-${credit.line}`, 'data-line': credit.line, 'aria-label': `Décision pour la ligne ${credit.line}` } },
    options('bank_decisions').map(([value, label]) => el('option', {
      text: label,
      attrs: { value, disabled: value === 'record' && choice.shown.length === 0 },
    })));
  select.value = choice.decision;
  const invoices = choice.shown.length === 0
    ? [el('span', { class: 'bank-none', text: 'Aucune facture' })]
    : [el('ul', { class: 'bank-invoices' }, choice.shown.map((invoice) => el('li', { attrs: { 'data-invoice': invoice.number } }, [
      el('strong', { text: invoice.number }), ` ${invoice.client_name} — `, el('span', { class: 'bank-part', text: formatMoney(invoice.amount) }),
    ])))];
  const unallocated = !corrected && credit.invoices.length > 0 && credit.unallocated !== '0.00' && credit.unallocated !== '0'
    ? el('p', { class: 'bank-note', text: `dont ${formatMoney(credit.unallocated)} en avoir du client` }) : null;
  return el('tr', {
    class: `bank-credit bank-credit--${choice.decision}`,
    attrs: { 'data-line': credit.line, 'data-confidence': credit.confidence, 'data-decision': choice.decision, 'data-corrected': corrected ? 'true' : null },
  }, [
    el('td', { class: 'number', text: String(credit.line) }),
    el('td', { class: 'date', text: formatDate(credit.date) }),
    el('td', { class: 'amount', text: formatMoney(credit.amount) }),
    el('td', { class: 'bank-label' }, [
      el('span', { text: credit.label }),
      credit.details ? el('span', { class: 'bank-details', text: credit.details }) : null,
      payer ? el('span', { class: 'bank-payer', text: payer }) : null,
      severalAccounts && credit.account ? el('span', { class: 'bank-account', text: `Compte ${credit.account}` }) : null,
    ]),
    el('td', { class: 'bank-match' }, [
      el('span', { class: `badge badge--confidence-${credit.confidence}`, text: titleOf('confidences', credit.confidence) }),
      corrected ? el('span', { class: 'badge badge--neutral', text: 'Corrigé' }) : null,
      el('ul', { class: 'bank-reasons' }, credit.reasons.map((reason) => el('li', { text: reason }))),
      credit.possible_duplicate ? el('p', { class: 'bank-warning', text: `Doublon possible : ${credit.possible_duplicate}` }) : null,
    ]),
    el('td', { class: 'bank-invoices-cell' }, [...invoices, unallocated]),
    el('td', { class: 'bank-decision' }, [
      select,
      el('button', { class: 'button button--small bank-correct', text: corrected ? 'Modifier' : 'Corriger', attrs: { type: 'button', 'data-line': credit.line, id: `bank-correct-${credit.line}` } }),
      el('span', { class: 'field-error', attrs: { 'data-error-for': `line-${credit.line}`, 'aria-live': 'polite' } }),
    ]),
  ]);
}
