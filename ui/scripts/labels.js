// @ts-check
/**
 * The French words for the core's enums, one table each, in the order the forms offer them.
 */

/** @type {[string, string][]} */
export const CLIENT_KINDS = [
  ['professional', 'Professionnel'],
  ['consumer', 'Particulier'],
];

/** Short labels for the client list. */
/** @type {Record<string, string>} */
export const CLIENT_KIND_SHORT = {
  professional: 'Pro',
  consumer: 'Particulier',
};

/** @type {[string, string][]} */
export const SEGMENTS = [
  ['new', 'Nouveau client'],
  ['regular', 'Client régulier'],
  ['chronic_late_payer', 'Retardataire chronique'],
  ['key_account', 'Grand compte'],
  ['micro_business', 'Micro-entreprise'],
];

/** @type {[string, string][]} */
export const CLIENT_STATUSES = [
  ['active', 'Actif'],
  ['in_dispute', 'En litige'],
  ['collective_procedure', 'Procédure collective'],
];

/** @type {[string, string][]} */
export const PAYMENT_METHODS = [
  ['transfer', 'Virement'],
  ['cheque', 'Chèque'],
  ['card', 'Carte'],
  ['direct_debit', 'Prélèvement'],
  ['cash', 'Espèces'],
];

/** The kinds a user records by hand; procedure steps come from the client's status. */
/** @type {[string, string][]} */
export const EVENT_KINDS = [
  ['note', 'Note'],
  ['call', 'Appel'],
  ['promise', 'Promesse de paiement'],
  ['dispute', 'Contestation'],
  ['pause', 'Suspension des relances'],
];

/**
 * The label of `value` in one of the tables above, or the value itself when unknown.
 * @param {[string, string][]} table
 * @param {string} value
 * @returns {string}
 */
export function labelOf(table, value) {
  const found = table.find(([key]) => key === value);
  return found ? found[1] : value;
}
