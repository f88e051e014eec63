// @ts-check
/**
 * « Réglages »: a page made of a simple list of sections, each a panel with its own form, and the flows
 * behind them. Here: the dunning ladder as an editable table (refused with the reasons when invalid,
 * default restorable) and the dunning options (large-amount threshold, default payment terms, the
 * tolerance under which a residual balance is not dunned); then the sections of their own views: the
 * rates table (`RatesEditor`, which a route can open on one half-year: the link of a letter refused for
 * a missing rate), the backups (`BackupList`), the letter templates (`TemplateEditor`), the envelope
 * offsets (`EnvelopeSettings`), the postage prices (`PostageSettings`) and sending by e-mail
 * (`EmailSettings`).
 */

import * as api from './api.js';
import { BackupList } from './BackupList.js';
import { el, replace } from './dom.js';
import { EmailSettings } from './EmailSettings.js';
import { EnvelopeSettings } from './EnvelopeSettings.js';
import { amountToInput } from './format.js';
import { capitalise, labels, options } from './labels.js';
import { PostageSettings } from './PostageSettings.js';
import { RatesEditor } from './RatesEditor.js';
import { clearRefusal, refusalText, showRefusal } from './refusal.js';
import { TemplateEditor } from './TemplateEditor.js';

/** @typedef {import('./api.js').DunningSettings} DunningSettings */
/** @typedef {import('./api.js').LadderStep} LadderStep */
/** @typedef {import('./api.js').Backup} Backup */
/** @typedef {import('./api.js').TemplateEntry} TemplateEntry */

/**
 * @typedef {object} DunningState
 * @property {DunningSettings} settings
 * @property {unknown} [ladderRefusal] the core's refusal of the ladder typed, which stays on screen
 * @property {boolean} [ladderSaved]
 * @property {unknown} [optionsRefusal]
 * @property {boolean} [optionsSaved]
 */

/**
 * @param {import('./App.js').PageContext} context
 * @returns {import('./App.js').Page}
 */
export function Settings(context) {
  /** @type {DunningSettings | null} */
  let settings = null;
  /** The half-year the route asked to show, once the page is in place. */
  let askedSemester = '';

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
    if (!settings) {
      return;
    }
    const shown = settings;
    saveLadder.disabled = true;
    try {
      await api.ladderSave(readLadder());
      update({ settings: await api.dunningSettings(), ladderSaved: true });
    } catch (failure) {
      update({ settings: shown, ladderRefusal: failure });
    } finally {
      saveLadder.disabled = false;
    }
  });
  resetLadder.addEventListener('click', async () => {
    try {
      await api.ladderReset();
      update({ settings: await api.dunningSettings() });
    } catch (failure) {
      context.fail(failure);
    }
  });

  // The options section.
  const threshold = el('input', { attrs: { id: 'large-amount-threshold', type: 'text', inputmode: 'decimal' } });
  const terms = el('input', { attrs: { id: 'default-payment-terms', type: 'text', inputmode: 'numeric' } });
  const tolerance = el('input', { attrs: { id: 'residual-tolerance', type: 'text', inputmode: 'decimal' } });
  const optionsError = el('div', { class: 'form-error settings-error', attrs: { id: 'options-error', role: 'alert', hidden: true } });
  const optionsSaved = el('p', { class: 'form-success settings-saved', attrs: { id: 'options-saved', hidden: true } });
  const saveOptions = el('button', { class: 'button button--primary', text: 'Enregistrer', attrs: { type: 'button', id: 'options-save' } });
  saveOptions.addEventListener('click', async () => {
    if (!settings) {
      return;
    }
    const shown = settings;
    try {
      await api.dunningOptionsSave({
        large_amount_threshold: threshold.value,
        default_payment_terms_days: terms.value,
        residual_tolerance: tolerance.value,
      });
      update({ settings: await api.dunningSettings(), optionsSaved: true });
    } catch (failure) {
      update({ settings: shown, optionsRefusal: failure });
    }
  });

  const rates = RatesEditor({
    async onSave(rows) {
      rates.update({ table: await api.ratesSave(rows), saved: true });
    },
  });
  const backups = backupSection();
  const templates = templateSection();
  const envelope = envelopeSection();
  const postage = postageSection();
  const email = emailSection();

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
        field('large-amount-threshold', 'Seuil des gros montants (mise en demeure directe)', threshold, 'large_amount_threshold'),
        field('default-payment-terms', 'Délai de paiement par défaut (jours)', terms, 'default_payment_terms_days'),
        field('residual-tolerance', 'Tolérance des reliquats (en dessous, ni relance ni indemnité)', tolerance, 'residual_tolerance'),
      ]),
      el('p', {
        class: 'panel-note',
        text: 'Un reste dû inférieur à la tolérance (un centime d’arrondi, des frais gardés par une banque) n’est '
          + 'pas relancé et ne donne pas lieu à l’indemnité de 40 € ; la fiche du client propose de l’abandonner.',
      }),
      optionsError,
      optionsSaved,
      el('div', { class: 'button-row' }, [saveOptions]),
    ]),
  ];

  const pageTitle = el('h1', { class: 'page-title', text: 'Réglages', attrs: { tabindex: -1 } });
  const settingsSection = el('section', { class: 'page settings', attrs: { id: 'settings' } }, [
    el('header', { class: 'page-header' }, [pageTitle]),
    ...sections,
    rates.element,
    backups.view.element,
  ]);
  const element = el('div', { class: 'settings-page' }, [
    settingsSection, templates.view.element, envelope.view.element, postage.view.element, email.view.element,
  ]);
  /** Where a refused ladder is said: one line per problem. */
  const ladderPlace = { root: ladderTable, box: ladderError, heading: 'Cette échelle est refusée :' };
  /** Where refused options are said: next to each option. */
  const optionsPlace = { root: sections[1], box: optionsError, summary: false };

  /** @param {{ semester?: string }} route */
  async function open(route) {
    const [found, rateTable, backupFiles, templateList, printOptions, prices, emailView] = await Promise.all([
      api.dunningSettings(), api.ratesGet(), api.backupList(), api.templateList(), api.envelopeGet(), api.postagePricesGet(),
      api.emailSettingsGet(),
    ]);
    return () => {
      update({ settings: found });
      rates.update({ table: rateTable });
      backups.show(backupFiles);
      templates.show(templateList);
      envelope.view.update({ options: printOptions });
      postage.view.update({ rows: prices.rows });
      email.view.update({ view: emailView });
      askedSemester = (route && route.semester) || '';
    };
  }

  /**
   * Brings one half-year of the rates table into view with its first rate to type focused (a letter
   * refused for its missing rate leads here).
   * @param {string} semester « 2026-S2 »
   */
  function showSemester(semester) {
    const row = rates.element.querySelector(`tr[data-semester="${CSS.escape(semester)}"]`);
    if (!row) {
      return;
    }
    row.classList.add('is-asked');
    row.scrollIntoView({ block: 'center' });
    const first = /** @type {HTMLInputElement | null} */ (row.querySelector('input[name="ecb_rate"]') || row.querySelector('input'));
    if (first) {
      first.focus();
    }
  }

  /**
   * The backups panel. A restore replaces the whole ledger, so the window then starts again from the
   * dashboard of the restored ledger.
   */
  function backupSection() {
    /** @type {Backup[]} */
    let backups = [];
    const view = BackupList({
      async onCreate() {
        view.update({ backups, busy: true, error: null, done: null });
        try {
          backups = await api.backupCreate();
          view.update({ backups, busy: false, error: null, done: 'Sauvegarde enregistrée.' });
        } catch (error) {
          view.update({ backups, busy: false, error: refusalText(error), done: null });
        }
      },
      async onRestore(fileName) {
        view.update({ backups, busy: true, error: null, done: null });
        try {
          await api.backupRestore(fileName);
        } catch (error) {
          view.update({ backups, busy: false, error: refusalText(error), done: null });
          return;
        }
        await context.go({ page: 'dashboard' });
      },
    });
    return {
      view,
      /** @param {Backup[]} found */
      show(found) {
        backups = found;
        view.update({ backups, busy: false, error: null, done: null });
      },
    };
  }

  /** The letter templates: the user's copies, saved or restored. */
  function templateSection() {
    /** @type {TemplateEntry[]} */
    let entries = [];
    const view = TemplateEditor({
      async onSave(name, source) {
        try {
          entries = await api.templateSave(name, source);
          view.update({ templates: entries, selected: name, done: 'Votre version du modèle est enregistrée.' });
        } catch (error) {
          view.update({ templates: entries, selected: name, error: refusalText(error) });
        }
      },
      async onRestore(name) {
        try {
          entries = await api.templateRestore(name);
          view.update({ templates: entries, selected: name, done: 'Le modèle d’origine est rétabli.' });
        } catch (error) {
          view.update({ templates: entries, selected: name, error: refusalText(error) });
        }
      },
    });
    return {
      view,
      /** @param {TemplateEntry[]} found */
      show(found) {
        entries = found;
        view.update({ templates: entries });
      },
    };
  }

  /** The envelope offsets, as typed, and the calibration page. */
  function envelopeSection() {
    const view = EnvelopeSettings({
      async onSave(form) {
        try {
          view.update({ options: await api.envelopeSave(form), done: 'Décalages enregistrés.' });
        } catch (failure) {
          view.update({ refusal: failure });
        }
      },
      async onCalibration() {
        try {
          const path = await api.calibrationExport();
          view.update({ options: await api.envelopeGet(), done: path ? `Page de calibrage enregistrée : ${path}` : null });
        } catch (failure) {
          view.update({ refusal: failure });
        }
      },
    });
    return { view };
  }

  /** Sending by e-mail (F12): the settings as typed, and the test e-mail. */
  function emailSection() {
    const view = EmailSettings({
      async onSave(form, password) {
        view.update({ busy: true });
        try {
          view.update({ view: await api.emailSettingsSave(form, password), done: 'Réglages de l’e-mail enregistrés.' });
        } catch (failure) {
          view.update({ refusal: failure });
        }
      },
      async onTest() {
        view.update({ busy: true });
        try {
          view.update({ done: await api.emailTest() });
        } catch (failure) {
          view.update({ refusal: failure });
        }
      },
    });
    return { view };
  }

  /** The dated prices of registered letters (F7), as typed. */
  function postageSection() {
    const view = PostageSettings({
      async onSave(form) {
        try {
          view.update({ rows: (await api.postagePricesSave(form)).rows, done: 'Tarifs enregistrés.' });
        } catch (failure) {
          view.update({ refusal: failure });
        }
      },
    });
    return { view };
  }

  /**
   * One editable row of the ladder.
   * @param {LadderStep} step
   */
  function ladderRow(step) {
    const kinds = labels().letter_kinds.filter((kind) => kind.in_ladder).map((kind) => [kind.id, kind.title]);
    return el('tr', { attrs: { 'data-row': '' } }, [
      el('td', {}, [input('ladder-step', step.step, 'Identifiant de l’étape', 12)]),
      el('td', {}, [select('ladder-kind', /** @type {[string, string][]} */ (kinds), step.kind, 'Courrier')]),
      el('td', {}, [select('ladder-anchor', options('anchors'), step.counts_from, 'Compte depuis')]),
      el('td', {}, [input('ladder-days', String(step.days), 'Jours', 4)]),
      el('td', {}, [input('ladder-gap', String(step.min_gap_days), 'Écart minimal', 4)]),
      el('td', {}, [select('ladder-dispatch', options('dispatches'), step.dispatch, 'Envoi')]),
      el('td', {}, [el('div', { class: 'ladder-segments' }, labels().segments.map(({ id, label }) => el('label', { class: 'ladder-segment' }, [
        el('input', { class: 'ladder-segment-box', attrs: { type: 'checkbox', value: id, checked: step.segments.includes(/** @type {any} */ (id)) } }),
        el('span', { text: capitalise(label) }),
      ])))]),
      el('td', {}, [el('input', { class: 'ladder-optional', attrs: { type: 'checkbox', checked: step.optional, 'aria-label': 'Optionnelle' } })]),
      el('td', { class: 'ladder-row-actions' }, [
        el('button', { class: 'button button--small', text: '↑', attrs: { type: 'button', 'data-move': 'up', 'aria-label': 'Monter' } }),
        el('button', { class: 'button button--small', text: '↓', attrs: { type: 'button', 'data-move': 'down', 'aria-label': 'Descendre' } }),
        el('button', { class: 'button button--small button--danger', text: '✕', attrs: { type: 'button', 'data-move': 'remove', 'aria-label': 'Supprimer' } }),
      ]),
    ]);
  }

  /** @returns {Record<string, unknown>[]} the table as typed; the core reads and checks it */
  function readLadder() {
    return Array.from(ladderBody.querySelectorAll('tr[data-row]')).map((row) => {
      const value = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (row.querySelector(`.${name}`)).value;
      return {
        step: value('ladder-step').trim(),
        kind: value('ladder-kind'),
        counts_from: value('ladder-anchor'),
        days: value('ladder-days').trim(),
        min_gap_days: value('ladder-gap').trim(),
        dispatch: value('ladder-dispatch'),
        segments: Array.from(row.querySelectorAll('.ladder-segment-box'))
          .filter((box) => /** @type {HTMLInputElement} */ (box).checked)
          .map((box) => /** @type {HTMLInputElement} */ (box).value),
        optional: /** @type {HTMLInputElement} */ (row.querySelector('.ladder-optional')).checked,
      };
    });
  }

  /** @param {DunningState} state */
  function update(state) {
    settings = state.settings;
    // A refused ladder or refused options stay as typed, beside the reasons.
    if (state.ladderRefusal) {
      showRefusal(ladderPlace, state.ladderRefusal);
    } else {
      replace(ladderBody, settings.ladder.steps.map(ladderRow));
      clearRefusal(ladderPlace);
    }
    ladderState.textContent = settings.ladder_is_default
      ? 'Échelle par défaut (recommandations françaises).'
      : 'Échelle personnalisée.';
    ladderSaved.textContent = 'Échelle enregistrée.';
    ladderSaved.hidden = !state.ladderSaved;
    if (state.optionsRefusal) {
      showRefusal(optionsPlace, state.optionsRefusal);
    } else {
      threshold.value = amountToInput(settings.large_amount_threshold);
      terms.value = String(settings.default_payment_terms_days);
      tolerance.value = amountToInput(settings.residual_tolerance);
      clearRefusal(optionsPlace);
    }
    optionsSaved.textContent = 'Réglages enregistrés.';
    optionsSaved.hidden = !state.optionsSaved;
  }

  return {
    element,
    open,
    focus() {
      if (askedSemester) {
        showSemester(askedSemester);
      } else {
        pageTitle.focus({ preventScroll: true });
      }
    },
  };
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
 * An option with its label and the slot for its problem.
 * @param {string} id
 * @param {string} label
 * @param {HTMLInputElement} control
 * @param {string} name the core's name of the option
 */
function field(id, label, control, name) {
  return el('div', { class: 'field' }, [
    el('label', { text: label, attrs: { for: id } }),
    control,
    el('p', { class: 'field-error', attrs: { 'data-error-for': name, 'aria-live': 'polite' } }),
  ]);
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
