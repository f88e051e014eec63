//! Matching the credits of a bank statement to the open invoices they pay (F11): a pure function of the
//! credit lines, the clients, the open invoices and the open plan installments. It proposes; nothing is
//! recorded until the user confirms (the desk's business).
//!
//! Signals, each with the French reason the user reads:
//! - an invoice number in the label, details or reference, compared in a normal form (case, spaces,
//!   dashes, leading zeros of each digit group; « F2026068 » and « F 2026-68 » are « F2026-068 »), or
//!   without its letter prefix (« 2026-068 »), or by its last digit group alone (« 68 ») only among the
//!   invoices of a client recognised otherwise;
//! - the client recognised by its SIREN/SIRET in the text, an IBAN already seen for it, or its name
//!   (accents, case, legal forms such as SARL or SAS and civilities ignored; a name cut short by the bank,
//!   often at 24 characters, still matches);
//! - the amount: exactly what one open invoice still owes, a set of one client's open invoices summing
//!   to it (a bounded search), a plan installment, or a cheque deposit (« REMISE CHEQUE ») by its amount.
//!
//! How sure: **sure** when two independent signals agree (an invoice number and its exact amount, an
//! invoice number and the payer recognised as its client, a client recognised by SIREN or IBAN and an
//! amount that fits its invoices, a client recognised by name and the exact amount of one of its
//! invoices); **probable** when one signal stands alone (an invoice number with a partial amount and no
//! other sign of the payer, the only open invoice of that amount in the whole ledger, a cheque deposit by
//! amount, a client recognised by name with a partial payment or a set of invoices); **none** otherwise,
//! with the reason (no invoice of that amount, several to choose from). A partial payment is a match: it
//! is allocated and said so. Each allocation lowers what the invoice still owes, so two credits never
//! settle the same euro twice; credits with a signal (a number, a payer) are matched first, those with
//! their amount alone after, so the order of the file changes nothing.
//!
//! Money received cannot pay an invoice not issued yet: an invoice dated after the credit is never
//! proposed for it, whatever the signal (a cheque deposited in March is not the May invoice of its amount).
//! A credit carrying the number (a cheque's, a reference) of a payment already recorded outside any
//! statement, for the same amount, is said to be that payment (`recorded_already`) for the desk to
//! withhold, rather than proposed as new money. A credit citing by its full number an invoice settled
//! before the statement (`SettledInvoice`: paid, covered by credit notes, written off, replaced), and no
//! open one, gets none with how it was settled: never the client's other invoices, the money being most
//! likely the payment that settled it (as an invoice paid earlier in the same statement is « déjà soldée »).
//!
//! A batch naming several payers is never credited to one client: it gets the invoices it cites when
//! together they owe exactly its amount (each paying its own client), and nothing otherwise. So does a
//! credit citing invoices of several clients that together owe exactly its amount.
//!
//! Everything is looked up in indexes built once (by normalised number, by amount, by client, by SIREN,
//! by IBAN, by the rarest word of each client's name): no scan of the invoices per credit.

use crate::domain::calendar::format_short;
use crate::domain::model::PaymentMethod;
use crate::domain::money::{format_eur, to_cents};
use crate::domain::text::{CIVILITIES, LEGAL_FORMS};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// A booked credit of the statement, as the matcher needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditLine {
    /// Where the line is in the statement: returned with its match.
    pub position: usize,
    pub date: NaiveDate,
    /// What the payer paid, positive: the amount booked plus `bank_charges`.
    pub amount: Decimal,
    /// What the bank kept of it as charges before booking it (zero mostly): said among the reasons, the
    /// invoice being settled by what the payer paid.
    pub bank_charges: Decimal,
    /// Charges the bank states for this credit that the file ties to no gross amount (CAMT `Chrgs`
    /// without an instructed amount they explain); zero mostly. A partial payment short of exactly these
    /// is never « sûr »: the payer may well have paid in full.
    pub unexplained_charges: Decimal,
    pub label: String,
    pub details: String,
    pub reference: Option<String>,
    pub counterparty_name: Option<String>,
    /// Compact, upper case.
    pub counterparty_iban: Option<String>,
    /// The payers of a batch that names several (then `counterparty_name` and `counterparty_iban` are
    /// empty); empty otherwise. Such a credit is never credited to one client.
    pub payers: Vec<String>,
}

/// What identifies a client in a bank line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientIdentity {
    pub id: i64,
    pub name: String,
    /// Digits only, 9 or 14.
    pub siren_siret: Option<String>,
    /// IBANs already seen paying for this client (compact, upper case).
    pub ibans: Vec<String>,
}

/// An invoice that still owes something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenInvoice {
    pub id: i64,
    pub number: String,
    pub client_id: i64,
    /// What it still owes, positive.
    pub due: Decimal,
    pub due_date: NaiveDate,
    pub issue_date: NaiveDate,
}

/// An invoice owed no more before the statement is read (paid, covered by credit notes, written off,
/// replaced by a corrected invoice): a credit citing its number is not put on the client's other
/// invoices, the money may well be the same as the payment that settled it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettledInvoice {
    pub number: String,
    pub client_id: i64,
    pub how: Settled,
}

/// How an invoice came to owe nothing, as the reason says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    /// Paid by payments, the last one on `on`; `by_hand` when that one came from no statement nor import.
    Paid {
        on: NaiveDate,
        by_hand: bool,
    },
    /// What it owes is covered by credit notes or money left unallocated.
    Credited,
    WrittenOff,
    /// A corrected invoice replaces it.
    Replaced,
}

impl Settled {
    /// « réglée le 12/03/2026 », « passée en perte »…
    fn said(self) -> String {
        match self {
            Settled::Paid { on, by_hand: false } => format!("réglée le {}", format_short(on)),
            Settled::Paid { on, by_hand: true } => format!(
                "réglée le {} par un paiement saisi à la main : c'est peut-être le même argent",
                format_short(on)
            ),
            Settled::Credited => "couverte par un avoir ou un crédit du client".to_string(),
            Settled::WrittenOff => "passée en perte".to_string(),
            Settled::Replaced => "remplacée par une facture rectificative".to_string(),
        }
    }
}

/// An installment of a signed payment plan not yet paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenInstallment {
    pub plan_id: i64,
    pub sequence: u32,
    pub client_id: i64,
    pub due_date: NaiveDate,
    /// What it still owes, positive.
    pub amount: Decimal,
    /// The plan's invoices; an installment paid is allocated to them, oldest due date first.
    pub invoice_ids: Vec<i64>,
}

/// How sure a match is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    None,
    Probable,
    Sure,
}

impl Confidence {
    /// « sûr », « probable », « aucun ».
    pub fn label(self) -> &'static str {
        match self {
            Confidence::Sure => "sûr",
            Confidence::Probable => "probable",
            Confidence::None => "aucun",
        }
    }
}

/// The part of a credit that settles one invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvoiceAllocation {
    pub invoice_id: i64,
    pub number: String,
    pub amount: Decimal,
}

/// The installment a credit pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct InstallmentPaid {
    pub plan_id: i64,
    pub sequence: u32,
}

/// What the matcher proposes for one credit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreditMatch {
    pub position: usize,
    pub confidence: Confidence,
    pub client_id: Option<i64>,
    pub allocations: Vec<InvoiceAllocation>,
    pub installment: Option<InstallmentPaid>,
    /// The part of the credit left unallocated (an overpayment, or everything when nothing matched).
    pub unallocated: Decimal,
    /// French, e.g. « n° de facture F2026-068 dans le libellé ».
    pub reasons: Vec<String>,
}

/// Matches every credit to the open invoices and installments, returned in the order given. Credits with
/// a signal (an invoice number, a payer recognised, several payers named) are matched first, in order,
/// then those with their amount alone against what is left: an anonymous cheque read before a named
/// transfer of the same amount never takes the transfer's invoice, whatever the order of the file.
pub fn match_credits(
    credits: &[CreditLine],
    clients: &[ClientIdentity],
    invoices: &[OpenInvoice],
    installments: &[OpenInstallment],
) -> Vec<CreditMatch> {
    match_credits_knowing_settled(credits, clients, invoices, installments, &[])
}

/// [`match_credits`], knowing the invoices settled before the statement: a credit citing one of them by
/// its full number (and no open invoice) gets no match, with how it was settled, never the client's
/// other invoices (the same money would be recorded twice).
pub fn match_credits_knowing_settled(
    credits: &[CreditLine],
    clients: &[ClientIdentity],
    invoices: &[OpenInvoice],
    installments: &[OpenInstallment],
    settled: &[SettledInvoice],
) -> Vec<CreditMatch> {
    let mut matcher = Matcher::new(clients, invoices, installments, settled);
    let signals: Vec<Signals> = credits.iter().map(|credit| matcher.signals(credit)).collect();
    let mut matches: Vec<Option<CreditMatch>> = vec![None; credits.len()];
    for with_signal in [true, false] {
        for (index, (credit, found)) in credits.iter().zip(&signals).enumerate() {
            if found.any(credit) == with_signal {
                matches[index] = Some(matcher.match_one(credit, found));
            }
        }
    }
    matches.into_iter().flatten().collect()
}

/// How a credit was most likely paid, from the bank's words: a cheque deposit (« REMISE CHEQUE »), cash
/// (« VERSEMENT ESPECES »), a card settlement (« REMISE CB », « ENCAISSEMENT CARTE »), a direct debit
/// (« PRLV »), a transfer (« VIR »); unspecified when the words name none (« DEPOT », « REMISE »), rather
/// than a transfer the receipts book would then state.
pub fn guess_method(label: &str, details: &str) -> PaymentMethod {
    let text = format!("{label} {details}");
    if is_cheque_deposit(&text) {
        return PaymentMethod::Cheque;
    }
    let words: Vec<String> = crate::domain::text::fold(&text).split(' ').map(str::to_string).collect();
    let has = |wanted: &[&str]| words.iter().any(|word| wanted.contains(&word.as_str()));
    // « direct debit », « direct_debit » (Qonto's method column), « SEPA Direct Debit ».
    let direct_debit = words.windows(2).any(|pair| pair[0] == "direct" && pair[1] == "debit");
    if has(&["vir", "virement", "virements", "virt", "vrt", "transfer"]) {
        PaymentMethod::Transfer
    } else if direct_debit || has(&["prlv", "prelevement", "prelev", "directdebit", "sdd"]) {
        PaymentMethod::DirectDebit
    } else if has(&["cheque", "cheques", "chq", "chqs"]) {
        PaymentMethod::Cheque
    } else if has(&["especes", "espece", "cash"]) {
        PaymentMethod::Cash
    } else if has(&["cb", "carte", "tpe", "card"]) {
        PaymentMethod::Card
    } else {
        PaymentMethod::Unspecified
    }
}

/// The indexes, built once, and what each invoice still owes as credits are matched.
struct Matcher<'a> {
    clients: &'a [ClientIdentity],
    invoices: &'a [OpenInvoice],
    installments: &'a [OpenInstallment],
    remaining: Vec<Decimal>,
    installment_paid: Vec<bool>,
    client_index: HashMap<i64, usize>,
    /// By the hash of each key of `number_keys` (checked again on a hit).
    by_number: SortedIndex<u64>,
    by_amount: SortedIndex<i64>,
    /// By client, each client's invoices oldest due date first.
    by_client: SortedIndex<i64>,
    installments_by_client: HashMap<i64, Vec<usize>>,
    installments_by_amount: HashMap<i64, Vec<usize>>,
    by_siren: HashMap<String, Vec<usize>>,
    by_iban: HashMap<String, Vec<usize>>,
    /// Client indexes by the rarest word of their name.
    by_name_word: HashMap<String, Vec<usize>>,
    /// Client indexes by the first word of their name and the first three letters of the second, for
    /// names cut short.
    by_first_words: HashMap<String, Vec<usize>>,
    client_words: Vec<Vec<String>>,
    invoice_index: HashMap<i64, usize>,
    settled: &'a [SettledInvoice],
    /// Settled invoices by the hash of their full and compact number keys.
    settled_by_number: SortedIndex<u64>,
}

/// Invoice indexes sorted by a key, looked up by binary search: one allocation for a whole index instead
/// of a map entry and a list per key (the maps of 100,000 invoices were most of the matcher's time).
#[derive(Debug)]
struct SortedIndex<K> {
    entries: Vec<(K, usize)>,
}

impl<K: Ord + Copy> SortedIndex<K> {
    /// A stable sort: entries of one key keep the order they were given in.
    fn new(mut entries: Vec<(K, usize)>) -> Self {
        entries.sort_by_key(|(key, _)| *key);
        SortedIndex { entries }
    }

    fn get(&self, key: &K) -> Option<&[(K, usize)]> {
        let start = self.entries.partition_point(|(entry, _)| entry < key);
        let end = start + self.entries[start..].partition_point(|(entry, _)| entry == key);
        (end > start).then(|| &self.entries[start..end])
    }
}

/// A 64-bit hash of an invoice-number key, the same within a run (fixed SipHash keys).
fn key_hash(key: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    key.hash(&mut hasher);
    hasher.finish()
}

/// A payment already in the ledger that came from no bank statement (recorded by hand, or by an
/// import), as `recorded_already` compares it with the credits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedPayment {
    pub id: i64,
    pub client_id: i64,
    pub date: NaiveDate,
    pub amount: Decimal,
    /// As the user typed it (« CHQ 0098765 »).
    pub reference: String,
}

/// For each credit, the payment in `recorded` it most likely is already: the same amount, and a number
/// of at least five digits (a cheque's, a transfer's reference; leading zeros aside) both in the
/// payment's reference and in the credit's words. Each payment is given to one credit at most, the first.
pub fn recorded_already(credits: &[CreditLine], recorded: &[RecordedPayment]) -> Vec<Option<usize>> {
    let numbers_of = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_ascii_digit())
            .filter(|run| run.len() >= 5)
            .map(|run| run.trim_start_matches('0').to_string())
            .filter(|number| !number.is_empty())
            .collect()
    };
    // By amount, in the order given: a statement is not compared with every payment of the ledger.
    let mut by_amount: HashMap<i64, Vec<(usize, Vec<String>)>> = HashMap::new();
    for (index, payment) in recorded.iter().enumerate() {
        let numbers = numbers_of(&payment.reference);
        if !numbers.is_empty() {
            by_amount.entry(to_cents(payment.amount)).or_default().push((index, numbers));
        }
    }
    let mut taken = vec![false; recorded.len()];
    credits
        .iter()
        .map(|credit| {
            let candidates = by_amount.get(&to_cents(credit.amount))?;
            let text =
                format!("{} {} {}", credit.label, credit.details, credit.reference.as_deref().unwrap_or_default());
            let numbers = numbers_of(&text);
            let &(found, _) = candidates.iter().find(|(index, references)| {
                !taken[*index] && references.iter().any(|number| numbers.contains(number))
            })?;
            taken[found] = true;
            Some(found)
        })
        .collect()
}

/// How a client was recognised.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Recognised {
    Siren(String),
    Iban(String),
    Name(String),
}

impl Recognised {
    /// SIREN and IBAN are identities; a name may be shared or misread.
    fn strong(&self) -> bool {
        !matches!(self, Recognised::Name(_))
    }

    fn reason(&self) -> String {
        match self {
            Recognised::Siren(siren) => format!("client reconnu par son SIREN {siren} dans le libellé"),
            Recognised::Iban(iban) => format!("client reconnu par son IBAN {} déjà vu", short_iban(iban)),
            Recognised::Name(name) => format!("client reconnu par son nom ({name})"),
        }
    }
}

/// What a credit's text says, independent of what the invoices still owe: read once per credit.
struct Signals {
    text: String,
    /// Invoice numbers found in their full or compact form.
    strong: Vec<usize>,
    /// Invoice numbers without their prefix, or short: they need another signal.
    weak: Vec<usize>,
    /// Settled invoices (indexes in `settled`) cited by their full or compact number.
    settled: Vec<usize>,
    recognised: Option<(usize, Recognised)>,
}

impl Signals {
    /// Whether anything but the amount points to invoices.
    fn any(&self, credit: &CreditLine) -> bool {
        !self.strong.is_empty()
            || !self.weak.is_empty()
            || !self.settled.is_empty()
            || self.recognised.is_some()
            || credit.payers.len() > 1
    }
}

/// A proposal being built.
struct Proposal {
    confidence: Confidence,
    client: Option<usize>,
    allocations: Vec<(usize, Decimal)>,
    installment: Option<usize>,
    reasons: Vec<String>,
}

impl Proposal {
    fn none(reasons: Vec<String>) -> Proposal {
        Proposal { confidence: Confidence::None, client: None, allocations: Vec::new(), installment: None, reasons }
    }
}

/// How many of a client's invoices the set search considers, and how many steps it may take.
const SUBSET_INVOICES: usize = 20;
const SUBSET_STEPS: usize = 20_000;

impl<'a> Matcher<'a> {
    fn new(
        clients: &'a [ClientIdentity],
        invoices: &'a [OpenInvoice],
        installments: &'a [OpenInstallment],
        settled: &'a [SettledInvoice],
    ) -> Self {
        let mut order: Vec<usize> = (0..invoices.len()).collect();
        order.sort_by_key(|&index| (invoices[index].due_date, invoices[index].issue_date, index));
        let mut numbers = Vec::with_capacity(invoices.len() * 3);
        for (index, invoice) in invoices.iter().enumerate() {
            numbers.extend(number_keys(&invoice.number).iter().map(|key| (key_hash(key), index)));
        }
        let by_number = SortedIndex::new(numbers);
        // Only the strong keys of settled invoices: a number without its prefix is no sure citation.
        let mut settled_numbers = Vec::with_capacity(settled.len() * 2);
        for (index, invoice) in settled.iter().enumerate() {
            if strong_number(&invoice.number) {
                settled_numbers.extend(
                    number_keys(&invoice.number)
                        .iter()
                        .filter(|key| !key.starts_with("b:"))
                        .map(|key| (key_hash(key), index)),
                );
            }
        }
        let settled_by_number = SortedIndex::new(settled_numbers);
        let by_amount = SortedIndex::new(order.iter().map(|&index| (to_cents(invoices[index].due), index)).collect());
        let by_client = SortedIndex::new(order.iter().map(|&index| (invoices[index].client_id, index)).collect());
        let mut installments_by_client: HashMap<i64, Vec<usize>> = HashMap::new();
        let mut installments_by_amount: HashMap<i64, Vec<usize>> = HashMap::new();
        for (index, installment) in installments.iter().enumerate() {
            installments_by_client.entry(installment.client_id).or_default().push(index);
            installments_by_amount.entry(to_cents(installment.amount)).or_default().push(index);
        }
        for list in installments_by_client.values_mut() {
            list.sort_by_key(|&index| (installments[index].due_date, index));
        }
        let mut by_siren: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_iban: HashMap<String, Vec<usize>> = HashMap::new();
        let client_words: Vec<Vec<String>> = clients.iter().map(|client| name_words(&client.name)).collect();
        let mut frequency: HashMap<&str, usize> = HashMap::new();
        for words in &client_words {
            for word in words.iter().collect::<HashSet<_>>() {
                *frequency.entry(word.as_str()).or_default() += 1;
            }
        }
        let mut by_name_word: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_first_words: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, client) in clients.iter().enumerate() {
            if let [first, second, ..] = client_words[index].as_slice() {
                if let Some(key) = first_words_key(first, second) {
                    by_first_words.entry(key).or_default().push(index);
                }
            }
            if let Some(siren) = client.siren_siret.as_deref().and_then(siren_of) {
                by_siren.entry(siren).or_default().push(index);
            }
            for iban in &client.ibans {
                by_iban.entry(compact(iban)).or_default().push(index);
            }
            let words = &client_words[index];
            if words.iter().map(String::len).sum::<usize>() >= 4 {
                let rarest = words.iter().min_by_key(|word| (frequency[word.as_str()], std::cmp::Reverse(word.len())));
                if let Some(rarest) = rarest {
                    by_name_word.entry(rarest.clone()).or_default().push(index);
                }
            }
        }
        Matcher {
            clients,
            invoices,
            installments,
            remaining: invoices.iter().map(|invoice| invoice.due).collect(),
            installment_paid: vec![false; installments.len()],
            client_index: clients.iter().enumerate().map(|(index, client)| (client.id, index)).collect(),
            by_number,
            by_amount,
            by_client,
            installments_by_client,
            installments_by_amount,
            by_siren,
            by_iban,
            by_name_word,
            by_first_words,
            client_words,
            invoice_index: {
                // Only the invoices of plans are looked up by id.
                let wanted: HashSet<i64> = installments.iter().flat_map(|i| i.invoice_ids.iter().copied()).collect();
                invoices
                    .iter()
                    .enumerate()
                    .filter(|(_, invoice)| wanted.contains(&invoice.id))
                    .map(|(index, invoice)| (invoice.id, index))
                    .collect()
            },
            settled,
            settled_by_number,
        }
    }

    /// Whether the invoice at `index` can receive part of `credit`: it still owes something and was issued
    /// on or before the credit's day (money cannot pay an invoice not issued yet).
    fn open_for(&self, index: usize, credit: &CreditLine) -> bool {
        self.remaining[index] > Decimal::ZERO && self.invoices[index].issue_date <= credit.date
    }

    /// Says that the invoice at `index` is dated after `credit`.
    fn issued_after(&self, index: usize, credit: &CreditLine) -> String {
        format!(
            "elle est datée du {}, après ce crédit du {} : un paiement ne règle pas une facture pas encore émise",
            format_short(self.invoices[index].issue_date),
            format_short(credit.date)
        )
    }

    fn match_one(&mut self, credit: &CreditLine, signals: &Signals) -> CreditMatch {
        let mut proposal = if credit.amount <= Decimal::ZERO {
            Proposal::none(vec!["ce n'est pas un crédit".to_string()])
        } else {
            self.propose(credit, signals)
        };
        // Whatever rule rated it, a partial payment short of exactly the charges the bank states is no
        // sure partial payment: the payer may have paid in full, the bank keeping its fee on the way.
        let shortfall: Decimal =
            proposal.allocations.iter().map(|(index, amount)| self.remaining[*index] - *amount).sum();
        if proposal.confidence == Confidence::Sure
            && proposal.installment.is_none()
            && credit.unexplained_charges > Decimal::ZERO
            && shortfall == credit.unexplained_charges
        {
            proposal.confidence = Confidence::Probable;
            proposal.reasons.push(format!(
                "la banque indique {} de frais, l'écart exact avec la facture : le client a peut-être tout payé, \
                 vérifiez avant d'enregistrer un paiement partiel",
                format_eur(credit.unexplained_charges)
            ));
        }
        let mut allocated = Decimal::ZERO;
        let mut allocations = Vec::new();
        for (index, amount) in &proposal.allocations {
            self.remaining[*index] -= *amount;
            allocated += *amount;
            let invoice = &self.invoices[*index];
            allocations.push(InvoiceAllocation {
                invoice_id: invoice.id,
                number: invoice.number.clone(),
                amount: *amount,
            });
        }
        if let Some(index) = proposal.installment {
            self.installment_paid[index] = true;
        }
        let mut reasons = proposal.reasons;
        if credit.bank_charges > Decimal::ZERO {
            reasons.push(format!(
                "la banque a retenu {} de frais : {} payés, {} crédités sur le compte",
                format_eur(credit.bank_charges),
                format_eur(credit.amount),
                format_eur(credit.amount - credit.bank_charges)
            ));
        }
        CreditMatch {
            position: credit.position,
            confidence: proposal.confidence,
            client_id: proposal.client.map(|index| self.clients[index].id),
            allocations,
            installment: proposal.installment.map(|index| InstallmentPaid {
                plan_id: self.installments[index].plan_id,
                sequence: self.installments[index].sequence,
            }),
            unallocated: credit.amount.max(Decimal::ZERO) - allocated,
            reasons,
        }
    }

    fn signals(&self, credit: &CreditLine) -> Signals {
        let text = format!(
            "{} {} {} {}",
            credit.label,
            credit.details,
            credit.reference.as_deref().unwrap_or_default(),
            credit.counterparty_name.as_deref().unwrap_or_default()
        );
        // A batch of several payers names them all: recognising one of them would credit him the whole.
        let recognised = if credit.payers.len() > 1 { None } else { self.recognise_client(credit, &text) };
        let (strong, weak, settled) = self.numbers_in(&text);
        Signals { text, strong, weak, settled, recognised }
    }

    fn propose(&self, credit: &CreditLine, signals: &Signals) -> Proposal {
        let Signals { text, strong, weak, settled, recognised } = signals;
        if credit.payers.len() > 1 {
            return self.by_several_payers(credit, strong);
        }
        if let Some(mut proposal) = self.by_reference(credit, strong, recognised.as_ref()) {
            // An invoice settled before, cited beside open ones, is said so: it takes nothing.
            let client_id = proposal.client.map(|client| self.clients[client].id);
            for invoice in settled.iter().map(|&index| &self.settled[index]) {
                if proposal.client.is_none() || Some(invoice.client_id) == client_id {
                    proposal.reasons.push(settled_reason(invoice));
                }
            }
            return proposal;
        }
        if let Some(proposal) = self.by_settled_reference(settled, recognised.as_ref()) {
            return proposal;
        }
        if let Some(proposal) = self.by_weak_reference(credit, weak, recognised.as_ref(), text) {
            return proposal;
        }
        if let Some((client, how)) = recognised {
            return self.by_client(credit, *client, how);
        }
        self.by_amount_alone(credit, text)
    }

    /// A batch naming several payers: the invoices it cites when together they owe exactly its amount,
    /// each paying its own client; otherwise nothing, for the user to share it out.
    fn by_several_payers(&self, credit: &CreditLine, found: &[usize]) -> Proposal {
        let payers = format!("plusieurs payeurs dans cette remise : {}", credit.payers.join(", "));
        if let Some(proposal) = self.all_cited(credit, found, vec![payers.clone()]) {
            return proposal;
        }
        let open: Vec<&str> = found
            .iter()
            .filter(|&&index| self.open_for(index, credit))
            .map(|&index| self.invoices[index].number.as_str())
            .collect();
        let why = if open.is_empty() {
            "aucun n° de facture ouverte cité".to_string()
        } else {
            let due: Decimal =
                found.iter().filter(|&&index| self.open_for(index, credit)).map(|&index| self.remaining[index]).sum();
            let cited = match open.as_slice() {
                [number] => format!("la facture citée {number} doit"),
                _ => format!("les factures citées ({}) doivent ensemble", open.join(", ")),
            };
            format!("{cited} {}, pas {}", format_eur(due), format_eur(credit.amount))
        };
        Proposal::none(vec![format!("{payers} ; {why} : répartissez-la entre leurs factures")])
    }

    /// Every open invoice cited, when together they owe exactly the credit (a batch of several payers, a
    /// payment citing invoices of several clients): proposed with no single client, each invoice paying
    /// its own.
    fn all_cited(&self, credit: &CreditLine, found: &[usize], mut reasons: Vec<String>) -> Option<Proposal> {
        let mut open: Vec<usize> = found.iter().copied().filter(|&index| self.open_for(index, credit)).collect();
        let due: Decimal = open.iter().map(|&index| self.remaining[index]).sum();
        if open.is_empty() || due != credit.amount {
            return None;
        }
        open.sort_by_key(|&index| (self.invoices[index].due_date, index));
        reasons
            .extend(open.iter().map(|&index| format!("n° de facture {} dans le libellé", self.invoices[index].number)));
        let mut clients: Vec<i64> = open.iter().map(|&index| self.invoices[index].client_id).collect();
        clients.sort_unstable();
        clients.dedup();
        reasons.push(match (open.len(), clients.len()) {
            (1, _) => "montant exact de la facture".to_string(),
            (invoices, 1) => format!("montant exact des {invoices} factures"),
            (invoices, clients) => format!("montant exact des {invoices} factures de {clients} clients"),
        });
        Some(Proposal {
            confidence: Confidence::Sure,
            client: None,
            allocations: allocate(&open, &self.remaining, credit.amount),
            installment: None,
            reasons,
        })
    }

    /// Invoice numbers in the text: found by their full or compact form (strong), or without their letter
    /// prefix or as a short number (weak: they need another signal).
    /// Settled invoices cited by their full or compact number come third.
    fn numbers_in(&self, text: &str) -> (Vec<usize>, Vec<usize>, Vec<usize>) {
        let mut strong = Vec::new();
        let mut weak = Vec::new();
        let mut settled = Vec::new();
        for key in text_keys(text) {
            let hash = key_hash(&key);
            if !key.starts_with("b:") {
                for &(_, index) in self.settled_by_number.get(&hash).unwrap_or_default() {
                    if !settled.contains(&index) && number_keys(&self.settled[index].number).contains(&key) {
                        settled.push(index);
                    }
                }
            }
            let Some(found) = self.by_number.get(&hash) else { continue };
            for &(_, index) in found {
                if !number_keys(&self.invoices[index].number).contains(&key) {
                    continue;
                }
                let is_strong = !key.starts_with("b:") && strong_number(&self.invoices[index].number);
                let list = if is_strong { &mut strong } else { &mut weak };
                if !list.contains(&index) {
                    list.push(index);
                }
            }
        }
        weak.retain(|index| !strong.contains(index));
        (strong, weak, settled)
    }

    /// A credit citing only invoices settled before the statement: no match, with how each was settled,
    /// for the user to allocate by hand if it is other money. Never the client's other invoices: the
    /// money is most likely the payment that settled it, or one more for an invoice owed no more.
    fn by_settled_reference(&self, found: &[usize], recognised: Option<&(usize, Recognised)>) -> Option<Proposal> {
        let first = self.settled.get(*found.first()?)?;
        // Numbers of several clients: those of the payer when it is recognised, else the first's.
        let client_id = recognised
            .map(|(client, _)| self.clients[*client].id)
            .filter(|id| found.iter().any(|&index| self.settled[index].client_id == *id))
            .unwrap_or(first.client_id);
        let reasons = found
            .iter()
            .map(|&index| &self.settled[index])
            .filter(|invoice| invoice.client_id == client_id)
            .map(settled_reason)
            .chain(std::iter::once(
                "rien n'est proposé sur ses autres factures : affectez-le à la main si c'est un autre paiement"
                    .to_string(),
            ))
            .collect();
        Some(Proposal { client: self.client_index.get(&client_id).copied(), ..Proposal::none(reasons) })
    }

    fn by_reference(
        &self,
        credit: &CreditLine,
        found: &[usize],
        recognised: Option<&(usize, Recognised)>,
    ) -> Option<Proposal> {
        if found.is_empty() {
            return None;
        }
        // Numbers of several clients that together owe exactly the credit: all of them.
        let first_client = self.invoices[found[0]].client_id;
        if found.iter().any(|&index| self.invoices[index].client_id != first_client) {
            if let Some(proposal) = self.all_cited(credit, found, Vec::new()) {
                return Some(proposal);
            }
        }
        // Numbers of several clients: keep those of the payer when it is recognised, else the first's.
        let client_id = recognised
            .map(|(client, _)| self.clients[*client].id)
            .filter(|id| found.iter().any(|&index| self.invoices[index].client_id == *id))
            .unwrap_or(self.invoices[found[0]].client_id);
        let mut reasons: Vec<String> = Vec::new();
        let mut open = Vec::new();
        for &index in found.iter().filter(|&&index| self.invoices[index].client_id == client_id) {
            let number = &self.invoices[index].number;
            if self.open_for(index, credit) {
                reasons.push(format!("n° de facture {number} dans le libellé"));
                open.push(index);
            } else if self.remaining[index] > Decimal::ZERO {
                reasons
                    .push(format!("n° de facture {number} dans le libellé, mais {}", self.issued_after(index, credit)));
            } else {
                reasons.push(format!("n° de facture {number} dans le libellé, mais elle est déjà soldée"));
            }
        }
        if open.is_empty() {
            return Some(Proposal { client: self.client_index.get(&client_id).copied(), ..Proposal::none(reasons) });
        }
        open.sort_by_key(|&index| (self.invoices[index].due_date, index));
        let corroborated = recognised.filter(|(client, _)| self.clients[*client].id == client_id);
        if let Some((_, how)) = corroborated {
            reasons.push(how.reason());
        }
        let due: Decimal = open.iter().map(|&index| self.remaining[index]).sum();
        let allocations = allocate(&open, &self.remaining, credit.amount);
        let confidence = if credit.amount == due {
            reasons.push(if open.len() == 1 {
                "montant exact de la facture".to_string()
            } else {
                format!("montant exact des {} factures", open.len())
            });
            Confidence::Sure
        } else if credit.amount < due {
            reasons.push(format!("paiement partiel : {} sur {}", format_eur(credit.amount), format_eur(due)));
            if corroborated.is_some() {
                Confidence::Sure
            } else {
                Confidence::Probable
            }
        } else {
            reasons.push(format!("trop-perçu de {} laissé en crédit du client", format_eur(credit.amount - due)));
            Confidence::Probable
        };
        Some(Proposal {
            confidence,
            client: self.client_index.get(&client_id).copied(),
            allocations,
            installment: None,
            reasons,
        })
    }

    /// A number without its prefix, or a short one, counts when the amount or the payer agrees.
    fn by_weak_reference(
        &self,
        credit: &CreditLine,
        found: &[usize],
        recognised: Option<&(usize, Recognised)>,
        text: &str,
    ) -> Option<Proposal> {
        let mut candidates: Vec<usize> = found.iter().copied().filter(|&index| self.open_for(index, credit)).collect();
        // The last digit group alone (« 68 » for F2026-068), among the recognised client's invoices.
        if let Some((client, _)) = recognised {
            let numbers = short_numbers(text);
            let list = if numbers.is_empty() { None } else { self.by_client.get(&self.clients[*client].id) };
            if let Some(list) = list {
                for &(_, index) in list {
                    if self.open_for(index, credit)
                        && last_digit_group(&self.invoices[index].number)
                            .is_some_and(|tail| numbers.iter().any(|number| number == tail))
                        && !candidates.contains(&index)
                    {
                        candidates.push(index);
                    }
                }
            }
        }
        let recognised_id = recognised.map(|(client, _)| self.clients[*client].id);
        let exact: Vec<usize> =
            candidates.iter().copied().filter(|&index| self.remaining[index] == credit.amount).collect();
        let of_client: Vec<usize> =
            candidates.iter().copied().filter(|&index| Some(self.invoices[index].client_id) == recognised_id).collect();
        // With its exact amount, an abridged number is two signals; with the payer alone, one.
        let (index, confidence, mut reasons) = match (exact.as_slice(), of_client.as_slice()) {
            ([index], _) => (*index, Confidence::Sure, Vec::new()),
            (_, [index]) => (*index, Confidence::Probable, Vec::new()),
            _ => return None,
        };
        let invoice = &self.invoices[index];
        reasons.push(format!("n° de facture {} reconnu sous une forme abrégée dans le libellé", invoice.number));
        if let Some((_, how)) = recognised.filter(|(client, _)| self.clients[*client].id == invoice.client_id) {
            reasons.push(how.reason());
        }
        let due = self.remaining[index];
        if credit.amount == due {
            reasons.push("montant exact de la facture".to_string());
        } else if credit.amount < due {
            reasons.push(format!("paiement partiel : {} sur {}", format_eur(credit.amount), format_eur(due)));
        } else {
            reasons.push(format!("trop-perçu de {} laissé en crédit du client", format_eur(credit.amount - due)));
        }
        Some(Proposal {
            confidence: if credit.amount > due { Confidence::Probable } else { confidence },
            client: self.client_index.get(&invoice.client_id).copied(),
            allocations: allocate(&[index], &self.remaining, credit.amount),
            installment: None,
            reasons,
        })
    }

    /// The payer is recognised: an installment, one invoice, a set of invoices, or a partial payment.
    fn by_client(&self, credit: &CreditLine, client: usize, how: &Recognised) -> Proposal {
        let client_id = self.clients[client].id;
        let mut reasons = vec![how.reason()];
        let sure_if = |strong: bool| if strong { Confidence::Sure } else { Confidence::Probable };
        let open: Vec<usize> = self
            .by_client
            .get(&client_id)
            .map(|list| list.iter().map(|&(_, index)| index).filter(|&index| self.open_for(index, credit)).collect())
            .unwrap_or_default();
        let proposal = |confidence, allocations, installment, reasons| Proposal {
            confidence,
            client: Some(client),
            allocations,
            installment,
            reasons,
        };
        // An installment of its plan, by its exact amount.
        if let Some(list) = self.installments_by_client.get(&client_id) {
            if let Some(&index) = list
                .iter()
                .find(|&&index| !self.installment_paid[index] && self.installments[index].amount == credit.amount)
            {
                let installment = &self.installments[index];
                reasons.push(format!(
                    "montant exact de l'échéance n° {} de son échéancier ({}, due le {})",
                    installment.sequence,
                    format_eur(installment.amount),
                    installment.due_date.format("%d/%m/%Y")
                ));
                let mut plan: Vec<usize> = installment
                    .invoice_ids
                    .iter()
                    .filter_map(|id| self.invoice_index.get(id).copied())
                    .filter(|&index| self.remaining[index] > Decimal::ZERO)
                    .collect();
                plan.sort_by_key(|&index| (self.invoices[index].due_date, index));
                let allocations = allocate(&plan, &self.remaining, credit.amount);
                return proposal(sure_if(how.strong()), allocations, Some(index), reasons);
            }
        }
        if open.is_empty() {
            reasons.push("aucune facture ouverte pour ce client".to_string());
            return Proposal { client: Some(client), ..Proposal::none(reasons) };
        }
        let exact: Vec<usize> = open.iter().copied().filter(|&index| self.remaining[index] == credit.amount).collect();
        if let [index] = exact.as_slice() {
            reasons.push(if open.len() == 1 {
                "montant exact de la seule facture ouverte de ce client".to_string()
            } else {
                format!(
                    "montant exact de la facture {}, la seule de ce montant chez ce client",
                    self.invoices[*index].number
                )
            });
            return proposal(Confidence::Sure, allocate(&[*index], &self.remaining, credit.amount), None, reasons);
        }
        if let [first, ..] = exact.as_slice() {
            reasons.push(format!(
                "{} factures de ce montant chez ce client : la plus ancienne ({}) est proposée",
                exact.len(),
                self.invoices[*first].number
            ));
            return proposal(Confidence::Probable, allocate(&[*first], &self.remaining, credit.amount), None, reasons);
        }
        if let Some(set) = self.subset_summing_to(&open, credit.amount) {
            let numbers: Vec<&str> = set.iter().map(|&index| self.invoices[index].number.as_str()).collect();
            reasons.push(format!(
                "somme exacte de {} factures ouvertes de ce client ({})",
                set.len(),
                numbers.join(", ")
            ));
            return proposal(sure_if(how.strong()), allocate(&set, &self.remaining, credit.amount), None, reasons);
        }
        let total: Decimal = open.iter().map(|&index| self.remaining[index]).sum();
        if credit.amount < total {
            reasons.push(format!(
                "paiement partiel de {} sur {} dus : affecté aux factures les plus anciennes",
                format_eur(credit.amount),
                format_eur(total)
            ));
        } else {
            reasons.push(format!(
                "règle toutes ses factures ouvertes ; trop-perçu de {} laissé en crédit du client",
                format_eur(credit.amount - total)
            ));
        }
        proposal(Confidence::Probable, allocate(&open, &self.remaining, credit.amount), None, reasons)
    }

    /// No payer recognised: a cheque deposit or a transfer by its amount alone, when one open invoice (or
    /// one installment) is of exactly that amount in the whole ledger.
    fn by_amount_alone(&self, credit: &CreditLine, text: &str) -> Proposal {
        let cents = to_cents(credit.amount);
        let exact: Vec<usize> = self
            .by_amount
            .get(&cents)
            .map(|list| {
                list.iter().map(|&(_, index)| index).filter(|&index| self.remaining[index] == credit.amount).collect()
            })
            .unwrap_or_default();
        let (exact, later): (Vec<usize>, Vec<usize>) =
            exact.into_iter().partition(|&index| self.invoices[index].issue_date <= credit.date);
        let installments: Vec<usize> = self
            .installments_by_amount
            .get(&cents)
            .map(|list| list.iter().copied().filter(|&index| !self.installment_paid[index]).collect())
            .unwrap_or_default();
        let cheque = is_cheque_deposit(text);
        match (exact.as_slice(), installments.as_slice()) {
            ([index], []) => {
                let invoice = &self.invoices[*index];
                let reason = if cheque {
                    format!(
                        "remise de chèque : la facture {} est la seule facture ouverte de ce montant",
                        invoice.number
                    )
                } else {
                    format!(
                        "montant exact de la facture {}, la seule facture ouverte de ce montant (payeur non reconnu)",
                        invoice.number
                    )
                };
                Proposal {
                    confidence: Confidence::Probable,
                    client: self.client_index.get(&invoice.client_id).copied(),
                    allocations: allocate(&[*index], &self.remaining, credit.amount),
                    installment: None,
                    reasons: vec![reason],
                }
            }
            ([], [index]) => {
                let installment = &self.installments[*index];
                let mut plan: Vec<usize> = installment
                    .invoice_ids
                    .iter()
                    .filter_map(|id| self.invoice_index.get(id).copied())
                    .filter(|&index| self.remaining[index] > Decimal::ZERO)
                    .collect();
                plan.sort_by_key(|&index| (self.invoices[index].due_date, index));
                Proposal {
                    confidence: Confidence::Probable,
                    client: self.client_index.get(&installment.client_id).copied(),
                    allocations: allocate(&plan, &self.remaining, credit.amount),
                    installment: Some(*index),
                    reasons: vec![format!(
                        "montant exact de l'échéance n° {} d'un échéancier, la seule de ce montant (payeur non reconnu)",
                        installment.sequence
                    )],
                }
            }
            ([], []) => {
                let mut reasons =
                    vec![format!("aucune facture ouverte de {} et payeur non reconnu", format_eur(credit.amount))];
                if let [index, ..] = later.as_slice() {
                    reasons.push(format!(
                        "la facture {} est de ce montant, mais {}",
                        self.invoices[*index].number,
                        self.issued_after(*index, credit)
                    ));
                }
                Proposal::none(reasons)
            }
            _ => Proposal::none(vec![format!(
                "{} factures ou échéances ouvertes de {} et payeur non reconnu : à choisir",
                exact.len() + installments.len(),
                format_eur(credit.amount)
            )]),
        }
    }

    /// The client the line names: an IBAN already seen, a SIREN or SIRET in the text, or its name.
    fn recognise_client(&self, credit: &CreditLine, text: &str) -> Option<(usize, Recognised)> {
        if let Some(iban) = credit.counterparty_iban.as_deref().map(compact) {
            if let Some([client]) = self.by_iban.get(&iban).map(Vec::as_slice) {
                return Some((*client, Recognised::Iban(iban)));
            }
        }
        for siren in sirens_in(text) {
            if let Some([client]) = self.by_siren.get(&siren).map(Vec::as_slice) {
                return Some((*client, Recognised::Siren(spaced_siren(&siren))));
            }
        }
        let words = name_words(text);
        let present: HashSet<&str> = words.iter().map(String::as_str).collect();
        // Each client whose name the text holds, weighed by how much of the name it holds.
        let mut weights: HashMap<usize, usize> = HashMap::new();
        for word in &words {
            for &client in self.by_name_word.get(word).into_iter().flatten() {
                let name = &self.client_words[client];
                if names_match(name, &present, &words) {
                    weights.insert(client, name.iter().map(String::len).sum());
                }
            }
        }
        // A name the bank or the payer cut short (« CABINET DUBOIS » for « Cabinet Dubois & Associés »):
        // its first words in order, at least two and eight letters.
        for (start, pair) in words.windows(2).enumerate() {
            let Some(key) = first_words_key(&pair[0], &pair[1]) else { continue };
            for &client in self.by_first_words.get(&key).into_iter().flatten() {
                let name = &self.client_words[client];
                let held = leading_words_held(name, &words[start..]);
                let letters: usize = name[..held].iter().map(String::len).sum();
                if held >= 2 && letters >= 8 {
                    let weight = weights.entry(client).or_default();
                    *weight = (*weight).max(letters);
                }
            }
        }
        let best = weights.values().copied().max()?;
        let mut heaviest = weights.iter().filter(|(_, weight)| **weight == best).map(|(client, _)| *client);
        let client = heaviest.next()?;
        if heaviest.next().is_some() {
            return None;
        }
        Some((client, Recognised::Name(self.clients[client].name.clone())))
    }

    /// The first set of at least two open invoices (oldest first) whose amounts sum exactly to `amount`,
    /// searched among the client's 20 oldest within a bounded number of steps.
    fn subset_summing_to(&self, open: &[usize], amount: Decimal) -> Option<Vec<usize>> {
        let considered: Vec<usize> = open.iter().copied().take(SUBSET_INVOICES).collect();
        let values: Vec<i64> = considered.iter().map(|&index| to_cents(self.remaining[index])).collect();
        let target = to_cents(amount);
        // What the invoices from each position on owe together: a branch that cannot reach the amount is
        // left at once.
        let mut after = vec![0i64; values.len() + 1];
        for index in (0..values.len()).rev() {
            after[index] = after[index + 1] + values[index];
        }
        let mut chosen = Vec::new();
        let mut steps = 0;
        struct Search<'s> {
            values: &'s [i64],
            after: &'s [i64],
        }
        impl Search<'_> {
            fn run(&self, start: usize, left: i64, chosen: &mut Vec<usize>, steps: &mut usize) -> bool {
                if left == 0 {
                    return chosen.len() >= 2;
                }
                if self.after[start] < left {
                    return false;
                }
                for index in start..self.values.len() {
                    *steps += 1;
                    if *steps > SUBSET_STEPS {
                        return false;
                    }
                    if self.values[index] <= left {
                        chosen.push(index);
                        if self.run(index + 1, left - self.values[index], chosen, steps) {
                            return true;
                        }
                        chosen.pop();
                    }
                }
                false
            }
        }
        let search = Search { values: &values, after: &after };
        search.run(0, target, &mut chosen, &mut steps).then(|| chosen.iter().map(|&at| considered[at]).collect())
    }
}

/// Spreads `amount` over invoices in the order given, each up to what it still owes.
fn allocate(invoices: &[usize], remaining: &[Decimal], amount: Decimal) -> Vec<(usize, Decimal)> {
    let mut left = amount;
    let mut allocations = Vec::new();
    for &index in invoices {
        if left <= Decimal::ZERO {
            break;
        }
        let part = remaining[index].min(left);
        if part > Decimal::ZERO {
            allocations.push((index, part));
            left -= part;
        }
    }
    allocations
}

/// A client name matches a text when each of its words is in the text, the last one possibly cut short
/// by the bank (a text word of at least three letters that begins it, at the end of the text's words).
fn names_match(name: &[String], present: &HashSet<&str>, words: &[String]) -> bool {
    let Some((last, others)) = name.split_last() else { return false };
    if !others.iter().all(|word| present.contains(word.as_str())) {
        return false;
    }
    present.contains(last.as_str())
        || words.iter().any(|word| word.len() >= 3 && word.len() < last.len() && last.starts_with(word.as_str()))
}

/// The key of a name's first two words in `by_first_words`: the first word and the first three letters of
/// the second (which the bank may have cut).
fn first_words_key(first: &str, second: &str) -> Option<String> {
    let start: String = second.chars().take(3).collect();
    (start.len() == 3).then(|| format!("{first} {start}"))
}

/// How many of a name's first words the text's words hold in order, the last one possibly cut short.
fn leading_words_held(name: &[String], words: &[String]) -> usize {
    let mut held = 0;
    for (expected, word) in name.iter().zip(words) {
        if expected == word {
            held += 1;
        } else {
            if word.len() >= 3 && expected.starts_with(word.as_str()) {
                held += 1;
            }
            break;
        }
    }
    held
}

/// Articles and « et », which say nothing about who a client is (nor do legal forms and civilities).
const NAME_ARTICLES: &[&str] = &["et", "de", "du", "des", "la", "le", "les"];

/// The words of a name or a text: lower case, accents dropped, legal forms and civilities left out.
fn name_words(text: &str) -> Vec<String> {
    crate::domain::text::fold(text)
        .split(' ')
        .filter(|word| {
            word.len() >= 2 && ![LEGAL_FORMS, CIVILITIES, NAME_ARTICLES].iter().any(|noise| noise.contains(word))
        })
        .map(str::to_string)
        .collect()
}

/// A letter or digit group of a text (byte offsets), with whether the next group follows it directly: in
/// the same word (« F2026 »), or after a single separator among `-/._ ` (« 2026-068 »).
#[derive(Debug, Clone, Copy)]
struct Segment {
    start: usize,
    end: usize,
    joined: bool,
    digits: bool,
}

/// The letter and digit groups of a text, without copying it (keys are built from them once).
fn segments(text: &str) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::new();
    let mut current: Option<(usize, bool)> = None;
    // The weight of what was passed since the last group: 1 per usual separator, 2 for anything else.
    let mut separators = 0usize;
    for (at, character) in text.char_indices() {
        if character.is_ascii_alphanumeric() {
            let digit = character.is_ascii_digit();
            match current {
                Some((start, digits)) if digits != digit => {
                    segments.push(Segment { start, end: at, joined: true, digits });
                    current = Some((at, digit));
                }
                Some(_) => {}
                None => {
                    if let Some(previous) = segments.last_mut() {
                        previous.joined = separators <= 1;
                    }
                    current = Some((at, digit));
                }
            }
            separators = 0;
        } else {
            if let Some((start, digits)) = current.take() {
                segments.push(Segment { start, end: at, joined: false, digits });
            }
            separators += if matches!(character, '-' | '/' | '.' | '_' | ' ') { 1 } else { 2 };
        }
    }
    if let Some((start, digits)) = current {
        segments.push(Segment { start, end: text.len(), joined: false, digits });
    }
    segments
}

/// A group as compared: letters in upper case, digits without leading zeros (`trim`).
fn push_piece(key: &mut String, text: &str, segment: &Segment, trim: bool) {
    let piece = &text[segment.start..segment.end];
    if segment.digits && trim {
        let trimmed = piece.trim_start_matches('0');
        key.push_str(if trimmed.is_empty() { "0" } else { trimmed });
    } else {
        key.extend(piece.chars().map(|c| c.to_ascii_uppercase()));
    }
}

/// The key of a run of groups: `f:` and `b:` keys join the groups with `|` and drop leading zeros; `c:`
/// keys (the compact form) keep every character.
fn run_key(prefix: &str, text: &str, run: &[Segment]) -> String {
    let mut key = String::with_capacity(prefix.len() + run.len() * 6);
    key.push_str(prefix);
    let compact = prefix == "c:";
    for (index, segment) in run.iter().enumerate() {
        if index > 0 && !compact {
            key.push('|');
        }
        push_piece(&mut key, text, segment, !compact);
    }
    key
}

/// « n° de facture F2026-068 dans le libellé, mais elle est déjà soldée (réglée le …) ».
fn settled_reason(invoice: &SettledInvoice) -> String {
    format!("n° de facture {} dans le libellé, mais elle est déjà soldée ({})", invoice.number, invoice.how.said())
}

/// Whether an invoice number is long enough (five letters or digits) to be taken for itself when a text
/// cites it in full or compact form.
fn strong_number(number: &str) -> bool {
    number.chars().filter(char::is_ascii_alphanumeric).count() >= 5
}

/// The keys an invoice number is found by: `f:` its groups, `c:` its compact form, `b:` its digit groups
/// without the letter prefix (when it has one, and several digit groups).
fn number_keys(number: &str) -> Vec<String> {
    let segments = segments(number);
    if segments.is_empty() {
        return Vec::new();
    }
    let mut keys = vec![run_key("f:", number, &segments), run_key("c:", number, &segments)];
    let digits: Vec<Segment> = segments.iter().copied().filter(|segment| segment.digits).collect();
    let digit_count: usize =
        digits.iter().map(|segment| number[segment.start..segment.end].trim_start_matches('0').len()).sum();
    if digits.len() < segments.len() && digits.len() >= 2 && digit_count >= 4 {
        keys.push(run_key("b:", number, &digits));
    }
    keys
}

/// The keys of every run of up to five joined groups of a text that holds a digit group (every invoice
/// number has one; runs of words alone are most of a label and would only cost lookups).
fn text_keys(text: &str) -> Vec<String> {
    let segments = segments(text);
    let mut keys = Vec::new();
    for start in 0..segments.len() {
        let mut has_digits = false;
        let mut all_digits = true;
        for end in start..segments.len().min(start + 5) {
            let run = &segments[start..=end];
            has_digits |= segments[end].digits;
            all_digits &= segments[end].digits;
            if has_digits {
                keys.push(run_key("f:", text, run));
                keys.push(run_key("c:", text, run));
                if run.len() >= 2 && all_digits {
                    keys.push(run_key("b:", text, run));
                }
            }
            if !segments[end].joined {
                break;
            }
        }
    }
    keys
}

/// The last digit group of an invoice number without its leading zeros (« 68 » for « F2026-068 »).
fn last_digit_group(number: &str) -> Option<&str> {
    // The last run of ASCII digits, as `segments` cuts it, found from the end without building the
    // segments: it is asked of each of a recognised client's invoices for every credit.
    let bytes = number.as_bytes();
    let end = bytes.iter().rposition(u8::is_ascii_digit)? + 1;
    let start = bytes[..end].iter().rposition(|byte| !byte.is_ascii_digit()).map_or(0, |at| at + 1);
    let trimmed = number[start..end].trim_start_matches('0');
    (!trimmed.is_empty()).then_some(trimmed)
}

/// The standalone numbers of a text, without leading zeros: a few, compared one by one (hashing each
/// invoice's digit group to look it up cost more).
fn short_numbers(text: &str) -> Vec<String> {
    segments(text)
        .iter()
        .filter(|segment| segment.digits)
        .map(|segment| {
            let mut number = String::new();
            push_piece(&mut number, text, segment, true);
            number
        })
        .collect()
}

/// SIRENs in a text: runs of 9 or 14 digits, spaces between groups allowed; a SIRET gives its SIREN.
fn sirens_in(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut digits = String::new();
    let mut chars = text.chars().peekable();
    let mut previous_digit = false;
    while let Some(character) = chars.next() {
        if character.is_ascii_digit() {
            digits.push(character);
            previous_digit = true;
        } else if character == ' ' && previous_digit && chars.peek().is_some_and(char::is_ascii_digit) {
            continue;
        } else {
            if digits.len() == 9 || digits.len() == 14 {
                found.push(digits[..9].to_string());
            }
            digits.clear();
            previous_digit = false;
        }
    }
    if digits.len() == 9 || digits.len() == 14 {
        found.push(digits[..9].to_string());
    }
    found
}

/// The SIREN of a client's SIREN or SIRET.
fn siren_of(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    matches!(digits.len(), 9 | 14).then(|| digits[..9].to_string())
}

fn spaced_siren(siren: &str) -> String {
    format!("{} {} {}", &siren[..3], &siren[3..6], &siren[6..])
}

fn compact(iban: &str) -> String {
    iban.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase()
}

/// « FR76 …7890 189 »: enough to recognise it, not the whole account number.
fn short_iban(iban: &str) -> String {
    let tail: String = iban.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    format!("{} … {tail}", iban.chars().take(4).collect::<String>())
}

/// « REMISE CHEQUE », « REM CHQ », « REMISE DE CHEQUES »...
fn is_cheque_deposit(text: &str) -> bool {
    let words: Vec<String> = crate::domain::text::fold(text).split(' ').map(str::to_string).collect();
    let remise = words.iter().position(|word| word == "remise" || word == "rem" || word == "remises");
    remise.is_some_and(|at| {
        words[at + 1..].iter().take(3).any(|word| word.starts_with("cheque") || word.starts_with("chq"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_digit_group_is_the_last_digit_segment_without_its_zeros() {
        for number in ["F2026-068", "FA-000", "2026/12/0042", "Facture n°12bis", "ÉTÉ-7", "ABC", "00123", "", "x9y"]
        {
            let by_segments = segments(number)
                .into_iter()
                .rev()
                .find(|segment| segment.digits)
                .map(|last| number[last.start..last.end].trim_start_matches('0'))
                .filter(|tail| !tail.is_empty());
            assert_eq!(last_digit_group(number), by_segments, "{number}");
        }
        assert_eq!(last_digit_group("F2026-068"), Some("68"));
        assert_eq!(last_digit_group("Facture n°12bis"), Some("12"));
        assert_eq!(last_digit_group("FA-000"), None);
    }

    #[test]
    fn invoice_numbers_are_found_in_their_written_variants() {
        let keys = number_keys("F2026-068");
        assert!(keys.contains(&"f:F|2026|68".to_string()), "{keys:?}");
        for text in ["VIR FACTURE F2026-068", "F 2026 068", "f2026068", "REF:F2026/68 MERCI", "FACT 2026-068"] {
            let found = text_keys(text);
            assert!(keys.iter().any(|key| found.contains(key)), "{text}: {found:?}");
        }
        for text in ["F2026-0681", "F2027-068", "CARTE 20/26 068"] {
            let found = text_keys(text);
            assert!(!keys.iter().take(2).any(|key| found.contains(key)), "{text}: {found:?}");
        }
    }

    #[test]
    fn names_ignore_legal_forms_accents_and_truncation() {
        let name = name_words("Garage du Centre SARL");
        assert_eq!(name, ["garage", "centre"]);
        let text = name_words("VIR SEPA RECU /DE GARAGE DU CENT");
        let present: HashSet<&str> = text.iter().map(String::as_str).collect();
        assert!(names_match(&name, &present, &text));
        let text = name_words("VIR SEPA RECU /DE GARAGE MARTIN");
        let present: HashSet<&str> = text.iter().map(String::as_str).collect();
        assert!(!names_match(&name, &present, &text));
    }

    #[test]
    fn the_payment_method_is_guessed_from_the_bank_words() {
        let cases = [
            ("VIR SEPA RECU /DE GARAGE DU CENTRE", PaymentMethod::Transfer),
            ("REMISE CHEQUE N 8842301 1 CHQ", PaymentMethod::Cheque),
            ("REM CHQ 0012345", PaymentMethod::Cheque),
            ("VERSEMENT ESPECES AGENCE", PaymentMethod::Cash),
            ("REMISE CB 12/11 TPE 0042", PaymentMethod::Card),
            ("PRLV SEPA RECU CLIENT", PaymentMethod::DirectDebit),
            ("PRELEVEMENT RECU ABONNEMENT", PaymentMethod::DirectDebit),
            ("REMISE VIREMENTS SEPA 2 OPERATIONS", PaymentMethod::Transfer),
            ("DEPOT", PaymentMethod::Unspecified),
            // Qonto's method column and English labels.
            ("direct_debit", PaymentMethod::DirectDebit),
            ("SEPA DIRECT DEBIT COLLECTION", PaymentMethod::DirectDebit),
            ("DIRECTDEBIT", PaymentMethod::DirectDebit),
            ("DEBIT CARD REFUND", PaymentMethod::Card),
        ];
        for (label, expected) in cases {
            assert_eq!(guess_method(label, ""), expected, "{label}");
        }
    }

    #[test]
    fn sirens_are_read_with_or_without_spaces() {
        assert_eq!(sirens_in("SIREN 552 100 554 FACT 12"), ["552100554"]);
        assert_eq!(sirens_in("SIRET 55210055400013"), ["552100554"]);
        assert!(sirens_in("REF 12345678").is_empty());
    }
}
