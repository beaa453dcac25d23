//! The site in its language: the Flatfile example in every built-in language (snapshots),
//! a site's own catalogue (an override, a right-to-left language, a link out of the
//! repository), and a language without a catalogue.

use crate::common::{self, root, tree};

use std::path::Path;
use std::process::{Command, Output};

/// 2025-04-10T00:00:00Z: a week after the Flatfile incident, inside the uptime bar.
const EPOCH: &str = "1744243200";

/// The built-in languages.
const LANGUAGES: &[&str] = &["en", "de", "es", "fr", "ja", "pt-BR"];

const ID: &str = "2025-04-02-spaces-503s";

/// The Flatfile incident's summary sentence in Japanese.
const JA_SENTENCE: &str = "Flatfileでは2025年4月2日にSpacesに影響する重大なインシデントが発生しました。継続時間は1時間14分でした。";

fn postmortem(repo: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .arg("-C")
        .arg(repo)
        .args(args)
        .output()
        .expect("the binary runs")
}

/// The Flatfile example with `language: <language>`, in `dir/<language>`.
fn flatfile_in(dir: &Path, language: &str) -> std::path::PathBuf {
    let repo = common::flatfile_repo(dir, language);
    let config = std::fs::read_to_string(repo.join("postmortem.yaml")).unwrap();
    assert!(config.contains("\nlanguage: en\n"));
    std::fs::write(
        repo.join("postmortem.yaml"),
        config.replace("\nlanguage: en\n", &format!("\nlanguage: {language}\n")),
    )
    .unwrap();
    repo
}

fn built(repo: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let out = repo.join("site");
    let o = postmortem(repo, &["build", "--out", "site"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    tree(&out)
}

fn text(files: &std::collections::BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(files[name].clone()).unwrap()
}

#[test]
fn the_flatfile_example_in_every_language() {
    let tmp = tempfile::tempdir().unwrap();
    for language in LANGUAGES {
        let files = built(&flatfile_in(tmp.path(), language));
        for (name, file) in [
            ("index.html", "index.html".to_owned()),
            ("incident.html", format!("incidents/{ID}/index.html")),
            ("md", format!("incidents/{ID}.md")),
            ("feed.atom", "feed.atom".to_owned()),
        ] {
            insta::assert_snapshot!(format!("flatfile-{language}-{name}"), text(&files, &file));
        }
        // The incident's timeline chart on its own, in a language of long words and in one
        // of full-width letters (every language's is in its incident page above).
        if ["de", "ja"].contains(language) {
            let page = text(&files, &format!("incidents/{ID}/index.html"));
            let start = page.find("<svg class=\"tl\"").expect("a timeline");
            let end = start + page[start..].find("</svg>").expect("</svg>") + "</svg>".len();
            insta::assert_snapshot!(
                format!("flatfile-{language}-timeline.svg"),
                &page[start..end]
            );
        }
        let rss = text(&files, "feed.rss");
        assert!(
            rss.contains(&format!("<language>{language}</language>")),
            "{language}"
        );
        let atom = text(&files, "feed.atom");
        assert!(
            atom.contains(&format!("xml:lang=\"{language}\"")),
            "{language}"
        );
        // Every item opens with the record's summary sentence in the language: Atom's
        // `<summary>`, the first paragraph of RSS's description.
        let sentence = match *language {
            "en" => Some(
                "Flatfile experienced a major incident on April 2, 2025 affecting Spaces, \
                 lasting 1h 14m.",
            ),
            "de" => Some(
                "Flatfile hatte am 2. April 2025 eine größere Störung mit Auswirkung auf \
                 Spaces, die 1 Std. 14 Min. dauerte.",
            ),
            "ja" => Some(JA_SENTENCE),
            _ => None,
        };
        if let Some(sentence) = sentence {
            assert_eq!(
                atom.matches(&format!("<summary type=\"text\">{sentence}</summary>"))
                    .count(),
                4,
                "{language}"
            );
            assert_eq!(
                rss.matches(&format!(
                    "<description>&lt;p class=&quot;record-summary&quot;&gt;{sentence}&lt;/p&gt;\n"
                ))
                .count(),
                4,
                "{language}: {rss}"
            );
        }
        // The API keeps Statuspage's English spellings in every language.
        let api = text(&files, "api/v2/incidents.json");
        assert!(api.contains("\"status\":\"resolved\""), "{language}");
        assert!(api.contains("\"impact\":\"major\""), "{language}");
    }
}

#[test]
fn a_language_without_a_catalogue_is_an_error_of_the_configuration() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = flatfile_in(tmp.path(), "ko");
    let o = postmortem(&repo, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "");
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "postmortem.yaml:5:11: error: no catalogue for the language `ko` [language]\n  \
         |\n\
         5 | language: ko\n  \
         |           ^^ available: `de`, `en`, `es`, `fr`, `ja`, `pt-BR`; or write locales/ko.ftl\n"
    );
    // A site's own catalogue is one of those available; `pt` does not read `pt-BR`, but
    // suggests it.
    std::fs::create_dir_all(repo.join("locales")).unwrap();
    std::fs::write(repo.join("locales/ar.ftl"), "today = اليوم\n").unwrap();
    let config = std::fs::read_to_string(repo.join("postmortem.yaml")).unwrap();
    std::fs::write(
        repo.join("postmortem.yaml"),
        config.replace("language: ko", "language: pt"),
    )
    .unwrap();
    let o = postmortem(&repo, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains(
            "^^ did you mean `pt-BR`?; available: `ar`, `de`, `en`, `es`, `fr`, `ja`, `pt-BR`; or write locales/pt.ftl\n"
        ),
        "{stderr}"
    );
    // A region reads its language's catalogue.
    std::fs::write(
        repo.join("postmortem.yaml"),
        config.replace("language: ko", "language: de-AT"),
    )
    .unwrap();
    let o = postmortem(&repo, &["check"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn a_sites_catalogue_overrides_messages_and_can_be_right_to_left() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = flatfile_in(tmp.path(), "de");
    std::fs::create_dir_all(repo.join("locales")).unwrap();
    std::fs::write(repo.join("locales/de.ftl"), "today = Jetzt\n").unwrap();
    let files = built(&repo);
    let index = text(&files, "index.html");
    assert!(index.contains("<span>Jetzt</span>"), "{index}");
    assert!(index.contains("<h2 id=\"history\">Störungsverlauf</h2>"));
    assert!(index.contains("<html lang=\"de\">"));

    let repo = flatfile_in(tmp.path(), "ar");
    std::fs::create_dir_all(repo.join("locales")).unwrap();
    std::fs::write(
        repo.join("locales/ar.ftl"),
        "today = اليوم\nsite-title = حالة { $site }\n",
    )
    .unwrap();
    let files = built(&repo);
    let index = text(&files, "index.html");
    assert!(index.contains("<html lang=\"ar\" dir=\"rtl\">"), "{index}");
    assert!(index.contains("<h1>حالة Flatfile</h1>"));
    // What the site's catalogue does not say stays English; month names are Arabic.
    assert!(index.contains("<h2 id=\"components\">Components</h2>"));
    assert!(index.contains("<h3>أبريل 2025</h3>"), "{index}");
}

#[test]
fn a_bad_or_linked_out_catalogue_builds_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = flatfile_in(tmp.path(), "fr");
    std::fs::create_dir_all(repo.join("locales")).unwrap();
    std::fs::write(
        repo.join("locales/fr.ftl"),
        "today = Maintenant\nhistory = { $x\n",
    )
    .unwrap();
    let o = postmortem(&repo, &["build", "--out", "site"]);
    assert_eq!(o.status.code(), Some(1));
    // Shown from the working directory (`-C` the repository), with a code, as any problem.
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "locales/fr.ftl:3:1: error: Expected a token starting with \"}\" [catalogue]\n"
    );
    assert!(!repo.join("site").exists());
    std::fs::write(
        repo.join("locales/fr.ftl"),
        "today = Maintenant\nhistory = { $\n",
    )
    .unwrap();
    let o = postmortem(
        &repo,
        &[
            "render",
            "--format",
            "html",
            "incidents/2025-04-02-spaces-503s.yaml",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "locales/fr.ftl:2:14: error: Expected one of \"a-zA-Z\" [catalogue]\n  |\n2 | history = { $\n  |              ^\n"
    );

    let secret = tmp.path().join("secret.ftl");
    std::fs::write(&secret, "today = secret\n").unwrap();
    std::fs::remove_file(repo.join("locales/fr.ftl")).unwrap();
    std::os::unix::fs::symlink(&secret, repo.join("locales/fr.ftl")).unwrap();
    let o = postmortem(&repo, &["build", "--out", "site"]);
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("fr.ftl: leads outside the repository (to "),
        "{stderr}"
    );
    assert!(!stderr.contains("secret\n"));
    assert!(!repo.join("site").exists());
    let _ = root();
}
