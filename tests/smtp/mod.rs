//! A small real SMTP server for the tests, on 127.0.0.1 over TCP: EHLO, STARTTLS or TLS from the first
//! byte (rustls, with a certificate made at start by rcgen that the test trusts explicitly), AUTH PLAIN
//! and LOGIN against one user and password, MAIL, RCPT (some addresses refused as a real server refuses
//! an unknown user), DATA (dot-unstuffed as RFC 5321 says), RSET, NOOP, QUIT. It keeps what it received:
//! the envelope and the message's bytes exactly as they arrived.

#![allow(dead_code)]

use base64::Engine;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// How the server protects its connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Plain,
    Starttls,
    Tls,
}

/// One message received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub bytes: Vec<u8>,
    /// The user who logged in on that connection.
    pub user: Option<String>,
    /// The message arrived over TLS.
    pub encrypted: bool,
}

/// A running server; it lives as long as the test process.
pub struct Server {
    pub port: u16,
    /// The server's certificate, for the client to trust.
    pub certificate_pem: Vec<u8>,
    received: Arc<Mutex<Vec<Received>>>,
}

struct Rules {
    mode: Mode,
    login: Option<(String, String)>,
    refused: Vec<String>,
    tls: Arc<rustls::ServerConfig>,
}

trait Stream: Read + Write + Send {}
impl<T: Read + Write + Send> Stream for T {}

impl Server {
    /// Starts a server: `login` is the one user and password accepted (then required before MAIL),
    /// `refused` the recipients it answers 550 to.
    pub fn start(mode: Mode, login: Option<(&str, &str)>, refused: &[&str]) -> Server {
        let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string(), "localhost".to_string()])
            .expect("test certificate");
        Server::start_with(mode, login, refused, certified)
    }

    /// A server presenting as its own certificate a self-signed certificate authority, as `openssl req
    /// -x509` makes one (basic constraints CA:TRUE).
    pub fn start_presenting_an_authority(mode: Mode, login: Option<(&str, &str)>) -> Server {
        let mut params = rcgen::CertificateParams::new(vec!["127.0.0.1".to_string(), "localhost".to_string()])
            .expect("test certificate");
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        let key_pair = rcgen::KeyPair::generate().expect("test key");
        let cert = params.self_signed(&key_pair).expect("test certificate");
        Server::start_with(mode, login, &[], rcgen::CertifiedKey { cert, key_pair })
    }

    fn start_with(mode: Mode, login: Option<(&str, &str)>, refused: &[&str], certified: rcgen::CertifiedKey) -> Server {
        let certificate = CertificateDer::from(certified.cert.der().to_vec());
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(certified.key_pair.serialize_der()));
        let tls = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(vec![certificate], key)
            .unwrap();
        let rules = Arc::new(Rules {
            mode,
            login: login.map(|(u, p)| (u.to_string(), p.to_string())),
            refused: refused.iter().map(|r| r.to_string()).collect(),
            tls: Arc::new(tls),
        });
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&received);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let rules = Arc::clone(&rules);
                let kept = Arc::clone(&kept);
                std::thread::spawn(move || {
                    let _ = serve(stream, &rules, &kept);
                });
            }
        });
        Server { port, certificate_pem: certified.cert.pem().into_bytes(), received }
    }

    /// Every message received so far, in order.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

/// A port where nothing listens (bound, then released).
pub fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn serve(stream: TcpStream, rules: &Rules, kept: &Mutex<Vec<Received>>) -> std::io::Result<()> {
    let mut encrypted = rules.mode == Mode::Tls;
    let first: Box<dyn Stream> = if encrypted { Box::new(wrap(stream, rules)?) } else { Box::new(stream) };
    let mut io = BufReader::new(first);
    say(&mut io, "220 essai.ardoise.invalid ESMTP serveur d'essai")?;
    let mut user: Option<String> = None;
    let mut from: Option<String> = None;
    let mut to: Vec<String> = Vec::new();
    loop {
        let Some(line) = read_line(&mut io)? else { return Ok(()) };
        let upper = line.to_ascii_uppercase();
        if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            let mut lines = vec!["250-essai.ardoise.invalid", "250-8BITMIME", "250-SIZE 20000000"];
            if rules.mode == Mode::Starttls && !encrypted {
                lines.push("250-STARTTLS");
            }
            if rules.login.is_some() && (encrypted || rules.mode == Mode::Plain) {
                lines.push("250-AUTH PLAIN LOGIN");
            }
            lines.push("250 ENHANCEDSTATUSCODES");
            say(&mut io, &lines.join("\r\n"))?;
        } else if upper == "STARTTLS" && rules.mode == Mode::Starttls && !encrypted {
            say(&mut io, "220 2.0.0 Ready to start TLS")?;
            let plain = io.into_inner();
            io = BufReader::new(Box::new(rustls::StreamOwned::new(
                rustls::ServerConnection::new(Arc::clone(&rules.tls)).unwrap(),
                plain,
            )));
            encrypted = true;
            (user, from) = (None, None);
            to.clear();
        } else if upper.starts_with("AUTH ") {
            let (name, password) = credentials(&mut io, &line)?;
            if rules.login.as_ref().is_some_and(|(u, p)| *u == name && *p == password) {
                user = Some(name);
                say(&mut io, "235 2.7.0 Authentication successful")?;
            } else {
                say(&mut io, "535 5.7.8 Error: authentication failed: bad credentials")?;
            }
        } else if upper.starts_with("MAIL FROM:") {
            if rules.login.is_some() && user.is_none() {
                say(&mut io, "530 5.7.0 Authentication required")?;
            } else {
                from = Some(address(&line));
                say(&mut io, "250 2.1.0 Ok")?;
            }
        } else if upper.starts_with("RCPT TO:") {
            let recipient = address(&line);
            if from.is_none() {
                say(&mut io, "503 5.5.1 Error: need MAIL command")?;
            } else if rules.refused.contains(&recipient) {
                say(&mut io, &format!("550 5.1.1 <{recipient}>: Recipient address rejected: User unknown"))?;
            } else {
                to.push(recipient);
                say(&mut io, "250 2.1.5 Ok")?;
            }
        } else if upper == "DATA" {
            if to.is_empty() {
                say(&mut io, "554 5.5.1 Error: no valid recipients")?;
                continue;
            }
            say(&mut io, "354 End data with <CR><LF>.<CR><LF>")?;
            let bytes = read_data(&mut io)?;
            let mut all = kept.lock().unwrap();
            all.push(Received {
                from: from.take().unwrap_or_default(),
                to: std::mem::take(&mut to),
                bytes,
                user: user.clone(),
                encrypted,
            });
            let number = all.len();
            drop(all);
            say(&mut io, &format!("250 2.0.0 Ok: queued as ESSAI{number:04}"))?;
        } else if upper == "RSET" {
            from = None;
            to.clear();
            say(&mut io, "250 2.0.0 Ok")?;
        } else if upper == "NOOP" {
            say(&mut io, "250 2.0.0 Ok")?;
        } else if upper == "QUIT" {
            say(&mut io, "221 2.0.0 Bye")?;
            return Ok(());
        } else {
            say(&mut io, "502 5.5.2 Error: command not recognized")?;
        }
    }
}

fn wrap(stream: TcpStream, rules: &Rules) -> std::io::Result<rustls::StreamOwned<rustls::ServerConnection, TcpStream>> {
    let connection = rustls::ServerConnection::new(Arc::clone(&rules.tls)).map_err(std::io::Error::other)?;
    Ok(rustls::StreamOwned::new(connection, stream))
}

fn say(io: &mut BufReader<Box<dyn Stream>>, reply: &str) -> std::io::Result<()> {
    let stream = io.get_mut();
    stream.write_all(format!("{reply}\r\n").as_bytes())?;
    stream.flush()
}

fn read_line(io: &mut BufReader<Box<dyn Stream>>) -> std::io::Result<Option<String>> {
    let mut line = Vec::new();
    match io.read_until(b'\n', &mut line) {
        Ok(0) => Ok(None),
        Ok(_) => Ok(Some(String::from_utf8_lossy(&line).trim_end_matches(['\r', '\n']).to_string())),
        // A client that drops the TLS connection without closing it is a closed connection here.
        Err(error) if error.kind() == std::io::ErrorKind::UnexpectedEof => Ok(None),
        Err(error) => Err(error),
    }
}

/// The message's lines up to the line holding only a dot, each line's leading dot doubled by the client
/// taken away again.
fn read_data(io: &mut BufReader<Box<dyn Stream>>) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    loop {
        let mut line = Vec::new();
        if io.read_until(b'\n', &mut line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        if line == b".\r\n" {
            return Ok(bytes);
        }
        let start = usize::from(line.starts_with(b".."));
        bytes.extend_from_slice(&line[start..]);
    }
}

/// The user and password of AUTH PLAIN (inline or after a 334) or AUTH LOGIN.
fn credentials(io: &mut BufReader<Box<dyn Stream>>, line: &str) -> std::io::Result<(String, String)> {
    let decode = |text: &str| {
        String::from_utf8_lossy(&base64::engine::general_purpose::STANDARD.decode(text.trim()).unwrap_or_default())
            .to_string()
    };
    let words: Vec<&str> = line.split_whitespace().collect();
    let mechanism = words.get(1).map(|w| w.to_ascii_uppercase()).unwrap_or_default();
    if mechanism == "PLAIN" {
        let encoded = match words.get(2) {
            Some(inline) => inline.to_string(),
            None => {
                say(io, "334 ")?;
                read_line(io)?.unwrap_or_default()
            }
        };
        let decoded = decode(&encoded);
        let mut parts = decoded.split('\0').skip(1);
        return Ok((parts.next().unwrap_or_default().to_string(), parts.next().unwrap_or_default().to_string()));
    }
    let user = match words.get(2) {
        Some(inline) => decode(inline),
        None => {
            say(io, "334 VXNlcm5hbWU6")?;
            decode(&read_line(io)?.unwrap_or_default())
        }
    };
    say(io, "334 UGFzc3dvcmQ6")?;
    let password = decode(&read_line(io)?.unwrap_or_default());
    Ok((user, password))
}

/// `MAIL FROM:<a@b.fr> BODY=8BITMIME` → `a@b.fr`.
fn address(line: &str) -> String {
    let start = line.find('<').map_or(line.find(':').map_or(0, |i| i + 1), |i| i + 1);
    let end = line[start..].find('>').map_or(line.len(), |i| start + i);
    line[start..end].trim().to_string()
}
