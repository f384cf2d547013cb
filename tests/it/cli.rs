//! Exit codes and help: 0 success, 1 content errors, 2 bad command line.

use crate::harness::SiteTest;

#[test]
fn bad_command_lines_exit_2() {
    let site = SiteTest::new("minimal");
    for args in [vec!["build", "--no-such-flag"], vec!["frobnicate"], vec!["serve", "--port", "notaport"], vec![]] {
        let run = site.run(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    }
}

#[test]
fn help_explains_each_command() {
    let site = SiteTest::new("minimal");
    let run = site.run(&["--help"]);
    assert_eq!(run.code, 0);
    for command in ["build", "serve", "check", "init"] {
        assert!(run.stdout.contains(command), "{}", run.stdout);
    }
    let build = site.run(&["build", "--help"]);
    for flag in ["--root", "--output", "--base-url", "--drafts"] {
        assert!(build.stdout.contains(flag), "{}", build.stdout);
    }
}

#[test]
fn a_folder_without_site_yaml_is_a_content_error() {
    let site = SiteTest::new("minimal");
    site.remove("site.yaml");
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(run.errors()[0].starts_with("error: site.yaml: not found in"), "{}", run.stderr);
}
