// @ts-check
/**
 * The logo and the signature of the profile page: each shown as stored, chosen in the native dialog (PNG
 * or JPEG; the core checks it, refuses it in French or stores it reduced, as PNG), or removed. An image is
 * stored as soon as it is chosen, apart from the profile form.
 */

import * as api from './api.js';
import { el, replace } from './dom.js';
import { refusalText } from './refusal.js';

/** @typedef {import('./api.js').ProfileImage} ProfileImage */
/** @typedef {import('./api.js').ProfileImagesView} ProfileImagesView */

/**
 * @typedef {object} ProfileImagesState
 * @property {ProfileImagesView} images
 * @property {ProfileImage} [refused] the image whose file was refused
 * @property {string} [refusal] why, in French
 * @property {string} [done]
 */

/**
 * The logo and the signature: each shown as stored, chosen in the native dialog (PNG or JPEG; the core
 * checks and reduces it), or removed. Outside the profile form: an image is stored as soon as it is
 * chosen.
 * @returns {{ element: HTMLElement, update: (state: ProfileImagesState) => void }}
 */
export function ProfileImages() {
  /** @type {ProfileImagesView} */
  let current = { logo: null, signature: null };
  const done = el('p', { class: 'form-success', attrs: { id: 'profile-images-done', role: 'status', hidden: true } });
  /** @type {Record<ProfileImage, { preview: HTMLElement, error: HTMLElement, remove: HTMLButtonElement }>} */
  const parts = /** @type {any} */ ({});
  /**
   * @param {ProfileImage} image
   * @param {string} title
   * @param {string} help
   */
  const part = (image, title, help) => {
    const preview = el('div', { class: 'profile-image-preview', attrs: { id: `profile-${image}-preview` } });
    const error = el('p', { class: 'field-error', attrs: { id: `profile-${image}-error`, 'data-error-for': image, 'aria-live': 'polite' } });
    const choose = el('button', { class: 'button', text: 'Choisir une image…', attrs: { type: 'button', id: `profile-${image}-choose` } });
    const remove = el('button', { class: 'button button--danger', text: 'Retirer', attrs: { type: 'button', id: `profile-${image}-remove` } });
    choose.addEventListener('click', async () => {
      try {
        const stored = await api.profileImagePick(image);
        if (stored) {
          update({ images: stored, done: image === 'logo' ? 'Logo enregistré.' : 'Signature enregistrée.' });
        }
      } catch (failure) {
        update({ images: current, refused: image, refusal: refusalText(failure) });
      }
    });
    remove.addEventListener('click', async () => {
      try {
        update({ images: await api.profileImageRemove(image), done: image === 'logo' ? 'Logo retiré.' : 'Signature retirée.' });
      } catch (failure) {
        update({ images: current, refused: image, refusal: refusalText(failure) });
      }
    });
    parts[image] = { preview, error, remove };
    return el('div', { class: 'profile-image', attrs: { 'data-image': image } }, [
      el('h3', { class: 'profile-image-title', text: title }),
      el('p', { class: 'field-hint', text: help }),
      preview,
      error,
      el('div', { class: 'button-row' }, [choose, remove]),
    ]);
  };
  const element = el('section', { class: 'panel profile-images', attrs: { id: 'profile-images', 'aria-labelledby': 'profile-images-title' } }, [
    el('h2', { class: 'panel-title', text: 'Logo et signature', attrs: { id: 'profile-images-title' } }),
    el('p', { class: 'panel-note', text: 'Images PNG ou JPEG de 8 Mo au plus, imprimées sur chaque courrier : le logo en tête, la signature sous votre nom.' }),
    el('div', { class: 'profile-image-list' }, [
      part('logo', 'Logo', 'En haut à gauche, au-dessus de votre nom (45 × 18 mm au plus).'),
      part('signature', 'Signature', 'Sous votre nom, à la place d’une signature à la main (50 × 16 mm au plus).'),
    ]),
    done,
  ]);

  /** @param {ProfileImagesState} state */
  function update(state) {
    current = state.images;
    for (const image of /** @type {ProfileImage[]} */ (['logo', 'signature'])) {
      const stored = current[image];
      const { preview, error, remove } = parts[image];
      const shown = preview.querySelector('img');
      // The same picture stays as it is: a new element would be decoded again and blink.
      const same = stored && shown && shown.getAttribute('src') === `data:image/png;base64,${stored.png_base64}`;
      if (!same) {
        replace(preview, stored
          ? [el('img', { class: 'profile-image-picture', attrs: {
            src: `data:image/png;base64,${stored.png_base64}`,
            alt: image === 'logo' ? 'Votre logo' : 'Votre signature',
            'data-width': stored.width,
            'data-height': stored.height,
          } })]
          : [el('p', { class: 'muted', text: image === 'logo' ? 'Aucun logo.' : 'Aucune signature : la place reste pour signer à la main.' })]);
      }
      remove.hidden = !stored;
      error.textContent = state.refused === image ? (state.refusal || '') : '';
    }
    done.textContent = state.done || '';
    done.hidden = !state.done;
  }

  return { element, update };
}
