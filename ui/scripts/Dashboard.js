// @ts-check
/**
 * The dashboard page: what clients owe, how much of it is late, « À faire aujourd'hui » with its
 * decisions, the clients about to lose a claim to prescription (whatever the ladder is doing for them:
 * paused, disputed, snoozed, a letter waiting), the aging chart, the clients most behind and the cash the
 * payment plans bring.
 */

import * as api from './api.js';
import { AgingChart } from './AgingChart.js';
import { el, replace } from './dom.js';
import { PlanCash } from './PlanCash.js';
import { ProposalList } from './ProposalList.js';
import { formatCount, formatDate, formatDays, formatMoney, toCents } from './format.js';

/** @typedef {import('./api.js').Dashboard} DashboardFigures */
/** @typedef {import('./api.js').ClientSummary} ClientSummary */

/** How many clients the "most late" list shows. */
const LATE_CLIENTS_SHOWN = 5;

/**
 * @typedef {object} DashboardState
 * @property {DashboardFigures} figures
 * @property {ClientSummary[]} late the clients most late, the most late first
 * @property {import('./api.js').ProposalPage} proposals
 * @property {import('./api.js').MonthCash[]} cash
 * @property {import('./api.js').PrescriptionWatch[]} watch
 */

/**
 * @param {import('./App.js').PageContext} context
 * @returns {import('./App.js').Page}
 */
export function Dashboard(context) {
  /** The proposals shown, as last loaded. */
  /** @type {import('./api.js').ProposalPage} */
  let proposals = { total: 0, proposals: [] };
  const openClient = (/** @type {number} */ clientId) => context.go({ page: 'client', clientId });
  const subtitle = el('p', { class: 'page-subtitle' });
  const owed = figureCard('total-owed', 'Encours total', 'Ce que vos clients vous doivent, avoirs déduits.');
  const overdue = figureCard('total-overdue', 'Dont en retard', 'Factures dont l’échéance est passée.');
  const lateClients = figureCard('late-clients', 'Clients en retard', 'Au moins une facture échue impayée.');
  const dso = figureCard('dso', 'DSO', 'Délai moyen de paiement sur 12 mois, en jours.');
  const invoicesOpen = figureCard('invoices-open', 'Factures ouvertes', 'Factures restant à encaisser.');

  const proposalList = ProposalList({
    onDecide: decide,
    onOpenClient: openClient,
    onPlan: (clientId) => context.go({ page: 'plan-draft', clientId, back: { page: 'dashboard' } }),
    onRates: (semester) => context.go({ page: 'settings', semester }),
    onMore: () => {
      api.proposalPage(proposalList.limit()).then((page) => {
        proposals = page;
        proposalList.update(proposals);
      }).catch(context.fail);
    },
  });
  const planCash = PlanCash();
  const chart = AgingChart();
  const lateList = el('ol', { class: 'late-clients', attrs: { id: 'dashboard-late-clients' } });
  const watchList = el('ul', { class: 'prescription-watch', attrs: { id: 'prescription-watch' } });
  const watchPanel = el('section', { class: 'panel dashboard-prescription', attrs: { 'aria-labelledby': 'prescription-title', hidden: true } }, [
    el('h2', { class: 'panel-title', text: 'Créances bientôt prescrites', attrs: { id: 'prescription-title' } }),
    el('p', {
      class: 'panel-note',
      text: 'Moins de six mois avant que la créance ne puisse plus être réclamée en justice. Une mise en demeure '
        + 'n’y change rien : un échéancier signé, un règlement ou une injonction de payer déposée relancent le délai.',
    }),
    watchList,
  ]);
  watchList.addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('button[data-client-id]');
    if (button) {
      openClient(Number(button.getAttribute('data-client-id')));
    }
  });
  const allClients = el('button', { class: 'button button--link', text: 'Voir tous les clients', attrs: { type: 'button' } });
  allClients.addEventListener('click', () => context.go({ page: 'clients' }));
  lateList.addEventListener('click', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    const button = target.closest('button[data-client-id]');
    if (button) {
      openClient(Number(button.getAttribute('data-client-id')));
    }
  });

  const element = el('section', { class: 'page dashboard', attrs: { id: 'dashboard' } }, [
    el('header', { class: 'page-header' }, [
      el('div', {}, [el('h1', { class: 'page-title', text: 'Tableau de bord' }), subtitle]),
    ]),
    el('div', { class: 'figure-grid' }, [owed.card, overdue.card, lateClients.card, dso.card, invoicesOpen.card]),
    watchPanel,
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

  async function open() {
    const [figures, late, list, cash, watch] = await Promise.all([
      api.dashboard(), api.lateClients(LATE_CLIENTS_SHOWN), api.proposalPage(proposalList.limit()), api.planCash(), api.prescriptionWatch(),
    ]);
    return () => update({ figures, late, proposals: list, cash, watch });
  }

  /**
   * Accepts, skips or snoozes a client's proposal, then reloads the page; a refusal is shown on the card.
   * @param {number} clientId
   * @param {import('./api.js').DecisionText} decision
   */
  async function decide(clientId, decision) {
    proposalList.update({ ...proposals, busyClientId: clientId });
    try {
      await api.proposalDecide(clientId, decision);
    } catch (failure) {
      proposalList.update({ ...proposals, refusal: { clientId, failure } });
      return;
    }
    await context.go({ page: 'dashboard' });
  }

  /** @param {DashboardState} state */
  function update({ figures, late, proposals: list, cash, watch }) {
    proposals = list;
    proposalList.update(proposals);
    planCash.update(cash);
    const count = figures.clients === 1 ? '1 client' : `${formatCount(figures.clients)} clients`;
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
    updateLateList(late);
    watchPanel.hidden = watch.length === 0;
    replace(watchList, watch.map((client) => el('li', {}, [
      el('button', { class: 'prescription-client', attrs: { type: 'button', 'data-client-id': client.client_id } }, [
        el('span', { class: 'prescription-client-name', text: client.client_name }),
        el('span', {
          class: 'prescription-client-date',
          text: client.invoices[0].days_left > 0
            ? `prescrite le ${formatDate(client.earliest)}`
            : `prescrite depuis le ${formatDate(client.earliest)}`,
          attrs: { 'data-value': client.earliest },
        }),
        el('span', {
          class: 'prescription-client-invoices',
          text: client.invoices.map((invoice) => `${invoice.number} (${invoice.basis})`).join(' ; '),
        }),
      ]),
    ])));
  }

  /** @param {ClientSummary[]} late the clients most late, in the core's order */
  function updateLateList(late) {
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

  return { element, open };
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
