// @ts-check
/**
 * French display of amounts and dates, nothing more: what people type goes to the core as text, which
 * reads it with its one grammar. Amounts stay decimal strings from the core to the screen; the window
 * compares them (signs, sorting) in integer cents, never on floats, and computes none.
 */

import { months } from './labels.js';

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const counts = new Intl.NumberFormat('fr-FR');

/**
 * Intl groups thousands with a narrow no-break space (U+202F), which Liberation Sans lacks: WebKit then
 * borrows a wider glyph from another font ("38  609,80 €"). The ordinary no-break space is in every font,
 * and the core groups with it too (domain::money::GROUP_SEPARATOR).
 * @param {string} text
 * @returns {string}
 */
function ordinarySpaces(text) {
  return text.replace(/\u202f/g, '\u00a0');
}

/**
 * "1 234,56 €" from "1234.56". Only the display goes through a float.
 * @param {string | null | undefined} value
 * @returns {string}
 */
export function formatMoney(value) {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  const number = Number(value);
  if (!Number.isFinite(number)) {
    return String(value);
  }
  // A zero balance may arrive as "-0.00"; nobody owes minus nothing.
  return ordinarySpaces(euros.format(number === 0 ? 0 : number));
}

/**
 * "22 novembre 2026" and "1er août 2026" from an ISO date, as the letters write it.
 * @param {string | null | undefined} iso
 * @returns {string}
 */
export function formatDate(iso) {
  const parts = splitIso(iso);
  if (!parts) {
    return iso ? String(iso) : '—';
  }
  const names = months();
  if (!names) {
    return String(iso);
  }
  const [year, month, day] = parts;
  return `${day === 1 ? '1er' : String(day)} ${names[month - 1]} ${year}`;
}

/**
 * "22/11/2026" from an ISO date, the form a date input shows.
 * @param {string | null | undefined} iso
 * @returns {string}
 */
export function dateToInput(iso) {
  const parts = splitIso(iso);
  if (!parts) {
    return '';
  }
  const [year, month, day] = parts;
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

/**
 * An audit timestamp, "2026-11-22T10:15:00Z", as "22/11/2026 10:15 UTC".
 * @param {string} stamp
 * @returns {string}
 */
export function formatStamp(stamp) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(stamp);
  return match ? `${match[3]}/${match[2]}/${match[1]} ${match[4]}:${match[5]} UTC` : stamp;
}

/**
 * "1234,56" from "1234.56", the form an amount input shows.
 * @param {string | null | undefined} value
 * @returns {string}
 */
export function amountToInput(value) {
  if (value === null || value === undefined) {
    return '';
  }
  return String(value).replace('.', ',');
}

/**
 * Integer cents from a decimal string ("-12.5" → -1250), to compare amounts (a sign, an order) without
 * floats. Amounts stay far below 2^53 cents.
 * @param {string | null | undefined} value
 * @returns {number}
 */
export function toCents(value) {
  if (!value) {
    return 0;
  }
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(value).trim());
  if (!match) {
    return 0;
  }
  const fraction = (match[3] || '').padEnd(2, '0').slice(0, 2);
  const cents = Number(match[2]) * 100 + Number(fraction);
  return match[1] === '-' ? -cents : cents;
}

/**
 * Text folded for searching: lower case, accents removed ("Hôtel" finds "hotel").
 * @param {string} text
 * @returns {string}
 */
export function foldForSearch(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

/**
 * Compares names the way a French directory sorts them (case and accents ignored).
 * @param {string} a
 * @param {string} b
 * @returns {number}
 */
export function compareNames(a, b) {
  return a.localeCompare(b, 'fr', { sensitivity: 'base', ignorePunctuation: true });
}

/**
 * "9 556": a count grouped by thousands, with the no-break space `formatMoney` uses.
 * @param {number} count
 * @returns {string}
 */
export function formatCount(count) {
  return ordinarySpaces(counts.format(count));
}

/**
 * "3 jours", "1 jour".
 * @param {number} days
 * @returns {string}
 */
export function formatDays(days) {
  return days === 1 ? '1 jour' : `${days} jours`;
}

/**
 * @param {string | null | undefined} iso
 * @returns {[number, number, number] | null}
 */
function splitIso(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : null;
}
