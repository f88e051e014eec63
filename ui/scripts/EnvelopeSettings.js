// @ts-check
/**
 * Envelope offsets, as a section of the settings page: millimetres to move the address block for
 * envelopes whose window differs from the French DL standard, and the calibration page to check them.
 */

import { el } from './dom.js';

/** @typedef {import('./api.js').PrintOptions} PrintOptions */

/**
 * @typedef {object} EnvelopeSettingsActions
 * @property {(options: PrintOptions) => void} onSave
 * @property {() => void} onCalibration
 */

/**
 * @typedef {object} EnvelopeSettingsState
 * @property {PrintOptions} options
 * @property {string | null} [error]
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
  const error = el('p', { class: 'form-error', attrs: { role: 'alert', hidden: true } });
  const done = el('p', { class: 'form-success', attrs: { role: 'status', id: 'envelope-status', hidden: true } });
  const number = (/** @type {HTMLInputElement} */ input) => input.value.trim().replace(',', '.') || '0';
  save.addEventListener('click', () => actions.onSave({ offset_x_mm: number(x), offset_y_mm: number(y) }));
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
      el('label', { class: 'field' }, [el('span', { class: 'field-label', text: 'Décalage horizontal (mm)' }), x]),
      el('label', { class: 'field' }, [el('span', { class: 'field-label', text: 'Décalage vertical (mm)' }), y]),
    ]),
    error,
    done,
    el('div', { class: 'button-row' }, [save, calibration]),
  ]);

  /** @param {EnvelopeSettingsState} state */
  function update(state) {
    x.value = String(state.options.offset_x_mm).replace('.', ',');
    y.value = String(state.options.offset_y_mm).replace('.', ',');
    error.hidden = !state.error;
    error.textContent = state.error || '';
    done.hidden = !state.done;
    done.textContent = state.done || '';
  }

  return { element, update };
}
