//! The `payment` command: record a payment received (split over the client's invoices oldest first, or
//! as the user says), list a client's payments, mark one rejected by the bank, delete one entered by
//! mistake — the same core calls and checks as the window's payment and rejection forms.

use ardoise::desk::format::{format_eur_ascii, format_short};
use ardoise::desk::forms::{PartText, PaymentText, RejectionText};
use ardoise::desk::letters;
use ardoise::desk::payments::{self as payment_desk, PaymentLine, PaymentMethod};
use ardoise::desk::Ledger;
use chrono::NaiveDate;
use clap::Subcommand;
use rust_decimal::Decimal;
use std::io::Write;

#[derive(Subcommand, Debug)]
pub enum PaymentCommand {
    /// Enregistre un règlement reçu : réparti sur les factures du client, les plus anciennes d'abord, ou
    /// comme vous le dites (--invoice) ; ce qui dépasse reste au crédit du client.
    Record {
        /// Le client : son numéro ou son nom (voir `ardoise clients`).
        #[arg(long)]
        client: String,
        /// Le montant reçu, en euros (« 200 », « 1 234,56 »).
        #[arg(long, value_name = "MONTANT")]
        amount: String,
        /// Comment il est arrivé : virement, cheque, carte, prelevement ou especes.
        #[arg(long, value_parser = parse_method, value_name = "MODE")]
        method: PaymentMethod,
        /// Date de réception (AAAA-MM-JJ ou JJ/MM/AAAA), aujourd'hui par défaut.
        #[arg(long)]
        date: Option<String>,
        /// Référence : n° de chèque, libellé du virement…
        #[arg(long, default_value = "")]
        reference: String,
        /// Une part affectée à une facture, « NUMÉRO=MONTANT » (« F2026-012=150 ») ; répétez l'option pour
        /// plusieurs factures. Sans elle, le règlement va aux factures les plus anciennes d'abord.
        #[arg(long = "invoice", value_name = "NUMÉRO=MONTANT")]
        invoices: Vec<String>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Liste les règlements, d'un client ou de tous : date, montant, mode, factures réglées, rejet.
    List {
        /// Seulement ceux de ce client : son numéro ou son nom.
        #[arg(long)]
        client: Option<String>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Marque un règlement rejeté par la banque (chèque impayé, prélèvement rejeté) : ses factures
    /// redeviennent dues.
    Reject {
        /// Le numéro du règlement (voir `ardoise payment list`).
        #[arg(value_parser = super::parse_number, value_name = "NUMÉRO")]
        payment: i64,
        /// Date du rejet (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long)]
        date: Option<String>,
        /// Frais de rejet facturés par la banque, en euros.
        #[arg(long, default_value = "", value_name = "MONTANT")]
        fees: String,
        /// Motif (« provision insuffisante »…).
        #[arg(long, default_value = "")]
        reason: String,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Supprime un règlement saisi par erreur, avec ses affectations : ses factures redeviennent dues.
    Delete {
        /// Le numéro du règlement (voir `ardoise payment list`).
        #[arg(value_parser = super::parse_number, value_name = "NUMÉRO")]
        payment: i64,
    },
}

fn parse_method(text: &str) -> Result<PaymentMethod, String> {
    payment_desk::method_named(text).ok_or_else(|| {
        format!("« {text} » n'est pas un mode de règlement : écrivez virement, cheque, carte, prelevement ou especes.")
    })
}

pub fn run(ledger: &mut Ledger, command: PaymentCommand, today: NaiveDate, out: &mut impl Write) -> anyhow::Result<()> {
    match command {
        PaymentCommand::Record { client, amount, method, date, reference, invoices, json } => {
            let client_id = super::client_of(ledger, &client)?;
            let allocations = if invoices.is_empty() { None } else { Some(parts(ledger, client_id, &invoices)?) };
            let text = PaymentText {
                client_id,
                date: date.unwrap_or_else(|| today.to_string()),
                amount,
                method,
                reference,
                allocations,
            };
            let id = payment_desk::record_payment(ledger, &text.read_on(today)?)?;
            let line = payment_desk::payment_line(ledger, id)?;
            if json {
                return crate::output::json(out, &line);
            }
            write!(out, "Règlement n° {id} enregistré : ")?;
            print_line(&line, out)
        }
        PaymentCommand::List { client, json } => {
            let client = client.map(|text| super::client_of(ledger, &text)).transpose()?;
            let lines = payment_desk::payment_lines(ledger, client)?;
            if json {
                return crate::output::json(out, &lines);
            }
            if lines.is_empty() {
                writeln!(out, "Aucun règlement enregistré.")?;
            }
            for line in &lines {
                write!(out, "n° {:<4} ", line.payment.id)?;
                print_line(line, out)?;
            }
            Ok(())
        }
        PaymentCommand::Reject { payment, date, fees, reason, json } => {
            let text = RejectionText { date: date.unwrap_or_else(|| today.to_string()), fees, reason };
            payment_desk::reject_payment(ledger, payment, &text.read()?)?;
            let line = payment_desk::payment_line(ledger, payment)?;
            if json {
                return crate::output::json(out, &line);
            }
            write!(out, "Règlement n° {payment} marqué rejeté : ")?;
            print_line(&line, out)?;
            writeln!(out, "Ses factures redeviennent dues.")?;
            Ok(())
        }
        PaymentCommand::Delete { payment } => {
            let line = payment_desk::payment_line(ledger, payment)?;
            payment_desk::delete_payment(ledger, payment)?;
            write!(out, "Règlement n° {payment} supprimé : ")?;
            print_line(&line, out)?;
            writeln!(out, "Ses factures redeviennent dues.")?;
            Ok(())
        }
    }
}

/// The parts « NUMÉRO=MONTANT » typed after --invoice, each invoice the client's.
fn parts(ledger: &Ledger, client_id: i64, typed: &[String]) -> anyhow::Result<Vec<PartText>> {
    let mut parts = Vec::new();
    for text in typed {
        let Some((number, amount)) = text.split_once('=') else {
            anyhow::bail!(
                "--invoice « {text} » : écrivez le numéro de la facture et la part affectée, « F2026-012=150 »."
            );
        };
        let invoice_id = letters::invoices_by_number(ledger, client_id, &[number.to_string()])
            .map_err(|error| anyhow::anyhow!("--invoice « {text} » : {error}"))?[0];
        parts.push(PartText { invoice_id, number: number.trim().to_string(), amount: amount.into() });
    }
    Ok(parts)
}

/// « 200,00 € par chèque le 10/11/2026, de Plomberie Roux (réf. 1234) — F-1 120,00 €, F-2 80,00 € ».
fn print_line(line: &PaymentLine, out: &mut impl Write) -> anyhow::Result<()> {
    let payment = &line.payment;
    let mut text = format!(
        "{}{} le {}, de {}",
        format_eur_ascii(payment.amount),
        payment.method.by_clause(),
        format_short(payment.date),
        line.client
    );
    if !payment.reference.is_empty() {
        text.push_str(&format!(" (réf. {})", payment.reference));
    }
    let settled: Vec<String> = payment
        .allocations
        .iter()
        .zip(&line.invoices)
        .map(|(allocation, number)| format!("{number} {}", format_eur_ascii(allocation.amount)))
        .collect();
    if !settled.is_empty() {
        text.push_str(&format!(" — {}", settled.join(", ")));
    }
    if line.unallocated > Decimal::ZERO {
        text.push_str(&format!(" ; {} au crédit du client", format_eur_ascii(line.unallocated)));
    }
    if let Some(rejection) = &payment.rejection {
        text.push_str(&format!(" ; rejeté le {}", format_short(rejection.date)));
        if rejection.fees > Decimal::ZERO {
            text.push_str(&format!(" (frais {})", format_eur_ascii(rejection.fees)));
        }
    }
    writeln!(out, "{text}.")?;
    Ok(())
}
