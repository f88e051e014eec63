//! The `profile`, `rates` and `claim-statement` commands: what « Réglages » and the client page hold that
//! letters depend on (how the trader is addressed, the logo and signature images, the half-year rates,
//! what the user confirms for a déclaration de créance).

use crate::output::json;
use anyhow::bail;
use ardoise::desk::clients::PostalAddress;
use ardoise::desk::format::format_short;
use ardoise::desk::penalties::{self, RateRowText};
use ardoise::desk::settings::{self, AddressedAs, Profile, ProfileImage};
use ardoise::desk::{procedure, Ledger};
use chrono::NaiveDate;
use std::io::Write;
use std::path::PathBuf;

/// What `ardoise profile` changes; nothing given: it only shows the profile's letter settings.
#[derive(Debug, Default)]
pub struct ProfileRequest {
    pub identity: ProfileFields,
    pub addressed_as: Option<String>,
    pub signature: Option<PathBuf>,
    pub logo: Option<PathBuf>,
    pub no_signature: bool,
    pub no_logo: bool,
}

/// The sender's identity (product.md F1.1) as « Mon profil » edits it, one option per field of the
/// profile; each given one replaces the field (an empty value clears it), the others are kept.
#[derive(Debug, Default, clap::Args)]
#[command(next_help_heading = "Votre identité d'expéditeur")]
pub struct ProfileFields {
    /// Votre nom légal avec la mention EI (ex. « Marie DURAND EI »).
    #[arg(long, value_name = "NOM")]
    pub legal_name: Option<String>,
    /// Votre nom commercial, s'il y en a un.
    #[arg(long, value_name = "NOM")]
    pub trade_name: Option<String>,
    #[command(flatten)]
    pub address: AddressFields,
    /// Votre SIREN (9 chiffres) ou SIRET (14 chiffres).
    #[arg(long, visible_aliases = ["siren", "siret"], value_name = "NUMÉRO")]
    pub siren_siret: Option<String>,
    /// Votre immatriculation : « RCS Lyon » ou « RM 123 456 789 ».
    #[arg(long, value_name = "TEXTE")]
    pub registry: Option<String>,
    /// Votre numéro de TVA intracommunautaire (vous n'êtes alors plus en franchise de TVA).
    #[arg(long, value_name = "NUMÉRO", conflicts_with = "vat_exempt")]
    pub vat_number: Option<String>,
    /// Franchise en base de TVA : vos courriers portent « TVA non applicable, art. 293 B du CGI ».
    #[arg(long, conflicts_with = "no_vat_exempt")]
    pub vat_exempt: bool,
    /// Vous n'êtes plus en franchise de TVA.
    #[arg(long)]
    pub no_vat_exempt: bool,
    /// Votre téléphone.
    #[arg(long, value_name = "NUMÉRO")]
    pub phone: Option<String>,
    /// Votre adresse e-mail.
    #[arg(long, value_name = "ADRESSE")]
    pub email: Option<String>,
    /// L'IBAN où vos clients vous paient par virement.
    #[arg(long, value_name = "IBAN")]
    pub iban: Option<String>,
    /// Le BIC de votre banque.
    #[arg(long, value_name = "BIC")]
    pub bic: Option<String>,
    /// La ville de la ligne « <Ville>, le <date> » de vos courriers.
    #[arg(long, value_name = "VILLE")]
    pub signature_town: Option<String>,
}

/// A postal address by its NF Z10-011 lines, one option each, as `profile` and `client edit` take it.
#[derive(Debug, Default, clap::Args)]
pub struct AddressFields {
    /// Adresse, ligne 2 : service, appartement, étage, « chez ».
    #[arg(long, value_name = "TEXTE")]
    pub complement: Option<String>,
    /// Adresse, ligne 3 : bâtiment, entrée, résidence, zone d'activité.
    #[arg(long, value_name = "TEXTE")]
    pub building: Option<String>,
    /// Adresse, ligne 4 : numéro et voie (ex. « 12 RUE DES LILAS »).
    #[arg(long, value_name = "TEXTE")]
    pub street: Option<String>,
    /// Adresse, ligne 5 : lieu-dit, ou BP / CS / TSA et son numéro.
    #[arg(long, value_name = "TEXTE")]
    pub locality: Option<String>,
    /// Code postal (5 chiffres en France).
    #[arg(long, value_name = "CODE")]
    pub postcode: Option<String>,
    /// Ville (avec « CEDEX nn » s'il y en a un).
    #[arg(long, value_name = "VILLE")]
    pub town: Option<String>,
    /// Pays, hors de France seulement.
    #[arg(long, value_name = "PAYS")]
    pub country: Option<String>,
}

/// Where one option goes in an address.
type AddressField = fn(&mut PostalAddress) -> &mut String;

impl AddressFields {
    /// The options given, each with the line it replaces.
    pub fn given(&self) -> Vec<(&String, AddressField)> {
        let fields: [(&Option<String>, AddressField); 7] = [
            (&self.complement, |a| &mut a.complement),
            (&self.building, |a| &mut a.building),
            (&self.street, |a| &mut a.street),
            (&self.locality, |a| &mut a.locality),
            (&self.postcode, |a| &mut a.postcode),
            (&self.town, |a| &mut a.town),
            (&self.country, |a| &mut a.country),
        ];
        fields.into_iter().filter_map(|(value, field)| value.as_ref().map(|value| (value, field))).collect()
    }

    /// `address` with the lines given replaced (trimmed; an empty value clears the line).
    pub fn apply(&self, address: &mut PostalAddress) {
        for (value, field) in self.given() {
            *field(address) = value.trim().to_string();
        }
    }
}

/// Where one option goes in the profile.
type ProfileField = fn(&mut Profile) -> &mut String;

impl ProfileFields {
    /// True when no field is given.
    fn is_empty(&self) -> bool {
        self.text_fields().is_empty() && self.address.given().is_empty() && !self.vat_exempt && !self.no_vat_exempt
    }

    /// The text options given, each with where it goes in the profile.
    fn text_fields(&self) -> Vec<(&String, ProfileField)> {
        let fields: [(&Option<String>, ProfileField); 10] = [
            (&self.legal_name, |p| &mut p.legal_name),
            (&self.trade_name, |p| &mut p.trade_name),
            (&self.siren_siret, |p| &mut p.siren_siret),
            (&self.registry, |p| &mut p.registry),
            (&self.vat_number, |p| &mut p.vat_number),
            (&self.phone, |p| &mut p.phone),
            (&self.email, |p| &mut p.email),
            (&self.iban, |p| &mut p.iban),
            (&self.bic, |p| &mut p.bic),
            (&self.signature_town, |p| &mut p.signature_town),
        ];
        fields.into_iter().filter_map(|(value, field)| value.as_ref().map(|value| (value, field))).collect()
    }

    /// The profile with the given fields replaced.
    fn applied_to(&self, mut profile: Profile) -> Profile {
        for (value, field) in self.text_fields() {
            *field(&mut profile) = value.clone();
        }
        self.address.apply(&mut profile.address);
        if self.vat_number.as_ref().is_some_and(|number| !number.trim().is_empty()) || self.no_vat_exempt {
            profile.vat_exempt = false;
        }
        if self.vat_exempt {
            profile.vat_exempt = true;
        }
        profile
    }
}

pub fn profile(
    ledger: &mut Ledger,
    request: ProfileRequest,
    as_json: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let addressed_as = match &request.addressed_as {
        Some(text) => match AddressedAs::from_text(text) {
            Some(choice) => Some(choice),
            None => bail!("--addressed-as « {text} » inconnu : madame, monsieur ou entreprise."),
        },
        None => None,
    };
    // Every change is one unit: a refused value (a SIREN whose key is wrong, an unreadable image) leaves
    // the profile as it was.
    ledger.atomically(|ledger| -> anyhow::Result<()> {
        if !request.identity.is_empty() {
            // The window's own save: the same checks (EI mention, SIREN/SIRET key, IBAN key, address) and
            // the same French messages.
            let changed = request.identity.applied_to(settings::profile(ledger)?);
            settings::save_profile(ledger, &changed)
                .map_err(|error| anyhow::anyhow!("profil non enregistré : {error}"))?;
        }
        if let Some(choice) = addressed_as {
            settings::save_addressed_as(ledger, choice)?;
        }
        for (path, image) in [(&request.signature, ProfileImage::Signature), (&request.logo, ProfileImage::Logo)] {
            if let Some(path) = path {
                settings::set_profile_image(ledger, image, path)?;
            }
        }
        for (remove, image) in [(request.no_signature, ProfileImage::Signature), (request.no_logo, ProfileImage::Logo)]
        {
            if remove {
                settings::remove_profile_image(ledger, image)?;
            }
        }
        Ok(())
    })?;
    let profile = settings::profile(ledger)?;
    let images = settings::profile_images(ledger)?;
    if as_json {
        let size = |view: &Option<settings::ProfileImageView>| {
            view.as_ref().map(|v| serde_json::json!({ "width": v.width, "height": v.height }))
        };
        let mut shown = serde_json::to_value(&profile)?;
        shown["signature"] = serde_json::json!(size(&images.signature));
        shown["logo"] = serde_json::json!(size(&images.logo));
        return json(out, &shown);
    }
    let name = if profile.legal_name.trim().is_empty() {
        "nom légal à renseigner (--legal-name)"
    } else {
        profile.legal_name.as_str()
    };
    writeln!(out, "Profil : {name}")?;
    let or_blank = |text: &str| if text.trim().is_empty() { "—".to_string() } else { text.to_string() };
    let address = profile.address.lines("").join(", ");
    let vat = if profile.vat_exempt {
        "TVA non applicable, art. 293 B du CGI".to_string()
    } else {
        or_blank(&profile.vat_number)
    };
    for (label, value) in [
        ("nom commercial", or_blank(&profile.trade_name)),
        ("adresse", or_blank(&address)),
        ("SIREN/SIRET", or_blank(&profile.siren_siret)),
        ("immatriculation", or_blank(&profile.registry)),
        ("TVA", vat),
        ("téléphone", or_blank(&profile.phone)),
        ("e-mail", or_blank(&profile.email)),
        ("IBAN", or_blank(&profile.iban)),
        ("BIC", or_blank(&profile.bic)),
        ("ville de la date", or_blank(&profile.signature_town)),
    ] {
        writeln!(out, "  {label} : {value}")?;
    }
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
