//! The court-ready file of a client, in one folder: a chronological summary (invoices, letters with their
//! dates and proofs, payments, promises), the claim as of a date (principal, penalties by period,
//! indemnities, from `desk::penalties`), the data sheet for the injonction de payer form (for a debtor
//! abroad, the European order for payment's form A, or the word that no French form applies:
//! `domain::courts`), the letters sent and the proofs attached, and the copies of the claimed invoices
//! whose document is kept.

use crate::desk::accounts::account;
use crate::desk::letters as desk;
use crate::desk::{clients, Result};
use crate::documents::letters::assemble;
use crate::documents::print::page::Table;
use crate::documents::print::sheets::{columns, document_pdf, penalty_table};
use crate::domain::calendar::{format_long, format_short};
use crate::domain::courts::{court_of, Court, Procedure};
use crate::domain::model::ClientKind;
use crate::domain::money::format_eur;
use crate::ledger::archive::{ArchiveRole, Integrity};
use crate::ledger::files;
use crate::Ledger;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// What was written, and the claim it states.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dossier {
    pub folder: PathBuf,
    /// Every file written, relative to `folder`.
    pub files: Vec<String>,
    pub as_of: NaiveDate,
    pub principal: Decimal,
    pub interest: Decimal,
    pub indemnity: Decimal,
    pub total: Decimal,
    pub court: Court,
    /// Letters sent with no archived copy (rendered again from the ledger) or whose copy changed.
    pub warnings: Vec<String>,
}

/// Writes the dossier of a client as of `as_of` into a new folder inside `out`.
/// Refused for a client under a collective procedure: its creditors declare their claims, they do not sue.
pub fn build(ledger: &Ledger, client_id: i64, as_of: NaiveDate, out: &Path) -> Result<Dossier> {
    crate::desk::procedure::refuse_under_procedure(ledger, client_id, "Dossier pour le tribunal refusé", as_of)?;
    let account = account(ledger, client_id, as_of)?;
    let timeline = clients::client_timeline(ledger, &account, as_of)?;
    let claim = crate::desk::penalties::penalties(ledger, client_id, as_of)?;
    let profile = ledger.profile()?;
    // Its sheets state the creditor as letters do: a blank one is refused the same way.
    if let Some(fact) = assemble::missing_sender(&profile) {
        return Err(crate::documents::letters::LetterError::missing(&[fact]).into());
    }
    let sender = assemble::sender(&profile);
    let court = court_of(&account.client);
    let name = crate::documents::letters::sanitize_file_name(&format!(
        "{} Dossier {}",
        as_of.format("%Y-%m-%d"),
        account.name
    ));
    let folder = files::free_path(out, &name);
    let write = |relative: &str, bytes: &[u8]| -> Result<String> {
        files::write_atomically(&folder.join(relative), bytes)?;
        Ok(relative.to_string())
    };
    let mut files = Vec::new();
    let mut warnings = Vec::new();

    // The letters sent and their proofs.
    let checks = ledger.verify_archive(Some(client_id))?;
    let sent: Vec<_> = ledger
        .dispatch_rows(Some(client_id))?
        .into_iter()
        .filter(|row| row.status == "sent" && row.sent_on.is_some_and(|on| on <= as_of))
        .collect();
    let mut letter_rows = Vec::new();
    for row in sent.iter().rev() {
        let sent_on = row.sent_on.unwrap_or(row.drafted_on);
        let archived = checks.iter().find(|c| c.file.letter_id == Some(row.id) && c.file.role == ArchiveRole::Letter);
        let bytes = match archived {
            Some(check) if check.state == Integrity::Intact => ledger.read_archived(&check.file)?,
            other => {
                if let Some(check) = other {
                    warnings.push(check.message.clone());
                }
                warnings.push(format!(
                    "{} du {} : aucune copie intacte archivée, le courrier est reconstitué depuis le registre.",
                    row.kind.title(),
                    format_long(sent_on)
                ));
                let letter = desk::stored_letter(ledger, row.id, sent_on)?;
                crate::documents::print::letter_pdf(&letter, &desk::print_options(ledger)?)?
            }
        };
        let file = crate::documents::letters::sanitize_file_name(&format!(
            "{} {} n° {}",
            sent_on.format("%Y-%m-%d"),
            row.kind.title(),
            row.id
        ));
        files.push(write(&format!("Courriers/{file}.pdf"), &bytes)?);
        let mut proofs = Vec::new();
        // As of its date the dossier holds only what existed then: a proof is dated the day it was archived
        // (the deposit receipt kept, the signed receipt come back), and a later one is left out.
        let proofs_then = checks.iter().filter(|c| {
            c.file.letter_id == Some(row.id) && c.file.role != ArchiveRole::Letter && c.file.archived_on <= as_of
        });
        for check in proofs_then {
            if check.state == Integrity::Intact {
                let bytes = ledger.read_archived(&check.file)?;
                files.push(write(&format!("Preuves/{}", check.file.file_name), &bytes)?);
                proofs.push(check.file.role.label().to_string());
            } else {
                warnings.push(check.message.clone());
            }
        }
        let delivery = row
            .delivery
            .as_ref()
            .filter(|delivery| delivery.date() <= as_of)
            .map_or_else(|| "distribution non renseignée".to_string(), |d| d.label());
        let tracking = row.tracking_number.clone().map(|n| format!("n° {n}")).unwrap_or_default();
        letter_rows.push((sent_on, row.kind.title().to_string(), format!("{tracking} {delivery}"), proofs.join(", ")));
    }

    // The claimed invoices' documents, as kept (a changed or missing one is said, never copied).
    let mut copied = Vec::new();
    for invoice in &claim.breakdown.invoices {
        let Some(document) = ledger.invoice_document(invoice.invoice_id)? else { continue };
        match ledger.document_bytes(&document) {
            Ok(bytes) => {
                let name = crate::desk::invoices::copy_name(&invoice.number);
                files.push(write(&format!("Factures/{name}"), &bytes)?);
                copied.push(invoice.number.clone());
            }
            Err(error) => warnings.push(error.to_string()),
        }
    }

    // The chronological summary.
    let mut events: Vec<Vec<String>> = timeline
        .iter()
        .rev()
        .map(|entry| {
            vec![
                format_short(entry.date),
                entry.title.clone(),
                entry.detail.clone(),
                entry.amount.map(format_eur).unwrap_or_default(),
            ]
        })
        .collect();
    events.retain(|row| !row[1].is_empty());
    let summary_tables = vec![
        Table {
            title: "Chronologie".into(),
            columns: columns(&[
                ("Date", 10, false),
                ("Événement", 22, false),
                ("Détail", 42, false),
                ("Montant", 12, true),
            ]),
            rows: events,
            bold_rows_from: None,
        },
        Table {
            title: "Courriers envoyés et preuves".into(),
            columns: columns(&[
                ("Envoi", 10, false),
                ("Courrier", 22, false),
                ("Suivi", 36, false),
                ("Preuves", 18, false),
            ]),
            rows: letter_rows
                .iter()
                .map(|(on, title, tracking, proofs)| {
                    vec![format_short(*on), title.clone(), tracking.clone(), proofs.clone()]
                })
                .collect(),
            bold_rows_from: None,
        },
    ];
    let summary_body = vec![
        format!("Dossier de recouvrement de {} établi le {}.", account.name, format_long(as_of)),
        format!(
            "Somme due au {} : {} (principal {}, pénalités ou intérêts {}, indemnités {}).",
            format_long(as_of),
            format_eur(claim.breakdown.total),
            format_eur(claim.breakdown.principal),
            format_eur(claim.breakdown.interest),
            format_eur(claim.breakdown.indemnity)
        ),
    ];
    let summary = document_pdf(&sender, "Récapitulatif chronologique", as_of, summary_body, summary_tables)?;
    files.insert(0, write("01 Récapitulatif chronologique.pdf", &summary)?);

    // The claim: the same table as a letter's annex.
    let breakdown = assemble::breakdown_facts_all(&claim.breakdown);
    let mut claim_body = vec![format!("Décompte de la créance sur {} au {}.", account.name, format_long(as_of))];
    claim_body.extend(claim.breakdown.warnings.iter().map(|w| w.message.clone()));
    let claim_pdf = document_pdf(
        &sender,
        &format!("Décompte de la créance au {}", format_long(as_of)),
        as_of,
        claim_body,
        vec![penalty_table("Pénalités par période".into(), &breakdown, claim.kind == ClientKind::Professional)],
    )?;
    files.insert(1, write("02 Décompte de la créance.pdf", &claim_pdf)?);

    // The data sheet for the injonction de payer form.
    let debtor = &account.client.fields;
    let invoices: Vec<String> =
        claim.breakdown.invoices.iter().map(|i| format!("{} échue le {}", i.number, format_long(i.due_date))).collect();
    let mut sheet_body = match court.procedure {
        Procedure::French => vec![
            format!(
                "Formulaire : Cerfa n° {} – requête en injonction de payer devant le {}.",
                court.cerfa,
                court.jurisdiction.to_lowercase()
            ),
            format!(
                "Juridiction : {} (à confirmer), celui du lieu du domicile du débiteur ({} {}). Le nom exact du \
                 tribunal compétent pour cette commune est à confirmer (annuaire des juridictions du ministère \
                 de la Justice) : Ardoise ne le déduit que de l'adresse.",
                court.name, court.postcode, court.town
            ),
        ],
        Procedure::European => vec![
            format!(
                "Procédure : le débiteur est établi dans un autre État membre de l'Union européenne ({}). La \
                 requête française en injonction de payer (Cerfa 12946 ou 12948) ne s'applique pas : la voie \
                 est l'injonction de payer européenne (règlement (CE) n° 1896/2006).",
                court.country
            ),
            "Formulaire : formulaire A, « Demande d'injonction de payer européenne » (annexe I du règlement), \
             disponible en français sur le portail e-Justice européen, rempli dans une langue que la \
             juridiction saisie accepte."
                .to_string(),
            format!(
                "Juridiction : {} ({} {}, {}). À confirmer : Ardoise ne la déduit pas de l'adresse.",
                if claim.kind == ClientKind::Consumer {
                    "pour un consommateur, obligatoirement une juridiction de l'État de son domicile (article 6 \
                     du règlement)"
                } else {
                    "celle que désignent les règles européennes de compétence (règlement (UE) n° 1215/2012), en \
                     principe celle du domicile du débiteur"
                },
                court.postcode,
                court.town,
                court.country
            ),
        ],
        Procedure::Foreign => vec![
            format!(
                "Procédure : le débiteur est établi hors de France ({}). La requête française en injonction de \
                 payer (Cerfa 12946 ou 12948) ne s'applique pas, ni l'injonction de payer européenne, réservée \
                 aux débiteurs des États membres de l'Union européenne liés par le règlement (CE) n° 1896/2006 \
                 (tous sauf le Danemark).",
                court.country
            ),
            format!(
                "Juridiction : celle du pays du débiteur ({} {}, {}), selon sa procédure de recouvrement ; à \
                 voir avec un avocat ou un commissaire de justice de ce pays. Ardoise ne la déduit pas de \
                 l'adresse.",
                court.postcode, court.town, court.country
            ),
        ],
    };
    sheet_body.extend([
        format!(
            "Créancier : {}, {}, SIREN/SIRET {}.",
            profile.legal_name,
            profile.address.lines("").join(", "),
            profile.siren_siret
        ),
        format!(
            "Débiteur : {}, {}{}.",
            account.name,
            account.client.fields.address.lines(&account.name).iter().skip(1).cloned().collect::<Vec<_>>().join(", "),
            if debtor.siren_siret.is_empty() { String::new() } else { format!(", SIREN/SIRET {}", debtor.siren_siret) }
        ),
        format!(
            "Montant demandé au {} : principal {}, {} {}, indemnités forfaitaires {}, soit {}.",
            format_long(as_of),
            format_eur(claim.breakdown.principal),
            if claim.kind == ClientKind::Professional { "pénalités de retard" } else { "intérêts" },
            format_eur(claim.breakdown.interest),
            format_eur(claim.breakdown.indemnity),
            format_eur(claim.breakdown.total)
        ),
        format!("Fondement : factures {}.", invoices.join(" ; ")),
        format!(
            "Pièces : {}, les courriers envoyés ({}) et leurs preuves, le décompte de la créance.",
            if copied.is_empty() {
                "les factures (aucune copie n'est gardée dans Ardoise : joignez-les)".to_string()
            } else if copied.len() == claim.breakdown.invoices.len() {
                format!("les factures {} (dossier « Factures »)", copied.join(", "))
            } else {
                format!(
                    "les factures {} (dossier « Factures » ; joignez les autres, dont Ardoise ne garde pas de copie)",
                    copied.join(", ")
                )
            },
            letter_rows.len()
        ),
    ]);
    let (sheet_title, sheet_file) = match court.procedure {
        Procedure::French => ("Fiche pour la requête en injonction de payer", "03 Fiche injonction de payer.pdf"),
        Procedure::European => {
            ("Fiche pour la demande d'injonction de payer européenne", "03 Fiche injonction de payer européenne.pdf")
        }
        Procedure::Foreign => ("Fiche pour le recouvrement à l'étranger", "03 Fiche recouvrement à l'étranger.pdf"),
    };
    let sheet = document_pdf(&sender, sheet_title, as_of, sheet_body, Vec::new())?;
    files.insert(2, write(sheet_file, &sheet)?);

    Ok(Dossier {
        folder,
        files,
        as_of,
        principal: claim.breakdown.principal,
        interest: claim.breakdown.interest,
        indemnity: claim.breakdown.indemnity,
        total: claim.breakdown.total,
        court,
        warnings,
    })
}
