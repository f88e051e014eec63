// @ts-check
/**
 * The « Banque » page: choose a bank statement (native dialog, or drop it on the window while the page is
 * shown), read every credit with the invoices it pays, how sure the match is and why; correct a match,
 * split a credit over several invoices or clients, leave it out or keep it for later; « Confirmer »
 * records the payments in one unit. The result shows the clients' balances as they now stand and the
 * letters drafted but not sent whose invoices are now paid, each with a way to it. Below, the statements
 * imported, the last of which can be undone.
 */

import * as api from './api.js';
import { BankCredits } from './BankCredits.js';
import { BankHistory } from './BankHistory.js';
import { BankSplit } from './BankSplit.js';
import { el, replace } from './dom.js';
import { amountToInput, formatDate, formatMoney } from './format.js';
import { ImportMapping } from './ImportMapping.js';
import { clearRefusal, showRefusal } from './refusal.js';
import { columnHeader } from './tables.js';

/** @typedef {import('./api.js').BankPreview} BankPreview */
/** @typedef {import('./api.js').BankReport} BankReport */
/** @typedef {import('./api.js').BankMapping} BankMapping */
/** @typedef {import('./api.js').BankImportRecord} BankImportRecord */
/** @typedef {import('./api.js').BankDecisionText} BankDecisionText */
/** @typedef {import('./BankCredits.js').CreditChoice} CreditChoice */

/**
 * @param {import('./App.js').PageContext} context
 * @returns {import('./App.js').Page}
 */
export function BankPage(context) {
  /** The statement being previewed, the mapping it was read with and the preview shown. */
  /** @type {{ path: string, mapping: BankMapping | null, preview: BankPreview } | null} */
  let current = null;
  /** @type {Map<number, CreditChoice>} */
  let choices = new Map();
  /** Increases with every preview asked, so that a slow answer never replaces a newer one. */
  let request = 0;

  const pick = el('button', { class: 'button button--primary', text: 'Choisir un relevé…', attrs: { type: 'button', id: 'bank-pick' } });
  const fileLine = el('p', { class: 'import-file', attrs: { id: 'bank-file' } });
  const status = el('p', { class: 'bank-status', attrs: { id: 'bank-status', role: 'status', hidden: true } });
  const error = el('div', { class: 'form-error', attrs: { id: 'bank-error', role: 'alert', hidden: true } });
  const result = el('section', { class: 'bank-result', attrs: { id: 'bank-result', hidden: true, 'aria-live': 'polite' } });
  const summary = el('div', { class: 'import-counts', attrs: { id: 'bank-summary' } });
  const period = el('p', { class: 'bank-period', attrs: { id: 'bank-period' } });
  const setAside = el('p', { class: 'import-skipped', attrs: { id: 'bank-set-aside' } });
  const warnings = el('ul', { class: 'bank-warnings', attrs: { id: 'bank-warnings' } });
  const problems = el('ul', { class: 'bank-problems', attrs: { id: 'bank-problems' } });
  const mapping = ImportMapping({ prefix: 'bank', onChange: (edited) => current && load(current.path, edited) });
  const credits = BankCredits({ onDecision: decide, onCorrect: correct });
  const split = BankSplit({
    onApply: applySplit,
    onCancel: () => credits.placeEditor(null, split.element),
    onFail: showError,
  });
  const confirm = el('button', { class: 'button button--primary button--large', text: 'Confirmer', attrs: { type: 'button', id: 'bank-confirm' } });
  const abandon = el('button', { class: 'button', text: 'Abandonner', attrs: { type: 'button', id: 'bank-cancel' } });
  const work = el('div', { class: 'import-work bank-work', attrs: { id: 'bank-work', hidden: true } }, [
    el('section', { class: 'bank-overview', attrs: { 'aria-labelledby': 'bank-overview-title' } }, [
      el('h2', { class: 'import-section-title', text: 'Aperçu du relevé', attrs: { id: 'bank-overview-title' } }),
      period, summary, setAside, warnings, problems,
    ]),
    mapping.element,
    el('section', { attrs: { 'aria-labelledby': 'bank-credits-title' } }, [
      el('h2', { class: 'import-section-title', text: 'Crédits à rapprocher', attrs: { id: 'bank-credits-title' } }),
      el('p', { class: 'import-mapping-help', text: 'Vérifiez chaque rapprochement : « Corriger » choisit d’autres factures ou partage le crédit entre plusieurs ; « Laisser de côté » ne le proposera plus ; « À traiter plus tard » le proposera au prochain import.' }),
      credits.element,
    ]),
    el('div', { class: 'button-row' }, [confirm, abandon]),
  ]);
  const history = BankHistory({ onUndo: undo });
  const refusalPlace = { root: work, box: error, heading: 'Certains crédits sont à revoir :' };

  const element = el('section', { class: 'page bank-page', attrs: { id: 'bank-page' } }, [
    el('header', { class: 'page-header' }, [el('div', {}, [
      el('h1', { class: 'page-title', text: 'Banque' }),
      el('p', { class: 'page-subtitle', text: 'Importez le relevé de votre compte (CSV de votre banque, OFX, CFONB 120 ou CAMT.053) : chaque crédit est rapproché des factures qu’il règle. Rien n’est enregistré avant « Confirmer ».' }),
    ])]),
    el('div', { class: 'panel import-source' }, [
      pick,
      el('p', { class: 'import-drop-hint', text: 'ou déposez le relevé n’importe où sur la fenêtre pendant que cette page est ouverte.' }),
      fileLine,
    ]),
    status,
    error,
    result,
    work,
    history.element,
  ]);

  pick.addEventListener('click', async () => {
    showError(null);
    try {
      const path = await api.bankPickFile();
      if (path) {
        await openFile(path);
      }
    } catch (failure) {
      showError(failure);
    }
  });
  abandon.addEventListener('click', () => {
    current = null;
    request += 1;
    work.hidden = true;
    fileLine.textContent = '';
    showError(null);
  });
  confirm.addEventListener('click', commit);

  /**
   * The history, and the preview of a statement dropped on the window when there is one.
   * @param {{ path?: string | null }} route
   */
  async function open({ path = null }) {
    const imports = await api.bankHistory();
    return () => {
      history.update(imports);
      if (path) {
        openFile(path);
      }
    };
  }

  /** @param {string} path */
  async function openFile(path) {
    result.hidden = true;
    await load(path, null);
  }

  /**
   * @param {string} path
   * @param {BankMapping | null} edited
   */
  async function load(path, edited) {
    request += 1;
    const mine = request;
    showError(null);
    showStatus('Lecture du relevé et rapprochement…');
    fileLine.textContent = path;
    try {
      const preview = await api.bankPreview(path, edited);
      if (mine !== request) {
        return;
      }
      current = { path, mapping: edited, preview };
      show(preview);
    } catch (failure) {
      if (mine === request) {
        current = null;
        work.hidden = true;
        showError(failure);
      }
    } finally {
      if (mine === request) {
        showStatus(null);
      }
    }
  }

  /** @param {BankPreview} preview */
  function show(preview) {
    fileLine.textContent = `${preview.file_name} — ${preview.format_label}${preview.layout ? `, ${preview.layout}` : ''} — SHA-256 ${preview.sha256.slice(0, 12)}…`;
    period.textContent = preview.first_date && preview.last_date
      ? `Du ${formatDate(preview.first_date)} au ${formatDate(preview.last_date)}${preview.account ? `, compte ${preview.account}` : ''} : ${preview.lines} ligne(s) lue(s).`
      : `${preview.lines} ligne(s) lue(s).`;
    replace(summary, [
      count('bank-count-credits', preview.credits.length, 'crédits à rapprocher'),
      count('bank-count-sure', preview.sure, 'sûrs'),
      count('bank-count-probable', preview.probable, 'probables'),
      count('bank-count-unmatched', preview.unmatched, 'sans correspondance'),
      count('bank-count-ignored', preview.ignored, 'lignes écartées'),
    ]);
    const aside = preview.set_aside;
    setAside.textContent = `Écartées : ${aside.debits} débit(s) (${formatMoney(aside.debit_total)}), ${aside.pending} en attente, ${aside.reversed} annulée(s) ou rejetée(s), ${aside.already_imported} déjà importée(s).`;
    replace(warnings, preview.warnings.map((warning) => el('li', { text: warning })));
    replace(problems, preview.problems.map((problem) => el('li', {
      text: problem.field ? `Ligne ${problem.position}, ${problem.field} : ${problem.message}` : `Ligne ${problem.position} : ${problem.message}`,
    })));
    mapping.element.hidden = preview.csv === null;
    if (preview.csv) {
      mapping.update({ headers: preview.csv.headers, mapping: preview.csv.mapping, fields: preview.fields });
    }
    choices = new Map(preview.credits.map((credit) => [credit.line, {
      decision: credit.decision,
      parts: null,
      shown: credit.invoices.map((invoice) => ({ number: invoice.number, client_name: invoice.client_name, amount: invoice.amount })),
    }]));
    credits.update(preview.credits, choices);
    updateConfirm();
    work.hidden = false;
  }

  /**
   * @param {string} id
   * @param {number} value
   * @param {string} label
   */
  function count(id, value, label) {
    return el('div', { class: `import-count ${id}` }, [el('strong', { class: 'import-count-value', text: String(value), attrs: { id } }), el('span', { text: label })]);
  }

  function updateConfirm() {
    const decided = [...choices.values()];
    const recorded = decided.filter((choice) => choice.decision === 'record').length;
    const leftOut = decided.filter((choice) => choice.decision === 'leave_out').length;
    confirm.disabled = recorded + leftOut === 0;
    confirm.textContent = recorded + leftOut === 0
      ? 'Rien à enregistrer'
      : `Confirmer : ${recorded} règlement(s) à enregistrer${leftOut ? `, ${leftOut} crédit(s) laissé(s) de côté` : ''}`;
  }

  /**
   * @param {number} line
   * @param {import('./api.js').BankDecision} decision
   */
  function decide(line, decision) {
    const choice = choices.get(line);
    const credit = current && current.preview.credits.find((c) => c.line === line);
    if (!choice || !credit) {
      return;
    }
    choice.decision = decision;
    credits.refresh(credit, choice);
    updateConfirm();
  }

  /** @param {number} line */
  function correct(line) {
    const choice = choices.get(line);
    const credit = current && current.preview.credits.find((c) => c.line === line);
    if (!choice || !credit) {
      return;
    }
    const start = choice.parts || credit.invoices.map((invoice) => ({ invoice: invoice.number, amount: amountToInput(invoice.amount) }));
    split.edit(credit, start);
    credits.placeEditor(line, split.element);
    const first = /** @type {HTMLInputElement | null} */ (split.element.querySelector('input'));
    if (first) {
      first.focus();
    }
  }

  /**
   * @param {number} line
   * @param {import('./api.js').BankPartText[]} parts
   * @param {import('./api.js').CreditSplitView} view
   */
  function applySplit(line, parts, view) {
    const credit = current && current.preview.credits.find((c) => c.line === line);
    if (!credit) {
      return;
    }
    /** @type {CreditChoice} */
    const choice = {
      decision: 'record',
      parts,
      shown: view.rows.filter((row) => row.number && row.amount).map((row) => ({
        number: /** @type {string} */ (row.number),
        client_name: row.client_name || '',
        amount: /** @type {string} */ (row.amount),
      })),
    };
    choices.set(line, choice);
    credits.placeEditor(null, split.element);
    credits.refresh(credit, choice);
    updateConfirm();
  }

  async function commit() {
    if (!current) {
      return;
    }
    const { path, mapping: edited, preview } = current;
    /** @type {BankDecisionText[]} */
    const decisions = preview.credits.map((credit) => {
      const choice = /** @type {CreditChoice} */ (choices.get(credit.line));
      return { line: credit.line, decision: choice.decision, parts: choice.decision === 'record' ? choice.parts : null };
    });
    request += 1;
    const mine = request;
    confirm.disabled = true;
    showError(null);
    showStatus('Enregistrement…');
    try {
      const report = await api.bankConfirm(path, edited, preview.sha256, decisions);
      current = null;
      work.hidden = true;
      fileLine.textContent = '';
      showResult(report);
      history.update(await api.bankHistory());
    } catch (failure) {
      showError(failure);
      updateConfirm();
    } finally {
      if (mine === request) {
        showStatus(null);
      }
    }
  }

  /** @param {BankReport} report */
  function showResult(report) {
    const said = report.import
      ? `Relevé n° ${report.import.id} enregistré : ${report.recorded} règlement(s) pour ${report.recorded_credits} crédit(s), ${formatMoney(report.recorded_amount)}${Number(report.recorded_charges) > 0 ? ` (dont ${formatMoney(report.recorded_charges)} de frais retenus par la banque)` : ''}${report.left_out ? ` ; ${report.left_out} crédit(s) laissé(s) de côté` : ''}.`
      : 'Rien n’a été enregistré.';
    const later = report.credits.filter((credit) => credit.decision === 'later').length;
    /** @type {HTMLElement[]} */
    const parts = [el('p', { class: 'form-success', text: said, attrs: { id: 'bank-result-text' } })];
    if (later > 0) {
      parts.push(el('p', { class: 'import-skipped', text: `${later} crédit(s) restent à traiter : ils seront proposés de nouveau au prochain import de ce relevé.` }));
    }
    if (report.letters_to_check.length > 0) {
      parts.push(el('div', { class: 'bank-letters', attrs: { id: 'bank-letters', role: 'alert' } }, [
        el('h2', { class: 'import-section-title', text: 'Courriers à ne pas envoyer' }),
        el('ul', {}, report.letters_to_check.map((letter) => {
          const button = el('button', { class: 'button button--small', text: 'Ouvrir le courrier', attrs: { type: 'button', 'data-letter-id': letter.letter_id } });
          button.addEventListener('click', () => context.go({ page: 'letter', letterId: letter.letter_id, back: { page: 'bank' } }));
          return el('li', { attrs: { 'data-letter-id': letter.letter_id } }, [el('span', { text: letter.message }), ' ', button]);
        })),
      ]));
    }
    if (report.balances.length > 0) {
      const body = el('tbody', { attrs: { id: 'bank-balances' } }, report.balances.map((balance) => {
        const link = el('button', { class: 'button button--link', text: balance.name, attrs: { type: 'button' } });
        link.addEventListener('click', () => context.go({ page: 'client', clientId: balance.client_id }));
        return el('tr', { attrs: { 'data-client-id': balance.client_id, 'data-balance': balance.balance } }, [
          el('td', {}, [link]),
          el('td', { class: 'amount', text: formatMoney(balance.received) }),
          el('td', { class: 'amount bank-balance', text: formatMoney(balance.balance) }),
          el('td', { class: 'amount', text: formatMoney(balance.overdue) }),
        ]);
      }));
      parts.push(el('h2', { class: 'import-section-title', text: 'Soldes des clients réglés' }));
      parts.push(el('div', { class: 'table-frame' }, [el('table', { class: 'data-table' }, [
        el('thead', {}, [el('tr', {}, [columnHeader('Client'), columnHeader('Reçu', 'amount'), columnHeader('Reste dû', 'amount'), columnHeader('dont en retard', 'amount')])]),
        body,
      ])]));
    }
    replace(result, parts);
    result.hidden = false;
  }

  async function undo() {
    showError(null);
    try {
      const undone = await api.bankUndo();
      replace(result, [el('p', {
        class: 'form-success',
        text: `Relevé n° ${undone.id} (« ${undone.file_name} ») annulé : ses ${undone.payments} règlement(s) sont effacés.`,
        attrs: { id: 'bank-result-text' },
      })]);
      result.hidden = false;
      history.update(await api.bankHistory());
    } catch (failure) {
      showError(failure);
    }
  }

  /** @param {string | null} text */
  function showStatus(text) {
    status.hidden = text === null;
    status.textContent = text || '';
  }

  /** @param {unknown} failure the core's refusal, or null to clear it */
  function showError(failure) {
    if (failure === null) {
      clearRefusal(refusalPlace);
    } else {
      showRefusal(refusalPlace, failure);
    }
  }

  return { element, open };
}
