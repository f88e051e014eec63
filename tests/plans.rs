//! Payment plans (F8) through the public API: the schedule's properties over 100,000 random plans, then
//! dated scenarios on a small ledger (on time to completion, late, missed and broken, down payment, fees
//! for B2B and B2C), the plan letter through the print pipeline, and the `plan` command line.

use ardoise::desk::dispatch::SendingForm;
use ardoise::desk::letters::ExportTarget;
use ardoise::desk::plans::{self as plan_desk, PlanOptions};
use ardoise::desk::proposals::ProposalAction;
use ardoise::domain::address::PostalAddress;
use ardoise::domain::letter_kind::LetterKind;
use ardoise::domain::model::{ClientFields, ClientKind, InvoiceFields, PaymentFields, PaymentMethod};
use ardoise::domain::plans::{self, Frequency, InstallmentState, PlanState, ScheduleRequest};
use ardoise::Ledger;
use chrono::{Datelike, Days, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::Decimal;
use std::process::Command;

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn eur(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn cents(value: i64) -> Decimal {
    Decimal::new(value, 2)
}

fn last_day_of_month(year: i32, month: u32) -> u32 {
    let next =
        if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, month + 1, 1) };
    next.unwrap().pred_opt().unwrap().day()
}

// ---------------------------------------------------------------------------------------------------------
// Properties

/// One random plan request: amounts from a cent to a million euros, any count up to the maximum, every
/// frequency, first dates often at a month's end, down payments and hand-set amounts now and then.
fn random_request(rng: &mut ChaCha8Rng) -> ScheduleRequest {
    let drafted_on = date("2020-01-01") + Days::new(rng.random_range(0..5000));
    let principal = cents(match rng.random_range(0..4) {
        0 => rng.random_range(1..500),
        1 => rng.random_range(1..100_000),
        2 => rng.random_range(1..10_000_000),
        _ => rng.random_range(1..100_000_000),
    });
    let fees = if rng.random_bool(0.3) { cents(rng.random_range(0..500_000)) } else { Decimal::ZERO };
    let total_cents = ((principal + fees) * Decimal::ONE_HUNDRED).trunc().to_string().parse::<i64>().unwrap();
    let down_payment =
        if rng.random_bool(0.3) { cents(rng.random_range(0..total_cents.max(1) + 50)) } else { Decimal::ZERO };
    let count =
        if rng.random_bool(0.9) { rng.random_range(1..=36) } else { rng.random_range(1..=plans::MAX_INSTALLMENTS + 5) };
    let frequency = [Frequency::Weekly, Frequency::Biweekly, Frequency::Monthly][rng.random_range(0..3)];
    let first_date = if rng.random_bool(0.4) {
        // The end of a month, to exercise the clamping.
        let month_start = NaiveDate::from_ymd_opt(drafted_on.year(), drafted_on.month(), 1).unwrap();
        let next = month_start.checked_add_months(chrono::Months::new(rng.random_range(1..3))).unwrap();
        next - Days::new(rng.random_range(1..4))
    } else {
        drafted_on + Days::new(rng.random_range(0..60))
    };
    let mut hand_set = Vec::new();
    if rng.random_bool(0.2) && count > 1 {
        for _ in 0..rng.random_range(1..count) {
            hand_set.push(
                rng.random_bool(0.5).then(|| cents(rng.random_range(1..total_cents.max(2) / i64::from(count) + 2))),
            );
        }
    }
    ScheduleRequest { drafted_on, principal, fees, down_payment, count, frequency, first_date, hand_set }
}

#[test]
fn a_hundred_thousand_random_plans_sum_exactly_and_never_skip_a_date() {
    let mut rng = ChaCha8Rng::seed_from_u64(0x0ec4_e4ce);
    let (mut accepted, mut refused, mut warned) = (0u32, 0u32, 0u32);
    while accepted < 100_000 {
        let asked = random_request(&mut rng);
        let plan = match plans::schedule(&asked) {
            Ok(plan) => plan,
            Err(problem) => {
                // A refusal names a field of the form and says why in French.
                assert!(
                    ["principal", "fees", "down_payment", "count", "first_date", "hand_set"].contains(&problem.field),
                    "{problem:?}"
                );
                assert!(problem.message.ends_with('.') && problem.message.chars().count() > 20, "{problem:?}");
                refused += 1;
                continue;
            }
        };
        accepted += 1;
        let context = || format!("{asked:?}");
        let installments = &plan.installments;
        assert_eq!(installments.len(), asked.count as usize, "{}", context());
        let sum: Decimal = installments.iter().map(|i| i.amount).sum();
        assert_eq!(sum + plan.down_payment, asked.principal + asked.fees, "{}", context());
        assert_eq!(plan.total, asked.principal + asked.fees);
        assert!(installments.iter().all(|i| i.amount > Decimal::ZERO && i.amount.scale() <= 2), "{}", context());
        assert_eq!(installments[0].due_date, asked.first_date, "{}", context());
        for (index, installment) in installments.iter().enumerate() {
            assert_eq!(installment.sequence as usize, index + 1);
            let wanted = asked.hand_set.get(index).copied().flatten();
            if let Some(amount) = wanted {
                assert_eq!(installment.amount, amount, "{}", context());
            }
        }
        for pair in installments.windows(2) {
            let (before, after) = (pair[0].due_date, pair[1].due_date);
            assert!(after > before, "{}", context());
            match asked.frequency {
                Frequency::Weekly => assert_eq!((after - before).num_days(), 7, "{}", context()),
                Frequency::Biweekly => assert_eq!((after - before).num_days(), 14, "{}", context()),
                Frequency::Monthly => {
                    // The next calendar month, on the first date's day or the month's last day.
                    let months = (after.year() - before.year()) * 12 + after.month() as i32 - before.month() as i32;
                    assert_eq!(months, 1, "{}", context());
                    let day = asked.first_date.day().min(last_day_of_month(after.year(), after.month()));
                    assert_eq!(after.day(), day, "{}", context());
                }
            }
        }
        // Without hand-set amounts, every installment is the same but the last, which carries the rounding.
        if asked.hand_set.iter().all(Option::is_none) && installments.len() > 1 {
            let each = installments[0].amount;
            assert!(installments[..installments.len() - 1].iter().all(|i| i.amount == each), "{}", context());
            let carried = installments.last().unwrap().amount - each;
            assert!(carried >= Decimal::ZERO && carried < cents(i64::from(asked.count)), "{}", context());
        }
        let beyond = asked.drafted_on.checked_add_months(chrono::Months::new(24)).unwrap();
        assert_eq!(plan.warnings.is_empty(), installments.last().unwrap().due_date <= beyond, "{}", context());
        warned += u32::from(!plan.warnings.is_empty());
    }
    // The generator reaches every branch: refusals and long plans both occur.
    assert!(refused > 1_000 && warned > 1_000, "refused {refused}, warned {warned}");
}

// ---------------------------------------------------------------------------------------------------------
// Scenarios on a small ledger

struct Fx {
    ledger: Ledger,
    client: i64,
    invoice: i64,
    /// The ledger's folder: printed letters are kept beside it.
    _folder: tempfile::TempDir,
}

/// A client owing one invoice of 1,200 € due on 1 March 2026 (first half-year: its rate is known).
fn owing(kind: ClientKind) -> Fx {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open(&folder.path().join("ledger.sqlite3")).unwrap();
    // Letters are printed only with the sender's identity filled in.
    let profile = ardoise::domain::model::Profile {
        legal_name: "Claire DUMONT EI".into(),
        address: PostalAddress {
            street: "14 RUE DES TANNEURS".into(),
            postcode: "69007".into(),
            town: "LYON".into(),
            ..Default::default()
        },
        siren_siret: "842117533".into(),
        iban: "FR76 3000 6000 0112 3456 7890 189".into(),
        signature_town: "Lyon".into(),
        ..Default::default()
    };
    ardoise::desk::settings::save_profile(&mut ledger, &profile).unwrap();
    let fields = match kind {
        ClientKind::Professional => {
            ClientFields { kind, company_name: "Menuiserie Alpha".into(), ..Default::default() }
        }
        ClientKind::Consumer => ClientFields {
            kind,
            civility: "Mme".into(),
            first_name: "Anne".into(),
            last_name: "Martin".into(),
            ..Default::default()
        },
    };
    let address = PostalAddress {
        street: "12 RUE DES LILAS".into(),
        postcode: "69007".into(),
        town: "LYON".into(),
        ..Default::default()
    };
    let client = ledger.create_client(&ClientFields { address, ..fields }).unwrap();
    let invoice = ledger
        .create_invoice(&InvoiceFields {
            number: "F-100".into(),
            client_id: client,
            issue_date: date("2026-01-30"),
            due_date: Some(date("2026-03-01")),
            amount: eur("1200.00"),
            amount_excl_vat: None,
            object: String::new(),
            penalty_rate: None,
            written_off_on: None,
            payment_terms: None,
            nature: None,
        })
        .unwrap();
    Fx { ledger, client, invoice, _folder: folder }
}

impl Fx {
    fn pay(&mut self, on: &str, amount: &str) {
        self.ledger
            .record_payment(&PaymentFields {
                client_id: self.client,
                date: date(on),
                amount: eur(amount),
                method: PaymentMethod::Transfer,
                reference: String::new(),
                allocations: None,
            })
            .unwrap();
    }

    fn state(&self, plan: i64, on: &str) -> PlanState {
        plan_desk::view(&self.ledger, plan, date(on)).unwrap().tracking.state
    }

    fn proposal(&self, on: &str) -> Option<LetterKind> {
        ardoise::desk::clients::client_detail(&self.ledger, self.client, date(on)).unwrap().proposal.map(|p| p.kind)
    }

    /// Three monthly installments of 400 € from 15 July, drafted 15 June, signed 20 June.
    fn signed_plan(&mut self) -> i64 {
        let options = PlanOptions { count: Some(3), ..Default::default() };
        let plan = plan_desk::draft(&mut self.ledger, self.client, date("2026-06-15"), &options).unwrap();
        let amounts: Vec<Decimal> = plan.schedule.installments.iter().map(|i| i.amount).collect();
        assert_eq!(amounts, [eur("400.00"), eur("400.00"), eur("400.00")]);
        assert_eq!(plan.first_date, date("2026-07-15"));
        plan_desk::sign(&mut self.ledger, plan.id, date("2026-06-20")).unwrap();
        plan.id
    }
}

#[test]
fn a_plan_paid_on_time_completes_itself_and_settles_the_invoice() {
    let mut fx = owing(ClientKind::Professional);
    // Before the plan the ladder is running.
    assert!(fx.proposal("2026-06-15").is_some());
    let plan = fx.signed_plan();
    assert_eq!(fx.state(plan, "2026-06-21"), PlanState::Active);
    // Signed: the ladder pauses for its invoice, the timeline notes the acknowledgement of debt.
    assert_eq!(fx.proposal("2026-06-25"), None);
    let detail = ardoise::desk::clients::client_detail(&fx.ledger, fx.client, date("2026-06-25")).unwrap();
    let signed = detail.timeline.iter().find(|e| e.kind == "plan" && e.title.contains("signé")).unwrap();
    assert!(signed.detail.contains("reconnaissance de dette") && signed.detail.contains("20 juin 2026"));
    for on in ["2026-07-14", "2026-08-14", "2026-09-15"] {
        fx.pay(on, "400.00");
        assert_eq!(fx.proposal(on), None, "{on}");
    }
    assert_eq!(fx.state(plan, "2026-09-14"), PlanState::Active);
    let done = plan_desk::view(&fx.ledger, plan, date("2026-09-16")).unwrap();
    assert_eq!((done.tracking.state, done.tracking.remaining), (PlanState::Completed, Decimal::ZERO));
    assert!(done.tracking.installments.iter().all(|i| i.state == InstallmentState::Paid));
    let invoice = ardoise::desk::invoices::invoice_list(&fx.ledger, Some(fx.client), date("2026-09-16")).unwrap();
    assert_eq!(invoice.iter().find(|l| l.row.invoice.id == fx.invoice).unwrap().remaining, Decimal::ZERO);
    let timeline = ardoise::desk::clients::client_detail(&fx.ledger, fx.client, date("2026-09-16")).unwrap().timeline;
    assert!(timeline.iter().any(|e| e.title.contains("soldé") && e.date == date("2026-09-15")));
    // A completed plan expects no more cash.
    assert!(plan_desk::expected_cash(&fx.ledger, date("2026-09-16")).unwrap().is_empty());
}

#[test]
fn a_late_installment_raises_the_missed_installment_proposal_until_it_is_paid() {
    let mut fx = owing(ClientKind::Professional);
    let plan = fx.signed_plan();
    assert_eq!(fx.state(plan, "2026-07-15"), PlanState::Active);
    assert_eq!(fx.state(plan, "2026-07-17"), PlanState::Late);
    assert_eq!(fx.proposal("2026-07-17"), Some(LetterKind::MissedInstallment));
    let late = plan_desk::view(&fx.ledger, plan, date("2026-07-17")).unwrap();
    assert_eq!(late.tracking.overdue, eur("400.00"));
    assert_eq!(late.tracking.installments[0].state, InstallmentState::Late);
    fx.pay("2026-07-20", "400.00");
    assert_eq!(fx.state(plan, "2026-07-21"), PlanState::Active);
    assert_eq!(fx.proposal("2026-07-21"), None);
}

#[test]
fn a_missed_installment_leads_to_the_breach_proposal_and_breaks_the_plan() {
    let mut fx = owing(ClientKind::Professional);
    let plan = fx.signed_plan();
    fx.pay("2026-07-14", "400.00");
    let proposal =
        ardoise::desk::clients::client_detail(&fx.ledger, fx.client, date("2026-08-20")).unwrap().proposal.unwrap();
    assert_eq!(proposal.kind, LetterKind::MissedInstallment);
    assert!(proposal.reason.contains("15 août"), "{}", proposal.reason);
    assert_eq!(fx.state(plan, "2026-08-20"), PlanState::Late);
    // The user accepts: the déchéance du terme letter is drafted; the plan breaks when it is sent, and the
    // ladder resumes.
    let letter = ardoise::desk::proposals::decide_proposal(
        &mut fx.ledger,
        fx.client,
        date("2026-08-20"),
        ProposalAction::Accept,
    )
    .unwrap();
    assert_eq!(fx.state(plan, "2026-08-20"), PlanState::Late);
    let out = fx._folder.path().join("courriers");
    ardoise::desk::letters::export_letter(&mut fx.ledger, letter, date("2026-08-20"), &ExportTarget::Folder(out))
        .unwrap();
    let sending = ardoise::domain::delivery::SendingForm {
        deposit_date: Some(date("2026-08-20")),
        tracking_number: "RR473124829FR".into(),
        level: "R1".into(),
        with_receipt: true,
    };
    ardoise::desk::dispatch::send_letter(&mut fx.ledger, letter, &sending).unwrap();
    assert_eq!(fx.state(plan, "2026-08-20"), PlanState::Broken);
    // The engine sees the plan broken: no second déchéance letter, and its invoice no longer paused.
    assert_ne!(fx.proposal("2026-09-10"), Some(LetterKind::MissedInstallment));
    let facts = fx.ledger.dunning_facts(date("2026-09-10"), Some(fx.client)).unwrap();
    assert_eq!(facts.clients[0].plans[0].status, PlanState::Broken);
    let timeline = ardoise::desk::clients::client_detail(&fx.ledger, fx.client, date("2026-08-21")).unwrap().timeline;
    assert!(timeline.iter().any(|e| e.title.contains("rompu") && e.amount == Some(eur("800.00"))));
    // A broken plan expects no more cash.
    assert!(plan_desk::expected_cash(&fx.ledger, date("2026-08-21")).unwrap().is_empty());
}

#[test]
fn a_down_payment_comes_first_and_the_rest_is_shared() {
    let mut fx = owing(ClientKind::Professional);
    let options = PlanOptions { count: Some(3), down_payment: eur("300.00"), ..Default::default() };
    let plan = plan_desk::draft(&mut fx.ledger, fx.client, date("2026-06-15"), &options).unwrap();
    let amounts: Vec<Decimal> = plan.schedule.installments.iter().map(|i| i.amount).collect();
    assert_eq!(amounts, [eur("300.00"), eur("300.00"), eur("300.00")]);
    plan_desk::sign(&mut fx.ledger, plan.id, date("2026-06-20")).unwrap();
    fx.pay("2026-06-20", "300.00");
    let view = plan_desk::view(&fx.ledger, plan.id, date("2026-06-21")).unwrap();
    let states: Vec<(u32, InstallmentState)> =
        view.tracking.installments.iter().map(|i| (i.sequence, i.state)).collect();
    assert_eq!(states[0], (0, InstallmentState::Paid));
    assert_eq!(states[1], (1, InstallmentState::Due));
    assert_eq!(view.tracking.remaining, eur("900.00"));
    // Without the down payment paid, the plan is late from the day after the signature.
    let mut unpaid = owing(ClientKind::Professional);
    let plan = plan_desk::draft(&mut unpaid.ledger, unpaid.client, date("2026-06-15"), &options).unwrap();
    plan_desk::sign(&mut unpaid.ledger, plan.id, date("2026-06-20")).unwrap();
    assert_eq!(unpaid.state(plan.id, "2026-06-22"), PlanState::Late);
    // The expected cash counts the installments month by month.
    let cash = plan_desk::expected_cash(&fx.ledger, date("2026-06-21")).unwrap();
    let months: Vec<(&str, Decimal)> = cash.iter().map(|m| (m.month.as_str(), m.amount)).collect();
    assert!(months.contains(&("2026-07", eur("300.00"))) && months.contains(&("2026-09", eur("300.00"))), "{months:?}");
}

#[test]
fn fees_add_the_penalties_and_only_a_professional_owes_the_indemnity() {
    let on = date("2026-06-15");
    let mut b2b = owing(ClientKind::Professional);
    let penalties = ardoise::desk::penalties::penalties(&b2b.ledger, b2b.client, on).unwrap().breakdown;
    assert!(penalties.interest > Decimal::ZERO && penalties.indemnity == eur("40"));
    let without = plan_desk::draft(&mut b2b.ledger, b2b.client, on, &PlanOptions::default()).unwrap();
    assert_eq!((without.schedule.fees, without.schedule.total), (Decimal::ZERO, eur("1200.00")));
    assert_eq!(without.fees_available, penalties.interest + penalties.indemnity);
    let options = PlanOptions { with_fees: true, ..Default::default() };
    let with = plan_desk::update(&mut b2b.ledger, without.id, on, &options).unwrap();
    assert_eq!(with.schedule.fees, penalties.interest + eur("40"));
    assert_eq!(with.schedule.total, eur("1200.00") + with.schedule.fees);
    let sum: Decimal = with.schedule.installments.iter().map(|i| i.amount).sum();
    assert_eq!(sum, with.schedule.total);
    assert_eq!(with.count, plans::suggested_count(with.schedule.total));

    let mut b2c = owing(ClientKind::Consumer);
    let penalties = ardoise::desk::penalties::penalties(&b2c.ledger, b2c.client, on).unwrap().breakdown;
    assert_eq!(penalties.indemnity, Decimal::ZERO);
    let with = plan_desk::draft(&mut b2c.ledger, b2c.client, on, &options).unwrap();
    assert_eq!(with.fees_available, penalties.interest);
    assert_eq!(with.schedule.total, eur("1200.00") + penalties.interest);
    assert!(with.schedule.total < eur("1240.00"), "a consumer never owes the 40 € indemnity");
}

#[test]
fn only_a_draft_changes_and_impossible_terms_are_refused_in_french() {
    let mut fx = owing(ClientKind::Professional);
    let plan = plan_desk::draft(&mut fx.ledger, fx.client, date("2026-06-15"), &PlanOptions::default()).unwrap();
    let refused = plan_desk::update(
        &mut fx.ledger,
        plan.id,
        date("2026-06-15"),
        &PlanOptions { count: Some(200_000), ..Default::default() },
    )
    .unwrap_err();
    assert!(refused.to_string().contains("Nombre d'échéances"), "{refused}");
    let long = plan_desk::update(
        &mut fx.ledger,
        plan.id,
        date("2026-06-15"),
        &PlanOptions { count: Some(30), ..Default::default() },
    )
    .unwrap();
    assert!(long.schedule.warnings[0].contains("24 mois"));
    // Nothing was half-written by the refusal: the stored plan is the 30-installment one.
    assert_eq!(fx.ledger.plan(plan.id).unwrap().installments.len(), 30);
    plan_desk::sign(&mut fx.ledger, plan.id, date("2026-06-16")).unwrap();
    let error = plan_desk::update(&mut fx.ledger, plan.id, date("2026-06-17"), &PlanOptions::default()).unwrap_err();
    assert!(error.to_string().contains("seul un brouillon"), "{error}");
    // Its invoice is in a plan in force: a new plan has nothing to take.
    let error = plan_desk::draft(&mut fx.ledger, fx.client, date("2026-06-17"), &PlanOptions::default()).unwrap_err();
    assert!(error.to_string().contains("rien à étaler"), "{error}");
}

/// Regression: exporting the plan letter marked the plan « envoyé » that day, while its letter was only
/// printed; recording the letter's deposit three days later left the plan dated the day of the print.
#[test]
fn the_plan_letter_and_agreement_form_print_the_schedule_and_the_plan_is_sent_with_its_letter() {
    let mut fx = owing(ClientKind::Professional);
    let options = PlanOptions {
        count: Some(4),
        frequency: Frequency::Biweekly,
        down_payment: eur("100.00"),
        ..Default::default()
    };
    let plan = plan_desk::draft(&mut fx.ledger, fx.client, date("2026-06-15"), &options).unwrap();
    let folder = tempfile::tempdir().unwrap();
    let path =
        plan_desk::export(&mut fx.ledger, plan.id, date("2026-06-15"), &ExportTarget::Folder(folder.path().into()))
            .unwrap();
    assert!(path.file_name().unwrap().to_string_lossy().contains("Proposition d'échéancier"));
    let stored = fx.ledger.plan(plan.id).unwrap();
    assert_eq!((stored.status, stored.sent_on), (PlanState::Draft, None), "printed is not sent");
    // What the printed letter states no longer changes, as when an export marked the plan sent.
    assert!(!plan_desk::view(&fx.ledger, plan.id, date("2026-06-15")).unwrap().editable);
    let refused = plan_desk::update(&mut fx.ledger, plan.id, date("2026-06-16"), &options).unwrap_err();
    assert!(refused.to_string().contains("est imprimée avec ces conditions : elles ne changent plus"), "{refused}");
    let letter = stored.letter_id.unwrap();
    assert_eq!(fx.ledger.letter(letter).unwrap().status, "printed");
    let deposit = SendingForm { deposit_date: Some(date("2026-06-18")), ..Default::default() };
    ardoise::desk::dispatch::send_letter(&mut fx.ledger, letter, &deposit).unwrap();
    let sent = fx.ledger.plan(plan.id).unwrap();
    assert_eq!((sent.status, sent.sent_on), (PlanState::Sent, Some(date("2026-06-18"))));
    let text = pdf_text(&path);
    for wanted in [
        "BON POUR ACCORD",
        "100,00 € d'acompte à la signature",
        "4 versements espacés de deux semaines",
        "275,00 € au plus tard le 15 juillet 2026",
        "275,00 € au plus tard le 29 juillet 2026",
        "275,00 € au plus tard le 26 août 2026",
        "solde immédiatement exigible",
    ] {
        assert!(text.contains(wanted), "« {wanted} » missing from:\n{text}");
    }
}

/// A plan letter printed, never recorded as sent, blocked the ladder for good once the plan was signed: its
/// missed installment was never proposed (audit L2: `propose` said « Aucune relance à faire »).
#[test]
fn a_signed_plan_whose_letter_was_printed_but_not_recorded_sent_still_raises_the_missed_installment() {
    let mut fx = owing(ClientKind::Professional);
    let options = PlanOptions { count: Some(3), ..Default::default() };
    let plan = plan_desk::draft(&mut fx.ledger, fx.client, date("2026-06-15"), &options).unwrap();
    let folder = tempfile::tempdir().unwrap();
    plan_desk::export(&mut fx.ledger, plan.id, date("2026-06-15"), &ExportTarget::Folder(folder.path().into()))
        .unwrap();
    let letter = fx.ledger.plan(plan.id).unwrap().letter_id.unwrap();
    // Before the signature the printed letter waits to be sent: nothing escalates past it.
    assert!(ardoise::desk::proposals::proposals(&fx.ledger, date("2026-06-18")).unwrap().is_empty());
    plan_desk::sign(&mut fx.ledger, plan.id, date("2026-06-20")).unwrap();
    assert_eq!(fx.ledger.letter(letter).unwrap().status, "printed");
    // Signed and the first installment (15 July) unpaid: the agreement came back, the letter arrived.
    let proposals = ardoise::desk::proposals::proposals(&fx.ledger, date("2026-07-17")).unwrap();
    let kinds: Vec<(i64, LetterKind)> = proposals.iter().map(|p| (p.client_id, p.kind)).collect();
    assert_eq!(kinds, [(fx.client, LetterKind::MissedInstallment)]);
    assert!(proposals[0].reason.contains("400,00"), "{}", proposals[0].reason);
    // Another letter printed and not sent still blocks, signed plan or not.
    ardoise::desk::letters::draft_for_client(
        &mut fx.ledger,
        fx.client,
        LetterKind::AccountStatement,
        date("2026-07-16"),
        &[fx.invoice],
    )
    .unwrap();
    assert!(ardoise::desk::proposals::proposals(&fx.ledger, date("2026-07-17")).unwrap().is_empty());
}

/// The plan letter said its fees were « arrêtés au » its own date while they had been computed on the
/// drafting day, the debtor signing for a sum whose date was wrong (audit L1).
#[test]
fn the_plan_letter_dates_its_fees_on_the_day_they_were_computed() {
    let mut fx = owing(ClientKind::Professional);
    let options = PlanOptions { count: Some(3), with_fees: true, ..Default::default() };
    let plan = plan_desk::draft(&mut fx.ledger, fx.client, date("2026-06-15"), &options).unwrap();
    let on_draft = ardoise::desk::penalties::penalties(&fx.ledger, fx.client, date("2026-06-15")).unwrap().breakdown;
    assert_eq!(plan.schedule.fees, on_draft.interest + on_draft.indemnity);
    // Exported ten days later: the fees are still those of 15 June, and the letter says so.
    let later = ardoise::desk::penalties::penalties(&fx.ledger, fx.client, date("2026-06-25")).unwrap().breakdown;
    assert!(later.interest > on_draft.interest);
    let folder = tempfile::tempdir().unwrap();
    let path =
        plan_desk::export(&mut fx.ledger, plan.id, date("2026-06-25"), &ExportTarget::Folder(folder.path().into()))
            .unwrap();
    let text = pdf_text(&path);
    let fees = ardoise::domain::money::format_eur(plan.schedule.fees).replace(['\u{202f}', '\u{a0}'], " ");
    let total = ardoise::domain::money::format_eur(plan.schedule.total).replace(['\u{202f}', '\u{a0}'], " ");
    for wanted in [
        "Lyon, le 25 juin 2026".to_string(),
        format!("s'ajoutent {fees} de pénalités de retard et d'indemnités forfaitaires de recouvrement arrêtés au 15 juin 2026, soit {total}"),
        format!("la somme de {total}, dont {fees} de frais"),
    ] {
        assert!(text.contains(&wanted), "« {wanted} » missing from:\n{text}");
    }
    assert!(!text.contains("arrêtés au 25 juin 2026"), "{text}");
}

/// A plan letter exported before its plan was drafted (the computer's day, not the plan's) printed a letter
/// dated a month before the plan it proposes (audit L1).
#[test]
fn a_plan_letter_dated_before_its_plan_is_refused_in_french() {
    let mut fx = owing(ClientKind::Professional);
    let plan = plan_desk::draft(&mut fx.ledger, fx.client, date("2026-06-15"), &PlanOptions::default()).unwrap();
    let folder = tempfile::tempdir().unwrap();
    let refused =
        plan_desk::export(&mut fx.ledger, plan.id, date("2026-06-10"), &ExportTarget::Folder(folder.path().into()))
            .unwrap_err()
            .to_string();
    assert!(refused.contains("proposé le 15 juin 2026") && refused.contains("--date 2026-06-15"), "{refused}");
    // Nothing was printed nor marked sent.
    let stored = fx.ledger.plan(plan.id).unwrap();
    assert_eq!((stored.status, stored.sent_on, stored.letter_id), (PlanState::Draft, None, None));
    assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 0);
    plan_desk::export(&mut fx.ledger, plan.id, date("2026-06-15"), &ExportTarget::Folder(folder.path().into()))
        .unwrap();
}

/// With a half-year's rate missing, a plan with fees counted the interest up to the last known half-year
/// and printed it, while a letter claiming interest waits for the rate (audit L1): the plan waits too.
#[test]
fn a_plan_with_fees_waits_for_a_missing_rate_as_a_letter_does() {
    // The shipped table leaves 2026-S2 blank: fees counted to 20 July need it.
    let mut fx = owing(ClientKind::Professional);
    let with_fees = PlanOptions { count: Some(3), with_fees: true, ..Default::default() };
    let refused = plan_desk::draft(&mut fx.ledger, fx.client, date("2026-07-20"), &with_fees).unwrap_err().to_string();
    assert!(refused.contains("Taux manquant pour le 2e semestre 2026 (2026-S2)"), "{refused}");
    assert!(refused.contains("ardoise rates --semester 2026-S2"), "{refused}");
    assert!(fx.ledger.plans(Some(fx.client)).unwrap().is_empty());
    // Without fees nothing waits; adding them to the draft waits the same way.
    let plan = plan_desk::draft(&mut fx.ledger, fx.client, date("2026-07-20"), &PlanOptions::default()).unwrap();
    let refused = plan_desk::update(&mut fx.ledger, plan.id, date("2026-07-20"), &with_fees).unwrap_err().to_string();
    assert!(refused.contains("Taux manquant pour le 2e semestre 2026"), "{refused}");
    assert_eq!(fx.ledger.plan(plan.id).unwrap().fees, Decimal::ZERO);
    // A plan with fees stored without the rate (drafted by an earlier version) is not printed either.
    let mut older = owing(ClientKind::Professional);
    let id = older
        .ledger
        .insert_plan(&ardoise::ledger::PlanDraft {
            client_id: older.client,
            drafted_on: date("2026-07-20"),
            frequency: Frequency::Monthly,
            with_fees: true,
            principal: eur("1200.00"),
            fees: eur("53.47"),
            down_payment: Decimal::ZERO,
            installments: vec![(date("2026-08-20"), eur("626.73")), (date("2026-09-20"), eur("626.74"))],
            hand_set: Vec::new(),
            invoice_ids: vec![older.invoice],
        })
        .unwrap();
    let folder = tempfile::tempdir().unwrap();
    let refused =
        plan_desk::export(&mut older.ledger, id, date("2026-07-20"), &ExportTarget::Folder(folder.path().into()))
            .unwrap_err()
            .to_string();
    assert!(refused.contains("Taux manquant pour le 2e semestre 2026 (2026-S2)"), "{refused}");
    assert_eq!(older.ledger.plan(id).unwrap().sent_on, None);
}

/// The déchéance du terme letter named neither the installment missed nor its amount, and claimed the
/// invoices alone, dropping the fees the debtor had signed for (audit L3).
#[test]
fn the_breach_letter_names_the_missed_installment_and_claims_the_signed_balance() {
    let mut fx = owing(ClientKind::Professional);
    let options = PlanOptions { count: Some(3), with_fees: true, ..Default::default() };
    let plan = plan_desk::draft(&mut fx.ledger, fx.client, date("2026-06-15"), &options).unwrap();
    let fees = plan.schedule.fees;
    assert!(fees > eur("40"), "{fees}");
    let installments: Vec<Decimal> = plan.schedule.installments.iter().map(|i| i.amount).collect();
    plan_desk::sign(&mut fx.ledger, plan.id, date("2026-06-20")).unwrap();
    fx.pay("2026-07-14", &installments[0].to_string());
    // The second installment, due on 15 August, never comes.
    let late = plan_desk::view(&fx.ledger, plan.id, date("2026-08-20")).unwrap();
    assert_eq!(late.tracking.state, PlanState::Late);
    let principal = eur("1200.00") - installments[0];
    assert_eq!(late.tracking.remaining, principal + fees);
    assert_eq!(fx.proposal("2026-08-20"), Some(LetterKind::MissedInstallment));
    let letter = ardoise::desk::proposals::decide_proposal(
        &mut fx.ledger,
        fx.client,
        date("2026-08-20"),
        ProposalAction::Accept,
    )
    .unwrap();
    let out = fx._folder.path().join("courriers");
    let path =
        ardoise::desk::letters::export_letter(&mut fx.ledger, letter, date("2026-08-20"), &ExportTarget::Folder(out))
            .unwrap();
    let text = pdf_text(&path);
    let eur_text = |amount: Decimal| ardoise::domain::money::format_eur(amount).replace(['\u{202f}', '\u{a0}'], " ");
    for wanted in [
        format!("prévoyait une échéance de {} le 15 août 2026", eur_text(installments[1])),
        format!(
            "soit {}, dont {} au principal et {} de pénalités de retard et d'indemnités forfaitaires de recouvrement",
            eur_text(late.tracking.remaining),
            eur_text(principal),
            eur_text(fees)
        ),
        format!("Le solde de {} est à régler", eur_text(late.tracking.remaining)),
    ] {
        assert!(text.contains(&wanted), "« {wanted} » missing from:\n{text}");
    }
    // Without a signed plan late on its date, a déchéance letter has nothing to notify: it is not printed.
    let mut none = owing(ClientKind::Professional);
    let request = ardoise::desk::letter_facts::LetterRequest {
        kind: LetterKind::MissedInstallment,
        client_id: none.client,
        date: date("2026-08-20"),
        variant: String::new(),
        invoice_ids: vec![none.invoice],
        dispatch: None,
        tracking_number: String::new(),
        letter_id: None,
    };
    let target = ExportTarget::Folder(none._folder.path().join("courriers"));
    let refused = ardoise::desk::letters::draft_and_export(&mut none.ledger, &request, &target);
    let refused = refused.unwrap_err().to_string();
    assert!(refused.contains("aucun échéancier signé"), "{refused}");
}

fn pdf_text(path: &std::path::Path) -> String {
    let output =
        Command::new("pdftotext").arg("-layout").arg(path).arg("-").output().expect("pdftotext (poppler-utils)");
    assert!(output.status.success());
    String::from_utf8(output.stdout)
        .unwrap()
        .replace(['\u{202f}', '\u{a0}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

// ---------------------------------------------------------------------------------------------------------
// Command line

fn ardoise(db: &std::path::Path, arguments: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ardoise")).arg("--db").arg(db).args(arguments).output().expect("ardoise runs")
}

#[test]
fn plan_draft_from_the_command_line() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("registre.sqlite3");
    assert!(ardoise(&db, &["demo", "--date", "2026-11-22"]).status.success());
    // Client 2 of the demo owes one overdue invoice of 1,500 €. Its fees to 22 November need the rates of
    // 2026-S2, which the shipped table leaves blank: without them the plan with fees waits.
    let output = ardoise(
        &db,
        &["plan", "draft", "--client", "2", "--installments", "7", "--fees", "--json", "--date", "2026-11-22"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("Taux manquant pour le 2e semestre 2026"));
    let output = ardoise(&db, &["rates", "--semester", "2026-S2", "--ecb", "2,15", "--legal-other", "2,62"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let output = ardoise(
        &db,
        &["plan", "draft", "--client", "2", "--installments", "7", "--fees", "--json", "--date", "2026-11-22"],
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let plan: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let schedule = &plan["schedule"];
    let total: Decimal = schedule["total"].as_str().unwrap().parse().unwrap();
    let fees: Decimal = schedule["fees"].as_str().unwrap().parse().unwrap();
    let installments = schedule["installments"].as_array().unwrap();
    assert_eq!(installments.len(), 7);
    let sum: Decimal = installments.iter().map(|i| i["amount"].as_str().unwrap().parse::<Decimal>().unwrap()).sum();
    assert_eq!(sum, total);
    assert!(fees >= eur("40"), "a professional's plan with fees carries the indemnity: {fees}");
    assert_eq!(installments[0]["due_date"], "2026-12-22");
    assert_eq!(plan["tracking"]["state"], "draft");
    let id = plan["id"].as_i64().unwrap().to_string();
    let output = ardoise(&db, &["plan", "sign", &id, "--date", "2026-11-25"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let output = ardoise(&db, &["plan", "list", "--date", "2026-11-26"]);
    let listed = String::from_utf8(output.stdout).unwrap();
    assert!(listed.contains("en cours"), "{listed}");
    // A client with nothing overdue is refused, in French, with exit code 1.
    let output = ardoise(&db, &["plan", "draft", "--client", "22", "--date", "2026-11-22"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("rien à étaler"));
}

#[test]
fn plans_survive_export_and_load() {
    let mut fx = owing(ClientKind::Professional);
    let options = PlanOptions {
        count: Some(3),
        down_payment: eur("150.00"),
        hand_set: vec![Some(eur("500.00"))],
        frequency: Frequency::Weekly,
        ..Default::default()
    };
    let plan = plan_desk::draft(&mut fx.ledger, fx.client, date("2026-06-15"), &options).unwrap();
    let folder = tempfile::tempdir().unwrap();
    plan_desk::export(&mut fx.ledger, plan.id, date("2026-06-15"), &ExportTarget::Folder(folder.path().into()))
        .unwrap();
    plan_desk::sign(&mut fx.ledger, plan.id, date("2026-06-18")).unwrap();
    let before = fx.ledger.plan(plan.id).unwrap();
    let json = serde_json::to_string(&fx.ledger.export().unwrap()).unwrap();
    let mut copy = Ledger::open_in_memory().unwrap();
    copy.load(&serde_json::from_str(&json).unwrap()).unwrap();
    let after = copy.plan(plan.id).unwrap();
    assert_eq!(after, before);
    assert_eq!(after.hand_set, vec![Some(eur("500.00"))]);
    assert_eq!(
        after.installments.iter().map(|(_, a)| *a).collect::<Vec<_>>(),
        [eur("500.00"), eur("275.00"), eur("275.00")]
    );
    assert!(after.letter_id.is_some() && after.sent_on == Some(date("2026-06-15")));
}

#[test]
fn a_signed_plan_restarts_the_prescription_the_engine_warns_of() {
    // A consumer's invoice due on 1 December 2024 is prescribed two years later.
    let mut fx = owing(ClientKind::Consumer);
    let old = fx
        .ledger
        .create_invoice(&InvoiceFields {
            number: "F-050".into(),
            client_id: fx.client,
            issue_date: date("2024-11-01"),
            due_date: Some(date("2024-12-01")),
            amount: eur("800.00"),
            amount_excl_vat: None,
            object: String::new(),
            penalty_rate: None,
            written_off_on: None,
            payment_terms: None,
            nature: None,
        })
        .unwrap();
    let warned = |fx: &Fx, on: &str| {
        let proposal =
            ardoise::desk::clients::client_detail(&fx.ledger, fx.client, date(on)).unwrap().proposal.unwrap();
        (proposal.kind, proposal.warnings.iter().any(|w| w.contains("F-050") && w.contains("prescription")))
    };
    assert!(warned(&fx, "2026-10-15").1, "the prescription of 1 December 2026 is announced");
    let plan = plan_desk::draft(
        &mut fx.ledger,
        fx.client,
        date("2026-10-15"),
        &PlanOptions { count: Some(2), ..Default::default() },
    )
    .unwrap();
    assert!(plan.invoices.iter().any(|i| i.id == old));
    plan_desk::sign(&mut fx.ledger, plan.id, date("2026-10-16")).unwrap();
    // The first installment (15 November) is missed: the engine proposes the déchéance letter, and no
    // longer warns of a prescription the signed plan interrupted.
    assert_eq!(warned(&fx, "2026-11-20"), (LetterKind::MissedInstallment, false));
}

#[test]
fn no_plan_for_a_client_in_a_collective_procedure() {
    let mut fx = owing(ClientKind::Professional);
    let mut fields = fx.ledger.client(fx.client).unwrap().fields;
    fields.status = ardoise::domain::model::ClientStatus::CollectiveProcedure;
    fields.procedure.opening_date = Some(date("2026-05-01"));
    fx.ledger.update_client(fx.client, &fields).unwrap();
    let error = plan_desk::draft(&mut fx.ledger, fx.client, date("2026-06-15"), &PlanOptions::default()).unwrap_err();
    assert!(error.to_string().contains("procédure collective"), "{error}");
    assert!(fx.ledger.plans(Some(fx.client)).unwrap().is_empty());
}

/// A second plan could be drafted over an invoice already in a draft, and both signed: each then counted
/// the same payments, both « en cours » with the same balance (audit ops 1). An invoice is in one live
/// plan at most: drafting and signing a second are refused, naming the first and how to abandon it.
#[test]
fn a_second_live_plan_over_the_same_invoice_is_refused() {
    let mut fx = owing(ClientKind::Professional);
    let options = PlanOptions { count: Some(3), ..Default::default() };
    let first = plan_desk::draft(&mut fx.ledger, fx.client, date("2026-06-15"), &options).unwrap();
    let refused = plan_desk::draft(&mut fx.ledger, fx.client, date("2026-06-16"), &options).unwrap_err().to_string();
    assert!(refused.contains(&format!("F-100 est déjà dans l'échéancier n° {} (brouillon)", first.id)), "{refused}");
    assert!(refused.contains(&format!("ardoise plan abandon {}", first.id)), "{refused}");
    assert_eq!(fx.ledger.plans(Some(fx.client)).unwrap().len(), 1);

    // A ledger holding two drafts over one invoice (an earlier version let it): signing either is refused
    // while the other is alive; once one is abandoned, the other is signed.
    let second = fx
        .ledger
        .insert_plan(&ardoise::ledger::PlanDraft {
            client_id: fx.client,
            drafted_on: date("2026-06-16"),
            frequency: Frequency::Monthly,
            with_fees: false,
            principal: eur("1200.00"),
            fees: Decimal::ZERO,
            down_payment: Decimal::ZERO,
            installments: vec![(date("2026-07-16"), eur("600.00")), (date("2026-08-16"), eur("600.00"))],
            hand_set: Vec::new(),
            invoice_ids: vec![fx.invoice],
        })
        .unwrap();
    let refused = plan_desk::sign(&mut fx.ledger, second, date("2026-06-20")).unwrap_err().to_string();
    assert!(refused.contains(&format!("L'échéancier n° {second} ne peut pas être signé")), "{refused}");
    assert!(refused.contains(&format!("ardoise plan abandon {}", first.id)), "{refused}");
    plan_desk::abandon(&mut fx.ledger, second, date("2026-06-20"), "doublon").unwrap();
    plan_desk::sign(&mut fx.ledger, first.id, date("2026-06-20")).unwrap();
    fx.pay("2026-07-15", "400.00");
    let live: Vec<_> = plan_desk::list(&fx.ledger, Some(fx.client), date("2026-07-20"))
        .unwrap()
        .into_iter()
        .filter(|plan| plan.tracking.state != PlanState::Cancelled)
        .collect();
    assert_eq!(live.len(), 1);
    assert_eq!(live[0].tracking.remaining, eur("800.00"));
    // Abandoned, the plan frees its invoice for a new one.
    plan_desk::abandon(&mut fx.ledger, first.id, date("2026-07-21"), "renégocié").unwrap();
    plan_desk::draft(&mut fx.ledger, fx.client, date("2026-07-21"), &options).unwrap();
}
