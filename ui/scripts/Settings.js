// @ts-check
/**
 * Réglages: a page made of a simple list of sections, each a panel with its own form. Today: the dunning
 * ladder as an editable table (refused with the reasons when invalid, default restorable) and the dunning
 * options (large-amount threshold, default payment terms). Another section (the rates table) is added by
 * appending to `sections`.
 */

import { el, replace } from './dom.js';
import { amountToInput, parseAmountInput } from './format.js';

/** @typedef {import('./api.js').DunningSettings} DunningSettings */
/** @typedef {import('./api.js').LadderStep} LadderStep */

const ANCHORS = /** @type {const} */ ([
  ['due_date', 'l’échéance'],
  ['previous_letter', 'le courrier précédent'],
  ['previous_receipt', 'la réception du précédent'],
]);

/** Short segment names, so the table fits; the full name is the tooltip. */
const SEGMENT_SHORT = /** @type {Record<string, string>} */ ({
  new: 'Nouveau',
  regular: 'Régulier',
  chronic_late_payer: 'Retardataire',
  key_account: 'Grand compte',
  micro_business: 'Micro',
});

const DISPATCHES = /** @type {const} */ ([
  ['email', 'E-mail'],
  ['simple', 'Lettre simple'],
  ['registered', 'Recommandé AR'],
]);

/**
 * @typedef {object} SettingsActions
 * @property {(rows: LadderStep[]) => Promise<void>} onSaveLadder rejects with the refusal
 * @property {() => Promise<void>} onResetLadder
 * @property {(threshold: string, termsDays: number) => Promise<void>} onSaveOptions
 */

/**
 * @typedef {object} SettingsView
 * @property {HTMLElement} element
 * @property {(state: { settings: DunningSettings, ladderError?: string[] | null, ladderSaved?: boolean, optionsError?: string | null, optionsSaved?: boolean }) => void} update
 */

/**
 * @param {SettingsActions} actions
 * @returns {SettingsView}
 */
export function Settings(actions) {
  /** @type {DunningSettings | null} */
  let settings = null;

  // The ladder section.
  const ladderBody = el('tbody', { attrs: { id: 'ladder-rows' } });
  const ladderError = el('div', { class: 'form-error settings-error', attrs: { id: 'ladder-error', role: 'alert', hidden: true } });
  const ladderSaved = el('p', { class: 'form-success settings-saved', attrs: { id: 'ladder-saved', hidden: true } });
  const ladderState = el('p', { class: 'panel-note', attrs: { id: 'ladder-state' } });
  const addRow = el('button', { class: 'button button--small', text: 'Ajouter une étape', attrs: { type: 'button', id: 'ladder-add' } });
  const saveLadder = el('button', { class: 'button button--primary', text: 'Enregistrer l’échelle', attrs: { type: 'button', id: 'ladder-save' } });
  const resetLadder = el('button', { class: 'button', text: 'Rétablir l’échelle par défaut', attrs: { type: 'button', id: 'ladder-reset' } });
  const ladderTable = el('table', { class: 'data-table settings-ladder', attrs: { id: 'ladder-table' } }, [
    el('thead', {}, [el('tr', {}, [
      'Étape', 'Courrier', 'Compte depuis', 'Jours', 'Écart', 'Envoi', 'Segments', 'Opt.', '',
    ].map((label) => el('th', { text: label, attrs: { scope: 'col' } })))]),
    ladderBody,
  ]);
  addRow.addEventListener('click', () => {
    ladderBody.append(ladderRow({
      step: '', kind: 'friendly_reminder', counts_from: 'due_date', days: 0, min_gap_days: 0,
      dispatch: 'email', segments: [], optional: false,
    }));
  });
  ladderBody.addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('button[data-move]');
    if (!button) {
      return;
    }
    const row = /** @type {HTMLTableRowElement} */ (button.closest('tr'));
    const move = button.getAttribute('data-move');
    if (move === 'up' && row.previousElementSibling) {
      row.previousElementSibling.before(row);
    } else if (move === 'down' && row.nextElementSibling) {
      row.nextElementSibling.after(row);
    } else if (move === 'remove') {
      row.remove();
    }
  });
  saveLadder.addEventListener('click', async () => {
    saveLadder.disabled = true;
    try {
      await actions.onSaveLadder(readLadder());
    } finally {
      saveLadder.disabled = false;
    }
  });
  resetLadder.addEventListener('click', () => actions.onResetLadder());

  // The options section.
  const threshold = el('input', { attrs: { id: 'large-amount-threshold', type: 'text', inputmode: 'decimal' } });
  const terms = el('input', { attrs: { id: 'default-payment-terms', type: 'text', inputmode: 'numeric' } });
  const optionsError = el('p', { class: 'form-error settings-error', attrs: { id: 'options-error', role: 'alert', hidden: true } });
  const optionsSaved = el('p', { class: 'form-success settings-saved', attrs: { id: 'options-saved', hidden: true } });
  const saveOptions = el('button', { class: 'button button--primary', text: 'Enregistrer', attrs: { type: 'button', id: 'options-save' } });
  saveOptions.addEventListener('click', () => {
    const amount = threshold.value.trim() ? parseAmountInput(threshold.value) : { ok: false, message: 'indiquez un seuil.' };
    const days = Number(terms.value.trim());
    if (!amount.ok) {
      showOptionsError(`Seuil des gros montants : ${amount.message}`);
      return;
    }
    if (!terms.value.trim() || !Number.isInteger(days) || days < 0) {
      showOptionsError('Délai de paiement par défaut : indiquez un nombre entier de jours.');
      return;
    }
    actions.onSaveOptions(amount.value, days);
  });

  /** The page's sections, in order; each is a titled panel. */
  const sections = [
    section('settings-ladder', 'Échelle de relance', [
      el('p', {
        class: 'panel-note',
        text: 'Chaque ligne est une étape : le courrier, ce dont ses jours comptent, l’écart minimal depuis le '
          + 'dernier courrier, le mode d’envoi et les segments de clients concernés. Une étape optionnelle est '
          + 'passée une fois son moment dépassé ; les autres ne sont jamais sautées.',
      }),
      ladderState,
      el('div', { class: 'table-frame' }, [ladderTable]),
      ladderError,
      ladderSaved,
      el('div', { class: 'button-row' }, [addRow, resetLadder, saveLadder]),
    ]),
    section('settings-dunning-options', 'Relances et délais', [
      el('div', { class: 'form-grid' }, [
        field('large-amount-threshold', 'Seuil des gros montants (mise en demeure directe)', threshold),
        field('default-payment-terms', 'Délai de paiement par défaut (jours)', terms),
      ]),
      optionsError,
      optionsSaved,
      el('div', { class: 'button-row' }, [saveOptions]),
    ]),
  ];

  const element = el('section', { class: 'page settings', attrs: { id: 'settings' } }, [
    el('header', { class: 'page-header' }, [el('h1', { class: 'page-title', text: 'Réglages' })]),
    ...sections,
  ]);

  /** @param {string} message */
  function showOptionsError(message) {
    optionsError.textContent = message;
    optionsError.hidden = false;
    optionsSaved.hidden = true;
  }

  /**
   * One editable row of the ladder.
   * @param {LadderStep} step
   */
  function ladderRow(step) {
    const kinds = settings ? settings.ladder_kinds : [];
    const segments = settings ? settings.segments : [];
    return el('tr', { attrs: { 'data-row': '' } }, [
      el('td', {}, [input('ladder-step', step.step, 'Identifiant de l’étape', 12)]),
      el('td', {}, [select('ladder-kind', kinds, step.kind, 'Courrier')]),
      el('td', {}, [select('ladder-anchor', ANCHORS, step.counts_from, 'Compte depuis')]),
      el('td', {}, [input('ladder-days', String(step.days), 'Jours', 4)]),
      el('td', {}, [input('ladder-gap', String(step.min_gap_days), 'Écart minimal', 4)]),
      el('td', {}, [select('ladder-dispatch', DISPATCHES, step.dispatch, 'Envoi')]),
      el('td', {}, [el('div', { class: 'ladder-segments' }, segments.map(([id, label]) => el('label', { class: 'ladder-segment', attrs: { title: label } }, [
        el('input', { class: 'ladder-segment-box', attrs: { type: 'checkbox', value: id, checked: step.segments.includes(id) } }),
        el('span', { text: SEGMENT_SHORT[id] || label }),
      ])))]),
      el('td', {}, [el('input', { class: 'ladder-optional', attrs: { type: 'checkbox', checked: step.optional, 'aria-label': 'Optionnelle' } })]),
      el('td', { class: 'ladder-row-actions' }, [
        el('button', { class: 'button button--small', text: '↑', attrs: { type: 'button', 'data-move': 'up', 'aria-label': 'Monter' } }),
        el('button', { class: 'button button--small', text: '↓', attrs: { type: 'button', 'data-move': 'down', 'aria-label': 'Descendre' } }),
        el('button', { class: 'button button--small button--danger', text: '✕', attrs: { type: 'button', 'data-move': 'remove', 'aria-label': 'Supprimer' } }),
      ]),
    ]);
  }

  /** @returns {LadderStep[]} the table as typed; the core checks it */
  function readLadder() {
    return Array.from(ladderBody.querySelectorAll('tr[data-row]')).map((row) => {
      const value = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (row.querySelector(`.${name}`)).value;
      const number = (/** @type {string} */ name) => {
        const text = value(name).trim();
        return /^-?\d+$/.test(text) ? Number(text) : /** @type {any} */ (text);
      };
      return {
        step: value('ladder-step').trim(),
        kind: value('ladder-kind'),
        counts_from: value('ladder-anchor'),
        days: number('ladder-days'),
        min_gap_days: number('ladder-gap'),
        dispatch: value('ladder-dispatch'),
        segments: Array.from(row.querySelectorAll('.ladder-segment-box'))
          .filter((box) => /** @type {HTMLInputElement} */ (box).checked)
          .map((box) => /** @type {HTMLInputElement} */ (box).value),
        optional: /** @type {HTMLInputElement} */ (row.querySelector('.ladder-optional')).checked,
      };
    });
  }

  /** @param {{ settings: DunningSettings, ladderError?: string[] | null, ladderSaved?: boolean, optionsError?: string | null, optionsSaved?: boolean }} state */
  function update(state) {
    settings = state.settings;
    if (!state.ladderError) {
      replace(ladderBody, settings.ladder.steps.map(ladderRow));
    }
    ladderState.textContent = settings.ladder_is_default
      ? 'Échelle par défaut (recommandations françaises).'
      : 'Échelle personnalisée.';
    if (state.ladderError && state.ladderError.length > 0) {
      replace(ladderError, [
        el('p', { text: 'Cette échelle est refusée :' }),
        el('ul', {}, state.ladderError.map((message) => el('li', { text: message }))),
      ]);
      ladderError.hidden = false;
    } else {
      ladderError.replaceChildren();
      ladderError.hidden = true;
    }
    ladderSaved.textContent = 'Échelle enregistrée.';
    ladderSaved.hidden = !state.ladderSaved;
    threshold.value = amountToInput(settings.large_amount_threshold);
    terms.value = String(settings.default_payment_terms_days);
    optionsError.textContent = state.optionsError || '';
    optionsError.hidden = !state.optionsError;
    optionsSaved.textContent = 'Réglages enregistrés.';
    optionsSaved.hidden = !state.optionsSaved;
  }

  return { element, update };
}

/**
 * A titled panel of the page.
 * @param {string} id
 * @param {string} title
 * @param {HTMLElement[]} children
 */
function section(id, title, children) {
  return el('section', { class: 'panel settings-section', attrs: { id, 'aria-labelledby': `${id}-title` } }, [
    el('h2', { class: 'panel-title', text: title, attrs: { id: `${id}-title` } }),
    ...children,
  ]);
}

/**
 * @param {string} id
 * @param {string} label
 * @param {HTMLInputElement} control
 */
function field(id, label, control) {
  return el('div', { class: 'field' }, [el('label', { text: label, attrs: { for: id } }), control]);
}

/**
 * @param {string} className
 * @param {string} value
 * @param {string} label
 * @param {number} [size]
 */
function input(className, value, label, size) {
  const control = el('input', { class: className, attrs: { type: 'text', 'aria-label': label, size: size || 16 } });
  control.value = value;
  return control;
}

/**
 * @param {string} className
 * @param {ReadonlyArray<readonly [string, string]>} options
 * @param {string} value
 * @param {string} label
 */
function select(className, options, value, label) {
  const control = el('select', { class: className, attrs: { 'aria-label': label } },
    options.map(([id, text]) => el('option', { text, attrs: { value: id } })));
  control.value = value;
  return control;
}
