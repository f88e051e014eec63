// @ts-check
/**
 * What a letter lacks before it can be printed, each fact with the way to give it: a half-year's rate
 * (« Saisir les taux du semestre 2026-S2 » opens « Réglages » on that row of the rates table), how the
 * trader is addressed (the profile), what only the user knows for a déclaration de créance (the client's
 * page). Shown on a letter's page from its facts, on the batch page from the facts of every letter
 * waiting (a fact several letters lack is said once), and wherever printing was refused for them (the
 * core's refusal `missing_facts`, whose fields read `missing_rate:2026-S2`, `addressed_as`,
 * `claim_statement`).
 */

import { toApiError } from './api.js';
import { el, replace } from './dom.js';

/** @typedef {import('./api.js').MissingFact} MissingFact */
/** @typedef {import('./App.js').Route} Route */

/**
 * A missing fact and the client of the letter that lacks it (0 when not known).
 * @typedef {object} MissingItem
 * @property {MissingFact} fact
 * @property {number} clientId
 * @property {string} [clientName] said on the button when several clients' letters are listed
 */

/**
 * @typedef {object} MissingFactsState
 * @property {MissingItem[]} items
 */

/**
 * @param {{ go: (route: Route) => void }} actions
 * @param {string} [title] said above the facts; a letter's page by default
 * @returns {{ element: HTMLElement, update: (state: MissingFactsState) => void }}
 */
export function MissingFacts(actions, title = 'Ce courrier ne peut pas être imprimé tant que ceci manque :') {
  const list = el('ul', { class: 'missing-facts-list' });
  const element = el('div', { class: 'missing-facts', attrs: { role: 'alert', hidden: true } }, [
    el('p', { class: 'missing-facts-title', text: title }),
    list,
  ]);

  /** @param {MissingFactsState} state */
  function update({ items }) {
    // A fact several letters lack (the same half-year's rate) is said once; a client's fact once per client.
    const seen = new Set();
    const shown = items.filter(({ fact, clientId }) => {
      const key = fact.code === 'claim_statement' ? `${fact.code}:${clientId}` : `${fact.code}:${fact.subject}`;
      return seen.has(key) ? false : Boolean(seen.add(key));
    });
    element.hidden = shown.length === 0;
    replace(list, shown.map(({ fact, clientId, clientName }) => {
      const [text, route] = way(fact, clientId, clientName);
      const button = el('button', {
        class: 'button button--small missing-facts-link',
        text,
        attrs: { type: 'button', 'data-code': fact.code, 'data-subject': fact.subject },
      });
      button.addEventListener('click', () => actions.go(route));
      const message = fact.code === 'claim_statement' && clientName ? `${clientName} : ${fact.message}` : fact.message;
      return el('li', { class: 'missing-fact', attrs: { 'data-client-id': clientId || undefined } }, [el('p', { text: message }), button]);
    }));
  }

  return { element, update };
}

/**
 * The facts a refusal says are missing; none for any other refusal.
 * @param {unknown} failure
 * @returns {MissingFact[]}
 */
export function missingFactsOf(failure) {
  const error = toApiError(failure);
  if (error.kind !== 'missing_facts') {
    return [];
  }
  return error.fields.map((problem) => {
    const [code, subject] = problem.field.split(':');
    return /** @type {MissingFact} */ ({ code, subject: subject || '', message: problem.message });
  });
}

/**
 * Where a missing fact is given, and the button's words.
 * @param {MissingFact} fact
 * @param {number} clientId
 * @param {string} [clientName]
 * @returns {[string, Route]}
 */
function way(fact, clientId, clientName) {
  switch (fact.code) {
    case 'missing_rate':
      return [`Saisir les taux du semestre ${fact.subject}`, { page: 'settings', semester: fact.subject }];
    case 'addressed_as':
      return ['Le dire dans mon profil', { page: 'profile', show: 'addressed_as' }];
    case 'sender':
    case 'iban':
      // The sender's identity, or the IBAN a transfer clause prints: both given in « Mon profil ».
      return ['Compléter mon profil', { page: 'profile' }];
    default:
      // A refusal alone does not say which letter lacked it: the clients' list, where the client in a
      // collective procedure is found.
      if (!clientId) {
        return ['Ouvrir la liste des clients', { page: 'clients' }];
      }
      return [clientName ? `Confirmer sur la fiche de ${clientName}` : 'Confirmer sur la fiche du client', {
        page: 'client', clientId, show: 'claim_statement',
      }];
  }
}
