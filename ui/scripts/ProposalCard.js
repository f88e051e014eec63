// @ts-check
/**
 * One dunning proposal: the letter proposed and why, the step of the ladder (or the event) that fired in
 * words, the invoices, the amounts claimed, how and when to
 * send it, and the three decisions (Accepter, Ignorer, Reporter to a date). A half-year's rate the interest
 * needs and the table lacks comes with a button to that row of the rates table. Used by the dashboard's
 * list and on the client's page.
 */

import { el, replace } from './dom.js';
import { formatDate, formatDays, formatMoney } from './format.js';
import { titleOf } from './labels.js';
import { clearRefusal, showRefusal } from './refusal.js';

/** @typedef {import('./api.js').Proposal} Proposal */
/** @typedef {import('./api.js').DecisionText} DecisionText */

/**
 * @typedef {object} ProposalCardState
 * @property {Proposal} proposal
 * @property {boolean} [busy]
 * @property {unknown} [refusal] the core's refusal of the last decision
 */

/**
 * @typedef {object} ProposalCardView
 * @property {HTMLElement} element
 * @property {(state: ProposalCardState) => void} update
 */

/**
 * @param {{ onDecide: (clientId: number, decision: DecisionText) => void, onOpenClient?: (id: number) => void, onPlan?: (clientId: number) => void, onRates?: (semester: string) => void }} actions
 * @returns {ProposalCardView}
 */
export function ProposalCard(actions) {
  const title = el('h3', { class: 'proposal-card-title' });
  const client = el('button', { class: 'button button--link proposal-card-client', attrs: { type: 'button' } });
  const clientName = el('span', { class: 'proposal-card-client-name' });
  const reason = el('p', { class: 'proposal-card-reason' });
  const step = el('p', { class: 'proposal-card-step' });
  const invoices = el('ul', { class: 'proposal-card-invoices' });
  const amounts = el('dl', { class: 'proposal-card-amounts' });
  const dispatch = el('p', { class: 'proposal-card-dispatch' });
  const warnings = el('ul', { class: 'proposal-card-warnings' });
  const rates = el('p', { class: 'proposal-card-rates', attrs: { hidden: true } });
  const error = el('p', { class: 'form-error proposal-card-error', attrs: { role: 'alert', hidden: true } });
  const accept = el('button', { class: 'button button--primary button--small proposal-accept', text: 'Accepter', attrs: { type: 'button' } });
  const skip = el('button', { class: 'button button--small proposal-skip', text: 'Ignorer', attrs: { type: 'button' } });
  const plan = el('button', { class: 'button button--small proposal-plan', text: 'Proposer un échéancier', attrs: { type: 'button', hidden: !actions.onPlan } });
  const snoozeDate = el('input', {
    class: 'proposal-snooze-date',
    attrs: { type: 'text', placeholder: 'JJ/MM/AAAA', 'aria-label': 'Reporter au', inputmode: 'numeric', size: 10 },
  });
  const snooze = el('button', { class: 'button button--small proposal-snooze', text: 'Reporter', attrs: { type: 'button' } });
  /** @type {Proposal | null} */
  let current = null;

  const element = el('article', { class: 'proposal-card', attrs: { 'data-client-id': '', 'data-kind': '' } }, [
    el('header', { class: 'proposal-card-header' }, [title, client]),
    reason,
    step,
    invoices,
    amounts,
    dispatch,
    warnings,
    rates,
    error,
    el('div', { class: 'proposal-card-actions' }, [accept, skip, plan, el('span', { class: 'proposal-snooze' }, [snoozeDate, snooze])]),
  ]);

  client.addEventListener('click', () => current && actions.onOpenClient && actions.onOpenClient(current.client_id));
  accept.addEventListener('click', () => current && actions.onDecide(current.client_id, { action: 'accept', until: '' }));
  skip.addEventListener('click', () => current && actions.onDecide(current.client_id, { action: 'skip', until: '' }));
  plan.addEventListener('click', () => current && actions.onPlan && actions.onPlan(current.client_id));
  snooze.addEventListener('click', () => {
    if (current) {
      actions.onDecide(current.client_id, { action: 'snooze', until: snoozeDate.value });
    }
  });
  /** Where a refused decision is said. */
  const refusalPlace = { root: element, box: error, labels: { until: 'Reporter' }, heading: 'Décision non enregistrée :' };

  /** @param {ProposalCardState} state */
  function update({ proposal, busy = false, refusal = null }) {
    current = proposal;
    element.setAttribute('data-client-id', String(proposal.client_id));
    element.setAttribute('data-kind', proposal.kind);
    element.setAttribute('data-step', proposal.step);
    title.textContent = proposal.title;
    clientName.textContent = proposal.client_name;
    replace(client, [clientName]);
    client.disabled = !actions.onOpenClient;
    reason.textContent = proposal.reason;
    // The words wrap in their own column; the amount keeps the right-hand one, on the invoice's first line.
    replace(invoices, proposal.invoices.map((invoice) => el('li', { class: 'proposal-card-invoice' }, [
      el('span', { class: 'proposal-invoice-what' }, [
        el('span', { class: 'proposal-invoice-number', text: invoice.number }),
        el('span', { text: ` échue le ${formatDate(invoice.due_date)}` }),
        el('span', { class: 'muted', text: invoice.days_late > 0 ? ` · ${formatDays(invoice.days_late)} de retard` : '' }),
      ]),
      el('span', { class: 'amount', text: formatMoney(invoice.remaining) }),
    ])));
    replace(amounts, [
      ...amount('Principal', proposal.principal, 'principal'),
      ...amount('Intérêts', proposal.interest, 'interest'),
      ...amount('Indemnité', proposal.indemnity, 'indemnity'),
      ...amount('Total réclamé', proposal.total, 'total'),
    ]);
    dispatch.textContent = `${titleOf('dispatches', proposal.dispatch)} · à envoyer le ${formatDate(proposal.sending_day)}`
      + (proposal.deadline ? ` · date limite ${formatDate(proposal.deadline)}` : '');
    // The rule that fired, in words (« Étape 3 de l'échelle : relance ferme, 15 jours après l'échéance… »).
    step.textContent = proposal.step_label;
    replace(warnings, proposal.warnings.map((warning) => el('li', { text: warning })));
    warnings.hidden = proposal.warnings.length === 0;
    replace(rates, actions.onRates ? proposal.missing_rates.map((semester) => {
      const button = el('button', {
        class: 'button button--small proposal-rates-link',
        text: `Saisir les taux du semestre ${semester}`,
        attrs: { type: 'button', 'data-semester': semester },
      });
      button.addEventListener('click', () => actions.onRates && actions.onRates(semester));
      return button;
    }) : []);
    rates.hidden = rates.childElementCount === 0;
    if (refusal) {
      showRefusal(refusalPlace, refusal);
      snoozeDate.focus();
    } else {
      clearRefusal(refusalPlace);
    }
    // No plan for a client in a collective procedure: its debts are declared, not spread.
    plan.hidden = !actions.onPlan || proposal.kind === 'claim_declaration';
    for (const button of [accept, skip, plan, snooze]) {
      button.disabled = busy;
    }
  }

  return { element, update };
}

/**
 * A term and its amount.
 * @param {string} term
 * @param {string} value
 * @param {string} key
 */
function amount(term, value, key) {
  return [
    el('dt', { text: term }),
    el('dd', { class: `amount proposal-amount-${key}`, text: formatMoney(value), attrs: { 'data-value': value } }),
  ];
}
