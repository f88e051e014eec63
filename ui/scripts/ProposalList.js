// @ts-check
/**
 * « À faire aujourd'hui »: the dashboard's list of dunning proposals, one card per client, most urgent
 * first, as the core ordered them.
 */

import { el, replace } from './dom.js';
import { ProposalCard } from './ProposalCard.js';

/** @typedef {import('./api.js').Proposal} Proposal */
/** @typedef {import('./api.js').ProposalAction} ProposalAction */

/**
 * @typedef {object} ProposalListState
 * @property {Proposal[]} proposals
 * @property {number | null} [busyClientId] the client whose decision is on its way
 * @property {{ clientId: number, message: string } | null} [error] a refused decision, shown on its card
 */

/**
 * @typedef {object} ProposalListView
 * @property {HTMLElement} element
 * @property {(state: ProposalListState) => void} update
 */

/**
 * @param {{ onDecide: (clientId: number, action: ProposalAction) => void, onOpenClient: (id: number) => void, onPlan?: (clientId: number) => void }} actions
 * @returns {ProposalListView}
 */
export function ProposalList(actions) {
  const count = el('span', { class: 'proposal-list-count', attrs: { id: 'proposal-count' } });
  const cards = el('div', { class: 'proposal-list-cards', attrs: { id: 'proposal-cards' } });
  const element = el('section', { class: 'panel proposal-list', attrs: { id: 'proposal-list', 'aria-labelledby': 'proposal-list-title' } }, [
    el('h2', { class: 'panel-title', attrs: { id: 'proposal-list-title' } }, ['À faire aujourd’hui ', count]),
    el('p', { class: 'panel-note', text: 'Le prochain courrier de chaque client qui en a besoin, le plus urgent d’abord.' }),
    cards,
  ]);

  /** @param {ProposalListState} state */
  function update({ proposals, busyClientId = null, error = null }) {
    count.textContent = `(${proposals.length})`;
    count.setAttribute('data-value', String(proposals.length));
    if (proposals.length === 0) {
      replace(cards, [el('p', { class: 'empty-state', text: 'Rien à envoyer aujourd’hui.' })]);
      return;
    }
    replace(cards, proposals.map((proposal) => {
      const card = ProposalCard(actions);
      card.update({
        proposal,
        busy: busyClientId === proposal.client_id,
        error: error && error.clientId === proposal.client_id ? error.message : null,
      });
      return card.element;
    }));
  }

  return { element, update };
}
