// @ts-check
/**
 * One letter's page before it leaves: a readable preview laid out like the printed page (sender, the
 * window address, place and date, registered-mail line, subject, references), the body as free text to
 * edit (kept with the letter), what the checker found missing, where the letter stands (printed, edited
 * since, sent, cancelled), the PDF export, « Annuler ce courrier » with its reason, and for a letter
 * that leaves by e-mail its e-mail (`LetterEmail`: edited, sent, its proof). Opened from a
 * client's page (choose the kind and tick the invoices it is about first: the letter is drafted, then
 * shown) or from the letters waiting to be printed.
 */

import * as api from './api.js';
import { el, replace } from './dom.js';
import { formatDate, formatMoney } from './format.js';
import { LetterEmail } from './LetterEmail.js';
import { MissingFacts, missingFactsOf } from './MissingFacts.js';
import { clearRefusal, refusalText, showRefusal } from './refusal.js';

/** @typedef {import('./api.js').Letter} Letter */
/** @typedef {import('./api.js').LetterState} LetterState */
/** @typedef {import('./api.js').InvoiceChoice} InvoiceChoice */
/** @typedef {import('./api.js').KindEntry} KindEntry */
/** @typedef {import('./App.js').Route} Route */

/**
 * @typedef {object} LetterViewState
 * @property {string} clientName
 * @property {KindEntry[]} [kinds] the catalogue, to choose the kind of a new letter
 * @property {InvoiceChoice[]} [choices] the invoices a new letter of the chosen kind may be about
 * @property {Letter | null} [letter]
 * @property {LetterState | null} [life] where the letter stands
 * @property {boolean} [cancelling] the reason of a cancellation is being typed
 * @property {unknown} [refusal] the core's refusal of a draft or a cancellation, shown by field
 * @property {boolean} [busy]
 * @property {string | null} [error]
 * @property {string | null} [done] what just succeeded
 * @property {import('./api.js').MissingFact[]} [missing] what a refused export said the letter lacks
 */

/**
 * @param {import('./App.js').PageContext} context
 * @returns {import('./App.js').Page}
 */
export function LetterView(context) {
  /** Where « Retour » leads. */
  /** @type {Route} */
  let backTo = { page: 'letters' };
  /** The page's state as last shown: the client's name, the catalogue or the letter. */
  /** @type {LetterViewState} */
  let shown = { clientName: '' };
  /** The client a new letter is for, and the letter shown. */
  let clientId = 0;
  let letterId = 0;
  const back = el('button', { class: 'button button--link back-link', text: '← Retour', attrs: { type: 'button' } });
  back.addEventListener('click', () => context.go(backTo));
  const title = el('h1', { class: 'page-title', attrs: { id: 'letter-title' } });
  const error = el('p', { class: 'form-error', attrs: { role: 'alert', id: 'letter-error', hidden: true } });
  const done = el('p', { class: 'form-success', attrs: { role: 'status', id: 'letter-status', hidden: true } });

  // Choosing the kind of a new letter and the invoices it is about.
  const kindSelect = el('select', { attrs: { id: 'letter-kind', name: 'kind' } });
  const invoiceList = el('ul', { class: 'letter-invoices', attrs: { id: 'letter-invoices' } });
  const pickerError = el('div', { class: 'form-error', attrs: { role: 'alert', id: 'letter-picker-error', hidden: true } });
  const draft = el('button', { class: 'button button--primary', text: 'Préparer le courrier', attrs: { type: 'button', id: 'letter-draft' } });
  /** Increases with every kind chosen, so that the invoices of a kind no longer chosen are dropped. */
  let choicesAsked = 0;
  kindSelect.addEventListener('change', async () => {
    choicesAsked += 1;
    const mine = choicesAsked;
    try {
      const choices = await api.letterChoices(clientId, kindSelect.value);
      if (mine === choicesAsked) {
        update({ ...shown, choices, refusal: null, error: null });
      }
    } catch (failure) {
      update({ ...shown, error: refusalText(failure) });
    }
  });
  draft.addEventListener('click', async () => {
    const here = { page: 'client', clientId };
    const picked = Array.from(invoiceList.querySelectorAll('input[name="invoice"]:checked'))
      .map((box) => Number(/** @type {HTMLInputElement} */ (box).value));
    update({ ...shown, busy: true, refusal: null });
    try {
      const letterId = await api.letterDraft(clientId, kindSelect.value, picked);
      await context.go({ page: 'letter', letterId, back: /** @type {Route} */ (here) });
    } catch (failure) {
      update({ ...shown, busy: false, refusal: failure });
    }
  });
  const picker = el('section', { class: 'panel letter-picker', attrs: { hidden: true } }, [
    el('label', { class: 'field' }, [el('span', { class: 'field-label', text: 'Modèle de courrier' }), kindSelect]),
    el('fieldset', { class: 'field letter-invoice-picker' }, [
      el('legend', { class: 'field-label', text: 'Factures concernées' }),
      el('p', {
        class: 'panel-note',
        text: 'Les factures que ce courrier vise d’habitude sont cochées (les factures en retard pour une relance). '
          + 'Le courrier compte comme une étape des relances pour chacune des factures cochées.',
      }),
      invoiceList,
      el('p', { class: 'field-error', attrs: { 'data-error-for': 'invoice_ids', 'aria-live': 'polite' } }),
    ]),
    pickerError,
    el('div', { class: 'button-row' }, [draft]),
  ]);
  const pickerPlace = { root: picker, box: pickerError, summary: false };
  /** The choices the list shows, to rebuild it only when they change. */
  /** @type {InvoiceChoice[] | undefined} */
  let listedChoices;

  // The letter.
  const problems = el('div', { class: 'letter-problems', attrs: { id: 'letter-problems', role: 'note', hidden: true } });
  // What the letter lacks before it can be printed, each with the way to give it.
  const missing = MissingFacts({ go: (route) => context.go(route) });
  missing.element.id = 'letter-missing-facts';
  const sender = el('div', { class: 'letter-sender' });
  const recipient = el('div', { class: 'letter-window', attrs: { id: 'letter-recipient' } });
  const placeDate = el('p', { class: 'letter-place-date', attrs: { id: 'letter-date' } });
  const registered = el('p', { class: 'letter-registered', attrs: { hidden: true } });
  const subject = el('p', { class: 'letter-subject', attrs: { id: 'letter-subject' } });
  const references = el('p', { class: 'letter-references' });
  const body = el('textarea', {
    class: 'letter-body',
    attrs: { id: 'letter-body', name: 'body', rows: 22, spellcheck: 'true', 'aria-label': 'Texte du courrier' },
  });
  const signature = el('p', { class: 'letter-signature' });
  const enclosures = el('p', { class: 'letter-enclosures', attrs: { id: 'letter-enclosures', hidden: true } });
  const edited = el('p', { class: 'panel-note', attrs: { id: 'letter-edited', hidden: true }, text: 'Texte modifié à la main : il est gardé avec ce courrier.' });
  // Where the letter stands, and its cancellation with a reason.
  const life = el('p', { class: 'letter-life', attrs: { id: 'letter-life', 'data-status': '' } });
  const cancelOpen = el('button', { class: 'button button--danger', text: 'Annuler ce courrier', attrs: { type: 'button', id: 'letter-cancel' } });
  const cancelReason = el('textarea', { attrs: { id: 'letter-cancel-reason', name: 'reason', rows: 2 } });
  const cancelError = el('div', { class: 'form-error', attrs: { role: 'alert', hidden: true } });
  const cancelConfirm = el('button', { class: 'button button--danger', text: 'Confirmer l’annulation', attrs: { type: 'button', id: 'letter-cancel-confirm' } });
  const cancelKeep = el('button', { class: 'button', text: 'Garder le courrier', attrs: { type: 'button', id: 'letter-cancel-keep' } });
  const cancelForm = el('section', { class: 'panel letter-cancel-form', attrs: { id: 'letter-cancel-form', hidden: true } }, [
    el('label', { class: 'field' }, [
      el('span', { class: 'field-label', text: 'Pourquoi ce courrier est-il annulé ? (gardé dans le suivi du client)' }),
      cancelReason,
      el('span', { class: 'field-error', attrs: { 'data-error-for': 'reason', 'aria-live': 'polite' } }),
    ]),
    cancelError,
    el('div', { class: 'button-row' }, [cancelConfirm, cancelKeep]),
  ]);
  const cancelPlace = { root: cancelForm, box: cancelError, summary: false };
  cancelOpen.addEventListener('click', () => {
    update({ ...shown, cancelling: true, done: null });
    cancelReason.focus();
  });
  cancelKeep.addEventListener('click', () => update({ ...shown, cancelling: false, refusal: null }));
  cancelConfirm.addEventListener('click', async () => {
    const reason = cancelReason.value;
    await run(async (letterId) => ({
      life: await api.letterCancel(letterId, reason),
      cancelling: false,
      done: 'Courrier annulé : il reste dans le suivi du client, avec son motif, et ne bloque plus les relances.',
    }), true);
    // The button was at the foot of a long letter: the page's head says what became of it.
    if (shown.life && shown.life.status === 'cancelled') {
      title.scrollIntoView({ block: 'start' });
    }
  });
  const save = el('button', { class: 'button', text: 'Enregistrer le texte', attrs: { type: 'button', id: 'letter-save' } });
  const reset = el('button', { class: 'button', text: 'Revenir au texte du modèle', attrs: { type: 'button', id: 'letter-reset' } });
  const exportPdf = el('button', { class: 'button button--primary', text: 'Exporter en PDF', attrs: { type: 'button', id: 'letter-export' } });
  // The text is read when the button is pressed: the page then shows the letter as the core keeps it.
  save.addEventListener('click', () => {
    const typed = body.value;
    run(async (letterId) => ({ letter: await api.letterSaveBody(letterId, typed), done: 'Texte enregistré avec le courrier.' }));
  });
  reset.addEventListener('click', () => run(async (letterId) => ({
    letter: await api.letterSaveBody(letterId, ''),
    done: 'Texte du modèle rétabli.',
  })));
  exportPdf.addEventListener('click', () => {
    const typed = body.value;
    run(async (letterId, letter) => {
      const saved = typed.trim() === letter.body.trim() ? letter : await api.letterSaveBody(letterId, typed);
      const path = await api.letterExport(letterId);
      return { letter: saved, done: path ? `PDF enregistré : ${path}` : null };
    });
  });
  const paper = el('article', { class: 'letter-paper', attrs: { 'aria-label': 'Aperçu du courrier' } }, [
    el('div', { class: 'letter-head' }, [sender, recipient]),
    placeDate, registered, subject, references, body, signature, enclosures,
  ]);
  // The e-mail of a letter that leaves by e-mail: the core answers with the e-mail as it now stands.
  /** @type {import('./api.js').LetterEmail | null} */
  let email = null;
  /** @type {import('./api.js').Handover | null} */
  let handover = null;
  /** @param {() => Promise<import('./api.js').LetterEmail>} work @param {(result: import('./api.js').LetterEmail) => string} said */
  async function emailWork(work, said) {
    emailView.update({ email, handover, busy: true });
    try {
      email = await work();
      emailView.update({ email, handover, done: said(email) });
      const [letter, life] = await Promise.all([api.letterPreview(letterId), api.letterState(letterId)]);
      update({ ...shown, letter, life, done: null, error: null });
    } catch (failure) {
      // A fact the letter lacks is said once, above, beside its way; the e-mail's refusal points there.
      const lacking = missingFactsOf(failure);
      if (lacking.length > 0) {
        update({ ...shown, missing: lacking });
      }
      emailView.update({
        email,
        handover,
        error: lacking.length > 0 ? 'E-mail non envoyé : donnez d’abord ce qui manque, dit ci-dessus.' : refusalText(failure),
      });
    }
  }
  const emailView = LetterEmail({
    onSave: (subjectTyped, bodyTyped) => emailWork(() => api.letterEmailSave(letterId, subjectTyped, bodyTyped), () => 'E-mail enregistré avec le courrier.'),
    onSend: (subjectTyped, bodyTyped) => emailWork(async () => {
      await api.letterEmailSave(letterId, subjectTyped, bodyTyped);
      return api.letterEmailSend(letterId);
    }, (sent) => `E-mail envoyé à ${sent.recipient} : le courrier est enregistré comme envoyé.`),
    onPaper: () => emailWork(() => api.letterToPaper(letterId), () => 'Ce courrier partira par la poste : imprimez-le (Exporter en PDF).'),
    onHandover: (subjectTyped, bodyTyped) => emailWork(async () => {
      const saved = await api.letterEmailSave(letterId, subjectTyped, bodyTyped);
      handover = await api.letterEmailHandover(letterId);
      return saved;
    }, () => ''),
    onConfirm: () => emailWork(async () => {
      const confirmed = await api.letterEmailConfirm(letterId, handover ? handover.handed_at : '');
      handover = null;
      return confirmed;
    }, () => 'Courrier enregistré comme envoyé ; l’e-mail remis à votre messagerie est gardé comme preuve.'),
  });
  const letterPart = el('div', { class: 'letter-part', attrs: { hidden: true } }, [
    life, missing.element, problems, edited, emailView.element, paper, el('div', { class: 'button-row letter-actions' }, [save, reset, exportPdf, cancelOpen]), cancelForm,
  ]);

  const element = el('section', { class: 'letter-view', attrs: { id: 'letter-view' } }, [
    back, title, error, done, picker, letterPart,
  ]);

  /**
   * A letter, or the choice of a new letter's kind for a client.
   * @param {{ page: 'letter', letterId: number, back: Route } | { page: 'letter-new', clientId: number }} route
   */
  async function open(route) {
    if (route.page === 'letter') {
      const [letter, state, letterEmail] = await Promise.all([
        api.letterPreview(route.letterId), api.letterState(route.letterId),
        // The e-mail part is an addition: the letter's page opens without it if it cannot be composed.
        api.letterEmailGet(route.letterId).catch(() => null),
      ]);
      return () => {
        backTo = route.back;
        letterId = route.letterId;
        cancelReason.value = '';
        email = letterEmail;
        handover = null;
        emailView.update({ email, handover });
        update({ clientName: letter.facts.client.name, letter, life: state });
      };
    }
    const [detail, kinds] = await Promise.all([api.clientDetail(route.clientId), api.letterKinds()]);
    email = null;
    emailView.update({ email });
    const choices = kinds.length > 0 ? await api.letterChoices(route.clientId, kinds[0].kind) : [];
    return () => {
      clientId = route.clientId;
      backTo = { page: 'client', clientId: route.clientId };
      choicesAsked += 1;
      kindSelect.replaceChildren();
      update({ clientName: detail.name, kinds, choices });
    };
  }

  /**
   * One change to the letter: the buttons wait while the core answers, then the letter as it now reads
   * and where it now stands.
   * @param {(letterId: number, letter: Letter) => Promise<Partial<LetterViewState>>} work
   * @param {boolean} [byField] a refusal is shown by field (the cancellation's reason), not in the banner
   */
  async function run(work, byField = false) {
    const letter = shown.letter;
    if (!letter) {
      return;
    }
    const base = { clientName: shown.clientName, letter, life: shown.life, cancelling: shown.cancelling };
    update({ ...base, busy: true });
    try {
      const result = await work(letterId, letter);
      const state = result.life || await api.letterState(letterId);
      update({ ...base, ...result, life: state, busy: false });
    } catch (failure) {
      const lacking = missingFactsOf(failure);
      update(byField
        ? { ...base, busy: false, refusal: failure }
        : lacking.length > 0
          // Each lacking fact is said once, below the refusal beside its way: the refusal only points there.
          ? { ...base, busy: false, error: 'Courrier non imprimé : donnez d’abord ce qui manque, dit ci-dessous.', missing: lacking }
          : { ...base, busy: false, error: refusalText(failure) });
    }
  }

  /** @param {LetterViewState} state */
  function update(state) {
    shown = state;
    error.hidden = !state.error;
    error.textContent = state.error || '';
    done.hidden = !state.done;
    done.textContent = state.done || '';
    for (const button of [draft, save, reset, exportPdf, cancelOpen, cancelConfirm, cancelKeep]) {
      button.disabled = Boolean(state.busy);
    }
    const letter = state.letter || null;
    picker.hidden = Boolean(letter);
    letterPart.hidden = !letter;
    if (!letter) {
      title.textContent = `Nouveau courrier pour ${state.clientName}`;
      const kinds = state.kinds || [];
      if (kindSelect.options.length !== kinds.length) {
        kindSelect.replaceChildren(...kinds.map((kind) => el('option', {
          text: `${kind.title} (${kind.dispatch_label})`, attrs: { value: kind.kind },
        })));
      }
      if (state.choices !== listedChoices) {
        listedChoices = state.choices;
        const choices = state.choices || [];
        replace(invoiceList, choices.length === 0
          ? [el('li', { class: 'panel-note', text: 'Ce client n’a aucune facture : saisissez-la d’abord.' })]
          : choices.map(invoiceChoice));
      }
      if (state.refusal) {
        showRefusal(pickerPlace, state.refusal);
      } else if (!state.busy) {
        clearRefusal(pickerPlace);
      }
      return;
    }
    const lifeState = state.life || null;
    const closed = lifeState !== null && ['sent', 'cancelled'].includes(lifeState.status);
    life.hidden = !lifeState;
    life.textContent = lifeState ? lifeState.status_label : '';
    life.setAttribute('data-status', lifeState ? (lifeState.edited_since_printed ? 'edited' : lifeState.status) : '');
    cancelOpen.hidden = !lifeState || !lifeState.can_cancel || Boolean(state.cancelling);
    cancelForm.hidden = !lifeState || !lifeState.can_cancel || !state.cancelling;
    if (state.refusal) {
      showRefusal(cancelPlace, state.refusal);
    } else if (!state.busy) {
      clearRefusal(cancelPlace);
    }
    // A letter sent or cancelled no longer changes: its text is shown, not edited; a sent one still
    // exports (its archived PDF).
    body.readOnly = closed;
    save.hidden = closed;
    exportPdf.hidden = lifeState !== null && lifeState.status === 'cancelled';
    const facts = letter.facts;
    title.textContent = `${facts.title} — ${facts.client.name}`;
    element.dataset.letterId = String(facts.letter_id ?? '');
    const lacking = state.missing || facts.missing;
    missing.update({ items: lacking.map((fact) => ({ fact, clientId: facts.client.id })) });
    const addressProblems = facts.client.address_problems.map((p) => `Adresse : ${p.message}`);
    // The facts the letter lacks are said above, with their way: not twice.
    const said = new Set(lacking.map((fact) => fact.message));
    const found = [...addressProblems, ...letter.problems.filter((problem) => !said.has(problem))];
    problems.hidden = found.length === 0;
    problems.replaceChildren(
      el('p', { class: 'letter-problems-title', text: 'À vérifier avant l’envoi :' }),
      el('ul', {}, found.map((problem) => el('li', { text: problem }))),
    );
    sender.replaceChildren(
      el('strong', { text: facts.sender.legal_name }),
      ...[facts.sender.trade_name, ...facts.sender.address_lines].filter(Boolean).map((line) => el('span', { text: line })),
    );
    recipient.replaceChildren(...facts.client.address_lines.map((line) => el('span', { text: line })));
    placeDate.textContent = `${facts.sender.town || ''}, le ${formatDate(facts.date)}`;
    registered.hidden = !facts.registered;
    registered.textContent = `Lettre recommandée avec accusé de réception n° ${facts.tracking_number || '____________'}`;
    subject.textContent = `Objet : ${letter.subject}`;
    references.textContent = letter.references ? `Références : ${letter.references}` : '';
    // While the core answers, or when it refused, the text stays as typed.
    if (!state.busy && !state.error) {
      body.value = letter.body;
    }
    edited.hidden = !letter.body_edited;
    reset.hidden = !letter.body_edited || closed;
    signature.textContent = facts.sender.legal_name;
    enclosures.hidden = letter.enclosures.length === 0;
    enclosures.textContent = `Pièces jointes : ${letter.enclosures.join(' ; ')}`;
  }

  return { element, open, focus: () => title.focus() };
}

/**
 * One invoice of the picker: ticked when the kind is usually about it.
 * @param {InvoiceChoice} choice
 */
function invoiceChoice(choice) {
  const box = el('input', {
    attrs: { type: 'checkbox', name: 'invoice', value: choice.id, 'data-number': choice.number, checked: choice.preselected },
  });
  const late = choice.days_late > 0 ? ` (${choice.days_late} j)` : '';
  return el('li', { attrs: { 'data-invoice-id': choice.id } }, [
    el('label', { class: 'letter-invoice' }, [
      box,
      el('span', { class: 'letter-invoice-number', text: choice.number }),
      el('span', {
        class: 'letter-invoice-detail',
        text: `échéance le ${formatDate(choice.due_date)} · reste ${formatMoney(choice.remaining)} · ${choice.status_label}${late}`,
      }),
    ]),
  ]);
}
