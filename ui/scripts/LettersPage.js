// @ts-check
/**
 * The « Courriers » page: the letters waiting to be printed (`LetterBatch`: open one, export them
 * all), the letters waiting to leave by e-mail (`EmailBatch`: send them all), then every letter with its dispatch (`LetterList`: open its dispatch, print a day's deposit
 * list, build a client's dossier for the court).
 */

import * as api from './api.js';
import { el } from './dom.js';
import { EmailBatch } from './EmailBatch.js';
import { LetterBatch } from './LetterBatch.js';
import { LetterList } from './LetterList.js';
import { MissingFacts, missingFactsOf } from './MissingFacts.js';
import { refusalText } from './refusal.js';

/** @typedef {import('./api.js').BatchLetter} BatchLetter */
/** @typedef {import('./api.js').LetterLine} LetterLine */

/**
 * @param {import('./App.js').PageContext} context
 * @returns {import('./App.js').Page}
 */
export function LettersPage(context) {
  /** What the page shows, as last loaded. */
  /** @type {BatchLetter[]} */
  let letters = [];
  /** @type {LetterLine[]} */
  let lines = [];
  // What the letters waiting lack (a half-year's rate, a déclaration's facts…), each with the way to give
  // it: said before the export, which would be refused for it.
  const missing = MissingFacts(
    { go: (route) => context.go(route) },
    'Ces courriers ne seront pas imprimés tant que ceci manque (les autres le seront) :',
  );
  missing.element.id = 'batch-missing-facts';
  /** Shows what the letters waiting lack; a refusal's own facts are added (a letter composed anew). */
  const showMissing = (/** @type {unknown} */ failure = null) => missing.update({
    items: [
      ...letters.flatMap(({ letter }) => letter.facts.missing.map((fact) => ({
        fact, clientId: letter.facts.client.id, clientName: letter.facts.client.name,
      }))),
      ...(failure ? missingFactsOf(failure)
        .filter((fact) => !letters.some(({ letter }) => letter.facts.missing.some((own) => own.code === fact.code)))
        .map((fact) => ({ fact, clientId: 0 })) : []),
    ],
  });

  const batch = LetterBatch({
    onOpen: (letterId) => context.go({ page: 'letter', letterId, back: { page: 'letters' } }),
    async onExport(single, withDocuments) {
      batch.update({ letters, progress: { done: 0, total: letters.length } });
      try {
        const done = await api.letterBatchExport(single, withDocuments, (progress) => batch.update({ letters, progress }));
        // The letters printed leave the batch and read « Imprimé » in the list below; those refused stay,
        // each said with its reason.
        [letters, lines] = await Promise.all([api.letterBatch(), api.dispatchLetters()]);
        batch.update({
          letters,
          done: done && done.files.length > 0
            ? `${done.printed.length} courrier(s) imprimé(s), ${done.files.length} fichier(s) enregistré(s) : ${done.files.join(', ')}`
            : null,
          refused: done ? done.refused : [],
        });
        showMissing();
        list.update({ letters: lines, today: context.today() });
      } catch (error) {
        const lacking = missingFactsOf(error).length > 0;
        batch.update({
          letters,
          error: lacking ? 'Courriers non imprimés : donnez d’abord ce qui manque, dit ci-dessous.' : refusalText(error),
        });
        showMissing(lacking ? error : null);
      }
    },
  });
  /** The e-mail letters waiting to leave, counted from the letters list. */
  const emailWaiting = () => lines.filter((line) => line.dispatch === 'email' && (line.status === 'drafted' || line.status === 'printed')).length;
  const emails = EmailBatch({
    async onSend() {
      emails.update({ waiting: emailWaiting(), progress: { done: 0, total: emailWaiting() } });
      try {
        const sent = await api.emailBatchSend((progress) => emails.update({ waiting: emailWaiting(), progress }));
        [letters, lines] = await Promise.all([api.letterBatch(), api.dispatchLetters()]);
        emails.update({ waiting: emailWaiting(), lines: sent });
        batch.update({ letters });
        showMissing();
        list.update({ letters: lines, today: context.today() });
      } catch (error) {
        emails.update({ waiting: emailWaiting(), error: refusalText(error) });
      }
    },
  });
  const list = LetterList({
    onOpen: (letterId) => context.go({ page: 'dispatch', letterId }),
    onDepositList: (date) => run(() => api.depositListExport(date), (path) => `Liste de dépôt enregistrée : ${path}`),
    onDossier: (clientId) => run(() => api.dossierExport(clientId), (path) => `Dossier écrit : ${path}`),
  });
  const element = el('div', { class: 'letters-page' }, [batch.element, missing.element, emails.element, list.element]);

  async function open() {
    const [found, all] = await Promise.all([api.letterBatch(), api.dispatchLetters()]);
    return () => {
      letters = found;
      lines = all;
      batch.update({ letters });
      emails.update({ waiting: emailWaiting() });
      showMissing();
      list.update({ letters: lines, today: context.today() });
    };
  }

  /**
   * Writes a file the list offers; says where, or why not.
   * @param {() => Promise<string | null>} work resolves to the file written, null when cancelled
   * @param {(path: string) => string} said
   */
  async function run(work, said) {
    try {
      const path = await work();
      list.update({ letters: lines, today: context.today(), done: path ? said(path) : null });
    } catch (error) {
      list.update({ letters: lines, today: context.today(), refusal: error });
    }
  }

  return { element, open };
}
