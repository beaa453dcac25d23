//! `postmortem man`: the man pages (roff), from the clap definitions, with the sections clap
//! does not know (exit status, environment, files, examples).

use clap::{Arg, ArgAction, CommandFactory};
use clap_mangen::Man;

use crate::cli::{Cli, ManArgs};
use crate::write::write_atomic;

use super::{Failure, io_at, shown, write_stdout};

pub fn run(args: ManArgs) -> Result<(), Failure> {
    let pages = pages()?;
    let Some(out) = args.out else {
        let (_, top) = &pages[0];
        return write_stdout(&String::from_utf8_lossy(top));
    };
    std::fs::create_dir_all(&out).map_err(io_at(&out))?;
    let mut report = String::new();
    for (name, page) in &pages {
        let path = out.join(name);
        write_atomic(&path, page).map_err(io_at(&path))?;
        report.push_str(&format!("{}\n", shown(&path)));
    }
    write_stdout(&report)
}

/// Every page, by file name: `postmortem.1` first, then one per subcommand.
pub fn pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = vec![("postmortem.1".to_owned(), page(&cmd, true)?)];
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let man = Man::new(sub.clone());
        pages.push((man.get_filename(), page(sub, false)?));
    }
    Ok(pages)
}

fn page(cmd: &clap::Command, top: bool) -> std::io::Result<Vec<u8>> {
    let title = cmd
        .get_display_name()
        .unwrap_or_else(|| cmd.get_name())
        .to_uppercase();
    let man = Man::new(cmd.clone())
        .title(title)
        .date(DATE)
        .source(format!("postmortem {}", env!("CARGO_PKG_VERSION")))
        .manual("General Commands Manual");
    let mut w = Vec::new();
    man.render_title(&mut w)?;
    man.render_name_section(&mut w)?;
    synopsis(&mut w, cmd);
    man.render_description_section(&mut w)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut w)?;
    }
    if top {
        man.render_subcommands_section(&mut w)?;
    }
    w.extend_from_slice(EXIT_STATUS.as_bytes());
    w.extend_from_slice(ENVIRONMENT.as_bytes());
    w.extend_from_slice(FILES.as_bytes());
    examples(&mut w, cmd, top);
    if top {
        w.extend_from_slice(SEE_ALSO_HEAD.as_bytes());
        let names: Vec<String> = cmd
            .get_subcommands()
            .filter(|s| !s.is_hide_set())
            .map(|s| format!(".BR postmortem\\-{} (1)", escape(s.get_name())))
            .collect();
        w.extend_from_slice(names.join(" ,\n").as_bytes());
        w.push(b'\n');
    } else {
        w.extend_from_slice(b".SH SEE ALSO\n.BR postmortem (1)\n");
    }
    man.render_version_section(&mut w)?;
    Ok(tidy(&unmark(&String::from_utf8_lossy(&w))).into_bytes())
}

/// The Markdown code marks of the help texts (`` `check` ``) made roff: bold in the page's
/// text, dropped in the NAME line (which `whatis` and `apropos` print as it is); examples'
/// code is left as written.
fn unmark(roff: &str) -> String {
    let mut out = String::with_capacity(roff.len());
    let (mut name, mut fill) = (false, true);
    for line in roff.lines() {
        match line {
            ".nf" => fill = false,
            ".fi" => fill = true,
            _ if line.starts_with(".SH ") => name = line == ".SH NAME",
            _ => {}
        }
        let marks = line.matches('`').count();
        if !fill || marks == 0 || line.starts_with(['.', '\'']) {
            out.push_str(line);
        } else if name || marks % 2 == 1 {
            out.push_str(&line.replace('`', ""));
        } else {
            for (i, part) in line.split('`').enumerate() {
                if i > 0 {
                    out.push_str(if i % 2 == 1 { "\\fB" } else { "\\fR" });
                }
                out.push_str(part);
            }
        }
        out.push('\n');
    }
    out
}

/// The date on every page: when this version's pages last changed (a constant, so that the
/// pages are the same on every build).
const DATE: &str = "2026-12-01";

/// What `mandoc -Tlint` asks of clap_mangen's roff: no `.br` around a blank line, no text
/// line over 80 bytes (filled text is broken at spaces before 72; a line of `.nf` text is continued
/// with `\` at the end of the line).
fn tidy(roff: &str) -> String {
    let roff = roff.replace("\n.br\n\n.br\n", "\n.sp\n");
    let mut out = String::with_capacity(roff.len());
    let mut fill = true;
    for line in roff.lines() {
        match line {
            ".nf" => fill = false,
            ".fi" => fill = true,
            _ => {}
        }
        if line.len() <= 72 || line.starts_with(['.', '\'']) {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let mut current = String::new();
        for word in line.split(' ') {
            if !current.is_empty() && current.len() + 1 + word.len() > 72 {
                if fill {
                    out.push_str(&current);
                    out.push('\n');
                } else {
                    out.push_str(&current);
                    out.push_str(" \\\n");
                }
                current.clear();
            }
            if !current.is_empty() {
                current.push(' ');
            } else if fill && word.starts_with(['.', '\'']) {
                current.push_str("\\&");
            }
            current.push_str(word);
        }
        out.push_str(&current);
        out.push('\n');
    }
    out
}

const SEE_ALSO_HEAD: &str = ".SH SEE ALSO\n";

const EXIT_STATUS: &str = r".SH EXIT STATUS
.TP
.B 0
Success (a closed standard output, as with \fB| head\fR, is success too).
.TP
.B 1
Invalid records (or, with \fB\-\-strict\fR, warnings), or a job that failed.
.TP
.B 2
Wrong usage: an unknown option, a bad value, a missing file named on the command line.
";

const ENVIRONMENT: &str = r".SH ENVIRONMENT
.TP
.B NO_COLOR
When set to a non\-empty value, no colour, even with \fBCLICOLOR_FORCE\fR.
.TP
.B CLICOLOR_FORCE
When set to a non\-empty value other than \fB0\fR, colour on standard error even when it is
not a terminal. Without it, colour is used only when standard error is a terminal.
.TP
.B SOURCE_DATE_EPOCH
Seconds since 1970\-01\-01 UTC: the one moment of the run, for every command that reads
the clock: \fBbuild\fR and \fBserve\fR (uptime bars, what is upcoming, open windows: the
same records give a byte\-identical site), \fBstats\fR and \fBreport\fR (the end of the
period), \fBrender\fR (open windows), \fBcheck\fR, \fBimport\fR and \fBdraft\fR (overdue
action items,
due postmortems, \fBcheck \-\-slo\fR), \fBnew\fR and \fBupdate\fR (the time of the update
they write), \fBactions\fR (what is overdue) and \fBnotify\fR (what is starting). A value
that is not a whole number is wrong usage for them.
";

const FILES: &str = r".SH FILES
.TP
.I postmortem.yaml
The site configuration, looked for from the working directory upwards; its folder is the
repository root.
.TP
.I incidents/
The records, one YAML file each (the folder named by \fBincidents:\fR).
.TP
.I templates/
Optional overrides of the built\-in templates.
.TP
.I locales/
The site\*(Aqs own catalogues of words, \fIlocales/<language>.ftl\fR (Fluent), read
before the built\-in ones.
.TP
.I schema/
The JSON Schemas of records and of \fIpostmortem.yaml\fR, for editors.
.TP
.I site/
What \fBbuild\fR writes by default.
";

/// The EXAMPLES section, from the command's `after_help` (its examples and notes).
fn examples(w: &mut Vec<u8>, cmd: &clap::Command, top: bool) {
    let text = if top {
        "Examples:\n  postmortem init status --name Acme\n  postmortem check\n  postmortem build\n  postmortem -C examples/flatfile stats".to_owned()
    } else {
        match cmd.get_after_help() {
            Some(h) => h.to_string(),
            None => return,
        }
    };
    w.extend_from_slice(b".SH EXAMPLES\n");
    let mut first = true;
    let mut in_code = false;
    for line in text.lines() {
        if line.starts_with("Example") && line.ends_with(':') {
            continue;
        }
        let code = line.starts_with("  ");
        if code && !in_code {
            if !first {
                w.extend_from_slice(b".PP\n");
            }
            w.extend_from_slice(b".nf\n.RS 4\n");
            in_code = true;
        } else if !code && in_code {
            w.extend_from_slice(b".RE\n.fi\n");
            in_code = false;
        }
        if line.trim().is_empty() {
            continue;
        }
        if !code && !first {
            w.extend_from_slice(b".PP\n");
        }
        first = false;
        w.extend_from_slice(escape(line.trim()).as_bytes());
        w.push(b'\n');
    }
    if in_code {
        w.extend_from_slice(b".RE\n.fi\n");
    }
}

/// The SYNOPSIS: clap_mangen leaves out the value names of options (`[-C ]`), so it is
/// written here: `postmortem check [-C DIR] [--format <FORMAT>] [PATHS]...`.
fn synopsis(w: &mut Vec<u8>, cmd: &clap::Command) {
    let name = cmd.get_bin_name().unwrap_or_else(|| cmd.get_name());
    let mut line = format!("\\fB{}\\fR", escape(name));
    let mut opts: Vec<&Arg> = cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set() && !a.is_positional())
        .collect();
    opts.sort_by_key(|a| (a.get_short().is_none(), a.get_long().map(str::to_owned)));
    for a in opts {
        let flag = match (a.get_short(), a.get_long()) {
            (Some(s), Some(l)) => format!("\\fB\\-{s}\\fR|\\fB\\-\\-{}\\fR", escape(l)),
            (Some(s), None) => format!("\\fB\\-{s}\\fR"),
            (None, Some(l)) => format!("\\fB\\-\\-{}\\fR", escape(l)),
            (None, None) => continue,
        };
        let value = if takes_value(a) {
            let names = a
                .get_value_names()
                .map(|v| v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" "))
                .unwrap_or_else(|| a.get_id().as_str().to_uppercase());
            format!(" \\fI{}\\fR", escape(&names))
        } else {
            String::new()
        };
        let (open, close) = if a.is_required_set() {
            ("", "")
        } else {
            ("[", "]")
        };
        line.push_str(&format!(" {open}{flag}{value}{close}"));
    }
    for a in cmd.get_positionals().filter(|a| !a.is_hide_set()) {
        let names = a
            .get_value_names()
            .map(|v| v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" "))
            .unwrap_or_else(|| a.get_id().as_str().to_uppercase());
        let many = matches!(a.get_action(), ArgAction::Append)
            || a.get_num_args().is_some_and(|n| n.max_values() > 1);
        let dots = if many { "..." } else { "" };
        if a.is_required_set() {
            line.push_str(&format!(" \\fI{}\\fR{dots}", escape(&names)));
        } else {
            line.push_str(&format!(" [\\fI{}\\fR]{dots}", escape(&names)));
        }
    }
    if cmd.has_subcommands() {
        line.push_str(" \\fICOMMAND\\fR");
    }
    w.extend_from_slice(format!(".SH SYNOPSIS\n{line}\n").as_bytes());
}

fn takes_value(a: &Arg) -> bool {
    matches!(a.get_action(), ArgAction::Set | ArgAction::Append)
}

/// Text made literal in roff: backslashes and hyphens escaped, no line starting a request.
fn escape(s: &str) -> String {
    let s = s.replace('\\', "\\e").replace('-', "\\-");
    if s.starts_with(['.', '\'']) {
        format!("\\&{s}")
    } else {
        s
    }
}
