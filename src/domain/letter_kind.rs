//! The letter catalogue's kinds (F5): one stable id per kind of letter, its French title and the way it
//! is sent by default. The ladder, the dunning engine and the `letters` table all speak these ids.

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

impl LetterKind {
    /// Every kind, in catalogue order.
    pub const ALL: [LetterKind; 20] = [
        LetterKind::Welcome,
        LetterKind::InvoiceSending,
        LetterKind::PreReminder,
        LetterKind::FriendlyReminder,
        LetterKind::FirmReminder,
        LetterKind::LastReminder,
        LetterKind::FormalNotice,
        LetterKind::PaymentOrderPack,
        LetterKind::Handover,
        LetterKind::GroupedStatement,
        LetterKind::PartialPayment,
        LetterKind::PaymentThanks,
        LetterKind::RejectedPayment,
        LetterKind::BrokenPromise,
        LetterKind::PlanProposal,
        LetterKind::MissedInstallment,
        LetterKind::ServiceSuspension,
        LetterKind::CreditLimit,
        LetterKind::ClaimDeclaration,
        LetterKind::PaymentOrderNotice,
    ];

    /// The stored id ("formal_notice").
    pub fn id(self) -> &'static str {
        match self {
            LetterKind::Welcome => "welcome",
            LetterKind::InvoiceSending => "invoice_sending",
            LetterKind::PreReminder => "pre_reminder",
            LetterKind::FriendlyReminder => "friendly_reminder",
            LetterKind::FirmReminder => "firm_reminder",
            LetterKind::LastReminder => "last_reminder",
            LetterKind::FormalNotice => "formal_notice",
            LetterKind::PaymentOrderPack => "payment_order_pack",
            LetterKind::Handover => "handover",
            LetterKind::GroupedStatement => "grouped_statement",
            LetterKind::PartialPayment => "partial_payment",
            LetterKind::PaymentThanks => "payment_thanks",
            LetterKind::RejectedPayment => "rejected_payment",
            LetterKind::BrokenPromise => "broken_promise",
            LetterKind::PlanProposal => "plan_proposal",
            LetterKind::MissedInstallment => "missed_installment",
            LetterKind::ServiceSuspension => "service_suspension",
            LetterKind::CreditLimit => "credit_limit",
            LetterKind::ClaimDeclaration => "claim_declaration",
            LetterKind::PaymentOrderNotice => "payment_order_notice",
        }
    }

    /// The kind whose id this is.
    pub fn from_id(id: &str) -> Option<LetterKind> {
        LetterKind::ALL.into_iter().find(|kind| kind.id() == id)
    }

    /// The French title, as a heading and in the proposals.
    pub fn title(self) -> &'static str {
        match self {
            LetterKind::Welcome => "Lettre de bienvenue",
            LetterKind::InvoiceSending => "Envoi de facture",
            LetterKind::PreReminder => "Pré-relance",
            LetterKind::FriendlyReminder => "Rappel amical",
            LetterKind::FirmReminder => "Relance ferme",
            LetterKind::LastReminder => "Dernier rappel avant mise en demeure",
            LetterKind::FormalNotice => "Mise en demeure",
            LetterKind::PaymentOrderPack => "Dossier d'injonction de payer",
            LetterKind::Handover => "Transmission au recouvrement",
            LetterKind::GroupedStatement => "Relevé des factures en retard",
            LetterKind::PartialPayment => "Accusé de règlement partiel",
            LetterKind::PaymentThanks => "Remerciement pour règlement",
            LetterKind::RejectedPayment => "Paiement rejeté",
            LetterKind::BrokenPromise => "Promesse non tenue",
            LetterKind::PlanProposal => "Proposition d'échéancier",
            LetterKind::MissedInstallment => "Échéance impayée et déchéance du terme",
            LetterKind::ServiceSuspension => "Suspension des prestations",
            LetterKind::CreditLimit => "Plafond d'encours atteint",
            LetterKind::ClaimDeclaration => "Déclaration de créance",
            LetterKind::PaymentOrderNotice => "Notification d'ordonnance d'injonction de payer",
        }
    }

    /// True when the title is a feminine noun, for agreeing "proposée" in the reasons.
    pub fn feminine(self) -> bool {
        matches!(
            self,
            LetterKind::Welcome
                | LetterKind::PreReminder
                | LetterKind::FirmReminder
                | LetterKind::FormalNotice
                | LetterKind::Handover
                | LetterKind::BrokenPromise
                | LetterKind::PlanProposal
                | LetterKind::MissedInstallment
                | LetterKind::ServiceSuspension
                | LetterKind::ClaimDeclaration
                | LetterKind::PaymentOrderNotice
        )
    }

    /// How the letter is sent unless the ladder or the user says otherwise: the courteous ones by e-mail,
    /// what may need proof in court registered.
    pub fn default_dispatch(self) -> Dispatch {
        match self {
            LetterKind::Welcome
            | LetterKind::InvoiceSending
            | LetterKind::PreReminder
            | LetterKind::FriendlyReminder
            | LetterKind::PartialPayment
            | LetterKind::PaymentThanks
            | LetterKind::PlanProposal => Dispatch::Email,
            LetterKind::LastReminder
            | LetterKind::GroupedStatement
            | LetterKind::RejectedPayment
            | LetterKind::BrokenPromise
            | LetterKind::CreditLimit
            | LetterKind::Handover => Dispatch::Simple,
            LetterKind::FirmReminder
            | LetterKind::FormalNotice
            | LetterKind::PaymentOrderPack
            | LetterKind::MissedInstallment
            | LetterKind::ServiceSuspension
            | LetterKind::ClaimDeclaration
            | LetterKind::PaymentOrderNotice => Dispatch::Registered,
        }
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
}
