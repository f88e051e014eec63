// @ts-check
/**
 * A payment plan: its terms (number of installments, frequency, first date, down payment, fees on or
 * off, amounts set by hand) and the schedule the core computes from them, shown again after every
 * change; the 24-month warning; the export of the plan letter with its agreement form; the signed return;
 * where the plan stands once signed. No amount is computed here: each change goes to the core.
 */

import { el, replace } from './dom.js';
import { amountToInput, dateToInput, formatDate, formatMoney, parseAmountInput, parseDateInput } from './format.js';

/** @typedef {import('./api.js').PlanView} PlanView */
/** @typedef {import('./api.js').PlanOptions} PlanOptions */

/**
 * @typedef {object} PlanEditorActions
 * @property {() => void} onBack
 * @property {(options: PlanOptions) => void} onChange the terms as now typed; the core answers with the plan
 * @property {() => void} onExport
 * @property {(date: string) => void} onSign the signature's date as typed, today when blank
 */

/**
 * @typedef {object} PlanEditorState
 * @property {PlanView} plan
 * @property {boolean} [busy]
 * @property {string | null} [error]
 * @property {string | null} [done]
 */

const FREQUENCIES = /** @type {const} */ ([
  ['monthly', 'Mensuelle'],
  ['biweekly', 'Toutes les deux semaines'],
  ['weekly', 'Hebdomadaire'],
]);

/**
 * @param {PlanEditorActions} actions
 * @returns {{ element: HTMLElement, update: (state: PlanEditorState) => void, focus: () => void }}
 */
export function PlanEditor(actions) {
  const back = el('button', { class: 'button button--link back-link', text: '← Retour', attrs: { type: 'button' } });
  back.addEventListener('click', () => actions.onBack());
  const title = el('h1', { class: 'page-title', attrs: { id: 'plan-title' } });
  const status = el('span', { class: 'badge plan-editor-status', attrs: { id: 'plan-status', 'data-status': '' } });
  const invoices = el('p', { class: 'plan-editor-invoices', attrs: { id: 'plan-invoices' } });

  const count = el('input', { attrs: { id: 'plan-count', name: 'count', type: 'number', min: 1, max: 120, step: 1 } });
  const frequency = el('select', { attrs: { id: 'plan-frequency', name: 'frequency' } },
    FREQUENCIES.map(([value, label]) => el('option', { text: label, attrs: { value } })));
  const firstDate = el('input', { attrs: { id: 'plan-first-date', name: 'first_date', type: 'text', placeholder: 'JJ/MM/AAAA', inputmode: 'numeric' } });
  const downPayment = el('input', { attrs: { id: 'plan-down-payment', name: 'down_payment', type: 'text', inputmode: 'decimal' } });
  const fees = el('input', { attrs: { id: 'plan-fees', name: 'with_fees', type: 'checkbox' } });
  const feesLabel = el('span', { class: 'field-label' });
  const terms = el('div', { class: 'plan-editor-terms' }, [
    field('Nombre d\'échéances', count),
    field('Fréquence', frequency),
    field('Première échéance', firstDate),
    field('Acompte à la signature', downPayment),
    el('label', { class: 'field plan-editor-fees' }, [fees, feesLabel]),
  ]);

  const total = el('p', { class: 'plan-editor-total', attrs: { id: 'plan-total', 'data-value': '' } });
  const schedule = el('tbody', { attrs: { id: 'plan-schedule' } });
  const warnings = el('ul', { class: 'plan-editor-warnings', attrs: { id: 'plan-warnings', role: 'note', hidden: true } });
  const error = el('p', { class: 'form-error', attrs: { role: 'alert', id: 'plan-error', hidden: true } });
  const done = el('p', { class: 'form-success', attrs: { role: 'status', id: 'plan-done', hidden: true } });

  const exportButton = el('button', {
    class: 'button button--primary',
    text: 'Exporter la lettre et le bon pour accord',
    attrs: { type: 'button', id: 'plan-export' },
  });
  const signedOn = el('input', { attrs: { id: 'plan-signed-on', type: 'text', placeholder: 'JJ/MM/AAAA', inputmode: 'numeric', 'aria-label': 'Signé le' } });
  const sign = el('button', { class: 'button', text: 'Enregistrer le bon pour accord signé', attrs: { type: 'button', id: 'plan-sign' } });
  const signRow = el('div', { class: 'plan-editor-sign' }, [el('span', { text: 'Signé le' }), signedOn, sign]);
  exportButton.addEventListener('click', () => actions.onExport());
  sign.addEventListener('click', () => actions.onSign(signedOn.value));

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
      el('p', { class: 'panel-note', text: 'Saisissez un montant pour le fixer ; les autres se répartissent le reste, la dernière échéance reçoit l’arrondi. Videz la case pour rendre la main au calcul.' }),
    ]),
    el('div', { class: 'button-row' }, [exportButton, signRow]),
  ]);

  /** @type {PlanView | null} */
  let current = null;

  /** Reads the form; a typing error is shown and nothing is sent. @returns {PlanOptions | null} */
  function read() {
    if (!current) {
      return null;
    }
    const problems = [];
    const typedCount = Number(count.value);
    if (!Number.isInteger(typedCount) || typedCount < 1) {
      problems.push('Nombre d\'échéances : un nombre entier, 1 au moins.');
    }
    let first = null;
    if (firstDate.value.trim()) {
      const parsed = parseDateInput(firstDate.value);
      if (parsed.ok) { first = parsed.value; } else { problems.push(`Première échéance : ${parsed.message}`); }
    }
    let down = '0';
    if (downPayment.value.trim()) {
      const parsed = parseAmountInput(downPayment.value);
      if (parsed.ok) { down = parsed.value; } else { problems.push(`Acompte : ${parsed.message}`); }
    }
    /** @type {(string | null)[]} */
    const handSet = [];
    for (const input of schedule.querySelectorAll('input[data-sequence]')) {
      const box = /** @type {HTMLInputElement} */ (input);
      const index = Number(box.getAttribute('data-sequence')) - 1;
      if (box.value.trim() === '' || box.getAttribute('data-computed') === box.value) {
        handSet[index] = null;
        continue;
      }
      const parsed = parseAmountInput(box.value);
      if (parsed.ok) { handSet[index] = parsed.value; } else { problems.push(`Échéance ${index + 1} : ${parsed.message}`); }
    }
    if (problems.length > 0) {
      showError(problems.join(' '));
      return null;
    }
    return {
      count: typedCount,
      frequency: /** @type {PlanOptions['frequency']} */ (frequency.value),
      first_date: first,
      down_payment: down,
      with_fees: fees.checked,
      hand_set: Array.from({ length: Math.min(handSet.length, typedCount) }, (_, i) => handSet[i] ?? null),
    };
  }

  function changed() {
    const options = read();
    if (options) {
      actions.onChange(options);
    }
  }

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

  /** @param {string | null} message */
  function showError(message) {
    error.textContent = message || '';
    error.hidden = !message;
  }

  /** @param {PlanEditorState} state */
  function update({ plan, busy = false, error: message = null, done: success = null }) {
    const first = current === null || current.id !== plan.id;
    current = plan;
    title.textContent = `Échéancier n° ${plan.id} — ${plan.client_name}`;
    status.textContent = plan.tracking.state_label;
    status.setAttribute('data-status', plan.tracking.state);
    invoices.textContent = `Factures : ${plan.invoices.map((i) => `${i.number} (reste ${formatMoney(i.remaining)})`).join(', ')}`;
    // The typed fields keep what the user is typing; they follow the plan when it comes from elsewhere.
    if (first || document.activeElement !== count) {
      count.value = String(plan.count);
    }
    frequency.value = plan.options.frequency;
    firstDate.value = dateToInput(plan.first_date);
    downPayment.value = amountToInput(plan.schedule.down_payment);
    fees.checked = plan.options.with_fees;
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
    replace(schedule, rows);
    replace(warnings, plan.schedule.warnings.map((w) => el('li', { text: w })));
    warnings.hidden = plan.schedule.warnings.length === 0;
    showError(message);
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

  return { element, update, focus: () => count.focus() };
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
 * @param {string} label
 * @param {HTMLElement} input
 */
function field(label, input) {
  return el('label', { class: 'field' }, [el('span', { class: 'field-label', text: label }), input]);
}
