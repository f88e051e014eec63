// @ts-check
/**
 * The French names of the core's lists (segments, payment methods, letter kinds, months…), as the core
 * gives them once when the window starts: the window keeps no copy of its own. Names come lower case,
 * as a sentence uses them; lists and badges capitalise them.
 */

/** @typedef {import('./api.js').Labels} Labels */
/** @typedef {import('./api.js').Label} Label */
/**
 * @typedef {'client_kinds' | 'segments' | 'client_statuses' | 'payment_methods' | 'event_kinds'
 *   | 'invoice_statuses' | 'anchors' | 'dispatches' | 'frequencies' | 'guarantee_levels'
 *   | 'delivery_outcomes' | 'import_row_statuses' | 'confidences' | 'bank_decisions' | 'addressed_as'
 *   | 'natures' | 'period_choices'} ListName
 */

/** @type {Labels | null} */
let known = null;

/**
 * Keeps the core's names for the rest of the session.
 * @param {Labels} labels
 */
export function setLabels(labels) {
  known = labels;
}

/**
 * The core's names; the window asks for them before it shows any page.
 * @returns {Labels}
 */
export function labels() {
  if (!known) {
    throw new Error('the labels are read before the first page is shown');
  }
  return known;
}

/**
 * The French name of `id` in a list, as a sentence uses it; the id itself when the list lacks it.
 * @param {ListName} list
 * @param {string} id
 * @returns {string}
 */
export function nameOf(list, id) {
  const found = labels()[list].find((label) => label.id === id);
  return found ? found.label : id;
}

/**
 * The same name at the head of a cell, a badge or an option: « Virement ».
 * @param {ListName} list
 * @param {string} id
 * @returns {string}
 */
export function titleOf(list, id) {
  return capitalise(nameOf(list, id));
}

/**
 * A list as the options of a select: value and capitalised name, in the core's order.
 * @param {ListName} list
 * @returns {[string, string][]}
 */
export function options(list) {
  return labels()[list].map((label) => [label.id, capitalise(label.label)]);
}

/**
 * The French month names, January first; null before the labels are known.
 * @returns {string[] | null}
 */
export function months() {
  return known ? known.months : null;
}

/**
 * "Virement" from "virement".
 * @param {string} text
 * @returns {string}
 */
export function capitalise(text) {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
