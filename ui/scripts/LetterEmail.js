// @ts-check
/**
 * The e-mail that carries a letter whose dispatch is e-mail, on the letter's page: to whom (the client's
 * address, or why there is none, with « Envoyer par courrier » to switch the letter to paper), from whom,
 * the subject and short body to edit, the PDF attached, « Envoyer l’e-mail »; once sent, its proof (the
 * day, the recipient, the server's reply, the Message-ID and the archived message with its SHA-256).
 * Without SMTP, « Ouvrir dans ma messagerie » writes a draft `.eml` for the user's own mail program, and
 * « L’e-mail est parti » records the letter sent with that message as its proof.
 */

import { el } from './dom.js';
import { formatDate } from './format.js';

/** @typedef {import('./api.js').LetterEmail} LetterEmailData */

/**
 * @typedef {object} LetterEmailState
 * @property {LetterEmailData | null} email
 * @property {boolean} [busy]
 * @property {string | null} [error] why it did not leave, in French
 * @property {string | null} [done]
 * @property {import('./api.js').Handover | null} [handover] the draft handed to the user's mail program
 */

/**
 * @param {{ onSave: (subject: string, body: string) => void, onSend: (subject: string, body: string) => void, onPaper: () => void, onHandover: (subject: string, body: string) => void, onConfirm: () => void }} actions
 * @returns {{ element: HTMLElement, update: (state: LetterEmailState) => void }}
 */
export function LetterEmail(actions) {
  const to = el('p', { class: 'letter-email-line', attrs: { id: 'letter-email-to' } });
  const from = el('p', { class: 'letter-email-line', attrs: { id: 'letter-email-from' } });
  const problem = el('p', { class: 'form-error', attrs: { id: 'letter-email-problem', role: 'alert', hidden: true } });
  const subject = el('input', { class: 'input letter-email-subject', attrs: { id: 'letter-email-subject', name: 'subject', type: 'text' } });
  const body = el('textarea', { class: 'letter-email-body', attrs: { id: 'letter-email-body', name: 'body', rows: 14 } });
  const attachment = el('p', { class: 'letter-email-line', attrs: { id: 'letter-email-attachment' } });
  const problems = el('ul', { class: 'form-error', attrs: { id: 'letter-email-problems', hidden: true } });
  const error = el('p', { class: 'form-error', attrs: { id: 'letter-email-error', role: 'alert', hidden: true } });
  const done = el('p', { class: 'form-success', attrs: { id: 'letter-email-done', role: 'status', hidden: true } });
  const proof = el('div', { class: 'letter-email-proof', attrs: { id: 'letter-email-proof', hidden: true } });
  const save = el('button', { class: 'button', text: 'Enregistrer l’e-mail', attrs: { type: 'button', id: 'letter-email-save' } });
  const send = el('button', { class: 'button button--primary', text: 'Envoyer l’e-mail', attrs: { type: 'button', id: 'letter-email-send' } });
  const paper = el('button', { class: 'button', text: 'Envoyer par courrier', attrs: { type: 'button', id: 'letter-email-paper' } });
  const handover = el('button', { class: 'button', text: 'Ouvrir dans ma messagerie', attrs: { type: 'button', id: 'letter-email-handover' } });
  const handed = el('p', { class: 'panel-note', attrs: { id: 'letter-email-handed', hidden: true } });
  const confirm = el('button', { class: 'button', text: 'L’e-mail est parti', attrs: { type: 'button', id: 'letter-email-confirm', hidden: true } });
  handover.addEventListener('click', () => actions.onHandover(subject.value, body.value));
  confirm.addEventListener('click', () => actions.onConfirm());
  save.addEventListener('click', () => actions.onSave(subject.value, body.value));
  send.addEventListener('click', () => actions.onSend(subject.value, body.value));
  paper.addEventListener('click', () => actions.onPaper());

  const element = el('section', { class: 'panel letter-email', attrs: { id: 'letter-email', hidden: true } }, [
    el('h2', { class: 'panel-title', text: 'E-mail' }),
    to, from, problem,
    el('label', { class: 'field' }, [el('span', { class: 'field-label', text: 'Objet' }), subject]),
    el('label', { class: 'field' }, [el('span', { class: 'field-label', text: 'Message' }), body]),
    attachment, problems, error, done, proof, handed,
    el('div', { class: 'button-row' }, [save, send, handover, confirm, paper]),
  ]);

  /** @param {LetterEmailState} state */
  function update(state) {
    const email = state.email;
    element.hidden = !email || (email.dispatch !== 'email' && !email.sent);
    if (!email) {
      return;
    }
    const waiting = email.status === 'drafted' || email.status === 'printed';
    to.textContent = `À : ${email.recipient ? `${email.client_name} <${email.recipient}>` : email.client_name}`;
    from.textContent = email.from ? `De : ${email.from.name} <${email.from.address}>` : 'De : (réglez l’envoi dans Réglages › E-mail)';
    const reason = waiting && !email.can_send ? email.cannot_send_reason : '';
    problem.hidden = !reason;
    problem.textContent = reason;
    if (!state.busy && !state.error) {
      subject.value = email.text.subject;
      body.value = email.text.body;
    }
    subject.disabled = !waiting;
    body.disabled = !waiting;
    attachment.textContent = `Pièce jointe : ${email.attachment_name} (PDF)`;
    problems.hidden = email.text.problems.length === 0;
    problems.replaceChildren(...email.text.problems.map((item) => el('li', { text: item })));
    error.hidden = !state.error;
    error.textContent = state.error || '';
    done.hidden = !state.done;
    done.textContent = state.done || '';
    save.hidden = !waiting;
    send.hidden = !waiting;
    send.disabled = Boolean(state.busy) || !email.can_send;
    save.disabled = Boolean(state.busy);
    paper.hidden = !waiting || email.dispatch !== 'email' || Boolean(email.recipient);
    handover.hidden = !waiting || !email.recipient;
    handover.disabled = Boolean(state.busy);
    const draft = waiting ? state.handover || null : null;
    handed.hidden = !draft;
    handed.textContent = draft
      ? `Brouillon écrit : ${draft.eml_path}. Ouvrez ce fichier : votre messagerie présente l’e-mail prêt à partir, PDF joint. Une fois envoyé, dites-le ici.`
      : '';
    confirm.hidden = !draft;
    confirm.disabled = Boolean(state.busy);
    paper.disabled = Boolean(state.busy);
    const sent = email.sent;
    proof.hidden = !sent;
    if (sent) {
      const how = sent.way === 'smtp' ? `réponse du serveur : « ${sent.server_reply} »` : 'parti de votre messagerie';
      proof.replaceChildren(
        el('p', { class: 'letter-email-sent', text: `E-mail envoyé le ${formatDate(sent.sent_on)} à ${sent.recipient} ; ${how}.` }),
        el('p', { class: 'panel-note', text: `Message-ID ${sent.message_id}` }),
        el('p', { class: 'panel-note', text: `Preuve archivée : « ${sent.eml_file} », SHA-256 ${sent.sha256}` }),
      );
    }
  }

  return { element, update };
}
