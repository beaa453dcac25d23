//! `build`'s `api/v2/`: Statuspage's public API, held to real Statuspage responses
//! (`tests/fixtures/statuspage-v2-real/`) and to exact values on the fixture site
//! `tests/fixtures/statuspage-api` (an open incident, an upcoming maintenance, a postmortem).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::common::{root, tree};

/// 2026-04-10T00:00:00Z: the incident is open, the maintenance two days ahead.
const EPOCH: &str = "1775779200";

fn build(out: &Path, epoch: &str) {
    let o = Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .env("SOURCE_DATE_EPOCH", epoch)
        .arg("-C")
        .arg(root().join("tests/fixtures/statuspage-api"))
        .arg("build")
        .arg("--out")
        .arg(out)
        .output()
        .expect("the binary runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn api(site: &Path, name: &str) -> Value {
    let path = site.join("api/v2").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn real(name: &str) -> Value {
    let path = root().join("tests/fixtures/statuspage-v2-real").join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .cloned()
        .collect()
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// `ours` has exactly the keys of `real` (and the `extra` ones), and every key that is set in
/// both holds the same JSON type.
fn same_shape(ours: &Value, real: &Value, extra: &[&str], what: &str) {
    let mut want = keys(real);
    want.extend(extra.iter().map(|k| k.to_string()));
    assert_eq!(keys(ours), want, "{what}");
    for k in keys(real) {
        let (a, b) = (&ours[&k], &real[&k]);
        if !a.is_null() && !b.is_null() {
            assert_eq!(kind(a), kind(b), "{what}.{k}");
        }
    }
}

/// The objects of real responses every one of ours is compared with.
struct Reference {
    page: Value,
    status: Value,
    component: Value,
    group: Value,
    incident: Value,
    maintenance: Value,
    update: Value,
    affected: Value,
}

/// The keys the issue adds to Statuspage's incidents: the published postmortem.
const POSTMORTEM_KEYS: [&str; 2] = ["postmortem_body", "postmortem_published_at"];

impl Reference {
    fn load() -> Reference {
        let github = real("github-summary.json");
        let huobi = real("huobi-summary.json");
        let discord = real("discord-components.json");
        // GitHub's component (2020-12) has `start_date`, which Huobi's (2020-02) predates; a
        // group is a component with the ids of its `components` (Discord's "Voice").
        let component = github["components"][0].clone();
        let mut group = component.clone();
        let voice = &discord["components"][2];
        assert_eq!(voice["group"], true);
        group["components"] = voice["components"].clone();
        let incident = huobi["incidents"][0].clone();
        let update = incident["incident_updates"][0].clone();
        Reference {
            page: github["page"].clone(),
            status: github["status"].clone(),
            component,
            group,
            maintenance: huobi["scheduled_maintenances"][0].clone(),
            affected: update["affected_components"][0].clone(),
            update,
            incident,
        }
    }

    fn component(&self, c: &Value, what: &str) {
        let real = if c["group"] == true {
            &self.group
        } else {
            &self.component
        };
        same_shape(c, real, &[], what);
    }

    /// An incident or maintenance, its updates, their components, and its components.
    fn incident(&self, i: &Value, what: &str) -> usize {
        let real = if i["impact"] == "maintenance" {
            &self.maintenance
        } else {
            &self.incident
        };
        same_shape(i, real, &POSTMORTEM_KEYS, what);
        let mut objects = 1;
        for u in i["incident_updates"].as_array().unwrap() {
            same_shape(u, &self.update, &[], &format!("{what}.incident_updates[]"));
            // `null` for an update that names no component, as Discord's and Emma's do.
            let affected = u["affected_components"].as_array().map_or(&[][..], |a| a);
            for a in affected {
                same_shape(
                    a,
                    &self.affected,
                    &[],
                    &format!("{what}.affected_components[]"),
                );
                objects += 1;
            }
            objects += 1;
        }
        for c in i["components"].as_array().unwrap() {
            self.component(c, &format!("{what}.components[]"));
            objects += 1;
        }
        objects
    }
}

#[test]
fn the_real_responses_agree_with_each_other() {
    let r = Reference::load();
    let discord = real("discord-incidents.json");
    same_shape(
        &discord["incidents"][0],
        &r.incident,
        &[],
        "Discord's incident",
    );
    same_shape(
        &discord["incidents"][0]["incident_updates"][0],
        &r.update,
        &[],
        "Discord's update",
    );
    let maint = real("discord-scheduled-maintenances.json");
    same_shape(
        &maint["scheduled_maintenances"][0],
        &r.maintenance,
        &[],
        "Discord's maintenance",
    );
    same_shape(
        &real("discord-status.json")["page"],
        &r.page,
        &[],
        "Discord's page",
    );
    assert_eq!(
        keys(&real("huobi-summary.json")),
        keys(&real("github-summary.json"))
    );
}

#[test]
fn every_api_document_has_the_keys_of_real_statuspage_responses() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build(&site, EPOCH);
    let r = Reference::load();
    let top = |name: &str| keys(&real(name));
    let documents: [(&str, BTreeSet<String>); 8] = [
        ("summary.json", top("huobi-summary.json")),
        ("status.json", top("discord-status.json")),
        ("components.json", top("discord-components.json")),
        ("incidents.json", top("discord-incidents.json")),
        ("incidents/unresolved.json", top("discord-incidents.json")),
        (
            "scheduled-maintenances.json",
            top("discord-scheduled-maintenances.json"),
        ),
        (
            "scheduled-maintenances/upcoming.json",
            top("discord-scheduled-maintenances.json"),
        ),
        (
            "scheduled-maintenances/active.json",
            top("discord-scheduled-maintenances.json"),
        ),
    ];
    // How many objects of each document were compared, so that an empty list cannot pass.
    let mut compared: BTreeMap<&str, usize> = BTreeMap::new();
    for (name, want) in &documents {
        let doc = api(&site, name);
        assert_eq!(&keys(&doc), want, "{name}");
        same_shape(&doc["page"], &r.page, &[], &format!("{name}: page"));
        let mut n = 1;
        if doc.get("status").is_some() {
            same_shape(&doc["status"], &r.status, &[], &format!("{name}: status"));
            n += 1;
        }
        for c in doc
            .get("components")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            r.component(c, &format!("{name}: components[]"));
            n += 1;
        }
        for list in ["incidents", "scheduled_maintenances"] {
            for i in doc
                .get(list)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                n += r.incident(i, &format!("{name}: {list}[]"));
            }
        }
        compared.insert(name, n);
    }
    assert_eq!(
        compared,
        BTreeMap::from([
            ("components.json", 5),
            ("incidents.json", 13),
            ("incidents/unresolved.json", 7),
            ("scheduled-maintenances.json", 5),
            ("scheduled-maintenances/active.json", 1),
            ("scheduled-maintenances/upcoming.json", 5),
            ("status.json", 2),
            ("summary.json", 16),
        ])
    );
    // One document per record, `{page, incident}`, as Statuspage documents it.
    let files = tree(&site.join("api/v2/incidents"));
    let singles: Vec<&String> = files.keys().filter(|k| *k != "unresolved.json").collect();
    assert_eq!(
        singles,
        [
            "5a45a5610d89.json",
            "8fa872ca2ee9.json",
            "bd1d8bdc6cb6.json"
        ]
    );
    for name in singles {
        let doc = api(&site, &format!("incidents/{name}"));
        assert_eq!(
            keys(&doc),
            BTreeSet::from(["page".into(), "incident".into()])
        );
        same_shape(&doc["page"], &r.page, &[], name);
        r.incident(&doc["incident"], name);
        assert_eq!(
            format!("{}.json", doc["incident"]["id"].as_str().unwrap()),
            *name
        );
    }
}

#[test]
fn the_api_says_what_is_open_now_and_what_is_coming() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build(&site, EPOCH);
    let summary = api(&site, "summary.json");
    assert_eq!(
        summary["page"],
        serde_json::json!({
            "id": "aff6f037d5fd",
            "name": "Shop",
            "url": "https://status.shop.example",
            "time_zone": "Europe/Madrid",
            "updated_at": "2026-04-10T00:30:00.000+02:00",
        })
    );
    assert_eq!(
        summary["status"],
        serde_json::json!({"indicator": "major", "description": "Partial System Outage"})
    );
    let components: Vec<(&str, &str, u64, &Value, &Value)> = summary["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap(),
                c["status"].as_str().unwrap(),
                c["position"].as_u64().unwrap(),
                &c["group_id"],
                &c["description"],
            )
        })
        .collect();
    let storefront = Value::from("2e4410781477");
    assert_eq!(
        components,
        [
            (
                "Storefront",
                "partial_outage",
                1,
                &Value::Null,
                &Value::Null
            ),
            (
                "Checkout",
                "partial_outage",
                1,
                &storefront,
                &Value::from("Payments and orders")
            ),
            ("Search", "operational", 2, &storefront, &Value::Null),
            (
                "API",
                "operational",
                2,
                &Value::Null,
                &Value::from("The public REST API")
            ),
        ]
    );
    assert_eq!(
        summary["components"][0]["components"],
        serde_json::json!(["a509b14e981f", "a1477a9ec1e7"])
    );
    let open = &summary["incidents"];
    assert_eq!(open.as_array().unwrap().len(), 1);
    assert_eq!(open[0]["name"], "Checkout is slow");
    assert_eq!(open[0]["status"], "identified");
    assert_eq!(open[0]["impact"], "major");
    assert_eq!(open[0]["started_at"], "2026-04-10T00:00:00.000+02:00");
    assert_eq!(
        open[0]["shortlink"],
        "https://status.shop.example/incidents/2026-04-09-checkout-slow/"
    );
    let changes: Vec<(&Value, &Value, &Value)> = open[0]["incident_updates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            let a = &u["affected_components"][0];
            (&u["status"], &a["old_status"], &a["new_status"])
        })
        .collect();
    let v = |s: &str| Value::from(s);
    assert_eq!(
        changes,
        [
            (&v("identified"), &v("partial_outage"), &v("partial_outage")),
            (&v("investigating"), &v("operational"), &v("partial_outage")),
        ]
    );
    // A grouped component is `Group - Component` in an update's `affected_components`, as
    // Huobi's "Deposit And Withdraw - Deposit" (huobi-summary.json), and its plain name in
    // `components`.
    let affected: Vec<&Value> = open[0]["incident_updates"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|u| u["affected_components"].as_array().unwrap())
        .map(|a| &a["name"])
        .collect();
    assert_eq!(affected, ["Storefront - Checkout", "Storefront - Checkout"]);
    assert_eq!(open[0]["components"][0]["name"], "Checkout");
    let maint = &summary["scheduled_maintenances"];
    assert_eq!(maint.as_array().unwrap().len(), 1);
    assert_eq!(maint[0]["name"], "Search upgrade");
    // A maintenance started when it was announced (its first update), not at its window:
    // Statuspage's `started_at` ≈ `created_at` for scheduled maintenances (Huobi's
    // 03:16:31.474Z for a window four days later; Discord's 16:57:00 for 16:57:33).
    assert_eq!(maint[0]["created_at"], "2026-04-08T12:00:00.000+02:00");
    assert_eq!(maint[0]["started_at"], "2026-04-08T12:00:00.000+02:00");
    assert_eq!(
        maint[0]["incident_updates"][0]["affected_components"][0]["name"],
        "Storefront - Search"
    );
    assert_eq!(maint[0]["status"], "scheduled");
    assert_eq!(maint[0]["impact"], "maintenance");
    assert_eq!(maint[0]["scheduled_for"], "2026-04-12T08:00:00.000+02:00");
    assert_eq!(maint[0]["scheduled_until"], "2026-04-12T09:00:00.000+02:00");
    assert_eq!(
        api(&site, "scheduled-maintenances/upcoming.json")["scheduled_maintenances"],
        *maint
    );
    assert_eq!(
        api(&site, "scheduled-maintenances/active.json")["scheduled_maintenances"],
        serde_json::json!([])
    );
    assert_eq!(api(&site, "incidents/unresolved.json")["incidents"], *open);
    assert_eq!(
        api(&site, "status.json"),
        serde_json::json!({"page": summary["page"], "status": summary["status"]})
    );

    // The resolved incident carries its postmortem; incidents.json holds incidents only.
    let all = api(&site, "incidents.json");
    let names: Vec<&str> = all["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Checkout is slow", "API errors"]);
    let resolved = &api(&site, "incidents/5a45a5610d89.json")["incident"];
    assert_eq!(resolved, &all["incidents"][1]);
    assert_eq!(resolved["status"], "resolved");
    assert_eq!(resolved["resolved_at"], "2026-03-02T11:50:00.000+01:00");
    assert_eq!(
        resolved["postmortem_published_at"],
        "2026-03-04T10:00:00.000+01:00"
    );
    assert_eq!(
        resolved["postmortem_body"],
        "Published Mar 4, 2026, 10:00 AM CET by Platform team.\n\n### Summary\n\n\
         A configuration change sent all API traffic to a pool that was being drained.\n\n\
         ### Root cause\n\nThe drain flag was read from the **old** configuration."
    );
    assert_eq!(open[0]["postmortem_body"], Value::Null);
}

#[test]
fn the_status_follows_the_builds_moment() {
    let tmp = tempfile::tempdir().unwrap();
    // 2026-04-12T06:30:00Z: the maintenance is under way, and the incident still open.
    let during = tmp.path().join("during");
    build(&during, "1775975400");
    let summary = api(&during, "summary.json");
    let statuses: Vec<&Value> = summary["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["status"])
        .collect();
    assert_eq!(
        statuses,
        [
            "partial_outage",
            "partial_outage",
            "under_maintenance",
            "operational"
        ]
    );
    assert_eq!(
        api(&during, "scheduled-maintenances/active.json")["scheduled_maintenances"][0]["name"],
        "Search upgrade"
    );
    assert_eq!(
        api(&during, "scheduled-maintenances/upcoming.json")["scheduled_maintenances"],
        serde_json::json!([])
    );
}

#[test]
fn the_api_is_byte_identical_for_the_same_moment() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build(&a, EPOCH);
    build(&b, EPOCH);
    let (ta, tb) = (tree(&a.join("api")), tree(&b.join("api")));
    assert_eq!(ta.len(), 11);
    assert_eq!(ta, tb);
    // A rebuild at another moment changes what is open, and a rebuild at the first moment
    // into the same folder gives the first bytes back.
    build(&a, "1775975400");
    assert_ne!(tree(&a.join("api")), ta);
    build(&a, EPOCH);
    assert_eq!(tree(&a.join("api")), ta);
}

/// An update of a record without components has `affected_components: null`, as Statuspage
/// writes it (Discord's incidents of 2019-06 in discord-incidents.json; Emma's of 2019-02);
/// an ungrouped component keeps its plain name.
#[test]
fn updates_without_components_have_null_affected_components() {
    use crate::common::Repo;
    use indoc::indoc;
    let repo = Repo::new()
        .config(indoc! {"
            name: Shop
            url: https://status.shop.example/
            components: [{name: API}]
        "})
        .record(
            "2026-04-09-login-errors",
            indoc! {"
                title: Login errors
                severity: minor
                components: []
                updates:
                  - at: 2026-04-09T22:05:00Z
                    status: investigating
                    body: Some logins fail.
            "},
        )
        .record(
            "2026-04-08-api-errors",
            indoc! {"
                title: API errors
                severity: minor
                components: [API]
                updates:
                  - at: 2026-04-08T10:00:00Z
                    status: investigating
                    body: Some requests fail.
            "},
        )
        .build();
    let site = repo.path().join("site");
    let o = Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .arg("-C")
        .arg(repo.path())
        .arg("build")
        .arg("--out")
        .arg(&site)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let open = &api(&site, "incidents/unresolved.json")["incidents"];
    let affected: Vec<(&Value, &Value)> = open
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (&i["name"], &i["incident_updates"][0]["affected_components"]))
        .collect();
    assert_eq!(
        affected,
        [
            (&Value::from("Login errors"), &Value::Null),
            (
                &Value::from("API errors"),
                &serde_json::json!([{
                    "code": "10516d5a5940",
                    "name": "API",
                    "old_status": "operational",
                    "new_status": "operational"
                }])
            ),
        ]
    );
}
