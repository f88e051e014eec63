//! SMTP to the user's mail server: one connection for as many messages as needed (a batch does not
//! reconnect per e-mail), opened with the steps of lettre's own transport — connect, STARTTLS required
//! before anything else when asked (so the password never travels in clear if the upgrade fails), or
//! TLS from the first byte, then the login — and each message sent command by command, so that a
//! failure is told by the step it happened at: the server cannot be reached, its certificate is not
//! trusted, the login is refused, the sender or a recipient is refused, the message is refused. A refused
//! recipient resets the transaction and keeps the connection for the next message.

use crate::domain::email::{provider_for_host, Security, SmtpSettings};
use lettre::address::Address;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Certificate, SmtpConnection, TlsParameters};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt, Rset};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};
use lettre::transport::smtp::Error as SmtpError;
use std::time::Duration;

/// How long Ardoise waits for the server at each step.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// Who sends and who receives, as SMTP carries it (the envelope; the Bcc copy to oneself is only here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    pub from: String,
    pub to: Vec<String>,
}

/// Why an e-mail did not leave, in French, saying what to do. Nothing was sent when one is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MailError {
    #[error(
        "Le serveur d'envoi {host} (port {port}) est injoignable : {reason}. Vérifiez le nom du serveur et le port \
         dans Réglages › E-mail, et la connexion à Internet ; l'e-mail n'est pas parti."
    )]
    Unreachable { host: String, port: u16, reason: String },
    #[error(
        "Le certificat du serveur {host} n'est pas digne de confiance ({reason}) : rien n'a été envoyé, ni le mot \
         de passe ni l'e-mail. Vérifiez que le nom du serveur est bien celui que donne votre fournisseur ; un réseau \
         qui intercepte les connexions (wifi public, antivirus) peut aussi en être la cause."
    )]
    Certificate { host: String, reason: String },
    #[error(
        "Le serveur {host} ne propose pas le chiffrement STARTTLS : rien n'a été envoyé, ni le mot de passe ni \
         l'e-mail. Choisissez TLS (port 465) dans Réglages › E-mail, ou vérifiez le serveur."
    )]
    StarttlsMissing { host: String },
    #[error(
        "Le serveur {host} refuse l'identification de « {user} » (réponse du serveur : {said}). Vérifiez \
         l'identifiant et le mot de passe dans Réglages › E-mail.{advice}"
    )]
    Authentication { host: String, user: String, said: String, advice: String },
    #[error(
        "Le serveur refuse l'adresse d'expédition « {address} » (réponse du serveur : {said}) : elle doit être \
         celle du compte de messagerie (Réglages › E-mail)."
    )]
    SenderRefused { address: String, said: String },
    #[error(
        "Le serveur refuse le destinataire « {address} » (réponse du serveur : {said}) : vérifiez l'adresse e-mail \
         sur la fiche du client, ou envoyez ce courrier par la poste."
    )]
    RecipientRefused { address: String, said: String },
    #[error(
        "Le serveur a refusé le message (réponse du serveur : {said}) : il est peut-être trop lourd, ou pris pour un \
         indésirable. L'e-mail n'est pas parti."
    )]
    MessageRefused { said: String },
    #[error(
        "La connexion avec le serveur {host} a été coupée ({reason}) : l'e-mail n'est pas parti. Réessayez dans un \
         moment."
    )]
    ConnectionLost { host: String, reason: String },
}

impl MailError {
    /// A stable id for the window and scripts.
    pub fn kind(&self) -> &'static str {
        match self {
            MailError::Unreachable { .. } => "unreachable",
            MailError::Certificate { .. } => "certificate",
            MailError::StarttlsMissing { .. } => "starttls_missing",
            MailError::Authentication { .. } => "authentication",
            MailError::SenderRefused { .. } => "sender_refused",
            MailError::RecipientRefused { .. } => "recipient_refused",
            MailError::MessageRefused { .. } => "message_refused",
            MailError::ConnectionLost { .. } => "connection_lost",
        }
    }
}

/// An open, greeted and (when the settings say so) encrypted and logged-in connection.
pub struct SmtpSession {
    inner: SmtpConnection,
    host: String,
}

impl std::fmt::Debug for SmtpSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSession").field("host", &self.host).finish_non_exhaustive()
    }
}

/// The step a failure happened at, which tells what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Connect,
    Starttls,
    Login,
    Sender,
    Recipient,
    Message,
}

impl SmtpSession {
    /// Connects to the server of `settings`, secures the connection as they say and logs in with
    /// `password` (no login when the settings have no user). `trusted_pem` adds certificates to trust
    /// beside the system's (a company's own authority; the tests' certificate).
    pub fn open(settings: &SmtpSettings, password: &str, trusted_pem: &[Vec<u8>]) -> Result<SmtpSession, MailError> {
        let host = settings.host.clone();
        let fail = |step: Step, error: SmtpError| classify(settings, step, None, &error);
        let tls = match settings.security {
            Security::None => None,
            Security::Starttls | Security::Tls => Some(tls_parameters(settings, trusted_pem)?),
        };
        let hello = ClientId::default();
        let wrapper = tls.as_ref().filter(|_| settings.security == Security::Tls);
        let mut inner =
            SmtpConnection::connect((settings.host.as_str(), settings.port), Some(TIMEOUT), &hello, wrapper, None)
                .map_err(|error| fail(Step::Connect, error))?;
        if settings.security == Security::Starttls {
            let parameters = tls.as_ref().expect("STARTTLS has its TLS parameters");
            if !inner.can_starttls() {
                inner.abort();
                return Err(MailError::StarttlsMissing { host });
            }
            inner.starttls(parameters, &hello).map_err(|error| fail(Step::Starttls, error))?;
        }
        if settings.authenticates() {
            let credentials = Credentials::new(settings.user.clone(), password.to_string());
            let result = inner.auth(&[Mechanism::Plain, Mechanism::Login], &credentials);
            if let Err(error) = result {
                inner.abort();
                return Err(fail(Step::Login, error));
            }
        }
        Ok(SmtpSession { inner, host })
    }

    /// Sends one message: `bytes` exactly, to the envelope's recipients. Returns the server's reply to the
    /// message (« 250 2.0.0 Ok: queued as … »). A refused sender or recipient leaves the connection
    /// usable for the next message.
    pub fn send(&mut self, settings: &SmtpSettings, envelope: &Envelope, bytes: &[u8]) -> Result<String, MailError> {
        let fail = |step: Step, address: Option<&str>, error: &SmtpError| classify(settings, step, address, error);
        let from = parse_address(&envelope.from).ok_or_else(|| MailError::SenderRefused {
            address: envelope.from.clone(),
            said: "adresse mal formée".into(),
        })?;
        let mut options = Vec::new();
        if !bytes.is_ascii() && self.inner.server_info().supports_feature(Extension::EightBitMime) {
            options.push(MailParameter::Body(MailBodyParameter::EightBitMime));
        }
        if let Err(error) = self.inner.command(Mail::new(Some(from), options)) {
            self.reset();
            return Err(fail(Step::Sender, Some(&envelope.from), &error));
        }
        for recipient in &envelope.to {
            let Some(address) = parse_address(recipient) else {
                self.reset();
                return Err(MailError::RecipientRefused {
                    address: recipient.clone(),
                    said: "adresse mal formée".into(),
                });
            };
            if let Err(error) = self.inner.command(Rcpt::new(address, Vec::new())) {
                self.reset();
                return Err(fail(Step::Recipient, Some(recipient), &error));
            }
        }
        if let Err(error) = self.inner.command(Data) {
            self.reset();
            return Err(fail(Step::Message, None, &error));
        }
        // lettre ends the data with CRLF.CRLF, whose first CRLF ends the message's last line: the message's
        // own last CRLF is left to it, so that the server stores exactly `bytes`.
        match self.inner.message(bytes.strip_suffix(b"\r\n").unwrap_or(bytes)) {
            Ok(response) => {
                let code: u16 = response.code().into();
                Ok(format!("{code} {}", response.message().collect::<Vec<_>>().join(" ")).trim().to_string())
            }
            Err(error) => {
                self.reset();
                Err(fail(Step::Message, None, &error))
            }
        }
    }

    /// False once the connection broke: the next message needs a new one.
    pub fn is_usable(&self) -> bool {
        !self.inner.has_broken()
    }

    /// Says goodbye to the server.
    pub fn close(mut self) {
        if !self.inner.has_broken() {
            let _ = self.inner.quit();
        }
    }

    /// After a refused command the transaction is reset; if even that fails, the connection is dropped.
    fn reset(&mut self) {
        if !self.inner.has_broken() && self.inner.command(Rset).is_err() {
            self.inner.abort();
        }
    }
}

/// Sends one message on a connection of its own (the test e-mail of the settings page, a single letter).
pub fn send_one(
    settings: &SmtpSettings,
    password: &str,
    trusted_pem: &[Vec<u8>],
    envelope: &Envelope,
    bytes: &[u8],
) -> Result<String, MailError> {
    let mut connection = SmtpSession::open(settings, password, trusted_pem)?;
    let reply = connection.send(settings, envelope, bytes);
    connection.close();
    reply
}

fn tls_parameters(settings: &SmtpSettings, trusted_pem: &[Vec<u8>]) -> Result<TlsParameters, MailError> {
    let mut builder = TlsParameters::builder(settings.host.clone());
    for pem in trusted_pem {
        let certificate = Certificate::from_pem(pem).map_err(|_| MailError::Certificate {
            host: settings.host.clone(),
            reason: "le certificat ajouté aux autorités de confiance est illisible (PEM attendu)".into(),
        })?;
        builder = builder.add_root_certificate(certificate);
    }
    builder.build_rustls().map_err(|error| MailError::Certificate {
        host: settings.host.clone(),
        reason: format!("le magasin de certificats du système n'a pas pu être lu : {error}"),
    })
}

fn parse_address(text: &str) -> Option<Address> {
    text.trim().parse().ok()
}

/// A failure at `step` as the user must read it.
fn classify(settings: &SmtpSettings, step: Step, address: Option<&str>, error: &SmtpError) -> MailError {
    let host = settings.host.clone();
    if let Some(reason) = certificate_problem(error, &settings.host) {
        return MailError::Certificate { host, reason };
    }
    let said = server_said(error);
    match (step, said) {
        (Step::Connect, None) => {
            MailError::Unreachable { host, port: settings.port, reason: network_reason(error, settings.security) }
        }
        (Step::Connect, Some(said)) => MailError::Unreachable {
            host,
            port: settings.port,
            reason: format!("il refuse la connexion (réponse du serveur : {said})"),
        },
        (Step::Starttls, Some(_)) => MailError::StarttlsMissing { host },
        (Step::Login, said) => MailError::Authentication {
            host,
            user: settings.user.clone(),
            said: said.unwrap_or_else(|| match error.is_client() {
                true => "aucune méthode d'identification commune".into(),
                false => lost_reason(error),
            }),
            advice: provider_for_host(&settings.host)
                .map(|provider| provider.advice)
                .filter(|advice| !advice.is_empty())
                .map(|advice| format!(" {advice}"))
                .unwrap_or_default(),
        },
        (Step::Sender, Some(said)) => {
            MailError::SenderRefused { address: address.unwrap_or(&settings.from_address).to_string(), said }
        }
        (Step::Recipient, Some(said)) => {
            MailError::RecipientRefused { address: address.unwrap_or_default().to_string(), said }
        }
        (Step::Message, Some(said)) => MailError::MessageRefused { said },
        (_, _) => MailError::ConnectionLost { host, reason: lost_reason(error) },
    }
}

/// The server's reply to a refused command, « 550 5.1.1 … », when the error is one.
fn server_said(error: &SmtpError) -> Option<String> {
    let code: u16 = error.status()?.into();
    let words = std::error::Error::source(error).map(|cause| cause.to_string()).unwrap_or_default();
    Some(format!("{code} {words}").trim().to_string())
}

/// What the TLS layer said about the server's certificate, in French, if that is the failure.
fn certificate_problem(error: &SmtpError, host: &str) -> Option<String> {
    use rustls::{CertificateError, Error as TlsError};
    let mut cause: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(error);
    while let Some(current) = cause {
        let tls = current.downcast_ref::<TlsError>().or_else(|| {
            current.downcast_ref::<std::io::Error>().and_then(|io| io.get_ref()).and_then(|inner| inner.downcast_ref())
        });
        if let Some(tls) = tls {
            return Some(match tls {
                TlsError::InvalidCertificate(CertificateError::UnknownIssuer) => {
                    "il est signé par une autorité inconnue".into()
                }
                TlsError::InvalidCertificate(
                    CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
                ) => format!("il est établi pour un autre serveur que « {host} »"),
                TlsError::InvalidCertificate(CertificateError::Expired | CertificateError::ExpiredContext { .. }) => {
                    "il a expiré".into()
                }
                TlsError::InvalidCertificate(
                    CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. },
                ) => "il n'est pas encore valable (vérifiez l'heure de l'ordinateur)".into(),
                TlsError::InvalidCertificate(CertificateError::Revoked) => "il a été révoqué".into(),
                TlsError::InvalidCertificate(CertificateError::Other(other)) => {
                    match other.0.downcast_ref::<webpki::Error>() {
                        Some(webpki::Error::CaUsedAsEndEntity) => "le serveur présente comme le sien un certificat \
                            d'autorité, auto-signé, tel qu'en fait `openssl req -x509` ; il lui faut un certificat \
                            établi pour lui et signé par une autorité"
                            .into(),
                        Some(webpki::Error::EndEntityUsedAsCa) => "il est signé par un certificat qui n'est pas \
                            celui d'une autorité"
                            .into(),
                        _ => "il ne passe pas la vérification".into(),
                    }
                }
                TlsError::InvalidCertificate(CertificateError::BadSignature) => "sa signature est fausse".into(),
                TlsError::InvalidCertificate(CertificateError::BadEncoding) => "il est illisible".into(),
                TlsError::InvalidCertificate(_) => "il ne passe pas la vérification".into(),
                other => format!("échec du chiffrement TLS : {other}"),
            });
        }
        cause = current.source();
    }
    None
}

/// Why a connection could not be made, in French.
fn network_reason(error: &SmtpError, security: Security) -> String {
    use std::io::ErrorKind;
    let io = io_cause(error);
    match io.map(std::io::Error::kind) {
        Some(ErrorKind::ConnectionRefused) => "la connexion est refusée (aucun serveur n'écoute sur ce port)".into(),
        Some(ErrorKind::TimedOut | ErrorKind::WouldBlock) => "il ne répond pas dans le délai".into(),
        Some(ErrorKind::HostUnreachable | ErrorKind::NetworkUnreachable) => {
            "le réseau ne permet pas de l'atteindre".into()
        }
        Some(ErrorKind::UnexpectedEof | ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted)
            if security == Security::Tls =>
        {
            "il a coupé la connexion (ce port attend peut-être STARTTLS : essayez 587 avec STARTTLS)".into()
        }
        Some(ErrorKind::UnexpectedEof | ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted) => {
            "il a coupé la connexion".into()
        }
        _ if error.to_string().contains("lookup") || error.to_string().contains("resolve") => {
            "ce nom de serveur est introuvable".into()
        }
        _ if error.is_response() && security == Security::Starttls => {
            "sa réponse est illisible (ce port attend peut-être TLS : essayez 465 avec TLS)".into()
        }
        _ => lost_reason(error),
    }
}

fn lost_reason(error: &SmtpError) -> String {
    match io_cause(error) {
        Some(io) => io_words(io),
        None => format!("{error}"),
    }
}

fn io_words(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::TimedOut | ErrorKind::WouldBlock => "délai dépassé".into(),
        ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted | ErrorKind::UnexpectedEof => {
            "le serveur a fermé la connexion".into()
        }
        ErrorKind::BrokenPipe => "la connexion est rompue".into(),
        _ => format!("erreur réseau : {error}"),
    }
}

fn io_cause(error: &SmtpError) -> Option<&std::io::Error> {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(error);
    while let Some(current) = cause {
        if let Some(io) = current.downcast_ref::<std::io::Error>() {
            return Some(io);
        }
        cause = current.source();
    }
    None
}
