// @ts-check
/**
 * The « Livres » page, kept every month (F13): choose a period (last month, a quarter, a year, or any
 * days typed), read its livre des recettes — one line per receipt in date order, rejections as lines of
 * their own, totals by month and for the period, cash apart from the other means, goods apart from
 * services as the URSSAF declaration asks — and save it as PDF, CSV or XLSX; below, the accountant's
 * export of the same period (a workbook, or a ZIP of CSV files); last, the nature of the invoices that
 * say none (neither they nor their client). The core computes every figure; the page shows them, the
 * book's lines a hundred at a time (a large ledger's year has thousands; the files have them all).
 */

import * as api from './api.js';
import { el, replace } from './dom.js';
import { formatDate, formatMoney } from './format.js';
import { capitalise, options } from './labels.js';
import { Pager } from './pager.js';
import { clearRefusal, showRefusal } from './refusal.js';
import { columnHeader, emptyRow } from './tables.js';

/** @typedef {import('./api.js').BookLine} BookLine */
/** @typedef {import('./api.js').BookTotals} BookTotals */
/** @typedef {import('./api.js').PeriodText} PeriodText */
/** @typedef {import('./api.js').ReceiptsBook} ReceiptsBook */

/**
 * @param {import('./App.js').PageContext} context
 * @returns {import('./App.js').Page}
 */
export function BooksPage(context) {
  /** The lines of the book shown, of which the pager shows the first: a large ledger's year has thousands. */
  /** @type {BookLine[]} */
  let lines = [];
  const choice = el('select', { attrs: { id: 'books-period-choice', name: 'choice' } });
  const from = dateInput('books-period-from', 'from');
  const to = dateInput('books-period-to', 'to');
  const fromField = periodField('Du', from);
  const toField = periodField('Au', to);
  const show = el('button', { class: 'button button--primary', text: 'Afficher', attrs: { type: 'submit', id: 'books-show' } });
  const periodForm = el('form', { class: 'toolbar books-period', attrs: { id: 'books-period-form', novalidate: true } }, [
    el('div', { class: 'toolbar-field' }, [el('label', { text: 'Période', attrs: { for: 'books-period-choice' } }), choice]),
    fromField,
    toField,
    show,
  ]);
  const error = el('div', { class: 'form-error', attrs: { id: 'books-error', role: 'alert', hidden: true } });
  const done = el('p', { class: 'form-success', attrs: { id: 'books-status', role: 'status', hidden: true } });

  const title = el('h2', { class: 'panel-title', attrs: { id: 'books-title' } });
  const dates = el('p', { class: 'panel-note', attrs: { id: 'books-dates' } });
  const total = figure('books-total');
  const cash = figure('books-cash');
  const otherMeans = figure('books-other-means');
  /** Received by a means nobody gave: neither cash nor the other means, shown only when there is some. */
  const unspecified = figure('books-unspecified');
  const unspecifiedCard = card('dont mode non précisé', unspecified);
  const unspecifiedHeader = columnHeader('Mode non précisé', 'amount');
  const goods = figure('books-goods');
  const services = figure('books-services');
  const saveButtons = [
    saveButton('books-save-pdf', 'Enregistrer en PDF', 'pdf', true),
    saveButton('books-save-csv', 'Enregistrer en CSV', 'csv'),
    saveButton('books-save-xlsx', 'Enregistrer en XLSX', 'xlsx'),
  ];
  const lineBody = el('tbody');
  const linePager = Pager({ id: 'books-more', size: 100, left: (count) => `${count} restantes`, onMore: () => showLines() });
  const monthBody = el('tbody');
  const monthFoot = el('tfoot');
  const accountantButtons = [
    accountantButton('accountant-xlsx', 'Classeur XLSX (une feuille par liste)', 'xlsx', true),
    accountantButton('accountant-zip', 'Fichiers CSV (une archive ZIP)', 'csv_zip'),
  ];
  const accountantPeriod = el('p', { class: 'panel-note', attrs: { id: 'accountant-period' } });
  const defaultNature = el('select', { attrs: { id: 'books-default-nature', name: 'nature' } },
    options('natures').map(([value, text]) => el('option', { text, attrs: { value } })));
  const saveNature = el('button', { class: 'button', text: 'Enregistrer', attrs: { type: 'submit', id: 'books-nature-save' } });
  const natureSaved = el('p', { class: 'form-success', attrs: { id: 'books-nature-saved', role: 'status', hidden: true } });
  const natureForm = el('form', { class: 'toolbar books-nature-form', attrs: { id: 'books-nature-form' } }, [
    el('div', { class: 'toolbar-field' }, [el('label', { text: 'Nature', attrs: { for: 'books-default-nature' } }), defaultNature]),
    saveNature,
  ]);

  const element = el('section', { class: 'page books-page', attrs: { id: 'books-page', 'data-from': '', 'data-to': '' } }, [
    el('header', { class: 'page-header' }, [
      el('div', {}, [
        el('h1', { class: 'page-title', text: 'Livres' }),
        el('p', { class: 'page-subtitle', text: 'Le livre des recettes de chaque mois et l’export pour votre comptable.' }),
      ]),
    ]),
    el('div', { class: 'panel' }, [periodForm]),
    error,
    done,
    el('section', { class: 'panel books-receipts', attrs: { 'aria-labelledby': 'books-title' } }, [
      el('div', { class: 'books-panel-header' }, [
        el('div', {}, [title, dates]),
        el('div', { class: 'button-row' }, saveButtons),
      ]),
      el('div', { class: 'figure-grid figure-grid--compact books-figures' }, [
        card('Encaissé', total),
        card('dont espèces', cash),
        card('dont autres moyens', otherMeans),
        unspecifiedCard,
        card('Ventes de marchandises', goods),
        card('Prestations de services', services),
      ]),
      el('div', { class: 'table-frame' }, [
        el('table', { class: 'data-table books-lines', attrs: { id: 'books-lines' } }, [
          el('thead', {}, [el('tr', {}, [
            columnHeader('Date', 'date'), columnHeader('Factures'), columnHeader('Client'), columnHeader('Nature'),
            columnHeader('Mode'), columnHeader('Montant', 'amount'), columnHeader('Remarque'),
          ])]),
          lineBody,
        ]),
      ]),
      linePager.element,
    ]),
    el('section', { class: 'panel', attrs: { 'aria-labelledby': 'books-months-title' } }, [
      el('h2', { class: 'panel-title', text: 'Totaux par mois', attrs: { id: 'books-months-title' } }),
      el('p', { class: 'panel-note', text: 'Les montants à déclarer chaque mois ou chaque trimestre : marchandises et services séparés, espèces à part.' }),
      el('div', { class: 'table-frame' }, [
        el('table', { class: 'data-table books-months', attrs: { id: 'books-months' } }, [
          el('thead', {}, [el('tr', {}, [
            columnHeader('Mois'), columnHeader('Lignes', 'number'), columnHeader('Encaissé', 'amount'),
            columnHeader('Espèces', 'amount'), columnHeader('Autres moyens', 'amount'), unspecifiedHeader,
            columnHeader('Marchandises', 'amount'), columnHeader('Services', 'amount'),
          ])]),
          monthBody,
          monthFoot,
        ]),
      ]),
    ]),
    el('section', { class: 'panel books-accountant', attrs: { 'aria-labelledby': 'accountant-title' } }, [
      el('h2', { class: 'panel-title', text: 'Export pour le comptable', attrs: { id: 'accountant-title' } }),
      accountantPeriod,
      el('div', { class: 'button-row' }, accountantButtons),
    ]),
    el('section', { class: 'panel books-nature', attrs: { 'aria-labelledby': 'books-nature-title' } }, [
      el('h2', { class: 'panel-title', text: 'Nature des factures qui ne la disent pas', attrs: { id: 'books-nature-title' } }),
      el('p', {
        class: 'panel-note',
        text: 'Une facture vend des marchandises ou des services : la sienne d’abord, sinon celle de son client '
          + '(sa fiche), sinon celle-ci. Le livre et les exports en tiennent compte aussitôt.',
      }),
      natureForm,
      natureSaved,
    ]),
  ]);

  /** The period the book shown covers, as sent; exports use it. */
  /** @type {PeriodText} */
  let shown = { choice: 'last_month', from: '', to: '' };
  /** Increases with every book asked, so that a slow answer never replaces a newer one. */
  let loads = 0;
  const refusalPlace = { root: periodForm, box: error, summary: false };

  replace(choice, options('period_choices').map(([value, text]) => el('option', { text, attrs: { value } })));
  choice.addEventListener('change', () => {
    showCustom();
    if (choice.value !== 'custom') {
      load(typed());
    }
  });
  periodForm.addEventListener('submit', (event) => {
    event.preventDefault();
    load(typed());
  });
  natureForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    natureSaved.hidden = true;
    saveNature.disabled = true;
    try {
      defaultNature.value = await api.natureDefaultSave(/** @type {import('./api.js').Nature} */ (defaultNature.value));
      natureSaved.textContent = 'Nature enregistrée : le livre ci-dessus en tient compte.';
      natureSaved.hidden = false;
      await load(shown);
    } catch (failure) {
      context.fail(failure);
    } finally {
      saveNature.disabled = false;
    }
  });

  /** @returns {PeriodText} */
  function typed() {
    return { choice: /** @type {PeriodText['choice']} */ (choice.value), from: from.value, to: to.value };
  }

  function showCustom() {
    const custom = choice.value === 'custom';
    fromField.hidden = !custom;
    toField.hidden = !custom;
  }

  async function open() {
    const [book, nature] = await Promise.all([api.receiptsBook(shown), api.natureDefaultGet()]);
    return () => {
      defaultNature.value = nature;
      natureSaved.hidden = true;
      choice.value = shown.choice;
      showCustom();
      clearRefusal(refusalPlace);
      done.hidden = true;
      update(book);
    };
  }

  /**
   * Shows the book of `period`; a period refused is said beside its dates and the book shown stays.
   * @param {PeriodText} period
   */
  async function load(period) {
    loads += 1;
    const mine = loads;
    clearRefusal(refusalPlace);
    done.hidden = true;
    show.disabled = true;
    try {
      const book = await api.receiptsBook(period);
      if (mine === loads) {
        shown = period;
        update(book);
      }
    } catch (failure) {
      if (mine === loads) {
        showRefusal(refusalPlace, failure);
      }
    } finally {
      if (mine === loads) {
        show.disabled = false;
      }
    }
  }

  /**
   * Saves a file of the period shown; says where, or why not.
   * @param {HTMLButtonElement} button
   * @param {() => Promise<string | null>} work resolves to the file written, null when cancelled
   * @param {string} what « Livre des recettes », « Export comptable »
   */
  async function save(button, work, what) {
    clearRefusal(refusalPlace);
    done.hidden = true;
    button.disabled = true;
    try {
      const path = await work();
      if (path) {
        done.textContent = `${what} enregistré : ${path}`;
        done.hidden = false;
      }
    } catch (failure) {
      showRefusal(refusalPlace, failure);
    } finally {
      button.disabled = false;
    }
  }

  /** @param {ReceiptsBook} book */
  function update(book) {
    element.setAttribute('data-from', book.from);
    element.setAttribute('data-to', book.to);
    title.textContent = `Livre des recettes — ${book.label}`;
    dates.textContent = `Du ${formatDate(book.from)} au ${formatDate(book.to)} : ${book.totals.lines} ligne(s).`;
    accountantPeriod.textContent = `Pour ${book.label} : les factures émises, les règlements reçus et leurs `
      + 'affectations, les rejets, les abandons de créance avec leur date et les pénalités réclamées.';
    setFigure(total, book.totals.amount);
    setFigure(cash, book.totals.cash);
    setFigure(otherMeans, book.totals.other_means);
    setFigure(unspecified, book.totals.unspecified);
    const someUnspecified = book.lines.some((line) => line.method === 'unspecified');
    unspecifiedCard.hidden = !someUnspecified;
    unspecifiedHeader.hidden = !someUnspecified;
    setFigure(goods, book.totals.goods);
    setFigure(services, book.totals.services);
    lines = book.lines;
    linePager.reset();
    showLines();
    const row = (/** @type {string} */ label, /** @type {BookTotals} */ totals, /** @type {string} */ key) =>
      totalsRow(label, totals, key, someUnspecified);
    replace(monthBody, book.months.map((month) => row(capitalise(month.label), month.totals, month.month)));
    replace(monthFoot, [row('Total de la période', book.totals, 'total')]);
  }

  /**
   * @param {string} id
   * @param {string} text
   * @param {import('./api.js').BookFormat} format
   * @param {boolean} [primary]
   */
  function saveButton(id, text, format, primary) {
    const button = el('button', { class: `button${primary ? ' button--primary' : ''}`, text, attrs: { type: 'button', id } });
    button.addEventListener('click', () => save(button, () => api.receiptsExport(shown, format), 'Livre des recettes'));
    return button;
  }

  /**
   * @param {string} id
   * @param {string} text
   * @param {import('./api.js').AccountantFormat} format
   * @param {boolean} [primary]
   */
  function accountantButton(id, text, format, primary) {
    const button = el('button', { class: `button${primary ? ' button--primary' : ''}`, text, attrs: { type: 'button', id } });
    button.addEventListener('click', () => save(button, () => api.accountantExport(shown, format), 'Export comptable'));
    return button;
  }

  /** The book's first lines, as many as the pager shows; the totals are always the whole period's. */
  function showLines() {
    const shown = linePager.shownOf(lines);
    replace(lineBody, shown.length === 0
      ? [emptyRow(7, 'Aucune recette sur cette période : le livre est vide, ses fichiers n’ont que leurs en-têtes.')]
      : shown.map(lineRow));
  }

  return { element, open };
}

/**
 * @param {BookLine} line
 * @returns {HTMLTableRowElement}
 */
function lineRow(line) {
  const rejection = line.kind === 'rejection';
  return el('tr', {
    class: `books-line${rejection ? ' is-rejection' : ''}${line.cash ? ' is-cash' : ''}`,
    attrs: { 'data-payment-id': line.payment_id, 'data-kind': line.kind, 'data-amount': line.amount },
  }, [
    el('td', { class: 'date', text: formatDate(line.date) }),
    el('td', { class: 'books-invoices', text: line.invoices.join(', ') || '—' }),
    el('td', { text: line.client }),
    el('td', { text: capitalise(line.nature_label) }),
    el('td', { text: capitalise(line.method_label) }),
    el('td', { class: 'amount', text: formatMoney(line.amount) }),
    el('td', { class: 'books-note', text: [line.reference, line.note].filter(Boolean).join(' — ') }),
  ]);
}

/**
 * @param {string} label
 * @param {BookTotals} totals
 * @param {string} key the month ("2026-10"), or "total"
 * @param {boolean} unspecified whether the table shows the column « Mode non précisé »
 * @returns {HTMLTableRowElement}
 */
function totalsRow(label, totals, key, unspecified) {
  return el('tr', { attrs: { 'data-month': key, 'data-amount': totals.amount } }, [
    el(key === 'total' ? 'th' : 'td', { text: label, attrs: key === 'total' ? { scope: 'row' } : {} }),
    el('td', { class: 'number', text: String(totals.lines) }),
    el('td', { class: 'amount', text: formatMoney(totals.amount) }),
    el('td', { class: 'amount', text: formatMoney(totals.cash) }),
    el('td', { class: 'amount', text: formatMoney(totals.other_means) }),
    el('td', { class: 'amount books-unspecified', text: formatMoney(totals.unspecified), attrs: { hidden: !unspecified } }),
    el('td', { class: 'amount', text: formatMoney(totals.goods) }),
    el('td', { class: 'amount', text: formatMoney(totals.services) }),
  ]);
}

/**
 * @param {string} id
 * @param {string} name
 * @returns {HTMLInputElement}
 */
function dateInput(id, name) {
  return el('input', {
    attrs: { id, name, type: 'text', inputmode: 'numeric', autocomplete: 'off', placeholder: 'jj/mm/aaaa', 'aria-describedby': `${id}-error` },
  });
}

/**
 * A typed day of the period, its error slot under it; hidden unless « une autre période » is chosen.
 * @param {string} label
 * @param {HTMLInputElement} input
 * @returns {HTMLDivElement}
 */
function periodField(label, input) {
  return el('div', { class: 'toolbar-field books-period-date form-row', attrs: { hidden: true } }, [
    el('label', { text: label, attrs: { for: input.id } }),
    input,
    el('p', { class: 'field-error', attrs: { id: `${input.id}-error`, 'data-error-for': input.name, 'aria-live': 'polite' } }),
  ]);
}

/**
 * @param {string} id
 * @returns {HTMLParagraphElement}
 */
function figure(id) {
  return el('p', { class: 'figure-value', attrs: { id, 'data-value': '' } });
}

/**
 * @param {string} label
 * @param {HTMLElement} value
 * @returns {HTMLDivElement}
 */
function card(label, value) {
  return el('div', { class: 'figure-card figure-card--small' }, [el('p', { class: 'figure-label', text: label }), value]);
}

/**
 * @param {HTMLElement} element
 * @param {string} amount
 */
function setFigure(element, amount) {
  element.setAttribute('data-value', amount);
  element.textContent = formatMoney(amount);
}
