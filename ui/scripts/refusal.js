// @ts-check
/**
 * The one way a refusal from the core (`{ kind, message, fields }`) reaches the page: each field problem
 * next to its field (an element marked `data-error-for="<field>"` inside the part of the page that
 * asked), the message and the problems without a slot in the part's message box. A page with no box of
 * its own puts the refusal in the banner, as one sentence (`refusalText`).
 */

import { toApiError } from './api.js';
import { el } from './dom.js';

/** @typedef {import('./api.js').ApiError} ApiError */

/**
 * Where a part of the page shows its refusals.
 * @typedef {object} RefusalPlace
 * @property {Element} root the part of the page: its field slots are searched here
 * @property {HTMLElement} box where the message and the problems without a slot go
 * @property {Record<string, string>} [labels] French names of fields without a slot, to name them in the box
 * @property {string} [heading] said above the list of problems instead of the core's general message
 * @property {boolean} [summary] false: the box stays empty when every problem found its field (a small
 *   part where the general message would only repeat them); true by default
 */

/**
 * Shows a refusal; returns it as an ApiError.
 * @param {RefusalPlace} place
 * @param {unknown} failure what the command rejected with
 * @returns {ApiError}
 */
export function showRefusal(place, failure) {
  const error = toApiError(failure);
  clearRefusal(place);
  /** @type {string[]} */
  const unplaced = [];
  for (const problem of error.fields) {
    if (!placeFieldMessage(place.root, problem.field, problem.message)) {
      const name = place.labels && place.labels[problem.field];
      unplaced.push(name ? `${name} : ${problem.message}` : problem.message);
    }
  }
  if (error.fields.length > 0 && unplaced.length === 0 && place.summary === false) {
    return error;
  }
  const heading = error.fields.length === 0 ? error.message : (place.heading || error.message);
  place.box.replaceChildren(el('p', { text: heading }));
  if (unplaced.length > 0) {
    place.box.append(el('ul', {}, unplaced.map((item) => el('li', { text: item }))));
  }
  place.box.hidden = false;
  return error;
}

/**
 * Empties the message box and every field slot of the part, and unmarks its fields.
 * @param {RefusalPlace} place
 */
export function clearRefusal(place) {
  for (const slot of place.root.querySelectorAll('[data-error-for]')) {
    slot.textContent = '';
  }
  for (const control of place.root.querySelectorAll('[aria-invalid]')) {
    control.removeAttribute('aria-invalid');
  }
  place.box.replaceChildren();
  place.box.hidden = true;
}

/**
 * A refusal as one sentence, for the banner: the field problems when there are some (the core's general
 * message then says nothing more), else the message.
 * @param {unknown} failure
 * @returns {string}
 */
export function refusalText(failure) {
  const error = toApiError(failure);
  return error.fields.length > 0 ? error.fields.map((problem) => problem.message).join(' ') : error.message;
}

/**
 * Puts a message in the field's slot and marks the field as invalid.
 * @param {Element} root
 * @param {string} field
 * @param {string} message
 * @returns {boolean} false when the part has no slot for that field
 */
function placeFieldMessage(root, field, message) {
  const slot = root.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
  if (!slot) {
    return false;
  }
  slot.textContent = slot.textContent ? `${slot.textContent} ${message}` : message;
  const row = slot.closest('.field, .form-row, td');
  const control = row ? row.querySelector('input, select, textarea') : null;
  if (control) {
    control.setAttribute('aria-invalid', 'true');
  }
  return true;
}
