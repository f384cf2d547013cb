//! The output folder is replaced whole or not at all.

use crate::harness::{SiteTest, list_files};
use std::fs;

#[test]
fn a_failed_build_leaves_the_previous_output_byte_identical() {
    let site = SiteTest::new("minimal");
    site.build().assert_ok();
    let public = site.root.join("public");
    let before: Vec<(String, Vec<u8>)> =
        list_files(&public).into_iter().map(|f| (f.clone(), fs::read(public.join(&f)).unwrap())).collect();

    site.edit("content/guidelines/copd.md", "version: \"2.0\"", "version: \"3.0\"\nreveiw_due: 2030-01-01");
    let run = site.build();
    assert_eq!(run.code, 1);

    let after: Vec<(String, Vec<u8>)> =
        list_files(&public).into_iter().map(|f| (f.clone(), fs::read(public.join(&f)).unwrap())).collect();
    assert_eq!(before, after);
    assert_no_leftovers(&site);
}

/// Pages are written into the staging folder as they render; an error found
/// while rendering (a broken link) still leaves the old site and no folder.
#[test]
fn an_error_found_while_pages_are_written_leaves_the_previous_output() {
    let site = SiteTest::new("minimal");
    site.build().assert_ok();
    let public = site.root.join("public");
    let before = list_files(&public);
    let copd = fs::read(public.join("guidelines/copd/index.html")).unwrap();
    site.edit("content/guidelines/copd.md", "version: \"2.0\"", "version: \"3.0\"");
    site.write(
        "content/guidelines/broken.md",
        site.read("content/guidelines/copd.md").replace("](", "](no-such-page.md#"),
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("no-such-page"), "{}", run.stderr);
    assert_eq!(list_files(&public), before);
    assert_eq!(fs::read(public.join("guidelines/copd/index.html")).unwrap(), copd);
    assert_no_leftovers(&site);
}

/// No staging or old-output folder of signpost's is left beside the site.
fn assert_no_leftovers(site: &SiteTest) {
    let leftovers: Vec<_> = fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("signpost"))
        .collect();
    assert!(leftovers.is_empty(), "no staging folders left behind: {leftovers:?}");
}

/// A build that was killed leaves its staging folder; the next build
/// removes it, and never one whose process still runs.
#[test]
fn a_killed_builds_staging_folder_is_removed_by_the_next_build() {
    let site = SiteTest::new("minimal");
    let abandoned = site.root.join(".public.signpost-staging-4000000000");
    fs::create_dir_all(abandoned.join("guidelines")).unwrap();
    let running = site.root.join(format!(".public.signpost-staging-{}", std::process::id()));
    fs::create_dir_all(&running).unwrap();
    site.build().assert_ok();
    assert!(!abandoned.exists(), "the folder of a process that has ended is removed");
    assert!(running.exists(), "a folder whose process still runs is left alone");
    fs::remove_dir_all(&running).unwrap();
}

#[test]
fn a_rebuild_removes_pages_whose_source_is_gone() {
    let site = SiteTest::new("minimal");
    site.build().assert_ok();
    assert!(site.output_exists("about/index.html"));
    site.remove("content/about.md");
    site.build().assert_ok();
    assert!(!site.output_exists("about/index.html"));
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_build() {
    let site = SiteTest::new("minimal");
    site.write("mine/notes.txt", "precious");
    let run = site.run(&["build", "--output", "mine"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("did not build"), "{}", run.stderr);
    assert_eq!(site.read("mine/notes.txt"), "precious");
    let run = site.run(&["build", "--output", "."]);
    assert_eq!(run.code, 1, "the site folder itself is never an output");
    assert!(site.root.join("site.yaml").exists());
}
