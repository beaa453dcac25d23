//! Micro-benchmarks of each step, on the Flatfile and Latitude example records:
//! `cargo bench`. Whole-process figures are in BENCHMARKS.md (`bench/run.sh`).

use std::path::Path;

use divan::{Bencher, black_box};
use postmortem::check::{Context, check_bytes};
use postmortem::config::Config;
use postmortem::diagnostic::{Colors, Source, render_human_in};
use postmortem::formats::feed;
use postmortem::model::{Public, Record};
use postmortem::render::{Options, Renderer, SiteView, markdown, record_view};

const FLATFILE: &str = include_str!("../examples/flatfile/incidents/2025-04-02-spaces-503s.yaml");
const ECR: &str = include_str!("../examples/latitude/incidents/2026-04-07-ecr-image-expiry.yaml");

fn main() {
    divan::main();
}

/// The example record named `name`.
fn text(name: &str) -> &'static str {
    if name == "ecr" { ECR } else { FLATFILE }
}

const RECORDS: [&str; 2] = ["flatfile", "ecr"];

fn config() -> Config {
    Config::defaults(Path::new("."))
}

fn record(text: &str) -> Record {
    let config = config();
    let cx = Context {
        config: &config,
        today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    };
    let mut r = check_bytes(Path::new("r.yaml"), text.as_bytes(), &cx)
        .record
        .expect("a valid example");
    r.id = "r".into();
    r
}

#[divan::bench(args = RECORDS)]
fn load_and_check(bencher: Bencher, name: &str) {
    let text = text(name);
    let config = config();
    let cx = Context {
        config: &config,
        today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    };
    bencher.bench(|| check_bytes(Path::new("r.yaml"), black_box(text.as_bytes()), &cx));
}

/// A record with 50,000 unknown keys, checked and every problem rendered for people: the
/// time must grow linearly with the keys (it was quadratic: 36 s).
#[divan::bench(sample_count = 5)]
fn check_and_report_50k_unknown_keys(bencher: Bencher) {
    let mut text = FLATFILE.to_owned();
    for i in 0..50_000 {
        text.push_str(&format!("k{i}: v\n"));
    }
    let config = config();
    let cx = Context {
        config: &config,
        today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    };
    bencher.bench(|| {
        let checked = check_bytes(Path::new("r.yaml"), black_box(text.as_bytes()), &cx);
        let source = Source::new(&checked.source);
        checked
            .diagnostics
            .iter()
            .map(|d| render_human_in(d, Some(&source), Colors::default()).len())
            .sum::<usize>()
    });
}

#[divan::bench(args = RECORDS)]
fn yaml_only(bencher: Bencher, name: &str) {
    let text = text(name);
    bencher.bench(|| postmortem::load::yaml::parse(black_box(text)));
}

#[divan::bench(args = RECORDS)]
fn figures(bencher: Bencher, name: &str) {
    let r = record(text(name));
    let now = chrono::Utc::now();
    bencher.bench(|| postmortem::figures::figures(black_box(&r), now));
}

#[divan::bench]
fn markdown_to_safe_html(bencher: Bencher) {
    let r = record(ECR);
    let text = r
        .postmortem
        .map(|p| p.root_cause.unwrap_or_default())
        .unwrap_or_default();
    bencher.bench(|| markdown::to_html(black_box(&text)));
}

#[divan::bench(args = RECORDS)]
fn view(bencher: Bencher, name: &str) {
    let (r, config) = (record(text(name)), config());
    let r = Public::of(&r);
    let messages = postmortem::render::Messages::english();
    let opts = Options {
        now: chrono::Utc::now(),
        messages: &messages,
    };
    bencher.bench(|| record_view(black_box(&r), &config, opts));
}

/// The timeline of a record's page (part of `view`): layout and SVG.
#[divan::bench(args = RECORDS)]
fn timeline(bencher: Bencher, name: &str) {
    let r = record(text(name));
    let r = Public::of(&r);
    let now = chrono::Utc::now();
    let f = postmortem::figures::figures(&r, now);
    let m = postmortem::render::i18n::Messages::english();
    bencher.bench(|| {
        postmortem::render::timeline::svg(black_box(&r), &f, chrono_tz::Europe::Madrid, now, &m)
    });
}

#[divan::bench(args = ["markdown", "html", "rss"])]
fn render(bencher: Bencher, format: &str) {
    let (r, config) = (record(FLATFILE), config());
    let r = Public::of(&r);
    let renderer = Renderer::new(None, None).expect("built-in templates");
    let site = SiteView::new(&config, None);
    let v = record_view(
        &r,
        &config,
        Options {
            now: chrono::Utc::now(),
            messages: renderer.messages(),
        },
    );
    bencher.bench(|| match format {
        "markdown" => renderer.markdown(&site, &v).map(|s| s.len()),
        "html" => renderer
            .incident_page(&site, &v, "../../", false)
            .map(|s| s.len()),
        _ => feed::entries(&renderer, &site, &r, &v).map(|e| feed::rss(&site, None, &e).len()),
    });
}
