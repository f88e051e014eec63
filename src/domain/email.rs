//! Sending letters by e-mail (F12), the rules: how the connection to the user's mail server is secured,
//! the sending settings as typed and as checked (plain SMTP only to this computer), the known providers
//! with their servers and the advice each needs (an application password), the recipient a client's
//! e-mail address gives, and what a sent e-mail leaves as proof. No network here: `outbox/` speaks SMTP.

use crate::domain::identity::check_email;
use crate::domain::model::FieldErrors;
use serde::{Deserialize, Serialize};

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Security {
    /// A plain connection upgraded with STARTTLS before anything is said (port 587); if the upgrade
    /// fails, neither the password nor any e-mail is sent.
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: allowed only to a server on this computer (tests, a local relay).
    None,
}

impl Security {
    pub const ALL: [Security; 3] = [Security::Starttls, Security::Tls, Security::None];

    /// The id the command line and the window use (`starttls`, `tls`, `none`).
    pub fn id(self) -> &'static str {
        match self {
            Security::Starttls => "starttls",
            Security::Tls => "tls",
            Security::None => "none",
        }
    }

    pub fn from_id(text: &str) -> Option<Security> {
        Security::ALL.into_iter().find(|security| security.id().eq_ignore_ascii_case(text.trim()))
    }

    /// In French, as the settings page shows it.
    pub fn label(self) -> &'static str {
        match self {
            Security::Starttls => "STARTTLS (port 587)",
            Security::Tls => "TLS (port 465)",
            Security::None => "Aucune (seulement vers cet ordinateur, pour les essais)",
        }
    }

    /// The port a server usually listens on for this security.
    pub fn usual_port(self) -> u16 {
        match self {
            Security::Starttls => 587,
            Security::Tls => 465,
            Security::None => 25,
        }
    }
}

/// The sending settings as checked and stored. The password is never part of them: it lives in the
/// system's keychain, or in memory for the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// The login on the server; empty for a local server that asks for none.
    pub user: String,
    /// The sender's address, in the From line.
    pub from_address: String,
    /// The sender's name, in the From line (the trader's name when empty).
    pub from_name: String,
    /// Sends a hidden copy of every e-mail to the sender's own address.
    pub bcc_self: bool,
}

impl SmtpSettings {
    /// The key the password is kept under in the keychain: one per login and server.
    pub fn account(&self) -> String {
        format!("{}@{}:{}", self.user, self.host, self.port)
    }

    /// True when the server asks for a login (a user name is set).
    pub fn authenticates(&self) -> bool {
        !self.user.is_empty()
    }
}

/// The sending settings as the user typed them (window or command line), before checking.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SmtpSettingsText {
    pub host: String,
    pub port: String,
    /// `starttls`, `tls` or `none`.
    pub security: String,
    pub user: String,
    pub from_address: String,
    pub from_name: String,
    pub bcc_self: bool,
}

/// Checks the typed settings; every problem comes back at once, by field, in French.
pub fn check_settings(text: &SmtpSettingsText) -> Result<SmtpSettings, FieldErrors> {
    let mut errors = FieldErrors::default();
    let host = text.host.trim().trim_end_matches('.').to_lowercase();
    if host.is_empty() {
        errors.add("host", "indiquez le serveur d'envoi (SMTP) de votre messagerie, par exemple smtp.orange.fr.");
    } else if host.contains("://") || host.contains('/') || host.contains(char::is_whitespace) || host.contains('@') {
        errors.add(
            "host",
            format!(
                "« {} » n'est pas un nom de serveur : écrivez seulement son nom, par exemple smtp.gmail.com.",
                text.host.trim()
            ),
        );
    }
    let security = Security::from_id(&text.security);
    if security.is_none() {
        errors.add("security", "choisissez la sécurité de la connexion : STARTTLS (587) ou TLS (465).");
    }
    let port = match text.port.trim() {
        "" => security.map(Security::usual_port),
        typed => match typed.parse::<u16>() {
            Ok(port) if port > 0 => Some(port),
            _ => {
                errors.add("port", format!("« {typed} » n'est pas un port : un nombre entre 1 et 65535 (587 ou 465)."));
                None
            }
        },
    };
    if security == Some(Security::None) && !host.is_empty() && !is_this_computer(&host) {
        errors.add(
            "security",
            format!(
                "sans chiffrement, le mot de passe et les e-mails circuleraient en clair : une connexion sans \
                 sécurité n'est permise que vers cet ordinateur (localhost), pas vers « {host} ». Choisissez \
                 STARTTLS ou TLS."
            ),
        );
    }
    let from_address = match check_email(&text.from_address) {
        Ok(address) => address,
        Err(_) if text.from_address.trim().is_empty() => {
            errors.add("from_address", "indiquez l'adresse d'expédition, celle que vos clients verront.");
            String::new()
        }
        Err(message) => {
            errors.add("from_address", message);
            String::new()
        }
    };
    let user = text.user.trim().to_string();
    if user.is_empty() && security != Some(Security::None) {
        errors.add("user", "indiquez l'identifiant de connexion au serveur (le plus souvent votre adresse e-mail).");
    }
    let from_name = text.from_name.trim().to_string();
    if from_name.contains(['<', '>', '"', '\r', '\n']) {
        errors.add("from_name", "le nom d'expéditeur ne peut pas contenir < > \" ni de retour à la ligne.");
    }
    match (security, port) {
        (Some(security), Some(port)) if errors.is_empty() => {
            Ok(SmtpSettings { host, port, security, user, from_address, from_name, bcc_self: text.bcc_self })
        }
        _ => Err(errors),
    }
}

/// The settings as the form shows them again.
impl From<&SmtpSettings> for SmtpSettingsText {
    fn from(settings: &SmtpSettings) -> SmtpSettingsText {
        SmtpSettingsText {
            host: settings.host.clone(),
            port: settings.port.to_string(),
            security: settings.security.id().to_string(),
            user: settings.user.clone(),
            from_address: settings.from_address.clone(),
            from_name: settings.from_name.clone(),
            bcc_self: settings.bcc_self,
        }
    }
}

/// True for a server name that means this computer: `localhost` or a loopback address.
pub fn is_this_computer(host: &str) -> bool {
    let host = host.trim().trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<core::net::IpAddr>().is_ok_and(|address| address.is_loopback())
}

/// A mail provider whose sending server Ardoise knows, with what the user must know to use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Provider {
    pub id: &'static str,
    /// Its name, as the user knows it.
    pub name: &'static str,
    /// The addresses it serves (« @gmail.com »), to suggest it from the sender's address.
    pub domains: &'static [&'static str],
    pub host: &'static str,
    pub port: u16,
    pub security: Security,
    /// What to type as the login.
    pub user_hint: &'static str,
    /// What the user must do first (an application password…), in French; empty when nothing.
    pub advice: &'static str,
}

const APP_PASSWORD_GOOGLE: &str = "Google refuse le mot de passe habituel de votre compte : activez la validation \
     en deux étapes, puis créez un « mot de passe d'application » (Compte Google › Sécurité › Mots de passe des \
     applications) et donnez-le ici.";
const MICROSOFT: &str = "Microsoft remplace la connexion par mot de passe des logiciels de messagerie par sa \
     propre connexion (OAuth), qu'Ardoise ne gère pas : si le serveur refuse l'identification, envoyez vos \
     courriers avec « Ouvrir dans ma messagerie ». Avec la validation en deux étapes, il faut un mot de passe \
     d'application (compte Microsoft › Sécurité).";

/// The known providers, French ones first. Their sending servers are those each publishes for mail
/// programs (as of 2026); « Autre » is the user's own server.
pub const PROVIDERS: &[Provider] = &[
    Provider {
        id: "orange",
        name: "Orange",
        domains: &["orange.fr", "wanadoo.fr"],
        host: "smtp.orange.fr",
        port: 465,
        security: Security::Tls,
        user_hint: "votre adresse e-mail Orange complète",
        advice: "",
    },
    Provider {
        id: "free",
        name: "Free",
        domains: &["free.fr", "aliceadsl.fr"],
        host: "smtp.free.fr",
        port: 465,
        security: Security::Tls,
        user_hint: "votre adresse e-mail Free",
        advice: "",
    },
    Provider {
        id: "sfr",
        name: "SFR",
        domains: &["sfr.fr", "neuf.fr"],
        host: "smtp.sfr.fr",
        port: 465,
        security: Security::Tls,
        user_hint: "votre adresse e-mail SFR complète",
        advice: "",
    },
    Provider {
        id: "laposte",
        name: "La Poste (laposte.net)",
        domains: &["laposte.net"],
        host: "smtp.laposte.net",
        port: 465,
        security: Security::Tls,
        user_hint: "votre adresse laposte.net complète",
        advice: "",
    },
    Provider {
        id: "ovh",
        name: "OVHcloud (E-mail, MX Plan)",
        domains: &[],
        host: "ssl0.ovh.net",
        port: 465,
        security: Security::Tls,
        user_hint: "votre adresse e-mail complète",
        advice: "Pour une offre E-mail Pro ou Exchange, le serveur est celui qu'indique votre espace client \
                 OVHcloud (par exemple pro1.mail.ovh.net, port 587, STARTTLS).",
    },
    Provider {
        id: "ionos",
        name: "IONOS",
        domains: &[],
        host: "smtp.ionos.fr",
        port: 465,
        security: Security::Tls,
        user_hint: "votre adresse e-mail complète",
        advice: "",
    },
    Provider {
        id: "infomaniak",
        name: "Infomaniak",
        domains: &["ik.me", "etik.com"],
        host: "mail.infomaniak.com",
        port: 465,
        security: Security::Tls,
        user_hint: "votre adresse e-mail complète",
        advice: "Infomaniak demande un « mot de passe d'application » pour les logiciels de messagerie \
                 (Manager Infomaniak › Service Mail › votre adresse) : donnez-le ici, pas celui du Manager.",
    },
    Provider {
        id: "gmail",
        name: "Gmail (Google)",
        domains: &["gmail.com", "googlemail.com"],
        host: "smtp.gmail.com",
        port: 587,
        security: Security::Starttls,
        user_hint: "votre adresse Gmail complète",
        advice: APP_PASSWORD_GOOGLE,
    },
    Provider {
        id: "outlook",
        name: "Outlook.com, Hotmail, Live",
        domains: &["outlook.com", "outlook.fr", "hotmail.com", "hotmail.fr", "live.com", "live.fr", "msn.com"],
        host: "smtp-mail.outlook.com",
        port: 587,
        security: Security::Starttls,
        user_hint: "votre adresse Outlook complète",
        advice: MICROSOFT,
    },
    Provider {
        id: "microsoft365",
        name: "Microsoft 365 (professionnel)",
        domains: &[],
        host: "smtp.office365.com",
        port: 587,
        security: Security::Starttls,
        user_hint: "votre adresse professionnelle complète",
        advice: MICROSOFT,
    },
    Provider {
        id: "yahoo",
        name: "Yahoo Mail",
        domains: &["yahoo.fr", "yahoo.com"],
        host: "smtp.mail.yahoo.com",
        port: 465,
        security: Security::Tls,
        user_hint: "votre adresse Yahoo complète",
        advice: "Yahoo demande un « mot de passe d'application » (Infos du compte › Sécurité du compte › \
                 Générer un mot de passe d'application) : donnez-le ici.",
    },
    Provider {
        id: "icloud",
        name: "iCloud (Apple)",
        domains: &["icloud.com", "me.com", "mac.com"],
        host: "smtp.mail.me.com",
        port: 587,
        security: Security::Starttls,
        user_hint: "votre adresse iCloud complète",
        advice: "Apple demande un « mot de passe pour app » (compte Apple › Connexion et sécurité) : \
                 donnez-le ici, pas celui de votre identifiant Apple.",
    },
];

/// The provider whose addresses end like `address` (« …@orange.fr » → Orange), if Ardoise knows it.
pub fn provider_for_address(address: &str) -> Option<&'static Provider> {
    let domain = address.rsplit_once('@')?.1.trim().to_lowercase();
    PROVIDERS.iter().find(|provider| provider.domains.contains(&domain.as_str()))
}

/// The provider whose server this is, if Ardoise knows it (for its advice).
pub fn provider_for_host(host: &str) -> Option<&'static Provider> {
    PROVIDERS.iter().find(|provider| provider.host.eq_ignore_ascii_case(host.trim()))
}

/// The recipient a client's e-mail address gives, or why an e-mail cannot go to it (in French, saying
/// what to do): the letter can then be sent on paper.
pub fn recipient(client_name: &str, email: &str) -> Result<String, String> {
    if email.trim().is_empty() {
        return Err(format!(
            "{client_name} n'a pas d'adresse e-mail : ajoutez-la sur sa fiche, ou envoyez ce courrier par la poste \
             ({TO_PAPER_IN_WINDOW})."
        ));
    }
    check_email(email).map_err(|_| {
        format!(
            "L'adresse e-mail de {client_name}, « {} », n'est pas valide (exemple : nom@domaine.fr) : corrigez-la \
             sur sa fiche, ou envoyez ce courrier par la poste ({TO_PAPER_IN_WINDOW}).",
            email.trim()
        )
    })
}

/// How the messages about a letter's e-mail name the way to put it on paper: the window's button. The
/// command line puts its own command in its place (`letters switch`).
pub const TO_PAPER_IN_WINDOW: &str = "« Envoyer par courrier »";

/// How the messages about a letter going by post name the way to send it by e-mail instead: the button on
/// the letter's page. The command line puts its own command in its place.
pub const TO_EMAIL_IN_WINDOW: &str = "choisissez d'abord « Envoyer par e-mail » sur sa page";

/// How a sent e-mail left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmailWay {
    /// Through the user's mail server, from Ardoise: the server's reply is kept.
    Smtp,
    /// Handed to the user's own mail program, who said it left.
    MailProgram,
}

impl EmailWay {
    pub fn id(self) -> &'static str {
        match self {
            EmailWay::Smtp => "smtp",
            EmailWay::MailProgram => "mail_program",
        }
    }

    pub fn from_id(text: &str) -> Option<EmailWay> {
        [EmailWay::Smtp, EmailWay::MailProgram].into_iter().find(|way| way.id() == text)
    }
}

/// What a letter sent by e-mail leaves as proof: the message as it left (its archived `.eml` and its
/// SHA-256), its Message-ID, to whom, when, and the server's reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentEmail {
    pub letter_id: i64,
    pub recipient: String,
    pub message_id: String,
    /// The moment it left, as in its Date line (RFC 3339).
    pub sent_at: String,
    pub sent_on: chrono::NaiveDate,
    pub way: EmailWay,
    /// The server's reply to the message (« 250 2.0.0 Ok: queued as … »), or what the user confirmed.
    pub server_reply: String,
    /// The archived message's file name and SHA-256.
    pub eml_file: String,
    pub sha256: String,
}

impl SentEmail {
    /// The client's timeline entry of this e-mail: to whom, how it left, what the server said, and the
    /// archived message that proves it. `title` is the letter's (« Rappel amical »).
    pub fn timeline_entry(&self, title: &str) -> crate::domain::timeline::TimelineEntry {
        let way = match self.way {
            EmailWay::Smtp => format!("réponse du serveur : « {} »", self.server_reply),
            EmailWay::MailProgram => "parti de votre messagerie (confirmé par vous)".to_string(),
        };
        crate::domain::timeline::TimelineEntry {
            kind: "email".into(),
            title: format!("E-mail envoyé : {title}"),
            detail: format!(
                "À {}, {way} ; Message-ID {} ; archivé « {} » (SHA-256 {}).",
                self.recipient, self.message_id, self.eml_file, self.sha256
            ),
            ..crate::domain::timeline::TimelineEntry::letter(self.sent_on, String::new(), String::new())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(host: &str, port: &str, security: &str, user: &str, from: &str) -> SmtpSettingsText {
        SmtpSettingsText {
            host: host.into(),
            port: port.into(),
            security: security.into(),
            user: user.into(),
            from_address: from.into(),
            from_name: "Jean Dupont".into(),
            bcc_self: false,
        }
    }

    #[test]
    fn settings_are_checked_by_field_and_plain_smtp_only_goes_to_this_computer() {
        let good = check_settings(&text(" SMTP.Orange.fr ", "", "tls", "jean@orange.fr", "jean@orange.fr")).unwrap();
        assert_eq!((good.host.as_str(), good.port, good.security), ("smtp.orange.fr", 465, Security::Tls));
        assert_eq!(good.account(), "jean@orange.fr@smtp.orange.fr:465");

        let local = check_settings(&text("127.0.0.1", "2525", "none", "", "essai@exemple.fr")).unwrap();
        assert!(!local.authenticates());

        let cases: &[(SmtpSettingsText, &[&str])] = &[
            (text("smtp.exemple.fr", "25", "none", "u", "a@exemple.fr"), &["security"]),
            (text("", "70000", "starttls", "", "pas-une-adresse"), &["host", "port", "from_address", "user"]),
            (text("https://smtp.gmail.com", "587", "ssl", "u", "a@b.fr"), &["host", "security"]),
        ];
        for (form, fields) in cases {
            let errors = check_settings(form).unwrap_err();
            let found: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
            for field in *fields {
                assert!(found.contains(field), "{field} missing in {found:?}");
            }
        }
        let refused = check_settings(&text("smtp.exemple.fr", "25", "none", "u", "a@exemple.fr")).unwrap_err();
        assert!(refused.to_string().contains("n'est permise que vers cet ordinateur"), "{refused}");
    }

    #[test]
    fn this_computer_is_localhost_or_a_loopback_address() {
        for host in ["localhost", "127.0.0.1", "127.3.2.1", "::1", "[::1]"] {
            assert!(is_this_computer(host), "{host}");
        }
        for host in ["smtp.gmail.com", "192.168.1.10", "localhost.exemple.fr"] {
            assert!(!is_this_computer(host), "{host}");
        }
    }

    #[test]
    fn providers_are_found_from_the_address_and_carry_their_advice() {
        assert_eq!(provider_for_address("marie@gmail.com").unwrap().host, "smtp.gmail.com");
        assert_eq!(provider_for_address("paul@wanadoo.fr").unwrap().id, "orange");
        assert!(provider_for_address("paul@menuiserie-martin.fr").is_none());
        assert!(provider_for_host("SMTP.GMAIL.COM").unwrap().advice.contains("mot de passe d'application"));
        let ids: std::collections::HashSet<_> = PROVIDERS.iter().map(|p| p.id).collect();
        assert_eq!(ids.len(), PROVIDERS.len());
        for provider in PROVIDERS {
            assert_ne!(provider.security, Security::None, "{}", provider.id);
            assert_eq!(provider.port, provider.security.usual_port(), "{}", provider.id);
        }
    }

    #[test]
    fn a_missing_or_bad_address_says_what_to_do() {
        assert_eq!(recipient("SARL Exemple", " compta@exemple.fr ").unwrap(), "compta@exemple.fr");
        let missing = recipient("SARL Exemple", "").unwrap_err();
        assert!(missing.contains("n'a pas d'adresse e-mail") && missing.contains("par la poste"), "{missing}");
        let bad = recipient("SARL Exemple", "compta@exemple").unwrap_err();
        assert!(bad.starts_with("L'adresse e-mail de SARL Exemple, « compta@exemple », n'est pas valide"), "{bad}");
    }
}
