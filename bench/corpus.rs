// The records `gen_corpus` writes (and the unit tests of the fast YAML reader read): their
// templates and the pseudo-random numbers that fill them. Included with `include!` by
// bench/gen_corpus.rs and by src/load/yaml/fast/tests/corpus.rs, so it holds no inner
// attributes or `//!` comments; where it is included, `std::fmt::Write` is in scope.

/// xorshift64*: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const COMPONENTS: [&str; 20] = [
    "Web app",
    "API",
    "Background jobs",
    "Gateway",
    "Database",
    "Cache",
    "Search",
    "Billing",
    "Auth",
    "Webhooks",
    "CDN",
    "Email",
    "Uploads",
    "Exports",
    "Dashboard",
    "Mobile API",
    "Notifications",
    "Analytics",
    "Scheduler",
    "Docs",
];

const WORDS: [&str; 24] = [
    "cluster",
    "deploy",
    "latency",
    "queue",
    "replica",
    "timeout",
    "certificate",
    "node",
    "traffic",
    "cache",
    "migration",
    "rollback",
    "alert",
    "capacity",
    "region",
    "index",
    "connection",
    "pool",
    "config",
    "disk",
    "memory",
    "proxy",
    "scheduler",
    "retry",
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(rng.pick(&WORDS));
    }
    let mut chars = s.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or('X');
    format!("{first}{}.", chars.as_str())
}

fn paragraph(rng: &mut Rng) -> String {
    let n = 4 + rng.below(4);
    let mut sentences = Vec::new();
    for _ in 0..n {
        let words = 8 + rng.below(10) as usize;
        sentences.push(sentence(rng, words));
    }
    sentences.join(" ")
}

fn ts(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn block(out: &mut String, indent: &str, text: &str) {
    let _ = writeln!(out, "|");
    for line in text.lines() {
        let _ = writeln!(out, "{indent}{line}");
    }
}

fn record(rng: &mut Rng, i: usize, start_of_corpus: i64) -> (String, String) {
    let t0 = start_of_corpus + rng.below(5 * 365 * 86400) as i64;
    let day = chrono::DateTime::from_timestamp(t0, 0)
        .unwrap_or_default()
        .format("%Y-%m-%d");
    let id = format!("{day}-incident-{i:06}");
    let mut y = String::new();
    let _ = writeln!(
        y,
        "title: {} {} issues ({i})",
        rng.pick(&COMPONENTS),
        rng.pick(&WORDS)
    );
    let _ = writeln!(
        y,
        "severity: {}",
        rng.pick(&["minor", "major", "major", "critical"])
    );
    let n_components = 1 + rng.below(3) as usize;
    let mut components: Vec<&str> = Vec::new();
    while components.len() < n_components {
        let c = rng.pick(&COMPONENTS);
        if !components.contains(&c) {
            components.push(c);
        }
    }
    let _ = writeln!(y, "components: [{}]", components.join(", "));
    let _ = writeln!(y, "detected_at: {}", ts(t0 + 60 * rng.below(20) as i64));
    let _ = writeln!(y, "impact:\n  description: {}", sentence(rng, 14));
    let _ = writeln!(y, "  windows:");
    let mut last_end = t0;
    for (k, c) in components.iter().enumerate() {
        let start = t0 + 60 * (k as i64) * rng.below(10) as i64;
        let end = start + 60 * (5 + rng.below(240) as i64);
        last_end = last_end.max(end);
        let status = rng.pick(&["degraded_performance", "partial_outage", "major_outage"]);
        let _ = writeln!(
            y,
            "    - component: {c}\n      status: {status}\n      start: {}\n      end: {}",
            ts(start),
            ts(end)
        );
    }
    let _ = writeln!(y, "updates:");
    let n_updates = 2 + rng.below(7) as usize;
    let statuses = ["investigating", "identified", "monitoring"];
    let step = ((last_end - t0) / n_updates as i64).max(60);
    for u in 0..n_updates {
        let (at, status) = if u + 1 == n_updates {
            (last_end.max(t0 + 600 + step * u as i64) + 300, "resolved")
        } else {
            (t0 + 600 + step * u as i64, statuses[u.min(2)])
        };
        let _ = writeln!(
            y,
            "  - at: {}\n    status: {status}\n    body: {}",
            ts(at),
            sentence(rng, 12)
        );
    }
    if i.is_multiple_of(2) {
        let published = last_end + 86400 * (1 + rng.below(14) as i64);
        let _ = writeln!(y, "  - at: {}\n    status: postmortem", ts(published));
        let _ = writeln!(
            y,
            "postmortem:\n  published_at: {}\n  authors: [SRE team]",
            ts(published)
        );
        y.push_str("  summary: ");
        block(
            &mut y,
            "    ",
            &format!("{}\n\n{}", paragraph(rng), paragraph(rng)),
        );
        y.push_str("  root_cause: ");
        block(&mut y, "    ", &paragraph(rng));
        y.push_str("  resolution: ");
        block(&mut y, "    ", &paragraph(rng));
        let _ = writeln!(y, "  contributing_factors:");
        for _ in 0..1 + rng.below(3) {
            let _ = writeln!(
                y,
                "    - title: {}\n      description: {}",
                sentence(rng, 4),
                sentence(rng, 16)
            );
        }
        let _ = writeln!(y, "  action_items:");
        for _ in 0..1 + rng.below(3) {
            let _ = writeln!(
                y,
                "    - title: {}\n      kind: {}\n      owner: platform-team\n      status: {}",
                sentence(rng, 5),
                rng.pick(&["prevent", "mitigate", "detect", "process"]),
                rng.pick(&["done", "in_progress", "wontfix"])
            );
        }
    }
    (id, y)
}
