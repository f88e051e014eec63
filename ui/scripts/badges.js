// @ts-check
/**
 * Status badges, one look per status across the window: the CSS class names the status as the core does.
 */

import { el } from './dom.js';
import { titleOf } from './labels.js';

/**
 * A client's status: Actif, En litige, Procédure collective.
 * @param {string} status
 * @returns {HTMLSpanElement}
 */
export function clientStatusBadge(status) {
  return el('span', {
    class: `badge badge--client-${status}`,
    text: titleOf('client_statuses', status),
    attrs: { 'data-status': status },
  });
}

/**
 * An invoice's derived status, with the label the core gives it ("en retard", "partiellement réglée"...).
 * @param {string} status
 * @param {string} label
 * @returns {HTMLSpanElement}
 */
export function invoiceStatusBadge(status, label) {
  return el('span', { class: `badge badge--invoice-${status}`, text: label, attrs: { 'data-status': status } });
}

/**
 * A neutral badge for a plain fact (a client's kind or segment).
 * @param {string} text
 * @param {string} [variant]
 * @returns {HTMLSpanElement}
 */
export function plainBadge(text, variant = 'neutral') {
  return el('span', { class: `badge badge--${variant}`, text });
}
