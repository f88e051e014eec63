// @ts-check
/**
 * « À faire aujourd'hui »: the dashboard's list of dunning proposals, one card per client, most urgent
 * first, as the core ordered them, a page of cards at a time (`Pager`): the dashboard loads the page
 * asked for (`api.proposalPage`) and gives it with how many there are in all.
 */

import { el, replace } from './dom.js';
import { formatCount } from './format.js';
import { Pager } from './pager.js';
import { ProposalCard } from './ProposalCard.js';

/** How many cards are shown at first, and added by each « Afficher … de plus ». */
const PAGE = 12;

/** @typedef {import('./api.js').Proposal} Proposal */
/** @typedef {import('./api.js').DecisionText} DecisionText */

/**
 * @typedef {object} ProposalListState
 * @property {Proposal[]} proposals the first ones, as many as `limit` asked for
 * @property {number} total how many there are in all
 * @property {number | null} [busyClientId] the client whose decision is on its way
 * @property {{ clientId: number, failure: unknown } | null} [refusal] a refused decision, shown on its card
 */

/**
 * @typedef {object} ProposalListView
 * @property {HTMLElement} element
 * @property {(state: ProposalListState) => void} update
 * @property {() => number} limit how many cards to load and show
 */

/**
 * @param {{ onDecide: (clientId: number, decision: DecisionText) => void, onOpenClient: (id: number) => void, onPlan?: (clientId: number) => void, onRates?: (semester: string) => void, onMore: () => void }} actions
 *   `onMore` loads the list again, `limit` cards long
 * @returns {ProposalListView}
 */
export function ProposalList(actions) {
  const count = el('span', { class: 'proposal-list-count', attrs: { id: 'proposal-count' } });
  const cards = el('div', { class: 'proposal-list-cards', attrs: { id: 'proposal-cards' } });
  // The page asked for is kept when the list is loaded again after a decision.
  const pager = Pager({ id: 'proposal-more', size: PAGE, left: (count) => `${count} restantes`, onMore: actions.onMore });
  const element = el('section', { class: 'panel proposal-list', attrs: { id: 'proposal-list', 'aria-labelledby': 'proposal-list-title' } }, [
    el('h2', { class: 'panel-title', attrs: { id: 'proposal-list-title' } }, ['À faire aujourd’hui ', count]),
    el('p', { class: 'panel-note', text: 'Le prochain courrier de chaque client qui en a besoin, le plus urgent d’abord.' }),
    cards,
    pager.element,
  ]);

  /** The card of each client shown, kept while the client stays in the list (and what was typed in it). */
  /** @type {Map<number, import('./ProposalCard.js').ProposalCardView>} */
  const shown = new Map();

  /** @param {ProposalListState} state */
  function update({ proposals, total, busyClientId = null, refusal = null }) {
    count.textContent = `(${formatCount(total)})`;
    count.setAttribute('data-value', String(total));
    pager.count(total, proposals.length);
    if (proposals.length === 0) {
      shown.clear();
      replace(cards, [el('p', { class: 'empty-state', text: 'Rien à envoyer aujourd’hui.' })]);
      return;
    }
    const kept = new Set(proposals.map((proposal) => proposal.client_id));
    for (const clientId of [...shown.keys()].filter((id) => !kept.has(id))) {
      shown.delete(clientId);
    }
    replace(cards, proposals.map((proposal) => {
      let card = shown.get(proposal.client_id);
      if (!card) {
        card = ProposalCard(actions);
        shown.set(proposal.client_id, card);
      }
      card.update({
        proposal,
        busy: busyClientId === proposal.client_id,
        refusal: refusal && refusal.clientId === proposal.client_id ? refusal.failure : null,
      });
      return card.element;
    }));
  }

  return { element, update, limit: pager.limit };
}
