// @ts-check
/**
 * What every form shares: the frame (title, form-level error, Enregistrer / Annuler), labelled fields
 * with their error slot right after the input, reading what was typed (as text: the core reads dates and
 * amounts), and showing the problems the core reports field by field.
 *
 * A form never clears what the user typed when saving fails: errors are shown beside the values.
 */

import { el } from './dom.js';
import { clearRefusal, showRefusal } from './refusal.js';

/** @typedef {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} Control */

/**
 * @typedef {object} FieldSpec
 * @property {string} name the Rust field name, also the input's `name`
 * @property {string} label
 * @property {'text' | 'email' | 'tel' | 'select' | 'textarea' | 'checkbox'} [type]
 * @property {[string, string][]} [options] value and label, for selects
 * @property {string} [hint] a line of help under the label
 * @property {string} [errorFor] the field name the core reports errors under, when not `name`
 * @property {boolean} [required] marks the label; the core says when it is missing
 * @property {string} [placeholder]
 * @property {string} [inputmode]
 * @property {string} [autocomplete]
 * @property {number} [maxlength]
 * @property {number} [rows] for textareas
 * @property {string} [size] 'short' or 'wide', a layout hint
 */

/**
 * @typedef {object} Field
 * @property {HTMLDivElement} row the whole field, to show or hide it
 * @property {Control} input
 * @property {HTMLLabelElement} label
 * @property {HTMLParagraphElement} error
 */

/**
 * Builds one labelled field: label, optional hint, the control, then its error slot.
 * @param {string} formId
 * @param {FieldSpec} spec
 * @returns {Field}
 */
export function field(formId, spec) {
  const id = `${formId}-${spec.name.replace(/[^a-zA-Z0-9]+/g, '-')}`;
  const type = spec.type || 'text';
  /** @type {Control} */
  let input;
  if (type === 'select') {
    input = el('select', { attrs: { id, name: spec.name } },
      (spec.options || []).map(([value, text]) => el('option', { text, attrs: { value } })));
  } else if (type === 'textarea') {
    input = el('textarea', { attrs: { id, name: spec.name, rows: spec.rows || 3, maxlength: spec.maxlength } });
  } else {
    input = el('input', {
      attrs: {
        id,
        name: spec.name,
        type,
        placeholder: spec.placeholder,
        inputmode: spec.inputmode,
        autocomplete: spec.autocomplete || 'off',
        maxlength: spec.maxlength,
        spellcheck: type === 'text' ? 'false' : undefined,
      },
    });
  }
  const error = el('p', {
    class: 'field-error',
    attrs: { 'data-error-for': spec.errorFor || spec.name, id: `${id}-error`, 'aria-live': 'polite' },
  });
  const label = el('label', { attrs: { for: id } }, [
    spec.label,
    spec.required ? el('span', { class: 'required-mark', text: ' *', attrs: { 'aria-hidden': 'true' } }) : null,
  ]);
  const hint = spec.hint ? el('p', { class: 'field-hint', text: spec.hint, attrs: { id: `${id}-hint` } }) : null;
  input.setAttribute('aria-describedby', hint ? `${id}-hint ${id}-error` : `${id}-error`);
  const sizeClass = spec.size ? ` field--${spec.size}` : '';
  /** @type {HTMLDivElement} */
  let row;
  if (type === 'checkbox') {
    row = el('div', { class: `field field--checkbox${sizeClass}`, attrs: { 'data-field': spec.name } },
      [el('div', { class: 'checkbox-line' }, [input, label]), error, hint]);
    // The slot must follow the control; for a checkbox the label sits between them on one line.
  } else {
    row = el('div', { class: `field${sizeClass}`, attrs: { 'data-field': spec.name } }, [label, hint, input, error]);
  }
  return { row, input, label, error };
}

/**
 * A group of fields under a heading.
 * @param {string} legend
 * @param {Node[]} rows
 * @param {string} [className]
 * @returns {HTMLFieldSetElement}
 */
export function fieldset(legend, rows, className) {
  return el('fieldset', { class: `form-section${className ? ` ${className}` : ''}` },
    [el('legend', { text: legend }), el('div', { class: 'form-grid' }, rows)]);
}

/**
 * @typedef {object} FormFrame
 * @property {HTMLElement} element the page section holding the form
 * @property {HTMLFormElement} form
 * @property {HTMLHeadingElement} title
 * @property {HTMLParagraphElement} subtitle
 * @property {HTMLDivElement} body where the fields go
 * @property {HTMLDivElement} formError the form-level error slot
 * @property {HTMLButtonElement} submit
 * @property {HTMLButtonElement} cancel
 * @property {HTMLDivElement} actions the row of buttons under the form, for a form's own extra buttons
 */

/**
 * The frame of a form page: title, form-level error slot, body, and the Enregistrer / Annuler buttons.
 * @param {{ id: string, className: string, title: string, submitLabel?: string }} options
 * @returns {FormFrame}
 */
export function formFrame(options) {
  const title = el('h1', { class: 'page-title', text: options.title, attrs: { id: `${options.id}-title` } });
  const subtitle = el('p', { class: 'page-subtitle' });
  const formError = el('div', { class: 'form-error', attrs: { role: 'alert', hidden: true } });
  const body = el('div', { class: 'form-body' });
  const submit = el('button', { class: 'button button--primary', text: options.submitLabel || 'Enregistrer', attrs: { type: 'submit' } });
  const cancel = el('button', { class: 'button', text: 'Annuler', attrs: { type: 'button' } });
  const actions = el('div', { class: 'form-actions' }, [submit, cancel]);
  const form = el('form', {
    class: `form ${options.className}`,
    attrs: { id: options.id, novalidate: true, autocomplete: 'off', 'aria-labelledby': `${options.id}-title` },
  }, [formError, body, actions]);
  const element = el('section', { class: `page form-page ${options.className}-page` }, [
    el('header', { class: 'page-header' }, [el('div', {}, [title, subtitle])]),
    form,
  ]);
  return { element, form, title, subtitle, body, formError, submit, cancel, actions };
}

/**
 * What a form does when it is sent or left. `S` is what the form edits, as its update() last received
 * it; `T` is what it sends to the core.
 * @template S, T
 * @typedef {object} FormHandlers
 * @property {() => S | null} [state] null until update() gave the form what it edits, and Enregistrer
 *   does nothing until then; a form that needs nothing leaves it out
 * @property {(values: FormValues, state: S) => T} read reads what was typed
 * @property {(values: T, state: S) => Promise<void>} save sends it; rejects with the core's refusal
 * @property {Record<string, string>} [labels] French names of fields the core may report without a slot
 * @property {() => void} onCancel
 */

/**
 * Wires a frame: Enter submits (a real form), Escape and Annuler cancel. Submitting clears the errors,
 * reads the form and saves it, with the submit button disabled while the core answers; the core's
 * problems land in their slots.
 * @template S, T
 * @param {FormFrame} frame
 * @param {FormHandlers<S, T>} handlers
 */
export function bindForm(frame, handlers) {
  let busy = false;
  frame.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const state = handlers.state ? handlers.state() : undefined;
    if (busy || state === null) {
      return;
    }
    busy = true;
    frame.submit.disabled = true;
    frame.form.setAttribute('aria-busy', 'true');
    try {
      await submit(frame, handlers, /** @type {S} */ (state));
    } finally {
      busy = false;
      frame.submit.disabled = false;
      frame.form.removeAttribute('aria-busy');
    }
  });
  frame.form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      handlers.onCancel();
    }
  });
  frame.cancel.addEventListener('click', () => handlers.onCancel());
}

/**
 * Empties every error slot of the form.
 * @param {FormFrame} frame
 */
export function clearErrors(frame) {
  clearRefusal(place(frame));
}

/**
 * Shows a refusal from the core: each field problem in its slot, the message and any problem without a
 * slot at the top of the form. Focuses the first field to fix.
 * @param {FormFrame} frame
 * @param {unknown} error
 * @param {Record<string, string>} [labels] French names of fields that have no slot, for the top list
 */
export function showErrors(frame, error, labels = {}) {
  showRefusal(place(frame, labels), error);
  focusFirstInvalid(frame);
}

/**
 * Where a form shows its refusals.
 * @param {FormFrame} frame
 * @param {Record<string, string>} [labels]
 * @returns {import('./refusal.js').RefusalPlace}
 */
function place(frame, labels = {}) {
  return { root: frame.form, box: frame.formError, labels };
}

/**
 * One submission: read, save, and show whatever the core refused.
 * @template S, T
 * @param {FormFrame} frame
 * @param {FormHandlers<S, T>} handlers
 * @param {S} state
 */
async function submit(frame, handlers, state) {
  clearErrors(frame);
  const values = handlers.read(new FormValues(frame.form), state);
  try {
    await handlers.save(values, state);
  } catch (error) {
    showErrors(frame, error, handlers.labels);
  }
}

/**
 * @param {FormFrame} frame
 */
function focusFirstInvalid(frame) {
  const control = /** @type {HTMLElement | null} */ (frame.form.querySelector('[aria-invalid="true"]'));
  if (control && isShown(control)) {
    control.focus();
  } else {
    frame.formError.scrollIntoView({ block: 'nearest' });
  }
}

/**
 * @param {HTMLElement} element
 * @returns {boolean}
 */
function isShown(element) {
  return element.offsetParent !== null;
}

/**
 * Reads what a form's controls hold, as typed.
 */
export class FormValues {
  /** @param {HTMLFormElement} form */
  constructor(form) {
    this.form = form;
  }

  /**
   * The control named `name`.
   * @param {string} name
   * @returns {Control}
   */
  control(name) {
    const control = this.form.elements.namedItem(name);
    if (!control || control instanceof RadioNodeList) {
      throw new Error(`no single control named ${name}`);
    }
    return /** @type {Control} */ (control);
  }

  /**
   * What the control holds, trimmed.
   * @param {string} name
   * @returns {string}
   */
  text(name) {
    return this.control(name).value.trim();
  }

  /**
   * A checkbox.
   * @param {string} name
   * @returns {boolean}
   */
  checked(name) {
    return /** @type {HTMLInputElement} */ (this.control(name)).checked;
  }
}

/**
 * Sets a control's value (a checkbox's checked state for booleans).
 * @param {HTMLFormElement} form
 * @param {string} name
 * @param {string | boolean | null | undefined} value
 */
export function setValue(form, name, value) {
  const control = form.elements.namedItem(name);
  if (!control || control instanceof RadioNodeList) {
    return;
  }
  if (control instanceof HTMLInputElement && control.type === 'checkbox') {
    control.checked = Boolean(value);
  } else {
    /** @type {Control} */ (control).value = value === null || value === undefined ? '' : String(value);
  }
}

/** The address inputs shared by the client form and the profile, with the core's error names. */
export const ADDRESS_HELP =
  'Chaque ligne est limitée à 38 caractères, espaces compris (norme postale NF Z10-011). '
  + 'La voie est imprimée sans ponctuation, la ville en capitales sans accents.';

/**
 * The address fields, named `address.<role>`; postcode and town report errors as the core names them.
 * @param {string} formId
 * @returns {{ section: HTMLFieldSetElement, fields: Record<string, Field> }}
 */
export function addressFields(formId) {
  /** @type {FieldSpec[]} */
  const specs = [
    { name: 'address.complement', label: 'Complément (service, appartement, « chez »)', maxlength: 60, size: 'wide' },
    { name: 'address.building', label: 'Bâtiment, résidence, zone', maxlength: 60, size: 'wide' },
    { name: 'address.street', label: 'Numéro et voie', placeholder: '12 RUE DES LILAS', maxlength: 60, size: 'wide' },
    { name: 'address.locality', label: 'Lieu-dit ou boîte postale', maxlength: 60, size: 'wide' },
    { name: 'address.postcode', label: 'Code postal', errorFor: 'postcode', inputmode: 'numeric', maxlength: 10, size: 'short' },
    { name: 'address.town', label: 'Ville', errorFor: 'town', placeholder: 'LYON', maxlength: 60 },
    { name: 'address.country', label: 'Pays (vide pour la France)', maxlength: 40 },
  ];
  /** @type {Record<string, Field>} */
  const fields = {};
  for (const spec of specs) {
    fields[spec.name] = field(formId, spec);
  }
  const help = el('p', { class: 'form-help', text: ADDRESS_HELP });
  const addressError = el('p', { class: 'field-error field-error--group', attrs: { 'data-error-for': 'address', 'aria-live': 'polite' } });
  const section = el('fieldset', { class: 'form-section address-fields' }, [
    el('legend', { text: 'Adresse postale' }),
    help,
    el('div', { class: 'form-grid' }, Object.values(fields).map((f) => f.row)),
    addressError,
  ]);
  return { section, fields };
}

/**
 * Reads the address inputs into a PostalAddress.
 * @param {FormValues} values
 * @returns {import('./api.js').PostalAddress}
 */
export function readAddress(values) {
  return {
    complement: values.text('address.complement'),
    building: values.text('address.building'),
    street: values.text('address.street'),
    locality: values.text('address.locality'),
    postcode: values.text('address.postcode'),
    town: values.text('address.town'),
    country: values.text('address.country'),
  };
}

/**
 * Fills the address inputs.
 * @param {HTMLFormElement} form
 * @param {import('./api.js').PostalAddress | undefined} address
 */
export function fillAddress(form, address) {
  for (const role of ['complement', 'building', 'street', 'locality', 'postcode', 'town', 'country']) {
    setValue(form, `address.${role}`, address ? /** @type {Record<string, string>} */ (address)[role] : '');
  }
}

/**
 * Focuses the first control of the form that can be typed in.
 * @param {HTMLFormElement} form
 */
export function focusFirst(form) {
  const first = /** @type {HTMLElement | null} */ (form.querySelector('input:not([type=hidden]), select, textarea'));
  if (first) {
    first.focus();
  }
}
