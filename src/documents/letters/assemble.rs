//! Assembling a letter's facts from what the desk read about a client on a date: the sender block from
//! the profile, the recipient and its NF Z10-011 lines, the invoices the kind is about, the breakdown of
//! F4 restricted to them, the last payment, rejection and promise, the proposed plan and the procedure.
//! Pure: the same account always gives the same facts.

use super::facts::*;
use crate::domain::address::{upper_without_accents, AddressProblem, PostalAddress, MAX_LINES, MAX_LINE_CHARS};
use crate::domain::calendar::{half_year_code, half_year_label};
use crate::domain::dunning;
use crate::domain::figures::{InvoiceLine, InvoiceStatus};
use crate::domain::letter_kind::{Annex, Dispatch, LetterKind};
use crate::domain::model::{AddressedAs, Client, ClientKind, Event, EventKind, Payment, Profile};
use crate::domain::penalties::{percent, Breakdown};
use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;

/// Installments of a proposed payment plan (monthly, the first a month after the letter).
pub const PLAN_INSTALLMENTS: u32 = 3;

/// What a letter is written from: the request and the client's account as read on its date.
#[derive(Debug, Clone, Copy)]
pub struct LetterSources<'a> {
    pub kind: LetterKind,
    pub date: NaiveDate,
    /// "with_fees" for the plan proposal carrying the penalties; empty otherwise.
    pub variant: &'a str,
    /// The invoices the user chose; the kind's usual choice when empty.
    pub invoice_ids: &'a [i64],
    pub dispatch: Option<Dispatch>,
    pub tracking_number: &'a str,
    pub letter_id: Option<i64>,
    pub profile: &'a Profile,
    pub client: &'a Client,
    pub invoices: &'a [InvoiceLine],
    pub payments: &'a [Payment],
    pub events: &'a [Event],
    /// The client's penalty breakdown on the date.
    pub breakdown: &'a Breakdown,
    /// The letters sent to the client before the date, oldest first.
    pub previous_letters: &'a [SentLetterFacts],
    /// The client's invoices whose document is kept and intact (their ids).
    pub documents: &'a [i64],
}

/// The facts of the letter `sources` describe.
pub fn assemble(sources: &LetterSources<'_>) -> LetterFacts {
    let (kind, date) = (sources.kind, sources.date);
    // A statement of account is about every invoice and credit note issued by its date.
    let with_statement = kind.has_annex(Annex::Statement);
    let chosen = if with_statement && sources.invoice_ids.is_empty() {
        sources.invoices.iter().filter(|line| line.row.invoice.issue_date <= date).collect()
    } else {
        choose_invoices(
            kind,
            sources.invoices,
            sources.payments,
            sources.invoice_ids,
            sources.client.fields.procedure.opening_date,
        )
    };
    let invoices: Vec<InvoiceFacts> = chosen.iter().map(|line| invoice_facts(line)).collect();
    let documents = if kind.has_annex(Annex::InvoiceCopies) {
        invoices.iter().filter(|invoice| sources.documents.contains(&invoice.id)).map(DocumentFacts::of).collect()
    } else {
        Vec::new()
    };
    let breakdown = breakdown_facts(sources.breakdown, &invoices);
    let total_amount = invoices.iter().map(|i| i.amount).sum();
    let total_remaining = invoices.iter().map(|i| i.remaining).sum();
    let dispatch = sources.dispatch.unwrap_or(kind.default_dispatch());
    let fees = if sources.variant == "with_fees" { breakdown.interest + breakdown.indemnity } else { Decimal::ZERO };
    let ids: Vec<i64> = invoices.iter().map(|i| i.id).collect();
    // A letter about other invoices is no reminder of these; one about none in particular is.
    let previous_letters: Vec<SentLetterFacts> = sources
        .previous_letters
        .iter()
        .filter(|letter| letter.sent_on <= date)
        .filter(|letter| {
            letter.invoice_ids.is_empty() || ids.is_empty() || letter.invoice_ids.iter().any(|id| ids.contains(id))
        })
        .cloned()
        .collect();
    let mut missing: Vec<MissingFact> = missing_sender(sources.profile).into_iter().collect();
    // A letter that claims interest states a figure for every half-year of delay: a half-year whose rate
    // is not in the table would print a placeholder and a 0 € it cannot justify.
    if kind.has_annex(Annex::PenaltyBreakdown) || sources.variant == "with_fees" {
        missing.extend(missing_rates(sources.breakdown, &ids, sources.client.fields.kind, RatesFor::Letter));
    }
    missing.extend(paid_invoices(kind, &invoices));
    missing.extend(not_yet_due(kind, &invoices, date));
    missing.extend(missing_event(kind, sources, date));
    if kind == LetterKind::ClaimDeclaration && sources.client.fields.procedure.claim_statement.is_none() {
        missing.push(MissingFact {
            code: "claim_statement".into(),
            subject: String::new(),
            message: "Déclaration de créance : confirmez ce que vous seul savez, les sommes encore à échoir (les \
                      échéances futures d'un contrat, par exemple) et les sûretés qui garantissent la créance \
                      (réserve de propriété, privilège, caution…), ou qu'il n'y en a aucune : dans la fenêtre sur \
                      la fiche du client, ou avec `ardoise claim-statement --client N --to-fall-due … \
                      --securities …` (un texte vide veut dire « aucune »). Le courrier n'affirme rien à votre place."
                .into(),
        });
    }
    // A client under a collective procedure is sent no letter asking for payment (the engine's rule 1).
    let opening = sources.client.fields.procedure.opening_date;
    if !dunning::allowed_under_procedure(kind) && dunning::under_procedure(sources.client.fields.status, opening, date)
    {
        missing.push(MissingFact {
            code: "collective_procedure".into(),
            subject: String::new(),
            message: dunning::procedure_refusal(
                &dunning::refused(kind),
                &sources.client.fields.display_name(),
                opening,
            ),
        });
    }
    LetterFacts {
        kind,
        title: kind.title().to_string(),
        variant: sources.variant.to_string(),
        dispatch,
        registered: dispatch == Dispatch::Registered,
        tracking_number: sources.tracking_number.to_string(),
        date,
        sender: sender(sources.profile),
        client: if kind == LetterKind::ClaimDeclaration {
            to_mandataire(sources.client)
        } else {
            recipient(sources.client)
        },
        total_amount,
        total_remaining,
        fully_paid: total_remaining <= Decimal::ZERO,
        disputed: chosen
            .iter()
            .filter(|line| line.status == InvoiceStatus::Disputed)
            .map(|line| line.row.invoice.number.clone())
            .collect(),
        plan: plan(total_remaining, fees, date),
        missed: None,
        breakdown,
        deadline: DeadlineFacts::of(kind),
        payment: last_payment(sources.payments, date),
        rejection: last_rejection(sources.payments, date),
        promise: sources
            .events
            .iter()
            .filter(|e| e.fields.kind == EventKind::Promise && e.fields.date <= date)
            .max_by_key(|e| e.fields.date)
            .map(|e| PromiseFacts { date: e.fields.date, until: e.fields.until, amount: e.fields.amount }),
        procedure: procedure(sources.client),
        invoices,
        documents,
        letter_id: sources.letter_id,
        reminders: previous_letters.iter().filter(|letter| letter.reminder).cloned().collect(),
        formal_notice_sent_on: previous_letters
            .iter()
            .filter(|letter| letter.kind == LetterKind::FormalNotice)
            .map(|letter| letter.sent_on)
            .max(),
        previous_letters,
        missing,
        statement: with_statement.then(|| {
            let rows: Vec<_> = sources.invoices.iter().map(|line| line.row.clone()).collect();
            let credited = sources.invoices.iter().map(|line| (line.row.invoice.id, line.credited)).collect();
            StatementFacts::of(crate::domain::books::statement(&rows, &credited, sources.payments, date))
        }),
    }
}

/// A letter asking payment of invoices none of which is owed any more would claim « 0,00 € » and put the
/// debtor on notice for nothing: it waits (is never printed), naming the invoices paid.
fn paid_invoices(kind: LetterKind, invoices: &[InvoiceFacts]) -> Option<MissingFact> {
    if !kind.asks_payment() || invoices.is_empty() || invoices.iter().any(|invoice| invoice.remaining > Decimal::ZERO) {
        return None;
    }
    let numbers: Vec<&str> = invoices.iter().map(|invoice| invoice.number.as_str()).collect();
    let which = match numbers.as_slice() {
        [one] => format!("la facture {one}, qui est réglée"),
        many => format!("les factures {}, qui sont toutes réglées", many.join(", ")),
    };
    Some(MissingFact {
        code: "invoices_paid".into(),
        subject: String::new(),
        message: format!(
            "Ce courrier ({}) réclame le paiement de {which} : il ne reste rien à payer, il n'est pas imprimé. \
             Choisissez des factures encore dues, ou remerciez le client de son règlement.",
            kind.title()
        ),
    })
}

/// A reminder or a mise en demeure says each invoice it claims is « échue » and the debtor late: about an
/// invoice not yet due on the letter's date that is false (and a mise en demeure of a sum not yet due puts
/// no one at fault). The letter waits, naming the invoices and their due dates.
fn not_yet_due(kind: LetterKind, invoices: &[InvoiceFacts], date: NaiveDate) -> Option<MissingFact> {
    if !kind.claims_due_only() {
        return None;
    }
    let owed = invoices.iter().filter(|invoice| invoice.remaining > Decimal::ZERO);
    let early: Vec<String> = owed
        .clone()
        .filter(|invoice| invoice.due_date >= date)
        .map(|invoice| {
            format!("{} (échéance le {})", invoice.number, crate::domain::calendar::format_long(invoice.due_date))
        })
        .collect();
    if early.is_empty() {
        return None;
    }
    let which = match early.as_slice() {
        [one] => format!("la facture {one} n'est pas échue"),
        many => format!("les factures {} ne sont pas échues", many.join(", ")),
    };
    let all = early.len() == owed.count();
    let message = if all {
        format!(
            "Ce courrier ({}) réclame des factures échues, or le {} {which} : il n'est pas imprimé. Attendez \
             l'échéance, ou envoyez une pré-relance.",
            kind.title(),
            crate::domain::calendar::format_long(date)
        )
    } else {
        format!(
            "Ce courrier ({}) réclame des factures échues, or le {} {which} : il n'est pas imprimé. Retirez-{} \
             des factures du courrier.",
            kind.title(),
            crate::domain::calendar::format_long(date),
            if early.len() == 1 { "la" } else { "les" }
        )
    };
    Some(MissingFact { code: "not_due".into(), subject: String::new(), message })
}

/// The letters written about an event — a payment the bank rejected, a promise to pay not kept — state
/// it: without that event in the ledger on the letter's date there is nothing to write about, and the
/// letter waits, as the déchéance du terme waits for a missed installment.
fn missing_event(kind: LetterKind, sources: &LetterSources<'_>, date: NaiveDate) -> Option<MissingFact> {
    let long = crate::domain::calendar::format_long(date);
    let name = sources.client.fields.display_name();
    match kind {
        LetterKind::RejectedPayment if last_rejection(sources.payments, date).is_none() => Some(MissingFact {
            code: "rejection".into(),
            subject: String::new(),
            message: format!(
                "Paiement rejeté : aucun règlement de {name} n'a été rejeté par la banque au {long} ; ce courrier \
                 n'a rien à signaler. Enregistrez d'abord le rejet sur le règlement concerné (fiche du client, \
                 ou `ardoise payment reject …`)."
            ),
        }),
        LetterKind::BrokenPromise
            if !sources.events.iter().any(|e| e.fields.kind == EventKind::Promise && e.fields.date <= date) =>
        {
            Some(MissingFact {
                code: "promise".into(),
                subject: String::new(),
                message: format!(
                    "Promesse non tenue : aucune promesse de paiement de {name} n'est notée au {long} ; ce courrier \
                     n'a rien à rappeler. Notez d'abord la promesse (fiche du client, ou `ardoise event add --kind \
                     promesse …`)."
                ),
            })
        }
        _ => None,
    }
}

/// What waits for a missing rate: the letter being printed, or a payment plan carrying the fees (its
/// letter states them, and the debtor signs for them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatesFor {
    Letter,
    Plan,
}

/// One missing fact per half-year whose rate the interest of `invoice_ids` needs and the table lacks,
/// naming the half-year and where to enter it: the one rule by which a letter claiming interest and a
/// plan with fees wait for the rate.
pub fn missing_rates(breakdown: &Breakdown, invoice_ids: &[i64], kind: ClientKind, what: RatesFor) -> Vec<MissingFact> {
    let which = match kind {
        ClientKind::Professional => "le taux BCE (taux de refinancement au 1er janvier ou au 1er juillet)",
        ClientKind::Consumer => "le taux de l'intérêt légal « autres cas »",
    };
    let (waiting, then) = match what {
        RatesFor::Letter => ("le courrier n'est pas imprimé", "imprimez à nouveau"),
        RatesFor::Plan => (
            "l'échéancier avec frais n'est ni établi ni imprimé",
            "établissez l'échéancier à nouveau (modifiez son brouillon, ou abandonnez-le et proposez-en un \
             nouveau) : ses frais seront calculés avec ce taux",
        ),
    };
    let mut missing: Vec<MissingFact> = Vec::new();
    for invoice in breakdown.invoices.iter().filter(|p| invoice_ids.contains(&p.invoice_id)) {
        for period in invoice.periods.iter().filter(|period| period.rate.is_none()) {
            let code = half_year_code(period.from);
            if missing.iter().any(|fact| fact.subject == code) {
                continue;
            }
            missing.push(MissingFact {
                code: "missing_rate".into(),
                message: format!(
                    "Taux manquant pour le {} ({code}) : {which} de ce semestre n'est pas dans le tableau des \
                     taux, les pénalités de retard ne peuvent pas être calculées et {waiting}. Saisissez ce \
                     taux dans Réglages, tableau des taux d'intérêt (ou avec `ardoise rates --semester {code} \
                     --ecb TAUX --legal-other TAUX`), puis {then}.",
                    half_year_label(period.from)
                ),
                subject: code,
            });
        }
    }
    missing
}

/// The sender block's facts.
pub fn sender(profile: &Profile) -> Sender {
    let vat_line = if profile.vat_exempt {
        "TVA non applicable, art. 293 B du CGI".to_string()
    } else if !profile.vat_number.trim().is_empty() {
        format!("N° TVA : {}", profile.vat_number.trim())
    } else {
        String::new()
    };
    Sender {
        legal_name: profile.legal_name.clone(),
        trade_name: profile.trade_name.clone(),
        address_lines: profile.address.lines(""),
        siren_siret: profile.siren_siret.clone(),
        registry: profile.registry.clone(),
        vat_line,
        phone: unbreakable(&profile.phone),
        email: profile.email.clone(),
        iban: unbreakable(&profile.iban),
        bic: profile.bic.clone(),
        town: profile.signature_town.clone(),
        addressed_as: profile.addressed_as.map_or("", AddressedAs::id).to_string(),
        plural: profile.addressed_as == Some(AddressedAs::Company),
        feminine: profile.addressed_as == Some(AddressedAs::Madame),
    }
}

/// A number written in groups (an IBAN « FR76 3000 6000 … », a phone « 06 12 34 56 78 ») with no-break
/// spaces between its groups, as amounts are: a line never breaks inside it.
fn unbreakable(number: &str) -> String {
    number.split_whitespace().collect::<Vec<_>>().join("\u{a0}")
}

/// What every letter says of its sender and the profile lacks — the legal name, the postal address, the
/// SIREN/SIRET, the town of « <Ville>, le <date> » — as one fact naming each piece and where to give it;
/// None when the sender can be printed. A letter with a blank sender (« EI » alone, « , le 24 novembre
/// 2026 », a cheque « à l'ordre de . ») is not printed: the dossier's sheets ask the same.
pub fn missing_sender(profile: &Profile) -> Option<MissingFact> {
    let address = &profile.address;
    let pieces: Vec<(&str, &str)> = [
        (profile.legal_name.trim().is_empty(), "votre nom légal avec la mention EI", "--legal-name"),
        (
            address.street.trim().is_empty() && address.locality.trim().is_empty(),
            "votre adresse (numéro et voie, ou lieu-dit / boîte postale)",
            "--street",
        ),
        (address.postcode.trim().is_empty(), "votre code postal", "--postcode"),
        (address.town.trim().is_empty(), "la ville de votre adresse", "--town"),
        (profile.siren_siret.trim().is_empty(), "votre SIREN ou SIRET", "--siren-siret"),
        (profile.signature_town.trim().is_empty(), "la ville de la ligne « <Ville>, le <date> »", "--signature-town"),
    ]
    .into_iter()
    .filter(|(lacking, _, _)| *lacking)
    .map(|(_, what, option)| (what, option))
    .collect();
    if pieces.is_empty() {
        return None;
    }
    let what: Vec<&str> = pieces.iter().map(|(what, _)| *what).collect();
    let options: Vec<String> = pieces.iter().map(|(_, option)| format!("{option} …")).collect();
    Some(MissingFact {
        code: "sender".into(),
        subject: String::new(),
        message: format!(
            "Votre profil d'expéditeur est incomplet, il manque : {}. Un courrier n'est pas imprimé avec un \
             expéditeur en blanc : complétez « Mon profil » dans la fenêtre, ou avec `ardoise profile {}`.",
            what.join(", "),
            options.join(" ")
        ),
    })
}

/// The recipient's facts: name, salutation, NF Z10-011 lines.
pub fn recipient(client: &Client) -> Recipient {
    let fields = &client.fields;
    let name = fields.display_name();
    let company = !fields.company_name.trim().is_empty();
    let salutation = match (company, fields.civility.trim()) {
        (false, "Mme" | "Madame") => format!("Madame {},", capitalised(&fields.last_name)),
        (false, "M." | "M" | "Monsieur") => format!("Monsieur {},", capitalised(&fields.last_name)),
        _ => "Madame, Monsieur,".to_string(),
    };
    let short_name = if company { fields.company_name.trim() } else { fields.last_name.trim() };
    let address = with_contact(&fields.address, &fields.contact_person);
    Recipient {
        id: client.id,
        address_lines: if address.is_blank() { vec![name.clone()] } else { address.lines(&name) },
        address_problems: address.problems(&name),
        name,
        short_name: upper_without_accents(short_name),
        kind: fields.kind,
        b2b: fields.kind == ClientKind::Professional,
        segment: fields.segment,
        contact_person: fields.contact_person.clone(),
        salutation,
        email: fields.email.clone(),
    }
}

/// The address with the client's contact person on line 2, NF Z10-011's « person or department », when
/// the address has no line 2 of its own: « À l'attention de Mme Durand », or the name alone when the
/// words would pass the line's 38 characters; left out when even the name would.
fn with_contact(address: &PostalAddress, contact: &str) -> PostalAddress {
    let contact = contact.split_whitespace().collect::<Vec<_>>().join(" ");
    if contact.is_empty() || !address.complement.trim().is_empty() || address.is_blank() {
        return address.clone();
    }
    let attention = format!("À l'attention de {contact}");
    let line = [attention, contact].into_iter().find(|line| line.chars().count() <= MAX_LINE_CHARS);
    PostalAddress { complement: line.unwrap_or_default(), ..address.clone() }
}

/// The client's facts with the mandataire judiciaire as addressee: the name and the free-text address,
/// one line per line typed, checked by the rules that apply to lines.
pub fn to_mandataire(client: &Client) -> Recipient {
    let procedure = &client.fields.procedure;
    let mut recipient = recipient(client);
    if procedure.mandataire_name.trim().is_empty() {
        return recipient;
    }
    let mut lines: Vec<String> = std::iter::once(procedure.mandataire_name.as_str())
        .chain(procedure.mandataire_address.lines())
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect();
    // The postcode-and-town line goes in capitals without accents, as `PostalAddress::lines` writes it.
    if let Some(last) = lines.last_mut().filter(|last| is_postcode_and_town(last)) {
        *last = upper_without_accents(last);
    }
    recipient.address_problems = line_problems(&lines);
    recipient.address_lines = lines;
    recipient.salutation = "Maître,".into();
    recipient
}

/// True when a line starts with a five-digit postcode and a space: a postcode-and-town line.
fn is_postcode_and_town(line: &str) -> bool {
    line.split_once(' ')
        .is_some_and(|(postcode, _)| postcode.len() == 5 && postcode.chars().all(|c| c.is_ascii_digit()))
}

/// NF Z10-011 rules for an address known only as lines: at most 6 lines of 38 characters, the last one
/// "POSTCODE TOWN" in capitals without accents.
pub fn line_problems(lines: &[String]) -> Vec<AddressProblem> {
    let mut problems = Vec::new();
    let mut add =
        |line: Option<usize>, message: String| problems.push(AddressProblem { field: "address", line, message });
    if lines.len() > MAX_LINES {
        add(None, format!("{} lignes : la norme en autorise {MAX_LINES} au plus.", lines.len()));
    }
    for (index, line) in lines.iter().enumerate() {
        let count = line.chars().count();
        if count > MAX_LINE_CHARS {
            add(
                Some(index + 1),
                format!("ligne {} trop longue ({count} caractères, {MAX_LINE_CHARS} au plus) : « {line} ».", index + 1),
            );
        }
    }
    let last = lines.last().map(String::as_str).unwrap_or_default();
    let (postcode, town) = last.split_once(' ').unwrap_or((last, ""));
    if lines.len() < 2 || postcode.len() != 5 || !postcode.chars().all(|c| c.is_ascii_digit()) || town.is_empty() {
        add(Some(lines.len()), format!("la dernière ligne « {last} » doit être « CODE POSTAL VILLE » (5 chiffres)."));
    } else if town != upper_without_accents(town) {
        add(
            Some(lines.len()),
            format!(
                "ville « {town} » : la dernière ligne s'écrit en capitales sans accents (« {} »).",
                upper_without_accents(town)
            ),
        );
    }
    problems
}

/// A surname as a salutation writes it (« Madame de La Rochefoucauld, »). One typed in mixed case is the
/// user's spelling, kept as typed (« de Villepin », « McGregor »); one in capitals gets each word and each
/// part after a hyphen or an apostrophe capitalised (« Martin-Dupont », « N'Diaye », « Le Gall »), the
/// particles « de », « d' », « du », « des » before the name in lower case.
fn capitalised(name: &str) -> String {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.chars().any(char::is_lowercase) {
        return name;
    }
    let words: Vec<&str> = name.split(' ').collect();
    let last = words.len().saturating_sub(1);
    let mut written = String::with_capacity(name.len());
    for (index, word) in words.iter().enumerate() {
        if index > 0 {
            written.push(' ');
        }
        let lower = word.to_lowercase();
        if index < last && matches!(lower.as_str(), "de" | "du" | "des") {
            written.push_str(&lower);
            continue;
        }
        // Each part starts after a hyphen or an apostrophe; « D' » before a name is the particle.
        let mut start = true;
        let mut part = String::new();
        for c in lower.chars() {
            if start {
                part.extend(c.to_uppercase());
            } else {
                part.push(c);
            }
            start = matches!(c, '-' | '\'' | '’');
            if start {
                if matches!(part.as_str(), "D'" | "D’") {
                    part = part.to_lowercase();
                }
                written.push_str(&part);
                part.clear();
            }
        }
        written.push_str(&part);
    }
    written
}

/// The invoices a kind is about when the user did not choose: the last payment's for thanks and
/// rejections, the open ones not yet late for the courteous letters, for a déclaration de créance the open
/// ones issued by the `opening` judgment, the overdue ones otherwise (all open ones when none is late).
/// Credit notes never.
pub fn choose_invoices<'a>(
    kind: LetterKind,
    lines: &'a [InvoiceLine],
    payments: &[Payment],
    chosen: &[i64],
    opening: Option<NaiveDate>,
) -> Vec<&'a InvoiceLine> {
    let invoices = lines.iter().filter(|l| l.row.invoice.amount > Decimal::ZERO);
    if !chosen.is_empty() {
        return invoices.filter(|l| chosen.contains(&l.row.invoice.id)).collect();
    }
    let of_payment = |payment: Option<&Payment>| -> Vec<&'a InvoiceLine> {
        let ids: Vec<i64> = payment.map(|p| p.allocations.iter().map(|a| a.invoice_id).collect()).unwrap_or_default();
        lines.iter().filter(|l| ids.contains(&l.row.invoice.id)).collect()
    };
    let open: Vec<&InvoiceLine> = invoices.clone().filter(|l| l.remaining > Decimal::ZERO).collect();
    let overdue: Vec<&InvoiceLine> = open.iter().copied().filter(|l| l.days_late > 0).collect();
    let found = match kind {
        LetterKind::PaymentThanks => {
            of_payment(payments.iter().filter(|p| p.rejection.is_none()).max_by_key(|p| p.date))
        }
        LetterKind::RejectedPayment => {
            of_payment(payments.iter().filter(|p| p.rejection.is_some()).max_by_key(|p| p.date))
        }
        LetterKind::Welcome | LetterKind::InvoiceSending | LetterKind::PreReminder => {
            open.iter().copied().filter(|l| l.days_late == 0).collect()
        }
        // What was owed before the opening judgment, due or not yet, as the engine proposes it; nothing
        // issued since.
        LetterKind::ClaimDeclaration => {
            return open
                .into_iter()
                .filter(|l| dunning::declared_in_procedure(l.row.invoice.issue_date, opening))
                .collect();
        }
        _ => overdue,
    };
    if found.is_empty() {
        open
    } else {
        found
    }
}

pub fn invoice_facts(line: &InvoiceLine) -> InvoiceFacts {
    let invoice = &line.row.invoice;
    InvoiceFacts {
        id: invoice.id,
        number: invoice.number.clone(),
        issue_date: invoice.issue_date,
        due_date: invoice.due_date,
        object: invoice.object.clone(),
        amount: invoice.amount,
        paid: line.settled,
        remaining: line.remaining,
        days_late: line.days_late,
    }
}

/// The whole breakdown, every late invoice (the court dossier's claim).
pub fn breakdown_facts_all(breakdown: &Breakdown) -> BreakdownFacts {
    breakdown_of(breakdown.invoices.iter().collect(), breakdown.principal)
}

/// What a preview shows where a half-year's rate is not yet in the table: plainly a blank to fill in.
const RATE_TO_ENTER: &str = "[taux à saisir]";

/// The breakdown restricted to the letter's invoices.
pub fn breakdown_facts(breakdown: &Breakdown, invoices: &[InvoiceFacts]) -> BreakdownFacts {
    let concerned: Vec<_> =
        breakdown.invoices.iter().filter(|p| invoices.iter().any(|i| i.id == p.invoice_id)).collect();
    breakdown_of(concerned, invoices.iter().map(|i| i.remaining).sum::<Decimal>())
}

fn breakdown_of(concerned: Vec<&crate::domain::penalties::InvoicePenalty>, principal: Decimal) -> BreakdownFacts {
    let interest: Decimal = concerned.iter().map(|p| p.interest).sum();
    let indemnity: Decimal = concerned.iter().map(|p| p.indemnity).sum();
    BreakdownFacts {
        principal,
        interest,
        indemnity,
        total: principal + interest + indemnity,
        indemnity_count: concerned.iter().filter(|p| p.indemnity > Decimal::ZERO).count() as i64,
        periods: concerned
            .iter()
            .flat_map(|invoice| {
                invoice.periods.iter().map(|period| PeriodFacts {
                    number: invoice.number.clone(),
                    from: period.from,
                    to: period.to,
                    days: period.days,
                    // Only ever seen in the preview: a letter lacking a rate is not printed (`missing_rate`).
                    rate: period.rate.map_or_else(|| RATE_TO_ENTER.to_string(), percent),
                    base: period.base,
                    amount: period.amount,
                })
            })
            .collect(),
    }
}

/// A proposed plan: `PLAN_INSTALLMENTS` monthly installments, equal to the cent, the last one taking the
/// remainder.
pub fn plan(remaining: Decimal, fees: Decimal, date: NaiveDate) -> PlanFacts {
    let total = remaining + fees;
    let count = Decimal::from(PLAN_INSTALLMENTS);
    let each = (total / count).round_dp_with_strategy(2, rust_decimal::RoundingStrategy::ToZero);
    let installments = if total <= Decimal::ZERO {
        Vec::new()
    } else {
        (1..=PLAN_INSTALLMENTS)
            .map(|sequence| InstallmentFacts {
                sequence: i64::from(sequence),
                due_date: date.checked_add_months(Months::new(sequence)).unwrap_or(date),
                amount: if sequence == PLAN_INSTALLMENTS { total - each * (count - Decimal::ONE) } else { each },
            })
            .collect()
    };
    PlanFacts {
        fees,
        fees_on: date,
        total,
        down_payment: None,
        rhythm: crate::domain::plans::Frequency::Monthly.rhythm().into(),
        installments,
    }
}

pub fn last_payment(payments: &[Payment], date: NaiveDate) -> Option<PaymentFacts> {
    payments.iter().filter(|p| p.rejection.is_none() && p.date <= date).max_by_key(|p| (p.date, p.id)).map(|p| {
        PaymentFacts {
            date: p.date,
            amount: p.amount,
            method: p.method.label().into(),
            method_known: p.method.is_known(),
            reference: p.reference.clone(),
        }
    })
}

pub fn last_rejection(payments: &[Payment], date: NaiveDate) -> Option<RejectionFacts> {
    payments
        .iter()
        .filter_map(|p| p.rejection.as_ref().filter(|r| r.date <= date).map(|r| (p, r)))
        .max_by_key(|(p, r)| (r.date, p.id))
        .map(|(p, r)| RejectionFacts {
            payment_date: p.date,
            amount: p.amount,
            method: p.method.label().into(),
            method_known: p.method.is_known(),
            reference: p.reference.clone(),
            date: r.date,
            fees: r.fees,
            reason: r.reason.clone(),
        })
}

pub fn procedure(client: &Client) -> ProcedureFacts {
    let procedure = &client.fields.procedure;
    ProcedureFacts {
        opening_date: procedure.opening_date,
        bodacc_date: procedure.bodacc_date,
        declaration_deadline: procedure.bodacc_date.and_then(|d| d.checked_add_months(Months::new(2))),
        mandataire_name: procedure.mandataire_name.clone(),
        mandataire_address: procedure.mandataire_address.clone(),
        statement: procedure.claim_statement.as_ref().map(|statement| ClaimStatementFacts {
            to_fall_due: statement.to_fall_due.trim().to_string(),
            securities: statement.securities.trim().to_string(),
            confirmed_on: statement.confirmed_on,
        }),
    }
}
