//! The `client` command: one client's record as letters address it (`show`), and its fields changed as
//! the window's client form changes them (`edit`): only the options given, checked in full before anything
//! is written.

use crate::settings::AddressFields;
use ardoise::desk::clients::{self as client_desk, Client, ClientFields, ClientKind};
use ardoise::desk::Ledger;
use clap::Subcommand;
use std::io::Write;

#[derive(Subcommand, Debug)]
pub enum ClientCommand {
    /// Montre la fiche d'un client : nom, adresse telle qu'imprimée, e-mail, téléphone, SIREN/SIRET, notes.
    Show {
        /// Le client : son numéro ou son nom (voir `ardoise clients`).
        client: String,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Change la fiche d'un client : seuls les champs donnés changent ; une valeur vide (--phone "") efface
    /// le champ. La fiche est vérifiée comme dans la fenêtre (adresse, e-mail, SIREN/SIRET) : une valeur
    /// refusée n'écrit rien.
    Edit {
        /// Le client : son numéro ou son nom (voir `ardoise clients`).
        client: String,
        #[command(flatten)]
        fields: Box<ClientEdits>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
}

/// The client form's fields, one option each; each given one replaces the field.
#[derive(Debug, Default, clap::Args)]
#[command(next_help_heading = "La fiche du client")]
pub struct ClientEdits {
    /// professionnel (une entreprise, un entrepreneur : pénalités de retard et indemnité de 40 €) ou
    /// particulier.
    #[arg(long, value_parser = parse_kind, value_name = "TYPE")]
    pub kind: Option<ClientKind>,
    /// Raison sociale (pour une entreprise).
    #[arg(long, value_name = "NOM")]
    pub company_name: Option<String>,
    /// Civilité d'un particulier : M., Mme…
    #[arg(long, value_name = "TEXTE")]
    pub civility: Option<String>,
    /// Prénom d'un particulier.
    #[arg(long, value_name = "PRÉNOM")]
    pub first_name: Option<String>,
    /// Nom d'un particulier.
    #[arg(long, value_name = "NOM")]
    pub last_name: Option<String>,
    /// La personne à qui écrire chez le client (ligne « À l'attention de »).
    #[arg(long, value_name = "NOM")]
    pub contact: Option<String>,
    #[command(flatten)]
    pub address: AddressFields,
    /// Adresse e-mail, pour les courriers envoyés par e-mail.
    #[arg(long, value_name = "ADRESSE")]
    pub email: Option<String>,
    /// Téléphone.
    #[arg(long, value_name = "NUMÉRO")]
    pub phone: Option<String>,
    /// SIREN (9 chiffres) ou SIRET (14 chiffres).
    #[arg(long, visible_aliases = ["siren", "siret"], value_name = "NUMÉRO")]
    pub siren_siret: Option<String>,
    /// Notes libres.
    #[arg(long, value_name = "TEXTE")]
    pub notes: Option<String>,
}

fn parse_kind(text: &str) -> Result<ClientKind, String> {
    match text.trim().to_lowercase().as_str() {
        "professionnel" | "pro" | "professional" | "entreprise" => Ok(ClientKind::Professional),
        "particulier" | "consumer" | "consommateur" => Ok(ClientKind::Consumer),
        _ => Err(format!("« {text} » : écrivez professionnel ou particulier.")),
    }
}

/// Where one option goes in the client's fields.
type ClientField = fn(&mut ClientFields) -> &mut String;

impl ClientEdits {
    /// The options given, each with where it goes.
    fn given(&self) -> Vec<(&String, ClientField)> {
        let fields: [(&Option<String>, ClientField); 9] = [
            (&self.company_name, |c| &mut c.company_name),
            (&self.civility, |c| &mut c.civility),
            (&self.first_name, |c| &mut c.first_name),
            (&self.last_name, |c| &mut c.last_name),
            (&self.contact, |c| &mut c.contact_person),
            (&self.email, |c| &mut c.email),
            (&self.phone, |c| &mut c.phone),
            (&self.siren_siret, |c| &mut c.siren_siret),
            (&self.notes, |c| &mut c.notes),
        ];
        fields.into_iter().filter_map(|(value, field)| value.as_ref().map(|value| (value, field))).collect()
    }
}

pub fn run(ledger: &mut Ledger, command: ClientCommand, out: &mut impl Write) -> anyhow::Result<()> {
    match command {
        ClientCommand::Show { client, json } => {
            let id = super::client_of(ledger, &client)?;
            show(&client_desk::client(ledger, id)?, json, out)
        }
        ClientCommand::Edit { client, fields: edits, json } => {
            let id = super::client_of(ledger, &client)?;
            let given = edits.given();
            if given.is_empty() && edits.address.given().is_empty() && edits.kind.is_none() {
                anyhow::bail!("rien à changer : donnez au moins un champ (voir `ardoise client edit --help`).");
            }
            let mut fields = client_desk::client(ledger, id)?.fields;
            for (value, field) in given {
                *field(&mut fields) = value.trim().to_string();
            }
            edits.address.apply(&mut fields.address);
            if let Some(kind) = edits.kind {
                fields.kind = kind;
            }
            client_desk::save_client(ledger, Some(id), &fields)
                .map_err(|error| anyhow::anyhow!("fiche non enregistrée : {error}"))?;
            let saved = client_desk::client(ledger, id)?;
            if !json {
                writeln!(out, "Fiche de {} enregistrée.", saved.fields.display_name())?;
            }
            show(&saved, json, out)
        }
    }
}

fn show(client: &Client, json: bool, out: &mut impl Write) -> anyhow::Result<()> {
    if json {
        return crate::output::json(out, client);
    }
    let fields = &client.fields;
    let name = fields.display_name();
    let or_blank = |text: &str| if text.trim().is_empty() { "—".to_string() } else { text.trim().to_string() };
    let kind = if fields.kind == ClientKind::Professional { "professionnel" } else { "particulier" };
    writeln!(out, "Client n° {} : {name} ({kind})", client.id)?;
    let lines = fields.address.lines(&name);
    writeln!(out, "  adresse      {}", if lines.len() > 1 { lines[1..].join(", ") } else { "—".into() })?;
    for problem in fields.address.problems(&name) {
        writeln!(out, "               (à corriger avant d'imprimer : {})", problem.message)?;
    }
    if !fields.contact_person.trim().is_empty() {
        writeln!(out, "  contact      {}", fields.contact_person.trim())?;
    }
    writeln!(out, "  e-mail       {}", or_blank(&fields.email))?;
    writeln!(out, "  téléphone    {}", or_blank(&fields.phone))?;
    writeln!(out, "  SIREN/SIRET  {}", or_blank(&fields.siren_siret))?;
    if !fields.notes.trim().is_empty() {
        writeln!(out, "  notes        {}", fields.notes.trim())?;
    }
    Ok(())
}
