//! The shell stays locked down: a strict content security policy and capabilities that grant exactly the
//! app's own commands. This test fails if either widens, or if the command lists drift apart.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn shell_file(name: &str) -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap()
}

/// The command names declared in build.rs.
fn declared_commands() -> BTreeSet<String> {
    let build = shell_file("build.rs");
    let list = build.split("const COMMANDS: &[&str] = &[").nth(1).unwrap().split("];").next().unwrap();
    list.split(',').map(|s| s.trim().trim_matches('"').to_string()).filter(|s| !s.is_empty()).collect()
}

#[test]
fn the_content_security_policy_is_strict() {
    let config: Value = serde_json::from_str(&shell_file("tauri.conf.json")).unwrap();
    let security = &config["app"]["security"];
    assert_eq!(security["freezePrototype"], true);
    let csp = security["csp"].as_str().expect("a CSP string");
    let directives: Vec<(&str, Vec<&str>)> = csp
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            let mut parts = d.split_whitespace();
            (parts.next().unwrap(), parts.collect())
        })
        .collect();
    let expected: &[(&str, &[&str])] = &[
        ("default-src", &["'self'"]),
        ("script-src", &["'self'"]),
        ("style-src", &["'self'"]),
        ("img-src", &["'self'", "data:"]),
        ("font-src", &["'self'"]),
        ("connect-src", &["ipc:", "http://ipc.localhost"]),
        ("object-src", &["'none'"]),
        ("base-uri", &["'none'"]),
        ("form-action", &["'none'"]),
        ("frame-ancestors", &["'none'"]),
    ];
    assert_eq!(directives.len(), expected.len(), "CSP directives changed: {csp}");
    for (name, sources) in expected {
        let found = directives.iter().find(|(d, _)| d == name).unwrap_or_else(|| panic!("no {name} in {csp}"));
        assert_eq!(&found.1, sources, "{name} widened or changed");
    }
    assert!(config["build"].get("devUrl").is_none(), "no dev server: the UI is embedded");
}

#[test]
fn capabilities_grant_exactly_the_apps_commands() {
    let commands = declared_commands();
    assert!(commands.len() >= 10, "{commands:?}");
    let capability: Value = serde_json::from_str(&shell_file("capabilities/main-window.json")).unwrap();
    let granted: BTreeSet<String> =
        capability["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_string()).collect();
    let expected: BTreeSet<String> = commands.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
    assert_eq!(granted, expected, "the capability must list allow-<command> for each command and nothing else");
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("capabilities");
    assert_eq!(std::fs::read_dir(folder).unwrap().count(), 1, "one capability file only");
}

#[test]
fn every_declared_command_is_handled_and_no_plugin_widens_access() {
    let main = shell_file("src/main.rs");
    let handler = main.split("generate_handler![").nth(1).unwrap().split(']').next().unwrap();
    let handled: BTreeSet<String> = handler
        .split(',')
        .map(|s| s.trim().rsplit("::").next().unwrap().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(handled, declared_commands());
    let manifest = shell_file("Cargo.toml");
    for plugin in ["tauri-plugin-shell", "tauri-plugin-fs", "tauri-plugin-http", "tauri-plugin-process"] {
        assert!(!manifest.contains(plugin), "{plugin} would widen what the window can do");
    }
}
