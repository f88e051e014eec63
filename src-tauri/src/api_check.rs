//! The check that keeps `ui/scripts/api.js` honest: its `@typedef` blocks describe what the commands
//! send and take, and nothing checks JSDoc against Rust. This test builds real values of every type a
//! command returns (from the demo ledger, with a letter sent and received, a plan signed, an import, a
//! backup) and of every form the window sends, turns them into JSON as the shell does, and compares the
//! keys with the typedefs, recursing into the typedefs a property names. It fails on a key missing from
//! either side, on an enum value a string union does not list, and on a typedef no value reached.

use crate::commands::import::{Dropped, Progress};
use crate::commands::ledger::AppStatus;
use crate::commands::letters::{BatchLetter, BatchProgress};
use crate::error::CommandError;
use ardoise::desk::forms::{
    BankDecisionKind, BankDecisionText, BankPartText, ClientText, CreditSplitText, DecisionText, DeliveryText,
    DunningOptionsText, EnvelopeText, EventText, InvoiceText, PartText, PaymentText, PeriodText, PlanText,
    PriceRowText, PriceTableText, RejectionText, SendingText, SplitText,
};
use ardoise::desk::{self, Ledger};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// One `@typedef` of api.js.
#[derive(Debug)]
enum Typedef {
    /// `@typedef {object} Name` with its `@property` lines: (name, type, optional).
    Object(Vec<(String, String, bool)>),
    /// `@typedef {'a' | 'b'} Name`.
    Union(BTreeSet<String>),
    /// Anything else (`{string}`, a function type): not checked.
    Other,
}

/// Every typedef of `source`, by name. An inline object type (`{{ a: T }}`) is refused: written with
/// `@property` lines it is checked like the others.
fn typedefs(source: &str) -> Result<BTreeMap<String, Typedef>, String> {
    let mut found = BTreeMap::new();
    for block in source.split("/**").skip(1) {
        let block = block.split("*/").next().unwrap_or_default();
        let text: String =
            block.lines().map(|line| line.trim_start().trim_start_matches('*')).collect::<Vec<_>>().join("\n");
        let mut rest = text.as_str();
        let mut current: Option<(String, Typedef)> = None;
        while let Some(at) = rest.find('@') {
            rest = &rest[at + 1..];
            let tag: String = rest.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
            if tag != "typedef" && tag != "property" {
                continue;
            }
            let Some((kind, after)) = braced(&rest[tag.len()..]) else { continue };
            let name: String = after.trim_start().chars().take_while(|c| !c.is_whitespace()).collect::<String>();
            rest = after;
            if tag == "typedef" {
                if let Some((name, typedef)) = current.take() {
                    found.insert(name, typedef);
                }
                let typedef = if kind == "object" {
                    Typedef::Object(Vec::new())
                } else if let Some(values) = string_union(&kind) {
                    Typedef::Union(values)
                } else if kind.starts_with('{') {
                    return Err(format!("typedef {name}: write the object with @property lines, not {{{kind}}}"));
                } else {
                    Typedef::Other
                };
                current = Some((name, typedef));
            } else if let Some((_, Typedef::Object(properties))) = current.as_mut() {
                if kind.starts_with('{') {
                    return Err(format!("property {name}: name the object type with its own typedef"));
                }
                let optional = name.starts_with('[');
                properties.push((name.trim_matches(['[', ']']).to_string(), kind, optional));
            }
        }
        if let Some((name, typedef)) = current.take() {
            found.insert(name, typedef);
        }
    }
    Ok(found)
}

/// The type between the braces that open `text` (after spaces), and what follows.
fn braced(text: &str) -> Option<(String, &str)> {
    let text = text.trim_start();
    if !text.starts_with('{') {
        return None;
    }
    let mut depth = 0;
    for (index, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some((text[1..index].split_whitespace().collect::<Vec<_>>().join(" "), &text[index + 1..]));
                }
            }
            _ => {}
        }
    }
    None
}

/// The values of a type made only of quoted strings (`'a' | 'b'`).
fn string_union(kind: &str) -> Option<BTreeSet<String>> {
    let values: Option<BTreeSet<String>> = kind
        .split('|')
        .map(|part| {
            let part = part.trim();
            (part.len() >= 2 && part.starts_with('\'') && part.ends_with('\''))
                .then(|| part[1..part.len() - 1].to_string())
        })
        .collect();
    values.filter(|values| !values.is_empty())
}

/// Compares values with the typedefs and keeps every difference found.
struct Checker<'a> {
    typedefs: &'a BTreeMap<String, Typedef>,
    problems: Vec<String>,
    reached: BTreeSet<String>,
}

impl Checker<'_> {
    /// `value` against the object typedef `name`; arrays are checked element by element, null passes.
    fn check(&mut self, name: &str, value: &Value, path: &str) {
        match value {
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    self.check(name, item, &format!("{path}[{index}]"));
                }
            }
            Value::Null => {}
            Value::Object(map) => {
                let Some(Typedef::Object(properties)) = self.typedefs.get(name) else {
                    self.problems.push(format!("{path}: api.js has no object typedef {name}"));
                    return;
                };
                self.reached.insert(name.to_string());
                for (key, kind, optional) in properties {
                    match map.get(key) {
                        None if !optional => self
                            .problems
                            .push(format!("typedef {name}: property `{key}` is not in what Rust sends ({path})")),
                        None => {}
                        Some(inner) => self.check_property(kind, inner, &format!("{path}.{key}")),
                    }
                }
                for key in map.keys() {
                    if !properties.iter().any(|(name, _, _)| name == key) {
                        self.problems.push(format!("typedef {name}: Rust sends `{key}`, which it lacks ({path})"));
                    }
                }
            }
            other => self.problems.push(format!("{path}: typedef {name} describes an object, Rust sends {other}")),
        }
    }

    /// A property's value against its type: the object typedef or string union it names, or an inline union.
    fn check_property(&mut self, kind: &str, value: &Value, path: &str) {
        let names: Vec<&str> = kind
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|word| self.typedefs.contains_key(*word))
            .collect();
        let objects: Vec<&str> =
            names.iter().copied().filter(|name| matches!(self.typedefs[*name], Typedef::Object(_))).collect();
        if let [object] = objects.as_slice() {
            self.check(object, value, path);
            return;
        }
        let bare = kind.replace("| null", "").replace("[]", "");
        let union = match names.as_slice() {
            [single] => match &self.typedefs[*single] {
                Typedef::Union(values) => Some(values.clone()),
                _ => None,
            },
            _ => string_union(bare.trim().trim_matches(['(', ')'])),
        };
        if let Some(values) = union {
            self.reached.extend(names.iter().map(|name| name.to_string()));
            let strings: Vec<&Value> = match value {
                Value::Array(items) => items.iter().collect(),
                other => vec![other],
            };
            for found in strings {
                if let Value::String(text) = found {
                    if !values.contains(text) {
                        self.problems.push(format!("{path}: « {text} » is not one of {kind}"));
                    }
                }
            }
        }
    }
}

fn json(value: impl Serialize) -> Value {
    serde_json::to_value(value).expect("every command's value serialises")
}

/// Real values of what the commands return, from the demo ledger after the usual work of a day.
fn returned_values(folder: &std::path::Path) -> Vec<(&'static str, Value)> {
    use ardoise::desk::{books, clients, dashboard, deposit, dispatch, email, import, labels, ledger_file, letters};
    use ardoise::desk::{penalties, plans, proposals, settings};
    let today: chrono::NaiveDate = "2026-11-22".parse().unwrap();
    let mut ledger = Ledger::open(&folder.join("ardoise.sqlite3")).unwrap();
    desk::demo::populate(&mut ledger, today).unwrap();
    let mut values = Vec::new();
    // A formal notice accepted, sent registered and received: a dispatch with its delivery and deadline.
    let all = proposals::proposals(&ledger, today).unwrap();
    values.push(("Proposal", json(&all)));
    values.push(("ProposalPage", json(proposals::proposal_page(&ledger, today, 3).unwrap())));
    let notice = all.iter().find(|p| p.kind.id() == "formal_notice").expect("a demo client owes a formal notice");
    values
        .push(("InvoiceChoice", json(letters::draft_choices(&ledger, notice.client_id, notice.kind, today).unwrap())));
    let letter_id =
        proposals::decide_proposal(&mut ledger, notice.client_id, today, proposals::ProposalAction::Accept).unwrap();
    values.push(("LetterState", json(letters::letter_state(&ledger, letter_id).unwrap())));
    values.push((
        "BatchLetter",
        json(
            letters::batch(&ledger, today)
                .unwrap()
                .into_iter()
                .map(|(id, letter)| BatchLetter { id, letter })
                .collect::<Vec<_>>(),
        ),
    ));
    // Printed (its PDF kept), then sent: the archive keeps those bytes. The shipped table leaves 2026-S2
    // blank: its rates are entered first (the first half-year's, carried on), as a user does before
    // printing a letter that claims interest after 1 July 2026.
    let rows: Vec<desk::penalties::RateRowText> = penalties::rates(&ledger)
        .unwrap()
        .rows
        .iter()
        .scan(desk::penalties::RateRowText::default(), |last, row| {
            let text =
                |rate: Option<rust_decimal::Decimal>, before: &str| rate.map_or(before.to_string(), |r| r.to_string());
            *last = desk::penalties::RateRowText {
                semester: row.semester.clone(),
                legal_rate_individual: text(row.legal_rate_individual, &last.legal_rate_individual),
                legal_rate_other: text(row.legal_rate_other, &last.legal_rate_other),
                ecb_rate: text(row.ecb_rate, &last.ecb_rate),
            };
            Some(last.clone())
        })
        .collect();
    penalties::save_rates(&mut ledger, &rows).unwrap();
    let printed = folder.join("courriers");
    letters::export_letter(&mut ledger, letter_id, today, &letters::ExportTarget::Folder(printed)).unwrap();
    values.push(("LetterState", json(letters::letter_state(&ledger, letter_id).unwrap())));
    let sending = SendingText {
        deposit_date: "22/11/2026".into(),
        tracking_number: "RR 473124829 FR".into(),
        level: "R2".into(),
        with_receipt: true,
    };
    values
        .push(("DispatchRow", json(dispatch::send_letter(&mut ledger, letter_id, &sending.read().unwrap()).unwrap())));
    let delivery = DeliveryText { outcome: "received".into(), date: "24/11/2026".into() };
    dispatch::record_delivery(&mut ledger, letter_id, delivery.read().unwrap()).unwrap();
    values.push(("LetterLine", json(dispatch::letter_lines(&ledger, None).unwrap())));
    values.push(("Letter", json(letters::stored_letter(&ledger, letter_id, today).unwrap())));
    // A plan drafted and signed: the expected cash.
    let plan = plans::draft(&mut ledger, 11, today, &plans::PlanOptions::default()).unwrap();
    values.push(("PlanView", json(&plan)));
    let signed = plans::sign(&mut ledger, plan.id, today).unwrap();
    values.push(("PlanView", json(plans::list(&ledger, None, today).unwrap())));
    values.push(("PlanView", json(signed)));
    let abandoned = plans::draft(&mut ledger, notice.client_id, today, &plans::PlanOptions::default()).unwrap();
    values.push(("PlanView", json(plans::abandon(&mut ledger, abandoned.id, today, "refus du client").unwrap())));
    values.push(("MonthCash", json(plans::expected_cash(&ledger, today).unwrap())));
    // An import previewed and made, then files that change it, refuse a row and warn about a client.
    let fixture = |name: &str| {
        let path = format!("{}/../tests/data/import/{name}", env!("CARGO_MANIFEST_DIR"));
        import::read_file(std::path::Path::new(&path)).unwrap()
    };
    let request = |(name, bytes): &(String, Vec<u8>)| {
        let (name, bytes) = (name.clone(), bytes.clone());
        move |ledger: &Ledger| {
            let request = import::ImportRequest {
                file_name: &name,
                bytes: &bytes,
                sheet: None,
                mapping: None,
                today,
                expected_sha256: None,
            };
            json(import::preview(ledger, &request, &mut |_| {}).unwrap().view(500))
        }
    };
    let first = fixture("factures-utf8.csv");
    values.push(("ImportPreview", request(&first)(&ledger)));
    let made = import::ImportRequest {
        file_name: &first.0,
        bytes: &first.1,
        sheet: None,
        mapping: None,
        today,
        expected_sha256: None,
    };
    let (plan, record) = import::import_file(&mut ledger, &made, false, &mut |_| {}).unwrap();
    values.push(("ImportReport", json(import::ImportReport::new(&plan, record))));
    values.push(("ImportRecord", json(import::imports(&ledger).unwrap())));
    // The last one's status says « En litige », and it gives the e-mail its client lacks.
    for name in ["factures-utf8-v2.csv", "doublons.csv", "client-siret-invalide.csv", "litige-et-fiche-client.csv"] {
        values.push(("ImportPreview", request(&fixture(name))(&ledger)));
    }
    values.push(("ImportProgress", json(Progress { percent: 40, label: "Lecture du fichier…" })));
    values.extend(bank_values(folder, today));
    // A folder of e-invoices issued by the profile's SIREN, previewed and imported (its PDFs kept as their
    // invoices' documents), a corrected re-issue previewed, a document given by hand, a drop.
    let mut profile = settings::profile(&ledger).unwrap();
    profile.siren_siret = "84235719600018".into();
    settings::save_profile(&mut ledger, &profile).unwrap();
    let einvoices = |name: &str| format!("{}/../tests/data/einvoice/{name}", env!("CARGO_MANIFEST_DIR"));
    let options = import::ImportOptions { sheet: None, mapping: None, today, expected_sha256: None };
    let invoices_folder = import::read_sources(&[einvoices("valid").into()]).unwrap();
    values.push(("ImportPreview", json(invoices_folder.preview(&ledger, &options, &mut |_| {}).unwrap().view(500))));
    let (plan, record) = invoices_folder.import(&mut ledger, &options, false, &mut |_| {}).unwrap();
    values.push(("ImportReport", json(import::ImportReport::new(&plan, record))));
    let reissue = import::read_sources(&[einvoices("reissue/facturx-en16931-corrigee.pdf").into()]).unwrap();
    values.push(("ImportPreview", json(reissue.preview(&ledger, &options, &mut |_| {}).unwrap().view(500))));
    let (invoice_id, _) = desk::invoices::find_invoice(&ledger, "F2026-0121").unwrap();
    let scan = std::fs::read(einvoices("bad/pdf-sans-facture.pdf")).unwrap();
    let document = desk::invoices::attach_document(&mut ledger, invoice_id, "scan.pdf", &scan).unwrap();
    values.push(("InvoiceDocument", json(document)));
    let dupont = clients::client_list(&ledger, today).unwrap().into_iter().find(|c| c.name == "Menuiserie Dupont SARL");
    let request = desk::letter_facts::LetterRequest {
        kind: letters::LetterKind::FormalNotice,
        client_id: dupont.expect("the e-invoices' buyer").id,
        date: today,
        variant: String::new(),
        invoice_ids: Vec::new(),
        dispatch: None,
        tracking_number: String::new(),
        letter_id: None,
    };
    let enclosing = letters::compose_request(&ledger, &request, None).unwrap();
    assert!(!enclosing.facts.documents.is_empty(), "the letter encloses the imported PDFs");
    values.push(("Letter", json(enclosing)));
    values.push(("Dropped", json(Dropped { paths: vec!["/tmp/F2026-0121.pdf".into()], x: 640.0, y: 320.0 })));
    // A backup taken.
    ledger_file::back_up(&ledger, today.and_hms_opt(9, 0, 0).unwrap()).unwrap();
    values.push(("Backup", json(ledger_file::backups(&ledger).unwrap())));
    // Every client's page and penalties.
    values.push(("Dashboard", json(dashboard::dashboard(&ledger, today).unwrap())));
    // A client whose address has no street nor lieu-dit, which NF Z10-011 needs: its page names the problem
    // (a town in small letters or a comma in the street no longer is one: they are mended when the lines
    // are composed).
    let punctuated: ClientText = serde_json::from_value(serde_json::json!({
        "kind": "professional",
        "company_name": "Atelier Sans Voie",
        "address": { "postcode": "69003", "town": "Lyon" },
    }))
    .unwrap();
    let punctuated = clients::save_client(&mut ledger, None, &punctuated.read().unwrap()).unwrap();
    let detail = clients::client_detail(&ledger, punctuated, today).unwrap();
    assert!(!detail.address_problems.is_empty(), "no address problem to reach its typedef");
    let summaries = clients::client_list(&ledger, today).unwrap();
    values.push(("ClientSummary", json(&summaries)));
    values.push(("ClientSummary", json(clients::most_late_clients(&ledger, today, 5).unwrap())));
    for client in &summaries {
        values.push(("ClientDetail", json(clients::client_detail(&ledger, client.id, today).unwrap())));
        values.push(("ClientPenalties", json(penalties::penalties(&ledger, client.id, today).unwrap())));
        let split = SplitText { amount: "1 000".into(), parts: None };
        values.push(("SplitView", json(split.view(&ledger, client.id).unwrap())));
    }
    // The livre des recettes of the last month and of the year so far.
    for choice in [books::PeriodChoice::LastMonth, books::PeriodChoice::ThisYear] {
        let period = PeriodText { choice, from: String::new(), to: String::new() }.read(today).unwrap();
        values.push(("ReceiptsBook", json(books::receipts(&ledger, period).unwrap())));
    }
    values.push(("DunningSettings", json(settings::dunning_settings(&ledger).unwrap())));
    values.push(("Profile", json(settings::profile(&ledger).unwrap())));
    // Later on, claims of the demo come within six months of prescription.
    let later: chrono::NaiveDate = "2028-06-01".parse().unwrap();
    values.push(("PrescriptionWatch", json(dashboard::prescription_watch(&ledger, later).unwrap())));
    // An invoice whose due date came from its own terms.
    let terms = InvoiceText {
        number: "API-TERMS-1".into(),
        client_id: transports_id(&ledger),
        issue_date: "10/11/2026".into(),
        amount: "100".into(),
        payment_terms: "45 jours fin de mois".into(),
        ..InvoiceText::default()
    };
    let invoice = desk::invoices::save_invoice(&mut ledger, None, &terms.read().unwrap()).unwrap();
    values.push(("InvoiceLine", json(desk::invoices::invoice_list(&ledger, None, today).unwrap())));
    // Paid but for a cent: a residual the client page offers to write off.
    let payment = PaymentText {
        client_id: transports_id(&ledger),
        date: "20/11/2026".into(),
        amount: "99,99".into(),
        allocations: Some(vec![PartText { invoice_id: invoice, number: String::new(), amount: "99,99".into() }]),
        ..PaymentText::default()
    };
    desk::payments::record_payment(&mut ledger, &payment.read().unwrap()).unwrap();
    let signature = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/images/signature.png");
    values.push((
        "ProfileImagesView",
        json(settings::set_profile_image(&mut ledger, settings::ProfileImage::Signature, &signature).unwrap()),
    ));
    let transports = summaries.iter().find(|c| c.name == "Transports Vidal SARL").expect("the demo's procedure").id;
    values.push((
        "ClaimStatement",
        json(desk::procedure::confirm_claim_statement(&mut ledger, transports, "", "", today).unwrap()),
    ));
    values.push(("ClientDetail", json(clients::client_detail(&ledger, transports, today).unwrap())));
    values.push(("RatesView", json(penalties::rates_view(&ledger, today).unwrap())));
    values.push(("PriceTable", json(deposit::price_table(&ledger).unwrap())));
    values.push(("KindEntry", json(letters::kinds())));
    values.push(("TemplateEntry", json(letters::templates(&ledger).unwrap())));
    values.push(("PrintOptions", json(letters::print_options(&ledger).unwrap())));
    values.push(("BatchProgress", json(BatchProgress { done: 1, total: 2 })));
    // An export that printed one letter and left one waiting (the command's answer, as the desk gives it).
    let refused = letters::RefusedLetter {
        letter_id: 2,
        client_id: transports,
        client_name: "Transports Vidal SARL".into(),
        title: "Déclaration de créance".into(),
        reason: "il manque ce que vous seul savez".into(),
    };
    values.push((
        "BatchExport",
        json(letters::BatchExport { files: vec!["lot.pdf".into()], printed: vec![1], refused: vec![refused] }),
    ));
    values.push(("Labels", json(labels::labels())));
    values.push(("AppStatus", json(AppStatus { ledger_path: "ardoise.sqlite3".into(), needs_choice: false, today })));
    let refusal = InvoiceText::default().read().unwrap_err();
    values.push(("ApiError", json(CommandError::from(refusal))));
    // E-mail: the settings (plain SMTP to this computer, no login: no password), a friendly reminder's
    // e-mail, handed to the user's mail program then confirmed (its proof), and a batch that cannot reach
    // the server (a line saying why).
    let mut mailer = email::Mailer::system();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let form = email::SmtpSettingsText {
        host: "127.0.0.1".into(),
        port: closed.to_string(),
        security: "none".into(),
        from_address: "contact@dumont-menuiserie.fr".into(),
        ..Default::default()
    };
    email::save_settings(&mut ledger, &mut mailer, &form, None).unwrap();
    values.push(("EmailSettingsView", json(email::settings_view(&ledger, &mut mailer).unwrap())));
    let reminder = ardoise::desk::letters::LetterKind::FriendlyReminder;
    let mut drafted = Vec::new();
    for client in clients::client_list(&ledger, today).unwrap() {
        let picked: Vec<i64> = letters::draft_choices(&ledger, client.id, reminder, today)
            .unwrap()
            .into_iter()
            .filter(|choice| choice.preselected)
            .map(|choice| choice.id)
            .collect();
        if drafted.len() < 2 && !picked.is_empty() && !ledger.client(client.id).unwrap().fields.email.is_empty() {
            drafted.push(letters::draft_for_client(&mut ledger, client.id, reminder, today, &picked).unwrap());
        }
    }
    values.push(("LetterEmail", json(email::letter_email(&ledger, drafted[0], today).unwrap())));
    let moment = chrono::DateTime::parse_from_rfc3339("2026-11-22T10:00:00+01:00").unwrap();
    email::confirm_handed(&mut ledger, drafted[0], moment, today).unwrap();
    values.push(("LetterEmail", json(email::letter_email(&ledger, drafted[0], today).unwrap())));
    let lines = email::send_batch(&mut ledger, &mut mailer, today, moment, |_, _| ()).unwrap();
    values.push(("EmailBatchLine", json(lines)));
    values.push(("Handover", json(email::hand_to_mail_program(&ledger, drafted[1], moment, folder).unwrap())));
    values
}

/// The « Banque » page's values, on the designer's ledger of the bank tests: statements previewed (a CSV
/// paying a plan installment, a CAMT with its balances, a CSV with unreadable lines), one confirmed with a
/// correction, a line left out and a reminder to flag, a split as typed, the history.
fn bank_values(folder: &std::path::Path, today: chrono::NaiveDate) -> Vec<(&'static str, Value)> {
    use ardoise::desk::{bank, ledger_file, proposals};
    let data =
        |name: &str| std::path::PathBuf::from(format!("{}/../tests/data/bank/{name}", env!("CARGO_MANIFEST_DIR")));
    let mut ledger = Ledger::open(&folder.join("graphiste.sqlite3")).unwrap();
    let text = std::fs::read_to_string(data("registre-graphiste.json")).unwrap();
    ledger_file::load_json(&mut ledger, &text, "registre-graphiste.json").unwrap();
    proposals::decide_proposal(&mut ledger, 1, today, proposals::ProposalAction::Accept).unwrap();
    let mut values = Vec::new();
    let read = |name: &str| bank::read_file(&data(name)).unwrap();
    for name in ["credit-mutuel-octobre.csv", "camt053-v08.xml", "bad/csv-lignes-illisibles.csv"] {
        let (file_name, bytes) = read(name);
        let request =
            bank::BankRequest { file_name: &file_name, bytes: &bytes, mapping: None, today, expected_sha256: None };
        values.push(("BankPreview", json(bank::preview(&ledger, &request).unwrap())));
    }
    let (file_name, bytes) = read("credit-mutuel.csv");
    let request =
        bank::BankRequest { file_name: &file_name, bytes: &bytes, mapping: None, today, expected_sha256: None };
    let typed = [
        BankDecisionText { line: 2, decision: BankDecisionKind::Record, parts: None },
        BankDecisionText {
            line: 5,
            decision: BankDecisionKind::Record,
            parts: Some(vec![BankPartText { invoice: "F2026-075".into(), amount: "350,00".into() }]),
        },
        BankDecisionText { line: 7, decision: BankDecisionKind::LeaveOut, parts: None },
    ];
    let decisions = ardoise::desk::forms::bank_decisions(&typed).unwrap();
    values.push(("BankReport", json(bank::confirm(&mut ledger, &request, &decisions).unwrap())));
    let split = CreditSplitText {
        amount: "1500.00".into(),
        parts: vec![
            BankPartText { invoice: "F2026-072".into(), amount: "420".into() },
            BankPartText { invoice: "F2099-001".into(), amount: "12".into() },
        ],
    };
    values.push(("CreditSplitView", json(split.view(&ledger, today).unwrap())));
    values.push(("BankImportRecord", json(bank::history(&ledger).unwrap())));
    values
}

/// The demo's client in a collective procedure.
fn transports_id(ledger: &Ledger) -> i64 {
    let today: chrono::NaiveDate = "2026-11-22".parse().unwrap();
    let clients = desk::clients::client_list(ledger, today).unwrap();
    clients.iter().find(|c| c.name == "Transports Vidal SARL").expect("the demo's procedure").id
}

/// What the window sends: every form as typed, with its lists filled so that their items are checked.
fn sent_values() -> Vec<(&'static str, Value)> {
    let part = PartText::default();
    vec![
        ("ClientText", json(ClientText::default())),
        ("InvoiceText", json(InvoiceText::default())),
        ("PaymentText", json(PaymentText { allocations: Some(vec![part.clone()]), ..PaymentText::default() })),
        ("SplitText", json(SplitText { parts: Some(vec![part]), ..SplitText::default() })),
        ("RejectionText", json(RejectionText::default())),
        (
            "EventText",
            json(EventText {
                client_id: 1,
                kind: ardoise::desk::events::EventKind::Note,
                date: String::new(),
                text: String::new(),
                amount: String::new(),
                until: String::new(),
                invoice_id: None,
            }),
        ),
        ("PlanText", json(PlanText::default())),
        ("PriceTableText", json(PriceTableText { rows: vec![PriceRowText::default()] })),
        ("SendingText", json(SendingText::default())),
        ("SmtpSettingsText", json(ardoise::desk::email::SmtpSettingsText::default())),
        ("DeliveryText", json(DeliveryText::default())),
        ("PeriodText", json(PeriodText::default())),
        ("DecisionText", json(DecisionText { action: "snooze".into(), until: "05/12/2026".into() })),
        ("DunningOptionsText", json(DunningOptionsText::default())),
        ("EnvelopeText", json(EnvelopeText::default())),
        (
            "BankDecisionText",
            json(BankDecisionText {
                line: 2,
                decision: BankDecisionKind::Record,
                parts: Some(vec![BankPartText::default()]),
            }),
        ),
        ("CreditSplitText", json(CreditSplitText { amount: "1200.00".into(), parts: vec![BankPartText::default()] })),
        (
            "RateRowText",
            json(ardoise::desk::penalties::RateRowText {
                semester: String::new(),
                legal_rate_individual: String::new(),
                legal_rate_other: String::new(),
                ecb_rate: String::new(),
            }),
        ),
    ]
}

#[test]
fn api_js_typedefs_match_what_the_commands_send_and_take() {
    let source = include_str!("../../ui/scripts/api.js");
    let typedefs = typedefs(source).unwrap_or_else(|problem| panic!("api.js: {problem}"));
    let folder = tempfile::tempdir().unwrap();
    let mut checker = Checker { typedefs: &typedefs, problems: Vec::new(), reached: BTreeSet::new() };
    for (name, value) in returned_values(folder.path()).into_iter().chain(sent_values()) {
        checker.check(name, &value, name);
    }
    let unchecked: Vec<&String> = typedefs
        .iter()
        .filter(|(name, typedef)| matches!(typedef, Typedef::Object(_)) && !checker.reached.contains(*name))
        .map(|(name, _)| name)
        .collect();
    for name in unchecked {
        checker.problems.push(format!("typedef {name}: no value of the commands reached it"));
    }
    checker.problems.sort();
    checker.problems.dedup();
    assert!(checker.problems.is_empty(), "api.js and the Rust types disagree:\n{}", checker.problems.join("\n"));
}

#[test]
fn the_parser_reads_the_three_shapes_and_refuses_inline_objects() {
    let source = "/**\n * @typedef {object} Line\n * @property {number} id\n * @property {Decimal | null} [paid] optional\n */\n\
                  /** @typedef {'a' | 'b'} Letter */\n/** @typedef {string} Decimal */";
    let found = typedefs(source).unwrap();
    match &found["Line"] {
        Typedef::Object(properties) => assert_eq!(
            properties,
            &[
                ("id".to_string(), "number".to_string(), false),
                ("paid".to_string(), "Decimal | null".to_string(), true)
            ]
        ),
        other => panic!("{other:?}"),
    }
    assert!(matches!(&found["Letter"], Typedef::Union(values) if values.len() == 2));
    assert!(matches!(found["Decimal"], Typedef::Other));
    assert!(typedefs("/** @typedef {{ a: number }} Inline */").is_err());
}
