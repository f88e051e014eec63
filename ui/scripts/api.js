// @ts-check
/**
 * The window's only door to the Rust core: one async function per Tauri command, and the types of what
 * they send and take.
 *
 * Tauri 2 maps camelCase argument keys to the commands' snake_case parameters; the fields inside struct
 * arguments keep the snake_case names serde gives them. Amounts come as decimal strings ("1234.56") and
 * dates as ISO strings ("2026-11-22"). Forms go the other way as the text the user typed (the `…Text`
 * types): the core reads dates and amounts with its one grammar and refuses a form with every problem
 * by field.
 *
 * The `@typedef` blocks are checked against the Rust types by a test (`src-tauri/src/api_check.rs`):
 * each object type is written with `@property` lines, a property the window does not read is typed
 * `unknown` but still listed. Every function rejects with an {@link ApiError}, whatever shape the shell
 * used.
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
 * One value of a list and its French name, lower case as a sentence uses it.
 * @typedef {object} Label
 * @property {string} id
 * @property {string} label
 */

/**
 * @typedef {object} LetterKindLabel
 * @property {string} id
 * @property {string} title
 * @property {Dispatch} dispatch
 * @property {boolean} in_ladder
 */

/**
 * The French names of every list the window shows, from the core.
 * @typedef {object} Labels
 * @property {Label[]} client_kinds
 * @property {Label[]} segments
 * @property {Label[]} client_statuses
 * @property {Label[]} payment_methods
 * @property {Label[]} event_kinds the kinds recorded by hand
 * @property {Label[]} invoice_statuses
 * @property {Label[]} anchors what a ladder step's days count from
 * @property {Label[]} dispatches
 * @property {LetterKindLabel[]} letter_kinds
 * @property {Label[]} frequencies
 * @property {Label[]} guarantee_levels
 * @property {Label[]} delivery_outcomes
 * @property {Label[]} import_row_statuses what an import does with a row: new, updated, unchanged
 * @property {Label[]} confidences how sure the match of a bank credit is: sure, probable, none
 * @property {Label[]} bank_decisions what becomes of a bank credit: record, leave_out, later
 * @property {Label[]} addressed_as how the trader is addressed: madame, monsieur, company (« nous »)
 * @property {Label[]} import_file_statuses what became of each file of an import
 * @property {string[]} months January first
 * @property {Label[]} natures what an invoice sells: goods or services
 * @property {Label[]} period_choices the periods a book is asked for, last month first
 */

/**
 * @typedef {object} AgingBucket
 * @property {'not_due' | '1_30' | '31_60' | '61_90' | 'over_90'} key
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
/** @typedef {'email' | 'simple' | 'registered'} Dispatch */
/** @typedef {'goods' | 'services'} Nature What an invoice sells; the livre des recettes keeps them apart. */

/**
 * @typedef {object} ClientSummary
 * @property {number} id
 * @property {string} name
 * @property {string} sort_name
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
 * @property {ClaimStatement | null} claim_statement what the user confirmed for the déclaration de créance
 */

/**
 * What only the user knows about a claim declared in a collective procedure; an empty text is « none ».
 * @typedef {object} ClaimStatement
 * @property {string} to_fall_due
 * @property {string} securities
 * @property {IsoDate | null} confirmed_on
 */

/**
 * Payment terms: `days` after the invoice date, then the end of that month when `end_of_month`.
 * @typedef {object} PaymentTerms
 * @property {number} days
 * @property {boolean} end_of_month
 */

/**
 * A client as a form or an import fills it.
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
 * @property {boolean} payment_terms_end_of_month « N jours fin de mois »
 * @property {ClientStatus} status
 * @property {Procedure} procedure
 * @property {Nature | null} default_nature of its invoices that say none; null: the ledger's
 */

/**
 * A client as stored: its fields and its id.
 * @typedef {object} Client
 * @property {number} id
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
 * @property {boolean} payment_terms_end_of_month « N jours fin de mois »
 * @property {ClientStatus} status
 * @property {Procedure} procedure
 * @property {Nature | null} default_nature of its invoices that say none; null: the ledger's
 */

/**
 * @typedef {'not_due' | 'overdue' | 'partially_paid' | 'paid' | 'disputed' | 'written_off' | 'credit_note' | 'replaced'} InvoiceStatus
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
 * @property {PaymentTerms | null} payment_terms the invoice's own terms, when its due date came from them
 * @property {Nature | null} nature its own; null: its client's default
 * @property {string} source
 * @property {string | null} corrects for a credit note: the number of the invoice it corrects
 * @property {string | null} document the name of the invoice's PDF kept beside the ledger, null when none
 * @property {Decimal} paid what payments settled, as of the page's date
 * @property {string} client_name
 * @property {Decimal} credited what credit notes and unallocated payments covered
 * @property {Decimal} settled amount − remaining: payments and credits together
 * @property {Decimal} remaining
 * @property {InvoiceStatus} status
 * @property {string} status_label
 * @property {number} days_late
 */

/**
 * 'unspecified' when nobody said how (a paid amount read from an invoicing tool's export or an e-invoice, a
 * bank line whose words name no method): shown « Non précisé », never offered for a new payment.
 * @typedef {'transfer' | 'cheque' | 'card' | 'direct_debit' | 'cash' | 'unspecified'} PaymentMethod
 */

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

/** @typedef {'note' | 'call' | 'promise' | 'dispute' | 'pause' | 'procedure' | 'filing'} EventKind */

/**
 * @typedef {object} ClientEvent
 * @property {number} id
 * @property {number} client_id
 * @property {EventKind} kind
 * @property {IsoDate} date
 * @property {string} text
 * @property {Decimal | null} amount
 * @property {IsoDate | null} until
 * @property {number | null} invoice_id
 * @property {IsoDate | null} closed_on
 */

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
 * @property {string} field
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
 * @property {InvoicePrescription[]} prescriptions each open invoice's prescription, earliest first
 * @property {Residual[]} residuals balances under the tolerance, offered to be written off
 * @property {Decimal} residual_tolerance
 */

/**
 * When an open invoice becomes time-barred, and why that day.
 * @typedef {object} InvoicePrescription
 * @property {number} invoice_id
 * @property {string} number
 * @property {IsoDate} time_barred_on
 * @property {number} years 5 between professionals, 2 against a consumer
 * @property {IsoDate} counted_from
 * @property {'plan_signed' | 'payment' | 'filing' | null} restart what restarted the clock that day
 * @property {string} basis in French: « 5 ans depuis l'échéance du 13 octobre 2026 »
 * @property {number} days_left negative: time-barred already
 * @property {boolean} watched within six months, or past
 */

/**
 * A residual balance the client page offers to write off.
 * @typedef {object} Residual
 * @property {number} invoice_id
 * @property {string} number
 * @property {Decimal} remaining
 */

/**
 * A client within six months of losing a claim (the dashboard's list).
 * @typedef {object} PrescriptionWatch
 * @property {number} client_id
 * @property {string} client_name
 * @property {IsoDate} earliest
 * @property {InvoicePrescription[]} invoices
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
 * @typedef {object} ProposalPage
 * @property {number} total
 * @property {Proposal[]} proposals
 */

/**
 * @typedef {object} Proposal
 * @property {number} client_id
 * @property {string} client_name
 * @property {string} kind letter kind id, "formal_notice"
 * @property {string} title its French title
 * @property {string} step the ladder row (or event rule) that fired
 * @property {string} step_label the same, in words: « Étape 3 de l'échelle (…) : relance ferme, … »
 * @property {ProposalInvoice[]} invoices
 * @property {Decimal} principal
 * @property {Decimal} interest
 * @property {Decimal} indemnity
 * @property {Decimal} total
 * @property {Dispatch} dispatch
 * @property {IsoDate} sending_day
 * @property {string} reason
 * @property {number} urgency
 * @property {IsoDate | null} deadline
 * @property {string[]} warnings
 * @property {string[]} missing_rates the half-years (« 2026-S2 ») whose rate the interest needs and the table lacks
 */

/**
 * A decision on a proposal: "accept", "skip", or "snooze" until the date typed.
 * @typedef {object} DecisionText
 * @property {'accept' | 'skip' | 'snooze'} action
 * @property {string} until
 */

/**
 * @typedef {object} LadderStep
 * @property {string} step
 * @property {string} kind
 * @property {'due_date' | 'previous_letter' | 'previous_receipt'} counts_from
 * @property {number} days
 * @property {number} min_gap_days
 * @property {Dispatch} dispatch
 * @property {Segment[]} segments
 * @property {boolean} optional
 */

/**
 * @typedef {object} Ladder
 * @property {LadderStep[]} steps
 */

/**
 * @typedef {object} DunningSettings
 * @property {Ladder} ladder
 * @property {boolean} ladder_is_default
 * @property {Decimal} large_amount_threshold
 * @property {number} default_payment_terms_days
 * @property {Decimal} residual_tolerance below it a residual balance is not dunned
 */

/**
 * @typedef {object} DunningOptionsText
 * @property {string} large_amount_threshold
 * @property {string} default_payment_terms_days
 * @property {string} residual_tolerance
 */

/**
 * The client form as typed.
 * @typedef {object} ClientText
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
 * @property {string} payment_terms_days blank: the ledger's default
 * @property {ClientStatus} status
 * @property {ProcedureText} procedure
 * @property {Nature | null} default_nature of its invoices that say none; null: the ledger's
 */

/**
 * @typedef {object} ProcedureText
 * @property {string} opening_date
 * @property {string} bodacc_date
 * @property {string} mandataire_name
 * @property {string} mandataire_address
 */

/**
 * The invoice form as typed.
 * @typedef {object} InvoiceText
 * @property {string} number
 * @property {number} client_id
 * @property {string} issue_date
 * @property {string} due_date blank: from the client's payment terms
 * @property {string} amount
 * @property {string} amount_excl_vat
 * @property {string} object
 * @property {string} penalty_rate percent a year
 * @property {string} written_off_on
 * @property {string} payment_terms the invoice's own terms (« 45 jours fin de mois »), for a blank due date
 * @property {Nature | null} nature null: the client's default
 */

/**
 * The payment form as typed; `allocations` is null while the split is the core's.
 * @typedef {object} PaymentText
 * @property {number} client_id
 * @property {string} date
 * @property {string} amount
 * @property {PaymentMethod} method
 * @property {string} reference
 * @property {PartText[] | null} allocations
 */

/**
 * One part of a split typed by hand.
 * @typedef {object} PartText
 * @property {number} invoice_id
 * @property {string} number the invoice's, to name it in a problem
 * @property {string} amount
 */

/**
 * The split while the user types: the amount, and the parts once one was changed.
 * @typedef {object} SplitText
 * @property {string} amount
 * @property {PartText[] | null} parts
 */

/**
 * @typedef {object} SuggestedAllocation
 * @property {number} invoice_id
 * @property {string} number
 * @property {Decimal} remaining
 * @property {Decimal} amount
 */

/**
 * What the payment form shows under the split.
 * @typedef {object} SplitView
 * @property {SuggestedAllocation[]} rows the open invoices and the part of each
 * @property {Decimal | null} received null while the amount cannot be read
 * @property {Decimal} allocated what the readable parts add up to
 * @property {Decimal | null} unallocated what stays in the client's favour
 * @property {Decimal | null} excess by how much the parts exceed the amount
 * @property {number[]} unreadable the invoices whose typed part cannot be read
 */

/**
 * @typedef {object} RejectionText
 * @property {string} date
 * @property {string} fees blank: none
 * @property {string} reason
 */

/**
 * The follow-up form as typed.
 * @typedef {object} EventText
 * @property {number} client_id
 * @property {EventKind} kind
 * @property {string} date
 * @property {string} text
 * @property {string} amount for a promise
 * @property {string} until for a promise or a pause
 * @property {number | null} invoice_id
 */

/**
 * @typedef {object} Profile
 * @property {string} legal_name
 * @property {'madame' | 'monsieur' | 'company' | null} addressed_as how the letters speak of the sender
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

/** @typedef {'logo' | 'signature'} ProfileImage */

/**
 * One of the profile's images, stored as PNG.
 * @typedef {object} ProfileImageView
 * @property {ProfileImage} image
 * @property {number} width
 * @property {number} height
 * @property {string} png_base64
 */

/**
 * @typedef {object} ProfileImagesView
 * @property {ProfileImageView | null} logo
 * @property {ProfileImageView | null} signature
 */

/**
 * @typedef {object} Backup
 * @property {string} file_name
 * @property {'startup' | 'import' | 'migration' | 'restore' | 'manual'} reason
 * @property {string} reason_label
 * @property {string} label
 * @property {string} written_at RFC 3339, UTC
 * @property {number} size_bytes
 */

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
 * A period with the invoice it belongs to, its half-year and rate as a reader says them.
 * @typedef {object} InvoicePeriod
 * @property {number} invoice_id
 * @property {string} number
 * @property {IsoDate} from
 * @property {IsoDate} to
 * @property {number} days
 * @property {string} semester "2026-S2"
 * @property {Decimal | null} rate
 * @property {Decimal} base
 * @property {Decimal} amount
 * @property {string} semester_label "2e semestre 2026"
 * @property {string | null} rate_label "12,15 %", null when the half-year's rate is missing
 */

/**
 * @typedef {object} InvoicePenalty
 * @property {number} invoice_id
 * @property {string} number
 * @property {IsoDate} due_date
 * @property {Decimal} amount
 * @property {Decimal} principal what remains unpaid
 * @property {number} days_late
 * @property {IsoDate | null} paid_on the day it was paid in full (an invoice paid late)
 * @property {PenaltyPeriod[]} periods
 * @property {Decimal} interest
 * @property {Decimal} indemnity
 */

/**
 * @typedef {object} PenaltyWarning
 * @property {'missing_rate' | 'rate_below_floor' | 'floor_unknown' | 'no_formal_notice' | 'collective_procedure'} code
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
 * @property {InvoicePenalty[]} settled_late invoices paid in full, late: what their delay still earns, outside the totals
 * @property {Decimal} settled_late_interest
 * @property {Decimal} settled_late_indemnity
 * @property {PenaltyWarning[]} warnings
 * @property {InvoicePeriod[]} periods every invoice's periods in one list
 * @property {InvoicePeriod[]} settled_periods the same for the invoices paid late
 */

/**
 * A half-year of the rates table with its French name.
 * @typedef {object} RateLine
 * @property {string} semester "2026-S2"
 * @property {IsoDate} start
 * @property {IsoDate} end
 * @property {Decimal | null} legal_rate_individual
 * @property {Decimal | null} legal_rate_other
 * @property {Decimal | null} ecb_rate
 * @property {string} label "2e semestre 2026"
 */

/**
 * @typedef {object} HalfYear
 * @property {string} semester "2027-S1"
 * @property {string} label "1er semestre 2027"
 */

/**
 * The rates table as its editor shows it, with the half-year to add next.
 * @typedef {object} RatesView
 * @property {RateLine[]} rows
 * @property {HalfYear} next
 */

/**
 * A half-year as typed in the rates editor: rates as text ("2,15" or blank).
 * @typedef {object} RateRowText
 * @property {string} semester
 * @property {string} legal_rate_individual
 * @property {string} legal_rate_other
 * @property {string} ecb_rate
 */

/**
 * @typedef {object} KindEntry
 * @property {string} kind
 * @property {string} title
 * @property {Dispatch} dispatch
 * @property {string} dispatch_label
 * @property {string[]} required_facts
 * @property {string[]} templates
 */

/**
 * @typedef {object} LetterSender
 * @property {string} legal_name
 * @property {string} trade_name
 * @property {string[]} address_lines
 * @property {string} siren_siret
 * @property {string} registry
 * @property {string} vat_line
 * @property {string} phone
 * @property {string} email
 * @property {string} iban
 * @property {string} bic
 * @property {string} town
 * @property {string} addressed_as « madame », « monsieur », « company », or empty
 * @property {boolean} plural
 * @property {boolean} feminine
 */

/**
 * @typedef {object} LetterRecipient
 * @property {number} id
 * @property {string} name
 * @property {string} short_name
 * @property {ClientKind} kind
 * @property {boolean} b2b
 * @property {Segment} segment
 * @property {string} contact_person
 * @property {string} salutation
 * @property {string[]} address_lines
 * @property {AddressProblem[]} address_problems
 * @property {string} email
 */

/**
 * What a letter is made from; the window reads its heading, sender and recipient.
 * @typedef {object} LetterFacts
 * @property {string} kind
 * @property {string} title
 * @property {string} variant
 * @property {Dispatch} dispatch
 * @property {boolean} registered
 * @property {string} tracking_number
 * @property {IsoDate} date
 * @property {LetterSender} sender
 * @property {LetterRecipient} client
 * @property {unknown[]} invoices
 * @property {DocumentFacts[]} documents the invoices whose copy the letter encloses (a file exists for each)
 * @property {Decimal} total_amount
 * @property {Decimal} total_remaining
 * @property {boolean} fully_paid
 * @property {string[]} disputed the numbers of the letter's invoices under a dispute in force
 * @property {unknown} breakdown
 * @property {unknown} deadline
 * @property {unknown} payment
 * @property {unknown} rejection
 * @property {unknown} promise
 * @property {unknown} plan
 * @property {unknown} missed the installment a signed plan missed, for the déchéance du terme letter
 * @property {unknown} procedure
 * @property {unknown} statement the statement of account, for the kind whose annex it is
 * @property {number | null} letter_id
 * @property {unknown[]} previous_letters
 * @property {unknown[]} reminders
 * @property {IsoDate | null} formal_notice_sent_on
 * @property {MissingFact[]} missing facts the letter cannot be printed without
 */

/**
 * A fact a letter needs and the ledger lacks.
 * @typedef {object} MissingFact
 * @property {'missing_rate' | 'addressed_as' | 'claim_statement' | 'missed_installment' | 'invoices_paid' | 'not_due' | 'rejection' | 'promise' | 'collective_procedure'} code
 * @property {string} subject the half-year (« 2026-S2 »), else empty
 * @property {string} message
 * A copy of an invoice a letter encloses.
 * @typedef {object} DocumentFacts
 * @property {number} invoice_id
 * @property {string} number
 * @property {string} label « facture F2026-068 »
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
 * One invoice a new letter may be about, ticked at first when the kind is usually about it.
 * @typedef {object} InvoiceChoice
 * @property {number} id
 * @property {string} number
 * @property {IsoDate} issue_date
 * @property {IsoDate} due_date
 * @property {Decimal} amount
 * @property {Decimal} remaining
 * @property {number} days_late
 * @property {string} status_label
 * @property {boolean} preselected
 */

/**
 * Where a stored letter stands in its life.
 * @typedef {object} LetterState
 * @property {number} letter_id
 * @property {'drafted' | 'printed' | 'sent' | 'cancelled'} status
 * @property {string} status_label in French, with the dates and the reason of a cancellation
 * @property {IsoDate | null} printed_on
 * @property {boolean} edited_since_printed printed, then edited: to print again before it is sent
 * @property {IsoDate | null} cancelled_on
 * @property {string | null} cancel_reason
 * @property {boolean} can_cancel drafted or printed, not sent
 */

/**
 * One letter waiting to be printed.
 * @typedef {object} BatchLetter
 * @property {number} id
 * @property {Letter} letter
 */

/**
 * @typedef {object} BatchProgress
 * @property {number} done
 * @property {number} total
 */

/**
 * What an export of the letters waiting did.
 * @typedef {object} BatchExport
 * @property {string[]} files the files written
 * @property {number[]} printed the letters printed
 * @property {RefusedLetter[]} refused each letter left waiting, with why
 */

/**
 * A letter the export could not print: it stays waiting.
 * @typedef {object} RefusedLetter
 * @property {number} letter_id
 * @property {number} client_id
 * @property {string} client_name
 * @property {string} title the kind's title (« Rappel amical »)
 * @property {string} reason
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

/**
 * @typedef {object} PrintOptions
 * @property {Decimal} offset_x_mm
 * @property {Decimal} offset_y_mm
 */

/**
 * The envelope offsets as typed, in millimetres.
 * @typedef {object} EnvelopeText
 * @property {string} offset_x_mm
 * @property {string} offset_y_mm
 */

/**
 * @typedef {object} RowProblem
 * @property {number} row
 * @property {string} column
 * @property {string} value
 * @property {string} message
 */

/**
 * @typedef {object} RowWarning
 * @property {number} row
 * @property {string} client
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
 * @property {unknown} client
 * @property {number | null} invoice_id
 * @property {IsoDate} issue_date
 * @property {IsoDate} due_date
 * @property {Decimal} amount
 * @property {Decimal | null} amount_excl_vat
 * @property {string} object
 * @property {Nature | null} nature
 * @property {Decimal | null} payment
 * @property {unknown[]} payments
 * @property {FieldChange[]} changes
 * @property {string | null} corrects the invoice a credit note corrects, as the file names it
 * @property {RowDocument | null} document the PDF committing the row gives the invoice, null when it keeps its own
 * @property {PlannedDispute | null} dispute the dispute the file's status asks for (« Litige »), recorded on commit
 * @property {unknown} pause null, or the pause (date, reason) recorded on an invoice payable to someone else (a factor)
 * @property {string[]} notes what the user should know before confirming (a due date computed from terms…)
 */

/**
 * A dispute an import records on an invoice its file says is contested.
 * @typedef {object} PlannedDispute
 * @property {IsoDate} date
 * @property {string} reason
 */

/**
 * A file an import keeps as an invoice's document.
 * @typedef {object} RowDocument
 * @property {string} file_name
 * @property {string} sha256
 */

/** @typedef {'read' | 'new' | 'updated' | 'unchanged' | 'rejected' | 'duplicate'} FileStatus */

/**
 * What became of one file of an import (one entry, « read », for a spreadsheet).
 * @typedef {object} PlannedFile
 * @property {number} row the row its invoice and problems carry; 0 for a spreadsheet
 * @property {string} file_name relative to the folder given
 * @property {string} sha256
 * @property {string} format « Factur-X (PDF, factur-x.xml) », « tableur »; empty when not read
 * @property {string} number the invoice's number, when one was read
 * @property {boolean} credit_note
 * @property {FileStatus} status
 * @property {boolean} document true when the file is kept as the invoice's document
 * @property {string[]} messages why it was refused or passed over
 * @property {string[]} notes what the user should know of the invoice it gave (its row's notes)
 * @property {string | null} error for a file refused whole, the error's stable name
 */

/**
 * @typedef {object} ColumnMapping
 * @property {number} header_row
 * @property {(string | null)[]} columns the field of each column, null when not imported
 */

/**
 * @typedef {object} ImportSource
 * @property {string} file_name
 * @property {string} sha256
 * @property {string | null} sheet
 */

/**
 * @typedef {object} NewClient
 * @property {string} name
 * @property {ClientFields} fields
 * @property {number} row
 */

/**
 * A client of the ledger whose blank fields the import fills (never one already written).
 * @typedef {object} ClientUpdate
 * @property {number} client_id
 * @property {string} name
 * @property {ClientFields} fields
 * @property {FieldChange[]} changes each field filled
 * @property {number} row
 */

/**
 * @typedef {object} ImportPreview
 * @property {ImportSource} source
 * @property {string[]} sheets
 * @property {string[]} headers
 * @property {ColumnMapping} mapping
 * @property {[string, string][]} fields every field with its French label
 * @property {number} new
 * @property {number} updated
 * @property {number} unchanged
 * @property {number} skipped
 * @property {number} rejected_rows
 * @property {NewClient[]} new_clients
 * @property {ClientUpdate[]} client_updates clients whose blank fields the file fills
 * @property {PlannedRow[]} rows the first rows, updated ones first
 * @property {number} rows_total
 * @property {RowProblem[]} rejected
 * @property {number} rejected_total
 * @property {RowWarning[]} warnings
 * @property {number} warnings_total
 * @property {IsoDate} payment_date
 * @property {string | null} payment_date_column
 * @property {number} undated_payments
 * @property {PlannedFile[]} files every file with what it gave, at most 500
 * @property {number} files_total
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
 * @property {string} file_name
 * @property {string} sha256
 * @property {string | null} sheet
 * @property {string[]} sheets
 * @property {number} new
 * @property {number} updated
 * @property {number} unchanged
 * @property {number} skipped
 * @property {RowProblem[]} rejected
 * @property {number} rejected_rows
 * @property {unknown[]} new_clients
 * @property {unknown[]} client_updates clients whose blank fields the file filled: name, changes
 * @property {unknown[]} changes
 * @property {unknown[]} disputes disputes recorded on contested invoices: row, number, date, reason
 * @property {unknown[]} notes the notes of each row that has some: row, number, notes
 * @property {RowWarning[]} warnings
 * @property {IsoDate} payment_date
 * @property {string | null} payment_date_column
 * @property {number} undated_payments
 * @property {ImportRecord | null} import null when nothing needed writing
 * @property {PlannedFile[]} files every file with what it gave
 */

/**
 * Files dropped on the window, and where, in the page's pixels.
 * @typedef {object} Dropped
 * @property {string[]} paths
 * @property {number} x
 * @property {number} y
 */

/** @typedef {'import' | 'hand'} DocumentSource */

/**
 * An invoice's document: its PDF kept beside the ledger.
 * @typedef {object} InvoiceDocument
 * @property {number} invoice_id
 * @property {string} invoice_number
 * @property {string} sha256
 * @property {string} file_name the name the user knew it by
 * @property {DocumentSource} source
 * @property {number | null} import_id
 */

/** @typedef {'csv' | 'ofx1' | 'ofx2' | 'cfonb120' | 'camt053'} StatementFormat */
/** @typedef {'sure' | 'probable' | 'none'} Confidence */
/** @typedef {'record' | 'leave_out' | 'later'} BankDecision */

/**
 * A balance a bank statement states.
 * @typedef {object} StatementBalance
 * @property {IsoDate | null} date
 * @property {Decimal} amount
 */

/**
 * Which field each column of a bank CSV holds, and where its header row is (0: none).
 * @typedef {object} BankMapping
 * @property {number} header_row
 * @property {(string | null)[]} columns
 */

/**
 * How a CSV statement was read.
 * @typedef {object} CsvLayout
 * @property {string[]} headers
 * @property {BankMapping} mapping
 * @property {string} layout_key
 * @property {boolean} guessed true when no header row named the columns
 */

/**
 * A line of a statement that could not be read.
 * @typedef {object} LineProblem
 * @property {number} position
 * @property {string | null} field
 * @property {string} value
 * @property {string} message
 */

/**
 * Lines of a statement that cannot pay an invoice, counted.
 * @typedef {object} SetAside
 * @property {number} debits
 * @property {Decimal} debit_total
 * @property {number} pending
 * @property {number} reversed
 * @property {number} already_imported
 */

/**
 * An invoice a bank credit pays.
 * @typedef {object} CreditInvoice
 * @property {number} invoice_id
 * @property {string} number
 * @property {number} client_id
 * @property {string} client_name
 * @property {Decimal} amount the part of the credit it gets
 * @property {Decimal} remaining what it owed before this statement
 */

/**
 * @typedef {object} InstallmentPaid
 * @property {number} plan_id
 * @property {number} sequence
 */

/**
 * One credit of a statement with what it pays, how sure and why.
 * @typedef {object} BankCredit
 * @property {number} line its place in the file; decisions name it
 * @property {IsoDate} date
 * @property {IsoDate | null} value_date
 * @property {Decimal} amount what the payer paid: what the credit settles and its payment records
 * @property {Decimal} booked_amount what the account was credited with, as the statement shows it
 * @property {Decimal} bank_charges what the bank kept of the payer's money as its charges (0 mostly)
 * @property {string} label
 * @property {string} details
 * @property {string | null} counterparty_name
 * @property {string | null} counterparty_iban
 * @property {string} account the account of the statement it was read from, '' when the file does not say
 * @property {Confidence} confidence
 * @property {string} confidence_label
 * @property {string[]} reasons
 * @property {number | null} client_id
 * @property {string | null} client_name
 * @property {CreditInvoice[]} invoices
 * @property {InstallmentPaid | null} installment
 * @property {Decimal} unallocated
 * @property {PaymentMethod} method
 * @property {string | null} possible_duplicate
 * @property {BankDecision} decision proposed in a preview, done in a report
 */

/**
 * A bank statement read and matched.
 * @typedef {object} BankPreview
 * @property {string} file_name
 * @property {string} sha256
 * @property {StatementFormat} format
 * @property {string} format_label
 * @property {string | null} layout
 * @property {string} account
 * @property {IsoDate | null} first_date
 * @property {IsoDate | null} last_date
 * @property {StatementBalance | null} opening_balance
 * @property {StatementBalance | null} closing_balance
 * @property {number} lines
 * @property {BankCredit[]} credits
 * @property {SetAside} set_aside
 * @property {number} ignored
 * @property {LineProblem[]} problems
 * @property {string[]} warnings
 * @property {number} sure
 * @property {number} probable
 * @property {number} unmatched
 * @property {CsvLayout | null} csv
 * @property {[string, string][]} fields every field a column may hold, with its French name
 */

/**
 * A statement import in the history.
 * @typedef {object} BankImportRecord
 * @property {number} id
 * @property {string} file_name
 * @property {string} sha256
 * @property {StatementFormat} format
 * @property {string} format_label
 * @property {string | null} layout
 * @property {string} account
 * @property {IsoDate | null} first_date
 * @property {IsoDate | null} last_date
 * @property {number} lines
 * @property {number} recorded
 * @property {number} payments
 * @property {Decimal} amount
 * @property {number} left_out
 * @property {number} set_aside
 * @property {string} imported_at
 * @property {string | null} undone_at
 */

/**
 * A letter drafted but not sent that a payment made pointless.
 * @typedef {object} LetterFlag
 * @property {number} letter_id
 * @property {number} client_id
 * @property {string} client_name
 * @property {string} kind
 * @property {string} title
 * @property {string} status
 * @property {IsoDate} drafted_on
 * @property {string[]} paid_invoices
 * @property {string} message
 */

/**
 * A client paid by a statement, and what it owes now.
 * @typedef {object} ClientBalance
 * @property {number} client_id
 * @property {string} name
 * @property {Decimal} received
 * @property {Decimal} balance
 * @property {Decimal} overdue
 */

/**
 * What « Confirmer » did: the preview with each credit's decision, and what was written.
 * @typedef {object} BankReport
 * @property {string} file_name
 * @property {string} sha256
 * @property {StatementFormat} format
 * @property {string} format_label
 * @property {string | null} layout
 * @property {string} account
 * @property {IsoDate | null} first_date
 * @property {IsoDate | null} last_date
 * @property {StatementBalance | null} opening_balance
 * @property {StatementBalance | null} closing_balance
 * @property {number} lines
 * @property {BankCredit[]} credits
 * @property {SetAside} set_aside
 * @property {number} ignored
 * @property {LineProblem[]} problems
 * @property {string[]} warnings
 * @property {number} sure
 * @property {number} probable
 * @property {number} unmatched
 * @property {CsvLayout | null} csv
 * @property {[string, string][]} fields
 * @property {number} recorded payments written
 * @property {number} recorded_credits
 * @property {Decimal} recorded_amount what the payers of the recorded credits paid
 * @property {Decimal} recorded_charges what the bank kept of it as charges
 * @property {number} left_out
 * @property {BankImportRecord | null} import
 * @property {LetterFlag[]} letters_to_check
 * @property {ClientBalance[]} balances
 */

/**
 * One invoice of a credit's split, as typed.
 * @typedef {object} BankPartText
 * @property {string} invoice its number
 * @property {string} amount
 */

/**
 * A credit's decision as the page sends it; `parts` null: as matched.
 * @typedef {object} BankDecisionText
 * @property {number} line
 * @property {BankDecision} decision
 * @property {BankPartText[] | null} parts
 */

/**
 * A credit's split while the user types it.
 * @typedef {object} CreditSplitText
 * @property {string} amount the credit's amount, as the preview gave it
 * @property {BankPartText[]} parts
 */

/**
 * @typedef {object} CreditSplitRow
 * @property {string} invoice as typed
 * @property {number | null} invoice_id
 * @property {string | null} number
 * @property {number | null} client_id
 * @property {string | null} client_name
 * @property {Decimal | null} remaining
 * @property {Decimal | null} amount
 * @property {string | null} problem
 */

/**
 * @typedef {object} CreditSplitClient
 * @property {number} client_id
 * @property {string} name
 * @property {Decimal} amount
 */

/**
 * A credit's split read by the core: each invoice found, what is left, what stops it.
 * @typedef {object} CreditSplitView
 * @property {CreditSplitRow[]} rows
 * @property {Decimal} amount
 * @property {Decimal} allocated
 * @property {Decimal} rest in the client's favour when positive
 * @property {CreditSplitClient[]} clients
 * @property {string[]} problems empty when the split can be recorded
 */

/**
 * @typedef {object} ImportProgress
 * @property {number} percent
 * @property {string} label
 */

/**
 * A plan's terms as the core keeps them.
 * @typedef {object} PlanOptions
 * @property {number | null} count null: the count suggested from the amount
 * @property {'weekly' | 'biweekly' | 'monthly'} frequency
 * @property {IsoDate | null} first_date null: a month after the plan's date
 * @property {Decimal} down_payment
 * @property {boolean} with_fees penalties to date and, B2B only, the 40 € indemnities
 * @property {(Decimal | null)[]} hand_set amounts set by hand, by installment
 */

/**
 * A plan's terms as typed in the editor.
 * @typedef {object} PlanText
 * @property {string} count blank: the count suggested from the amount
 * @property {'weekly' | 'biweekly' | 'monthly'} frequency
 * @property {string} first_date blank: a month after the plan's date
 * @property {string} down_payment
 * @property {boolean} with_fees
 * @property {string[]} hand_set one box per installment, blank where the core shares the rest
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
 * @typedef {object} PlanInvoice
 * @property {number} id
 * @property {string} number
 * @property {IsoDate} due_date
 * @property {Decimal} remaining
 */

/**
 * @typedef {object} Schedule
 * @property {Decimal} principal
 * @property {Decimal} fees
 * @property {Decimal} total
 * @property {Decimal} down_payment
 * @property {'weekly' | 'biweekly' | 'monthly'} frequency
 * @property {PlanInstallment[]} installments
 * @property {number} months
 * @property {string[]} warnings
 */

/**
 * @typedef {object} Tracking
 * @property {'draft' | 'sent' | 'active' | 'late' | 'completed' | 'broken' | 'cancelled'} state
 * @property {string} state_label
 * @property {TrackedInstallment[]} installments
 * @property {Decimal} paid
 * @property {Decimal} remaining
 * @property {Decimal} overdue
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
 * @property {number | null} letter_id
 * @property {PlanOptions} options
 * @property {number} count
 * @property {IsoDate} first_date
 * @property {Decimal} fees_available
 * @property {PlanInvoice[]} invoices
 * @property {Schedule} schedule
 * @property {Tracking} tracking
 * @property {boolean} editable
 * @property {boolean} can_abandon drafted, sent or in force
 * @property {IsoDate | null} abandoned_on
 * @property {string | null} abandon_reason
 */

/**
 * @typedef {object} MonthCash
 * @property {string} month
 * @property {string} label
 * @property {Decimal} amount
 */

/**
 * @typedef {object} Delivery
 * @property {'received' | 'unclaimed' | 'returned'} outcome
 * @property {IsoDate} date
 */

/**
 * @typedef {object} Deadline
 * @property {IsoDate} from
 * @property {number} days
 * @property {IsoDate} ends_on
 */

/**
 * @typedef {object} DispatchRow
 * @property {number} id
 * @property {number} client_id
 * @property {string} kind
 * @property {'drafted' | 'printed' | 'sent' | 'cancelled'} status
 * @property {Dispatch} dispatch
 * @property {IsoDate} drafted_on
 * @property {IsoDate | null} sent_on
 * @property {string | null} tracking_number
 * @property {'R1' | 'R2' | 'R3' | null} level
 * @property {boolean} with_receipt
 * @property {IsoDate | null} deposit_date
 * @property {Delivery | null} delivery
 * @property {number[]} invoice_ids
 */

/**
 * @typedef {object} SmtpSettingsText The e-mail sending settings as typed (the password apart).
 * @property {string} host
 * @property {string} port
 * @property {string} security starttls, tls or none
 * @property {string} user
 * @property {string} from_address
 * @property {string} from_name
 * @property {boolean} bcc_self
 */

/**
 * @typedef {object} Provider A mail provider Ardoise knows, with its sending server and advice.
 * @property {string} id
 * @property {string} name
 * @property {string[]} domains
 * @property {string} host
 * @property {number} port
 * @property {'starttls' | 'tls' | 'none'} security
 * @property {string} user_hint
 * @property {string} advice
 */

/**
 * @typedef {object} SecurityChoice
 * @property {string} id
 * @property {string} label
 */

/**
 * @typedef {object} EmailSettingsView The « E-mail » section of the settings.
 * @property {SmtpSettingsText | null} settings
 * @property {Provider[]} providers
 * @property {SecurityChoice[]} securities
 * @property {boolean} password_known
 * @property {boolean} keychain_available
 * @property {string} password_note
 * @property {string} advice
 */

/**
 * @typedef {object} Mailbox
 * @property {string} name
 * @property {string} address
 */

/**
 * @typedef {object} EmailText A letter's e-mail text, the template's or the user's edit.
 * @property {string} template
 * @property {string} subject
 * @property {string} body
 * @property {boolean} subject_edited
 * @property {boolean} body_edited
 * @property {string[]} problems
 */

/**
 * @typedef {object} SentEmail The proof of an e-mail that left.
 * @property {number} letter_id
 * @property {string} recipient
 * @property {string} message_id
 * @property {string} sent_at
 * @property {IsoDate} sent_on
 * @property {'smtp' | 'mail_program'} way
 * @property {string} server_reply
 * @property {string} eml_file
 * @property {string} sha256
 */

/**
 * @typedef {object} LetterEmail A letter's e-mail as its page shows it.
 * @property {number} letter_id
 * @property {number} client_id
 * @property {string} client_name
 * @property {'drafted' | 'printed' | 'sent' | 'cancelled'} status
 * @property {Dispatch} dispatch
 * @property {string | null} recipient
 * @property {string | null} recipient_problem
 * @property {Mailbox | null} from
 * @property {EmailText} text
 * @property {string} attachment_name
 * @property {SentEmail | null} sent
 * @property {boolean} can_send
 * @property {string} cannot_send_reason
 */

/**
 * @typedef {object} Handover An e-mail handed to the user's own mail program.
 * @property {string} eml_path the draft written, to open
 * @property {string} mailto the same e-mail without its attachment, as a mailto: link
 * @property {string} handed_at the moment in its Date line, to give back when confirming
 */

/**
 * @typedef {object} EmailBatchLine One letter of « Envoyer les e-mails » : sent, or why not.
 * @property {number} letter_id
 * @property {string} client_name
 * @property {string} recipient
 * @property {boolean} sent
 * @property {string | null} error_kind
 * @property {string} message
 * @property {string | null} message_id
 */

/**
 * @typedef {object} LetterLine
 * @property {number} id
 * @property {number} client_id
 * @property {string} kind
 * @property {'drafted' | 'printed' | 'sent' | 'cancelled'} status
 * @property {Dispatch} dispatch
 * @property {IsoDate} drafted_on
 * @property {IsoDate | null} sent_on
 * @property {string | null} tracking_number
 * @property {'R1' | 'R2' | 'R3' | null} level
 * @property {boolean} with_receipt
 * @property {IsoDate | null} deposit_date
 * @property {Delivery | null} delivery
 * @property {number[]} invoice_ids
 * @property {string} client_name
 * @property {string} title
 * @property {string} status_label
 * @property {IsoDate | null} printed_on
 * @property {boolean} edited_since_printed
 * @property {IsoDate | null} cancelled_on
 * @property {string | null} cancel_reason
 * @property {Deadline | null} deadline
 * @property {boolean} tampered
 */

/**
 * A letter's sending as typed.
 * @typedef {object} SendingText
 * @property {string} deposit_date
 * @property {string} tracking_number
 * @property {string} level "R1", "R2", "R3", blank for a letter that is not registered
 * @property {boolean} with_receipt
 */

/**
 * What became of a sent letter, as typed.
 * @typedef {object} DeliveryText
 * @property {string} outcome "received", "unclaimed" or "returned"
 * @property {string} date
 */

/**
 * @typedef {object} PriceRow
 * @property {IsoDate} valid_from
 * @property {Decimal} r1
 * @property {Decimal} r2
 * @property {Decimal} r3
 * @property {Decimal} receipt
 * @property {boolean} to_confirm
 */

/**
 * @typedef {object} PriceTable
 * @property {PriceRow[]} rows
 */

/**
 * @typedef {object} PriceRowText
 * @property {string} valid_from
 * @property {string} r1
 * @property {string} r2
 * @property {string} r3
 * @property {string} receipt
 * @property {boolean} to_confirm
 */

/**
 * @typedef {object} PriceTableText
 * @property {PriceRowText[]} rows
 */

/**
 * @typedef {'last_month' | 'this_month' | 'last_quarter' | 'this_quarter' | 'last_year' | 'this_year' | 'custom'} PeriodChoice
 */

/**
 * The period of a book as chosen: a choice, or the days typed for `custom`.
 * @typedef {object} PeriodText
 * @property {PeriodChoice} choice
 * @property {string} from
 * @property {string} to
 */

/** @typedef {'pdf' | 'csv' | 'xlsx'} BookFormat */
/** @typedef {'xlsx' | 'csv_zip'} AccountantFormat one workbook, or a ZIP of CSV files */

/**
 * One line of the livre des recettes: money received, or a received payment the bank gave back.
 * @typedef {object} BookLine
 * @property {IsoDate} date
 * @property {'receipt' | 'rejection'} kind
 * @property {number} payment_id
 * @property {string[]} invoices the invoices it settled: the supporting documents
 * @property {string} client
 * @property {'goods' | 'services' | 'mixed'} nature
 * @property {string} nature_label
 * @property {Decimal} amount negative for a rejection
 * @property {Decimal} goods
 * @property {Decimal} services
 * @property {PaymentMethod} method
 * @property {string} method_label
 * @property {boolean} cash
 * @property {string} reference
 * @property {string} note « rejeté le … » on a receipt later rejected, « rejet du règlement du … » on a rejection
 */

/**
 * What lines add up to: really received (receipts less rejections), goods apart from services, cash
 * apart from the other means.
 * @typedef {object} BookTotals
 * @property {number} lines
 * @property {Decimal} amount
 * @property {Decimal} goods
 * @property {Decimal} services
 * @property {Decimal} cash
 * @property {Decimal} other_means transfers, cheques, cards and direct debits
 * @property {Decimal} unspecified received by a means nobody gave (« non précisé »)
 */

/**
 * @typedef {object} MonthTotals
 * @property {string} month "2026-10"
 * @property {string} label « octobre 2026 »
 * @property {BookTotals} totals
 */

/**
 * The livre des recettes of a period.
 * @typedef {object} ReceiptsBook
 * @property {IsoDate} from
 * @property {IsoDate} to
 * @property {string} label « octobre 2026 », « 3e trimestre 2026 »…
 * @property {BookLine[]} lines in date order
 * @property {MonthTotals[]} months every month the period touches, empty ones included
 * @property {BookTotals} totals
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

/** @returns {Promise<Labels>} the French names of every list, once at start */
export function labels() {
  return call('labels');
}

/** @returns {Promise<Dashboard>} */
export function dashboard() {
  return call('dashboard');
}

/** @returns {Promise<PrescriptionWatch[]>} the clients within six months of losing a claim, earliest first */
export function prescriptionWatch() {
  return call('prescription_watch');
}

/** @returns {Promise<ClientSummary[]>} */
export function clientList() {
  return call('client_list');
}

/**
 * The clients most late today, the most late first (the dashboard's list).
 * @param {number} limit how many
 * @returns {Promise<ClientSummary[]>}
 */
export function lateClients(limit) {
  return call('late_clients', { limit });
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
 * @param {ClientText} form
 * @returns {Promise<number>} the client's id
 */
export function clientSave(id, form) {
  return call('client_save', { id, form });
}

/**
 * Confirms, for a client in a collective procedure, the sums to fall due and the securities its
 * déclaration de créance states (blank: « none »).
 * @param {number} clientId
 * @param {string} toFallDue
 * @param {string} securities
 * @returns {Promise<ClaimStatement>}
 */
export function claimStatementConfirm(clientId, toFallDue, securities) {
  return call('claim_statement_confirm', { clientId, toFallDue, securities });
}

/**
 * Creates the invoice when `id` is null, else updates it.
 * @param {number | null} id
 * @param {InvoiceText} form
 * @returns {Promise<number>} the invoice's id
 */
export function invoiceSave(id, form) {
  return call('invoice_save', { id, form });
}

/**
 * Writes an invoice off today (a residual balance under the tolerance, offered on the client page).
 * @param {number} id
 * @returns {Promise<void>}
 */
export function invoiceWriteOff(id) {
  return call('invoice_write_off', { id });
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
 * The client's open invoices with the split of the amount typed, and its totals.
 * @param {number} clientId
 * @param {SplitText} form
 * @returns {Promise<SplitView>}
 */
export function paymentSplit(clientId, form) {
  return call('payment_split', { clientId, form });
}

/**
 * @param {PaymentText} form
 * @returns {Promise<number>} the payment's id
 */
export function paymentRecord(form) {
  return call('payment_record', { form });
}

/**
 * @param {number} paymentId
 * @param {RejectionText} form
 * @returns {Promise<void>}
 */
export function paymentReject(paymentId, form) {
  return call('payment_reject', { paymentId, form });
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
 * @param {EventText} form
 * @returns {Promise<number>} the event's id
 */
export function eventAdd(form) {
  return call('event_add', { form });
}

/**
 * Ends a dispute or lifts a pause today.
 * @param {number} id
 * @returns {Promise<void>}
 */
export function eventClose(id) {
  return call('event_close', { id });
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

/** @returns {Promise<ProfileImagesView>} the logo and the signature, when stored */
export function profileImagesGet() {
  return call('profile_images_get');
}

/**
 * Opens the native dialog for a PNG or JPEG and stores it; null when the user cancels. A refused file is
 * refused under the field `logo` or `signature`.
 * @param {ProfileImage} image
 * @returns {Promise<ProfileImagesView | null>}
 */
export function profileImagePick(image) {
  return call('profile_image_pick', { image });
}

/**
 * @param {ProfileImage} image
 * @returns {Promise<ProfileImagesView>}
 */
export function profileImageRemove(image) {
  return call('profile_image_remove', { image });
}

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
 * « À faire aujourd'hui »: the first `limit` proposals (one per client needing action, most urgent
 * first) and how many there are in all.
 * @param {number} limit
 * @returns {Promise<ProposalPage>}
 */
export function proposalPage(limit) {
  return call('proposal_page', { limit });
}

/**
 * Accepts (a drafted letter), skips or snoozes the client's proposal as the core computes it today.
 * @param {number} clientId
 * @param {DecisionText} decision
 * @returns {Promise<number>}
 */
export function proposalDecide(clientId, decision) {
  return call('proposal_decide', { clientId, decision });
}

/** @returns {Promise<DunningSettings>} */
export function dunningSettings() {
  return call('dunning_settings');
}

/**
 * Stores an edited ladder; an invalid one is refused (kind "invalid") with one message per problem.
 * @param {unknown[]} rows the rows as typed
 * @returns {Promise<Ladder>}
 */
export function ladderSave(rows) {
  return call('ladder_save', { rows });
}

/** @returns {Promise<Ladder>} */
export function ladderReset() {
  return call('ladder_reset');
}

/**
 * @param {DunningOptionsText} form
 * @returns {Promise<void>}
 */
export function dunningOptionsSave(form) {
  return call('dunning_options_save', { form });
}

/**
 * One client's penalty breakdown on the date typed, today when blank.
 * @param {number} clientId
 * @param {string | null} date
 * @returns {Promise<ClientPenalties>}
 */
export function penaltiesGet(clientId, date) {
  return call('penalties_get', { clientId, date });
}

/** @returns {Promise<RatesView>} */
export function ratesGet() {
  return call('rates_get');
}

/**
 * Replaces the whole rates table; the core refuses it (kind "invalid", one field error per reason) when
 * a rate is unreadable or the half-years overlap or leave a gap.
 * @param {RateRowText[]} rows
 * @returns {Promise<RatesView>} the table as stored
 */
export function ratesSave(rows) {
  return call('rates_save', { rows });
}

/** @returns {Promise<KindEntry[]>} */
export function letterKinds() {
  return call('letter_kinds');
}

/**
 * The client's invoices a letter of `kind` may be about today, the usual ones preselected.
 * @param {number} clientId
 * @param {string} kind
 * @returns {Promise<InvoiceChoice[]>}
 */
export function letterChoices(clientId, kind) {
  return call('letter_choices', { clientId, kind });
}

/**
 * Drafts a letter of `kind` to a client today about the invoices picked.
 * @param {number} clientId
 * @param {string} kind
 * @param {number[]} invoiceIds
 * @returns {Promise<number>} the letter's id
 */
export function letterDraft(clientId, kind, invoiceIds) {
  return call('letter_draft', { clientId, kind, invoiceIds });
}

/** @param {number} letterId @returns {Promise<LetterState>} */
export function letterState(letterId) {
  return call('letter_state', { letterId });
}

/**
 * Cancels a drafted or printed letter today; the reason stays in the client's history.
 * @param {number} letterId
 * @param {string} reason
 * @returns {Promise<LetterState>}
 */
export function letterCancel(letterId, reason) {
  return call('letter_cancel', { letterId, reason });
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

/** @returns {Promise<BatchLetter[]>} every letter waiting to be printed, whatever day it was drafted */
export function letterBatch() {
  return call('letter_batch');
}

/**
 * Exports every letter waiting to be printed that can be, reporting progress; the others stay waiting.
 * @param {boolean} single one PDF for one print job
 * @param {boolean} withDocuments each letter followed by the invoices' PDFs it encloses
 * @param {(progress: BatchProgress) => void} onProgress
 * @returns {Promise<BatchExport | null>} what was written and what was not, null if cancelled
 */
export function letterBatchExport(single, withDocuments, onProgress) {
  return call('letter_batch_export', { single, withDocuments, progress: channel(onProgress) });
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

/** @param {EnvelopeText} form @returns {Promise<PrintOptions>} */
export function envelopeSave(form) {
  return call('envelope_save', { form });
}

/** @returns {Promise<string | null>} the file written, null if cancelled */
export function calibrationExport() {
  return call('calibration_export');
}

/**
 * Opens the native file dialog, for one or several files.
 * @returns {Promise<string[] | null>} the chosen files' paths, null when cancelled
 */
export function importPickFile() {
  return call('import_pick_file');
}

/**
 * Opens the native folder dialog.
 * @returns {Promise<string | null>} the chosen folder's path, null when cancelled
 */
export function importPickFolder() {
  return call('import_pick_folder');
}

/**
 * Hands every drop of files on the window to `onDrop`, with where it landed.
 * @param {(dropped: Dropped) => void} onDrop
 * @returns {Promise<void>}
 */
export function importWatchDrops(onDrop) {
  return call('import_watch_drops', { onDrop: channel(onDrop) });
}

/**
 * Reads the files (one file, several, or folders) and compares them with the ledger.
 * @param {string[]} paths
 * @param {string | null} sheet
 * @param {ColumnMapping | null} mapping null: the remembered or detected one
 * @param {string | null} paymentDate the date typed for the payments the files do not date; null: today
 * @param {(progress: ImportProgress) => void} onProgress
 * @returns {Promise<ImportPreview>}
 */
export function importPreview(paths, sheet, mapping, paymentDate, onProgress) {
  return call('import_preview', { paths, sheet, mapping, paymentDate, onProgress: channel(onProgress) });
}

/**
 * Imports the files as previewed; refused if they changed since (their SHA-256 differs).
 * @param {string[]} paths
 * @param {string | null} sheet
 * @param {ColumnMapping} mapping
 * @param {string} sha256
 * @param {string | null} paymentDate as given to the preview
 * @param {(progress: ImportProgress) => void} onProgress
 * @returns {Promise<ImportReport>}
 */
export function importCommit(paths, sheet, mapping, sha256, paymentDate, onProgress) {
  return call('import_commit', { paths, sheet, mapping, sha256, paymentDate, onProgress: channel(onProgress) });
}

/**
 * Gives an invoice the PDF chosen in the native dialog.
 * @param {number} invoiceId
 * @returns {Promise<InvoiceDocument | null>} null when cancelled
 */
export function invoiceDocumentPick(invoiceId) {
  return call('invoice_document_pick', { invoiceId });
}

/**
 * Gives an invoice the PDF dropped on it.
 * @param {number} invoiceId
 * @param {string} path
 * @returns {Promise<InvoiceDocument>}
 */
export function invoiceDocumentAttach(invoiceId, path) {
  return call('invoice_document_attach', { invoiceId, path });
}

/**
 * Takes an invoice's document away.
 * @param {number} invoiceId
 * @returns {Promise<InvoiceDocument | null>} the document taken away, null when there was none
 */
export function invoiceDocumentRemove(invoiceId) {
  return call('invoice_document_remove', { invoiceId });
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
 * Opens the native file dialog on bank statements.
 * @returns {Promise<string | null>} the chosen file's path, null when cancelled
 */
export function bankPickFile() {
  return call('bank_pick_file');
}

/**
 * Reads a statement and matches its credits.
 * @param {string} path
 * @param {BankMapping | null} mapping null: the remembered or detected one
 * @returns {Promise<BankPreview>}
 */
export function bankPreview(path, mapping) {
  return call('bank_preview', { path, mapping });
}

/** @param {CreditSplitText} form @returns {Promise<CreditSplitView>} */
export function bankSplit(form) {
  return call('bank_split', { form });
}

/**
 * Records the credits as decided; refused if the file changed since the preview.
 * @param {string} path
 * @param {BankMapping | null} mapping
 * @param {string} sha256
 * @param {BankDecisionText[]} decisions
 * @returns {Promise<BankReport>}
 */
export function bankConfirm(path, mapping, sha256, decisions) {
  return call('bank_confirm', { path, mapping, sha256, decisions });
}

/** @returns {Promise<BankImportRecord[]>} latest first */
export function bankHistory() {
  return call('bank_history');
}

/** @returns {Promise<BankImportRecord>} the statement import undone */
export function bankUndo() {
  return call('bank_undo');
}

/**
 * Drafts a payment plan over the client's overdue invoices, with the default terms.
 * @param {number} clientId
 * @returns {Promise<PlanView>}
 */
export function planDraft(clientId) {
  return call('plan_draft', { clientId });
}

/**
 * Changes a draft's terms as typed: the core recomputes the schedule.
 * @param {number} planId
 * @param {PlanText} form
 * @returns {Promise<PlanView>}
 */
export function planUpdate(planId, form) {
  return call('plan_update', { planId, form });
}

/** @param {number} planId @returns {Promise<PlanView>} */
export function planGet(planId) {
  return call('plan_get', { planId });
}

/** @returns {Promise<PlanView[]>} newest first */
export function planList() {
  return call('plan_list');
}

/** @param {number} planId @param {string} date as typed, today when blank @returns {Promise<PlanView>} */
export function planSign(planId, date) {
  return call('plan_sign', { planId, date });
}

/** @param {number} planId @returns {Promise<string | null>} the PDF written, null if cancelled */
export function planExport(planId) {
  return call('plan_export', { planId });
}

/**
 * Abandons a plan today; its letter, if not sent, is cancelled with it.
 * @param {number} planId
 * @param {string} reason
 * @returns {Promise<PlanView>}
 */
export function planAbandon(planId, reason) {
  return call('plan_abandon', { planId, reason });
}

/** @returns {Promise<MonthCash[]>} cash expected month by month from the plans in force */
export function planCash() {
  return call('plan_cash');
}

/** @returns {Promise<LetterLine[]>} every letter, newest first */
export function dispatchLetters() {
  return call('dispatch_letters');
}

/**
 * Records a letter's sending; `evenIfPaid` when it left before its invoices' payment was known (refused
 * with kind `invoices_paid` otherwise).
 * @param {number} letterId @param {SendingText} form @param {boolean} [evenIfPaid]
 * @returns {Promise<DispatchRow>}
 */
export function dispatchSend(letterId, form, evenIfPaid = false) {
  return call('dispatch_send', { letterId, form, evenIfPaid });
}

/** @param {number} letterId @param {DeliveryText} form @returns {Promise<DispatchRow>} */
export function dispatchDelivery(letterId, form) {
  return call('dispatch_delivery', { letterId, form });
}

/** @param {number} letterId @param {'deposit_proof' | 'receipt'} role @returns {Promise<string | null>} the archived file, null if cancelled */
export function dispatchAttach(letterId, role) {
  return call('dispatch_attach', { letterId, role });
}

/** @param {string} date as typed, today when blank @returns {Promise<string | null>} the file written, null if cancelled */
export function depositListExport(date) {
  return call('deposit_list_export', { date });
}

/** @param {number} clientId @returns {Promise<string | null>} the dossier's folder, null if cancelled */
export function dossierExport(clientId) {
  return call('dossier_export', { clientId });
}

/** @returns {Promise<PriceTable>} the dated prices of registered letters */
export function postagePricesGet() {
  return call('postage_prices_get');
}

/** @param {PriceTableText} form @returns {Promise<PriceTable>} */
export function postagePricesSave(form) {
  return call('postage_prices_save', { form });
}

/** @returns {Promise<EmailSettingsView>} the e-mail sending settings and where the password stands */
export function emailSettingsGet() {
  return call('email_settings_get');
}

/** @param {SmtpSettingsText} form @param {string} password empty to keep the known one @returns {Promise<EmailSettingsView>} */
export function emailSettingsSave(form, password) {
  return call('email_settings_save', { form, password });
}

/** @returns {Promise<string>} the server's answer to the test e-mail, in French */
export function emailTest() {
  return call('email_test');
}

/** @param {number} letterId @returns {Promise<LetterEmail>} */
export function letterEmailGet(letterId) {
  return call('letter_email_get', { letterId });
}

/** @param {number} letterId @param {string} subject @param {string} body @returns {Promise<LetterEmail>} */
export function letterEmailSave(letterId, subject, body) {
  return call('letter_email_save', { letterId, subject, body });
}

/** @param {number} letterId @returns {Promise<LetterEmail>} the e-mail with its proof */
export function letterEmailSend(letterId) {
  return call('letter_email_send', { letterId });
}

/** @param {number} letterId @returns {Promise<LetterEmail>} the letter switched to paper */
export function letterToPaper(letterId) {
  return call('letter_to_paper', { letterId });
}

/**
 * Sends every e-mail letter waiting, reporting progress.
 * @param {(progress: BatchProgress) => void} onProgress
 * @returns {Promise<EmailBatchLine[]>}
 */
export function emailBatchSend(onProgress) {
  return call('email_batch_send', { progress: channel(onProgress) });
}

/** @param {number} letterId @returns {Promise<Handover | null>} the draft written, null if cancelled */
export function letterEmailHandover(letterId) {
  return call('letter_email_handover', { letterId });
}

/** @param {number} letterId @param {string} handedAt @returns {Promise<LetterEmail>} the letter recorded sent */
export function letterEmailConfirm(letterId, handedAt) {
  return call('letter_email_confirm', { letterId, handedAt });
}

/** @param {PeriodText} period @returns {Promise<ReceiptsBook>} the livre des recettes of the period */
export function receiptsBook(period) {
  return call('receipts_book', { period });
}

/**
 * @param {PeriodText} period
 * @param {BookFormat} format
 * @returns {Promise<string | null>} the file written, null if cancelled
 */
export function receiptsExport(period, format) {
  return call('receipts_export', { period, format });
}

/**
 * @param {PeriodText} period
 * @param {AccountantFormat} format
 * @returns {Promise<string | null>} the file written, null if cancelled
 */
export function accountantExport(period, format) {
  return call('accountant_export', { period, format });
}

/**
 * @param {number} clientId
 * @param {string} date as typed, today when blank
 * @returns {Promise<string | null>} the statement's PDF written, null if cancelled
 */
export function statementExport(clientId, date) {
  return call('statement_export', { clientId, date });
}

/** @returns {Promise<Nature>} the nature of the invoices whose own and whose client's say none */
export function natureDefaultGet() {
  return call('nature_default_get');
}

/** @param {Nature} nature @returns {Promise<Nature>} as saved */
export function natureDefaultSave(nature) {
  return call('nature_default_save', { nature });
}
