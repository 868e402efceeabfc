//! The built `factdiff` binary on the sample stories and on bad input: JSON contract, exit
//! codes, error lines. The expected counts come from the ground truth in samples/README.md.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn factdiff() -> Command {
    Command::cargo_bin("factdiff").expect("binary built")
}

fn sample(story: &str, version: usize) -> String {
    format!(
        "{}/samples/{story}/v{version}.txt",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn json_report(files: &[String]) -> (Value, i32) {
    let out = factdiff()
        .arg("compare")
        .arg("--format")
        .arg("json")
        .args(files)
        .output()
        .expect("runs");
    let report: Value = serde_json::from_slice(&out.stdout).expect("valid JSON on stdout");
    (report, out.status.code().unwrap_or(-1))
}

/// A unique scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("factdiff-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// (changed, added, removed, moved, unchanged) for each consecutive pair, from samples/README.md
/// (body sentences plus the headline and subheadings, which never change).
const EXPECTED: &[(&str, &str, [[usize; 5]; 3])] = &[
    (
        "tiktok-fr",
        "fr",
        [[2, 4, 0, 0, 27], [1, 1, 0, 4, 29], [2, 1, 2, 0, 30]],
    ),
    (
        "storm-en",
        "en",
        [[2, 1, 0, 0, 21], [1, 2, 0, 3, 20], [3, 0, 2, 0, 21]],
    ),
    (
        "pharma-de",
        "de",
        [[3, 0, 0, 0, 24], [1, 2, 0, 2, 25], [2, 2, 2, 0, 25]],
    ),
];

#[test]
fn json_report_follows_the_contract_on_every_sample() {
    for (story, lang, pairs) in EXPECTED {
        let files: Vec<String> = (1..=4).map(|v| sample(story, v)).collect();
        let (report, code) = json_report(&files);
        assert_eq!(code, 1, "{story}: differences found");
        assert_eq!(report["schema"], "factdiff/1");
        for key in ["entities", "facts"] {
            assert!(
                report["timeline"][key].is_array(),
                "{story}: timeline.{key}"
            );
        }
        let versions = report["versions"].as_array().expect("versions");
        assert_eq!(versions.len(), 4);
        for (i, v) in versions.iter().enumerate() {
            assert_eq!(v["index"], i);
            assert_eq!(v["source"], files[i].as_str());
            assert_eq!(v["language"], *lang, "{story} v{}", i + 1);
            assert!(
                v["date"].as_str().is_some_and(|d| d.starts_with("20")),
                "{story}: date read from the metadata line"
            );
            assert!(
                !v["title"].as_str().unwrap_or("").starts_with("date"),
                "{story}: title is the headline"
            );
            for key in ["paragraphs", "sentences", "words"] {
                assert!(
                    v["stats"][key].as_u64().is_some_and(|n| n > 0),
                    "{story} stats.{key}"
                );
            }
            for key in ["entities", "facts", "warnings"] {
                assert!(v[key].is_array(), "{story} {key}");
            }
        }
        let comparisons = report["comparisons"].as_array().expect("comparisons");
        assert_eq!(comparisons.len(), 3);
        for (k, (c, want)) in comparisons.iter().zip(pairs).enumerate() {
            assert_eq!(
                (c["from"].as_u64(), c["to"].as_u64()),
                (Some(k as u64), Some(k as u64 + 1))
            );
            let s = &c["summary"];
            let got = [
                "sentences_changed",
                "sentences_added",
                "sentences_removed",
                "sentences_moved",
                "sentences_unchanged",
            ]
            .map(|key| s[key].as_u64().unwrap_or(u64::MAX) as usize);
            assert_eq!(
                &got,
                want,
                "{story} v{}→v{}: [changed, added, removed, moved, unchanged]",
                k + 1,
                k + 2
            );
            for key in ["added", "dropped"] {
                assert!(c["entities"][key].is_array());
            }
            for key in ["added", "dropped", "changed"] {
                assert!(c["facts"][key].is_array());
            }
            for row in c["sentences"].as_array().expect("rows") {
                let change = row["change"].as_str().expect("change");
                assert!(["unchanged", "changed", "added", "removed", "moved"].contains(&change));
                assert_eq!(row["from"].is_null(), change == "added");
                assert_eq!(row["to"].is_null(), change == "removed");
                assert!(row["words"].is_array());
            }
        }
    }
}

/// The rows that carry the changes named in samples/README.md.
fn rows(report: &Value, pair: usize, change: &str) -> Vec<Value> {
    report["comparisons"][pair]["sentences"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["change"] == change)
        .cloned()
        .collect()
}

fn words(row: &Value, change: &str) -> String {
    row["words"]
        .as_array()
        .expect("words")
        .iter()
        .filter(|w| w["change"] == change)
        .map(|w| w["text"].as_str().unwrap_or("").trim().to_string())
        .collect::<Vec<_>>()
        .join(" | ")
}

#[test]
fn french_sample_edits_are_found_where_the_ground_truth_puts_them() {
    let files: Vec<String> = (1..=4).map(|v| sample("tiktok-fr", v)).collect();
    let (report, _) = json_report(&files);
    // v1→v2: 150 → 175 markets, and the Friday sentence split in two.
    let changed = rows(&report, 0, "changed");
    assert!(
        changed
            .iter()
            .any(|r| words(r, "delete") == "150" && words(r, "insert") == "175")
    );
    assert!(changed.iter().any(|r| {
        r["to_count"] == 2
            && r["old"]
                .as_str()
                .unwrap_or("")
                .contains("évoquant une décision")
    }));
    // v2→v3: the Trump quote reworded, four sentences moved up.
    let changed = rows(&report, 1, "changed");
    assert!(
        changed[0]["new"]
            .as_str()
            .unwrap_or("")
            .contains("Pour ce qui est de TikTok")
    );
    let moved = rows(&report, 1, "moved");
    assert!(moved.iter().any(|r| {
        r["new"]
            .as_str()
            .unwrap_or("")
            .contains("65 langues sur 175 marchés")
    }));
    // v3→v4: the deadline moved, two sentences merged, the Pappas paragraph removed.
    let changed = rows(&report, 2, "changed");
    assert!(
        changed
            .iter()
            .any(|r| words(r, "delete") == "15 septembre" && words(r, "insert") == "12 novembre")
    );
    assert!(changed.iter().any(|r| r["from_count"] == 2));
    let removed = rows(&report, 2, "removed");
    assert!(
        removed
            .iter()
            .any(|r| r["old"].as_str().unwrap_or("").contains("Vanessa Pappas"))
    );
}

#[test]
fn output_is_deterministic() {
    let files: Vec<String> = (1..=4).map(|v| sample("storm-en", v)).collect();
    let run = || {
        factdiff()
            .arg("compare")
            .arg("--format=json")
            .args(&files)
            .output()
            .expect("runs")
            .stdout
    };
    assert_eq!(run(), run());
}

#[test]
fn identical_and_typography_only_versions_exit_0() {
    let a = sample("pharma-de", 1);
    factdiff().args(["compare", &a, &a]).assert().code(0);
    let dir = scratch("typo");
    let v1 = dir.join("v1.txt");
    let v2 = dir.join("v2.txt");
    std::fs::write(
        &v1,
        "Le titre\n\nMicrosoft n'a pas le choix: \"Nous vendrons\", dit-il.  Il reste 12,5 %.\n",
    )
    .expect("write");
    std::fs::write(&v2, "Le titre\r\n\r\nMicrosoft n’a pas le choix\u{a0}: «\u{202f}Nous vendrons\u{202f}», dit-il. Il reste 12,5\u{202f}%.\r\n").expect("write");
    let out = factdiff()
        .args(["compare", "--color=never"])
        .arg(&v1)
        .arg(&v2)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("no differences"));
}

#[test]
fn text_output_is_readable_and_uncoloured_in_a_pipe() {
    let out = factdiff()
        .args(["compare", &sample("tiktok-fr", 3), &sample("tiktok-fr", 4)])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        !text.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
    assert!(text.contains("[-15 septembre-]{+12 novembre+}"), "{text}");
    assert!(text.contains("(merged)"));
    let coloured = factdiff()
        .args([
            "compare",
            "--color=always",
            &sample("tiktok-fr", 3),
            &sample("tiktok-fr", 4),
        ])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&coloured.stdout).contains("\x1b[32m"));
}

#[test]
fn output_file_is_written_with_the_report() {
    let dir = scratch("out");
    let target = dir.join("report.json");
    factdiff()
        .args(["compare", "--format", "json", "-o"])
        .arg(&target)
        .args([sample("storm-en", 1), sample("storm-en", 2)])
        .assert()
        .code(1)
        .stdout("");
    let report: Value =
        serde_json::from_slice(&std::fs::read(&target).expect("written")).expect("json");
    assert_eq!(report["comparisons"].as_array().map(Vec::len), Some(1));
}

/// Runs compare with one bad file among good ones; expects exit 2 and one stderr line naming the
/// file and containing `reason`.
fn assert_bad(bad: &Path, reason: &str) {
    let out = factdiff()
        .arg("compare")
        .arg(sample("storm-en", 1))
        .arg(bad)
        .arg(sample("storm-en", 2))
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{}: {stderr}", bad.display());
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {stderr}");
    assert!(
        lines[0].contains(&bad.display().to_string()),
        "names the file: {stderr}"
    );
    assert!(lines[0].contains(reason), "says why ({reason}): {stderr}");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn bad_inputs_give_one_clear_line_and_exit_2() {
    let dir = scratch("bad");
    assert_bad(&dir.join("missing.txt"), "not found");
    assert_bad(&dir, "directory");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").expect("write");
    assert_bad(&empty, "empty");
    let png = dir.join("photo.txt");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10").expect("write");
    assert_bad(&png, "PNG");
    let nul = dir.join("data.bin");
    std::fs::write(&nul, b"abc\0\0\0def\0ghi\0\0").expect("write");
    assert_bad(&nul, "NUL");
    let huge = dir.join("huge.txt");
    let f = std::fs::File::create(&huge).expect("create");
    f.set_len(64 * 1024 * 1024 + 1).expect("sparse file");
    assert_bad(&huge, "too large");
    // Without read permission (root reads anything, so only checked when it bites).
    let locked = dir.join("locked.txt");
    std::fs::write(&locked, "Un texte.").expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
        if std::fs::read(&locked).is_err() {
            assert_bad(&locked, "permission denied");
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn usage_errors_exit_2_and_help_explains_exit_codes() {
    factdiff()
        .args(["compare", &sample("storm-en", 1)])
        .assert()
        .code(2);
    factdiff()
        .args([
            "compare",
            "--format",
            "xml",
            &sample("storm-en", 1),
            &sample("storm-en", 2),
        ])
        .assert()
        .code(2);
    let help = factdiff().arg("--help").output().expect("runs");
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8_lossy(&help.stdout);
    for needle in ["compare", "Exit codes", "differences found", "64 MiB"] {
        assert!(text.contains(needle), "--help mentions {needle}");
    }
    let help = factdiff()
        .args(["compare", "--help"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&help.stdout);
    for needle in ["--format", "--lang", "json"] {
        assert!(text.contains(needle), "compare --help mentions {needle}");
    }
}

/// The HTML and Markdown reports: written atomically with `-o`, exit codes as for text, and an
/// article's `<script>` shown as text, never as markup.
#[test]
fn html_and_markdown_reports_escape_article_markup() {
    let dir = scratch("reports");
    let old = dir.join("old.txt");
    let new = dir.join("new.txt");
    std::fs::write(&old, "Le titre\n\nLe maire a parlé le 15 septembre.\n").expect("write");
    std::fs::write(
        &new,
        "Le titre\n\nLe maire a écrit <script>alert(1)</script> le 12 novembre.\n",
    )
    .expect("write");
    let html_path = dir.join("report.html");
    factdiff()
        .args(["compare", "--format", "html", "-o"])
        .arg(&html_path)
        .arg(&old)
        .arg(&new)
        .assert()
        .code(1)
        .stdout("");
    let html = std::fs::read_to_string(&html_path).expect("HTML written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("<ins>"), "word highlights");

    let out = factdiff()
        .args(["compare", "--format", "markdown"])
        .arg(&old)
        .arg(&new)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let md = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(md.starts_with("# Le titre"), "{md}");
    // No raw HTML: every `<` is backslash-escaped.
    assert!(
        md.match_indices('<').all(|(i, _)| md[..i].ends_with('\\')),
        "{md}"
    );
    assert!(md.contains(r"\<script\>alert(1)\</script\>"), "{md}");

    // Same files, same bytes; identical versions exit 0.
    let again = factdiff()
        .args(["compare", "--format", "markdown"])
        .arg(&old)
        .arg(&new)
        .output()
        .expect("runs");
    assert_eq!(again.stdout, md.as_bytes());
    factdiff()
        .args(["compare", "--format", "html"])
        .arg(&old)
        .arg(&old)
        .assert()
        .code(0);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A session of the storm story's versions `order` (copied into `dir`, v2 in a sub folder),
/// saved as `dir/review.factdiff` with `options`.
fn storm_session(
    dir: &Path,
    order: &[usize],
    options: factdiff::core::session::SessionOptions,
) -> PathBuf {
    use factdiff::core::session::{self, Session, SessionVersion};
    std::fs::create_dir_all(dir.join("sub")).expect("sub folder");
    let versions = order
        .iter()
        .map(|&v| {
            let target = if v == 2 {
                dir.join("sub/v2.txt")
            } else {
                dir.join(format!("v{v}.txt"))
            };
            std::fs::copy(sample("storm-en", v), &target).expect("copy sample");
            SessionVersion::of_file(&target, None).expect("checksum")
        })
        .collect();
    let path = dir.join("review.factdiff");
    let session = Session {
        versions,
        pair: Some((0, 1)),
        options,
    };
    session::save(&path, &session).expect("save session");
    path
}

#[test]
fn a_session_stands_for_its_versions_in_its_order() {
    let dir = scratch("session-order");
    let session = storm_session(&dir, &[3, 1, 2], Default::default());
    let out = factdiff()
        .args(["compare", "--format", "json"])
        .arg(&session)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let sources: Vec<&str> = report["versions"]
        .as_array()
        .expect("versions")
        .iter()
        .map(|v| v["source"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(sources.len(), 3);
    assert!(sources[0].ends_with("v3.txt") && sources[1].ends_with("v1.txt"));
    assert!(sources[2].ends_with("sub/v2.txt"), "{sources:?}");

    // Detected by its content under another name.
    let renamed = dir.join("review.json");
    std::fs::copy(&session, &renamed).expect("copy");
    factdiff().arg("compare").arg(&renamed).assert().code(1);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_session_brings_its_options_and_the_command_line_overrides_them() {
    let dir = scratch("session-options");
    let strict = factdiff::core::session::SessionOptions {
        changed_threshold: 0.95,
        ..Default::default()
    };
    let session = storm_session(&dir, &[1, 2], strict);
    let changed = |extra: &[&str]| {
        let out = factdiff()
            .args(["compare", "--format", "json"])
            .args(extra)
            .arg(&session)
            .output()
            .expect("runs");
        let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        report["comparisons"][0]["summary"]["sentences_changed"]
            .as_u64()
            .expect("count")
    };
    // The sample's two changed sentences are below 0.95 similarity: added and removed instead.
    assert_eq!(changed(&["--changed-threshold", "0.45"]), 2);
    assert!(changed(&[]) < 2);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_session_with_a_changed_file_warns_and_a_missing_file_fails() {
    let dir = scratch("session-files");
    let session = storm_session(&dir, &[1, 2, 3], Default::default());
    std::fs::write(dir.join("v1.txt"), "An edited first version. It says less.").expect("edit");
    let out = factdiff()
        .arg("compare")
        .arg(&session)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let warning = stderr.lines().next().unwrap_or("");
    assert!(
        warning.starts_with("factdiff: warning: changed since the session was saved")
            && warning.ends_with("v1.txt"),
        "{stderr}"
    );

    std::fs::remove_file(dir.join("v3.txt")).expect("remove");
    let out = factdiff()
        .arg("compare")
        .arg(&session)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("not found") && l.ends_with("v3.txt")),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_sessions_give_one_clear_line_and_exit_2() {
    let dir = scratch("session-bad");
    let cases = [
        (
            "damaged.factdiff",
            "{\"format\": \"factdiff-session\",\n \"version\": 1,,}",
            "the session file is damaged: ",
        ),
        (
            "newer.factdiff",
            r#"{"format": "factdiff-session", "version": 7, "versions": []}"#,
            "made by a newer factdiff (session version 7; this one reads 1); update factdiff",
        ),
        (
            "other.factdiff",
            r#"{"schema": "factdiff/1"}"#,
            "not a factdiff session",
        ),
    ];
    for (name, text, reason) in cases {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write");
        let out = factdiff().arg("compare").arg(&path).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
        assert!(stderr.contains(reason), "{name}: {stderr}");
        assert!(stderr.trim_end().ends_with(name), "{name}: {stderr}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// `factdiff compare --format json … | head`: the reader goes away early; factdiff stops
/// quietly with its usual exit code, not with "cannot write to stdout".
#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    let bin = env!("CARGO_BIN_EXE_factdiff");
    // The JSON report of the four storm versions is 100 KB: more than a pipe holds (64 KB),
    // so factdiff is still writing when the reader leaves.
    let mut child = std::process::Command::new(bin)
        .args(["compare", "--format", "json"])
        .args((1..=4).map(|v| sample("storm-en", v)))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let mut head = [0u8; 16];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut head)
        .expect("some output");
    // The pipe's reading end is dropped here: later writes fail with EPIPE.
    let out = child.wait_with_output().expect("exits");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
