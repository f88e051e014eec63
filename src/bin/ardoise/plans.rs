//! The `plan` command: draft a payment plan in one click, list the plans, record a signed return, write
//! the plan letter with its agreement form, abandon a plan — the same core calls as the window's plan
//! editor.

use ardoise::desk::format::{format_eur_ascii, format_short};
use ardoise::desk::letters::ExportTarget;
use ardoise::desk::plans::{self as plan_desk, Frequency, PlanOptions, PlanView};
use ardoise::desk::{forms, Ledger};
use chrono::NaiveDate;
use clap::Subcommand;
use rust_decimal::Decimal;
use std::io::Write;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum PlanCommand {
    /// Prépare un échéancier sur les factures échues d'un client (valeurs par défaut raisonnables).
    Draft {
        /// Le client : son numéro ou son nom (voir `ardoise clients`).
        #[arg(long)]
        client: String,
        /// Nombre d'échéances (suggéré d'après le montant par défaut).
        #[arg(long, value_parser = parse_count, value_name = "NOMBRE")]
        installments: Option<u32>,
        /// Ajoute les pénalités à date et, entre professionnels, les indemnités de 40 €.
        #[arg(long)]
        fees: bool,
        /// weekly, biweekly ou monthly (par défaut).
        #[arg(long, default_value = "monthly", value_parser = parse_frequency, value_name = "FRÉQUENCE")]
        frequency: Frequency,
        /// Date de la première échéance (AAAA-MM-JJ), un mois après la date du plan par défaut.
        #[arg(long, value_parser = super::parse_day, value_name = "DATE")]
        first: Option<NaiveDate>,
        /// Acompte à la signature, en euros (aucun par défaut).
        #[arg(long, value_parser = parse_euros, default_value = "0", value_name = "MONTANT")]
        down_payment: Decimal,
        /// Date du plan (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = super::parse_day)]
        date: Option<NaiveDate>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Liste les échéanciers avec leur état.
    List {
        /// Seulement ceux de ce client : son numéro ou son nom.
        #[arg(long)]
        client: Option<String>,
        /// Date de calcul (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = super::parse_day)]
        date: Option<NaiveDate>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Enregistre le bon pour accord signé : l'échéancier entre en vigueur.
    Sign {
        /// Le numéro de l'échéancier (voir `ardoise plan list`).
        #[arg(value_parser = super::parse_number, value_name = "NUMÉRO")]
        plan: i64,
        /// Date de signature (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = super::parse_day)]
        date: Option<NaiveDate>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Écrit la lettre d'échéancier et son bon pour accord en PDF (la lettre est imprimée) ; l'échéancier
    /// devient envoyé quand l'envoi de sa lettre est enregistré (`dispatch`, ou `email send`).
    Export {
        /// Le numéro de l'échéancier (voir `ardoise plan list`).
        #[arg(value_parser = super::parse_number, value_name = "NUMÉRO")]
        plan: i64,
        /// Date de la lettre (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = super::parse_day)]
        date: Option<NaiveDate>,
        /// Le fichier PDF à écrire.
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
    },
    /// Abandonne un échéancier (brouillon, envoyé ou en cours) : ses factures reviennent dans les relances,
    /// sa lettre, si elle n'est pas encore envoyée, est annulée.
    Abandon {
        /// Le numéro de l'échéancier (voir `ardoise plan list`).
        #[arg(value_parser = super::parse_number, value_name = "NUMÉRO")]
        plan: i64,
        /// Pourquoi il est abandonné (gardé dans l'historique du client).
        #[arg(long, value_name = "MOTIF", default_value = "")]
        reason: String,
        /// Date de l'abandon (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = super::parse_day)]
        date: Option<NaiveDate>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
}

fn parse_frequency(text: &str) -> Result<Frequency, String> {
    Frequency::parse(text).ok_or_else(|| format!("« {text} » : weekly, biweekly ou monthly."))
}

fn parse_euros(text: &str) -> Result<Decimal, String> {
    forms::amount("montant", text).map_err(|error| error.to_string())
}

fn parse_count(text: &str) -> Result<u32, String> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|count| *count > 0)
        .ok_or_else(|| format!("« {text} » n'est pas un nombre d'échéances : écrivez un nombre entier, par exemple 4."))
}

pub fn run(ledger: &mut Ledger, command: PlanCommand, today: NaiveDate, out: &mut impl Write) -> anyhow::Result<()> {
    match command {
        PlanCommand::Draft { client, installments, fees, frequency, first, down_payment, date, json } => {
            let options = PlanOptions {
                count: installments,
                frequency,
                first_date: first,
                down_payment,
                with_fees: fees,
                hand_set: Vec::new(),
            };
            let client = super::client_of(ledger, &client)?;
            let plan = plan_desk::draft(ledger, client, date.unwrap_or(today), &options)?;
            print(&plan, json, out)
        }
        PlanCommand::List { client, date, json } => {
            let client = client.map(|text| super::client_of(ledger, &text)).transpose()?;
            let plans = plan_desk::list(ledger, client, date.unwrap_or(today))?;
            if json {
                return crate::output::json(out, &plans);
            }
            for plan in plans {
                writeln!(
                    out,
                    "n° {:<4} {:<30} {:<10} {:>12}  {} échéance(s), reste {}",
                    plan.id,
                    plan.client_name,
                    plan.tracking.state_label,
                    format_eur_ascii(plan.schedule.total),
                    plan.count,
                    format_eur_ascii(plan.tracking.remaining)
                )?;
            }
            Ok(())
        }
        PlanCommand::Sign { plan, date, json } => {
            let plan = plan_desk::sign(ledger, plan, date.unwrap_or(today))?;
            print(&plan, json, out)
        }
        PlanCommand::Export { plan, date, out: file } => {
            let date = date.unwrap_or(today);
            let path = plan_desk::export(ledger, plan, date, &ExportTarget::File(file))?;
            writeln!(out, "Échéancier n° {plan} écrit dans « {} ».", path.display())?;
            if let Some(letter) = plan_desk::view(ledger, plan, date)?.letter_id {
                writeln!(
                    out,
                    "Sa lettre, courrier n° {letter}, est imprimée ; l'échéancier sera envoyé quand son envoi sera \
                     enregistré : `ardoise dispatch --letter {letter} --deposit AAAA-MM-JJ`."
                )?;
            }
            Ok(())
        }
        PlanCommand::Abandon { plan, reason, date, json } => {
            let plan = plan_desk::abandon(ledger, plan, date.unwrap_or(today), &reason)?;
            if json {
                return crate::output::json(out, &plan);
            }
            writeln!(
                out,
                "Échéancier n° {} de {} abandonné{} : ses factures reviennent dans les relances.",
                plan.id,
                plan.client_name,
                plan.abandon_reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default()
            )?;
            Ok(())
        }
    }
}

fn print(plan: &PlanView, json: bool, out: &mut impl Write) -> anyhow::Result<()> {
    if json {
        return crate::output::json(out, plan);
    }
    let schedule = &plan.schedule;
    writeln!(
        out,
        "Échéancier n° {} — {} — {} : principal {}, frais {}, total {}",
        plan.id,
        plan.client_name,
        plan.tracking.state_label,
        format_eur_ascii(schedule.principal),
        format_eur_ascii(schedule.fees),
        format_eur_ascii(schedule.total)
    )?;
    if schedule.down_payment > Decimal::ZERO {
        writeln!(out, "  acompte à la signature  {:>12}", format_eur_ascii(schedule.down_payment))?;
    }
    for installment in &schedule.installments {
        writeln!(
            out,
            "  {:>3}  {}  {:>12}",
            installment.sequence,
            format_short(installment.due_date),
            format_eur_ascii(installment.amount)
        )?;
    }
    for warning in &schedule.warnings {
        writeln!(out, "Attention : {warning}")?;
    }
    Ok(())
}
