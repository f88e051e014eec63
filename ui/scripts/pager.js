// @ts-check
/**
 * A long list shown a page at a time: the first items, then « Afficher N de plus (M restants) » adds a
 * page. WebKit lays out every element of a page, and a large ledger's lists run to thousands of rows
 * (10,000 clients took the clients page 2 s to draw, 9,556 proposal cards the dashboard 9 s).
 */

import { el } from './dom.js';
import { formatCount } from './format.js';

/**
 * @typedef {object} PagerView
 * @property {HTMLElement} element the button's paragraph, placed after the list
 * @property {<T>(items: T[]) => T[]} shownOf the items to show now; the button says how many are left
 * @property {() => number} limit how many items to show now (for a list loaded a page at a time)
 * @property {(total: number, shown: number) => void} count says how many are left of such a list
 * @property {() => void} reset back to the first page (a new search, another order)
 */

/**
 * @param {{ id: string, size: number, left: (count: string) => string, onMore: () => void }} options
 *   `left` words what is left (« 26 restantes », « 9 900 restants »); `onMore` shows the list again
 * @returns {PagerView}
 */
export function Pager({ id, size, left, onMore }) {
  const button = el('button', { class: 'button', attrs: { type: 'button', id } });
  const element = el('p', { class: 'pager' }, [button]);
  let limit = size;
  button.addEventListener('click', () => {
    limit += size;
    onMore();
  });

  /**
   * @param {number} total
   * @param {number} shown
   */
  function count(total, shown) {
    const rest = total - shown;
    element.hidden = rest <= 0;
    button.textContent = `Afficher ${formatCount(Math.min(size, rest))} de plus (${left(formatCount(rest))})`;
  }

  return {
    element,
    shownOf(items) {
      const shown = items.slice(0, limit);
      count(items.length, shown.length);
      return shown;
    },
    limit: () => limit,
    count,
    reset() {
      limit = size;
    },
  };
}
