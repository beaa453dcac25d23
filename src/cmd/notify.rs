//! `postmortem notify`.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use crate::check::collect;
use crate::cli::NotifyArgs;
use crate::clock::Now;
use crate::config::{Config, EndpointKind, is_http};
use crate::notify::{self, Since, deliver};
use crate::write::write_atomic;

use super::{Failure, io_at, shown, write_stdout};

pub fn run(config: &Config, args: NotifyArgs, now: Now) -> Result<(), Failure> {
    if args.send && config.notify.is_empty() {
        eprintln!(
            "nothing to send: {} has no `notify:` endpoints",
            crate::config::FILE_NAME
        );
        if args.out.is_none() {
            return Ok(());
        }
    }
    // Without endpoints, `--out` writes one payload of each kind and nothing is sent.
    let send = args.send && !config.notify.is_empty();
    let channels = notify::channels(config);
    // Every address is known before anything is read or sent.
    let mut urls: Vec<Option<String>> = vec![None; channels.len()];
    if send {
        for (i, c) in channels.iter().enumerate() {
            if c.kind == EndpointKind::Email {
                if args.out.is_none() {
                    return Err(Failure::Usage(format!(
                        "notify endpoint `{}`: e-mail is written as .eml files for the CI to deliver: give --out DIR",
                        c.name
                    )));
                }
                continue;
            }
            let raw = c.url.as_deref().unwrap_or_default();
            let url = deliver::expand(raw, |n| std::env::var(n).ok()).map_err(|e| {
                Failure::Failed(format!("notify endpoint `{}`: {e}; nothing sent", c.name))
            })?;
            if !is_http(&url) {
                return Err(Failure::Failed(format!(
                    "notify endpoint `{}`: its address is not an http(s) URL; nothing sent",
                    c.name
                )));
            }
            urls[i] = Some(url);
        }
    }
    if let Some(site) = &args.site
        && !site.join(crate::site::MARKER).is_file()
    {
        return Err(Failure::Failed(format!(
            "--site {}: not a site built by `postmortem build` (it has no {})",
            shown(site),
            crate::site::MARKER
        )));
    }
    if let Some(out) = &args.out
        && out.exists()
        && !out.is_dir()
    {
        return Err(Failure::Failed(format!(
            "--out {}: not a folder",
            shown(out)
        )));
    }
    let since = match &args.since {
        Some(s) => Since::parse(s),
        None if config.file.is_none() => {
            return Err(Failure::Usage(format!(
                "give --since DIR|URL: without {} the site's address is the placeholder {}",
                crate::config::FILE_NAME,
                config.url
            )));
        }
        None => Since::Url(config.url.clone()),
    };

    let records = valid_records(config, now)?;
    let public: Vec<crate::model::Public<'_>> =
        records.iter().map(crate::model::Public::of).collect();
    let baseline = notify::since::read(&since, &public, now.at())
        .map_err(|e| Failure::Failed(e.to_string()))?;
    let from = baseline.from;
    // The site's language, with its own catalogue, as `build` loads it.
    let messages = crate::render::i18n::Messages::for_site(config)
        .map_err(|e| Failure::Failed(e.to_string()))?;
    let plan = notify::plan(config, &records, baseline, &channels, now.at(), &messages);
    eprintln!(
        "{} new since {} (its {from}); {} payload{}",
        count(plan.fresh.len(), "event"),
        since.shown(),
        plan.outgoing.len(),
        if plan.outgoing.len() == 1 { "" } else { "s" },
    );

    if args.dry_run {
        let mut text = String::new();
        for o in &plan.outgoing {
            text.push_str(&format!(
                "would send {} {} to {}: {}\n",
                o.event.id,
                o.event.kind.as_str(),
                channels[o.channel].name,
                crate::diagnostic::escape_controls(&o.headline)
            ));
        }
        return write_stdout(&text);
    }

    if let Some(out) = &args.out {
        std::fs::create_dir_all(out).map_err(io_at(out))?;
        for o in &plan.outgoing {
            let path = out.join(&o.file);
            write_atomic(&path, &o.body).map_err(io_at(&path))?;
        }
        eprintln!(
            "wrote {} into {}",
            count(plan.outgoing.len(), "file"),
            shown(out)
        );
    }

    let mut failed: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut delivered: BTreeMap<String, usize> = BTreeMap::new();
    let mut report = String::new();
    if send {
        let policy = deliver::Policy {
            backoff: Duration::from_millis(args.backoff_ms),
            ..deliver::Policy::default()
        };
        for o in &plan.outgoing {
            let c = &channels[o.channel];
            let Some(url) = &urls[o.channel] else {
                // E-mail: written into --out above, for the CI to deliver.
                *delivered.entry(c.name.clone()).or_default() += 1;
                continue;
            };
            match deliver::send(url, o.content_type, &o.body, policy) {
                Ok(_) => *delivered.entry(c.name.clone()).or_default() += 1,
                Err(e) => {
                    failed
                        .entry(c.name.clone())
                        .or_default()
                        .insert(o.event.id.clone());
                    report.push_str(&format!(
                        "failed: {} {} to {}: {} after {}\n",
                        o.event.id,
                        o.event.kind.as_str(),
                        c.name,
                        e.last,
                        count(e.attempts as usize, "attempt"),
                    ));
                }
            }
        }
        for c in &channels {
            if c.url.is_none() && c.kind != EndpointKind::Email {
                continue;
            }
            let ok = delivered.get(&c.name).copied().unwrap_or(0);
            let bad = failed.get(&c.name).map_or(0, BTreeSet::len);
            eprintln!("{}: {ok} delivered, {bad} failed", c.name);
        }
        eprint!("{report}");
    }

    if let Some(site) = &args.site {
        let state = notify::next_state(&plan, &failed);
        let path = site.join(notify::state::FILE);
        write_atomic(&path, &state.to_file()).map_err(io_at(&path))?;
        eprintln!("recorded what was announced in {}", shown(&path));
    } else if send && !plan.outgoing.is_empty() {
        eprintln!(
            "note: without --site, what was sent is recorded nowhere: the next run against the same --since sends it again"
        );
    }
    let failures: usize = failed.values().map(BTreeSet::len).sum();
    if failures > 0 {
        return Err(Failure::Failed(format!(
            "{} not delivered (tried again by the next run{})",
            count(failures, "notification"),
            if args.site.is_some() {
                ""
            } else {
                " with --site"
            }
        )));
    }
    Ok(())
}

/// `1 event`, `2 events`.
fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// Every record, checked; invalid records stop the run with their errors.
fn valid_records(config: &Config, now: Now) -> Result<Vec<crate::model::Record>, Failure> {
    let files = if config.incidents.is_dir() {
        collect(std::slice::from_ref(&config.incidents), &config.repo)
            .map_err(|e| Failure::Failed(e.to_string()))?
    } else {
        Default::default()
    };
    let records = super::checked_records(config, &files, now, "invalid records: nothing notified")?;
    Ok(records.into_iter().map(|(_, r)| r).collect())
}
