//! The `event` command: what happened with a client besides letters and money — a promise to pay, a
//! dispute, a pause of the reminders, a call, a note, a procedure step, a claim filed in court — recorded
//! through the window's follow-up form and its checks, listed, and a dispute or pause closed.

use ardoise::desk::clients as client_desk;
use ardoise::desk::events::{self as event_desk, EventKind};
use ardoise::desk::format::format_short;
use ardoise::desk::forms::EventText;
use ardoise::desk::letters;
use ardoise::desk::Ledger;
use chrono::NaiveDate;
use clap::Subcommand;
use std::io::Write;

#[derive(Subcommand, Debug)]
pub enum EventCommand {
    /// Enregistre un fait : promesse de paiement (--amount, --until), litige (--text : le motif), pause des
    /// relances (--until facultatif), appel, note, étape de procédure, demande en justice déposée.
    Add {
        /// Le client : son numéro ou son nom (voir `ardoise clients`).
        #[arg(long)]
        client: String,
        /// promesse, litige, pause, appel, note, procedure ou injonction.
        #[arg(long, value_parser = parse_kind, value_name = "TYPE")]
        kind: EventKind,
        /// Date du fait (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long)]
        date: Option<String>,
        /// Ce qui a été dit : le motif d'un litige, le contenu d'un appel ou d'une note.
        #[arg(long, default_value = "")]
        text: String,
        /// Le montant promis, en euros (promesse).
        #[arg(long, default_value = "", value_name = "MONTANT")]
        amount: String,
        /// La date promise (promesse), ou la fin de la pause.
        #[arg(long, default_value = "", value_name = "DATE")]
        until: String,
        /// La facture concernée, par son numéro (promesse, litige, pause, demande en justice).
        #[arg(long, value_name = "NUMÉRO")]
        invoice: Option<String>,
    },
    /// Liste les faits enregistrés pour un client, les plus récents d'abord (le n° d'un litige ou d'une
    /// pause sert à la clore).
    List {
        /// Le client : son numéro ou son nom.
        #[arg(long)]
        client: String,
        /// Date à laquelle dire ce qui est en cours (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = super::parse_day)]
        date: Option<NaiveDate>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Clôt un litige ou une pause : les relances reprennent.
    Close {
        /// Le numéro du litige ou de la pause (voir `ardoise event list`).
        #[arg(value_parser = super::parse_number, value_name = "NUMÉRO")]
        event: i64,
        /// Date de clôture (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = super::parse_day)]
        date: Option<NaiveDate>,
    },
}

fn parse_kind(text: &str) -> Result<EventKind, String> {
    event_desk::kind_named(text)
        .ok_or_else(|| format!("« {text} » : écrivez promesse, litige, pause, appel, note, procedure ou injonction."))
}

pub fn run(ledger: &mut Ledger, command: EventCommand, today: NaiveDate, out: &mut impl Write) -> anyhow::Result<()> {
    match command {
        EventCommand::Add { client, kind, date, text, amount, until, invoice } => {
            let client_id = super::client_of(ledger, &client)?;
            let invoice_id = match invoice {
                Some(number) => Some(
                    letters::invoices_by_number(ledger, client_id, &[number])
                        .map_err(|error| anyhow::anyhow!("--invoice : {error}"))?[0],
                ),
                None => None,
            };
            let form = EventText {
                client_id,
                kind,
                date: date.unwrap_or_else(|| today.to_string()),
                text,
                amount,
                until,
                invoice_id,
            };
            let id = event_desk::add_event(ledger, &form.read()?)?;
            writeln!(
                out,
                "Fait n° {id} enregistré pour {}.",
                client_desk::client(ledger, client_id)?.fields.display_name()
            )?;
            Ok(())
        }
        EventCommand::List { client, date, json } => {
            let client_id = super::client_of(ledger, &client)?;
            let timeline = client_desk::client_detail(ledger, client_id, date.unwrap_or(today))?.timeline;
            let events: Vec<_> = timeline
                .into_iter()
                .filter(|entry| EventKind::ALL.iter().any(|kind| kind.id() == entry.kind))
                .collect();
            if json {
                return crate::output::json(out, &events);
            }
            if events.is_empty() {
                writeln!(out, "Aucun fait enregistré pour ce client.")?;
            }
            for entry in events {
                let number = entry.event_id.map(|id| format!("n° {id} ")).unwrap_or_default();
                let state = if entry.open { " (en cours)" } else { "" };
                writeln!(out, "{} {number}{}{state} : {}", format_short(entry.date), entry.title, entry.detail)?;
            }
            Ok(())
        }
        EventCommand::Close { event, date } => {
            event_desk::close_event(ledger, event, date.unwrap_or(today))?;
            writeln!(out, "Fait n° {event} clos : les relances reprennent.")?;
            Ok(())
        }
    }
}
