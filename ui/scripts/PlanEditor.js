// @ts-check
/**
 * A payment plan's page: its terms (number of installments, frequency, first date, down payment, fees on
 * or off, amounts set by hand) and the schedule the core computes from them, shown again after every
 * change; the 24-month warning; the export of the plan letter with its agreement form; the signed return;
 * where the plan stands once signed. Opened on a plan, or drafted in one click for a client. No amount
 * is read or computed here: each change goes to the core as typed.
 */

import * as api from './api.js';
import { el, replace } from './dom.js';
import { amountToInput, dateToInput, formatDate, formatMoney } from './format.js';
import { options } from './labels.js';
import { clearRefusal, showRefusal } from './refusal.js';

/** @typedef {import('./api.js').PlanView} PlanView */
/** @typedef {import('./api.js').PlanText} PlanText */
/** @typedef {import('./App.js').Route} Route */

/**
 * @typedef {object} PlanEditorState
 * @property {PlanView} plan
 * @property {boolean} [busy]
 * @property {unknown} [refusal] the core's refusal of the last change
 * @property {string | null} [done]
 */

/** Names of the terms, for a problem that has no box of its own. */
const LABELS = { count: 'Nombre d’échéances', first_date: 'Première échéance', down_payment: 'Acompte', hand_set: 'Échéances' };

/**
 * @param {import('./App.js').PageContext} context
 * @returns {import('./App.js').Page}
 */
export function PlanEditor(context) {
  /** Where « Retour » leads. */
  /** @type {Route} */
  let backTo = { page: 'plans' };
  const back = el('button', { class: 'button button--link back-link', text: '← Retour', attrs: { type: 'button' } });
  back.addEventListener('click', () => context.go(backTo));
  const title = el('h1', { class: 'page-title', attrs: { id: 'plan-title' } });
  const status = el('span', { class: 'badge plan-editor-status', attrs: { id: 'plan-status', 'data-status': '' } });
  const invoices = el('p', { class: 'plan-editor-invoices', attrs: { id: 'plan-invoices' } });

  const count = el('input', { attrs: { id: 'plan-count', name: 'count', type: 'number', min: 1, max: 120, step: 1 } });
  const frequency = el('select', { attrs: { id: 'plan-frequency', name: 'frequency' } },
    options('frequencies').map(([value, label]) => el('option', { text: label, attrs: { value } })));
  const firstDate = el('input', { attrs: { id: 'plan-first-date', name: 'first_date', type: 'text', placeholder: 'JJ/MM/AAAA', inputmode: 'numeric' } });
  const downPayment = el('input', { attrs: { id: 'plan-down-payment', name: 'down_payment', type: 'text', inputmode: 'decimal' } });
  const fees = el('input', { attrs: { id: 'plan-fees', name: 'with_fees', type: 'checkbox' } });
  const feesLabel = el('span', { class: 'field-label' });
  const terms = el('div', { class: 'plan-editor-terms' }, [
    field('Nombre d\'échéances', count, 'count'),
    field('Fréquence', frequency, 'frequency'),
    field('Première échéance', firstDate, 'first_date'),
    field('Acompte à la signature', downPayment, 'down_payment'),
    el('label', { class: 'field plan-editor-fees' }, [fees, feesLabel]),
  ]);

  const total = el('p', { class: 'plan-editor-total', attrs: { id: 'plan-total', 'data-value': '' } });
  const schedule = el('tbody', { attrs: { id: 'plan-schedule' } });
  const warnings = el('ul', { class: 'plan-editor-warnings', attrs: { id: 'plan-warnings', role: 'note', hidden: true } });
  const handSetError = el('p', { class: 'field-error', attrs: { 'data-error-for': 'hand_set', 'aria-live': 'polite' } });
  const error = el('div', { class: 'form-error', attrs: { role: 'alert', id: 'plan-error', hidden: true } });
  const done = el('p', { class: 'form-success', attrs: { role: 'status', id: 'plan-done', hidden: true } });

  const exportButton = el('button', {
    class: 'button button--primary',
    text: 'Exporter la lettre et le bon pour accord',
    attrs: { type: 'button', id: 'plan-export' },
  });
  const signedOn = el('input', { attrs: { id: 'plan-signed-on', type: 'text', placeholder: 'JJ/MM/AAAA', inputmode: 'numeric', 'aria-label': 'Signé le' } });
  const sign = el('button', { class: 'button', text: 'Enregistrer le bon pour accord signé', attrs: { type: 'button', id: 'plan-sign' } });
  const signError = el('span', { class: 'field-error', attrs: { 'data-error-for': 'signed_on', 'aria-live': 'polite' } });
  const signRow = el('div', { class: 'plan-editor-sign form-row' }, [el('span', { text: 'Signé le' }), signedOn, sign, signError]);

  const element = el('section', { class: 'page plan-editor', attrs: { id: 'plan-editor' } }, [
    back,
    el('header', { class: 'page-header' }, [el('div', {}, [title, invoices]), status]),
    error,
    done,
    el('section', { class: 'panel' }, [el('h2', { class: 'panel-title', text: 'Conditions' }), terms]),
    el('section', { class: 'panel' }, [
      el('h2', { class: 'panel-title', text: 'Calendrier' }),
      total,
      warnings,
      el('table', { class: 'data-table plan-editor-schedule' }, [
        el('thead', {}, [el('tr', {}, [
          el('th', { text: 'N°' }), el('th', { text: 'Date' }), el('th', { class: 'amount', text: 'Montant' }),
          el('th', { text: 'Réglé' }), el('th', { text: 'État' }),
        ])]),
        schedule,
      ]),
      handSetError,
      el('p', { class: 'panel-note', text: 'Saisissez un montant pour le fixer ; les autres se répartissent le reste, la dernière échéance reçoit l’arrondi. Videz la case pour rendre la main au calcul.' }),
    ]),
    el('div', { class: 'button-row' }, [exportButton, signRow]),
  ]);

  /** @type {PlanView | null} */
  let current = null;
  /** Increases with every change sent, so that an answer overtaken by a newer change is dropped. */
  let asked = 0;
  /** Where a refused change is said: each term's problem next to it, the rest above. */
  const refusalPlace = { root: element, box: error, labels: LABELS };

  /**
   * The terms as typed; an amount left as the core computed it is not set by hand.
   * @returns {PlanText}
   */
  function read() {
    /** @type {string[]} */
    const handSet = [];
    for (const input of schedule.querySelectorAll('input[data-sequence]')) {
      const box = /** @type {HTMLInputElement} */ (input);
      const index = Number(box.getAttribute('data-sequence')) - 1;
      handSet[index] = box.getAttribute('data-computed') === box.value ? '' : box.value;
    }
    return {
      count: count.value,
      frequency: /** @type {PlanText['frequency']} */ (frequency.value),
      first_date: firstDate.value,
      down_payment: downPayment.value,
      with_fees: fees.checked,
      hand_set: Array.from({ length: handSet.length }, (_, i) => handSet[i] ?? ''),
    };
  }

  /**
   * Sends one change to the core and shows the plan it answers with, or its refusal.
   * @param {(plan: PlanView) => Promise<Partial<PlanEditorState>>} work
   */
  async function run(work) {
    if (!current) {
      return;
    }
    asked += 1;
    const mine = asked;
    const plan = current;
    update({ plan, busy: true });
    try {
      const result = await work(plan);
      if (mine === asked) {
        update({ plan: result.plan || plan, ...result, busy: false });
      }
    } catch (failure) {
      if (mine === asked) {
        update({ plan, busy: false, refusal: failure });
      }
    }
  }

  function changed() {
    run(async (plan) => ({ plan: await api.planUpdate(plan.id, read()) }));
  }

  exportButton.addEventListener('click', () => run(async (plan) => {
    const path = await api.planExport(plan.id);
    return { plan: await api.planGet(plan.id), done: path ? `PDF enregistré : ${path}` : null };
  }));
  sign.addEventListener('click', () => run(async (plan) => ({
    plan: await api.planSign(plan.id, signedOn.value),
    done: 'Bon pour accord enregistré : l’échéancier est en cours, les relances de ses factures sont suspendues.',
  })));

  for (const input of [frequency, firstDate, downPayment, fees]) {
    input.addEventListener('change', changed);
  }
  count.addEventListener('input', () => {
    if (count.value.trim() !== '') {
      changed();
    }
  });
  schedule.addEventListener('change', (event) => {
    if (/** @type {HTMLElement} */ (event.target).matches('input[data-sequence]')) {
      changed();
    }
  });

  /**
   * A plan, or the one-click draft of a client's plan (a refusal, such as nothing to spread, names its
   * reason in the banner).
   * @param {{ page: 'plan', planId: number, back: Route } | { page: 'plan-draft', clientId: number, back: Route }} route
   */
  async function open(route) {
    const plan = route.page === 'plan' ? await api.planGet(route.planId) : await api.planDraft(route.clientId);
    return () => {
      backTo = route.back;
      current = null;
      signedOn.value = '';
      update({ plan });
    };
  }

  /** @param {PlanEditorState} state */
  function update({ plan, busy = false, refusal = null, done: success = null }) {
    const first = current === null || current.id !== plan.id;
    current = plan;
    title.textContent = `Échéancier n° ${plan.id} — ${plan.client_name}`;
    status.textContent = plan.tracking.state_label;
    status.setAttribute('data-status', plan.tracking.state);
    invoices.textContent = `Factures : ${plan.invoices.map((i) => `${i.number} (reste ${formatMoney(i.remaining)})`).join(', ')}`;
    // While a change is on its way, or refused, the terms keep what the user typed: the refusal names it.
    const keepTyped = busy || Boolean(refusal);
    if (!keepTyped) {
      // The count follows the plan unless the user is typing in it.
      if (first || document.activeElement !== count) {
        count.value = String(plan.count);
      }
      frequency.value = plan.options.frequency;
      firstDate.value = dateToInput(plan.first_date);
      downPayment.value = amountToInput(plan.schedule.down_payment);
      fees.checked = plan.options.with_fees;
    }
    feesLabel.textContent = plan.b2b
      ? ` Ajouter les frais : pénalités à date et indemnités de 40 € (${formatMoney(plan.fees_available)})`
      : ` Ajouter les intérêts de retard à date (${formatMoney(plan.fees_available)})`;
    total.textContent = `Total ${formatMoney(plan.schedule.total)} = principal ${formatMoney(plan.schedule.principal)}`
      + ` + frais ${formatMoney(plan.schedule.fees)} · ${plan.count} échéance(s) sur ${plan.schedule.months} mois`;
    total.setAttribute('data-value', plan.schedule.total);
    const tracked = new Map(plan.tracking.installments.map((i) => [i.sequence, i]));
    const rows = [];
    if (Number(plan.schedule.down_payment) > 0) {
      rows.push(row(0, 'Acompte', plan.drafted_on, el('span', { text: formatMoney(plan.schedule.down_payment) }), tracked.get(0), plan.schedule.down_payment));
    }
    const last = plan.schedule.installments.length;
    for (const installment of plan.schedule.installments) {
      const amount = installment.sequence === last || !plan.editable
        ? el('span', { text: formatMoney(installment.amount) })
        : el('input', {
          class: installment.hand_set ? 'plan-amount plan-amount--hand-set' : 'plan-amount',
          attrs: {
            type: 'text',
            inputmode: 'decimal',
            'data-sequence': installment.sequence,
            'data-computed': installment.hand_set ? null : amountToInput(installment.amount),
            value: amountToInput(installment.amount),
            'aria-label': `Montant de l'échéance ${installment.sequence}`,
          },
        });
      rows.push(row(installment.sequence, String(installment.sequence), installment.due_date, amount, tracked.get(installment.sequence), installment.amount));
    }
    if (!keepTyped) {
      replace(schedule, rows);
    }
    replace(warnings, plan.schedule.warnings.map((w) => el('li', { text: w })));
    warnings.hidden = plan.schedule.warnings.length === 0;
    if (refusal) {
      showRefusal(refusalPlace, refusal);
    } else if (!busy) {
      clearRefusal(refusalPlace);
    }
    done.textContent = success || '';
    done.hidden = !success;
    for (const input of [count, frequency, firstDate, downPayment, fees]) {
      input.disabled = !plan.editable;
    }
    exportButton.disabled = busy || !['draft', 'sent'].includes(plan.tracking.state);
    sign.disabled = busy || !['draft', 'sent'].includes(plan.tracking.state);
    signedOn.disabled = sign.disabled;
    signRow.hidden = !['draft', 'sent'].includes(plan.tracking.state);
  }

  return { element, open, focus: () => count.focus() };
}

/**
 * One line of the schedule.
 * @param {number} sequence
 * @param {string} label
 * @param {string} date
 * @param {HTMLElement} amount
 * @param {import('./api.js').TrackedInstallment | undefined} tracked
 * @param {string} value
 */
function row(sequence, label, date, amount, tracked, value) {
  return el('tr', { attrs: { 'data-installment': sequence, 'data-amount': value, 'data-date': date } }, [
    el('td', { text: label }),
    el('td', { text: sequence === 0 ? 'à la signature' : formatDate(date) }),
    el('td', { class: 'amount' }, [amount]),
    el('td', { class: 'amount', text: tracked ? formatMoney(tracked.paid) : '' }),
    el('td', { text: tracked ? tracked.state_label : '' }),
  ]);
}

/**
 * A term with its label and the slot for its problem.
 * @param {string} label
 * @param {HTMLElement} input
 * @param {string} name the core's name of the term
 */
function field(label, input, name) {
  return el('label', { class: 'field' }, [
    el('span', { class: 'field-label', text: label }),
    input,
    el('span', { class: 'field-error', attrs: { 'data-error-for': name, 'aria-live': 'polite' } }),
  ]);
}
