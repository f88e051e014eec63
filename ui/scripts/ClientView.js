// @ts-check
/**
 * One client's page: who they are and where to write to them, what they owe, the proposed reminder,
 * their invoices (with the day each open one becomes time-barred, the invoice a credit note corrects, and
 * each invoice's PDF, given through the dialog or by dropping the file on the invoice), penalties and
 * payments, their statement of account on a date, and the timeline of everything that happened. Its
 * buttons lead to the client's forms; closing a dispute, deleting a payment, writing off a residual
 * balance under the tolerance, confirming what a déclaration de créance states (`ClaimStatementForm`) and
 * giving or taking away an invoice's PDF happen here.
 */

import * as api from './api.js';
import { clientStatusBadge, invoiceStatusBadge, plainBadge } from './badges.js';
import { inlineConfirmation } from './confirmation.js';
import { el, replace } from './dom.js';
import { formatDate, formatDays, formatMoney, toCents } from './format.js';
import { titleOf } from './labels.js';
import { ClaimStatementForm } from './ClaimStatementForm.js';
import { ProposalCard } from './ProposalCard.js';
import { PenaltyPanel } from './PenaltyPanel.js';
import { StatementPanel } from './StatementPanel.js';
import { columnHeader, emptyRow, openRowsOnActivation } from './tables.js';

/** @typedef {import('./api.js').ClientDetail} ClientDetail */
/** @typedef {import('./api.js').InvoiceLine} InvoiceLine */
/** @typedef {import('./api.js').Payment} Payment */
/** @typedef {import('./api.js').TimelineEntry} TimelineEntry */
/** @typedef {import('./api.js').InvoicePrescription} InvoicePrescription */

/**
 * @typedef {object} ClientViewState
 * @property {ClientDetail} detail
 * @property {number | null} [closingEventId] the event being closed, whose button waits
 * @property {number | null} [deletingPaymentId] the payment being deleted, whose button waits
 * @property {number | null} [writingOffInvoiceId] the residual being written off, whose button waits
 */

/**
 * @param {import('./App.js').PageContext} context
 * @returns {import('./App.js').Page}
 */
export function ClientView(context) {
  /** The client shown, as last loaded. */
  /** @type {ClientDetail | null} */
  let current = null;
  const clientId = () => (current ? current.client.id : 0);
  const back = el('button', { class: 'button button--link back-link', text: '← Tous les clients', attrs: { type: 'button' } });
  const name = el('h1', { class: 'page-title client-view-name', attrs: { tabindex: -1 } });
  const badges = el('div', { class: 'badge-row' });
  const edit = actionButton('client-edit', 'Modifier');
  const newInvoice = actionButton('invoice-new', 'Nouvelle facture');
  const newPayment = actionButton('payment-new', 'Enregistrer un règlement', true);
  const newEvent = actionButton('event-new', 'Ajouter au suivi');
  const newLetter = actionButton('letter-new', 'Préparer un courrier');
  const newPlan = actionButton('plan-new', 'Proposer un échéancier');

  const balance = el('p', { class: 'figure-value', attrs: { id: 'client-balance', 'data-value': '' } });
  const overdue = el('p', { class: 'figure-value', attrs: { id: 'client-overdue', 'data-value': '' } });
  const maxLate = el('p', { class: 'figure-value', attrs: { id: 'client-max-days-late', 'data-value': '' } });
  const openInvoices = el('p', { class: 'figure-value', attrs: { id: 'client-open-invoices', 'data-value': '' } });
  const overdueCard = smallCard('En retard', overdue);
  const balanceNote = el('p', { class: 'figure-note', attrs: { hidden: true } });
  const balanceCard = smallCard('Solde', balance);
  balanceCard.append(balanceNote);

  const contact = el('dl', { class: 'detail-list' });
  const address = el('div', { class: 'address-block' });
  const addressProblems = el('div', { class: 'address-problems', attrs: { role: 'note', hidden: true } });
  const procedure = el('section', { class: 'panel procedure-panel', attrs: { hidden: true } });
  const claimStatement = ClaimStatementForm({
    async onConfirm(toFallDue, securities) {
      await api.claimStatementConfirm(clientId(), toFallDue, securities);
      await reload();
    },
  });
  // Residual balances under the tolerance: not dunned, offered to be written off.
  const residuals = el('section', { class: 'panel residual-panel', attrs: { id: 'client-residuals', hidden: true } });
  residuals.addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('button.residual-write-off');
    if (button) {
      const invoiceId = Number(button.getAttribute('data-invoice-id'));
      change({ writingOffInvoiceId: invoiceId }, () => api.invoiceWriteOff(invoiceId));
    }
  });
  const notes = el('p', { class: 'client-notes', attrs: { hidden: true } });

  const invoiceBody = el('tbody');
  const paymentBody = el('tbody');
  const timeline = el('ol', { class: 'timeline', attrs: { id: 'client-timeline' } });
  const paymentDeletion = inlineConfirmation();
  const proposalCard = ProposalCard({
    onDecide: decide,
    onPlan: () => draftPlan(),
    onRates: (semester) => context.go({ page: 'settings', semester }),
  });
  const proposalPanel = el('section', { class: 'panel client-proposal', attrs: { id: 'client-proposal', hidden: true } }, [
    el('h2', { class: 'panel-title', text: 'Prochaine relance proposée' }),
    proposalCard.element,
  ]);
  const penalties = PenaltyPanel({ load: api.penaltiesGet });
  const statement = StatementPanel({ save: api.statementExport });

  back.addEventListener('click', () => context.go({ page: 'clients' }));
  edit.addEventListener('click', () => context.go({ page: 'client-form', clientId: clientId() }));
  newInvoice.addEventListener('click', () => context.go({ page: 'invoice-form', clientId: clientId(), invoiceId: null }));
  newPayment.addEventListener('click', () => context.go({ page: 'payment-form', clientId: clientId() }));
  newEvent.addEventListener('click', () => context.go({ page: 'event-form', clientId: clientId() }));
  newLetter.addEventListener('click', () => context.go({ page: 'letter-new', clientId: clientId() }));
  newPlan.addEventListener('click', () => draftPlan());
  openRowsOnActivation(invoiceBody, 'data-invoice-id', (invoiceId) => context.go({ page: 'invoice-form', clientId: clientId(), invoiceId }));
  invoiceBody.addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('button[data-document-action]');
    if (!(button instanceof HTMLButtonElement)) {
      return;
    }
    const invoiceId = Number(button.getAttribute('data-invoice'));
    button.disabled = true;
    change({}, () => (button.getAttribute('data-document-action') === 'remove'
      ? api.invoiceDocumentRemove(invoiceId)
      : api.invoiceDocumentPick(invoiceId)));
  });
  // A PDF dropped on an invoice's row (the window hands the drop to the row under it) becomes its document.
  invoiceBody.addEventListener('invoice-drop', (event) => {
    const row = /** @type {HTMLElement} */ (event.target).closest('tr[data-invoice-id]');
    const path = /** @type {CustomEvent<string>} */ (event).detail;
    if (row) {
      change({}, () => api.invoiceDocumentAttach(Number(row.getAttribute('data-invoice-id')), path));
    }
  });
  paymentBody.addEventListener('click', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    const remove = /** @type {HTMLButtonElement | null} */ (target.closest('button.payment-delete'));
    if (remove) {
      if (paymentDeletion.press(remove)) {
        const paymentId = Number(remove.getAttribute('data-payment-id'));
        change({ deletingPaymentId: paymentId }, () => api.deletePayment(paymentId));
      }
      return;
    }
    const reject = target.closest('button.payment-reject');
    if (reject) {
      context.go({ page: 'rejection-form', clientId: clientId(), paymentId: Number(reject.getAttribute('data-payment-id')) });
    }
  });
  timeline.addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('button.event-close');
    if (button) {
      // A dispute ends, a pause lifts, as of today.
      const eventId = Number(button.getAttribute('data-event-id'));
      change({ closingEventId: eventId }, () => api.eventClose(eventId));
    }
  });

  const element = el('section', { class: 'page client-view', attrs: { id: 'client-view', 'data-client-id': '' } }, [
    back,
    el('header', { class: 'page-header client-view-header' }, [
      el('div', {}, [name, badges]),
      el('div', { class: 'button-row' }, [edit, newInvoice, newPayment, newEvent, newLetter, newPlan]),
    ]),
    el('div', { class: 'figure-grid figure-grid--compact' }, [
      balanceCard,
      overdueCard,
      smallCard('Retard maximal', maxLate),
      smallCard('Factures ouvertes', openInvoices),
    ]),
    el('div', { class: 'client-view-columns' }, [
      el('section', { class: 'panel' }, [el('h2', { class: 'panel-title', text: 'Coordonnées' }), contact, notes]),
      el('section', { class: 'panel' }, [el('h2', { class: 'panel-title', text: 'Adresse postale' }), address, addressProblems]),
    ]),
    procedure,
    claimStatement.element,
    proposalPanel,
    residuals,
    el('section', { class: 'panel', attrs: { 'aria-labelledby': 'client-invoices-title' } }, [
      el('h2', { class: 'panel-title', text: 'Factures', attrs: { id: 'client-invoices-title' } }),
      el('p', {
        class: 'panel-note',
        text: 'Cliquez sur une facture pour la modifier. Pour lui joindre son PDF (les courriers le joignent), '
          + 'déposez le fichier sur sa ligne ou utilisez « Joindre le PDF ».',
      }),
      el('div', { class: 'table-frame' }, [
        el('table', { class: 'data-table data-table--grid', attrs: { id: 'client-invoices' } }, [
          el('thead', {}, [el('tr', {}, [
            columnHeader('N°'), columnHeader('Émise le'), columnHeader('Échéance'),
            columnHeader('Montant TTC', 'amount'), columnHeader('Réglé', 'amount'), columnHeader('Reste dû', 'amount'),
            columnHeader('Retard', 'number'), columnHeader('Statut'), columnHeader('PDF'),
          ])]),
          invoiceBody,
        ]),
      ]),
    ]),
    penalties.element,
    el('section', { class: 'panel', attrs: { 'aria-labelledby': 'client-payments-title' } }, [
      el('h2', { class: 'panel-title', text: 'Règlements', attrs: { id: 'client-payments-title' } }),
      el('div', { class: 'table-frame' }, [
        el('table', { class: 'data-table', attrs: { id: 'client-payments' } }, [
          el('thead', {}, [el('tr', {}, [
            columnHeader('Date'), columnHeader('Mode'), columnHeader('Référence'), columnHeader('Montant', 'amount'),
            columnHeader('Affecté à'), columnHeader('État'),
            el('th', { attrs: { scope: 'col' } }, [el('span', { class: 'visually-hidden', text: 'Suppression' })]),
          ])]),
          paymentBody,
        ]),
      ]),
    ]),
    statement.element,
    el('section', { class: 'panel', attrs: { 'aria-labelledby': 'client-timeline-title' } }, [
      el('h2', { class: 'panel-title', text: 'Suivi', attrs: { id: 'client-timeline-title' } }),
      timeline,
    ]),
  ]);

  /** The part of the page the route asked to show (a letter lacking a déclaration's facts leads here). */
  let asked = '';

  /** @param {{ clientId: number, show?: 'claim_statement' }} route */
  async function open({ clientId: id, show }) {
    const detail = await api.clientDetail(id);
    return () => {
      asked = show || '';
      update({ detail });
    };
  }

  /** Brings the part the route asked for into view, its first box focused. */
  function focus() {
    if (asked === 'claim_statement' && !claimStatement.element.hidden) {
      claimStatement.element.scrollIntoView({ block: 'start' });
      const first = claimStatement.element.querySelector('textarea');
      if (first) {
        first.focus({ preventScroll: true });
      }
    } else {
      name.focus({ preventScroll: true });
    }
  }

  function reload() {
    return context.go({ page: 'client', clientId: clientId() });
  }

  function draftPlan() {
    return context.go({ page: 'plan-draft', clientId: clientId(), back: { page: 'client', clientId: clientId() } });
  }

  /**
   * Accepts, skips or snoozes the client's proposal, then reloads the page; a refusal is shown on the card.
   * @param {number} id
   * @param {import('./api.js').DecisionText} decision
   */
  async function decide(id, decision) {
    if (!current || !current.proposal) {
      return;
    }
    const proposal = current.proposal;
    proposalCard.update({ proposal, busy: true });
    try {
      await api.proposalDecide(id, decision);
    } catch (failure) {
      proposalCard.update({ proposal, refusal: failure });
      return;
    }
    await reload();
  }

  /**
   * Changes the client from their page: the button pressed waits while the core answers, then the page
   * is reloaded; a failure puts the page back as it was and says why in the banner.
   * @param {Omit<ClientViewState, 'detail'>} pending which button waits
   * @param {() => Promise<unknown>} work
   */
  async function change(pending, work) {
    if (!current) {
      return;
    }
    const detail = current;
    update({ detail, ...pending });
    try {
      await work();
    } catch (failure) {
      update({ detail });
      context.fail(failure);
      return;
    }
    await reload();
  }

  /** @param {ClientViewState} state */
  function update({ detail, closingEventId = null, deletingPaymentId = null, writingOffInvoiceId = null }) {
    current = detail;
    // The rows are rebuilt below: a button armed for deletion is gone, and so is its wait.
    paymentDeletion.reset();
    const client = detail.client;
    const summary = detail.summary;
    element.setAttribute('data-client-id', String(client.id));
    name.textContent = detail.name;
    replace(badges, [
      plainBadge(titleOf('client_kinds', client.kind)),
      plainBadge(titleOf('segments', client.segment)),
      clientStatusBadge(client.status),
    ]);

    setFigure(balance, summary.balance, formatMoney(summary.balance));
    balanceNote.textContent = 'Avoir en faveur du client.';
    balanceNote.hidden = toCents(summary.balance) >= 0;
    setFigure(overdue, summary.overdue, formatMoney(summary.overdue));
    overdueCard.classList.toggle('figure-card--alert', toCents(summary.overdue) > 0);
    setFigure(maxLate, String(summary.max_days_late), summary.max_days_late > 0 ? formatDays(summary.max_days_late) : '—');
    setFigure(openInvoices, String(summary.open_invoices), String(summary.open_invoices));

    if (detail.proposal) {
      proposalCard.update({ proposal: detail.proposal });
    }
    proposalPanel.hidden = !detail.proposal;

    replace(contact, contactRows(detail));
    notes.textContent = client.notes;
    notes.hidden = !client.notes;

    if (detail.address_lines.length === 0) {
      replace(address, [el('p', { class: 'muted', text: 'Aucune adresse enregistrée.' })]);
    } else {
      replace(address, detail.address_lines.map((line) => el('span', { class: 'address-line', text: line })));
    }
    if (detail.address_problems.length > 0) {
      replace(addressProblems, [
        el('p', { class: 'address-problems-title', text: 'Cette adresse ne respecte pas la norme postale :' }),
        el('ul', {}, detail.address_problems.map((problem) => el('li', { text: problem.message }))),
      ]);
      addressProblems.hidden = false;
    } else {
      addressProblems.replaceChildren();
      addressProblems.hidden = true;
    }

    updateProcedure(detail);
    penalties.update({ clientId: client.id });
    statement.update({ clientId: client.id, today: context.today() });

    const numbers = new Map(detail.invoices.map((invoice) => [invoice.id, invoice.number]));
    const prescriptions = new Map(detail.prescriptions.map((found) => [found.invoice_id, found]));
    replace(invoiceBody, detail.invoices.length === 0
      ? [emptyRow(9, 'Aucune facture pour ce client.')]
      : detail.invoices.map((invoice) => invoiceRow(invoice, prescriptions.get(invoice.id))));
    updateResiduals(detail, writingOffInvoiceId);
    replace(paymentBody, detail.payments.length === 0
      ? [emptyRow(7, 'Aucun règlement reçu.')]
      : detail.payments.map((payment) => paymentRow(payment, numbers, deletingPaymentId)));
    replace(timeline, detail.timeline.length === 0
      ? [el('li', { class: 'empty-state', text: 'Rien dans le suivi pour l’instant.' })]
      : detail.timeline.map((entry) => timelineItem(entry, closingEventId)));
  }

  /**
   * The residuals under the tolerance, each with its write-off.
   * @param {ClientDetail} detail
   * @param {number | null} writingOffInvoiceId
   */
  function updateResiduals(detail, writingOffInvoiceId) {
    residuals.hidden = detail.residuals.length === 0;
    replace(residuals, detail.residuals.length === 0 ? [] : [
      el('h2', { class: 'panel-title', text: 'Reliquats à abandonner' }),
      el('p', {
        class: 'panel-note',
        text: `Sous la tolérance de ${formatMoney(detail.residual_tolerance)} (Réglages), ces restes ne sont ni relancés `
          + 'ni chargés de l’indemnité de 40 € : abandonnez-les pour solder les factures.',
      }),
      el('ul', { class: 'residual-list' }, detail.residuals.map((residual) => {
        const busy = residual.invoice_id === writingOffInvoiceId;
        return el('li', { class: 'residual', attrs: { 'data-invoice-id': residual.invoice_id } }, [
          el('span', { text: `Facture ${residual.number} : reste ` }),
          el('span', { class: 'amount', text: formatMoney(residual.remaining), attrs: { 'data-value': residual.remaining } }),
          el('button', {
            class: 'button button--small residual-write-off',
            text: busy ? 'Abandon…' : 'Abandonner ce reliquat',
            attrs: { type: 'button', 'data-invoice-id': residual.invoice_id, disabled: busy },
          }),
        ]);
      })),
    ]);
  }

  /** @param {ClientDetail} detail */
  function updateProcedure(detail) {
    const client = detail.client;
    claimStatement.update({ statement: client.procedure.claim_statement, shown: client.status === 'collective_procedure' });
    if (client.status !== 'collective_procedure') {
      procedure.replaceChildren();
      procedure.hidden = true;
      return;
    }
    const p = client.procedure;
    replace(procedure, [
      el('h2', { class: 'panel-title', text: 'Procédure collective' }),
      el('dl', { class: 'detail-list detail-list--inline' }, [
        ...definition('Jugement d’ouverture', p.opening_date ? formatDate(p.opening_date) : '—'),
        ...definition('Publication au BODACC', p.bodacc_date ? formatDate(p.bodacc_date) : '—'),
        ...definition('Mandataire judiciaire', p.mandataire_name || '—'),
        ...definition('Adresse du mandataire', p.mandataire_address || '—', 'preserve-lines'),
      ]),
    ]);
    procedure.hidden = false;
  }

  return { element, open, focus };
}

/**
 * @param {ClientDetail} detail
 * @returns {HTMLElement[]}
 */
function contactRows(detail) {
  const client = detail.client;
  const terms = client.payment_terms_days === null || client.payment_terms_days === undefined
    ? 'délai par défaut du registre'
    : `${formatDays(client.payment_terms_days)}${client.payment_terms_end_of_month ? ' fin de mois' : ''}`;
  /** @type {[string, string][]} */
  const rows = [];
  if (client.kind === 'professional') {
    rows.push(['Contact', client.contact_person]);
  }
  rows.push(['E-mail', client.email], ['Téléphone', client.phone]);
  if (client.kind === 'professional') {
    rows.push(['SIREN/SIRET', client.siren_siret]);
  }
  rows.push(['Délai de paiement', terms]);
  // What its invoices that say none sell, for the livre des recettes.
  rows.push(['Nature des factures', client.default_nature ? titleOf('natures', client.default_nature) : 'Celle du registre']);
  return rows.flatMap(([label, value]) => definition(label, value || '—'));
}

/**
 * @param {string} label
 * @param {string} value
 * @param {string} [className]
 * @returns {HTMLElement[]}
 */
function definition(label, value, className) {
  return [el('dt', { text: label }), el('dd', { text: value, class: className })];
}

/**
 * @param {InvoiceLine} invoice
 * @param {InvoicePrescription | undefined} prescription the day an open invoice becomes time-barred
 * @returns {HTMLTableRowElement}
 */
function invoiceRow(invoice, prescription) {
  const late = invoice.days_late > 0;
  return el('tr', {
    class: 'clickable-row',
    attrs: {
      'data-invoice-id': invoice.id,
      'data-status': invoice.status,
      'data-drop-target': 'invoice',
      'data-document': invoice.document || '',
      tabindex: 0,
      'aria-label': `Modifier la facture ${invoice.number}`,
    },
  }, [
    el('td', { class: 'invoice-number' }, [
      el('span', { text: invoice.number }),
      invoice.corrects ? el('span', { class: 'cell-note invoice-corrects', text: `corrige la facture ${invoice.corrects}` }) : null,
      invoice.object ? el('span', { class: 'cell-note', text: invoice.object }) : null,
    ]),
    el('td', { class: 'date', text: formatDate(invoice.issue_date) }),
    el('td', { class: 'date', text: formatDate(invoice.due_date) }),
    el('td', { class: 'amount', text: formatMoney(invoice.amount), attrs: { 'data-value': invoice.amount } }),
    el('td', { class: 'amount paid', text: formatMoney(invoice.settled), attrs: { 'data-value': invoice.settled, title: settledTitle(invoice) } }),
    el('td', { class: 'amount remaining', text: formatMoney(invoice.remaining), attrs: { 'data-value': invoice.remaining } }),
    el('td', {
      class: `number days-late${late ? ' is-late' : ''}`,
      text: late ? formatDays(invoice.days_late) : '—',
      attrs: { 'data-value': invoice.days_late },
    }),
    // The status, and under it the day an open invoice becomes time-barred (a tenth column would push
    // the PDF out of the panel at the window's usual width).
    el('td', { class: 'invoice-status' }, [
      invoiceStatusBadge(invoice.status, invoice.status_label),
      prescription ? el('span', {
        class: `prescription${prescription.watched ? ' is-near' : ''}`,
        text: `prescrite le ${formatDate(prescription.time_barred_on)}`,
        attrs: { 'data-value': prescription.time_barred_on, title: prescription.basis },
      }) : null,
    ]),
    el('td', { class: 'invoice-document' }, documentCell(invoice)),
  ]);
}

/**
 * The invoice's PDF: its name and « Retirer », or « Joindre le PDF ».
 * @param {InvoiceLine} invoice
 * @returns {HTMLElement[]}
 */
function documentCell(invoice) {
  const button = (/** @type {string} */ action, /** @type {string} */ text) => el('button', {
    class: 'button button--small',
    text,
    attrs: { type: 'button', 'data-document-action': action, 'data-invoice': invoice.id, id: `invoice-document-${action}-${invoice.id}` },
  });
  if (invoice.document) {
    return [el('span', { class: 'document-name', text: invoice.document, attrs: { title: 'Le PDF de la facture, joint aux courriers' } }), button('remove', 'Retirer')];
  }
  return [button('pick', 'Joindre le PDF')];
}

/**
 * @param {Payment} payment
 * @param {Map<number, string>} numbers invoice numbers by id
 * @param {number | null} deletingPaymentId
 * @returns {HTMLTableRowElement}
 */
function paymentRow(payment, numbers, deletingPaymentId) {
  const targets = payment.allocations.map((a) => numbers.get(a.invoice_id) || `n° ${a.invoice_id}`);
  const state = payment.rejection
    ? el('span', {
      class: 'badge badge--rejected',
      text: `Rejeté le ${formatDate(payment.rejection.date)}`,
      attrs: { title: rejectionDetail(payment) },
    })
    : el('button', {
      class: 'button button--small payment-reject',
      text: 'Signaler un rejet',
      attrs: { type: 'button', 'data-payment-id': payment.id },
    });
  const deleting = payment.id === deletingPaymentId;
  const remove = el('button', {
    class: 'button button--small button--danger payment-delete',
    text: deleting ? 'Suppression…' : 'Supprimer',
    attrs: {
      type: 'button',
      'data-payment-id': payment.id,
      disabled: deleting,
      title: 'Supprimer ce règlement saisi par erreur : les factures qu’il réglait redeviennent dues.',
    },
  });
  return el('tr', {
    class: payment.rejection ? 'is-rejected' : '',
    attrs: { 'data-payment-id': payment.id },
  }, [
    el('td', { class: 'date', text: formatDate(payment.date) }),
    el('td', { text: titleOf('payment_methods', payment.method) }),
    el('td', { text: payment.reference || '—' }),
    el('td', { class: 'amount', text: formatMoney(payment.amount), attrs: { 'data-value': payment.amount } }),
    el('td', { text: targets.length > 0 ? targets.join(', ') : 'non affecté (avoir)' }),
    el('td', {}, [state]),
    el('td', { class: 'row-action' }, [remove]),
  ]);
}

/**
 * @param {Payment} payment
 * @returns {string}
 */
function rejectionDetail(payment) {
  const rejection = payment.rejection;
  if (!rejection) {
    return '';
  }
  const parts = [];
  if (rejection.reason) {
    parts.push(rejection.reason);
  }
  if (toCents(rejection.fees) > 0) {
    parts.push(`frais bancaires ${formatMoney(rejection.fees)}`);
  }
  return parts.join(' — ');
}

/**
 * @param {TimelineEntry} entry
 * @param {number | null} closingEventId
 * @returns {HTMLLIElement}
 */
function timelineItem(entry, closingEventId) {
  const closable = entry.event_id !== null && entry.event_id !== undefined && entry.open;
  let close = null;
  if (closable) {
    const closing = entry.event_id === closingEventId;
    close = el('button', {
      class: 'button button--small event-close',
      text: closing ? 'Clôture…' : 'Clore',
      attrs: {
        type: 'button',
        'data-event-id': entry.event_id,
        disabled: closing,
        title: entry.kind === 'pause' ? 'Reprendre les relances dès aujourd’hui' : 'Clore à la date d’aujourd’hui',
      },
    });
  }
  return el('li', {
    class: `timeline-entry timeline-entry--${entry.kind}${entry.open ? ' is-open' : ''}`,
    attrs: { 'data-kind': entry.kind, 'data-event-id': entry.event_id ?? undefined },
  }, [
    el('span', { class: 'timeline-dot', attrs: { 'aria-hidden': 'true' } }),
    el('div', { class: 'timeline-body' }, [
      el('div', { class: 'timeline-head' }, [
        el('time', { class: 'timeline-date', text: formatDate(entry.date), attrs: { datetime: entry.date } }),
        el('strong', { class: 'timeline-title', text: entry.title }),
        entry.open ? el('span', { class: 'badge badge--open', text: 'en cours' }) : null,
        entry.amount !== null && entry.amount !== undefined
          ? el('span', { class: 'timeline-amount amount', text: formatMoney(entry.amount), attrs: { 'data-value': entry.amount } })
          : null,
      ]),
      entry.detail ? el('p', { class: 'timeline-detail', text: entry.detail }) : null,
    ]),
    close,
  ]);
}

/**
 * @param {string} id
 * @param {string} label
 * @param {boolean} [primary]
 * @returns {HTMLButtonElement}
 */
function actionButton(id, label, primary = false) {
  return el('button', {
    class: primary ? 'button button--primary' : 'button',
    text: label,
    attrs: { type: 'button', id },
  });
}

/**
 * @param {string} label
 * @param {HTMLElement} value
 * @returns {HTMLDivElement}
 */
function smallCard(label, value) {
  return el('div', { class: 'figure-card figure-card--small' }, [el('p', { class: 'figure-label', text: label }), value]);
}

/**
 * @param {HTMLElement} element
 * @param {string} raw
 * @param {string} shown
 */
function setFigure(element, raw, shown) {
  element.setAttribute('data-value', raw);
  element.textContent = shown;
}

/**
 * What the "Réglé" cell's tooltip says when credits (credit notes, overpayments) covered part of an invoice.
 * @param {import('./api.js').InvoiceLine} invoice
 * @returns {string}
 */
function settledTitle(invoice) {
  return Number(invoice.credited) > 0
    ? `Dont ${formatMoney(invoice.credited)} couverts par un avoir ou un trop-perçu`
    : '';
}
