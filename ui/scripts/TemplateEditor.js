// @ts-check
/**
 * The letter templates, as a section of the settings page: choose a template, edit a copy of its text
 * (Tera: `{{ client.name }}`, `{{ amount | eur }}`…), save it, or restore the original, which is always
 * kept. A broken copy is refused with a French message naming the line.
 */

import { el } from './dom.js';

/** @typedef {import('./api.js').TemplateEntry} TemplateEntry */

/**
 * @typedef {object} TemplateEditorActions
 * @property {(name: string, source: string) => void} onSave
 * @property {(name: string) => void} onRestore
 */

/**
 * @typedef {object} TemplateEditorState
 * @property {TemplateEntry[]} templates
 * @property {string | null} [selected] the template shown; the first when null
 * @property {string | null} [error]
 * @property {string | null} [done]
 */

/**
 * @param {TemplateEditorActions} actions
 * @returns {{ element: HTMLElement, update: (state: TemplateEditorState) => void }}
 */
export function TemplateEditor(actions) {
  /** @type {TemplateEntry[]} */
  let templates = [];
  const select = el('select', { attrs: { id: 'template-name', name: 'template' } });
  const source = el('textarea', {
    class: 'template-source', attrs: { id: 'template-source', rows: 18, spellcheck: 'false', 'aria-label': 'Texte du modèle' },
  });
  const status = el('p', { class: 'panel-note', attrs: { id: 'template-state' } });
  const error = el('p', { class: 'form-error', attrs: { role: 'alert', id: 'template-error', hidden: true } });
  const done = el('p', { class: 'form-success', attrs: { role: 'status', id: 'template-saved', hidden: true } });
  const save = el('button', { class: 'button button--primary', text: 'Enregistrer ma version', attrs: { type: 'button', id: 'template-save' } });
  const restore = el('button', { class: 'button', text: 'Rétablir l’original', attrs: { type: 'button', id: 'template-restore' } });
  select.addEventListener('change', () => show(select.value));
  save.addEventListener('click', () => actions.onSave(select.value, source.value));
  restore.addEventListener('click', () => actions.onRestore(select.value));

  const element = el('section', { class: 'panel template-editor', attrs: { id: 'template-editor', 'aria-labelledby': 'template-editor-title' } }, [
    el('h2', { class: 'panel-title', text: 'Modèles de courrier', attrs: { id: 'template-editor-title' } }),
    el('p', {
      class: 'panel-note',
      text: 'Modifiez une copie d’un modèle : l’original reste disponible. La première ligne « Objet : » donne '
        + 'l’objet, une dernière ligne « Pièces jointes : » la liste des pièces ; les valeurs s’écrivent '
        + '{{ client.name }}, {{ total_remaining | eur }}, {{ date | date_long }}.',
    }),
    el('label', { class: 'field' }, [el('span', { class: 'field-label', text: 'Modèle' }), select]),
    status,
    source,
    error,
    done,
    el('div', { class: 'button-row' }, [save, restore]),
  ]);

  /** @param {string} name */
  function show(name) {
    const entry = templates.find((t) => t.name === name) || templates[0];
    if (!entry) {
      return;
    }
    select.value = entry.name;
    source.value = entry.source;
    status.textContent = entry.edited ? 'Votre version est utilisée.' : 'Modèle d’origine.';
    restore.disabled = !entry.edited;
  }

  /** @param {TemplateEditorState} state */
  function update(state) {
    templates = state.templates;
    if (select.options.length !== templates.length) {
      select.replaceChildren(...templates.map((t) => el('option', {
        text: `${t.title}${t.variant ? ` — ${t.variant}` : ''}`, attrs: { value: t.name },
      })));
    }
    error.hidden = !state.error;
    error.textContent = state.error || '';
    done.hidden = !state.done;
    done.textContent = state.done || '';
    if (state.error) {
      return;
    }
    show(state.selected || select.value || (templates[0] ? templates[0].name : ''));
  }

  return { element, update };
}
