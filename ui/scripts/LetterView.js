// @ts-check
/**
 * One letter before it leaves: a readable preview laid out like the printed page (sender, the window
 * address, place and date, registered-mail line, subject, references), the body as free text to edit
 * (kept with the letter), what the checker found missing, and the PDF export. Opened from a client's page
 * (choose the kind first) or from today's letters.
 */

import { el } from './dom.js';
import { formatDate } from './format.js';

/** @typedef {import('./api.js').Letter} Letter */
/** @typedef {import('./api.js').KindEntry} KindEntry */

/**
 * @typedef {object} LetterViewActions
 * @property {() => void} onBack
 * @property {(kind: string) => void} onDraft drafts a letter of this kind for the client
 * @property {(body: string) => void} onSaveBody
 * @property {() => void} onResetBody back to the template's text
 * @property {(body: string) => void} onExport saves the body if it changed, then exports
 */

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
 * @param {LetterViewActions} actions
 * @returns {{ element: HTMLElement, update: (state: LetterViewState) => void, focus: () => void }}
 */
export function LetterView(actions) {
  const back = el('button', { class: 'button button--link back-link', text: '← Retour', attrs: { type: 'button' } });
  back.addEventListener('click', () => actions.onBack());
  const title = el('h1', { class: 'page-title', attrs: { id: 'letter-title' } });
  const error = el('p', { class: 'form-error', attrs: { role: 'alert', id: 'letter-error', hidden: true } });
  const done = el('p', { class: 'form-success', attrs: { role: 'status', id: 'letter-status', hidden: true } });

  // Choosing the kind of a new letter.
  const kindSelect = el('select', { attrs: { id: 'letter-kind', name: 'kind' } });
  const draft = el('button', { class: 'button button--primary', text: 'Préparer le courrier', attrs: { type: 'button', id: 'letter-draft' } });
  draft.addEventListener('click', () => actions.onDraft(kindSelect.value));
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
  const enclosures = el('p', { class: 'letter-enclosures', attrs: { hidden: true } });
  const edited = el('p', { class: 'panel-note', attrs: { id: 'letter-edited', hidden: true }, text: 'Texte modifié à la main : il est gardé avec ce courrier.' });
  const save = el('button', { class: 'button', text: 'Enregistrer le texte', attrs: { type: 'button', id: 'letter-save' } });
  const reset = el('button', { class: 'button', text: 'Revenir au texte du modèle', attrs: { type: 'button', id: 'letter-reset' } });
  const exportPdf = el('button', { class: 'button button--primary', text: 'Exporter en PDF', attrs: { type: 'button', id: 'letter-export' } });
  save.addEventListener('click', () => actions.onSaveBody(body.value));
  reset.addEventListener('click', () => actions.onResetBody());
  exportPdf.addEventListener('click', () => actions.onExport(body.value));
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

  /** @param {LetterViewState} state */
  function update(state) {
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
    if (document.activeElement !== body || !state.busy) {
      body.value = letter.body;
    }
    edited.hidden = !letter.body_edited;
    reset.hidden = !letter.body_edited;
    signature.textContent = facts.sender.legal_name;
    enclosures.hidden = letter.enclosures.length === 0;
    enclosures.textContent = `Pièces jointes : ${letter.enclosures.join(' ; ')}`;
  }

  return { element, update, focus: () => title.focus() };
}
