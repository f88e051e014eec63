// @ts-check
/**
 * The dashboard: what clients owe, how much of it is late, the aging chart and the clients most behind.
 */

import { AgingChart } from './AgingChart.js';
import { el, replace } from './dom.js';
import { PlanCash } from './PlanCash.js';
import { ProposalList } from './ProposalList.js';
import { compareNames, formatDate, formatDays, formatMoney, toCents } from './format.js';

/** @typedef {import('./api.js').Dashboard} DashboardFigures */
/** @typedef {import('./api.js').ClientSummary} ClientSummary */

/** How many clients the "most late" list shows. */
const LATE_CLIENTS_SHOWN = 5;

/**
 * @typedef {object} DashboardView
 * @property {HTMLElement} element
 * @property {(data: { figures: DashboardFigures, clients: ClientSummary[], proposals?: import('./ProposalList.js').ProposalListState, cash?: import('./api.js').MonthCash[] }) => void} update
 * @property {import('./ProposalList.js').ProposalListView} proposalList « À faire aujourd'hui », updated alone after a decision
 */

/**
 * @param {{ onOpenClient: (id: number) => void, onShowClients: () => void, onDecide: (clientId: number, action: import('./api.js').ProposalAction) => void, onPlan?: (clientId: number) => void }} actions
 * @returns {DashboardView}
 */
export function Dashboard(actions) {
  const subtitle = el('p', { class: 'page-subtitle' });
  const owed = figureCard('total-owed', 'Encours total', 'Ce que vos clients vous doivent, avoirs déduits.');
  const overdue = figureCard('total-overdue', 'Dont en retard', 'Factures dont l’échéance est passée.');
  const lateClients = figureCard('late-clients', 'Clients en retard', 'Au moins une facture échue impayée.');
  const dso = figureCard('dso', 'DSO', 'Délai moyen de paiement sur 12 mois, en jours.');
  const invoicesOpen = figureCard('invoices-open', 'Factures ouvertes', 'Factures restant à encaisser.');

  const proposalList = ProposalList({ onDecide: actions.onDecide, onOpenClient: actions.onOpenClient, onPlan: actions.onPlan });
  const planCash = PlanCash();
  const chart = AgingChart();
  const lateList = el('ol', { class: 'late-clients', attrs: { id: 'dashboard-late-clients' } });
  const allClients = el('button', { class: 'button button--link', text: 'Voir tous les clients', attrs: { type: 'button' } });
  allClients.addEventListener('click', () => actions.onShowClients());
  lateList.addEventListener('click', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    const button = target.closest('button[data-client-id]');
    if (button) {
      actions.onOpenClient(Number(button.getAttribute('data-client-id')));
    }
  });

  const element = el('section', { class: 'page dashboard', attrs: { id: 'dashboard' } }, [
    el('header', { class: 'page-header' }, [
      el('div', {}, [el('h1', { class: 'page-title', text: 'Tableau de bord' }), subtitle]),
    ]),
    el('div', { class: 'figure-grid' }, [owed.card, overdue.card, lateClients.card, dso.card, invoicesOpen.card]),
    proposalList.element,
    el('div', { class: 'dashboard-panels' }, [
      el('section', { class: 'panel dashboard-aging', attrs: { 'aria-labelledby': 'aging-title' } }, [
        el('h2', { class: 'panel-title', text: 'Ancienneté des créances', attrs: { id: 'aging-title' } }),
        el('p', { class: 'panel-note', text: 'Montants restant dus, selon le retard de chaque facture.' }),
        el('div', { class: 'aging-chart-frame' }, [chart.element]),
      ]),
      el('section', { class: 'panel dashboard-late', attrs: { 'aria-labelledby': 'late-title' } }, [
        el('h2', { class: 'panel-title', text: 'Clients les plus en retard', attrs: { id: 'late-title' } }),
        lateList,
        allClients,
      ]),
      planCash.element,
    ]),
  ]);

  /** @param {{ figures: DashboardFigures, clients: ClientSummary[], proposals?: import('./ProposalList.js').ProposalListState, cash?: import('./api.js').MonthCash[] }} data */
  function update({ figures, clients, proposals, cash }) {
    if (proposals) {
      proposalList.update(proposals);
    }
    if (cash) {
      planCash.update(cash);
    }
    const count = figures.clients === 1 ? '1 client' : `${figures.clients} clients`;
    subtitle.textContent = `Situation au ${formatDate(figures.as_of)} · ${count}`;
    owed.set(figures.total_owed, formatMoney(figures.total_owed));
    overdue.set(figures.total_overdue, formatMoney(figures.total_overdue));
    overdue.card.classList.toggle('figure-card--alert', toCents(figures.total_overdue) > 0);
    lateClients.set(String(figures.late_clients), String(figures.late_clients));
    if (figures.dso_days === null || figures.dso_days === undefined) {
      dso.set('', '—');
    } else {
      dso.set(String(figures.dso_days), formatDays(figures.dso_days));
    }
    invoicesOpen.set(String(figures.invoices_open), String(figures.invoices_open));
    chart.update(figures.aging);
    updateLateList(clients);
  }

  /** @param {ClientSummary[]} clients */
  function updateLateList(clients) {
    const late = clients
      .filter((client) => client.max_days_late > 0)
      .sort((a, b) => b.max_days_late - a.max_days_late
        || toCents(b.overdue) - toCents(a.overdue)
        || compareNames(a.name, b.name))
      .slice(0, LATE_CLIENTS_SHOWN);
    if (late.length === 0) {
      replace(lateList, [el('li', { class: 'empty-state', text: 'Aucun client en retard.' })]);
      return;
    }
    replace(lateList, late.map((client) => el('li', {}, [
      el('button', {
        class: 'late-client',
        attrs: { type: 'button', 'data-client-id': client.id },
      }, [
        el('span', { class: 'late-client-name', text: client.name }),
        el('span', { class: 'late-client-days', text: `${formatDays(client.max_days_late)} de retard` }),
        el('span', { class: 'late-client-amount amount', text: formatMoney(client.overdue) }),
      ]),
    ])));
  }

  return { element, update, proposalList };
}

/**
 * One figure: a label, the formatted value carrying the raw one in `data-value`, and a note.
 * @param {string} id
 * @param {string} label
 * @param {string} note
 */
function figureCard(id, label, note) {
  const value = el('p', { class: 'figure-value', attrs: { id, 'data-value': '' } });
  const card = el('div', { class: 'figure-card', attrs: { 'data-figure': id } }, [
    el('p', { class: 'figure-label', text: label, attrs: { id: `${id}-label` } }),
    value,
    el('p', { class: 'figure-note', text: note }),
  ]);
  value.setAttribute('aria-labelledby', `${id}-label ${id}`);
  return {
    card,
    /**
     * @param {string} raw
     * @param {string} shown
     */
    set(raw, shown) {
      value.setAttribute('data-value', raw);
      value.textContent = shown;
    },
  };
}
