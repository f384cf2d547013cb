//! The preview server, started as authors start it, on a free port against
//! a temporary copy of a fixture. Waits are bounded polls, never timings.

use crate::harness::{SiteTest, TODAY};
use base64::Engine as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

pub(crate) struct Preview {
    child: Child,
    pub(crate) port: u16,
    /// What the server prints, stdout and stderr, line by line.
    pub(crate) output: Receiver<String>,
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Preview {
    pub(crate) fn start(site: &SiteTest) -> Preview {
        Preview::start_with(site, &[])
    }

    /// Starts `serve --port 0` with more arguments (`--no-edit`, `--interface …`).
    pub(crate) fn start_with(site: &SiteTest, args: &[&str]) -> Preview {
        let mut child = Command::new(env!("CARGO_BIN_EXE_signpost"))
            .args(["serve", "--port", "0"])
            .args(args)
            .current_dir(&site.root)
            .env("SIGNPOST_TODAY", TODAY)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, output) = channel();
        for stream in
            [Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>, Box::new(child.stderr.take().unwrap())]
        {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
        }
        // Owned by the guard at once, so a failed start still ends the child.
        let mut preview = Preview { child, port: 0, output };
        let deadline = Instant::now() + Duration::from_secs(20);
        while preview.port == 0 {
            let wait = deadline.saturating_duration_since(Instant::now());
            let line = preview.output.recv_timeout(wait).expect("serve printed its URL");
            if let Some(at) = line.find("Serving ").and_then(|_| line.find("http://")) {
                let address = line[at + 7..].split('/').next().unwrap();
                preview.port = address.rsplit_once(':').unwrap().1.parse().unwrap();
            }
        }
        preview
    }

    pub(crate) fn get(&self, path: &str) -> Reply {
        request(self.port, "GET", path)
    }

    /// Polls `path` until `check` holds, for at most 15 seconds.
    pub(crate) fn wait_for(&self, path: &str, what: &str, check: impl Fn(&Reply) -> bool) -> Reply {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let reply = self.get(path);
            if check(&reply) {
                return reply;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; last reply {} {}",
                reply.status,
                reply.body
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The meta file the served `entry.json` names (`docs/search-index.md`).
    pub(crate) fn search_meta(&self) -> serde_json::Value {
        let entry: serde_json::Value = serde_json::from_str(&self.get("/search/engine/entry.json").body).unwrap();
        let meta = self.get(&format!("/search/engine/{}", entry["meta"].as_str().unwrap()));
        serde_json::from_str(&meta.body).unwrap_or_else(|e| panic!("meta: {e}: {}", meta.body))
    }

    /// The URL of the first document a surface form finds in the served
    /// search index, read as the query script reads it: entry, meta, the
    /// form's shard, its postings, the document's fragment. While saves go
    /// on, a newer index can replace the one this read started from (its
    /// files are content-hashed, so the old ones go): then it starts again,
    /// as a reloaded search page would.
    pub(crate) fn search(&self, form: &str) -> Option<String> {
        for _ in 0..20 {
            match self.search_once(form) {
                Ok(found) => return found,
                Err(gone) => eprintln!("{gone} was replaced by a newer index; reading again"),
            }
        }
        panic!("the search index changed under every one of 20 reads")
    }

    /// `Err(path)` when a file the index names is gone (a newer index).
    fn search_once(&self, form: &str) -> Result<Option<String>, String> {
        let file = |path: &str| -> Result<serde_json::Value, String> {
            let reply = self.get(&format!("/search/engine/{path}"));
            if reply.status == 404 {
                return Err(path.to_string());
            }
            Ok(serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{path}: {e}: {}", reply.body)))
        };
        let entry = file("entry.json")?;
        let meta = file(entry["meta"].as_str().unwrap())?;
        let shards = meta["shards"].as_array().unwrap();
        let shard = shards.iter().rev().find(|s| s[0].as_str().unwrap() <= form).unwrap_or(&shards[0]);
        let shard = file(shard[1].as_str().unwrap())?;
        let Some(found) = shard["forms"].as_array().unwrap().iter().find(|f| f[0] == form) else {
            return Ok(None);
        };
        let term = &shard["terms"][found[1].as_u64().unwrap() as usize];
        let postings = term[2].as_str().expect("a rare word's postings sit in its shard");
        let bytes = base64::engine::general_purpose::STANDARD.decode(postings).unwrap();
        let doc = first_varint(&bytes);
        let group = meta["fragments"][(doc / meta["fragment_group"].as_u64().unwrap()) as usize].as_str().unwrap();
        Ok(Some(file(&format!("fragments/{group}/{doc}.json"))?["url"].as_str().unwrap().to_string()))
    }

    fn events(&self) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
        write!(stream, "GET /__signpost/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        Events { reader: BufReader::new(stream) }
    }
}

/// The first LEB128 varint of `bytes`: a postings list starts with its
/// first document's number.
fn first_varint(bytes: &[u8]) -> u64 {
    let mut value = 0;
    for (i, byte) in bytes.iter().enumerate() {
        value |= u64::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            break;
        }
    }
    value
}

struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// The next `state` event's JSON.
    fn next_state(&mut self) -> serde_json::Value {
        let mut line = String::new();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            assert!(Instant::now() < deadline, "no state event within the wait");
            line.clear();
            assert!(self.reader.read_line(&mut line).expect("an event within the wait") > 0, "stream closed");
            if let Some(data) = line.strip_prefix("data: ") {
                return serde_json::from_str(data.trim()).unwrap();
            }
        }
    }

    /// Reads states until one satisfies `check`, for at most 15 seconds.
    fn until(&mut self, what: &str, check: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            let state = self.next_state();
            if check(&state) {
                return state;
            }
        }
        panic!("no event with {what} within the wait");
    }
}

#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    headers: String,
    pub(crate) body: String,
}

impl Reply {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

/// A bare HTTP request, so paths reach the server exactly as written.
fn request(port: u16, method: &str, path: &str) -> Reply {
    send_raw(port, format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").as_bytes())
}

/// Sends `bytes` as they are (request line, headers, body) and reads the reply.
pub(crate) fn send_raw(port: u16, bytes: &[u8]) -> Reply {
    exchange(port, bytes, false)
}

/// Sends `bytes`, then closes the sending side, as a client that declared
/// a body and never sent it: tiny_http reads a declared body to its end
/// (or the end of the stream) before the reply goes out.
pub(crate) fn send_then_close(port: u16, bytes: &[u8]) -> Reply {
    exchange(port, bytes, true)
}

fn exchange(port: u16, bytes: &[u8], close_sending_side: bool) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    stream.write_all(bytes).unwrap();
    if close_sending_side {
        stream.shutdown(std::net::Shutdown::Write).unwrap();
    }
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Reply { status, headers: head.to_string(), body: body.to_string() }
}

#[test]
fn serves_pages_with_the_live_reload_script_and_right_headers() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    let home = preview.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(home.header("Content-Type"), Some("text/html; charset=utf-8"));
    assert_eq!(home.header("Cache-Control"), Some("no-store"));
    assert!(home.body.contains("<script src=\"/__signpost/live.js\""));
    assert!(home.body.contains("href=\"/guidelines/\""), "links use the preview's own address");

    let redirect = preview.get("/guidelines/copd");
    assert_eq!((redirect.status, redirect.header("Location")), (301, Some("/guidelines/copd/")));
    for (path, kind) in [
        ("/static/css/site.css", "text/css; charset=utf-8"),
        ("/services.json", "application/json"),
        ("/sitemap.xml", "application/xml"),
        ("/robots.txt", "text/plain; charset=utf-8"),
    ] {
        let reply = preview.get(path);
        assert_eq!((reply.status, reply.header("Content-Type")), (200, Some(kind)), "{path}");
    }
    let missing = preview.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<main"), "the site's own 404 page");
    let head = request(preview.port, "HEAD", "/guidelines/copd/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert!(!site.root.join("public").exists(), "serve never writes public/");
}

#[test]
fn an_edit_is_served_and_announced() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    let mut events = preview.events();
    let first = events.next_state();
    let generation = first["generation"].as_u64().unwrap();

    site.edit("content/guidelines/copd.md", "Confirm with spirometry", "Always confirm with spirometry");
    let state = events.until("a new generation", |s| s["generation"].as_u64() > Some(generation));
    assert_eq!(state["errors"], serde_json::json!([]));
    preview.wait_for("/guidelines/copd/", "the edited text", |r| r.body.contains("Always confirm with spirometry"));
}

#[test]
fn a_broken_edit_shows_errors_and_keeps_the_last_good_page_until_fixed() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    let mut events = preview.events();
    let good = events.next_state()["generation"].as_u64().unwrap();

    site.edit("content/guidelines/copd.md", "status: approved", "status: aproved");
    let broken = events.until("errors", |s| !s["errors"].as_array().unwrap().is_empty());
    assert_eq!(
        broken["errors"][0],
        "error: content/guidelines/copd.md:5:9: status: found \"aproved\", expected one of draft, approved, superseded, withdrawn"
    );
    assert_eq!(broken["generation"].as_u64(), Some(good), "no new pages from a failed build");
    let page = preview.get("/guidelines/copd/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("COPD: diagnosis and management"), "the last good page is still served");

    site.edit("content/guidelines/copd.md", "status: aproved", "status: approved");
    let fixed = events.until("no errors", |s| s["errors"].as_array().unwrap().is_empty());
    assert!(
        fixed["generation"].as_u64() > Some(good),
        "the fix is a new good build, so pages reload and the overlay goes"
    );
}

#[test]
fn an_image_without_alt_text_shows_in_the_overlay() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    let mut events = preview.events();
    events.next_state();

    site.edit(
        "content/services/local.yaml",
        "description: Six weeks of exercise and education.",
        "description: Six weeks of exercise. <img src=\"https://example.org/gym.png\">",
    );
    let broken = events.until("errors", |s| !s["errors"].as_array().unwrap().is_empty());
    assert_eq!(
        broken["errors"],
        serde_json::json!([
            "error: content/services/local.yaml:7:24: alt: found an <img> with no alt attribute, expected alt=\"what the image shows\" (or alt=\"\" if it is only decoration)"
        ])
    );
}

#[test]
fn new_and_deleted_files_are_picked_up() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    site.write("content/help.md", "---\ntitle: Help for new staff\n---\nAsk us.\n");
    preview.wait_for("/help/", "the new page", |r| r.status == 200 && r.body.contains("Help for new staff"));
    std::fs::remove_file(site.root.join("content/help.md")).unwrap();
    preview.wait_for("/help/", "the page to go", |r| r.status == 404);
}

#[test]
fn no_request_reaches_a_file_outside_the_site() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    for path in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/static/..%2f..%2fsite.yaml",
        "/static/..\\..\\site.yaml",
        "/%5c..%5csite.yaml",
        "/content/guidelines/copd.md",
        "/site.yaml",
        "/a%00.html",
        "//etc/passwd",
        "/C:/Windows/win.ini",
    ] {
        let reply = preview.get(path);
        assert!(matches!(reply.status, 400 | 404), "{path}: {}", reply.status);
        assert!(!reply.body.contains("base_url:") && !reply.body.contains("root:x:0"), "{path} leaked a file");
    }
}

#[test]
fn a_hundred_requests_at_once_all_succeed() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    let _slow_client = TcpStream::connect(("127.0.0.1", preview.port)).unwrap();
    let port = preview.port;
    let threads: Vec<_> = (0..100)
        .map(|i| {
            std::thread::spawn(move || {
                request(port, "GET", if i % 2 == 0 { "/" } else { "/services/rehab-town/" }).status
            })
        })
        .collect();
    let statuses: Vec<u16> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
}

/// A browser opens several connections at once and keeps each open for the
/// next request unless told to close it. Every one must be answered: a page
/// once stalled half loaded behind the server's idle connections.
#[test]
fn connections_opened_together_are_all_answered_and_closed() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    let mut streams: Vec<TcpStream> =
        (0..10).map(|_| TcpStream::connect(("127.0.0.1", preview.port)).unwrap()).collect();
    for stream in &mut streams {
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(stream, "GET /static/css/site.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    }
    let mut kept_open = Vec::new();
    for (i, mut stream) in streams.into_iter().enumerate() {
        let head = read_head(&mut stream).unwrap_or_else(|e| panic!("connection {i} got no answer: {e}"));
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        if head.to_ascii_lowercase().contains("\r\nconnection: close\r\n") {
            drop(stream);
        } else {
            kept_open.push(stream);
        }
    }
    assert!(kept_open.is_empty(), "{} replies left their connection open", kept_open.len());
}

fn read_head(stream: &mut TcpStream) -> std::io::Result<String> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte)?;
        head.push(byte[0]);
    }
    Ok(String::from_utf8_lossy(&head).into_owned())
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let site = SiteTest::new("minimal");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let run = site.run(&["serve", "--port", &port]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("the port is in use"), "{}", run.stderr);
}

#[test]
fn the_server_prints_where_it_listens() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    let _ = preview.output.try_recv();
    assert!(preview.port > 0);
}

#[test]
fn a_stylesheet_change_is_announced_as_css_only() {
    let site = SiteTest::new("minimal");
    site.write("static/extra.css", "body { color: black; }\n");
    let preview = Preview::start(&site);
    let mut events = preview.events();
    let first = events.next_state()["generation"].as_u64().unwrap();
    site.write("static/extra.css", "body { color: navy; }\n");
    let state = events.until("a new generation", |s| s["generation"].as_u64() > Some(first));
    assert_eq!(state["css_only"], true, "pages swap the stylesheet instead of reloading");
    preview.wait_for("/extra.css", "the new stylesheet", |r| r.body.contains("navy"));
    site.edit("content/guidelines/copd.md", "Confirm with spirometry", "Confirm with quality-assured spirometry");
    let state = events.until("the next generation", |s| s["generation"].as_u64() > Some(first + 1));
    assert_eq!(state["css_only"], false);
}

#[test]
fn search_is_indexed_in_the_background() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    preview.wait_for("/search/engine/entry.json", "the search index", |r| r.status == 200);
    let meta = preview.search_meta();
    let vocabulary = preview.get(&format!("/search/engine/{}", meta["vocabulary"]["s"].as_str().unwrap()));
    assert!(vocabulary.body.contains("\"spirometry\""), "{}", vocabulary.body);
    assert_eq!(preview.search("spirometry"), Some("/guidelines/copd/".to_string()));
}

#[test]
fn a_word_saved_in_a_guideline_is_searchable_within_seconds_while_saves_go_on() {
    let site = SiteTest::new("minimal");
    let preview = Preview::start(&site);
    preview.wait_for("/search/engine/entry.json", "the search index", |r| r.status == 200);
    assert_eq!(preview.search("quokkaplasty"), None);

    site.edit("content/guidelines/copd.md", "Confirm with spirometry", "Confirm with spirometry or quokkaplasty");
    // Another guideline is saved again and again meanwhile: an indexer that
    // waited for a pause in the saves would never get to the new word.
    let asthma = site.read("content/guidelines/asthma.md");
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut saves = 0;
    let url = loop {
        if let Some(url) = preview.search("quokkaplasty") {
            break url;
        }
        assert!(Instant::now() < deadline, "the new word was not searchable within 5 s of the save");
        saves += 1;
        site.write("content/guidelines/asthma.md", format!("{asthma}\nSaved {saves} times.\n"));
        std::thread::sleep(Duration::from_millis(250));
    };
    assert_eq!(url, "/guidelines/copd/");
    assert_eq!(preview.search("spirometry"), Some(url), "the rest of the index is still there");
}

#[test]
fn a_site_that_never_built_shows_its_errors_then_recovers() {
    let site = SiteTest::new("minimal");
    site.edit("content/guidelines/copd.md", "status: approved", "status: aproved");
    let preview = Preview::start(&site);
    let first = preview.get("/guidelines/copd/");
    assert_eq!(first.status, 503);
    assert!(first.body.contains("did not build") && first.body.contains("/__signpost/live.js"));
    let mut events = preview.events();
    assert_eq!(events.next_state()["errors"].as_array().unwrap().len(), 1);
    site.edit("content/guidelines/copd.md", "status: aproved", "status: approved");
    preview.wait_for("/guidelines/copd/", "the page once it builds", |r| r.status == 200);
}

#[test]
fn a_template_edit_in_a_site_theme_is_picked_up() {
    let site = SiteTest::new("minimal");
    site.write("themes/plain/templates/guideline.html", "<!doctype html><title>t</title><main>first look</main>\n");
    site.edit("site.yaml", "description:", "theme: plain\ndescription:");
    let preview = Preview::start(&site);
    preview.wait_for("/guidelines/copd/", "the site theme", |r| r.body.contains("first look"));
    site.write("themes/plain/templates/guideline.html", "<!doctype html><title>t</title><main>second look</main>\n");
    preview.wait_for("/guidelines/copd/", "the edited template", |r| r.body.contains("second look"));
}

#[test]
fn the_open_referral_feed_follows_edits_to_services_and_organisations() {
    let site = SiteTest::new("oruk");
    let preview = Preview::start(&site);
    preview.wait_for("/services.json", "the feed", |r| r.body.contains("Warm homes advice"));
    site.edit("content/services/local.yaml", "name: Warm homes advice", "name: Warm homes help");
    preview.wait_for("/services.json", "the renamed service", |r| r.body.contains("Warm homes help"));
    site.edit("data/organisations.yaml", "helping people heat", "helping everyone heat");
    let reply = preview.wait_for("/openreferral/organizations/index.json", "the new description", |r| {
        r.body.contains("helping everyone heat")
    });
    assert_eq!(reply.header("Content-Type"), Some("application/json"));
}
