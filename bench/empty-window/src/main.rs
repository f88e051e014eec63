//! An empty Tauri window built like Ardoise (same Tauri, same features, same profile): the baseline of
//! `scripts/bench-startup`. It prints, each with the milliseconds since the process started:
//! - `EMPTY_COMMITTED` when WebKit starts on its page;
//! - `EMPTY_READY` when the page has loaded: WebKit's load-finished event, which comes before the web
//!   process has set up its drawing (its main thread still maps the GL libraries for 8–15 ms after it);
//! - `EMPTY_DRAWN` when the page's first frame begins: its script asks for an animation frame and calls
//!   `drawn` from it, the way Ardoise's window calls `ui_ready` from the frame after its first screen.

use std::sync::OnceLock;
use std::time::Instant;

/// When the process started.
static STARTED: OnceLock<Instant> = OnceLock::new();

fn elapsed_ms() -> u128 {
    STARTED.get_or_init(Instant::now).elapsed().as_millis()
}

/// Called by the page from its first animation frame.
#[tauri::command]
fn drawn() {
    println!("EMPTY_DRAWN ms={}", elapsed_ms());
}

fn main() {
    STARTED.get_or_init(Instant::now);
    tauri::Builder::default()
        .on_page_load(|_window, payload| {
            let ms = elapsed_ms();
            match payload.event() {
                tauri::webview::PageLoadEvent::Started => println!("EMPTY_COMMITTED ms={ms}"),
                tauri::webview::PageLoadEvent::Finished => println!("EMPTY_READY ms={ms} pid={}", std::process::id()),
            }
        })
        .invoke_handler(tauri::generate_handler![drawn])
        .run(tauri::generate_context!())
        .expect("the empty window runs");
}
