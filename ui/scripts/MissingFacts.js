// @ts-check
/**
 * What a letter lacks before it can be printed, each fact with the way to give it: a half-year's rate
 * (« Saisir le taux du 2e semestre 2026 » opens « Réglages » on that row of the rates table), how the
 * trader is addressed (the profile), what only the user knows for a déclaration de créance (the client's
 * page). Shown on a letter's page from its facts, and wherever printing was refused for them (the core's
 * refusal `missing_facts`, whose fields read `missing_rate:2026-S2`, `addressed_as`, `claim_statement`).
 */

import { toApiError } from './api.js';
import { el, replace } from './dom.js';

/** @typedef {import('./api.js').MissingFact} MissingFact */
/** @typedef {import('./App.js').Route} Route */

/**
 * @typedef {object} MissingFactsState
 * @property {MissingFact[]} facts
 * @property {number} clientId the client the letter is for; 0 when not known (a batch)
 */

/**
 * @param {{ go: (route: Route) => void }} actions
 * @returns {{ element: HTMLElement, update: (state: MissingFactsState) => void }}
 */
export function MissingFacts(actions) {
  const list = el('ul', { class: 'missing-facts-list' });
  const element = el('div', { class: 'missing-facts', attrs: { role: 'alert', hidden: true } }, [
    el('p', { class: 'missing-facts-title', text: 'Ce courrier ne peut pas être imprimé tant que ceci manque :' }),
    list,
  ]);

  /** @param {MissingFactsState} state */
  function update({ facts, clientId }) {
    element.hidden = facts.length === 0;
    replace(list, facts.map((fact) => {
      const [text, route] = way(fact, clientId);
      const button = el('button', {
        class: 'button button--small missing-facts-link',
        text,
        attrs: { type: 'button', 'data-code': fact.code, 'data-subject': fact.subject },
      });
      button.addEventListener('click', () => actions.go(route));
      return el('li', { class: 'missing-fact' }, [el('p', { text: fact.message }), button]);
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
 * @returns {[string, Route]}
 */
function way(fact, clientId) {
  switch (fact.code) {
    case 'missing_rate':
      return [`Saisir les taux du semestre ${fact.subject}`, { page: 'settings', semester: fact.subject }];
    case 'addressed_as':
      return ['Le dire dans mon profil', { page: 'profile' }];
    default:
      // A batch does not say which letter lacked it: the clients' list, where the client in a collective
      // procedure is found.
      return clientId
        ? ['Confirmer sur la fiche du client', { page: 'client', clientId }]
        : ['Ouvrir la liste des clients', { page: 'clients' }];
  }
}
