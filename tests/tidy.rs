//! Conventions enforced by code (ARCHITECTURE.md, style.md): the layers' arrows (pure rules, reading and
//! rendering name nothing above them and touch no file; storage never names the desk; the outbox, beside
//! storage, knows only the rules and is the only one to speak to the network and the keychain; the shells
//! call only the desk), module docs, SQL only in the ledger, no clock in the core, no floats for money, Tauri only in
//! the shell, one file writer, no stubs or ignored tests, and the UI rules.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files(folder: &str, extension: &str) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    let mut pending = vec![root().join(folder)];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == extension) {
                let text = std::fs::read_to_string(&path).unwrap();
                found.push((path.strip_prefix(root()).unwrap().to_path_buf(), text));
            }
        }
    }
    assert!(!found.is_empty(), "no .{extension} file under {folder}");
    found
}

fn under(path: &Path, prefix: &str) -> bool {
    path.starts_with(prefix)
}

/// Lines outside `#[cfg(test)]` modules, which may build fixtures freely.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let end = text.find("#[cfg(test)]").unwrap_or(text.len());
    text[..end].lines().enumerate().map(|(i, l)| (i + 1, l)).filter(|(_, l)| !l.trim_start().starts_with("//"))
}

/// Every code line (tests and comments aside) of the Rust files under `folders`, outside the `allowed`
/// prefixes, that contains one of `patterns`.
fn code_matching(folders: &[&str], allowed: &[&str], patterns: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for folder in folders {
        for (path, text) in files(folder, "rs") {
            if allowed.iter().any(|prefix| under(&path, prefix)) {
                continue;
            }
            for (number, line) in code_lines(&text) {
                if patterns.iter().any(|p| line.contains(p)) {
                    found.push(format!("{}:{number}: {}", path.display(), line.trim()));
                }
            }
        }
    }
    found
}

fn check(violations: Vec<String>, rule: &str) {
    assert!(violations.is_empty(), "{rule}:\n{}", violations.join("\n"));
}

/// Every code line of the Rust files under `folder` that names one of `patterns`, as `path:line: text`.
fn naming(folder: &str, patterns: &[&str]) -> Vec<String> {
    code_matching(&[folder], &[], patterns)
}

#[test]
fn dependencies_point_down_the_layers() {
    // The pure layers: no storage, no outbox, no service layer, no file, no network, no clock.
    let impure = [
        "crate::ledger",
        "crate::outbox",
        "crate::desk",
        "crate::Ledger",
        "crate::LedgerError",
        "crate::Result",
        "std::fs",
        "std::net",
    ];
    for folder in ["src/domain", "src/import", "src/documents"] {
        check(naming(folder, &impure), &format!("{folder}/ is pure: it names storage, the desk or the file system"));
    }
    check(naming("src/domain", &["crate::import", "crate::documents"]), "src/domain/ names a layer above it");
    check(naming("src/import", &["crate::documents"]), "src/import/ names a layer above it");
    check(naming("src/ledger", &["crate::desk"]), "src/ledger/ names the desk above it");
    // The outbox sits beside storage: what leaves by e-mail. It knows the rules only; storage and it do
    // not know each other (the desk composes them), and it keeps no file.
    check(naming("src/ledger", &["crate::outbox"]), "src/ledger/ names the outbox beside it");
    let outbox_may_not =
        ["crate::ledger", "crate::Ledger", "crate::desk", "crate::documents", "crate::import", "std::fs"];
    check(naming("src/outbox", &outbox_may_not), "src/outbox/ names a layer it must not (it knows only domain/)");
}

#[test]
fn only_the_outbox_speaks_to_the_network_and_the_keychain() {
    let patterns = ["std::net", "lettre::transport", "keyring::", "rustls::"];
    check(code_matching(&["src"], &["src/outbox"], &patterns), "network or keychain outside src/outbox/");
}

#[test]
fn the_shells_call_only_the_desk() {
    let mut violations = Vec::new();
    for folder in ["src/bin", "src-tauri/src"] {
        for (path, text) in files(folder, "rs") {
            for (number, line) in code_lines(&text) {
                let mut rest = line;
                while let Some(found) = rest.find("ardoise::") {
                    let after = &rest[found + "ardoise::".len()..];
                    if !after.starts_with("desk") {
                        violations.push(format!("{}:{number}: {}", path.display(), line.trim()));
                        break;
                    }
                    rest = after;
                }
            }
        }
    }
    check(violations, "the shells name the core below its service layer (use ardoise::desk::…)");
}

#[test]
fn files_are_written_through_the_one_atomic_writer() {
    let patterns = ["fs::write(", "File::create(", "fs::rename("];
    let allowed = ["src/ledger/files.rs", "src/ledger/bundle.rs"];
    check(
        code_matching(&["src", "src-tauri/src"], &allowed, &patterns),
        "a file written outside ledger::files (write atomically: sync then rename)",
    );
    check(code_matching(&["src"], &["src/domain/digest.rs"], &["Sha256::"]), "SHA-256 computed outside domain::digest");
}

#[test]
fn every_rust_module_starts_with_a_doc_line() {
    let mut violations = Vec::new();
    for folder in ["src", "src-tauri/src", "tests", "src-tauri/tests"] {
        for (path, text) in files(folder, "rs") {
            let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
            if !first.starts_with("//!") {
                violations.push(path.display().to_string());
            }
        }
    }
    check(violations, "files without a `//!` line first");
}

#[test]
fn only_the_ledger_speaks_sql() {
    let patterns = ["rusqlite", "Connection::open", "SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM"];
    check(code_matching(&["src", "src-tauri/src"], &["src/ledger"], &patterns), "SQL outside src/ledger/");
}

#[test]
fn the_core_never_reads_the_clock() {
    let patterns = ["Local::now", "Utc::now", "SystemTime::now", "Instant::now", "chrono::offset"];
    check(code_matching(&["src"], &["src/bin"], &patterns), "clock reads in the core (take `today` as an argument)");
}

#[test]
fn money_is_never_a_float_and_tauri_stays_in_the_shell() {
    // PDF geometry is in millimetres as f64 and points as f32: the page layout and the PDF writer may use
    // floats; amounts reach them already formatted as text.
    let geometry = ["src/documents/print/page.rs", "src/documents/print/pdf.rs", "src/documents/print/metrics.rs"];
    check(code_matching(&["src"], &geometry, &["f64", "f32"]), "floats in the core");
    check(code_matching(&["src"], &[], &["tauri"]), "Tauri in the core");
}

#[test]
fn no_stubs_and_no_ignored_tests() {
    let patterns = ["todo!(", "unimplemented!(", "#[ignore", "#[should_panic", "dbg!("];
    let mut violations = Vec::new();
    for folder in ["src", "src-tauri/src", "tests", "src-tauri/tests"] {
        for (path, text) in files(folder, "rs") {
            if path.ends_with("tidy.rs") {
                continue;
            }
            for (number, line) in text.lines().enumerate() {
                if patterns.iter().any(|p| line.contains(p)) {
                    violations.push(format!("{}:{}: {}", path.display(), number + 1, line.trim()));
                }
            }
        }
    }
    check(violations, "stubs, debug prints or ignored tests");
}

#[test]
fn the_ui_follows_its_rules() {
    let mut violations = Vec::new();
    for (path, text) in files("ui", "js") {
        if !text.starts_with("// @ts-check") {
            violations.push(format!("{}: does not start with // @ts-check", path.display()));
        }
        for (number, line) in text.lines().enumerate() {
            for forbidden in ["innerHTML", "outerHTML", "insertAdjacentHTML", "eval(", "new Function", "document.write"]
            {
                if line.contains(forbidden) {
                    violations.push(format!("{}:{}: {forbidden}", path.display(), number + 1));
                }
            }
            if line.contains("invoke") && !path.ends_with("api.js") {
                violations.push(format!("{}:{}: only api.js calls invoke", path.display(), number + 1));
            }
            // What the user types goes to the core as text, and the names of months come from it.
            for parser in ["parseFloat(", "parseInt(", "function parse", "février"] {
                if line.contains(parser) {
                    violations.push(format!(
                        "{}:{}: `{parser}`: the core reads dates and amounts and names months (desk::forms, desk::labels)",
                        path.display(),
                        number + 1
                    ));
                }
            }
        }
    }
    for (path, text) in files("ui", "html") {
        if !text.contains("<meta charset=\"utf-8\">") {
            violations.push(format!("{}: no <meta charset=\"utf-8\">", path.display()));
        }
        let lower = text.to_lowercase();
        if lower.contains(" style=") || lower.contains("<style") || lower.contains("javascript:") {
            violations.push(format!("{}: inline style or javascript: URL", path.display()));
        }
        for chunk in lower.split("<script").skip(1) {
            if !chunk.split('>').next().unwrap_or_default().contains("src=") {
                violations.push(format!("{}: inline <script>", path.display()));
            }
        }
        if lower.split_whitespace().any(|word| word.starts_with("on") && word.contains("=\"")) {
            violations.push(format!("{}: inline event handler attribute", path.display()));
        }
    }
    check(violations, "UI rules (style.md, point 12)");
}

#[test]
fn the_architecture_code_map_names_every_module() {
    let architecture = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let mut violations = Vec::new();
    for (path, _) in files("src", "rs") {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let shown = if name == "mod.rs" { format!("{}/", path.parent().unwrap().display()) } else { name.clone() };
        if !architecture.contains(&shown) && !architecture.contains(&name) {
            violations.push(path.display().to_string());
        }
    }
    check(violations, "modules missing from ARCHITECTURE.md's code map");
}

/// The command line printed « ardoise : from_address : adresse e-mail invalide » and « to : la fin de la
/// période… »: a form error shown away from its form names its field by `field_label`, so every field a
/// form error is given by name has a French label there.
#[test]
fn every_field_a_form_error_names_has_a_french_label() {
    const CALLEES: &[&str] = &["invalid", "add", "fail", "problem", "check_amount"];
    let mut unlabelled = Vec::new();
    for folder in ["src/domain", "src/ledger", "src/desk"] {
        for (path, text) in files(folder, "rs") {
            for (number, line) in code_lines(&text) {
                for (at, _) in line.match_indices("(\"") {
                    let before = &line[..at];
                    let callee_start = before
                        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
                        .map_or(0, |i| i + 1);
                    let callee = &before[callee_start..];
                    let method = callee.rsplit('.').next().unwrap_or_default();
                    let is_form_error =
                        CALLEES.contains(&method) || callee.starts_with("reader.") || callee.starts_with("row_reader.");
                    let field = line[at + 2..].split('"').next().unwrap_or_default();
                    let is_field = !field.is_empty() && field.chars().all(|c| c.is_ascii_lowercase() || c == '_');
                    if is_form_error && is_field && ardoise::domain::model::field_label(field) == field {
                        unlabelled.push(format!("{}:{number}: « {field} » ({callee})", path.display()));
                    }
                }
            }
        }
    }
    check(unlabelled, "every form error's field has a French label in domain::model::field_label");
}
