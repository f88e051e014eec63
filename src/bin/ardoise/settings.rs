//! The `profile`, `rates` and `claim-statement` commands: what « Réglages » and the client page hold that
//! letters depend on (how the trader is addressed, the logo and signature images, the half-year rates,
//! what the user confirms for a déclaration de créance).

use crate::output::json;
use anyhow::bail;
use ardoise::desk::format::format_short;
use ardoise::desk::penalties::{self, RateRowText};
use ardoise::desk::settings::{self, AddressedAs, ProfileImage};
use ardoise::desk::{procedure, Ledger};
use chrono::NaiveDate;
use std::io::Write;
use std::path::PathBuf;

/// What `ardoise profile` changes; nothing given: it only shows the profile's letter settings.
#[derive(Debug, Default)]
pub struct ProfileRequest {
    pub addressed_as: Option<String>,
    pub signature: Option<PathBuf>,
    pub logo: Option<PathBuf>,
    pub no_signature: bool,
    pub no_logo: bool,
}

pub fn profile(
    ledger: &mut Ledger,
    request: ProfileRequest,
    as_json: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if let Some(text) = &request.addressed_as {
        let Some(choice) = AddressedAs::from_text(text) else {
            bail!("--addressed-as « {text} » inconnu : madame, monsieur ou entreprise.");
        };
        settings::save_addressed_as(ledger, choice)?;
    }
    for (path, image) in [(&request.signature, ProfileImage::Signature), (&request.logo, ProfileImage::Logo)] {
        if let Some(path) = path {
            settings::set_profile_image(ledger, image, path)?;
        }
    }
    for (remove, image) in [(request.no_signature, ProfileImage::Signature), (request.no_logo, ProfileImage::Logo)] {
        if remove {
            settings::remove_profile_image(ledger, image)?;
        }
    }
    let profile = settings::profile(ledger)?;
    let images = settings::profile_images(ledger)?;
    if as_json {
        let size = |view: &Option<settings::ProfileImageView>| {
            view.as_ref().map(|v| serde_json::json!({ "width": v.width, "height": v.height }))
        };
        return json(
            out,
            &serde_json::json!({
                "legal_name": profile.legal_name,
                "addressed_as": profile.addressed_as,
                "signature": size(&images.signature),
                "logo": size(&images.logo),
            }),
        );
    }
    let name = if profile.legal_name.is_empty() { "(nom légal à renseigner)" } else { profile.legal_name.as_str() };
    writeln!(out, "Profil : {name}")?;
    writeln!(
        out,
        "  vous êtes : {}",
        profile.addressed_as.map_or("non renseigné (voir --addressed-as)", AddressedAs::label)
    )?;
    for (label, view) in [("signature", &images.signature), ("logo", &images.logo)] {
        match view {
            Some(view) => writeln!(out, "  {label} : image de {} × {} pixels", view.width, view.height)?,
            None => writeln!(out, "  {label} : aucune")?,
        }
    }
    Ok(())
}

/// The rates of one half-year to enter; no semester: the table is listed.
#[derive(Debug, Default)]
pub struct RatesRequest {
    pub semester: Option<String>,
    pub ecb: Option<String>,
    pub legal_other: Option<String>,
    pub legal_individual: Option<String>,
}

pub fn rates(ledger: &mut Ledger, request: RatesRequest, as_json: bool, out: &mut impl Write) -> anyhow::Result<()> {
    let table = match &request.semester {
        Some(semester) => {
            if request.ecb.is_none() && request.legal_other.is_none() && request.legal_individual.is_none() {
                bail!("indiquez au moins un taux : --ecb, --legal-other ou --legal-individual (en %, ex. 2,15).");
            }
            let typed = RateRowText {
                semester: semester.clone(),
                ecb_rate: request.ecb.unwrap_or_default(),
                legal_rate_other: request.legal_other.unwrap_or_default(),
                legal_rate_individual: request.legal_individual.unwrap_or_default(),
            };
            let table = penalties::save_semester_rates(ledger, &typed)?;
            if !as_json {
                writeln!(out, "Taux du semestre {} enregistrés.", semester.trim())?;
            }
            table
        }
        None => penalties::rates(ledger)?,
    };
    if as_json {
        return json(out, &table);
    }
    writeln!(out, "{:<8} {:>11} {:>11} {:>16} {:>11}", "semestre", "du", "au", "légal (autres)", "BCE")?;
    let shown = |rate: Option<rust_decimal::Decimal>| {
        rate.map_or_else(|| "à saisir".to_string(), ardoise::desk::format::percent)
    };
    for row in &table.rows {
        writeln!(
            out,
            "{:<8} {:>11} {:>11} {:>16} {:>11}",
            row.semester,
            format_short(row.start),
            format_short(row.end),
            shown(row.legal_rate_other),
            shown(row.ecb_rate)
        )?;
    }
    Ok(())
}

pub fn claim_statement(
    ledger: &mut Ledger,
    client: i64,
    to_fall_due: &str,
    securities: &str,
    date: NaiveDate,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    fn none(text: &str) -> &str {
        if ["aucune", "aucun", "néant", "neant", "none"].contains(&text.trim().to_lowercase().as_str()) {
            ""
        } else {
            text
        }
    }
    let statement = procedure::confirm_claim_statement(ledger, client, none(to_fall_due), none(securities), date)?;
    let said = |text: &str| if text.is_empty() { "aucune".to_string() } else { text.to_string() };
    writeln!(
        out,
        "Déclaration de créance du client n° {client} : sommes à échoir {}, sûretés {} (confirmé le {}).",
        said(&statement.to_fall_due),
        said(&statement.securities),
        format_short(date)
    )?;
    Ok(())
}
