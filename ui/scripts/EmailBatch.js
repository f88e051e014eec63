// @ts-check
/**
 * « Envoyer les e-mails » on the letters page: how many letters wait to leave by e-mail, one button that
 * sends them all through the user's mail server with a progress bar, then one line per letter, sent (with
 * the server's reply) or not (why, and what to do) — a failure stops nothing else.
 */

import { el } from './dom.js';

/** @typedef {import('./api.js').EmailBatchLine} EmailBatchLine */

/**
 * @typedef {object} EmailBatchState
 * @property {number} waiting the e-mail letters waiting to leave
 * @property {{ done: number, total: number } | null} [progress] while sending
 * @property {EmailBatchLine[]} [lines] the last sending's outcome
 * @property {string | null} [error]
 */

/**
 * @param {{ onSend: () => void }} actions
 * @returns {{ element: HTMLElement, update: (state: EmailBatchState) => void }}
 */
export function EmailBatch(actions) {
  const count = el('p', { class: 'panel-note', attrs: { id: 'email-batch-count' } });
  const send = el('button', { class: 'button button--primary', text: 'Envoyer les e-mails', attrs: { type: 'button', id: 'email-batch-send' } });
  const progress = el('progress', { attrs: { id: 'email-batch-progress', max: 1, value: 0, hidden: true } });
  const error = el('p', { class: 'form-error', attrs: { role: 'alert', id: 'email-batch-error', hidden: true } });
  const results = el('ul', { class: 'email-batch-results', attrs: { id: 'email-batch-results' } });
  send.addEventListener('click', () => actions.onSend());
  const element = el('section', { class: 'panel email-batch', attrs: { id: 'email-batch' } }, [
    el('h2', { class: 'panel-title', text: 'Courriers à envoyer par e-mail' }),
    count, error, el('div', { class: 'button-row' }, [send, progress]), results,
  ]);

  /** @param {EmailBatchState} state */
  function update(state) {
    count.textContent = state.waiting === 0
      ? 'Aucun courrier n’attend de partir par e-mail.'
      : `${state.waiting} courrier(s) attendent de partir par e-mail, avec leur PDF en pièce jointe.`;
    send.disabled = state.waiting === 0 || Boolean(state.progress);
    progress.hidden = !state.progress;
    if (state.progress) {
      progress.max = Math.max(state.progress.total, 1);
      progress.value = state.progress.done;
    }
    error.hidden = !state.error;
    error.textContent = state.error || '';
    if (state.lines) {
      results.replaceChildren(...state.lines.map((line) => el('li', {
        class: line.sent ? 'email-batch-sent' : 'email-batch-failed',
        attrs: { 'data-letter-id': line.letter_id, 'data-sent': String(line.sent) },
        text: `Courrier n° ${line.letter_id} (${line.client_name}) : ${line.sent ? 'envoyé' : 'non envoyé'}. ${line.message}`,
      })));
    }
  }

  return { element, update };
}
