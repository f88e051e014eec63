// @ts-check
/**
 * The first start: a short welcome and the choice between the demonstration ledger, an empty one, and
 * importing one's own invoices straight away (an empty ledger, then the « Importer » page).
 */

import { el } from './dom.js';

/**
 * @typedef {object} FirstStartView
 * @property {HTMLElement} element
 * @property {(state: { busy: boolean, error: string | null }) => void} update
 */

/**
 * @param {{ onChoose: (choice: 'demo' | 'empty' | 'import') => void }} actions
 * @returns {FirstStartView}
 */
export function FirstStart(actions) {
  const demo = el('button', {
    class: 'button button--primary button--large',
    text: 'Découvrir avec des données de démonstration',
    attrs: { type: 'button', id: 'start-demo' },
  });
  const empty = el('button', {
    class: 'button button--large',
    text: 'Commencer avec un registre vide',
    attrs: { type: 'button', id: 'start-empty' },
  });
  const importing = el('button', {
    class: 'button button--large',
    text: 'Importer mes factures',
    attrs: { type: 'button', id: 'start-import', title: 'Un tableur, l’export de votre logiciel de facturation ou vos factures électroniques' },
  });
  const error = el('p', { class: 'form-error', attrs: { role: 'alert', hidden: true } });
  demo.addEventListener('click', () => actions.onChoose('demo'));
  empty.addEventListener('click', () => actions.onChoose('empty'));
  importing.addEventListener('click', () => actions.onChoose('import'));

  const element = el('section', { class: 'first-start', attrs: { id: 'first-start' } }, [
    el('div', { class: 'first-start-card' }, [
      el('h1', { class: 'first-start-title', text: 'Bienvenue dans Ardoise' }),
      el('p', {
        class: 'first-start-lead',
        text: 'Ardoise tient le registre de ce que vos clients vous doivent : factures, règlements, retards et suivi.',
      }),
      el('p', {
        text: 'Pour faire connaissance, ouvrez un registre de démonstration : les clients d’une menuiserie, '
          + 'avec des retards, une contestation et une procédure collective. Ou commencez tout de suite '
          + 'avec vos propres clients : importez le tableau ou l’export de votre logiciel de facturation '
          + '(CSV, Excel, LibreOffice, Factur-X…), ou saisissez-les vous-même.',
      }),
      error,
      el('div', { class: 'first-start-actions' }, [demo, importing, empty]),
      el('p', {
        class: 'first-start-note',
        text: 'Tout reste sur cet ordinateur, dans un seul fichier.',
      }),
    ]),
  ]);

  /** @param {{ busy: boolean, error: string | null }} state */
  function update(state) {
    demo.disabled = state.busy;
    empty.disabled = state.busy;
    importing.disabled = state.busy;
    element.setAttribute('aria-busy', state.busy ? 'true' : 'false');
    error.textContent = state.error || '';
    error.hidden = !state.error;
  }

  return { element, update };
}
