//! The letter catalogue's kinds (F5), one row per kind holding what the kind means: its stable id, French
//! title and its gender, default dispatch, ladder rank, urgency, whether it groups invoices, its annexes
//! and the deadline it sets. The ladder, the engine, printing, dispatch, the checker and the window read
//! the row; nothing else says what a kind is.

use serde::{Deserialize, Serialize};

/// A kind of letter. The serde name is the id stored in `letters.kind` and in the ladder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LetterKind {
    Welcome,
    InvoiceSending,
    PreReminder,
    FriendlyReminder,
    FirmReminder,
    LastReminder,
    FormalNotice,
    PaymentOrderPack,
    Handover,
    GroupedStatement,
    PartialPayment,
    PaymentThanks,
    RejectedPayment,
    BrokenPromise,
    PlanProposal,
    MissedInstallment,
    ServiceSuspension,
    CreditLimit,
    ClaimDeclaration,
    PaymentOrderNotice,
    AccountStatement,
}

/// How a letter leaves: by e-mail, by simple post, or registered with acknowledgement of receipt (LRAR).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dispatch {
    Email,
    Simple,
    Registered,
}

impl Dispatch {
    /// The id stored in `letters.dispatch`.
    pub fn id(self) -> &'static str {
        match self {
            Dispatch::Email => "email",
            Dispatch::Simple => "simple",
            Dispatch::Registered => "registered",
        }
    }

    /// The French label ("lettre recommandée avec AR").
    pub fn label(self) -> &'static str {
        match self {
            Dispatch::Email => "e-mail",
            Dispatch::Simple => "lettre simple",
            Dispatch::Registered => "lettre recommandée avec AR",
        }
    }

    pub fn from_id(id: &str) -> Option<Dispatch> {
        [Dispatch::Email, Dispatch::Simple, Dispatch::Registered].into_iter().find(|d| d.id() == id)
    }
}

/// The grammatical gender of a kind's title, for agreeing « proposée » / « proposé » in the reasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Feminine,
    Masculine,
}

/// An annex table a kind's printed letter carries after its signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Annex {
    /// The invoices concerned: number, dates, amount, paid, remaining, days late.
    Invoices,
    /// The penalty breakdown of F4: each interest period, the indemnities, the total.
    PenaltyBreakdown,
    /// The account's entries on the letter's date: every invoice and credit note, every payment with what
    /// it settled, rejections and write-offs, with the running balance (`domain::books::statement`).
    Statement,
    /// A copy of each invoice concerned that has its document (its PDF kept beside the ledger): listed
    /// among the enclosures, printed after the letter when the batch is asked to, attached to an e-mail.
    InvoiceCopies,
}

/// The day a deadline set by a letter counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineStart {
    /// The day the letter reached the debtor (its receipt, or its first presentation when left unclaimed);
    /// the ladder's next step waits for the deadline to end.
    Receipt,
    /// The letter's date: a reminder asking for payment « dans les huit jours ».
    LetterDate,
}

/// The deadline a kind's text gives the debtor. Templates print it from the letter's facts; no template
/// writes a number of days itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KindDeadline {
    pub days: u32,
    pub from: DeadlineStart,
}

/// Everything one kind of letter means, in one row: the engine, printing, dispatch, the checker and the
/// window read it here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KindRow {
    pub kind: LetterKind,
    /// The stored id (`letters.kind`, ladder rows): the serde name.
    pub id: &'static str,
    /// The French title, as a heading and in the proposals.
    pub title: &'static str,
    pub gender: Gender,
    /// How the letter leaves unless the ladder or the user says otherwise: the courteous ones by e-mail,
    /// what may need proof in court registered.
    pub dispatch: Dispatch,
    /// Its place on the dunning ladder (kinds outside the ladder have none); a ladder's rows keep this order.
    pub ladder_rank: Option<u8>,
    /// How pressing a proposal of this kind is, before the days late (higher first).
    pub urgency: i64,
    /// Several overdue invoices at this step become one grouped statement.
    pub groupable: bool,
    /// The annex tables printed after the letter.
    pub annexes: &'static [Annex],
    /// The deadline the letter sets, if any.
    pub deadline: Option<KindDeadline>,
    /// What the letter asks of the debtor about its invoices.
    pub claim: Claim,
}

/// What a kind of letter asks the debtor to pay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Claim {
    /// Nothing: a welcome, a thanks, a statement of account.
    Nothing,
    /// What its invoices owe, due or not yet (an invoice sent, a partial payment acknowledged, a plan).
    Owed,
    /// What its invoices owe once due, and only then: a reminder or a mise en demeure says each invoice is
    /// « échue » and puts the debtor at fault, which an invoice not yet due cannot be.
    Due,
}

const INVOICES: &[Annex] = &[Annex::Invoices];
const INVOICES_AND_COPIES: &[Annex] = &[Annex::Invoices, Annex::InvoiceCopies];
const ALL_ANNEXES: &[Annex] = &[Annex::Invoices, Annex::PenaltyBreakdown, Annex::InvoiceCopies];
const NO_ANNEX: &[Annex] = &[];
const STATEMENT_AND_INVOICES: &[Annex] = &[Annex::Statement, Annex::Invoices];
const EIGHT_DAYS_FROM_RECEIPT: Option<KindDeadline> = Some(KindDeadline { days: 8, from: DeadlineStart::Receipt });
const EIGHT_DAYS_FROM_LETTER: Option<KindDeadline> = Some(KindDeadline { days: 8, from: DeadlineStart::LetterDate });

macro_rules! row {
    ($kind:ident, $id:literal, $title:literal, $gender:ident, $dispatch:ident, $rank:expr, $urgency:literal,
     $groupable:literal, $annexes:expr, $deadline:expr, $claim:ident) => {
        KindRow {
            kind: LetterKind::$kind,
            id: $id,
            title: $title,
            gender: Gender::$gender,
            dispatch: Dispatch::$dispatch,
            ladder_rank: $rank,
            urgency: $urgency,
            groupable: $groupable,
            annexes: $annexes,
            deadline: $deadline,
            claim: Claim::$claim,
        }
    };
}

/// The catalogue's kinds, one row each, in catalogue order (the order of `LetterKind::ALL`).
#[rustfmt::skip]
pub const KINDS: [KindRow; 21] = [
    //   kind                 id                       title                                                gender     dispatch    rank     urg. group  annexes                  deadline                 claim
    row!(Welcome,            "welcome",              "Lettre de bienvenue",                               Feminine,  Email,      None,    1, false, NO_ANNEX,                None,                    Nothing),
    row!(InvoiceSending,     "invoice_sending",      "Envoi de facture",                                  Masculine, Email,      None,    1, false, INVOICES_AND_COPIES,     None,                    Owed),
    row!(PreReminder,        "pre_reminder",         "Pré-relance",                                       Feminine,  Email,      Some(0), 1, false, INVOICES_AND_COPIES,     None,                    Owed),
    row!(FriendlyReminder,   "friendly_reminder",    "Rappel amical",                                     Masculine, Email,      Some(1), 2, true,  INVOICES_AND_COPIES,     None,                    Due),
    row!(FirmReminder,       "firm_reminder",        "Relance ferme",                                     Feminine,  Registered, Some(3), 4, true,  INVOICES_AND_COPIES,     EIGHT_DAYS_FROM_LETTER,  Due),
    row!(LastReminder,       "last_reminder",        "Dernier rappel avant mise en demeure",              Masculine, Simple,     Some(4), 5, true,  ALL_ANNEXES,             EIGHT_DAYS_FROM_LETTER,  Due),
    row!(FormalNotice,       "formal_notice",        "Mise en demeure",                                   Feminine,  Registered, Some(5), 6, false, ALL_ANNEXES,             EIGHT_DAYS_FROM_RECEIPT, Due),
    row!(PaymentOrderPack,   "payment_order_pack",   "Dossier d'injonction de payer",                     Masculine, Registered, Some(6), 7, false, ALL_ANNEXES,             None,                    Due),
    row!(Handover,           "handover",             "Transmission au recouvrement",                      Feminine,  Simple,     Some(7), 7, false, ALL_ANNEXES,             None,                    Due),
    row!(GroupedStatement,   "grouped_statement",    "Relevé des factures en retard",                     Masculine, Simple,     None,    4, false, INVOICES_AND_COPIES,     None,                    Due),
    row!(PartialPayment,     "partial_payment",      "Accusé de règlement partiel",                       Masculine, Email,      None,    3, false, INVOICES,                None,                    Owed),
    row!(PaymentThanks,      "payment_thanks",       "Remerciement pour règlement",                       Masculine, Email,      None,    1, false, INVOICES,                None,                    Nothing),
    row!(RejectedPayment,    "rejected_payment",     "Paiement rejeté",                                   Masculine, Simple,     None,    8, false, INVOICES,                None,                    Owed),
    row!(BrokenPromise,      "broken_promise",       "Promesse non tenue",                                Feminine,  Simple,     None,    8, false, INVOICES,                None,                    Owed),
    row!(PlanProposal,       "plan_proposal",        "Proposition d'échéancier",                          Feminine,  Email,      Some(2), 2, false, INVOICES,                None,                    Owed),
    row!(MissedInstallment,  "missed_installment",   "Échéance impayée et déchéance du terme",            Feminine,  Registered, None,    8, false, INVOICES,                EIGHT_DAYS_FROM_RECEIPT, Owed),
    row!(ServiceSuspension,  "service_suspension",   "Suspension des prestations",                        Feminine,  Registered, None,    1, false, INVOICES,                None,                    Due),
    row!(CreditLimit,        "credit_limit",         "Plafond d'encours atteint",                         Masculine, Simple,     None,    1, false, INVOICES,                None,                    Owed),
    row!(ClaimDeclaration,   "claim_declaration",    "Déclaration de créance",                            Feminine,  Registered, None,    9, false, ALL_ANNEXES,             None,                    Owed),
    row!(PaymentOrderNotice, "payment_order_notice", "Notification d'ordonnance d'injonction de payer",   Feminine,  Registered, None,    1, false, INVOICES,                None,                    Due),
    row!(AccountStatement,   "account_statement",    "Relevé de compte",                                  Masculine, Simple,     None,    1, false, STATEMENT_AND_INVOICES,  None,                    Nothing),
];

impl LetterKind {
    /// Every kind, in catalogue order.
    pub const ALL: [LetterKind; 21] = {
        let mut all = [LetterKind::Welcome; 21];
        let mut index = 0;
        while index < KINDS.len() {
            all[index] = KINDS[index].kind;
            index += 1;
        }
        all
    };

    /// The kind's row: what it means.
    pub fn row(self) -> &'static KindRow {
        KINDS.iter().find(|row| row.kind == self).expect("every kind has its row")
    }

    /// The stored id ("formal_notice").
    pub fn id(self) -> &'static str {
        self.row().id
    }

    /// The kind whose id this is.
    pub fn from_id(id: &str) -> Option<LetterKind> {
        KINDS.iter().find(|row| row.id == id).map(|row| row.kind)
    }

    /// The French title, as a heading and in the proposals.
    pub fn title(self) -> &'static str {
        self.row().title
    }

    /// True when the title is a feminine noun, for agreeing "proposée" in the reasons.
    pub fn feminine(self) -> bool {
        self.row().gender == Gender::Feminine
    }

    /// True when the letter asks the debtor to pay its invoices (not a thanks, not a statement): once they
    /// are all paid, its sending is refused (unless the user says it left before the payment was known).
    pub fn asks_payment(self) -> bool {
        self.row().claim != Claim::Nothing
    }

    /// True when the letter claims only invoices already due (a reminder, a mise en demeure).
    pub fn claims_due_only(self) -> bool {
        self.row().claim == Claim::Due
    }

    /// How the letter is sent unless the ladder or the user says otherwise.
    pub fn default_dispatch(self) -> Dispatch {
        self.row().dispatch
    }

    /// Its place on the dunning ladder, if it is a ladder step.
    pub fn ladder_rank(self) -> Option<u8> {
        self.row().ladder_rank
    }

    /// The deadline the letter sets, if any.
    pub fn deadline(self) -> Option<KindDeadline> {
        self.row().deadline
    }

    /// Whether its printed letter carries `annex`.
    pub fn has_annex(self, annex: Annex) -> bool {
        self.row().annexes.contains(&annex)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_the_serde_names_and_round_trip() {
        for kind in LetterKind::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), serde_json::Value::String(kind.id().into()));
            assert_eq!(LetterKind::from_id(kind.id()), Some(kind));
            assert!(!kind.title().is_empty());
        }
        assert_eq!(LetterKind::FormalNotice.title(), "Mise en demeure");
        assert_eq!(LetterKind::FormalNotice.default_dispatch(), Dispatch::Registered);
        assert_eq!(LetterKind::from_id("unknown"), None);
    }

    #[test]
    fn the_table_has_one_row_per_kind_in_catalogue_order_with_unique_ids_and_ranks() {
        let ids: std::collections::HashSet<_> = KINDS.iter().map(|row| row.id).collect();
        assert_eq!(ids.len(), KINDS.len());
        let mut ranks: Vec<u8> = KINDS.iter().filter_map(|row| row.ladder_rank).collect();
        let count = ranks.len();
        ranks.dedup();
        assert_eq!(ranks.len(), count, "ladder ranks are unique");
        for (index, kind) in LetterKind::ALL.into_iter().enumerate() {
            assert_eq!(KINDS[index].kind, kind);
            assert_eq!(kind.row().kind, kind);
        }
        assert_eq!(LetterKind::FormalNotice.deadline(), Some(KindDeadline { days: 8, from: DeadlineStart::Receipt }));
        assert!(LetterKind::FormalNotice.has_annex(Annex::PenaltyBreakdown));
        assert!(!LetterKind::Welcome.has_annex(Annex::Invoices));
        assert!(LetterKind::FormalNotice.has_annex(Annex::InvoiceCopies));
        assert!(!LetterKind::PaymentThanks.has_annex(Annex::InvoiceCopies));
    }
}
