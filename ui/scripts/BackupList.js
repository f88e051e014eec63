// @ts-check
/**
 * The backups of the ledger, as a section of the settings page: when each was taken and why, its size,
 * a backup on demand, and a restore in two clicks (the second confirms). After a restore the window
 * reloads every page from the restored ledger.
 */

import { el } from './dom.js';
import { inlineConfirmation } from './confirmation.js';
import { columnHeader, emptyRow } from './tables.js';

/** @typedef {import('./api.js').Backup} Backup */

/**
 * @typedef {object} BackupListState
 * @property {Backup[]} backups newest first
 * @property {boolean} busy true while a backup or a restore runs
 * @property {string | null} error
 * @property {string | null} done what just succeeded
 */

/**
 * @param {{ onCreate: () => void, onRestore: (fileName: string) => void }} actions
 * @returns {{ element: HTMLElement, update: (state: BackupListState) => void }}
 */
export function BackupList(actions) {
  const confirmation = inlineConfirmation('Confirmer la restauration');
  const create = el('button', {
    class: 'button', text: 'Sauvegarder maintenant', attrs: { type: 'button', id: 'backup-create' },
  });
  create.addEventListener('click', () => actions.onCreate());
  const error = el('p', { class: 'form-error', attrs: { role: 'alert', hidden: true } });
  const done = el('p', { class: 'form-success', attrs: { role: 'status', hidden: true } });
  const body = el('tbody');
  body.addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('button[data-file-name]');
    if (button instanceof HTMLButtonElement && confirmation.press(button)) {
      actions.onRestore(button.dataset.fileName || '');
    }
  });

  const element = el('section', { class: 'panel backup-list', attrs: { id: 'backup-list', 'aria-labelledby': 'backup-list-title' } }, [
    el('div', { class: 'backup-list-header' }, [
      el('h2', { class: 'panel-title', text: 'Sauvegardes', attrs: { id: 'backup-list-title' } }),
      create,
    ]),
    el('p', {
      class: 'panel-note',
      text: 'Ardoise sauvegarde le registre à la première ouverture du jour, avant chaque import, avant une mise '
        + 'à jour et avant une restauration. Les 30 dernières sont gardées dans le dossier « sauvegardes » '
        + 'à côté du registre. Restaurer remplace le registre ; son état actuel est sauvegardé d’abord.',
    }),
    error,
    done,
    el('div', { class: 'table-frame' }, [
      el('table', { class: 'data-table' }, [
        el('thead', {}, [el('tr', {}, [
          columnHeader('Date', 'date'), columnHeader('Occasion'), columnHeader('Taille', 'number'), columnHeader(''),
        ])]),
        body,
      ]),
    ]),
  ]);

  /** @param {BackupListState} state */
  function update(state) {
    confirmation.reset();
    create.disabled = state.busy;
    error.hidden = !state.error;
    error.textContent = state.error || '';
    done.hidden = !state.done;
    done.textContent = state.done || '';
    if (state.backups.length === 0) {
      body.replaceChildren(emptyRow(4, 'Aucune sauvegarde pour l’instant.'));
      return;
    }
    body.replaceChildren(...state.backups.map((backup) => {
      const restore = el('button', {
        class: 'button button--small', text: 'Restaurer',
        attrs: { type: 'button', 'data-file-name': backup.file_name, disabled: state.busy },
      });
      return el('tr', { attrs: { 'data-backup': backup.file_name } }, [
        el('td', { class: 'date', text: formatWritten(backup.written_at), attrs: { title: backup.file_name } }),
        el('td', { text: backup.reason_label }),
        el('td', { class: 'number', text: formatSize(backup.size_bytes) }),
        el('td', { class: 'actions' }, [restore]),
      ]);
    }));
  }

  return { element, update };
}

/**
 * "22/11/2026 à 19:40", in the computer's time zone.
 * @param {string} iso
 */
function formatWritten(iso) {
  const date = new Date(iso);
  const day = date.toLocaleDateString('fr-FR');
  const time = date.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' });
  return `${day} à ${time}`;
}

/** @param {number} bytes */
function formatSize(bytes) {
  if (bytes < 1024 * 1024) {
    return `${Math.max(1, Math.round(bytes / 1024))} Ko`;
  }
  return `${(bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}
