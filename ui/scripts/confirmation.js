// @ts-check
/**
 * Deleting asks twice, inside the page: the first click turns the button into "Confirmer la
 * suppression" for a few seconds, and only a second click within that time goes ahead. The webview may
 * not show `window.confirm`, and a button that changes under the pointer keeps the user where they are.
 */

/** How long an armed button waits for the second click, in milliseconds. */
export const CONFIRMATION_WINDOW = 5000;

/**
 * @typedef {object} InlineConfirmation
 * @property {(button: HTMLButtonElement) => boolean} press true when the click confirms the armed
 *   button (which gets its first label back); otherwise arms this button and returns false
 * @property {() => void} reset disarms the armed button, if any
 */

/**
 * Keeps at most one button armed: arming another disarms the first.
 * @param {string} [confirmLabel]
 * @returns {InlineConfirmation}
 */
export function inlineConfirmation(confirmLabel = 'Confirmer la suppression') {
  /** @type {HTMLButtonElement | null} */
  let armed = null;
  let firstLabel = '';
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;

  function reset() {
    clearTimeout(timer);
    if (armed) {
      armed.textContent = firstLabel;
      armed.classList.remove('is-confirming');
      armed = null;
    }
  }

  /** @param {HTMLButtonElement} button */
  function press(button) {
    if (button === armed) {
      reset();
      return true;
    }
    reset();
    armed = button;
    firstLabel = button.textContent || '';
    button.textContent = confirmLabel;
    button.classList.add('is-confirming');
    timer = setTimeout(reset, CONFIRMATION_WINDOW);
    return false;
  }

  return { press, reset };
}
