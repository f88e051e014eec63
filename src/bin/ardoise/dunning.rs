//! The `propose` and `decide` commands: « À faire aujourd'hui » and the decision on a client's proposal.

use crate::output::json;
use anyhow::bail;
use ardoise::desk::clients;
use ardoise::desk::format::{format_eur_ascii, format_long, format_short};
use ardoise::desk::proposals::{self, Proposal, ProposalAction};
use ardoise::desk::Ledger;
use chrono::NaiveDate;
use std::io::Write;

pub fn propose(ledger: &Ledger, date: NaiveDate, as_json: bool, out: &mut impl Write) -> anyhow::Result<()> {
    let proposals = proposals::proposals(ledger, date)?;
    if as_json {
        return json(out, &proposals);
    }
    if proposals.is_empty() {
        writeln!(out, "Aucune relance à faire.")?;
    }
    for proposal in proposals {
        print_proposal(out, &proposal)?;
    }
    Ok(())
}

pub fn decide(
    ledger: &mut Ledger,
    client: i64,
    action: &str,
    until: Option<NaiveDate>,
    date: NaiveDate,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let action = match (action, until) {
        ("accept", _) => ProposalAction::Accept,
        ("skip", _) => ProposalAction::Skip,
        (_, Some(until)) => ProposalAction::Snooze { until },
        (_, None) => bail!("indiquez --until AAAA-MM-JJ, la date de reprise des relances."),
    };
    // The desk's refusal speaks to the window (« la liste va être rechargée ») and names no one: said here
    // in the command line's words, with the client.
    if proposals::client_proposal(ledger, client, date)?.is_none() {
        let name = clients::client(ledger, client)?.fields.display_name();
        bail!(
            "{name} (client n° {client}) n'a pas de relance proposée au {} : rien à décider. Voyez les relances \
             proposées ce jour-là avec `ardoise propose --date {date}`.",
            format_long(date)
        );
    }
    let id = proposals::decide_proposal(ledger, client, date, action)?;
    match action {
        ProposalAction::Accept => {
            let next = match ledger.letter(id)?.dispatch.id() {
                "email" => format!("à envoyer par e-mail : `ardoise email send --letter {id}`"),
                "registered" => "à imprimer puis envoyer en recommandé".to_string(),
                _ => "à imprimer puis envoyer".to_string(),
            };
            writeln!(out, "Courrier n° {id} préparé ({next}).")?;
            // Said now rather than at `email send`: the client has no usable address.
            if next.starts_with("à envoyer par e-mail") {
                if let Some(problem) = ardoise::desk::email::letter_email(ledger, id, date)?.recipient_problem {
                    writeln!(out, "Attention : {}", crate::letters::in_command_line_words(&problem, id))?;
                }
            }
        }
        ProposalAction::Skip => writeln!(out, "Étape ignorée pour ce client.")?,
        ProposalAction::Snooze { until } => {
            writeln!(out, "Relances de ce client reportées au {}.", format_short(until))?
        }
    }
    Ok(())
}

fn print_proposal(out: &mut impl Write, proposal: &Proposal) -> anyhow::Result<()> {
    writeln!(out, "{} (client n° {}) : {}", proposal.client_name, proposal.client_id, proposal.title)?;
    writeln!(out, "  {}", proposal.reason)?;
    for invoice in &proposal.invoices {
        writeln!(
            out,
            "  facture {:<11} échue le {}  reste dû {:>12}  ({} j de retard)",
            invoice.number,
            format_short(invoice.due_date),
            format_eur_ascii(invoice.remaining),
            invoice.days_late
        )?;
    }
    writeln!(
        out,
        "  principal {} + intérêts {} + indemnité {} = {}",
        format_eur_ascii(proposal.principal),
        format_eur_ascii(proposal.interest),
        format_eur_ascii(proposal.indemnity),
        format_eur_ascii(proposal.total)
    )?;
    writeln!(out, "  envoi : {}, le {}", proposal.dispatch.label(), format_short(proposal.sending_day))?;
    writeln!(out, "  {}", proposal.step_label)?;
    for warning in &proposal.warnings {
        writeln!(out, "  ! {warning}")?;
    }
    writeln!(out)?;
    Ok(())
}
