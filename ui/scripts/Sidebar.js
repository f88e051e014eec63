// @ts-check
/**
 * The left sidebar: the name of the app, its sections, and where the ledger lives.
 */

import { el, icon, svg } from './dom.js';

/** @typedef {'dashboard' | 'clients' | 'letters' | 'plans' | 'import' | 'bank' | 'books' | 'profile' | 'settings'} Section */

const ITEMS = /** @type {const} */ ([
  // Icons are drawn here rather than loaded: the window loads nothing but its own files.
  ['dashboard', 'Tableau de bord', 'M4 13h6V4H4v9zm0 7h6v-5H4v5zm10 0h6v-9h-6v9zm0-16v5h6V4h-6z'],
  ['clients', 'Clients', 'M16 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM8 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm0 2c-2.7 0-6 1.3-6 4v2h12v-2c0-2.7-3.3-4-6-4zm8 0c-.4 0-.8 0-1.2.1 1.3.9 2.2 2.2 2.2 3.9v2h5v-2c0-2.7-3.3-4-6-4z'],
  ['letters', 'Courriers', 'M3 5h18v14H3V5zm2 2v.5l7 4.5 7-4.5V7H5zm0 2.9V17h14V9.9l-7 4.5-7-4.5z'],
  ['plans', 'Échéanciers', 'M7 2v2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2h-2V2h-2v2H9V2H7zM5 9h14v11H5V9zm2 2v2h2v-2H7zm4 0v2h2v-2h-2zm4 0v2h2v-2h-2zm-8 4v2h2v-2H7zm4 0v2h2v-2h-2z'],
  ['import', 'Importer', 'M9 16h6v-6h4l-7-7-7 7h4v6zm-4 2h14v2H5v-2z'],
  ['bank', 'Banque', 'M12 2 2 7v2h20V7L12 2zM4 11v7h3v-7H4zm6.5 0v7h3v-7h-3zM17 11v7h3v-7h-3zM2 20v2h20v-2H2z'],
  ['books', 'Livres', 'M6 2h12a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm0 2v16h12V4H6zm2 3h8v2H8V7zm0 4h8v2H8v-2zm0 4h5v2H8v-2z'],
  ['profile', 'Mon profil', 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm0 2c-3.3 0-8 1.7-8 5v1h16v-1c0-3.3-4.7-5-8-5z'],
  ['settings', 'Réglages', 'M4 6h10v2H4V6zm12 0h4v2h-4V6zm-2-2h2v6h-2V4zM4 16h4v2H4v-2zm6 0h10v2H10v-2zm-2-2h2v6H8v-6zM4 11h6v2H4v-2zm8 0h8v2h-8v-2z'],
]);

/**
 * @typedef {object} SidebarView
 * @property {HTMLElement} element
 * @property {(state: { active: Section | null, ledgerPath: string }) => void} update
 */

/**
 * @param {{ onNavigate: (section: Section) => void }} actions
 * @returns {SidebarView}
 */
export function Sidebar(actions) {
  /** @type {Map<Section, HTMLButtonElement>} */
  const buttons = new Map();
  const list = el('ul', { class: 'sidebar-nav' });
  for (const [section, label, path] of ITEMS) {
    const button = el('button', {
      class: 'sidebar-link',
      attrs: { type: 'button', id: `nav-${section}`, 'data-section': section },
    }, [icon(path), el('span', { text: label })]);
    button.addEventListener('click', () => actions.onNavigate(section));
    buttons.set(section, button);
    list.append(el('li', {}, [button]));
  }
  const ledgerPath = el('p', { class: 'sidebar-ledger-path', attrs: { id: 'ledger-path' } });
  const element = el('aside', { class: 'sidebar' }, [
    el('div', { class: 'sidebar-brand' }, [logo(), el('span', { class: 'sidebar-brand-name', text: 'Ardoise' })]),
    el('nav', { attrs: { 'aria-label': 'Navigation principale' } }, [list]),
    el('footer', { class: 'sidebar-footer' }, [el('p', { class: 'sidebar-ledger-label', text: 'Registre' }), ledgerPath]),
  ]);

  /** @param {{ active: Section | null, ledgerPath: string }} state */
  function update(state) {
    for (const [section, button] of buttons) {
      const active = section === state.active;
      button.classList.toggle('is-active', active);
      if (active) {
        button.setAttribute('aria-current', 'page');
      } else {
        button.removeAttribute('aria-current');
      }
    }
    ledgerPath.textContent = state.ledgerPath;
    ledgerPath.title = state.ledgerPath;
  }

  return { element, update };
}

/**
 * A small slate with a chalk line: the app's mark.
 * @returns {SVGElement}
 */
function logo() {
  return svg('svg', { class: 'sidebar-logo', viewBox: '0 0 32 32', width: 28, height: 28, 'aria-hidden': 'true' }, [
    svg('rect', { x: 2, y: 5, width: 28, height: 22, rx: 4, class: 'sidebar-logo-frame' }),
    svg('rect', { x: 5, y: 8, width: 22, height: 16, rx: 2, class: 'sidebar-logo-slate' }),
    svg('path', { d: 'M9 19c3-5 5-5 7-2s4 2 7-3', class: 'sidebar-logo-chalk' }),
  ]);
}
