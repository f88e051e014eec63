//! An empty Tauri window built like Ardoise (same Tauri, same features, same profile): the baseline of
//! `scripts/bench-startup`. It prints `EMPTY_READY` when its page has loaded.

fn main() {
    let started = std::time::Instant::now();
    tauri::Builder::default()
        .on_page_load(move |_window, payload| {
            if payload.event() == tauri::webview::PageLoadEvent::Finished {
                println!("EMPTY_READY ms={} pid={}", started.elapsed().as_millis(), std::process::id());
            }
        })
        .run(tauri::generate_context!())
        .expect("the empty window runs");
}
