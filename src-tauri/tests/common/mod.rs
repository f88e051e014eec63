//! What every end-to-end test needs: a tauri-driver with its own ports and data folder, a window on the
//! built app, waiting helpers, form filling and screenshots under `target/test-output/screenshots/`.
//! Each `window_*.rs` test binary includes this module (`mod common;`) and uses what it needs.
#![allow(dead_code)]

use rust_decimal::Decimal;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use thirtyfour::components::SelectElement;
use thirtyfour::prelude::*;

/// The fixed "today" of the window, so figures and screenshots do not depend on the day the suite runs.
pub const TODAY: &str = "2026-11-22";

/// A running tauri-driver with its own ports and the app's data folder; stopped with SIGTERM on drop, so
/// that its WebKitWebDriver child releases its port.
pub struct Driver {
    process: Child,
    pub port: u16,
}

impl Driver {
    pub fn start(data_home: &Path) -> Driver {
        Driver::start_with(data_home, &[])
    }

    /// Starts with `env` given to the app too (`ARDOISE_EXPORT_DIR`, the `ARDOISE_*_PICK` answers to its
    /// dialogs): given to this driver's process only, never set in the test's own environment, which the
    /// other tests of the same binary share while they start their own.
    pub fn start_with(data_home: &Path, env: &[(&str, &Path)]) -> Driver {
        let program = tauri_driver();
        let port = free_port();
        let native_port = free_port();
        let process = Command::new(&program)
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("XDG_DATA_HOME", data_home)
            .env("ARDOISE_TODAY", TODAY)
            .env_remove("ARDOISE_DB")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "tauri-driver did not listen on port {port}");
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver { process, port }
    }

    pub async fn open_window(&self) -> WebDriver {
        let mut capabilities = Capabilities::new();
        capabilities
            .set("tauri:options", serde_json::json!({ "application": env!("CARGO_BIN_EXE_ardoise-desktop") }))
            .unwrap();
        WebDriver::new(format!("http://127.0.0.1:{}", self.port), capabilities).await.expect("a WebDriver session")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.process.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.process.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.process.kill();
    }
}

pub fn tauri_driver() -> PathBuf {
    let candidates = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).map(|p| p.join("tauri-driver")).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .chain(std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo/bin/tauri-driver")));
    for candidate in candidates {
        if candidate.is_file() {
            return candidate;
        }
    }
    panic!("tauri-driver is missing: run scripts/setup --with-test-tools (or cargo install tauri-driver --locked)");
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub fn screenshot_folder() -> PathBuf {
    // The test binary is target/<profile>/deps/window-<hash>.
    let target = std::env::current_exe().unwrap().ancestors().nth(3).unwrap().to_path_buf();
    let folder = target.join("test-output").join("screenshots");
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

pub async fn screenshot(window: &WebDriver, name: &str) {
    // WebKit paints asynchronously: give the last change a few frames to reach the snapshot.
    tokio::time::sleep(Duration::from_millis(300)).await;
    window.screenshot(&screenshot_folder().join(format!("{name}.png"))).await.expect("a screenshot");
}

/// How long a wait for the window gives up after. A wait returns as soon as its condition holds, so a
/// long patience costs nothing when the window is quick; it matters on a loaded machine (CI, or several
/// builds at once), where a page that draws in 200 ms alone once took 12 s.
pub const PATIENCE: Duration = Duration::from_secs(40);

/// Waits for the first element matching `css` that is displayed.
pub async fn wait_for(window: &WebDriver, css: &str) -> WebElement {
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Ok(elements) = window.find_all(By::Css(css)).await {
            for element in elements {
                if element.is_displayed().await.unwrap_or(false) {
                    return element;
                }
            }
        }
        if Instant::now() >= deadline {
            panic!("nothing displayed matches `{css}`; {}", where_the_window_is(window).await);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until the attribute of the element at `css` satisfies `accept`, and returns it.
pub async fn wait_for_attribute(window: &WebDriver, css: &str, name: &str, accept: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + PATIENCE;
    let mut last = None;
    loop {
        if let Ok(element) = window.find(By::Css(css)).await {
            if let Ok(Some(value)) = element.attr(name).await {
                if accept(&value) {
                    return value;
                }
                last = Some(value);
            }
        }
        if Instant::now() >= deadline {
            panic!("`{css}` [{name}] never became right (last: {last:?}); {}", where_the_window_is(window).await);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Where the window is, for a wait that gave up: saves it as the screenshot `timeout-<test's name>` and
/// says the page's title and the banner's text, so that a failure tells what the window showed.
pub async fn where_the_window_is(window: &WebDriver) -> String {
    let name = format!("timeout-{}", test_name());
    screenshot(window, &name).await;
    let text_of = |css: &'static str| async move {
        match window.find(By::Css(css)).await {
            Ok(found) => found.text().await.unwrap_or_default(),
            Err(_) => String::from("(none)"),
        }
    };
    let (title, banner) = (text_of("#content h1").await, text_of(".error-banner").await);
    format!("the page is « {title} », the banner says « {banner} » (screenshot {name})")
}

/// The running test's name (the thread's, which the test harness gives it), fit for a file name.
fn test_name() -> String {
    std::thread::current().name().unwrap_or("window").replace("::", "-")
}

/// Clicks the element at `css` once it is displayed (see `click_element`).
pub async fn click(window: &WebDriver, css: &str) {
    click_element(&wait_for(window, css).await, &format!("`{css}`")).await;
}

/// Clicks `element` with the mouse, as a user would, and makes sure the click lands on it; `what` names it
/// in messages.
///
/// WebKitWebDriver scrolls the element into view, reads where it is, then sends the mouse there. On CI's
/// machine a click on « Afficher 56 de plus », at the foot of a 100-row client list scrolled to it,
/// opened the page of « Atelier 20 », a row near the list's top, some 80 rows above the button: the
/// content area was most likely no longer where WebKitWebDriver had scrolled it when the mouse
/// arrived (never caught on this machine, in some 30 runs of these tests). Three other failures
/// looked alike (a third « Afficher 12 de plus » that added nothing, a client row and a profile button
/// that opened nothing), each then waiting 40 s for a page that could not come. So, as a careful user
/// does, the element is first scrolled to the middle of the view, and the click waits until it has sat
/// still for two frames with nothing over it. And the mouse events are watched: one that reaches
/// anything else is stopped before the page sees it, and the click is tried again.
pub async fn click_element(element: &WebElement, what: &str) {
    const TRIES: usize = 3;
    for attempt in 1..=TRIES {
        let settled = element.handle().execute_async(SETTLE, vec![element.to_json().unwrap()]).await;
        let settled = settled.unwrap_or_else(|e| panic!("{what}: {e}")).json().as_str().unwrap_or_default().to_string();
        assert!(settled == "ready", "cannot click {what}: it is {settled}");
        let missed = click_watched(element, element, what).await;
        if missed.is_empty() {
            return;
        }
        // Noted where the suite's summary reads it (scripts/test): a passing test's output is not shown.
        let line =
            format!("{}: the click on {what} landed elsewhere ({missed}); try {attempt} of {TRIES}\n", test_name());
        eprint!("{line}");
        let notes = screenshot_folder().with_file_name(STRAY_CLICKS);
        let file = std::fs::OpenOptions::new().create(true).append(true).open(&notes);
        file.and_then(|mut file| std::io::Write::write_all(&mut file, line.as_bytes())).unwrap();
    }
    panic!("the click on {what} landed elsewhere {TRIES} times");
}

/// The file under `target/test-output/` where each click that landed elsewhere is noted.
pub const STRAY_CLICKS: &str = "stray-clicks.txt";

/// Clicks `clicked` with the mouse while watching for `target`: answers the mouse events that reached
/// anything else, which were stopped before the page saw them; nothing when the click landed on `target`.
pub async fn click_watched(target: &WebElement, clicked: &WebElement, what: &str) -> String {
    let session = target.handle();
    session.execute(GUARD, vec![target.to_json().unwrap()]).await.unwrap_or_else(|e| panic!("{what}: {e}"));
    let result = clicked.click().await;
    let missed = session.execute_async(MISSES, vec![]).await.unwrap_or_else(|e| panic!("{what}: {e}"));
    result.unwrap_or_else(|e| panic!("cannot click {what}: {e}"));
    missed.json().as_str().unwrap_or_default().to_string()
}

/// Scrolls `arguments[0]` to the middle of the view and answers `ready` once it has stayed in one place
/// for two frames with nothing over its centre, or why not.
const SETTLE: &str = r#"
const [target, done] = [arguments[0], arguments[arguments.length - 1]];
const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
const where = () => {
  const box = target.getBoundingClientRect();
  return { key: [box.left, box.top, box.width, box.height].map(Math.round).join(' '), box };
};
(async () => {
  let last = 'never still';
  for (let tries = 0; tries < 50; tries += 1) {
    if (!target.isConnected) {
      done('no longer in the page');
      return;
    }
    target.scrollIntoView({ block: 'center', inline: 'nearest' });
    const before = where().key;
    await frame();
    await frame();
    const { key, box } = where();
    const over = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    if (key === before && over && target.contains(over)) {
      done('ready');
      return;
    }
    last = key !== before ? 'still moving' : `under ${over ? over.outerHTML.slice(0, 80) : 'nothing'}`;
  }
  done(last);
})();
"#;

/// Watches the next click's mouse events: each one that reaches anything but `arguments[0]` is stopped
/// before the page sees it, and noted.
const GUARD: &str = r#"
const target = arguments[0];
const missed = [];
const types = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'];
const watch = (event) => {
  if (!target.contains(event.target)) {
    missed.push(`${event.type} at ${event.clientX},${event.clientY} on ${event.target.outerHTML.slice(0, 80)}`);
    event.preventDefault();
    event.stopImmediatePropagation();
  }
  if (event.type === 'click') {
    window.__clickGuard.clicked = true;
  }
};
for (const type of types) {
  window.addEventListener(type, watch, { capture: true });
}
window.__clickGuard = {
  clicked: false,
  missed,
  end() {
    for (const type of types) {
      window.removeEventListener(type, watch, { capture: true });
    }
  },
};
"#;

/// Ends the watch once the click has arrived (or after half a second) and answers what it stopped.
const MISSES: &str = r#"
const done = arguments[arguments.length - 1];
const guard = window.__clickGuard;
const started = performance.now();
const finish = () => {
  if (!guard.clicked && performance.now() - started < 500) {
    setTimeout(finish, 10);
    return;
  }
  guard.end();
  done(guard.missed.join('; '));
};
finish();
"#;

pub async fn fill(form: &WebElement, name: &str, value: &str) {
    let input = form.find(By::Css(format!("[name=\"{name}\"]"))).await.unwrap_or_else(|_| panic!("no field {name}"));
    input.clear().await.unwrap();
    input.send_keys(value).await.unwrap();
}

pub async fn choose(form: &WebElement, name: &str, value: &str) {
    let select = form.find(By::Css(format!("select[name=\"{name}\"]"))).await.unwrap();
    SelectElement::new(&select).await.unwrap().select_by_value(value).await.unwrap();
}

pub async fn submit(form: &WebElement) {
    click_element(&form.find(By::Css("button[type=submit]")).await.unwrap(), "the form's button").await;
}

pub fn decimal(text: &str) -> Decimal {
    text.parse().unwrap_or_else(|_| panic!("not a decimal: {text:?}"))
}

pub async fn figure(window: &WebDriver, id: &str) -> Decimal {
    decimal(&wait_for_attribute(window, id, "data-value", |v| !v.is_empty()).await)
}

pub async fn bucket(window: &WebDriver, key: &str) -> Decimal {
    let css = format!("#aging-chart [data-bucket=\"{key}\"]");
    decimal(&wait_for_attribute(window, &css, "data-amount", |v| !v.is_empty()).await)
}

/// Enters 2026-S2's rates, which the shipped table leaves blank (window_wording drives entering them in the
/// window): a letter claiming interest after 1 July 2026 is not printed until they are.
pub fn enter_2026_s2_rates(ledger: &mut ardoise::Ledger) {
    let rates = ardoise::desk::penalties::RateRowText {
        semester: "2026-S2".into(),
        ecb_rate: "2,15".into(),
        legal_rate_other: "2,62".into(),
        ..Default::default()
    };
    ardoise::desk::penalties::save_semester_rates(ledger, &rates).unwrap();
}

pub fn ledger_file(data_home: &Path) -> PathBuf {
    data_home.join(ardoise::ledger::paths::APP_IDENTIFIER).join(ardoise::ledger::FILE_NAME)
}

pub async fn wait_for_text(element: &WebElement, fragment: &str) {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let text = element.text().await.unwrap_or_default();
        if text.contains(fragment) {
            return;
        }
        assert!(Instant::now() < deadline, "expected {fragment:?} in {text:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
