//! The message that leaves, as bytes: headers (From, To, Subject, Date, Message-ID), the text in UTF-8
//! and the attachments (the letter's PDF byte for byte, the invoices' documents), built with lettre's
//! MIME builder. The same inputs give the same bytes: the date is an argument, and the Message-ID and the
//! MIME boundary are derived from the content, so what is archived is exactly what was sent or handed
//! to the user's mail program. Also the `mailto:` link of an e-mail without attachment.

use crate::domain::digest::sha256_hex;
use chrono::{DateTime, FixedOffset};
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment as MimeAttachment, Mailbox as MimeMailbox, MultiPart, SinglePart};
use lettre::Message;
use serde::Serialize;

/// A name and an address, as in a From or To line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mailbox {
    pub name: String,
    pub address: String,
}

/// A file attached to the e-mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub file_name: String,
    /// `application/pdf`.
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Everything an e-mail is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingEmail {
    pub from: Mailbox,
    pub to: Mailbox,
    pub subject: String,
    /// Plain text; line breaks as `\n`.
    pub body: String,
    pub attachments: Vec<Attachment>,
    /// The moment written in the Date line (the shell's clock).
    pub date: DateTime<FixedOffset>,
    /// The letter it carries, named in the Message-ID.
    pub letter_id: i64,
    /// Marked « X-Unsent: 1 »: a message to open as a draft in the user's own mail program (Outlook and
    /// Windows Mail open it ready to send).
    pub draft: bool,
}

/// A built message: its bytes (CRLF line ends, as SMTP carries them) and its Message-ID (with its `<>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltMessage {
    pub bytes: Vec<u8>,
    pub message_id: String,
}

/// Why a message cannot be built, in French.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct MessageError(pub String);

/// Builds the message. An address the e-mail standard refuses is reported in French, by its role.
pub fn build(email: &OutgoingEmail) -> Result<BuiltMessage, MessageError> {
    let from = mailbox(&email.from, "d'expédition")?;
    let to = mailbox(&email.to, "du destinataire")?;
    let message_id = message_id(email);
    let boundary = format!("=_ardoise_{}", &sha256_hex(message_id.as_bytes())[..24]);
    let mut builder = Message::builder()
        .from(from)
        .to(to)
        .subject(crate::documents::email::one_line(&email.subject))
        .date(email.date.into())
        .message_id(Some(message_id.clone()))
        .user_agent("Ardoise".into());
    if email.draft {
        builder = builder.raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("X-Unsent"), "1".into()));
    }
    let text = SinglePart::plain(email.body.replace("\r\n", "\n"));
    let message = if email.attachments.is_empty() {
        builder.singlepart(text)
    } else {
        let mut parts = MultiPart::mixed().boundary(boundary).singlepart(text);
        for attachment in &email.attachments {
            let content_type = ContentType::parse(&attachment.content_type).map_err(|_| {
                MessageError(format!("type de pièce jointe inconnu : « {} ».", attachment.content_type))
            })?;
            parts = parts.singlepart(
                MimeAttachment::new(attachment.file_name.clone()).body(attachment.bytes.clone(), content_type),
            );
        }
        builder.multipart(parts)
    }
    .map_err(|error| MessageError(format!("l'e-mail n'a pas pu être composé ({error}).")))?;
    Ok(BuiltMessage { bytes: message.formatted(), message_id })
}

/// `mailto:` with the recipient, subject and body, for an e-mail without attachment (a `mailto:` link
/// cannot carry one).
pub fn mailto(to: &str, subject: &str, body: &str) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    // RFC 6068: everything but the unreserved characters is escaped; line breaks travel as %0D%0A.
    const KEEP: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
    const ADDRESS: &AsciiSet = &KEEP.remove(b'@');
    let escape = |text: &str| utf8_percent_encode(text, KEEP).to_string();
    let address = utf8_percent_encode(to.trim(), ADDRESS).to_string();
    format!(
        "mailto:{address}?subject={}&body={}",
        escape(subject),
        escape(&body.replace("\r\n", "\n").replace('\n', "\r\n"))
    )
}

/// `<YYYYmmddHHMMSS.letter.digest@domain>`: the sender's domain, the moment, the letter and a digest of
/// the content, so that two messages never share one and the same message always has the same.
fn message_id(email: &OutgoingEmail) -> String {
    let domain = email.from.address.rsplit_once('@').map_or("ardoise.invalid", |(_, domain)| domain);
    let mut content = format!(
        "{}\n{}\n{}\n{}\n{}\n",
        email.from.address,
        email.to.address,
        email.subject,
        email.body,
        email.date.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
    );
    for attachment in &email.attachments {
        content.push_str(&format!("{}\n{}\n", attachment.file_name, sha256_hex(&attachment.bytes)));
    }
    format!(
        "<{}.{}.{}@{domain}>",
        email.date.naive_utc().format("%Y%m%d%H%M%S"),
        email.letter_id,
        &sha256_hex(content.as_bytes())[..16]
    )
}

fn mailbox(mailbox: &Mailbox, role: &str) -> Result<MimeMailbox, MessageError> {
    let address = mailbox.address.trim().parse().map_err(|_| {
        MessageError(format!("l'adresse {role} « {} » n'est pas une adresse e-mail valable.", mailbox.address.trim()))
    })?;
    let name = mailbox.name.trim();
    Ok(MimeMailbox::new((!name.is_empty()).then(|| name.to_string()), address))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email() -> OutgoingEmail {
        OutgoingEmail {
            from: Mailbox { name: "Camille Rousseau".into(), address: "camille@atelier-rousseau.fr".into() },
            to: Mailbox { name: "Hôtel des Célestins".into(), address: "compta@hotel-celestins.fr".into() },
            subject: "Rappel — facture F2026-067 restée impayée".into(),
            body: "Madame, Monsieur,\n\nUn rappel à 1 234,56 € ; « merci ».\n.\nFin.".into(),
            attachments: vec![Attachment {
                file_name: "2026-11-22 Rappel amical - HÔTEL.pdf".into(),
                content_type: "application/pdf".into(),
                bytes: b"%PDF-1.4\n\x00\x01\xff binary".to_vec(),
            }],
            date: DateTime::parse_from_rfc3339("2026-11-24T09:15:00+01:00").unwrap(),
            letter_id: 12,
            draft: false,
        }
    }

    #[test]
    fn the_same_email_gives_the_same_bytes_and_another_moment_another_message_id() {
        let first = build(&email()).unwrap();
        assert_eq!(build(&email()).unwrap(), first);
        assert!(first.message_id.starts_with("<20261124081500.12."), "{}", first.message_id);
        assert!(first.message_id.ends_with("@atelier-rousseau.fr>"));
        let later =
            OutgoingEmail { date: DateTime::parse_from_rfc3339("2026-11-24T09:15:01+01:00").unwrap(), ..email() };
        assert_ne!(build(&later).unwrap().message_id, first.message_id);
        let text = String::from_utf8_lossy(&first.bytes);
        assert!(text.contains("Date: Tue, 24 Nov 2026 08:15:00 +0000\r\n"), "{text}");
        assert!(text.contains("Message-ID: <20261124081500.12."), "{text}");
        assert!(!text.contains("X-Unsent"));
        assert!(text.ends_with("\r\n"));
        let draft = build(&OutgoingEmail { draft: true, ..email() }).unwrap();
        assert!(String::from_utf8_lossy(&draft.bytes).contains("X-Unsent: 1\r\n"));
    }

    #[test]
    fn a_bad_address_is_refused_by_its_role() {
        let mut bad = email();
        bad.to.address = "compta@@hotel".into();
        assert_eq!(
            build(&bad).unwrap_err().to_string(),
            "l'adresse du destinataire « compta@@hotel » n'est pas une adresse e-mail valable."
        );
    }

    #[test]
    fn mailto_escapes_everything_but_the_plain_characters() {
        assert_eq!(
            mailto("a.b@exemple.fr", "Rappel — F1", "Bonjour,\nà bientôt & merci"),
            "mailto:a.b@exemple.fr?subject=Rappel%20%E2%80%94%20F1&body=Bonjour%2C%0D%0A%C3%A0%20bient%C3%B4t%20%26%20merci"
        );
    }
}
