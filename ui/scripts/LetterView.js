// @ts-check
/**
 * One letter's page before it leaves: a readable preview laid out like the printed page (sender, the
 * window address, place and date, registered-mail line, subject, references), the body as free text to
 * edit (kept with the letter), what the checker found missing, and the PDF export. Opened from a
 * client's page (choose the kind first: the letter is drafted, then shown) or from today's letters.
 */

import * as api from './api.js';
import { el } from './dom.js';
import { formatDate } from './format.js';
import { refusalText } from './refusal.js';

/** @typedef {import('./api.js').Letter} Letter */
/** @typedef {import('./api.js').KindEntry} KindEntry */
/** @typedef {import('./App.js').Route} Route */

/**
 * @typedef {object} LetterViewState
 * @property {string} clientName
 * @property {KindEntry[]} [kinds] the catalogue, to choose the kind of a new letter
 * @property {Letter | null} [letter]
 * @property {boolean} [busy]
 * @property {string | null} [error]
 * @property {string | null} [done] what just succeeded
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

  // Choosing the kind of a new letter.
  const kindSelect = el('select', { attrs: { id: 'letter-kind', name: 'kind' } });
  const draft = el('button', { class: 'button button--primary', text: 'Préparer le courrier', attrs: { type: 'button', id: 'letter-draft' } });
  draft.addEventListener('click', async () => {
    const here = { page: 'client', clientId };
    try {
      const letterId = await api.letterDraft(clientId, kindSelect.value);
      await context.go({ page: 'letter', letterId, back: /** @type {Route} */ (here) });
    } catch (error) {
      update({ ...shown, error: refusalText(error) });
    }
  });
  const picker = el('section', { class: 'panel letter-picker', attrs: { hidden: true } }, [
    el('label', { class: 'field' }, [el('span', { class: 'field-label', text: 'Modèle de courrier' }), kindSelect]),
    el('div', { class: 'button-row' }, [draft]),
  ]);

  // The letter.
  const problems = el('div', { class: 'letter-problems', attrs: { id: 'letter-problems', role: 'note', hidden: true } });
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
  const letterPart = el('div', { class: 'letter-part', attrs: { hidden: true } }, [
    problems, edited, paper, el('div', { class: 'button-row letter-actions' }, [save, reset, exportPdf]),
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
      const letter = await api.letterPreview(route.letterId);
      return () => {
        backTo = route.back;
        letterId = route.letterId;
        update({ clientName: letter.facts.client.name, letter });
      };
    }
    const [detail, kinds] = await Promise.all([api.clientDetail(route.clientId), api.letterKinds()]);
    return () => {
      clientId = route.clientId;
      backTo = { page: 'client', clientId: route.clientId };
      update({ clientName: detail.name, kinds });
    };
  }

  /**
   * One change to the letter: the buttons wait while the core answers, then the letter as it now reads.
   * @param {(letterId: number, letter: Letter) => Promise<Partial<LetterViewState>>} work
   */
  async function run(work) {
    const letter = shown.letter;
    if (!letter) {
      return;
    }
    const base = { clientName: shown.clientName, letter };
    update({ ...base, busy: true });
    try {
      const result = await work(letterId, letter);
      update({ ...base, ...result, busy: false });
    } catch (error) {
      update({ ...base, busy: false, error: refusalText(error) });
    }
  }

  /** @param {LetterViewState} state */
  function update(state) {
    shown = state;
    error.hidden = !state.error;
    error.textContent = state.error || '';
    done.hidden = !state.done;
    done.textContent = state.done || '';
    for (const button of [draft, save, reset, exportPdf]) {
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
      return;
    }
    const facts = letter.facts;
    title.textContent = `${facts.title} — ${facts.client.name}`;
    element.dataset.letterId = String(facts.letter_id ?? '');
    const addressProblems = facts.client.address_problems.map((p) => `Adresse : ${p.message}`);
    const found = [...addressProblems, ...letter.problems];
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
    reset.hidden = !letter.body_edited;
    signature.textContent = facts.sender.legal_name;
    enclosures.hidden = letter.enclosures.length === 0;
    enclosures.textContent = `Pièces jointes : ${letter.enclosures.join(' ; ')}`;
  }

  return { element, open, focus: () => title.focus() };
}
