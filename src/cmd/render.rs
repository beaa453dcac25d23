//! `postmortem render`.

use crate::check::{Context, check_file};
use crate::cli::{RenderArgs, RenderFormat};
use crate::clock::Now;
use crate::config::Config;
use crate::diagnostic::Colors;
use crate::formats::{feed, statuspage as json};
use crate::model::Public;
use crate::render::{Options, Renderer, SiteView, logo_url, published_logo_name, record_view};
use crate::write::write_atomic;

use super::{Failure, error_report, stderr_colors, write_stdout};

pub fn run(config: &Config, args: RenderArgs, now: Now) -> Result<(), Failure> {
    crate::load::files::regular_file(&args.file).map_err(Failure::file_argument)?;
    config
        .repo
        .guard(&args.file)
        .map_err(|e| Failure::Failed(e.to_string()))?;
    let cx = Context {
        config,
        today: now.today(config.timezone),
    };
    let checked = check_file(&args.file, &cx);
    let record = match (&checked.record, checked.has_errors()) {
        (Some(r), false) => r.clone(),
        _ => {
            let colors = Colors {
                enabled: stderr_colors(),
            };
            eprint!("{}", error_report(std::slice::from_ref(&checked), colors));
            return Err(Failure::Failed(
                "the record has errors: nothing rendered".into(),
            ));
        }
    };
    let renderer = Renderer::for_site(config)?;
    let opts = Options {
        now: now.at(),
        messages: renderer.messages(),
    };
    // Internal parts are gone before anything renders, unless the team asked for them.
    let public = Public::new(&record, args.internal);
    let logo = published_logo_name(config).map(|name| format!("{}{name}", config.url));
    let site = SiteView::localised(config, logo, renderer.messages().clone());
    let view = record_view(&public, config, opts);
    let text = match args.format {
        RenderFormat::Markdown => renderer.markdown(&site, &view)?,
        RenderFormat::Html => renderer.incident_page(&site, &view, &config.url, true)?,
        RenderFormat::Rss | RenderFormat::Atom => {
            let entries = feed::newest_first(
                feed::entries(&renderer, &site, &public, &view)?,
                config.feed_items,
            );
            let logo = logo_url(config);
            if args.format == RenderFormat::Rss {
                feed::rss(&site, logo.as_deref(), &entries)
            } else {
                feed::atom(&site, logo.as_deref(), &entries)
            }
        }
        RenderFormat::Json => {
            let doc = json::document(&site, &[(public.clone(), view.link.clone())]);
            serde_json::to_string_pretty(&doc)
                .map(|s| s + "\n")
                .map_err(|e| Failure::Failed(e.to_string()))?
        }
    };
    match &args.out {
        Some(out) => write_atomic(out, text.as_bytes()).map_err(|source| Failure::Io {
            at: Some(format!("{}: cannot write", out.display())),
            source,
        }),
        None => write_stdout(&text),
    }
}
