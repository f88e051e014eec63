// @ts-check
/**
 * The banner at the top of the content area for errors that belong to no form field: a page that could
 * not load, an action that failed.
 */

import { el } from './dom.js';

/**
 * @typedef {object} ErrorBannerView
 * @property {HTMLElement} element
 * @property {(message: string | null) => void} update shows the message, or hides the banner for null
 */

/**
 * @returns {ErrorBannerView}
 */
export function ErrorBanner() {
  const text = el('p', { class: 'error-banner-text' });
  const close = el('button', { class: 'button button--small', text: 'Fermer', attrs: { type: 'button' } });
  const element = el('div', { class: 'error-banner', attrs: { id: 'error-banner', role: 'alert', hidden: true } }, [
    text,
    close,
  ]);
  close.addEventListener('click', () => update(null));

  /** @param {string | null} message */
  function update(message) {
    text.textContent = message || '';
    element.hidden = !message;
  }

  return { element, update };
}
