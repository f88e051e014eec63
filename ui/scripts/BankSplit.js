// @ts-check
/**
 * The correction of one bank credit: the invoices it pays, typed by number, with the part each gets.
 * One credit may be split over several invoices, of one client or several. The core reads every number
 * and amount as typed and answers with the client and what each invoice still owes, what is left of the
 * credit and what stops the split; « Appliquer » is open only when nothing does. Nothing is written
 * here: the page sends the split with « Confirmer ».
 */

import * as api from './api.js';
import { el, replace } from './dom.js';
import { amountToInput, formatMoney } from './format.js';
import { columnHeader } from './tables.js';

/** @typedef {import('./api.js').BankCredit} BankCredit */
/** @typedef {import('./api.js').BankPartText} BankPartText */
/** @typedef {import('./api.js').CreditSplitView} CreditSplitView */

/** How long typing may rest before the split is read again, in milliseconds. */
const READ_DELAY = 250;

/**
 * @typedef {object} BankSplitView
 * @property {HTMLElement} element
 * @property {(credit: BankCredit, parts: BankPartText[]) => void} edit starts editing a credit from these parts
 */

/**
 * @param {{ onApply: (line: number, parts: BankPartText[], view: CreditSplitView) => void, onCancel: () => void,
 *   onFail: (failure: unknown) => void }} actions
 * @returns {BankSplitView}
 */
export function BankSplit(actions) {
  /** @type {BankCredit | null} */
  let credit = null;
  /** @type {BankPartText[]} */
  let parts = [];
  /** @type {CreditSplitView | null} */
  let last = null;
  let asked = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;

  const title = el('p', { class: 'bank-split-title' });
  const body = el('tbody', { attrs: { id: 'bank-split-parts' } });
  const add = el('button', { class: 'button button--small', text: 'Ajouter une facture', attrs: { type: 'button', id: 'bank-split-add' } });
  const summary = el('p', { class: 'bank-split-summary', attrs: { id: 'bank-split-summary', 'aria-live': 'polite' } });
  const problems = el('ul', { class: 'bank-split-problems', attrs: { id: 'bank-split-problems' } });
  const apply = el('button', { class: 'button button--primary button--small', text: 'Appliquer', attrs: { type: 'button', id: 'bank-split-apply' } });
  const cancel = el('button', { class: 'button button--small', text: 'Annuler', attrs: { type: 'button', id: 'bank-split-cancel' } });
  const element = el('div', { class: 'bank-split', attrs: { id: 'bank-split' } }, [
    title,
    el('table', { class: 'data-table bank-split-table' }, [
      el('thead', {}, [el('tr', {}, [
        columnHeader('N° de facture'), columnHeader('Client'), columnHeader('Reste dû', 'amount'),
        columnHeader('Part du crédit', 'amount'), el('th', { attrs: { scope: 'col' } }),
      ])]),
      body,
    ]),
    add,
    summary,
    problems,
    el('div', { class: 'button-row' }, [apply, cancel]),
  ]);

  add.addEventListener('click', () => {
    parts.push({ invoice: '', amount: '' });
    draw();
    const inputs = body.querySelectorAll('input[data-part="invoice"]');
    const input = /** @type {HTMLInputElement | undefined} */ (inputs[inputs.length - 1]);
    if (input) {
      input.focus();
    }
  });
  apply.addEventListener('click', () => {
    if (credit && last && last.problems.length === 0) {
      actions.onApply(credit.line, parts.map((part) => ({ ...part })), last);
    }
  });
  cancel.addEventListener('click', () => actions.onCancel());

  /** The rows of the parts as typed; the core's answer fills their client and what they owe. */
  function draw() {
    replace(body, parts.map((part, index) => {
      const invoice = el('input', { class: 'bank-split-invoice', attrs: { name: `invoice-${index}`, 'data-part': 'invoice', 'aria-label': `Facture ${index + 1}`, autocomplete: 'off', value: part.invoice } });
      const amount = el('input', { class: 'bank-split-amount', attrs: { name: `amount-${index}`, 'data-part': 'amount', inputmode: 'decimal', 'aria-label': `Part de la facture ${index + 1}`, value: part.amount } });
      invoice.value = part.invoice;
      amount.value = part.amount;
      invoice.addEventListener('input', () => { parts[index].invoice = invoice.value; later(); });
      amount.addEventListener('input', () => { parts[index].amount = amount.value; later(); });
      const remove = el('button', { class: 'button button--link', text: 'Retirer', attrs: { type: 'button', 'aria-label': `Retirer la facture ${index + 1}` } });
      remove.addEventListener('click', () => {
        parts.splice(index, 1);
        draw();
        read();
      });
      return el('tr', { attrs: { 'data-part-index': index } }, [
        el('td', {}, [invoice]),
        el('td', { class: 'bank-split-client' }),
        el('td', { class: 'amount bank-split-remaining' }),
        el('td', { class: 'amount' }, [amount]),
        el('td', {}, [remove]),
      ]);
    }));
  }

  function later() {
    clearTimeout(timer);
    apply.disabled = true;
    timer = setTimeout(read, READ_DELAY);
  }

  /** Asks the core to read the split as it stands; a slower answer never replaces a newer one. */
  async function read() {
    if (!credit) {
      return;
    }
    asked += 1;
    const mine = asked;
    apply.disabled = true;
    try {
      const view = await api.bankSplit({ amount: credit.amount, parts });
      if (mine === asked) {
        show(view);
      }
    } catch (failure) {
      if (mine === asked) {
        actions.onFail(failure);
      }
    }
  }

  /** @param {CreditSplitView} view */
  function show(view) {
    last = view;
    const rows = body.querySelectorAll('tr[data-part-index]');
    view.rows.forEach((row, index) => {
      const tr = rows[index];
      if (!tr) {
        return;
      }
      const cells = tr.querySelectorAll('td');
      cells[1].textContent = row.client_name || (row.problem ? row.problem : '');
      cells[1].classList.toggle('bank-split-unknown', !row.client_name);
      cells[2].textContent = row.remaining === null ? '' : formatMoney(row.remaining);
    });
    const rest = view.rest.startsWith('-') ? `dépassement de ${formatMoney(view.rest.slice(1))}` : `reste ${formatMoney(view.rest)}`;
    const favour = !view.rest.startsWith('-') && view.rest !== '0.00' && view.clients.length === 1
      ? ` (en avoir de ${view.clients[0].name})` : '';
    summary.textContent = `Affecté : ${formatMoney(view.allocated)} sur ${formatMoney(view.amount)} · ${rest}${favour}`;
    replace(problems, view.problems.map((problem) => el('li', { text: problem })));
    apply.disabled = view.problems.length > 0;
  }

  /**
   * @param {BankCredit} edited
   * @param {BankPartText[]} start
   */
  function edit(edited, start) {
    credit = edited;
    parts = start.length > 0 ? start.map((part) => ({ ...part })) : [{ invoice: '', amount: amountToInput(edited.amount) }];
    last = null;
    title.textContent = `Ligne ${edited.line} : répartir ${formatMoney(edited.amount)} entre les factures qu’il règle (une ou plusieurs, d’un ou de plusieurs clients).`;
    summary.textContent = '';
    replace(problems, []);
    draw();
    read();
  }

  return { element, edit };
}
