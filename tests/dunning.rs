//! The dunning engine through the public API: a table of dated scenarios (a small ledger built with the
//! ledger's own methods, a date, the proposals expected with their kind, step, invoices and the words of
//! their reason), then the ladder's validation, the settings, and the `propose` command line.

use ardoise::desk::proposals::ProposalAction;
use ardoise::domain::dunning::Proposal;
use ardoise::domain::ladder::Ladder;
use ardoise::domain::letter_kind::{Dispatch, LetterKind};
use ardoise::domain::model::{
    ClientFields, ClientKind, ClientStatus, EventFields, EventKind, InvoiceFields, PaymentFields, PaymentMethod,
    Procedure, Rejection, Segment,
};
use ardoise::domain::plans::PlanState;
use ardoise::ledger::PlanFields;
use ardoise::Ledger;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn eur(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// Reasons use no-break spaces in amounts; tests write plain ones.
fn plain(text: &str) -> String {
    text.replace(['\u{202f}', '\u{a0}'], " ")
}

/// A small ledger and the ids of what was put in it, by the names the scenarios use.
struct Fx {
    ledger: Ledger,
    ids: HashMap<String, i64>,
}

impl Fx {
    fn new() -> Fx {
        Fx { ledger: Ledger::open_in_memory().unwrap(), ids: HashMap::new() }
    }

    fn id(&self, name: &str) -> i64 {
        *self.ids.get(name).unwrap_or_else(|| panic!("no {name} in the fixture"))
    }

    /// "Alpha" regular, "Bravo" new, "Chronos" chronic late payer, "Delta" key account, "Echo"
    /// micro-business (all professionals), "Fox" a consumer.
    fn client(&mut self, name: &str) -> i64 {
        let (kind, segment) = match name {
            "Alpha" => (ClientKind::Professional, Segment::Regular),
            "Bravo" => (ClientKind::Professional, Segment::New),
            "Chronos" => (ClientKind::Professional, Segment::ChronicLatePayer),
            "Delta" => (ClientKind::Professional, Segment::KeyAccount),
            "Echo" => (ClientKind::Professional, Segment::MicroBusiness),
            "Fox" => (ClientKind::Consumer, Segment::Regular),
            other => panic!("unknown fixture client {other}"),
        };
        let fields = ClientFields {
            kind,
            segment,
            company_name: if kind == ClientKind::Professional { format!("{name} SARL") } else { String::new() },
            civility: if kind == ClientKind::Consumer { "Mme".into() } else { String::new() },
            first_name: if kind == ClientKind::Consumer { "Anne".into() } else { String::new() },
            last_name: if kind == ClientKind::Consumer { name.into() } else { String::new() },
            ..Default::default()
        };
        self.add_client(name, fields)
    }

    fn add_client(&mut self, name: &str, fields: ClientFields) -> i64 {
        let id = self.ledger.create_client(&fields).unwrap();
        self.ids.insert(name.to_string(), id);
        id
    }

    /// An invoice issued 30 days before its due date (or on it, for a credit note).
    fn invoice(&mut self, client: &str, number: &str, due: &str, amount: &str) -> i64 {
        let due_date = date(due);
        let issue_date = due_date - chrono::Days::new(30);
        let id = self
            .ledger
            .create_invoice(&InvoiceFields {
                number: number.into(),
                client_id: self.id(client),
                issue_date,
                due_date: Some(due_date),
                amount: eur(amount),
                amount_excl_vat: None,
                object: String::new(),
                penalty_rate: None,
                written_off_on: None,
                payment_terms: None,
                nature: None,
            })
            .unwrap();
        self.ids.insert(number.to_string(), id);
        id
    }

    fn pay(&mut self, client: &str, on: &str, amount: &str, method: PaymentMethod) -> i64 {
        self.ledger
            .record_payment(&PaymentFields {
                client_id: self.id(client),
                date: date(on),
                amount: eur(amount),
                method,
                reference: String::new(),
                allocations: None,
            })
            .unwrap()
    }

    fn event(&mut self, client: &str, kind: EventKind, on: &str, until: Option<&str>, invoice: Option<&str>) -> i64 {
        let amount = (kind == EventKind::Promise).then(|| eur("1200.00"));
        self.ledger
            .add_event(&EventFields {
                client_id: self.id(client),
                kind,
                date: date(on),
                text: "noté au téléphone".into(),
                amount,
                until: until.map(date),
                invoice_id: invoice.map(|n| self.id(n)),
            })
            .unwrap()
    }

    fn decide(&mut self, client: &str, on: &str, action: ProposalAction) -> i64 {
        let client = self.id(client);
        ardoise::desk::proposals::decide_proposal(&mut self.ledger, client, date(on), action).unwrap()
    }

    /// Accepts the client's proposal of that day and sends the letter the same day.
    fn send(&mut self, client: &str, on: &str) -> i64 {
        let letter = self.decide(client, on, ProposalAction::Accept);
        self.ledger.record_letter_sent(letter, date(on)).unwrap();
        letter
    }

    fn proposals(&self, on: &str) -> Vec<Proposal> {
        ardoise::desk::proposals::proposals(&self.ledger, date(on)).unwrap()
    }
}

/// One expected proposal.
struct Expect {
    client: &'static str,
    kind: LetterKind,
    step: &'static str,
    invoices: &'static [&'static str],
    words: &'static [&'static str],
}

struct Scenario {
    name: &'static str,
    setup: fn(&mut Fx),
    date: &'static str,
    expect: &'static [Expect],
    /// Further checks on the first proposal.
    extra: fn(&Proposal),
}

fn nothing_more(_: &Proposal) {}

fn alpha_owes_one(fx: &mut Fx) {
    fx.client("Alpha");
    fx.invoice("Alpha", "A1", "2026-10-01", "1200.00");
}

/// Alpha's A1 taken through the friendly, firm and last reminders (regular segment: D+7, D+20, D+30).
fn alpha_up_to_last_reminder(fx: &mut Fx) {
    alpha_owes_one(fx);
    fx.send("Alpha", "2026-10-08");
    fx.send("Alpha", "2026-10-21");
    fx.send("Alpha", "2026-10-31");
}

fn alpha_formal_notice_received(fx: &mut Fx) {
    alpha_up_to_last_reminder(fx);
    let notice = fx.send("Alpha", "2026-11-10");
    fx.ledger.record_letter_receipt(notice, date("2026-11-12")).unwrap();
}

fn fox_rejected_cheque(fx: &mut Fx) {
    fx.client("Fox");
    fx.invoice("Fox", "F1", "2026-10-01", "1200.00");
    let cheque = fx.pay("Fox", "2026-09-30", "1200.00", PaymentMethod::Cheque);
    fx.ledger
        .reject_payment(
            cheque,
            &Rejection { date: date("2026-10-05"), fees: eur("15.00"), reason: "sans provision".into() },
        )
        .unwrap();
}

fn alpha_promise(fx: &mut Fx) {
    alpha_owes_one(fx);
    fx.event("Alpha", EventKind::Promise, "2026-10-10", Some("2026-10-20"), Some("A1"));
}

fn alpha_in_procedure(fx: &mut Fx, bodacc: Option<&str>) {
    let fields = ClientFields {
        kind: ClientKind::Professional,
        company_name: "Alpha SARL".into(),
        status: ClientStatus::CollectiveProcedure,
        procedure: Procedure {
            opening_date: Some(date("2026-10-10")),
            bodacc_date: bodacc.map(date),
            mandataire_name: "Me Durand".into(),
            mandataire_address: String::new(),
            claim_statement: None,
        },
        ..Default::default()
    };
    fx.add_client("Alpha", fields);
    fx.invoice("Alpha", "A1", "2026-10-01", "1200.00");
}

fn alpha_plan(fx: &mut Fx) {
    alpha_owes_one(fx);
    fx.ledger
        .create_plan(&PlanFields {
            client_id: fx.id("Alpha"),
            drafted_on: date("2026-10-09"),
            status: PlanState::Active,
            signed_on: Some(date("2026-10-10")),
            down_payment: Decimal::ZERO,
            installments: vec![
                (date("2026-10-20"), eur("400.00")),
                (date("2026-11-20"), eur("400.00")),
                (date("2026-12-20"), eur("400.00")),
            ],
            invoice_ids: vec![fx.id("A1")],
        })
        .unwrap();
}

fn fox_old_invoice(fx: &mut Fx) {
    fx.client("Fox");
    fx.invoice("Fox", "F0", "2025-01-15", "600.00");
}

fn scenarios() -> Vec<Scenario> {
    use LetterKind::*;
    vec![
        Scenario {
            name: "nothing before the first step (regular: D+7)",
            setup: alpha_owes_one,
            date: "2026-10-07",
            expect: &[],
            extra: nothing_more,
        },
        Scenario {
            name: "first step on its day",
            setup: alpha_owes_one,
            date: "2026-10-08",
            expect: &[Expect {
                client: "Alpha",
                kind: FriendlyReminder,
                step: "friendly_reminder_soft",
                invoices: &["A1"],
                words: &[
                    "Rappel amical proposé",
                    "échue le 1er octobre",
                    "7 jours de retard",
                    "aucune relance envoyée",
                ],
            }],
            extra: |p| {
                assert_eq!(p.dispatch, Dispatch::Email);
                assert_eq!(p.sending_day, date("2026-10-08"), "a Thursday stays");
                assert_eq!(p.principal, eur("1200.00"));
                assert_eq!(p.indemnity, eur("40.00"), "B2B: 40 € per late invoice");
                assert_eq!(p.total, p.principal + p.interest + p.indemnity);
            },
        },
        Scenario {
            name: "a late start still begins with the first step, never skipping",
            setup: alpha_owes_one,
            date: "2026-11-20",
            expect: &[Expect {
                client: "Alpha",
                kind: FriendlyReminder,
                step: "friendly_reminder_soft",
                invoices: &["A1"],
                words: &["50 jours de retard"],
            }],
            extra: nothing_more,
        },
        Scenario {
            name: "a new client gets the friendly reminder at D+3",
            setup: |fx| {
                fx.client("Bravo");
                fx.invoice("Bravo", "B1", "2026-10-01", "800.00");
            },
            date: "2026-10-04",
            expect: &[Expect {
                client: "Bravo",
                kind: FriendlyReminder,
                step: "friendly_reminder",
                invoices: &["B1"],
                words: &["3 jours de retard"],
            }],
            extra: nothing_more,
        },
        Scenario {
            name: "a new client gets a pré-relance five days before the due date",
            setup: |fx| {
                fx.client("Bravo");
                fx.invoice("Bravo", "B1", "2026-10-01", "800.00");
            },
            date: "2026-09-26",
            expect: &[Expect {
                client: "Bravo",
                kind: PreReminder,
                step: "pre_reminder",
                invoices: &["B1"],
                words: &["Pré-relance proposée", "à échéance le 1er octobre", "nouveau client"],
            }],
            extra: |p| {
                assert_eq!(p.principal, eur("800.00"));
                assert_eq!(p.indemnity, Decimal::ZERO, "nothing is late yet");
            },
        },
        Scenario {
            name: "a regular client gets no pré-relance",
            setup: alpha_owes_one,
            date: "2026-09-28",
            expect: &[],
            extra: nothing_more,
        },
        Scenario {
            name: "a chronic late payer gets the pré-relance",
            setup: |fx| {
                fx.client("Chronos");
                fx.invoice("Chronos", "C1", "2026-10-01", "500.00");
            },
            date: "2026-09-29",
            expect: &[Expect {
                client: "Chronos",
                kind: PreReminder,
                step: "pre_reminder",
                invoices: &["C1"],
                words: &["retardataire chronique"],
            }],
            extra: nothing_more,
        },
        Scenario {
            name: "an optional pré-relance whose moment has gone is passed over without blocking",
            setup: |fx| {
                fx.client("Chronos");
                fx.invoice("Chronos", "C1", "2026-10-01", "500.00");
            },
            date: "2026-10-02",
            expect: &[],
            extra: nothing_more,
        },
        Scenario {
            name: "after the passed-over pré-relance the chronic payer's friendly reminder comes at D+3",
            setup: |fx| {
                fx.client("Chronos");
                fx.invoice("Chronos", "C1", "2026-10-01", "500.00");
            },
            date: "2026-10-04",
            expect: &[Expect {
                client: "Chronos",
                kind: FriendlyReminder,
                step: "friendly_reminder",
                invoices: &["C1"],
                words: &["aucune relance envoyée"],
            }],
            extra: nothing_more,
        },
        Scenario {
            name: "a chronic late payer escalates faster (firm at D+10, gap 5)",
            setup: |fx| {
                fx.client("Chronos");
                fx.invoice("Chronos", "C1", "2026-10-01", "500.00");
                fx.send("Chronos", "2026-10-04");
            },
            date: "2026-10-11",
            expect: &[Expect {
                client: "Chronos",
                kind: FirmReminder,
                step: "firm_reminder_fast",
                invoices: &["C1"],
                words: &["Relance ferme proposée", "rappel amical envoyé le 4 octobre", "7 jours sans règlement"],
            }],
            extra: |p| assert_eq!(p.dispatch, Dispatch::Registered),
        },
        Scenario {
            name: "a key account is reminded later (D+7), not at D+3",
            setup: |fx| {
                fx.client("Delta");
                fx.invoice("Delta", "D1", "2026-10-01", "900.00");
            },
            date: "2026-10-05",
            expect: &[],
            extra: nothing_more,
        },
        Scenario {
            name: "escalation once the previous letter was sent: relance ferme with its reason",
            setup: |fx| {
                alpha_owes_one(fx);
                fx.send("Alpha", "2026-10-08");
            },
            date: "2026-10-21",
            expect: &[Expect {
                client: "Alpha",
                kind: FirmReminder,
                step: "firm_reminder_soft",
                invoices: &["A1"],
                words: &["Relance ferme proposée : rappel amical envoyé le 8 octobre, 13 jours sans règlement"],
            }],
            extra: |p| assert_eq!(p.dispatch, Dispatch::Simple, "softer for a regular client"),
        },
        Scenario {
            name: "the minimum gap since the last letter holds the next step back",
            setup: |fx| {
                alpha_owes_one(fx);
                fx.send("Alpha", "2026-10-15");
            },
            date: "2026-10-21",
            expect: &[],
            extra: nothing_more,
        },
        Scenario {
            name: "the held-back step comes once the gap is over",
            setup: |fx| {
                alpha_owes_one(fx);
                fx.send("Alpha", "2026-10-15");
            },
            date: "2026-10-25",
            expect: &[Expect {
                client: "Alpha",
                kind: FirmReminder,
                step: "firm_reminder_soft",
                invoices: &["A1"],
                words: &["10 jours sans règlement"],
            }],
            extra: nothing_more,
        },
        Scenario {
            name: "no escalation while the previous step is drafted but unsent",
            setup: |fx| {
                alpha_owes_one(fx);
                fx.decide("Alpha", "2026-10-08", ProposalAction::Accept);
            },
            date: "2026-11-20",
            expect: &[],
            extra: nothing_more,
        },
        Scenario {
            name: "an accepted proposal leaves the list the same day",
            setup: |fx| {
                alpha_owes_one(fx);
                fx.decide("Alpha", "2026-10-08", ProposalAction::Accept);
            },
            date: "2026-10-08",
            expect: &[],
            extra: nothing_more,
        },
        Scenario {
            name: "the ladder walked to the mise en demeure, in registered mail",
            setup: alpha_up_to_last_reminder,
            date: "2026-11-10",
            expect: &[Expect {
                client: "Alpha",
                kind: FormalNotice,
                step: "formal_notice_soft",
                invoices: &["A1"],
                words: &["Mise en demeure proposée", "dernier rappel avant mise en demeure envoyé le 31 octobre"],
            }],
            extra: |p| {
                assert_eq!(p.dispatch, Dispatch::Registered);
                assert_eq!(p.sending_day, date("2026-11-10"));
            },
        },
        Scenario {
            name: "the injonction pack waits 8 days after the mise en demeure was received",
            setup: alpha_formal_notice_received,
            date: "2026-11-19",
            expect: &[],
            extra: nothing_more,
        },
        Scenario {
            name: "the injonction pack on the 8th day after receipt",
            setup: alpha_formal_notice_received,
            date: "2026-11-20",
            expect: &[Expect {
                client: "Alpha",
                kind: PaymentOrderPack,
                step: "payment_order_pack",
                invoices: &["A1"],
                words: &[
                    "Dossier d'injonction de payer proposé",
                    "mise en demeure envoyée en recommandé le 10 novembre, reçue le 12 novembre, aucun règlement",
                ],
            }],
            extra: nothing_more,
        },
        Scenario {
            name: "no injonction pack while the receipt of the mise en demeure is unknown",
            setup: |fx| {
                alpha_up_to_last_reminder(fx);
                fx.send("Alpha", "2026-11-10");
            },
            date: "2026-12-15",
            expect: &[],
            extra: nothing_more,
        },
        Scenario {
            name: "hand-over 30 days after the injonction pack",
            setup: |fx| {
                alpha_formal_notice_received(fx);
                fx.send("Alpha", "2026-11-20");
            },
            date: "2026-12-21",
            expect: &[Expect {
                client: "Alpha",
                kind: Handover,
                step: "handover",
                invoices: &["A1"],
                words: &[
                    "Transmission au recouvrement proposée",
                    "dossier d'injonction de payer envoyé le 20 novembre",
                ],
            }],
            extra: nothing_more,
        },
        Scenario {
            name: "a payment in full removes the invoice from the letter",
            setup: |fx| {
                alpha_owes_one(fx);
                fx.invoice("Alpha", "A2", "2026-10-01", "300.00");
                // Oldest due first, then by issue date and id: A1 is settled.
                fx.pay("Alpha", "2026-10-05", "1200.00", PaymentMethod::Transfer);
            },
            date: "2026-10-08",
            expect: &[Expect {
                client: "Alpha",
                kind: FriendlyReminder,
                step: "friendly_reminder_soft",
                invoices: &["A2"],
                words: &["facture A2"],
            }],
            extra: |p| assert_eq!(p.principal, eur("300.00")),
        },
        Scenario {
            name: "everything paid: no proposal",
            setup: |fx| {
                alpha_owes_one(fx);
                fx.send("Alpha", "2026-10-08");
                fx.pay("Alpha", "2026-10-12", "1200.00", PaymentMethod::Transfer);
            },
            date: "2026-10-21",
            expect: &[],
            extra: nothing_more,
        },
        Scenario {
            name: "a credit note covering the invoice: no proposal",
            setup: |fx| {
                alpha_owes_one(fx);
                fx.invoice("Alpha", "AV1", "2026-09-20", "-1200.00");
            },
            date: "2026-10-10",
            expect: &[],
            extra: nothing_more,
        },
        Scenario {
            name: "a partial payment since the last letter proposes the remaining-balance letter",
            setup: |fx| {
                alpha_owes_one(fx);
                fx.send("Alpha", "2026-10-08");
                fx.pay("Alpha", "2026-10-12", "500.00", PaymentMethod::Transfer);
            },
            date: "2026-10-14",
            expect: &[Expect {
                client: "Alpha",
                kind: PartialPayment,
                step: "partial_payment",
                invoices: &["A1"],
                words: &["règlement partiel de 500,00 € reçu le 12 octobre", "il reste 700,00 €"],
            }],
            extra: |p| assert_eq!(p.principal, eur("700.00")),
        },
        Scenario {
            name: "after the partial-payment letter the ladder resumes where it was",
            setup: |fx| {
                alpha_owes_one(fx);
                fx.send("Alpha", "2026-10-08");
                fx.pay("Alpha", "2026-10-12", "500.00", PaymentMethod::Transfer);
                fx.send("Alpha", "2026-10-14");
            },
            date: "2026-10-26",
            expect: &[Expect {
                client: "Alpha",
                kind: FirmReminder,
                step: "firm_reminder_soft",
                invoices: &["A1"],
                words: &["rappel amical envoyé le 8 octobre"],
            }],
            extra: nothing_more,
        },
        Scenario {
            name: "a down payment before the due date is not a partial payment letter",
            setup: |fx| {
                alpha_owes_one(fx);
                fx.pay("Alpha", "2026-09-20", "200.00", PaymentMethod::Transfer);
            },
            date: "2026-10-08",
            expect: &[Expect {
                client: "Alpha",
                kind: FriendlyReminder,
                step: "friendly_reminder_soft",
                invoices: &["A1"],
                words: &["Rappel amical"],
            }],
            extra: |p| assert_eq!(p.principal, eur("1000.00")),
        },
        Scenario {
            name: "a rejected cheque proposes the rejected-payment letter",
            setup: fox_rejected_cheque,
            date: "2026-10-06",
            expect: &[Expect {
                client: "Fox",
                kind: RejectedPayment,
                step: "rejected_payment",
                invoices: &["F1"],
                words: &["chèque de 1 200,00 € du 30 septembre rejeté le 5 octobre", "frais bancaires 15,00 €"],
            }],
            extra: |p| assert_eq!(p.principal, eur("1200.00")),
        },
        Scenario {
            name: "after the rejected-payment letter the ladder takes over",
            setup: |fx| {
                fox_rejected_cheque(fx);
                fx.send("Fox", "2026-10-06");
            },
            date: "2026-10-16",
            expect: &[Expect {
                client: "Fox",
                kind: FriendlyReminder,
                step: "friendly_reminder_soft",
                invoices: &["F1"],
                words: &["Rappel amical proposé"],
            }],
            extra: nothing_more,
        },
        Scenario {
            name: "a promise not yet due pauses the ladder",
            setup: alpha_promise,
            date: "2026-10-15",
            expect: &[],
            extra: nothing_more,
        },
        Scenario {
            name: "a promise past its date without payment is a broken promise",
            setup: alpha_promise,
            date: "2026-10-21",
            expect: &[Expect {
                client: "Alpha",
                kind: BrokenPromise,
                step: "broken_promise",
                invoices: &["A1"],
                words: &[
                    "Promesse non tenue proposée",
                    "1 200,00 € promis le 10 octobre pour le 20 octobre, rien reçu",
                ],
            }],
            extra: |p| assert_eq!(p.dispatch, Dispatch::Simple),
        },
        Scenario {
            name: "a promise half kept is still broken, and says what came",
            setup: |fx| {
                alpha_promise(fx);
                fx.pay("Alpha", "2026-10-18", "300.00", PaymentMethod::Transfer);
            },
            date: "2026-10-21",
            expect: &[Expect {
                client: "Alpha",
                kind: BrokenPromise,
                step: "broken_promise",
                invoices: &["A1"],
                words: &["seulement 300,00 € reçus"],
            }],
            extra: |p| assert_eq!(p.principal, eur("900.00")),
        },
        Scenario {
            name: "a promise kept: nothing to do",
            setup: |fx| {
                alpha_promise(fx);
                fx.pay("Alpha", "2026-10-19", "1200.00", PaymentMethod::Transfer);
            },
            date: "2026-10-21",
            expect: &[],
            extra: nothing_more,
        },
        Scenario {
            name: "a pause stops the ladder",
            setup: |fx| {
                alpha_owes_one(fx);
                fx.event("Alpha", EventKind::Pause, "2026-10-05", Some("2026-10-20"), None);
            },
            date: "2026-10-10",
            expect: &[],
            extra: nothing_more,
        },
        Scenario {
            name: "the ladder resumes by itself the day after the pause",
            setup: |fx| {
                alpha_owes_one(fx);
                fx.event("Alpha", EventKind::Pause, "2026-10-05", Some("2026-10-20"), None);
            },
            date: "2026-10-21",
            expect: &[Expect {
                client: "Alpha",
                kind: FriendlyReminder,
                step: "friendly_reminder_soft",
                invoices: &["A1"],
                words: &["20 jours de retard"],
            }],
            extra: nothing_more,
        },
        Scenario {
            name: "an open-ended pause lifted early resumes the ladder",
            setup: |fx| {
                alpha_owes_one(fx);
                let pause = fx.event("Alpha", EventKind::Pause, "2026-10-05", None, None);
                fx.ledger.close_event(pause, date("2026-10-12")).unwrap();
            },
            date: "2026-10-13",
            expect: &[Expect {
                client: "Alpha",
                kind: FriendlyReminder,
                step: "friendly_reminder_soft",
                invoices: &["A1"],
                words: &[],
            }],
            extra: nothing_more,
        },
        Scenario {
            name: "a dispute about the whole account pauses it",
            setup: |fx| {
                alpha_owes_one(fx);
                fx.event("Alpha", EventKind::Dispute, "2026-10-05", None, None);
            },
            date: "2026-10-10",
            expect: &[],
            extra: nothing_more,
        },
        Scenario {
            name: "a dispute about one invoice leaves it out, the others go on",
            setup: |fx| {
                alpha_owes_one(fx);
                fx.invoice("Alpha", "A2", "2026-10-01", "300.00");
                fx.event("Alpha", EventKind::Dispute, "2026-10-05", None, Some("A1"));
            },
            date: "2026-10-10",
            expect: &[Expect {
                client: "Alpha",
                kind: FriendlyReminder,
                step: "friendly_reminder_soft",
                invoices: &["A2"],
                words: &[],
            }],
            extra: nothing_more,
        },
        Scenario {
            name: "several overdue invoices at the same step make one grouped letter",
            setup: |fx| {
                alpha_owes_one(fx);
                fx.invoice("Alpha", "A2", "2026-10-03", "300.00");
                fx.invoice("Alpha", "A3", "2026-10-05", "450.00");
            },
            date: "2026-10-12",
            expect: &[Expect {
                client: "Alpha",
                kind: GroupedStatement,
                step: "friendly_reminder_soft",
                invoices: &["A1", "A2", "A3"],
                words: &["Relevé des factures en retard proposé", "étape « rappel amical »", "3 factures en retard"],
            }],
            extra: |p| {
                assert_eq!(p.principal, eur("1950.00"));
                assert_eq!(p.indemnity, eur("120.00"), "40 € for each late invoice");
            },
        },
        Scenario {
            name: "a grouped letter never pulls an invoice past a step it has not had",
            setup: |fx| {
                alpha_owes_one(fx);
                fx.invoice("Alpha", "A2", "2026-10-15", "300.00");
                fx.send("Alpha", "2026-10-08");
            },
            date: "2026-10-28",
            expect: &[Expect {
                client: "Alpha",
                kind: FirmReminder,
                step: "firm_reminder_soft",
                invoices: &["A1"],
                words: &["rappel amical envoyé le 8 octobre"],
            }],
            extra: nothing_more,
        },
        Scenario {
            name: "collective procedure: no dunning, a déclaration de créance with its deadline",
            setup: |fx| alpha_in_procedure(fx, Some("2026-10-17")),
            date: "2026-10-20",
            expect: &[Expect {
                client: "Alpha",
                kind: ClaimDeclaration,
                step: "claim_declaration",
                invoices: &["A1"],
                words: &[
                    "Déclaration de créance proposée",
                    "publiée au BODACC le 17 octobre",
                    "avant le 17 décembre 2026",
                ],
            }],
            extra: |p| {
                assert_eq!(p.deadline, Some(date("2026-12-17")));
                // A1 fell due on 1 October, before the judgment of 10 October: its 40 € indemnity was owed
                // before it and is declared with it; its interest stops on the judgment's day.
                assert_eq!(p.indemnity, eur("40.00"), "the indemnity of an invoice late before the judgment");
                assert!(p.warnings.iter().any(|w| w.contains("avant le 17 décembre 2026")), "{:?}", p.warnings);
            },
        },
        Scenario {
            name: "collective procedure: once the declaration is sent, nothing more",
            setup: |fx| {
                alpha_in_procedure(fx, Some("2026-10-17"));
                fx.send("Alpha", "2026-10-20");
            },
            date: "2026-11-25",
            expect: &[],
            extra: nothing_more,
        },
        Scenario {
            name: "collective procedure without a BODACC date: declared, with a warning",
            setup: |fx| alpha_in_procedure(fx, None),
            date: "2026-10-20",
            expect: &[Expect {
                client: "Alpha",
                kind: ClaimDeclaration,
                step: "claim_declaration",
                invoices: &["A1"],
                words: &["aucune relance possible"],
            }],
            extra: |p| assert!(p.warnings.iter().any(|w| w.contains("BODACC inconnue")), "{:?}", p.warnings),
        },
        Scenario {
            name: "collective procedure past the deadline: the warning says how to ask for relief",
            setup: |fx| alpha_in_procedure(fx, Some("2026-10-17")),
            date: "2026-12-20",
            expect: &[Expect {
                client: "Alpha",
                kind: ClaimDeclaration,
                step: "claim_declaration",
                invoices: &["A1"],
                words: &[],
            }],
            extra: |p| assert!(p.warnings.iter().any(|w| w.contains("relevé de forclusion")), "{:?}", p.warnings),
        },
        Scenario {
            name: "large amount shortcut: straight to the mise en demeure once it is due by date",
            setup: |fx| {
                fx.client("Alpha");
                fx.invoice("Alpha", "A9", "2026-10-01", "6000.00");
            },
            date: "2026-11-10",
            expect: &[Expect {
                client: "Alpha",
                kind: FormalNotice,
                step: "formal_notice_soft",
                invoices: &["A9"],
                words: &[
                    "Mise en demeure proposée directement",
                    "6 000,00 € en retard, au-delà du seuil de 5 000,00 €",
                ],
            }],
            extra: |p| assert_eq!(p.indemnity, eur("40.00")),
        },
        Scenario {
            name: "large amount, too early for a mise en demeure: the first step",
            setup: |fx| {
                fx.client("Alpha");
                fx.invoice("Alpha", "A9", "2026-10-01", "6000.00");
            },
            date: "2026-10-08",
            expect: &[Expect {
                client: "Alpha",
                kind: FriendlyReminder,
                step: "friendly_reminder_soft",
                invoices: &["A9"],
                words: &[],
            }],
            extra: nothing_more,
        },
        Scenario {
            name: "large amount under a raised threshold: no shortcut",
            setup: |fx| {
                fx.client("Alpha");
                fx.invoice("Alpha", "A9", "2026-10-01", "6000.00");
                fx.ledger.save_large_amount_threshold(eur("10000")).unwrap();
            },
            date: "2026-11-10",
            expect: &[Expect {
                client: "Alpha",
                kind: FriendlyReminder,
                step: "friendly_reminder_soft",
                invoices: &["A9"],
                words: &[],
            }],
            extra: nothing_more,
        },
        Scenario {
            name: "B2C mise en demeure: no 40 € indemnity, no interest before it",
            setup: |fx| {
                fx.client("Fox");
                fx.invoice("Fox", "F9", "2026-10-01", "7000.00");
            },
            date: "2026-11-10",
            expect: &[Expect {
                client: "Fox",
                kind: FormalNotice,
                step: "formal_notice_soft",
                invoices: &["F9"],
                words: &["Mise en demeure proposée directement"],
            }],
            extra: |p| {
                assert_eq!(p.indemnity, Decimal::ZERO);
                assert_eq!(p.interest, Decimal::ZERO);
                assert_eq!(p.total, eur("7000.00"));
                assert!(p.warnings.iter().any(|w| w.contains("sans mise en demeure")), "{:?}", p.warnings);
            },
        },
        Scenario {
            name: "a Saturday proposal is sent on the Tuesday",
            setup: alpha_owes_one,
            date: "2026-10-10",
            expect: &[Expect {
                client: "Alpha",
                kind: FriendlyReminder,
                step: "friendly_reminder_soft",
                invoices: &["A1"],
                words: &[],
            }],
            extra: |p| assert_eq!(p.sending_day, date("2026-10-13")),
        },
        Scenario {
            name: "a Monday proposal is sent on the Tuesday",
            setup: alpha_owes_one,
            date: "2026-10-12",
            expect: &[Expect {
                client: "Alpha",
                kind: FriendlyReminder,
                step: "friendly_reminder_soft",
                invoices: &["A1"],
                words: &[],
            }],
            extra: |p| assert_eq!(p.sending_day, date("2026-10-13")),
        },
        Scenario {
            name: "a proposal on 11 November (Armistice, a Wednesday) is sent on Thursday the 12th",
            setup: |fx| {
                fx.client("Alpha");
                fx.invoice("Alpha", "A5", "2026-11-04", "500.00");
            },
            date: "2026-11-11",
            expect: &[Expect {
                client: "Alpha",
                kind: FriendlyReminder,
                step: "friendly_reminder_soft",
                invoices: &["A5"],
                words: &["7 jours de retard"],
            }],
            extra: |p| assert_eq!(p.sending_day, date("2026-11-12")),
        },
        Scenario {
            name: "a proposal on Ascension Thursday 2026 waits for Tuesday 19 May",
            setup: |fx| {
                fx.client("Alpha");
                fx.invoice("Alpha", "A6", "2026-05-07", "500.00");
            },
            date: "2026-05-14",
            expect: &[Expect {
                client: "Alpha",
                kind: FriendlyReminder,
                step: "friendly_reminder_soft",
                invoices: &["A6"],
                words: &[],
            }],
            extra: |p| assert_eq!(p.sending_day, date("2026-05-19")),
        },
        Scenario {
            name: "a micro-business is offered a payment plan early",
            setup: |fx| {
                fx.client("Echo");
                fx.invoice("Echo", "E1", "2026-10-01", "700.00");
                fx.send("Echo", "2026-10-04");
            },
            date: "2026-10-09",
            expect: &[Expect {
                client: "Echo",
                kind: PlanProposal,
                step: "plan_proposal",
                invoices: &["E1"],
                words: &["Proposition d'échéancier proposée", "rappel amical envoyé le 4 octobre"],
            }],
            extra: nothing_more,
        },
        Scenario {
            name: "an optional plan proposal not taken up is passed over when the firm reminder is due",
            setup: |fx| {
                fx.client("Echo");
                fx.invoice("Echo", "E1", "2026-10-01", "700.00");
                fx.send("Echo", "2026-10-04");
            },
            date: "2026-10-16",
            expect: &[Expect {
                client: "Echo",
                kind: FirmReminder,
                step: "firm_reminder",
                invoices: &["E1"],
                words: &[],
            }],
            extra: nothing_more,
        },
        Scenario {
            name: "a skipped step counts as passed: the next one comes on its day",
            setup: |fx| {
                alpha_owes_one(fx);
                fx.decide("Alpha", "2026-10-08", ProposalAction::Skip);
            },
            date: "2026-10-21",
            expect: &[Expect {
                client: "Alpha",
                kind: FirmReminder,
                step: "firm_reminder_soft",
                invoices: &["A1"],
                words: &["rappel amical ignoré le 8 octobre"],
            }],
            extra: nothing_more,
        },
        Scenario {
            name: "a snoozed proposal stays away until its date",
            setup: |fx| {
                alpha_owes_one(fx);
                fx.decide("Alpha", "2026-10-08", ProposalAction::Snooze { until: date("2026-10-15") });
            },
            date: "2026-10-14",
            expect: &[],
            extra: nothing_more,
        },
        Scenario {
            name: "a snoozed proposal comes back on its date",
            setup: |fx| {
                alpha_owes_one(fx);
                fx.decide("Alpha", "2026-10-08", ProposalAction::Snooze { until: date("2026-10-15") });
            },
            date: "2026-10-15",
            expect: &[Expect {
                client: "Alpha",
                kind: FriendlyReminder,
                step: "friendly_reminder_soft",
                invoices: &["A1"],
                words: &[],
            }],
            extra: nothing_more,
        },
        Scenario {
            name: "an active payment plan pauses the ladder for its invoices",
            setup: alpha_plan,
            date: "2026-10-15",
            expect: &[],
            extra: nothing_more,
        },
        Scenario {
            name: "a missed installment proposes the déchéance du terme letter",
            setup: alpha_plan,
            date: "2026-10-25",
            expect: &[Expect {
                client: "Alpha",
                kind: MissedInstallment,
                step: "missed_installment",
                invoices: &["A1"],
                words: &["l'échéance de 400,00 € du 20 octobre n'est pas réglée"],
            }],
            extra: |p| assert_eq!(p.dispatch, Dispatch::Registered),
        },
        Scenario {
            name: "an installment paid on time: nothing, and the next one is announced",
            setup: |fx| {
                alpha_plan(fx);
                fx.pay("Alpha", "2026-10-19", "400.00", PaymentMethod::Transfer);
            },
            date: "2026-11-16",
            expect: &[],
            extra: nothing_more,
        },
        Scenario {
            name: "the second installment missed",
            setup: |fx| {
                alpha_plan(fx);
                fx.pay("Alpha", "2026-10-19", "400.00", PaymentMethod::Transfer);
            },
            date: "2026-11-25",
            expect: &[Expect {
                client: "Alpha",
                kind: MissedInstallment,
                step: "missed_installment",
                invoices: &["A1"],
                words: &["du 20 novembre", "400,00 € reçus depuis la signature du plan, 800,00 € attendus"],
            }],
            extra: nothing_more,
        },
        Scenario {
            // prescription_of_a_consumer_debt_runs_from_the_invoice: it ran from the due date, a month late.
            name: "prescription approaching for a consumer (2 years from the invoice, the service)",
            setup: fox_old_invoice,
            date: "2026-11-20",
            expect: &[Expect {
                client: "Fox",
                kind: FriendlyReminder,
                step: "friendly_reminder_soft",
                invoices: &["F0"],
                words: &[],
            }],
            extra: |p| {
                assert!(
                    p.warnings.iter().any(|w| w.contains(
                        "F0 : prescription le 17 décembre 2026 (2 ans depuis la facture (la \
                                              prestation) du 16 décembre 2024, 27 jours restants)"
                    )),
                    "{:?}",
                    p.warnings
                )
            },
        },
        Scenario {
            name: "a signed payment plan restarts the prescription",
            setup: |fx| {
                fox_old_invoice(fx);
                fx.ledger
                    .create_plan(&PlanFields {
                        client_id: fx.id("Fox"),
                        drafted_on: date("2026-01-25"),
                        status: PlanState::Broken,
                        signed_on: Some(date("2026-02-01")),
                        down_payment: Decimal::ZERO,
                        installments: vec![(date("2026-03-01"), eur("600.00"))],
                        invoice_ids: vec![fx.id("F0")],
                    })
                    .unwrap();
            },
            date: "2026-11-20",
            expect: &[Expect {
                client: "Fox",
                kind: FriendlyReminder,
                step: "friendly_reminder_soft",
                invoices: &["F0"],
                words: &[],
            }],
            extra: |p| assert!(!p.warnings.iter().any(|w| w.contains("prescription")), "{:?}", p.warnings),
        },
        Scenario {
            name: "a professional debt is far from prescription (5 years)",
            setup: |fx| {
                fx.client("Alpha");
                fx.invoice("Alpha", "A0", "2025-01-15", "600.00");
            },
            date: "2026-11-20",
            expect: &[Expect {
                client: "Alpha",
                kind: FriendlyReminder,
                step: "friendly_reminder_soft",
                invoices: &["A0"],
                words: &[],
            }],
            extra: |p| assert!(!p.warnings.iter().any(|w| w.contains("prescription")), "{:?}", p.warnings),
        },
        Scenario {
            name: "an edited ladder is the one walked",
            setup: |fx| {
                alpha_owes_one(fx);
                let mut ladder = serde_json::to_value(Ladder::default_fr()).unwrap();
                ladder["steps"][2]["days"] = serde_json::json!(2);
                fx.ledger.save_ladder(&ladder["steps"]).unwrap();
            },
            date: "2026-10-03",
            expect: &[Expect {
                client: "Alpha",
                kind: FriendlyReminder,
                step: "friendly_reminder_soft",
                invoices: &["A1"],
                words: &["2 jours de retard"],
            }],
            extra: nothing_more,
        },
        Scenario {
            name: "several clients: most urgent first",
            setup: |fx| {
                alpha_owes_one(fx);
                fox_rejected_cheque(fx);
                fx.client("Delta");
                fx.invoice("Delta", "D9", "2026-08-01", "9000.00");
            },
            date: "2026-10-08",
            expect: &[
                Expect {
                    client: "Fox",
                    kind: RejectedPayment,
                    step: "rejected_payment",
                    invoices: &["F1"],
                    words: &[],
                },
                Expect {
                    client: "Delta",
                    kind: FormalNotice,
                    step: "formal_notice_soft",
                    invoices: &["D9"],
                    words: &[],
                },
                Expect {
                    client: "Alpha",
                    kind: FriendlyReminder,
                    step: "friendly_reminder_soft",
                    invoices: &["A1"],
                    words: &[],
                },
            ],
            extra: nothing_more,
        },
    ]
}

#[test]
fn dated_scenarios_give_the_expected_proposals() {
    let scenarios = scenarios();
    assert!(scenarios.len() >= 40, "{} scenarios", scenarios.len());
    let mut failures = Vec::new();
    for scenario in &scenarios {
        let mut fx = Fx::new();
        (scenario.setup)(&mut fx);
        let proposals = fx.proposals(scenario.date);
        let mut problems = Vec::new();
        if proposals.len() != scenario.expect.len() {
            problems.push(format!("{} proposals, {} expected", proposals.len(), scenario.expect.len()));
        }
        for (proposal, expect) in proposals.iter().zip(scenario.expect) {
            if proposal.client_id != fx.id(expect.client) {
                problems.push(format!("client {} instead of {}", proposal.client_name, expect.client));
            }
            if proposal.kind != expect.kind || proposal.step != expect.step {
                problems.push(format!(
                    "{:?}/{} instead of {:?}/{}",
                    proposal.kind, proposal.step, expect.kind, expect.step
                ));
            }
            let numbers: Vec<&str> = proposal.invoices.iter().map(|i| i.number.as_str()).collect();
            if numbers != expect.invoices {
                problems.push(format!("invoices {numbers:?} instead of {:?}", expect.invoices));
            }
            let reason = plain(&proposal.reason);
            for word in expect.words {
                if !reason.contains(word) {
                    problems.push(format!("reason « {reason} » lacks « {word} »"));
                }
            }
            assert_eq!(proposal.title, proposal.kind.title());
        }
        if problems.is_empty() {
            if let Some(first) = proposals.first() {
                (scenario.extra)(first);
            }
        } else {
            failures.push(format!(
                "{} ({}): {}\n    {:#?}",
                scenario.name,
                scenario.date,
                problems.join("; "),
                proposals
            ));
        }
    }
    assert!(failures.is_empty(), "{} scenario(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn accepting_writes_a_drafted_letter_with_its_invoices_in_one_unit() {
    let mut fx = Fx::new();
    alpha_owes_one(&mut fx);
    fx.invoice("Alpha", "A2", "2026-10-01", "300.00");
    let letter = fx.decide("Alpha", "2026-10-08", ProposalAction::Accept);
    let export = fx.ledger.export().unwrap();
    let row = export.tables["letters"].iter().find(|l| l["id"] == letter).unwrap();
    assert_eq!(row["status"], "drafted");
    assert_eq!(row["kind"], "grouped_statement");
    assert_eq!(row["dispatch"], "email");
    assert_eq!(row["ladder_step"], "friendly_reminder_soft");
    assert_eq!(row["drafted_on"], "2026-10-08");
    assert!(row["reason"].as_str().unwrap().starts_with("Relevé des factures en retard proposé"));
    let linked: Vec<i64> = export.tables["letter_invoices"]
        .iter()
        .filter(|l| l["letter_id"] == letter)
        .map(|l| l["invoice_id"].as_i64().unwrap())
        .collect();
    assert_eq!(linked, vec![fx.id("A1"), fx.id("A2")]);
    // Nothing left to decide today.
    let alpha = fx.id("Alpha");
    let error =
        ardoise::desk::proposals::decide_proposal(&mut fx.ledger, alpha, date("2026-10-08"), ProposalAction::Accept)
            .unwrap_err();
    assert_eq!(error.kind(), "conflict");
}

#[test]
fn the_client_page_carries_its_proposal() {
    let mut fx = Fx::new();
    alpha_owes_one(&mut fx);
    let detail = ardoise::desk::clients::client_detail(&fx.ledger, fx.id("Alpha"), date("2026-10-08")).unwrap();
    let proposal = detail.proposal.expect("a proposal");
    assert_eq!(proposal, fx.proposals("2026-10-08")[0]);
    let detail = ardoise::desk::clients::client_detail(&fx.ledger, fx.id("Alpha"), date("2026-10-07")).unwrap();
    assert_eq!(detail.proposal, None);
}

#[test]
fn a_snooze_must_end_after_today() {
    let mut fx = Fx::new();
    alpha_owes_one(&mut fx);
    let alpha = fx.id("Alpha");
    let error = ardoise::desk::proposals::decide_proposal(
        &mut fx.ledger,
        alpha,
        date("2026-10-08"),
        ProposalAction::Snooze { until: date("2026-10-08") },
    )
    .unwrap_err();
    assert!(error.to_string().contains("date de reprise"), "{error}");
}

/// Each broken table and the words of its refusal.
#[test]
fn an_invalid_ladder_is_refused_with_its_reason_and_nothing_is_stored() {
    let default = serde_json::to_value(Ladder::default_fr()).unwrap()["steps"].clone();
    let edit = |change: fn(&mut serde_json::Value)| {
        let mut rows = default.clone();
        change(&mut rows);
        rows
    };
    let cases: Vec<(&str, serde_json::Value, &str)> = vec![
        ("empty", serde_json::json!([]), "l'échelle est vide"),
        (
            "negative gap",
            edit(|r| r[5]["min_gap_days"] = serde_json::json!(-3)),
            "l'écart minimal ne peut pas être négatif",
        ),
        (
            "unknown kind",
            edit(|r| r[1]["kind"] = serde_json::json!("relance_gentille")),
            "type de courrier inconnu « relance_gentille »",
        ),
        (
            "not a ladder kind",
            edit(|r| r[1]["kind"] = serde_json::json!("claim_declaration")),
            "ne fait pas partie de l'échelle",
        ),
        (
            "out of order",
            edit(|r| {
                let firm = r[6].clone();
                r[6] = r[9].clone();
                r[9] = firm;
            }),
            "dans le désordre",
        ),
        ("due-date days going back", edit(|r| r[12]["days"] = serde_json::json!(25)), "tombe avant"),
        (
            "a segment without steps",
            edit(|r| {
                for row in r.as_array_mut().unwrap() {
                    let segments: Vec<serde_json::Value> =
                        row["segments"].as_array().unwrap().iter().filter(|s| *s != "key_account").cloned().collect();
                    row["segments"] = serde_json::Value::Array(segments);
                }
            }),
            "aucune étape pour le segment « grand compte »",
        ),
        (
            "first step counted from a letter",
            edit(|r| r[2]["counts_from"] = serde_json::json!("previous_letter")),
            "doit compter depuis l'échéance",
        ),
        (
            "receipt after a simple letter",
            edit(|r| r[12]["dispatch"] = serde_json::json!("simple")),
            "recommandé avec AR",
        ),
        ("duplicate id", edit(|r| r[2]["step"] = serde_json::json!("friendly_reminder")), "déjà pris"),
        ("unknown segment", edit(|r| r[0]["segments"] = serde_json::json!(["vip"])), "segment inconnu « vip »"),
        ("days not a number", edit(|r| r[0]["days"] = serde_json::json!("cinq")), "nombre entier"),
        ("unknown dispatch", edit(|r| r[0]["dispatch"] = serde_json::json!("pigeon")), "mode d'envoi inconnu"),
    ];
    let mut fx = Fx::new();
    for (name, rows, words) in cases {
        let error = fx.ledger.save_ladder(&rows).unwrap_err();
        let messages: Vec<String> = error.field_errors().unwrap().0.iter().map(|e| e.message.clone()).collect();
        assert!(messages.iter().any(|m| m.contains(words)), "{name}: {messages:?}");
        assert_eq!(fx.ledger.dunning_settings().unwrap().ladder, Ladder::default_fr(), "{name}: stored anyway");
    }
    // A valid edit is stored, and the default comes back on request.
    let mut rows = default.clone();
    rows[2]["days"] = serde_json::json!(10);
    fx.ledger.save_ladder(&rows).unwrap();
    assert_eq!(fx.ledger.dunning_settings().unwrap().ladder.steps[2].days, 10);
    fx.ledger.reset_ladder().unwrap();
    assert_eq!(fx.ledger.dunning_settings().unwrap().ladder, Ladder::default_fr());
}

#[test]
fn dunning_decisions_survive_an_export_and_load() {
    let mut fx = Fx::new();
    alpha_owes_one(&mut fx);
    fx.decide("Alpha", "2026-10-08", ProposalAction::Skip);
    let export = fx.ledger.export().unwrap();
    assert_eq!(export.tables["proposal_decisions"].len(), 1);
    let mut copy = Ledger::open_in_memory().unwrap();
    copy.load(&export).unwrap();
    assert_eq!(copy.export().unwrap(), export);
    assert_eq!(ardoise::desk::proposals::proposals(&copy, date("2026-10-21")).unwrap(), fx.proposals("2026-10-21"));
}

#[test]
fn the_demo_gives_a_varied_list_on_its_day() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    ardoise::desk::demo::populate(&mut ledger, date("2026-11-22")).unwrap();
    let proposals = ardoise::desk::proposals::proposals(&ledger, date("2026-11-22")).unwrap();
    let kinds: std::collections::HashSet<LetterKind> = proposals.iter().map(|p| p.kind).collect();
    assert!(kinds.len() >= 5, "{kinds:?}");
    for kind in [
        LetterKind::ClaimDeclaration,
        LetterKind::RejectedPayment,
        LetterKind::FormalNotice,
        LetterKind::PartialPayment,
    ] {
        assert!(kinds.contains(&kind), "no {kind:?} in {kinds:?}");
    }
    let names: Vec<&str> = proposals.iter().map(|p| p.client_name.as_str()).collect();
    for quiet in ["Atelier Bois & Compagnie", "Mme Sophie GIRARD"] {
        assert!(!names.contains(&quiet), "{quiet} is paused: {names:?}");
    }
    assert!(proposals.windows(2).all(|w| w[0].urgency >= w[1].urgency));
}

/// The clients of a large ledger are proposed in shares, one thread each: the list is the one a single
/// run gives, in the same order, whatever the size of the shares.
#[test]
fn proposals_made_in_shares_are_the_list_made_in_one_run() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    ardoise::desk::demo::populate(&mut ledger, date("2026-11-22")).unwrap();
    let facts = ledger.dunning_facts(date("2026-11-22"), None).unwrap();
    let whole = ardoise::domain::dunning::propose_in_shares(&facts, date("2026-11-22"), usize::MAX);
    assert!(whole.len() >= 5, "{} proposals", whole.len());
    for share in [1, 2, 3, 7] {
        assert_eq!(ardoise::domain::dunning::propose_in_shares(&facts, date("2026-11-22"), share), whole, "{share}");
    }
    assert_eq!(ardoise::domain::dunning::propose(&facts, date("2026-11-22")), whole);
}

fn ardoise(db: &std::path::Path, arguments: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_ardoise"))
        .arg("--db")
        .arg(db)
        .args(arguments)
        .output()
        .expect("ardoise runs")
}

#[test]
fn propose_json_gives_what_the_library_computes() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    assert!(ardoise(&db, &["demo", "--date", "2026-11-22"]).status.success());
    let output = ardoise(&db, &["propose", "--json", "--date", "2026-11-22"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let listed = json.as_array().unwrap();
    let ledger = Ledger::open(&db).unwrap();
    let expected = ardoise::desk::proposals::proposals(&ledger, date("2026-11-22")).unwrap();
    drop(ledger);
    assert_eq!(listed.len(), expected.len());
    for (shown, computed) in listed.iter().zip(&expected) {
        assert_eq!(shown["client_id"], computed.client_id);
        assert_eq!(shown["kind"], computed.kind.id());
        assert_eq!(shown["step"], computed.step.as_str());
        assert_eq!(shown["dispatch"], computed.dispatch.id());
        assert_eq!(shown["sending_day"], "2026-11-24", "Sunday 22 → Tuesday 24");
        assert_eq!(shown["reason"], computed.reason.as_str());
        for key in ["principal", "interest", "indemnity", "total"] {
            let text = shown[key].as_str().unwrap_or_else(|| panic!("{key} is not a string"));
            assert!(text.parse::<Decimal>().is_ok(), "{key} = {text}");
        }
        assert!(!shown["invoices"].as_array().unwrap().is_empty());
    }
    // The text form names each client, letter and reason; accepting one removes it from the list.
    let text = String::from_utf8(ardoise(&db, &["propose", "--date", "2026-11-22"]).stdout).unwrap();
    assert!(text.contains("Déclaration de créance") && text.contains("envoi : lettre recommandée avec AR"), "{text}");
    let first = expected[0].client_id.to_string();
    let said = ardoise(&db, &["decide", "--client", &first, "--action", "accept", "--date", "2026-11-22"]);
    assert!(String::from_utf8_lossy(&said.stdout).contains("préparé"), "{}", String::from_utf8_lossy(&said.stderr));
    let after: serde_json::Value =
        serde_json::from_slice(&ardoise(&db, &["propose", "--json", "--date", "2026-11-22"]).stdout).unwrap();
    assert_eq!(after.as_array().unwrap().len(), expected.len() - 1);
    let refused = ardoise(&db, &["decide", "--client", &first, "--action", "snooze", "--date", "2026-11-22"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--until"));
}

/// The proposal of one client on a date, if any.
fn proposal_of(fx: &Fx, client: &str, on: &str) -> Option<Proposal> {
    fx.proposals(on).into_iter().find(|p| p.client_id == fx.id(client))
}

#[test]
fn a_residual_balance_under_the_tolerance_is_not_dunned_and_carries_no_indemnity() {
    // Defect 7: a 0,01 € balance triggered a letter claiming 40,01 €.
    let mut fx = Fx::new();
    fx.client("Alpha");
    let a1 = fx.invoice("Alpha", "A1", "2026-09-01", "1200.00");
    fx.ledger
        .record_payment(&PaymentFields {
            client_id: fx.id("Alpha"),
            date: date("2026-09-20"),
            amount: eur("1199.99"),
            method: PaymentMethod::Transfer,
            reference: String::new(),
            allocations: None,
        })
        .unwrap();
    assert_eq!(proposal_of(&fx, "Alpha", "2026-11-20"), None, "0,01 € left: no letter");
    let breakdown = ardoise::desk::penalties::penalties(&fx.ledger, fx.id("Alpha"), date("2026-11-20")).unwrap();
    assert_eq!((breakdown.breakdown.principal, breakdown.breakdown.indemnity), (eur("0"), eur("0")));
    assert_eq!(breakdown.breakdown.warnings[0].code, "residual_below_tolerance");
    assert!(plain(&breakdown.breakdown.warnings[0].message)
        .starts_with("Facture A1 : il reste 0,01 €, sous la tolérance de 1,00 €"));

    // A real debt beside it is dunned for itself alone.
    fx.invoice("Alpha", "A2", "2026-10-01", "300.00");
    let proposal = proposal_of(&fx, "Alpha", "2026-11-20").unwrap();
    assert_eq!(proposal.invoices.iter().map(|i| i.number.as_str()).collect::<Vec<_>>(), ["A2"]);
    assert_eq!((proposal.principal, proposal.indemnity), (eur("300.00"), eur("40.00")));

    // The client page offers to write the residual off; once written off it is gone from every figure.
    let page = ardoise::desk::clients::client_detail(&fx.ledger, fx.id("Alpha"), date("2026-11-20")).unwrap();
    assert_eq!(page.residual_tolerance, eur("1.00"));
    assert_eq!(
        page.residuals.iter().map(|r| (r.number.as_str(), r.remaining)).collect::<Vec<_>>(),
        [("A1", eur("0.01"))]
    );
    ardoise::desk::invoices::write_off(&mut fx.ledger, a1, date("2026-11-20")).unwrap();
    let page = ardoise::desk::clients::client_detail(&fx.ledger, fx.id("Alpha"), date("2026-11-20")).unwrap();
    assert!(page.residuals.is_empty());
    assert_eq!(page.summary.balance, eur("300.00"));
    let twice = ardoise::desk::invoices::write_off(&mut fx.ledger, a1, date("2026-11-21")).unwrap_err();
    assert!(twice.to_string().contains("déjà passée en perte depuis le 20/11/2026"), "{twice}");

    // The tolerance is a setting: at zero, every cent is dunned again (its form refuses a negative one).
    let mut fx = Fx::new();
    fx.client("Alpha");
    fx.invoice("Alpha", "A1", "2026-09-01", "1200.00");
    fx.pay("Alpha", "2026-09-20", "1199.99", PaymentMethod::Transfer);
    ardoise::desk::settings::save_dunning_options(&mut fx.ledger, eur("5000"), 30, eur("0")).unwrap();
    assert_eq!(ardoise::desk::settings::dunning_settings(&fx.ledger).unwrap().residual_tolerance, eur("0"));
    let proposal = proposal_of(&fx, "Alpha", "2026-11-20").unwrap();
    assert_eq!(proposal.total, eur("40.01") + proposal.interest);
    let refused = ardoise::desk::forms::DunningOptionsText {
        large_amount_threshold: "5000".into(),
        default_payment_terms_days: "30".into(),
        residual_tolerance: "-1".into(),
    }
    .read()
    .unwrap_err();
    assert_eq!(refused.field_errors().unwrap().0[0].field, "residual_tolerance");
}

#[test]
fn a_pause_on_one_invoice_stops_that_invoice_until_its_end_date() {
    // Defect 11: only an open-ended dispute could stop one invoice; a pause stopped the whole client.
    let mut fx = Fx::new();
    fx.client("Alpha");
    fx.invoice("Alpha", "A1", "2026-10-01", "1200.00");
    fx.invoice("Alpha", "A2", "2026-10-05", "300.00");
    fx.event("Alpha", EventKind::Pause, "2026-10-06", Some("2026-10-20"), Some("A1"));
    let numbers = |p: Proposal| p.invoices.into_iter().map(|i| i.number).collect::<Vec<_>>();
    assert_eq!(numbers(proposal_of(&fx, "Alpha", "2026-10-12").unwrap()), ["A2"], "A1 paused, A2 dunned");
    assert_eq!(numbers(proposal_of(&fx, "Alpha", "2026-10-21").unwrap()), ["A1", "A2"], "the pause has ended");
    // A pause of the whole account still stops everything.
    fx.event("Alpha", EventKind::Pause, "2026-10-21", Some("2026-10-31"), None);
    assert_eq!(proposal_of(&fx, "Alpha", "2026-10-25"), None);
    // The form keeps the invoice a pause names, and the timeline says which.
    let form = ardoise::desk::forms::EventText {
        client_id: fx.id("Alpha"),
        kind: EventKind::Pause,
        date: "01/11/2026".into(),
        text: "en attente du bon de commande".into(),
        amount: String::new(),
        until: "15 nov. 2026".into(),
        invoice_id: Some(fx.id("A2")),
    };
    let fields = form.read().unwrap();
    assert_eq!((fields.invoice_id, fields.until), (Some(fx.id("A2")), Some(date("2026-11-15"))));
    fx.ledger.add_event(&fields).unwrap();
    let page = ardoise::desk::clients::client_detail(&fx.ledger, fx.id("Alpha"), date("2026-11-02")).unwrap();
    assert!(
        page.timeline.iter().any(|e| e.title == "Relances suspendues (facture A2)" && e.open),
        "{:?}",
        page.timeline
    );
}

#[test]
fn end_of_month_terms_give_the_due_date_on_clients_invoices_and_import() {
    // Defect 11: « 30 jours fin de mois » and « 45 jours fin de mois » could not be set or read.
    let mut fx = Fx::new();
    let form = ardoise::desk::forms::ClientText {
        company_name: "Gamma SAS".into(),
        payment_terms_days: "45 jours fin de mois".into(),
        ..Default::default()
    };
    let fields = form.read().unwrap();
    assert_eq!((fields.payment_terms_days, fields.payment_terms_end_of_month), (Some(45), true));
    let gamma = fx.ledger.create_client(&fields).unwrap();
    let invoice = |number: &str, issue: &str, terms: &str| ardoise::desk::forms::InvoiceText {
        number: number.into(),
        client_id: gamma,
        issue_date: issue.into(),
        amount: "100".into(),
        payment_terms: terms.into(),
        ..Default::default()
    };
    // 10 March + 45 days = 24 April, then the end of April; the invoice's own terms come first.
    let cases = [
        ("G1", "10/03/2026", "", "2026-04-30"),
        ("G2", "10/03/2026", "30 jours fin de mois", "2026-04-30"),
        ("G3", "31/01/2026", "30j FDM", "2026-03-31"),
        ("G4", "10/03/2026", "30 jours", "2026-04-09"),
    ];
    for (number, issue, terms, due) in cases {
        let id = fx.ledger.create_invoice(&invoice(number, issue, terms).read().unwrap()).unwrap();
        assert_eq!(fx.ledger.invoice_row(id).unwrap().invoice.due_date, date(due), "{number} {terms:?}");
    }
    let stored = fx.ledger.invoice_by_number("G2").unwrap().unwrap().invoice.payment_terms.unwrap();
    assert_eq!(stored.label(), "30 jours fin de mois");
    // A due date typed as well wins, and the invoice keeps its terms: its form used to show them blank.
    let typed = ardoise::desk::forms::InvoiceText {
        due_date: "15/04/2026".into(),
        ..invoice("G6", "10/03/2026", "45 jours fin de mois")
    };
    let id = fx.ledger.create_invoice(&typed.read().unwrap()).unwrap();
    let kept = fx.ledger.invoice_row(id).unwrap().invoice;
    assert_eq!(
        (kept.due_date, kept.payment_terms.map(|t| t.label())),
        (date("2026-04-15"), Some("45 jours fin de mois".into()))
    );
    let refused = invoice("G5", "10/03/2026", "selon contrat").read().unwrap_err();
    assert!(refused.field_errors().unwrap().0[0].message.contains("n'est pas un délai de paiement"), "{refused}");
}

#[test]
fn the_proposal_names_its_step_in_words() {
    // Defect 10: the window showed only a data-step attribute and the command line an internal id.
    let mut fx = Fx::new();
    alpha_owes_one(&mut fx);
    let proposal = proposal_of(&fx, "Alpha", "2026-10-08").unwrap();
    assert_eq!(proposal.step, "friendly_reminder_soft");
    assert_eq!(
        proposal.step_label,
        "Étape 1 de l'échelle (client régulier) : rappel amical, 7 jours après l'échéance, en e-mail."
    );
    fx.send("Alpha", "2026-10-08");
    let proposal = proposal_of(&fx, "Alpha", "2026-10-21").unwrap();
    assert_eq!(
        proposal.step_label,
        "Étape 2 de l'échelle (client régulier) : relance ferme, 20 jours après l'échéance, en lettre simple, au \
         moins 10 jours après le courrier précédent."
    );
    let mut fx = Fx::new();
    fox_rejected_cheque(&mut fx);
    let proposal = proposal_of(&fx, "Fox", "2026-10-06").unwrap();
    assert_eq!(
        proposal.step_label,
        "Événement : paiement rejeté par la banque, la lettre de rejet passe avant les relances."
    );
}

#[test]
fn prescription_is_restarted_by_payments_and_filings_and_watched_whatever_the_ladder_does() {
    // Defect 12: prescription showed only on a proposal within 120 days; a paused, disputed or snoozed
    // client got no warning, and a partial payment or a filed injonction de payer did not restart it.
    let mut fx = Fx::new();
    fx.client("Alpha");
    fx.invoice("Alpha", "A0", "2022-03-15", "900.00");
    fx.client("Delta");
    fx.invoice("Delta", "D0", "2022-02-10", "500.00");
    fx.client("Bravo");
    fx.invoice("Bravo", "B0", "2022-04-01", "700.00");
    // Alpha is paused, Delta disputes its account: the ladder is silent for both.
    fx.event("Alpha", EventKind::Pause, "2026-09-01", None, None);
    fx.event("Delta", EventKind::Dispute, "2026-09-01", None, None);
    let as_of = date("2026-11-20");
    assert!(fx.proposals("2026-11-20").iter().all(|p| p.client_id == fx.id("Bravo")));
    let watch = ardoise::desk::dashboard::prescription_watch(&fx.ledger, as_of).unwrap();
    let listed: Vec<(&str, String)> = watch.iter().map(|w| (w.client_name.as_str(), w.earliest.to_string())).collect();
    assert_eq!(
        listed,
        [
            ("Delta SARL", "2027-02-11".to_string()),
            ("Alpha SARL", "2027-03-16".into()),
            ("Bravo SARL", "2027-04-02".into())
        ]
    );

    // A partial payment (an acknowledgement, C. civ. 2240) restarts the 5 years from its day.
    fx.pay("Alpha", "2024-06-03", "100.00", PaymentMethod::Transfer);
    // A requête en injonction de payer filed (C. civ. 2241) restarts Delta's.
    fx.ledger
        .add_event(&EventFields {
            client_id: fx.id("Delta"),
            kind: EventKind::Filing,
            date: date("2026-10-15"),
            text: "Requête déposée au tribunal de commerce de Lyon".into(),
            amount: None,
            until: None,
            invoice_id: Some(fx.id("D0")),
        })
        .unwrap();
    let watch = ardoise::desk::dashboard::prescription_watch(&fx.ledger, as_of).unwrap();
    assert_eq!(watch.iter().map(|w| w.client_name.as_str()).collect::<Vec<_>>(), ["Bravo SARL"]);

    // The client page shows each open invoice's date and why.
    let page = ardoise::desk::clients::client_detail(&fx.ledger, fx.id("Alpha"), as_of).unwrap();
    let a0 = &page.prescriptions[0];
    assert_eq!((a0.number.as_str(), a0.prescription.time_barred_on), ("A0", date("2029-06-04")));
    assert_eq!(a0.prescription.basis, "5 ans depuis un règlement (reconnaissance de dette) le 3 juin 2024");
    assert!(!a0.watched);
    let page = ardoise::desk::clients::client_detail(&fx.ledger, fx.id("Delta"), as_of).unwrap();
    assert_eq!(page.prescriptions[0].prescription.basis, "5 ans depuis une demande en justice le 15 octobre 2026");
    assert!(page.timeline.iter().any(|e| e.title == "Demande en justice déposée (facture D0)"));

    // A consumer's 2 years run from the invoice (the service), not from its due date.
    let mut fx = Fx::new();
    fox_old_invoice(&mut fx);
    let watch = ardoise::desk::dashboard::prescription_watch(&fx.ledger, date("2026-09-01")).unwrap();
    assert_eq!(
        watch[0].earliest,
        date("2026-12-17"),
        "issued 16 December 2024, due 15 January 2025: barred from the 17th"
    );
}

/// Regression: the proposal counted interest on an invoice as if its credit note had not come: 1 600 €
/// for 41 days, where the penalties, the letter and the plan count 1 600 € until the credit note of 300 €
/// and 1 300 € after it. The proposal announced a total the letter would not claim.
#[test]
fn a_proposal_counts_interest_as_the_penalties_do_once_a_credit_note_came() {
    let mut fx = Fx::new();
    fx.client("Alpha");
    fx.invoice("Alpha", "F1", "2026-05-10", "1600.00");
    // The credit note, issued on 21 May (30 days before its « due » date), names no invoice: the client's
    // credit, set against F1 from that day.
    fx.invoice("Alpha", "AV1", "2026-06-20", "-300.00");
    let as_of = date("2026-06-20");
    let alpha = fx.id("Alpha");
    let proposal = ardoise::desk::proposals::client_proposal(&fx.ledger, alpha, as_of).unwrap().expect("a proposal");
    let breakdown = ardoise::desk::penalties::penalties(&fx.ledger, alpha, as_of).unwrap().breakdown;
    assert_eq!(proposal.principal, eur("1300.00"));
    // By hand, at 12,15 %: 1 600 € from 11 to 21 May (11 days) + 1 300 € from 22 May to 20 June (30 days)
    // = 5,86 € + 12,98 €.
    assert_eq!(breakdown.interest, eur("18.84"));
    assert_eq!(proposal.interest, breakdown.interest);
    assert_eq!(proposal.total, eur("1358.84"));
}
