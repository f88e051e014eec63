// @ts-check
/**
 * Small helpers to build elements with DOM APIs only: text always goes in as text nodes, so nothing a
 * user typed can ever be read as markup.
 */

/** @typedef {Node | string | number | null | undefined | false} Child */

/**
 * @typedef {object} ElementOptions
 * @property {string} [class] class names
 * @property {string} [text] text content
 * @property {Record<string, string | number | boolean | null | undefined>} [attrs] attributes; true sets an
 *   empty attribute, false, null and undefined leave it out
 */

/**
 * Creates an HTML element.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {ElementOptions} [options]
 * @param {Child[]} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, options = {}, children = []) {
  const element = document.createElement(tag);
  if (options.class) {
    element.className = options.class;
  }
  setAttributes(element, options.attrs);
  if (options.text !== undefined) {
    element.textContent = options.text;
  }
  append(element, children);
  return element;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Creates an SVG element.
 * @param {string} tag
 * @param {Record<string, string | number | boolean | null | undefined>} [attrs]
 * @param {Child[]} [children]
 * @returns {SVGElement}
 */
export function svg(tag, attrs = {}, children = []) {
  const element = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, tag));
  setAttributes(element, attrs);
  append(element, children);
  return element;
}

/**
 * Appends children, strings and numbers as text nodes; false, null and undefined are skipped.
 * @param {Element} parent
 * @param {Child[]} children
 */
export function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.append(typeof child === 'number' ? String(child) : child);
  }
}

/**
 * Replaces all children of `parent`.
 * @param {Element} parent
 * @param {Child[]} children
 */
export function replace(parent, children) {
  parent.replaceChildren();
  append(parent, children);
}

/**
 * @param {Element} element
 * @param {Record<string, string | number | boolean | null | undefined>} [attrs]
 */
function setAttributes(element, attrs) {
  if (!attrs) {
    return;
  }
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    element.setAttribute(name, value === true ? '' : String(value));
  }
}

/**
 * A small inline icon drawn with SVG paths (24×24 grid, stroked with the current colour).
 * @param {string} pathData
 * @returns {SVGElement}
 */
export function icon(pathData) {
  return svg('svg', {
    class: 'icon', viewBox: '0 0 24 24', width: 18, height: 18, 'aria-hidden': 'true', focusable: 'false',
  }, [svg('path', { d: pathData })]);
}
