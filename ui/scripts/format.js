// @ts-check
/**
 * French display of amounts and dates, nothing more: what people type goes to the core as text, which
 * reads it with its one grammar. Amounts stay decimal strings from the core to the screen; the window
 * compares them (signs, sorting) in integer cents, never on floats, and computes none.
 */

import { months } from './labels.js';

/** What joins groups of three digits: the no-break space of the core's `domain::money::GROUP_SEPARATOR`. */
const GROUP = '\u00a0';

/**
 * "1 234,56 €" from "1234.56", as the core writes amounts (`domain::money::format_eur`): rounded to the
 * cent half away from zero, "-" before a negative amount, digits grouped by three with a no-break space,
 * a decimal comma and a no-break space before the euro sign. Computed in integer cents (`readCents`),
 * never on a float. Not with `Intl.NumberFormat`: making its French formats took 6 ms of the window's
 * start (ICU's data loaded on the first screen's path, measured), and it grouped with U+202F, which the
 * font lacks.
 * @param {string | null | undefined} value
 * @returns {string}
 */
export function formatMoney(value) {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  const cents = readCents(value);
  if (cents === null) {
    return String(value);
  }
  // A zero balance may arrive as "-0.00"; nobody owes minus nothing.
  const sign = cents < 0 ? '-' : '';
  const magnitude = Math.abs(cents);
  const units = String(Math.floor(magnitude / 100));
  return `${sign}${groupDigits(units)},${String(magnitude % 100).padStart(2, '0')}\u00a0€`;
}

/**
 * Integer cents from a decimal string ("-12.5" → -1250, "0.005" → 1), rounded half away from zero as the
 * core rounds (`domain::money::round_cents`); null for a text that is no decimal number. Amounts stay far
 * below 2^53 cents (the core's `MAX_AMOUNT` is 10^11 cents).
 * @param {string} value
 * @returns {number | null}
 */
function readCents(value) {
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(String(value).trim());
  if (!match) {
    return null;
  }
  const fraction = (match[3] || '').padEnd(3, '0');
  const magnitude = Number(match[2]) * 100 + Number(fraction.slice(0, 2)) + (fraction[2] >= '5' ? 1 : 0);
  return match[1] === '-' && magnitude !== 0 ? -magnitude : magnitude;
}

/**
 * Digits in groups of three from the right, joined by `GROUP` (`domain::money::group_digits`).
 * @param {string} digits
 * @returns {string}
 */
function groupDigits(digits) {
  let grouped = '';
  for (let index = 0; index < digits.length; index += 1) {
    if (index > 0 && (digits.length - index) % 3 === 0) {
      grouped += GROUP;
    }
    grouped += digits[index];
  }
  return grouped;
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
 * Integer cents from a decimal string, to compare amounts (a sign, an order) without floats; 0 for a
 * missing or unreadable amount.
 * @param {string | null | undefined} value
 * @returns {number}
 */
export function toCents(value) {
  return value ? (readCents(value) ?? 0) : 0;
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
  return Number.isSafeInteger(count) && count >= 0 ? groupDigits(String(count)) : String(count);
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
