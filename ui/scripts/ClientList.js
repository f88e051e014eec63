// @ts-check
/**
 * The clients page: search by name or town as you type, sort by name, balance or lateness, open a client;
 * a hundred rows at a time (`Pager`).
 */

import * as api from './api.js';
import { el, replace } from './dom.js';
import { compareNames, foldForSearch, formatCount, formatDays, formatMoney, toCents } from './format.js';
import { clientStatusBadge } from './badges.js';
import { titleOf } from './labels.js';
import { Pager } from './pager.js';
import { columnHeader, emptyRow, openRowsOnActivation } from './tables.js';

/** @typedef {import('./api.js').ClientSummary} ClientSummary */
/** @typedef {'name' | 'balance' | 'lateness'} SortOrder */

/** How many columns the table has. */
const COLUMNS = 8;

/** How many rows are shown at first, and added by each « Afficher … de plus ». */
const PAGE = 100;

/**
 * @param {import('./App.js').PageContext} context
 * @returns {import('./App.js').Page}
 */
export function ClientList(context) {
  /** @type {ClientSummary[]} */
  let clients = [];

  const search = el('input', {
    attrs: {
      id: 'client-search',
      type: 'search',
      placeholder: 'Nom ou ville',
      autocomplete: 'off',
      spellcheck: 'false',
    },
  });
  const sort = el('select', { attrs: { id: 'client-sort' } }, [
    el('option', { text: 'Nom', attrs: { value: 'name' } }),
    el('option', { text: 'Solde décroissant', attrs: { value: 'balance' } }),
    el('option', { text: 'Retard décroissant', attrs: { value: 'lateness' } }),
  ]);
  const newClient = el('button', {
    class: 'button button--primary',
    text: 'Nouveau client',
    attrs: { type: 'button', id: 'client-new' },
  });
  const count = el('p', { class: 'client-list-count', attrs: { 'aria-live': 'polite' } });
  const body = el('tbody');
  const table = el('table', { class: 'data-table data-table--grid client-list-table' }, [
    el('thead', {}, [el('tr', {}, [
      columnHeader('Nom'), columnHeader('Type'), columnHeader('Segment'), columnHeader('Ville'),
      columnHeader('Solde', 'amount'), columnHeader('En retard', 'amount'), columnHeader('Retard max.', 'number'),
      columnHeader('Statut'),
    ])]),
    body,
  ]);

  const pager = Pager({ id: 'client-more', size: PAGE, left: (count) => `${count} restants`, onMore: () => render() });

  // A new search or order starts again from its first rows.
  search.addEventListener('input', () => restart());
  sort.addEventListener('change', () => restart());
  newClient.addEventListener('click', () => context.go({ page: 'client-form', clientId: null }));
  openRowsOnActivation(body, 'data-client-id', (clientId) => context.go({ page: 'client', clientId }));

  const element = el('section', { class: 'page client-list', attrs: { id: 'client-list' } }, [
    el('header', { class: 'page-header' }, [
      el('div', {}, [el('h1', { class: 'page-title', text: 'Clients' }), count]),
      newClient,
    ]),
    el('div', { class: 'toolbar' }, [
      el('div', { class: 'toolbar-field toolbar-field--grow' }, [
        el('label', { text: 'Rechercher', attrs: { for: 'client-search' } }),
        search,
      ]),
      el('div', { class: 'toolbar-field' }, [el('label', { text: 'Trier par', attrs: { for: 'client-sort' } }), sort]),
    ]),
    el('div', { class: 'table-frame' }, [table]),
    pager.element,
  ]);

  async function open() {
    const found = await api.clientList();
    return () => update(found);
  }

  /** @param {ClientSummary[]} next */
  function update(next) {
    clients = next;
    restart();
  }

  function restart() {
    pager.reset();
    render();
  }

  function render() {
    const query = foldForSearch(search.value);
    const matching = clients
      .filter((client) => !query || foldForSearch(`${client.name} ${client.town}`).includes(query))
      .sort(comparator(/** @type {SortOrder} */ (sort.value)));
    count.textContent = describeCount(matching.length, clients.length);
    const shown = pager.shownOf(matching);
    if (clients.length === 0) {
      replace(body, [emptyRow(COLUMNS, 'Aucun client pour l’instant. Ajoutez-en un avec « Nouveau client ».')]);
    } else if (shown.length === 0) {
      replace(body, [emptyRow(COLUMNS, 'Aucun client ne correspond à cette recherche.')]);
    } else {
      replace(body, shown.map(row));
    }
  }

  return {
    element,
    open,
    focus() {
      search.focus();
    },
  };
}

/**
 * @param {ClientSummary} client
 * @returns {HTMLTableRowElement}
 */
function row(client) {
  const late = client.max_days_late > 0;
  return el('tr', {
    class: 'clickable-row',
    attrs: { 'data-client-id': client.id, tabindex: 0, 'aria-label': `Ouvrir ${client.name}` },
  }, [
    el('td', { class: 'client-name', text: client.name }),
    el('td', { text: titleOf('client_kinds', client.kind) }),
    el('td', { text: titleOf('segments', client.segment) }),
    el('td', { text: client.town }),
    el('td', { class: 'amount balance', text: formatMoney(client.balance), attrs: { 'data-value': client.balance } }),
    el('td', {
      class: `amount overdue${toCents(client.overdue) > 0 ? ' is-late' : ''}`,
      text: formatMoney(client.overdue),
      attrs: { 'data-value': client.overdue },
    }),
    el('td', {
      class: `number days-late${late ? ' is-late' : ''}`,
      text: late ? formatDays(client.max_days_late) : '—',
      attrs: { 'data-value': client.max_days_late },
    }),
    el('td', {}, [clientStatusBadge(client.status)]),
  ]);
}

/**
 * @param {SortOrder} order
 * @returns {(a: ClientSummary, b: ClientSummary) => number}
 */
function comparator(order) {
  if (order === 'balance') {
    return (a, b) => toCents(b.balance) - toCents(a.balance) || compareNames(a.name, b.name);
  }
  if (order === 'lateness') {
    return (a, b) => b.max_days_late - a.max_days_late
      || toCents(b.overdue) - toCents(a.overdue)
      || compareNames(a.name, b.name);
  }
  return (a, b) => compareNames(a.name, b.name);
}

/**
 * @param {number} shown
 * @param {number} total
 * @returns {string}
 */
function describeCount(shown, total) {
  const clients = total === 1 ? '1 client' : `${formatCount(total)} clients`;
  return shown === total ? clients : `${formatCount(shown)} sur ${clients}`;
}
