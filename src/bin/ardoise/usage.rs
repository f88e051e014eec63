//! Clap's usage errors, said in French: the command line speaks only French.

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// Clap's usage errors, said in French.
pub fn usage_error_in_french(error: &clap::Error) -> String {
    let context = |kind: ContextKind| -> String {
        match error.get(kind) {
            Some(ContextValue::String(text)) => text.clone(),
            Some(ContextValue::Strings(texts)) => texts.join(", "),
            Some(ContextValue::StyledStr(text)) => text.to_string(),
            Some(ContextValue::StyledStrs(texts)) => {
                texts.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
            }
            _ => String::new(),
        }
    };
    let suggestion = |kind: ContextKind| {
        let suggested = context(kind);
        if suggested.is_empty() {
            String::new()
        } else {
            format!(" Vouliez-vous dire « {suggested} » ?")
        }
    };
    match error.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "commande inconnue « {} ».{}",
            context(ContextKind::InvalidSubcommand),
            suggestion(ContextKind::SuggestedSubcommand)
        ),
        ErrorKind::UnknownArgument => format!(
            "option inconnue « {} ».{}",
            context(ContextKind::InvalidArg),
            suggestion(ContextKind::SuggestedArg)
        ),
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(error).map(ToString::to_string).unwrap_or_default();
            format!("{} : {reason}", context(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidValue => format!(
            "valeur « {} » refusée pour {} (valeurs possibles : {}).",
            context(ContextKind::InvalidValue),
            context(ContextKind::InvalidArg),
            context(ContextKind::ValidValue)
        ),
        ErrorKind::MissingRequiredArgument => format!("il manque {}.", context(ContextKind::InvalidArg)),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "indiquez une commande : clients, invoices, summary, penalties, propose, decide, kinds, letter, batch, \
             plan, dispatch, letters, attach, prices, deposit-list, dossier, demo, export, load, import, imports, \
             undo-import, bank, backups, backup, restore, bundle ou unbundle."
                .to_string()
        }
        ErrorKind::ArgumentConflict => format!(
            "{} ne peut pas être utilisé avec {}.",
            context(ContextKind::InvalidArg),
            context(ContextKind::PriorArg)
        ),
        _ => format!("arguments incorrects ({}).", error.kind()),
    }
}
