//! The words a new user saw wrong in other languages (issue 20's review): a record with no
//! component yet, badges in wide scripts and in German, the calendars' names, plurals of a
//! one-day bar, and each language's punctuation and dates. Every built-in language, on one
//! small site ("Acme Cloud", Europe/Berlin, `uptime_days: 1`) built at a fixed clock.

use crate::common::{Repo, tree};

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// 2026-12-01T12:00:00Z.
const EPOCH: &str = "1796126400";

const CONFIG: &str = "name: Acme Cloud
url: https://status.acme.example/
language: LANGUAGE
timezone: Europe/Berlin
uptime_days: 1
components:
  - name: API
  - name: CDN
";

/// Opened this morning, nothing known yet: what `postmortem new` without `--component`
/// writes.
const UNKNOWN: &str = "title: Errors on some requests
severity: none
components: []
updates:
  - at: 2026-12-01T09:00:00Z
    status: investigating
    body: We are investigating.
";

/// The API partly down since this morning.
const API: &str = "title: API errors
severity: minor
components: [API]
impact:
  windows:
    - component: API
      status: partial_outage
      start: 2026-12-01T10:00:00Z
updates:
  - at: 2026-12-01T10:05:00Z
    status: identified
    body: Found it.
";

/// A window on Saturday night, 03:00 to 05:00 in Berlin.
const MAINTENANCE: &str = "title: CDN upgrade
kind: maintenance
components: [CDN]
scheduled:
  start: 2026-12-05T02:00:00Z
  end: 2026-12-05T04:00:00Z
updates:
  - at: 2026-11-28T10:00:00Z
    status: scheduled
    body: We will upgrade the CDN.
";

/// The site in `language`, built into `dir/<language>/site`.
fn site(dir: &Path, language: &str) -> BTreeMap<String, String> {
    let repo = Repo::new()
        .config(&CONFIG.replace("LANGUAGE", language))
        .record("2026-12-01-unknown", UNKNOWN)
        .record("2026-12-01-api", API)
        .record("2026-12-05-cdn", MAINTENANCE)
        .build_in(&dir.join(language));
    let o = Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .arg("-C")
        .arg(&repo)
        .args(["build", "--out", "site"])
        .output()
        .expect("the binary runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    tree(&repo.join("site"))
        .into_iter()
        .filter_map(|(k, v)| String::from_utf8(v).ok().map(|v| (k, v)))
        .collect()
}

/// The text of the first element of `html` that starts with `open`, up to `close`.
fn between<'a>(html: &'a str, open: &str, close: &str) -> &'a str {
    let start = html
        .find(open)
        .unwrap_or_else(|| panic!("no {open} in {html}"))
        + open.len();
    let end = html[start..].find(close).map_or(html.len(), |e| start + e);
    &html[start..end]
}

/// What each language says, in the order of [`check`]'s values.
struct Want {
    language: &'static str,
    /// The summary sentence of the record without components.
    sentence: &'static str,
    /// `<title>` of the front page.
    title: &'static str,
    /// The Markdown's lines of the maintenance, after its sentence.
    md_maintenance: &'static str,
    /// The API badge: its words, and the status box's width.
    badge: (&'static str, usize),
    /// The site's badge words.
    site_badge: &'static str,
    /// `X-WR-CALNAME` of the site and of the CDN.
    calendars: (&'static str, &'static str),
    /// The embed snippet's `alt`.
    alt: &'static str,
    /// The uptime legend's left end, and the period row of the component page.
    one_day: (&'static str, &'static str),
    /// The `severity: none` badge.
    no_impact: &'static str,
}

const WANT: &[Want] = &[
    Want {
        language: "en",
        sentence: "Acme Cloud experienced an incident on December 1, 2026, still ongoing.",
        title: "Acme Cloud status",
        md_maintenance: "**Affected components:** CDN\n\n**Scheduled:** Dec 5, 2026, 3:00 AM CET to Dec 5, 2026, 5:00 AM CET\n",
        badge: ("API: partial outage", 0),
        site_badge: "Acme Cloud: partial outage",
        calendars: ("Acme Cloud maintenance", "Acme Cloud CDN maintenance"),
        alt: "API status",
        one_day: ("1 day ago", "Last 1 day"),
        no_impact: "No impact",
    },
    Want {
        language: "de",
        sentence: "Acme Cloud hat seit dem 1. Dezember 2026 eine Störung, die noch andauert.",
        title: "Acme Cloud Status",
        md_maintenance: "**Betroffene Komponenten:** CDN\n\n**Geplant:** vom 05.12.2026, 03:00 CET bis 05.12.2026, 05:00 CET\n",
        badge: ("API: teilweiser Ausfall", 0),
        site_badge: "Acme Cloud: teilweiser Ausfall",
        calendars: (
            "Wartungen von Acme Cloud",
            "Wartungen von CDN bei Acme Cloud",
        ),
        alt: "Status von API",
        one_day: ("vor 1 Tag", "Letzter Tag"),
        no_impact: "Keine Auswirkung",
    },
    Want {
        language: "es",
        sentence: "Acme Cloud sufre desde el 1 de diciembre de 2026 un incidente, aún en curso.",
        title: "Estado de Acme Cloud",
        md_maintenance: "**Componentes afectados:** CDN\n\n**Programado:** desde 5 dic 2026, 03:00 CET hasta 5 dic 2026, 05:00 CET\n",
        badge: ("API: interrupción parcial", 0),
        site_badge: "Acme Cloud: interrupción parcial",
        calendars: (
            "Mantenimientos de Acme Cloud",
            "Mantenimientos de CDN en Acme Cloud",
        ),
        alt: "Estado de API",
        one_day: ("hace 1 día", "Último día"),
        no_impact: "Sin impacto",
    },
    Want {
        language: "fr",
        sentence: "Acme Cloud subit depuis le 1er décembre 2026 un incident, toujours en cours.",
        title: "Acme Cloud\u{a0}: état des services",
        md_maintenance: "**Composants concernés\u{a0}:** CDN\n\n**Planifiée\u{a0}:** du 5 déc. 2026, 03:00 CET au 5 déc. 2026, 05:00 CET\n",
        badge: ("API\u{a0}: panne partielle", 0),
        site_badge: "Acme Cloud\u{a0}: panne partielle",
        calendars: (
            "Acme Cloud\u{a0}: maintenances",
            "Acme Cloud\u{a0}: maintenances du composant CDN",
        ),
        alt: "État du composant API",
        one_day: ("il y a 1 jour", "Dernier jour"),
        no_impact: "Aucun impact",
    },
    Want {
        language: "ja",
        sentence: "Acme Cloudでは2026年12月1日にインシデントが発生し、現在も継続中です。",
        title: "Acme Cloud ステータス",
        md_maintenance: "**影響を受けたコンポーネント:** CDN\n\n**予定:** 2026/12/05 03:00 CET ～ 2026/12/05 05:00 CET\n",
        badge: ("API: 部分的な障害", 78),
        site_badge: "Acme Cloud: 部分的な障害",
        calendars: (
            "Acme Cloud のメンテナンス",
            "Acme Cloud の CDN のメンテナンス",
        ),
        alt: "API のステータス",
        one_day: ("1日前", "過去1日間"),
        no_impact: "影響なし",
    },
    Want {
        language: "pt-BR",
        sentence: "Acme Cloud tem desde 1º de dezembro de 2026 um incidente, ainda em andamento.",
        title: "Status do serviço – Acme Cloud",
        md_maintenance: "**Componentes afetados:** CDN\n\n**Programada:** de 05/12/2026, 03:00 CET até 05/12/2026, 05:00 CET\n",
        badge: ("API: interrupção parcial", 0),
        site_badge: "Acme Cloud: interrupção parcial",
        calendars: (
            "Manutenções de Acme Cloud",
            "Manutenções de CDN em Acme Cloud",
        ),
        alt: "Status do componente API",
        one_day: ("há 1 dia", "Último dia"),
        no_impact: "Sem impacto",
    },
];

#[test]
fn every_language_on_a_site_with_a_record_of_no_component_and_a_one_day_bar() {
    let tmp = tempfile::tempdir().unwrap();
    let mut problems = Vec::new();
    for want in WANT {
        let files = site(tmp.path(), want.language);
        let l = want.language;
        let mut check = |what: &str, got: &str, expected: &str| {
            if got != expected {
                problems.push(format!("{l}: {what}:\n  got  {got:?}\n  want {expected:?}"));
            }
        };
        // 1. The record without components: a sentence without its affecting part, and
        //    no empty label or heading.
        let md = &files["incidents/2026-12-01-unknown.md"];
        check(
            "Markdown",
            md.split("\n## ").next().unwrap(),
            &format!("# Errors on some requests\n\n{}\n", want.sentence),
        );
        let page = &files["incidents/2026-12-01-unknown/index.html"];
        check(
            "lede",
            between(page, "<p class=\"lede\">", "</p>"),
            want.sentence,
        );
        check("facts", &page.contains("<dl").to_string(), "false");
        // The maintenance, with its components and its window.
        let md = &files["incidents/2026-12-05-cdn.md"];
        // After the title and the sentence.
        let after = md.splitn(3, "\n\n").nth(2).unwrap();
        check(
            "Markdown of the maintenance",
            after.split("\n## ").next().unwrap(),
            want.md_maintenance,
        );
        // 2. and 4. The badges.
        let badge = &files["components/api/badge.svg"];
        check(
            "API badge",
            between(badge, "aria-label=\"", "\""),
            want.badge.0,
        );
        if want.badge.1 > 0 {
            check(
                "API badge's status box",
                between(badge, "<rect x=\"", "\" height"),
                &format!("30\" width=\"{}", want.badge.1),
            );
        }
        check(
            "site badge",
            between(&files["badge.svg"], "aria-label=\"", "\""),
            want.site_badge,
        );
        let component = &files["components/api/index.html"];
        check(
            "badge image",
            between(component, "<img src=\"badge.svg\" alt=\"", "\""),
            want.badge.0,
        );
        // 3. The calendars' names and the embed snippet.
        check(
            "calendar",
            between(&files["maintenance.ics"], "X-WR-CALNAME:", "\r\n"),
            want.calendars.0,
        );
        check(
            "CDN calendar",
            between(
                &files["components/cdn/maintenance.ics"],
                "X-WR-CALNAME:",
                "\r\n",
            ),
            want.calendars.1,
        );
        check(
            "embed alt",
            between(
                component,
                "&lt;img src=&quot;https://status.acme.example/components/api/badge.svg&quot; alt=&quot;",
                "&quot;",
            ),
            want.alt,
        );
        // 5. One day.
        check(
            "legend",
            between(component, "<div class=\"uptime-legend\"><span>", "</span>"),
            want.one_day.0,
        );
        check(
            "period",
            between(component, "<tr><th scope=\"row\">", "</th>"),
            want.one_day.1,
        );
        // 6. Wording.
        check(
            "title",
            between(&files["index.html"], "<title>", "</title>"),
            want.title,
        );
        check(
            "severity none",
            between(
                &files["incidents/2026-12-01-unknown/index.html"],
                "<span class=\"badge severity-none\">",
                "</span>",
            ),
            want.no_impact,
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
