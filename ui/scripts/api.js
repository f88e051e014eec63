// @ts-check
/**
 * The window's only door to the Rust core: one async function per Tauri command.
 *
 * Tauri 2 maps camelCase argument keys to the commands' snake_case parameters; the fields inside struct
 * arguments (`fields`, `rejection`, `profile`) keep the snake_case names serde gives them. Amounts travel
 * as decimal strings ("1234.56") and dates as ISO strings ("2026-11-22") in both directions.
 *
 * Every function rejects with an {@link ApiError}, whatever shape the shell used.
 */

/** @typedef {string} Decimal An exact amount as a decimal string, "1234.56". */
/** @typedef {string} IsoDate A date as "YYYY-MM-DD". */

/**
 * @typedef {object} FieldError
 * @property {string} field
 * @property {string} message
 */

/**
 * @typedef {object} ApiError
 * @property {string} kind
 * @property {string} message
 * @property {FieldError[]} fields
 */

/**
 * @typedef {object} AppStatus
 * @property {string} ledger_path
 * @property {boolean} needs_choice
 * @property {IsoDate} today
 */

/**
 * @typedef {object} AgingBucket
 * @property {string} key "not_due", "1_30", "31_60", "61_90", "over_90"
 * @property {string} label
 * @property {Decimal} amount
 * @property {number} invoices
 */

/**
 * @typedef {object} Dashboard
 * @property {IsoDate} as_of
 * @property {number} clients
 * @property {number} invoices_open
 * @property {Decimal} total_owed
 * @property {Decimal} total_overdue
 * @property {number} late_clients
 * @property {AgingBucket[]} aging
 * @property {number | null} dso_days
 */

/** @typedef {'professional' | 'consumer'} ClientKind */
/** @typedef {'new' | 'regular' | 'chronic_late_payer' | 'key_account' | 'micro_business'} Segment */
/** @typedef {'active' | 'in_dispute' | 'collective_procedure'} ClientStatus */

/**
 * @typedef {object} ClientSummary
 * @property {number} id
 * @property {string} name
 * @property {ClientKind} kind
 * @property {Segment} segment
 * @property {ClientStatus} status
 * @property {string} town
 * @property {Decimal} balance
 * @property {Decimal} overdue
 * @property {number} max_days_late
 * @property {number} open_invoices
 */

/**
 * @typedef {object} PostalAddress
 * @property {string} complement
 * @property {string} building
 * @property {string} street
 * @property {string} locality
 * @property {string} postcode
 * @property {string} town
 * @property {string} country
 */

/**
 * @typedef {object} Procedure
 * @property {IsoDate | null} opening_date
 * @property {IsoDate | null} bodacc_date
 * @property {string} mandataire_name
 * @property {string} mandataire_address
 */

/**
 * @typedef {object} ClientFields
 * @property {ClientKind} kind
 * @property {string} company_name
 * @property {string} civility
 * @property {string} first_name
 * @property {string} last_name
 * @property {string} contact_person
 * @property {PostalAddress} address
 * @property {string} email
 * @property {string} phone
 * @property {string} siren_siret
 * @property {Segment} segment
 * @property {string} notes
 * @property {number | null} payment_terms_days
 * @property {ClientStatus} status
 * @property {Procedure} procedure
 */

/** @typedef {ClientFields & { id: number }} Client */

/**
 * @typedef {'not_due' | 'overdue' | 'partially_paid' | 'paid' | 'disputed' | 'written_off' | 'credit_note'}
 *   InvoiceStatus
 */

/**
 * @typedef {object} InvoiceLine
 * @property {number} id
 * @property {string} number
 * @property {number} client_id
 * @property {IsoDate} issue_date
 * @property {IsoDate} due_date
 * @property {Decimal} amount
 * @property {Decimal | null} amount_excl_vat
 * @property {string} object
 * @property {Decimal | null} penalty_rate
 * @property {IsoDate | null} written_off_on
 * @property {string} source
 * @property {Decimal} paid What payments settled, as of the page's date
 * @property {string} client_name
 * @property {Decimal} credited What credit notes and unallocated payments covered
 * @property {Decimal} settled amount − remaining: payments and credits together
 * @property {Decimal} remaining
 * @property {InvoiceStatus} status
 * @property {string} status_label
 * @property {number} days_late
 */

/** @typedef {'transfer' | 'cheque' | 'card' | 'direct_debit' | 'cash'} PaymentMethod */

/**
 * @typedef {object} Allocation
 * @property {number} invoice_id
 * @property {Decimal} amount
 */

/**
 * @typedef {object} Rejection
 * @property {IsoDate} date
 * @property {Decimal} fees
 * @property {string} reason
 */

/**
 * @typedef {object} Payment
 * @property {number} id
 * @property {number} client_id
 * @property {IsoDate} date
 * @property {Decimal} amount
 * @property {PaymentMethod} method
 * @property {string} reference
 * @property {Allocation[]} allocations
 * @property {Rejection | null} rejection
 */

/** @typedef {'note' | 'call' | 'promise' | 'dispute' | 'pause' | 'procedure'} EventKind */

/**
 * @typedef {object} EventFields
 * @property {number} client_id
 * @property {EventKind} kind
 * @property {IsoDate} date
 * @property {string} text
 * @property {Decimal | null} amount
 * @property {IsoDate | null} until
 * @property {number | null} invoice_id
 */

/** @typedef {EventFields & { id: number, closed_on: IsoDate | null }} ClientEvent */

/**
 * @typedef {object} TimelineEntry
 * @property {IsoDate} date
 * @property {string} kind
 * @property {string} title
 * @property {string} detail
 * @property {Decimal | null} amount
 * @property {number | null} event_id
 * @property {boolean} open
 */

/**
 * @typedef {object} AddressProblem
 * @property {number | null} line
 * @property {string} message
 */

/**
 * @typedef {object} ClientDetail
 * @property {Client} client
 * @property {string} name
 * @property {string[]} address_lines
 * @property {AddressProblem[]} address_problems
 * @property {ClientSummary} summary
 * @property {InvoiceLine[]} invoices
 * @property {Payment[]} payments
 * @property {ClientEvent[]} events
 * @property {TimelineEntry[]} timeline
 * @property {Proposal | null} proposal the next letter the dunning engine proposes
 */

/**
 * @typedef {object} ProposalInvoice
 * @property {number} invoice_id
 * @property {string} number
 * @property {IsoDate} due_date
 * @property {Decimal} remaining
 * @property {number} days_late
 */

/**
 * @typedef {object} Proposal
 * @property {number} client_id
 * @property {string} client_name
 * @property {string} kind letter kind id, "formal_notice"
 * @property {string} title its French title
 * @property {string} step the ladder row (or event rule) that fired
 * @property {ProposalInvoice[]} invoices
 * @property {Decimal} principal
 * @property {Decimal} interest
 * @property {Decimal} indemnity
 * @property {Decimal} total
 * @property {'email' | 'simple' | 'registered'} dispatch
 * @property {IsoDate} sending_day
 * @property {string} reason
 * @property {number} urgency
 * @property {IsoDate | null} deadline
 * @property {string[]} warnings
 */

/** @typedef {{ action: 'accept' } | { action: 'skip' } | { action: 'snooze', until: IsoDate }} ProposalAction */

/**
 * @typedef {object} LadderStep
 * @property {string} step
 * @property {string} kind
 * @property {string} counts_from "due_date", "previous_letter" or "previous_receipt"
 * @property {number} days
 * @property {number} min_gap_days
 * @property {string} dispatch
 * @property {string[]} segments
 * @property {boolean} optional
 */

/**
 * @typedef {object} DunningSettings
 * @property {{ steps: LadderStep[] }} ladder
 * @property {boolean} ladder_is_default
 * @property {Decimal} large_amount_threshold
 * @property {number} default_payment_terms_days
 * @property {Array<[string, string]>} ladder_kinds (id, title)
 * @property {Array<[string, string]>} segments (id, label)
 */

/**
 * @typedef {object} InvoiceFields
 * @property {string} number
 * @property {number} client_id
 * @property {IsoDate} issue_date
 * @property {IsoDate | null} due_date
 * @property {Decimal} amount
 * @property {Decimal | null} amount_excl_vat
 * @property {string} object
 * @property {Decimal | null} penalty_rate
 * @property {IsoDate | null} written_off_on
 */

/**
 * @typedef {object} PaymentFields
 * @property {number} client_id
 * @property {IsoDate} date
 * @property {Decimal} amount
 * @property {PaymentMethod} method
 * @property {string} reference
 * @property {Allocation[] | null} allocations
 */

/**
 * @typedef {object} SuggestedAllocation
 * @property {number} invoice_id
 * @property {string} number
 * @property {Decimal} remaining
 * @property {Decimal} amount
 */

/**
 * @typedef {object} Profile
 * @property {string} legal_name
 * @property {string} trade_name
 * @property {PostalAddress} address
 * @property {string} siren_siret
 * @property {string} registry
 * @property {string} vat_number
 * @property {boolean} vat_exempt
 * @property {string} phone
 * @property {string} email
 * @property {string} iban
 * @property {string} bic
 * @property {string} signature_town
 */

/**
 * Calls one command and turns any rejection into an {@link ApiError}.
 * @template T
 * @param {string} command
 * @param {Record<string, unknown>} [args]
 * @returns {Promise<T>}
 */
async function call(command, args = {}) {
  const tauri = /** @type {any} */ (window).__TAURI__;
  if (!tauri || !tauri.core) {
    throw toApiError("La fenêtre n'est pas reliée à Ardoise : relancez l'application.");
  }
  try {
    return await tauri.core.invoke(command, args);
  } catch (error) {
    throw toApiError(error);
  }
}

/**
 * Whatever the shell rejected with, as `{ kind, message, fields }`.
 * @param {unknown} error
 * @returns {ApiError}
 */
export function toApiError(error) {
  if (typeof error === 'string') {
    return { kind: 'error', message: error, fields: [] };
  }
  if (error && typeof error === 'object') {
    const record = /** @type {Record<string, unknown>} */ (error);
    const message = typeof record.message === 'string' && record.message !== ''
      ? record.message
      : 'Une erreur inattendue est survenue.';
    const fields = Array.isArray(record.fields)
      ? record.fields.filter((f) => f && typeof f.field === 'string' && typeof f.message === 'string')
      : [];
    return { kind: typeof record.kind === 'string' ? record.kind : 'error', message, fields };
  }
  return { kind: 'error', message: 'Une erreur inattendue est survenue.', fields: [] };
}

/** @returns {Promise<AppStatus>} */
export function appStatus() {
  return call('app_status');
}

/**
 * The first-start choice.
 * @param {'demo' | 'empty'} choice
 * @returns {Promise<void>}
 */
export function startLedger(choice) {
  return call('start_ledger', { choice });
}

/**
 * Tells the shell the first screen is drawn (the start-up probe measures up to here), with the window's
 * own timing marks in milliseconds since navigation started.
 * @param {Record<string, number>} marks
 * @returns {Promise<void>}
 */
export function uiReady(marks) {
  return call('ui_ready', { marks });
}

/** @returns {Promise<Dashboard>} */
export function dashboard() {
  return call('dashboard');
}

/** @returns {Promise<ClientSummary[]>} */
export function clientList() {
  return call('client_list');
}

/**
 * @param {number} id
 * @returns {Promise<ClientDetail>}
 */
export function clientDetail(id) {
  return call('client_detail', { id });
}

/**
 * Creates the client when `id` is null, else updates it.
 * @param {number | null} id
 * @param {ClientFields} fields
 * @returns {Promise<number>} the client's id
 */
export function clientSave(id, fields) {
  return call('client_save', { id, fields });
}

/**
 * Creates the invoice when `id` is null, else updates it.
 * @param {number | null} id
 * @param {InvoiceFields} fields
 * @returns {Promise<number>} the invoice's id
 */
export function invoiceSave(id, fields) {
  return call('invoice_save', { id, fields });
}

/**
 * Deletes an invoice entered by mistake. The core refuses (kind "conflict") once the invoice has
 * received payments or appears in a letter or a plan: those must go first, or the invoice be written off.
 * @param {number} id
 * @returns {Promise<void>}
 */
export function deleteInvoice(id) {
  return call('invoice_delete', { id });
}

/**
 * The client's open invoices with the oldest-first split of `amount`.
 * @param {number} clientId
 * @param {Decimal} amount
 * @returns {Promise<SuggestedAllocation[]>}
 */
export function paymentSuggest(clientId, amount) {
  return call('payment_suggest', { clientId, amount });
}

/**
 * @param {PaymentFields} fields
 * @returns {Promise<number>} the payment's id
 */
export function paymentRecord(fields) {
  return call('payment_record', { fields });
}

/**
 * @param {number} paymentId
 * @param {Rejection} rejection
 * @returns {Promise<void>}
 */
export function paymentReject(paymentId, rejection) {
  return call('payment_reject', { paymentId, rejection });
}

/**
 * Deletes a payment entered by mistake, with its allocations and any rejection: the invoices it settled
 * are due again.
 * @param {number} paymentId
 * @returns {Promise<void>}
 */
export function deletePayment(paymentId) {
  return call('payment_delete', { paymentId });
}

/**
 * @param {EventFields} fields
 * @returns {Promise<number>} the event's id
 */
export function eventAdd(fields) {
  return call('event_add', { fields });
}

/**
 * Ends a dispute or lifts a pause on `date`.
 * @param {number} id
 * @param {IsoDate} date
 * @returns {Promise<void>}
 */
export function eventClose(id, date) {
  return call('event_close', { id, date });
}

/** @returns {Promise<Profile>} */
export function profileGet() {
  return call('profile_get');
}

/**
 * @param {Profile} profile
 * @returns {Promise<void>}
 */
export function profileSave(profile) {
  return call('profile_save', { profile });
}

/**
 * @typedef {object} Backup
 * @property {string} file_name
 * @property {'startup' | 'import' | 'migration' | 'restore' | 'manual'} reason
 * @property {string} reason_label
 * @property {string} label
 * @property {string} written_at RFC 3339, UTC
 * @property {number} size_bytes
 */

/** @returns {Promise<Backup[]>} newest first */
export function backupList() {
  return call('backup_list');
}

/** @returns {Promise<Backup[]>} the list, with the new backup */
export function backupCreate() {
  return call('backup_create');
}

/**
 * Replaces the ledger by a backup; the current state is backed up first.
 * @param {string} fileName
 * @returns {Promise<Backup[]>}
 */
export function backupRestore(fileName) {
  return call('backup_restore', { fileName });
}

/**
 * « À faire aujourd'hui »: one proposal per client needing action, most urgent first.
 * @returns {Promise<Proposal[]>}
 */
export function proposals() {
  return call('proposals');
}

/**
 * Accepts (a drafted letter), skips or snoozes the client's proposal as the core computes it today.
 * @param {number} clientId
 * @param {ProposalAction} action
 * @returns {Promise<number>}
 */
export function proposalDecide(clientId, action) {
  return call('proposal_decide', { clientId, action });
}

/** @returns {Promise<DunningSettings>} */
export function dunningSettings() {
  return call('dunning_settings');
}

/**
 * Stores an edited ladder; an invalid one is refused (kind "invalid") with one message per problem.
 * @param {LadderStep[]} rows
 * @returns {Promise<unknown>}
 */
export function ladderSave(rows) {
  return call('ladder_save', { rows });
}

/** @returns {Promise<unknown>} */
export function ladderReset() {
  return call('ladder_reset');
}

/**
 * @param {Decimal} largeAmountThreshold
 * @param {number} defaultPaymentTermsDays
 * @returns {Promise<void>}
 */
export function dunningOptionsSave(largeAmountThreshold, defaultPaymentTermsDays) {
  return call('dunning_options_save', { largeAmountThreshold, defaultPaymentTermsDays });
}

/**
 * @typedef {object} PenaltyPeriod
 * @property {IsoDate} from
 * @property {IsoDate} to
 * @property {number} days
 * @property {string} semester "2026-S2"
 * @property {Decimal | null} rate percent a year; null when the half-year's rate is missing
 * @property {Decimal} base
 * @property {Decimal} amount
 */

/**
 * @typedef {object} InvoicePenalty
 * @property {number} invoice_id
 * @property {string} number
 * @property {IsoDate} due_date
 * @property {Decimal} amount
 * @property {Decimal} principal what remains unpaid
 * @property {number} days_late
 * @property {PenaltyPeriod[]} periods
 * @property {Decimal} interest
 * @property {Decimal} indemnity
 */

/**
 * @typedef {object} PenaltyWarning
 * @property {string} code "missing_rate", "rate_below_floor", "floor_unknown", "no_formal_notice",
 *   "collective_procedure"
 * @property {string} message
 */

/**
 * @typedef {object} ClientPenalties
 * @property {number} client_id
 * @property {string} name
 * @property {ClientKind} kind
 * @property {IsoDate} as_of
 * @property {Decimal} principal
 * @property {Decimal} interest
 * @property {Decimal} indemnity
 * @property {Decimal} total
 * @property {InvoicePenalty[]} invoices
 * @property {PenaltyWarning[]} warnings
 */

/**
 * @typedef {object} RateRow
 * @property {string} semester "2026-S2"
 * @property {IsoDate} start
 * @property {IsoDate} end
 * @property {Decimal | null} legal_rate_individual
 * @property {Decimal | null} legal_rate_other
 * @property {Decimal | null} ecb_rate
 */

/** @typedef {{ rows: RateRow[] }} RateTable */

/**
 * A half-year as typed in the rates editor: rates as text ("2,15" or blank).
 * @typedef {object} RateRowText
 * @property {string} semester
 * @property {string} legal_rate_individual
 * @property {string} legal_rate_other
 * @property {string} ecb_rate
 */

/**
 * One client's penalty breakdown on `date`, today when null.
 * @param {number} clientId
 * @param {IsoDate | null} date
 * @returns {Promise<ClientPenalties>}
 */
export function penaltiesGet(clientId, date) {
  return call('penalties_get', { clientId, date });
}

/** @returns {Promise<RateTable>} */
export function ratesGet() {
  return call('rates_get');
}

/**
 * Replaces the whole rates table; the core refuses it (kind "invalid", one field error per reason) when
 * a rate is unreadable or the half-years overlap or leave a gap.
 * @param {RateRowText[]} rows
 * @returns {Promise<RateTable>} the table as stored
 */
export function ratesSave(rows) {
  return call('rates_save', { rows });
}

// Letters (F5, F6).

/**
 * @typedef {object} KindEntry
 * @property {string} kind
 * @property {string} title
 * @property {'email' | 'simple' | 'registered'} dispatch
 * @property {string} dispatch_label
 * @property {string[]} required_facts
 * @property {string[]} templates
 */

/**
 * @typedef {object} LetterFacts
 * @property {string} kind
 * @property {string} title
 * @property {boolean} registered
 * @property {string} tracking_number
 * @property {IsoDate} date
 * @property {{ legal_name: string, trade_name: string, address_lines: string[], town: string }} sender
 * @property {{ id: number, name: string, address_lines: string[], address_problems: { message: string }[] }} client
 * @property {Decimal} total_remaining
 * @property {number | null} letter_id
 */

/**
 * @typedef {object} Letter
 * @property {LetterFacts} facts
 * @property {string} template
 * @property {string} subject
 * @property {string} references
 * @property {string} body
 * @property {string[]} enclosures
 * @property {boolean} body_edited
 * @property {string[]} problems required facts missing, forbidden words present
 * @property {string} file_name
 */

/**
 * @typedef {object} TemplateEntry
 * @property {string} name
 * @property {string} title
 * @property {string} variant
 * @property {boolean} edited
 * @property {string} source
 * @property {string} original
 */

/** @typedef {{ offset_x_mm: Decimal, offset_y_mm: Decimal }} PrintOptions */

/** @returns {Promise<KindEntry[]>} */
export function letterKinds() {
  return call('letter_kinds');
}

/**
 * Drafts a letter of `kind` to a client today.
 * @param {number} clientId
 * @param {string} kind
 * @returns {Promise<number>} the letter's id
 */
export function letterDraft(clientId, kind) {
  return call('letter_draft', { clientId, kind });
}

/** @param {number} letterId @returns {Promise<Letter>} */
export function letterPreview(letterId) {
  return call('letter_preview', { letterId });
}

/** @param {number} letterId @param {string} body @returns {Promise<Letter>} */
export function letterSaveBody(letterId, body) {
  return call('letter_save_body', { letterId, body });
}

/** @param {number} letterId @returns {Promise<string | null>} the file written, null if cancelled */
export function letterExport(letterId) {
  return call('letter_export', { letterId });
}

/** @returns {Promise<{ id: number, letter: Letter }[]>} today's drafted letters */
export function letterBatch() {
  return call('letter_batch');
}

/**
 * Exports today's letters, reporting progress.
 * @param {boolean} single one PDF for one print job
 * @param {(progress: { done: number, total: number }) => void} onProgress
 * @returns {Promise<string[] | null>} the files written, null if cancelled
 */
export function letterBatchExport(single, onProgress) {
  const tauri = /** @type {any} */ (window).__TAURI__;
  const progress = new tauri.core.Channel();
  progress.onmessage = onProgress;
  return call('letter_batch_export', { single, progress });
}

/** @returns {Promise<TemplateEntry[]>} */
export function templateList() {
  return call('template_list');
}

/** @param {string} name @param {string} source @returns {Promise<TemplateEntry[]>} */
export function templateSave(name, source) {
  return call('template_save', { name, source });
}

/** @param {string} name @returns {Promise<TemplateEntry[]>} */
export function templateRestore(name) {
  return call('template_restore', { name });
}

/** @returns {Promise<PrintOptions>} */
export function envelopeGet() {
  return call('envelope_get');
}

/** @param {PrintOptions} options @returns {Promise<PrintOptions>} */
export function envelopeSave(options) {
  return call('envelope_save', { options });
}

/** @returns {Promise<string | null>} the file written, null if cancelled */
export function calibrationExport() {
  return call('calibration_export');
}

/**
 * @typedef {object} RowProblem
 * @property {number} row
 * @property {string} column
 * @property {string} value
 * @property {string} message
 */

/**
 * @typedef {object} FieldChange
 * @property {string} field
 * @property {string} label
 * @property {string} before
 * @property {string} after
 */

/**
 * @typedef {object} PlannedRow
 * @property {number} row
 * @property {'new' | 'updated' | 'unchanged'} status
 * @property {string} number
 * @property {string} client_name
 * @property {IsoDate} issue_date
 * @property {IsoDate} due_date
 * @property {Decimal} amount
 * @property {Decimal | null} payment
 * @property {FieldChange[]} changes
 */

/**
 * @typedef {object} ColumnMapping
 * @property {number} header_row
 * @property {(string | null)[]} columns the field of each column, null when not imported
 */

/**
 * @typedef {object} ImportPreview
 * @property {{ file_name: string, sha256: string, sheet: string | null }} source
 * @property {string[]} sheets
 * @property {string[]} headers
 * @property {ColumnMapping} mapping
 * @property {[string, string][]} fields every field with its French label
 * @property {number} new
 * @property {number} updated
 * @property {number} unchanged
 * @property {number} skipped
 * @property {number} rejected_rows
 * @property {{ name: string, fields: { kind: ClientKind } }[]} new_clients
 * @property {PlannedRow[]} rows the first rows, updated ones first
 * @property {number} rows_total
 * @property {RowProblem[]} rejected
 * @property {number} rejected_total
 */

/**
 * @typedef {object} ImportRecord
 * @property {number} id
 * @property {string} file_name
 * @property {string} sha256
 * @property {string} imported_at UTC, "2026-11-22T10:15:00Z"
 * @property {string | null} sheet
 * @property {number} new
 * @property {number} updated
 * @property {number} unchanged
 * @property {number} rejected
 * @property {string | null} undone_at
 */

/**
 * @typedef {object} ImportReport
 * @property {number} new
 * @property {number} updated
 * @property {number} unchanged
 * @property {number} rejected_rows
 * @property {ImportRecord | null} import null when nothing needed writing
 */

/** @typedef {{ percent: number, label: string }} ImportProgress */

/**
 * A channel the shell sends messages through while a command runs (progress, dropped files).
 * @template T
 * @param {(message: T) => void} onMessage
 * @returns {unknown}
 */
function channel(onMessage) {
  const tauri = /** @type {any} */ (window).__TAURI__;
  const made = new tauri.core.Channel();
  made.onmessage = onMessage;
  return made;
}

/**
 * Opens the native file dialog.
 * @returns {Promise<string | null>} the chosen file's path, null when cancelled
 */
export function importPickFile() {
  return call('import_pick_file');
}

/**
 * Hands every file dropped on the window to `onDrop`.
 * @param {(path: string) => void} onDrop
 * @returns {Promise<void>}
 */
export function importWatchDrops(onDrop) {
  return call('import_watch_drops', { onDrop: channel(onDrop) });
}

/**
 * Reads a file and compares it with the ledger.
 * @param {string} path
 * @param {string | null} sheet
 * @param {ColumnMapping | null} mapping null: the remembered or detected one
 * @param {(progress: ImportProgress) => void} onProgress
 * @returns {Promise<ImportPreview>}
 */
export function importPreview(path, sheet, mapping, onProgress) {
  return call('import_preview', { path, sheet, mapping, onProgress: channel(onProgress) });
}

/**
 * Imports the file as previewed; refused if the file changed since (its SHA-256 differs).
 * @param {string} path
 * @param {string | null} sheet
 * @param {ColumnMapping} mapping
 * @param {string} sha256
 * @param {(progress: ImportProgress) => void} onProgress
 * @returns {Promise<ImportReport>}
 */
export function importCommit(path, sheet, mapping, sha256, onProgress) {
  return call('import_commit', { path, sheet, mapping, sha256, onProgress: channel(onProgress) });
}

/** @returns {Promise<ImportRecord[]>} latest first */
export function importHistory() {
  return call('import_history');
}

/** @returns {Promise<ImportRecord>} the import undone */
export function importUndo() {
  return call('import_undo');
}

/**
 * @typedef {object} PlanOptions
 * @property {number | null} count null: the count suggested from the amount
 * @property {'weekly' | 'biweekly' | 'monthly'} frequency
 * @property {IsoDate | null} first_date null: a month after the plan's date
 * @property {Decimal} down_payment
 * @property {boolean} with_fees penalties to date and, B2B only, the 40 € indemnities
 * @property {(Decimal | null)[]} hand_set amounts set by hand, by installment
 */

/**
 * @typedef {object} PlanInstallment
 * @property {number} sequence
 * @property {IsoDate} due_date
 * @property {Decimal} amount
 * @property {boolean} hand_set
 */

/**
 * @typedef {object} TrackedInstallment
 * @property {number} sequence 0 for the down payment
 * @property {IsoDate} due_date
 * @property {Decimal} amount
 * @property {Decimal} paid
 * @property {'paid' | 'partial' | 'due' | 'late'} state
 * @property {string} state_label
 */

/**
 * @typedef {object} PlanView
 * @property {number} id
 * @property {number} client_id
 * @property {string} client_name
 * @property {boolean} b2b
 * @property {IsoDate} drafted_on
 * @property {IsoDate | null} sent_on
 * @property {IsoDate | null} signed_on
 * @property {PlanOptions} options
 * @property {number} count
 * @property {IsoDate} first_date
 * @property {Decimal} fees_available
 * @property {{ id: number, number: string, due_date: IsoDate, remaining: Decimal }[]} invoices
 * @property {{ principal: Decimal, fees: Decimal, total: Decimal, down_payment: Decimal, frequency: string, installments: PlanInstallment[], months: number, warnings: string[] }} schedule
 * @property {{ state: 'draft' | 'sent' | 'active' | 'late' | 'completed' | 'broken' | 'cancelled', state_label: string, installments: TrackedInstallment[], paid: Decimal, remaining: Decimal, overdue: Decimal }} tracking
 * @property {boolean} editable
 */

/** @typedef {{ month: string, label: string, amount: Decimal }} MonthCash */

/**
 * Drafts a payment plan over the client's overdue invoices, with the defaults where options say null.
 * @param {number} clientId
 * @param {Partial<PlanOptions>} options
 * @returns {Promise<PlanView>}
 */
export function planDraft(clientId, options = {}) {
  return call('plan_draft', { clientId, options });
}

/**
 * Changes a draft: the core recomputes the schedule.
 * @param {number} planId
 * @param {PlanOptions} options
 * @returns {Promise<PlanView>}
 */
export function planUpdate(planId, options) {
  return call('plan_update', { planId, options });
}

/** @param {number} planId @returns {Promise<PlanView>} */
export function planGet(planId) {
  return call('plan_get', { planId });
}

/** @returns {Promise<PlanView[]>} newest first */
export function planList() {
  return call('plan_list');
}

/** @param {number} planId @param {string} date "JJ/MM/AAAA", today when blank @returns {Promise<PlanView>} */
export function planSign(planId, date) {
  return call('plan_sign', { planId, date });
}

/** @param {number} planId @returns {Promise<string | null>} the PDF written, null if cancelled */
export function planExport(planId) {
  return call('plan_export', { planId });
}

/** @returns {Promise<MonthCash[]>} cash expected month by month from the plans in force */
export function planCash() {
  return call('plan_cash');
}

// Registered mail and proof (F7).

/**
 * @typedef {{ outcome: 'received' | 'unclaimed' | 'returned', date: IsoDate }} Delivery
 */

/**
 * @typedef {object} DispatchRow
 * @property {number} id
 * @property {number} client_id
 * @property {string} kind
 * @property {'drafted' | 'printed' | 'sent' | 'cancelled'} status
 * @property {'email' | 'simple' | 'registered'} dispatch
 * @property {IsoDate} drafted_on
 * @property {IsoDate | null} sent_on
 * @property {string | null} tracking_number
 * @property {'R1' | 'R2' | 'R3' | null} level
 * @property {boolean} with_receipt
 * @property {IsoDate | null} deposit_date
 * @property {Delivery | null} delivery
 */

/**
 * @typedef {DispatchRow & {
 *   client_name: string, title: string, status_label: string,
 *   deadline: { from: IsoDate, days: number, ends_on: IsoDate } | null, tampered: boolean
 * }} LetterLine
 */

/** @typedef {{ deposit_date: IsoDate | null, tracking_number: string, level: string, with_receipt: boolean }} SendingForm */

/** @returns {Promise<LetterLine[]>} every letter, newest first */
export function dispatchLetters() {
  return call('dispatch_letters');
}

/** @param {number} letterId @param {SendingForm} form @returns {Promise<DispatchRow>} */
export function dispatchSend(letterId, form) {
  return call('dispatch_send', { letterId, form });
}

/** @param {number} letterId @param {Delivery} delivery @returns {Promise<DispatchRow>} */
export function dispatchDelivery(letterId, delivery) {
  return call('dispatch_delivery', { letterId, delivery });
}

/** @param {number} letterId @param {'deposit_proof' | 'receipt'} role @returns {Promise<string | null>} the archived file, null if cancelled */
export function dispatchAttach(letterId, role) {
  return call('dispatch_attach', { letterId, role });
}

/** @param {IsoDate} date @returns {Promise<string | null>} the file written, null if cancelled */
export function depositListExport(date) {
  return call('deposit_list_export', { date });
}

/** @param {number} clientId @returns {Promise<string | null>} the dossier's folder, null if cancelled */
export function dossierExport(clientId) {
  return call('dossier_export', { clientId });
}

/**
 * @typedef {{ valid_from: IsoDate, r1: Decimal, r2: Decimal, r3: Decimal, receipt: Decimal, to_confirm: boolean }} PriceRow
 */

/** @returns {Promise<{ rows: PriceRow[] }>} the dated prices of registered letters */
export function postagePricesGet() {
  return call('postage_prices_get');
}

/** @param {{ rows: PriceRow[] }} table @returns {Promise<{ rows: PriceRow[] }>} */
export function postagePricesSave(table) {
  return call('postage_prices_save', { table });
}
