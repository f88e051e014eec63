// @ts-check
/**
 * French display of amounts and dates, and the reading of what people type in amount and date inputs.
 *
 * Amounts stay decimal strings from the core to the screen. The only arithmetic the window does (the
 * payment split total) runs in integer cents, never on floats.
 */

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

const MONTHS = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
];

/** Exactly what an amount input may hold once spaces, the euro sign and the decimal comma are dealt with. */
const AMOUNT_PATTERN = /^-?\d+(\.\d{1,2})?$/;

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
  // A zero balance may arrive as "-0.00"; nobody owes minus nothing. Intl groups thousands with a narrow
  // no-break space (U+202F), which Liberation Sans lacks: WebKit then borrows a wider glyph from another
  // font ("38  609,80 €"). The ordinary no-break space is in every font.
  return euros.format(number === 0 ? 0 : number).replace(/\u202f/g, '\u00a0');
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
  const [year, month, day] = parts;
  return `${day === 1 ? '1er' : String(day)} ${MONTHS[month - 1]} ${year}`;
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
 * @typedef {{ ok: true, value: string } | { ok: false, message: string }} Parsed
 */

/**
 * Reads a typed date, "22/11/2026" or "2026-11-22", into ISO. Impossible dates are refused, never shifted.
 * The text is assumed non-empty; emptiness is the caller's business.
 * @param {string} text
 * @returns {Parsed}
 */
export function parseDateInput(text) {
  const trimmed = text.trim();
  let year = 0;
  let month = 0;
  let day = 0;
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  if (french) {
    day = Number(french[1]);
    month = Number(french[2]);
    year = Number(french[3]);
  } else if (iso) {
    year = Number(iso[1]);
    month = Number(iso[2]);
    day = Number(iso[3]);
  } else {
    return { ok: false, message: `date « ${trimmed} » illisible : écrivez-la comme 22/11/2026.` };
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, message: `la date « ${trimmed} » n'existe pas dans le calendrier.` };
  }
  const value = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { ok: true, value };
}

/**
 * Reads a typed amount, "1 234,56", "1234.56" or "1 234,56 €", into "1234.56".
 * The text is assumed non-empty; emptiness is the caller's business.
 * @param {string} text
 * @returns {Parsed}
 */
export function parseAmountInput(text) {
  const compact = text.replace(/[\s\u00a0\u202f\u2009€]/g, '').replace(',', '.');
  if (!AMOUNT_PATTERN.test(compact)) {
    return {
      ok: false,
      message: `montant « ${text.trim()} » illisible : écrivez par exemple 1 234,56 (deux décimales au plus).`,
    };
  }
  return { ok: true, value: normaliseDecimal(compact) };
}

/**
 * Reads a typed yearly rate, "10,15", "10.15 %" or "12", into "10.15" (four decimals at most).
 * The text is assumed non-empty; emptiness is the caller's business.
 * @param {string} text
 * @returns {Parsed}
 */
export function parseRateInput(text) {
  const compact = text.replace(/[\s\u00a0\u202f\u2009%]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,4})?$/.test(compact)) {
    return { ok: false, message: `taux « ${text.trim()} » illisible : écrivez par exemple 10,15 (en % par an).` };
  }
  return { ok: true, value: normaliseDecimal(compact) };
}

/**
 * Integer cents from a decimal string ("-12.5" → -1250). Amounts stay far below 2^53 cents.
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
 * "1234.56" from integer cents.
 * @param {number} cents
 * @returns {string}
 */
export function fromCents(cents) {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(Math.trunc(cents));
  const units = Math.floor(absolute / 100);
  const rest = absolute % 100;
  return `${sign}${units}.${String(rest).padStart(2, '0')}`;
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

/**
 * @param {number} year
 * @param {number} month 1 to 12
 * @returns {number}
 */
function daysInMonth(year, month) {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * "-0012.50" → "-12.50", "7" → "7", "-0" → "0": leading zeros dropped, the decimals kept as typed.
 * @param {string} text
 * @returns {string}
 */
function normaliseDecimal(text) {
  const negative = text.startsWith('-');
  const [integer, fraction] = (negative ? text.slice(1) : text).split('.');
  const units = integer.replace(/^0+(?=\d)/, '');
  const body = fraction === undefined ? units : `${units}.${fraction}`;
  const isZero = /^0(\.0+)?$/.test(body);
  return negative && !isZero ? `-${body}` : body;
}
