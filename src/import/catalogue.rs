//! The component catalogue a status page lists (Statuspage's `summary.json` and
//! `components.json`: names, descriptions, groups and their members, positions), as the
//! `components:` of `postmortem.yaml`.

use crate::config::Component;
use crate::formats::statuspage;
use crate::formats::yaml::quoted;

/// The catalogue in the page's order: top-level components and groups by `position`, each
/// group's members by theirs. A group is no component of its own: its members carry its name.
/// A name listed twice is kept once (the catalogue is by name), and said in `notes`.
pub fn from_components(
    listed: &[statuspage::Component],
    notes: &mut Vec<String>,
) -> Option<Vec<Component>> {
    if listed.is_empty() {
        return None;
    }
    let named = |c: &&statuspage::Component| !c.name.trim().is_empty();
    let mut top: Vec<&statuspage::Component> = listed
        .iter()
        .filter(named)
        .filter(|c| c.group || c.group_id.is_none() || !has_group(listed, c))
        .collect();
    top.sort_by_key(|c| c.position);
    let description = |c: &statuspage::Component| {
        c.description
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_owned)
    };
    let mut out: Vec<Component> = Vec::new();
    let mut push = |c: &statuspage::Component, group: Option<&str>, out: &mut Vec<Component>| {
        if out.iter().any(|k| k.name == c.name) {
            notes.push(format!(
                "the component `{}` is listed twice: it is kept once",
                c.name
            ));
            return;
        }
        out.push(Component {
            name: c.name.clone(),
            description: description(c),
            group: group.map(str::to_owned),
            slo: None,
        });
    };
    for c in top {
        if !c.group {
            push(c, None, &mut out);
            continue;
        }
        let mut members: Vec<&statuspage::Component> = listed
            .iter()
            .filter(named)
            .filter(|m| !m.group && m.group_id.as_deref() == Some(c.id.as_str()))
            .collect();
        members.sort_by_key(|m| m.position);
        for m in members {
            push(m, Some(&c.name), &mut out);
        }
    }
    Some(out)
}

/// Whether the group a component names is in the list.
fn has_group(listed: &[statuspage::Component], c: &statuspage::Component) -> bool {
    listed
        .iter()
        .any(|g| g.group && Some(g.id.as_str()) == c.group_id.as_deref())
}

/// The catalogue as the `components:` key of `postmortem.yaml`, every text quoted.
pub fn to_yaml(catalogue: &[Component]) -> String {
    let mut y = String::from("components:\n");
    for c in catalogue {
        y.push_str(&format!("  - name: {}\n", quoted(&c.name)));
        if let Some(d) = &c.description {
            y.push_str(&format!("    description: {}\n", quoted(d)));
        }
        if let Some(g) = &c.group {
            y.push_str(&format!("    group: {}\n", quoted(g)));
        }
    }
    y
}

/// `postmortem.yaml`'s text with the catalogue added at its end (`text` is empty when
/// there is no file yet).
pub fn added_to(text: &str, catalogue: &[Component]) -> String {
    let mut out = text.to_owned();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(
        "# The components of the imported status page, in its order (`postmortem import`).\n",
    );
    out.push_str(&to_yaml(catalogue));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(
        id: &str,
        name: &str,
        position: u32,
        group: bool,
        group_id: Option<&str>,
    ) -> statuspage::Component {
        statuspage::Component {
            id: id.into(),
            name: name.into(),
            position,
            group,
            group_id: group_id.map(str::to_owned),
            ..Default::default()
        }
    }

    #[test]
    fn groups_hold_their_members_in_position_order() {
        let listed = [
            c("v", "Voice", 3, true, None),
            c("e", "EU West", 2, false, Some("v")),
            c("u", "US East", 1, false, Some("v")),
            c("a", "API", 1, false, None),
            c("w", "Website", 2, false, None),
            c("x", "API", 4, false, None),
        ];
        let mut notes = Vec::new();
        let got = from_components(&listed, &mut notes).unwrap();
        assert_eq!(
            to_yaml(&got),
            "components:\n  - name: \"API\"\n  - name: \"Website\"\n  - name: \"US East\"\n    group: \"Voice\"\n  - name: \"EU West\"\n    group: \"Voice\"\n"
        );
        assert_eq!(
            notes,
            ["the component `API` is listed twice: it is kept once"]
        );
    }
}
