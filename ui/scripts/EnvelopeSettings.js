// @ts-check
/**
 * Envelope offsets, as a section of the settings page: millimetres to move the address block for
 * envelopes whose window differs from the French DL standard, and the calibration page to check them.
 */

import { el } from './dom.js';
import { amountToInput } from './format.js';
import { clearRefusal, showRefusal } from './refusal.js';

/** @typedef {import('./api.js').PrintOptions} PrintOptions */

/**
 * @typedef {object} EnvelopeSettingsActions
 * @property {(form: import('./api.js').EnvelopeText) => void} onSave the offsets as typed
 * @property {() => void} onCalibration
 */

/**
 * @typedef {object} EnvelopeSettingsState
 * @property {PrintOptions} [options] the offsets saved; what was typed stays when absent
 * @property {unknown} [refusal] the core's refusal of the offsets typed
 * @property {string | null} [done]
 */

/**
 * @param {EnvelopeSettingsActions} actions
 * @returns {{ element: HTMLElement, update: (state: EnvelopeSettingsState) => void }}
 */
export function EnvelopeSettings(actions) {
  const x = el('input', { attrs: { id: 'envelope-x', name: 'offset_x_mm', type: 'text', inputmode: 'decimal', size: 6 } });
  const y = el('input', { attrs: { id: 'envelope-y', name: 'offset_y_mm', type: 'text', inputmode: 'decimal', size: 6 } });
  const save = el('button', { class: 'button button--primary', text: 'Enregistrer les décalages', attrs: { type: 'button', id: 'envelope-save' } });
  const calibration = el('button', { class: 'button', text: 'Imprimer la page de calibrage', attrs: { type: 'button', id: 'envelope-calibration' } });
  const error = el('div', { class: 'form-error', attrs: { role: 'alert', hidden: true } });
  const done = el('p', { class: 'form-success', attrs: { role: 'status', id: 'envelope-status', hidden: true } });
  save.addEventListener('click', () => actions.onSave({ offset_x_mm: x.value, offset_y_mm: y.value }));
  calibration.addEventListener('click', () => actions.onCalibration());

  const element = el('section', { class: 'panel envelope-settings', attrs: { id: 'envelope-settings', 'aria-labelledby': 'envelope-title' } }, [
    el('h2', { class: 'panel-title', text: 'Enveloppes à fenêtre', attrs: { id: 'envelope-title' } }),
    el('p', {
      class: 'panel-note',
      text: 'L’adresse est placée pour une enveloppe DL à fenêtre à droite (110 mm du bord gauche, 55 mm du '
        + 'haut). Pour une autre enveloppe, imprimez la page de calibrage et décalez le bloc (en mm ; vers la '
        + 'droite et vers le bas : valeurs positives).',
    }),
    el('div', { class: 'envelope-fields' }, [
      offset('Décalage horizontal (mm)', x, 'offset_x_mm'),
      offset('Décalage vertical (mm)', y, 'offset_y_mm'),
    ]),
    error,
    done,
    el('div', { class: 'button-row' }, [save, calibration]),
  ]);

  /** Where refused offsets are said: next to each. */
  const refusalPlace = { root: element, box: error, summary: false };

  /** @param {EnvelopeSettingsState} state */
  function update(state) {
    if (state.options) {
      x.value = amountToInput(state.options.offset_x_mm);
      y.value = amountToInput(state.options.offset_y_mm);
    }
    if (state.refusal) {
      showRefusal(refusalPlace, state.refusal);
    } else {
      clearRefusal(refusalPlace);
    }
    done.hidden = !state.done;
    done.textContent = state.done || '';
  }

  return { element, update };
}

/**
 * An offset with its label and the slot for its problem.
 * @param {string} label
 * @param {HTMLInputElement} input
 * @param {string} name the core's name of the offset
 */
function offset(label, input, name) {
  return el('label', { class: 'field' }, [
    el('span', { class: 'field-label', text: label }),
    input,
    el('span', { class: 'field-error', attrs: { 'data-error-for': name, 'aria-live': 'polite' } }),
  ]);
}
