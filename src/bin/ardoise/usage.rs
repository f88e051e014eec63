//! Clap's usage errors, said in French: the command line speaks only French.

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// Clap's usage errors, said in French. `command` and `words` (the arguments given) tell which command a
/// missing subcommand belongs to.
pub fn usage_error_in_french(error: &clap::Error, command: &clap::Command, words: &[String]) -> String {
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
            let (parent, valid) = deepest_command(command, words);
            if valid.is_empty() || parent == "ardoise" {
                "indiquez une commande : clients, invoices, write-off, summary, penalties, propose, decide, kinds, letter, \
                 letters, batch, email, plan, dispatch, attach, prices, deposit-list, dossier, init, demo, export, load, \
                 import, imports, undo-import, bank, backups, backup, restore, bundle ou unbundle."
                    .to_string()
            } else {
                format!("indiquez une sous-commande de « {parent} » : {}.", valid.join(", "))
            }
        }
        ErrorKind::ArgumentConflict => {
            let (argument, prior) = (context(ContextKind::InvalidArg), context(ContextKind::PriorArg));
            if argument == prior || prior.is_empty() {
                format!("{argument} est donné deux fois : gardez-en un seul.")
            } else {
                format!("{argument} ne peut pas être utilisé avec {prior}.")
            }
        }
        ErrorKind::TooManyValues => format!(
            "trop de valeurs pour {} (« {} » en trop).",
            context(ContextKind::InvalidArg),
            context(ContextKind::InvalidValue)
        ),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("nombre de valeurs incorrect pour {}.", context(ContextKind::InvalidArg))
        }
        ErrorKind::NoEquals => format!("écrivez {}=VALEUR.", context(ContextKind::InvalidArg)),
        ErrorKind::InvalidUtf8 => "un argument contient des caractères illisibles (pas de l'UTF-8).".to_string(),
        _ => "arguments incorrects : voyez l'aide de la commande.".to_string(),
    }
}

/// The deepest command `words` name (« ardoise plan ») and its subcommands.
fn deepest_command(root: &clap::Command, words: &[String]) -> (String, Vec<String>) {
    let mut current = root;
    let mut path = vec![root.get_name().to_string()];
    for word in words {
        if let Some(sub) = current.find_subcommand(word) {
            path.push(sub.get_name().to_string());
            current = sub;
        }
    }
    (path.join(" "), current.get_subcommands().map(|sub| sub.get_name().to_string()).collect())
}
