//! `ardoise email setup | send | batch` (issue 16) against the tests' SMTP server on 127.0.0.1: the
//! password from `ARDOISE_SMTP_PASSWORD`, the server's certificate trusted through `ARDOISE_SMTP_CA`,
//! the JSON of a sending, the batch's lines and its failure code when a letter did not leave.

mod smtp;

use smtp::{Mode, Server};
use std::path::Path;
use std::process::{Command, Output};

const USER: &str = "camille@atelier-rousseau.fr";
const PASSWORD: &str = "mot-de-passe-d-application";

fn ardoise(db: &Path, environment: &[(&str, &str)], arguments: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ardoise"));
    command.env_remove("ARDOISE_SMTP_PASSWORD").env_remove("ARDOISE_SMTP_CA");
    command.envs(environment.iter().copied()).arg("--db").arg(db).args(arguments).output().expect("ardoise runs")
}

fn stdout(output: &Output) -> String {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// Drafts and prints a friendly reminder (its dispatch is e-mail) for `client`; returns its number.
fn reminder(db: &Path, folder: &Path, client: &str) -> i64 {
    let pdf = folder.join(format!("{client}.pdf"));
    let pdf = pdf.to_str().unwrap();
    stdout(&ardoise(
        db,
        &[],
        &["letter", "--kind", "friendly_reminder", "--client", client, "--date", "2026-11-22", "--out", pdf],
    ));
    let list: serde_json::Value = serde_json::from_str(&stdout(&ardoise(db, &[], &["letters", "--json"]))).unwrap();
    list.as_array().unwrap().iter().map(|line| line["id"].as_i64().unwrap()).max().unwrap()
}

#[test]
fn a_letter_is_set_up_and_sent_by_e_mail_from_the_command_line() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("registre.sqlite3");
    stdout(&ardoise(&db, &[], &["demo", "--date", "2026-11-22"]));
    let server = Server::start(Mode::Starttls, Some((USER, PASSWORD)), &[]);
    let authority = folder.path().join("serveur.pem");
    std::fs::write(&authority, &server.certificate_pem).unwrap();
    let port = server.port.to_string();
    let environment = [("ARDOISE_SMTP_PASSWORD", PASSWORD), ("ARDOISE_SMTP_CA", authority.to_str().unwrap())];

    let setup = ["email", "setup", "--host", "127.0.0.1", "--port", &port, "--security", "starttls", "--user", USER];
    let said =
        stdout(&ardoise(&db, &environment, &[&setup[..], &["--from", USER, "--name", "Camille Rousseau"]].concat()));
    assert!(
        said.starts_with(&format!(
            "Envoi des e-mails réglé : serveur 127.0.0.1 port {port}, sécurité starttls, identifiant « {USER} », \
         expéditeur {USER}."
        )),
        "{said}"
    );

    let letter = reminder(&db, folder.path(), "Boulangerie Fournier");
    let sent = ardoise(&db, &environment, &["email", "send", "--letter", &letter.to_string(), "--json"]);
    let sent: serde_json::Value = serde_json::from_str(&stdout(&sent)).unwrap();
    let received = server.received();
    assert_eq!(received.len(), 1);
    assert_eq!(sent["letter_id"], letter);
    assert_eq!(sent["server_reply"], "250 2.0.0 Ok: queued as ESSAI0001");
    assert_eq!(sent["way"], "smtp");
    assert_eq!(sent["sha256"], ardoise::domain::digest::sha256_hex(&received[0].bytes));
    let archived = std::fs::read(folder.path().join("archive").join(sent["eml_file"].as_str().unwrap()));
    assert_eq!(archived.unwrap(), received[0].bytes);
    for key in ["recipient", "message_id", "sent_at", "sent_on", "eml_file"] {
        assert!(sent[key].is_string(), "{key}: {sent}");
    }

    // Without the password nothing leaves, and the message says where to give it.
    let second = reminder(&db, folder.path(), "Café du Parc");
    let refused = ardoise(
        &db,
        &[("ARDOISE_SMTP_CA", authority.to_str().unwrap())],
        &["email", "send", "--letter", &second.to_string()],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("ARDOISE_SMTP_PASSWORD"), "{refused:?}");

    // The batch sends what waits; then nothing is left.
    let batch = stdout(&ardoise(&db, &environment, &["email", "batch", "--date", "2026-11-22"]));
    assert!(batch.starts_with(&format!("Courrier n° {second} (Café du Parc) : envoyé. Envoyé à ")), "{batch}");
    assert!(
        String::from_utf8_lossy(&ardoise(&db, &environment, &["email", "batch"]).stdout).starts_with("Aucun courrier")
    );
    assert_eq!(server.received().len(), 2);
}

#[test]
fn a_batch_with_a_letter_that_did_not_leave_fails_and_says_what_to_do() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("registre.sqlite3");
    stdout(&ardoise(&db, &[], &["demo", "--date", "2026-11-22"]));
    let port = smtp::closed_port().to_string();
    let setup = ["email", "setup", "--host", "localhost", "--port", &port, "--security", "none", "--from", USER];
    stdout(&ardoise(&db, &[], &setup));
    let letter = reminder(&db, folder.path(), "Boulangerie Fournier");
    let batch = ardoise(&db, &[], &["email", "batch", "--date", "2026-11-22"]);
    assert_eq!(batch.status.code(), Some(1));
    let out = String::from_utf8_lossy(&batch.stdout);
    assert!(out.starts_with(&format!("Courrier n° {letter} (Boulangerie Fournier) : NON ENVOYÉ. Le serveur d'envoi localhost (port {port}) est injoignable")), "{out}");
    let err = String::from_utf8_lossy(&batch.stderr);
    assert!(err.contains("E-mail 1 sur 1…"), "{err}");
    assert!(err.contains("1 courrier(s) sur 1 non envoyé(s) : ils restent à envoyer"), "{err}");
    let letters = stdout(&ardoise(&db, &[], &["letters"]));
    assert!(letters.lines().any(|line| line.contains("Rappel amical") && line.contains("Imprimé")), "{letters}");
}

/// Regression: an e-mail letter could not be put on paper (or back) from the command line: `email send`
/// pointed at the window's buttons (« Envoyer par courrier », « Envoyer par e-mail » on its page); and a
/// letter posted with `dispatch --deposit` stayed « e-mail », so the letters list, the timeline and the
/// court dossier said it left by e-mail, with no message kept.
#[test]
fn an_e_mail_letter_is_switched_to_paper_and_back_and_a_posted_one_is_recorded_on_paper() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("registre.sqlite3");
    stdout(&ardoise(&db, &[], &["demo", "--date", "2026-11-22"]));
    let server = Server::start(Mode::Plain, None, &[]);
    let port = server.port.to_string();
    stdout(&ardoise(
        &db,
        &[],
        &["email", "setup", "--host", "127.0.0.1", "--port", &port, "--security", "none", "--from", USER],
    ));
    stdout(&ardoise(&db, &[], &["client", "edit", "Garnier", "--email", ""]));
    let said =
        stdout(&ardoise(&db, &[], &["decide", "--client", "Garnier", "--action", "accept", "--date", "2026-11-22"]));
    let list: serde_json::Value = serde_json::from_str(&stdout(&ardoise(&db, &[], &["letters", "--json"]))).unwrap();
    let letter = list.as_array().unwrap().iter().map(|line| line["id"].as_i64().unwrap()).max().unwrap();
    assert!(
        said.ends_with(&format!(
            "Attention : M. Thomas GARNIER n'a pas d'adresse e-mail : ajoutez-la sur sa fiche, ou envoyez ce courrier \
             par la poste (`ardoise letters switch --letter {letter} --to paper`).\n"
        )),
        "{said}"
    );
    let number = letter.to_string();
    let failed = |arguments: &[&str]| {
        let output = ardoise(&db, &[], arguments);
        assert!(!output.status.success(), "{arguments:?} should fail");
        String::from_utf8(output.stderr).unwrap()
    };

    let said = failed(&["email", "send", "--letter", &number]);
    assert!(said.contains(&format!("par la poste (`ardoise letters switch --letter {letter} --to paper`)")), "{said}");
    assert!(!said.contains("Envoyer par courrier"), "{said}");
    let said = stdout(&ardoise(&db, &[], &["letters", "switch", "--letter", &number, "--to", "paper"]));
    assert!(
        said.starts_with(&format!(
            "Courrier n° {letter} (Rappel amical) : il partira par la poste, en lettre simple. Imprimez-le \
             (`ardoise batch --out DOSSIER`), postez-le, puis enregistrez son dépôt : `ardoise dispatch --letter \
             {letter} --deposit AAAA-MM-JJ`."
        )),
        "{said}"
    );
    let said = failed(&["email", "send", "--letter", &number]);
    assert!(
        said.contains(&format!(
            "part par la poste : pour l'envoyer par e-mail, faites d'abord `ardoise letters switch --letter {letter} \
             --to email`."
        )),
        "{said}"
    );
    assert!(!said.contains("sur sa page"), "{said}");
    let said = stdout(&ardoise(&db, &[], &["letters", "switch", "--letter", &number, "--to", "email"]));
    assert!(said.contains("il partira par e-mail. Envoyez-le : `ardoise email send --letter"), "{said}");

    // Posted while still marked e-mail: recorded on paper, and said so everywhere.
    let printed = folder.path().join("courriers");
    stdout(&ardoise(&db, &[], &["batch", "--date", "2026-11-22", "--out", printed.to_str().unwrap()]));
    let said = stdout(&ardoise(&db, &[], &["dispatch", "--letter", &number, "--deposit", "2026-11-23"]));
    assert!(
        said.starts_with(&format!(
            "Courrier n° {letter} : Rappel amical par lettre simple, envoyé le 23 novembre 2026."
        )),
        "{said}"
    );
    let list: serde_json::Value =
        serde_json::from_str(&stdout(&ardoise(&db, &[], &["letters", "--client", "Garnier", "--json"]))).unwrap();
    let line = list.as_array().unwrap().iter().find(|line| line["id"].as_i64() == Some(letter)).unwrap();
    assert_eq!((line["dispatch"].as_str(), line["status"].as_str()), (Some("simple"), Some("sent")));
    let dossier = folder.path().join("dossier");
    let built: serde_json::Value = serde_json::from_str(&stdout(&ardoise(
        &db,
        &[],
        &["dossier", "--client", "Garnier", "--date", "2026-11-24", "--out", dossier.to_str().unwrap(), "--json"],
    )))
    .unwrap();
    let chronology = built.to_string();
    assert!(chronology.contains("Rappel amical"), "{chronology}");
    assert!(server.received().is_empty());
}
