//! The round trip: the example site's feed, imported into another signpost
//! site and published again, describes every service as before.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

fn signpost(dir: &Path, args: &[&str]) -> std::process::Output {
    let output = Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args(args)
        .current_dir(dir)
        .env("SIGNPOST_TODAY", crate::harness::TODAY)
        .output()
        .unwrap();
    assert!(output.status.success(), "signpost {args:?}\n{}", String::from_utf8_lossy(&output.stderr));
    output
}

/// Every service of a `service_list` page, by the slug it rides with.
fn services_by_slug(path: &Path) -> BTreeMap<String, Value> {
    let page: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    page["contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["signpost"]["slug"].as_str().unwrap().to_string(), s.clone()))
        .collect()
}

/// What must survive the trip, in a form that ignores how it is split up:
/// opening hours day by day (an import merges days with equal times), the
/// organisation by name (its details live in the other site's
/// data/organisations.yaml), and nothing of where the page was.
fn comparable(service: &Value) -> Value {
    let mut s = service.clone();
    let object = s.as_object_mut().unwrap();
    let days: std::collections::BTreeSet<String> = object
        .remove("schedules")
        .and_then(|list| list.as_array().cloned())
        .unwrap_or_default()
        .iter()
        .flat_map(|sc| {
            let (opens, closes) = (sc["opens_at"].to_string(), sc["closes_at"].to_string());
            let days: Vec<String> = sc["byday"].as_str().unwrap().split(',').map(str::to_string).collect();
            days.into_iter().map(move |d| format!("{d} {opens}-{closes}"))
        })
        .collect();
    object.insert("opening_days".into(), serde_json::json!(days));
    let organisation = object.remove("organization").unwrap();
    object.insert("organisation_name".into(), organisation["name"].clone());
    object.remove("signpost");
    s
}

#[test]
fn example_feed_imported_and_published_again_keeps_every_service() {
    let dir = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let first = dir.path().join("first");
    let root = repo.to_str().unwrap();
    signpost(repo, &["build", "--no-search", "--root", root, "--output", first.to_str().unwrap()]);

    // Another site with the same settings and no services of its own.
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("content")).unwrap();
    std::fs::copy(repo.join("site.yaml"), site.join("site.yaml")).unwrap();
    let feed = first.join("services.json");
    let into = "content/services/imported.yaml";
    let import = signpost(&site, &["import", feed.to_str().unwrap(), "--into", into]);
    let summary = String::from_utf8_lossy(&import.stdout);
    assert!(
        summary.contains(
            "40 created, 0 updated, 0 unchanged, 0 left the feed, 0 skipped, 0 left out, 0 changed, 0 unmapped terms"
        ),
        "{summary}"
    );
    signpost(&site, &["build", "--no-search"]);

    let before = services_by_slug(&feed);
    let after = services_by_slug(&site.join("public/services.json"));
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>(), "the same services, by id");
    for (slug, service) in &before {
        assert_eq!(comparable(service), comparable(&after[slug]), "{slug} changed on the round trip");
    }

    // Importing the same feed again changes no byte.
    let written = std::fs::read(site.join(into)).unwrap();
    let again = signpost(&site, &["import", feed.to_str().unwrap(), "--into", into]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 created, 0 updated, 40 unchanged"));
    assert_eq!(std::fs::read(site.join(into)).unwrap(), written);
}
