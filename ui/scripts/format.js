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
 * a decimal comma and a no-break space before the euro sign. Computed on the decimal string, never on a
 * float. Not with `Intl.NumberFormat`: making its French formats took 6 ms of the window's start (ICU's
 * data loaded on the first screen's path, measured), and it grouped with U+202F, which the font lacks.
 * @param {string | null | undefined} value
 * @returns {string}
 */
export function formatMoney(value) {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(String(value).trim());
  if (!match) {
    return String(value);
  }
  const fraction = (match[3] || '').padEnd(3, '0');
  // Cents as a string of digits, so that amounts beyond 2^53 cents keep every digit.
  let cents = stripZeros(match[2] + fraction.slice(0, 2));
  if (fraction.charCodeAt(2) >= 53) {
    cents = addOne(cents);
  }
  const padded = cents.padStart(3, '0');
  const units = padded.slice(0, -2);
  // A zero balance may arrive as "-0.00"; nobody owes minus nothing.
  const sign = match[1] === '-' && cents !== '0' ? '-' : '';
  return `${sign}${groupDigits(units)},${padded.slice(-2)}\u00a0€`;
}

/**
 * @param {string} digits
 * @returns {string} the same number without leading zeros ("0" for zero)
 */
function stripZeros(digits) {
  return digits.replace(/^0+(?=\d)/, '');
}

/**
 * @param {string} digits
 * @returns {string} the number plus one, in decimal digits
 */
function addOne(digits) {
  let index = digits.length - 1;
  while (index >= 0 && digits[index] === '9') {
    index -= 1;
  }
  const head = index < 0 ? '1' : digits.slice(0, index) + String(Number(digits[index]) + 1);
  return head + '0'.repeat(digits.length - 1 - index);
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
