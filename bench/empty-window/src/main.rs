//! An empty Tauri window built like Ardoise (same Tauri, same features, same profile): the baseline of
//! `scripts/bench-startup`. It prints `EMPTY_COMMITTED` when WebKit starts on its page and `EMPTY_READY`
//! when the page has loaded, each with the milliseconds since the process started.

fn main() {
    let started = std::time::Instant::now();
    tauri::Builder::default()
        .on_page_load(move |_window, payload| {
            let ms = started.elapsed().as_millis();
            match payload.event() {
                tauri::webview::PageLoadEvent::Started => println!("EMPTY_COMMITTED ms={ms}"),
                tauri::webview::PageLoadEvent::Finished => println!("EMPTY_READY ms={ms} pid={}", std::process::id()),
            }
        })
        .run(tauri::generate_context!())
        .expect("the empty window runs");
}
