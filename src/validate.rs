//! Checks a whole data set for the problems an editor must fix before
//! publishing, each named by file, item and field. Readers never see these:
//! the app shows what loads; this is for `cargo xtask validate-data` and CI.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::load::{parse_index, parse_year};
use crate::model::{parse_item_id, Figure, Index, Status, Text, YearData};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub item: Option<String>,
    pub field: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}: {}",
            self.file,
            self.item.as_deref().unwrap_or("-"),
            self.field,
            self.message
        )
    }
}

struct Report<'a> {
    file: &'a str,
    problems: Vec<Problem>,
}

impl Report<'_> {
    fn add(&mut self, item: Option<&str>, field: &str, message: String) {
        self.problems.push(Problem {
            file: self.file.to_string(),
            item: item.map(str::to_string),
            field: field.to_string(),
            message,
        });
    }
}

/// Collapses whitespace away: the sources were extracted from print layouts
/// with line breaks in the middle of sentences.
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Parses a number as printed ("1.3万", "5000", "99%", "1.62∶1", "200余")
/// into its value, so a structured figure can be checked against its text.
pub fn parse_printed_number(text: &str) -> Option<f64> {
    let t = text.trim();
    let t = t.split(['∶', ':']).next()?;
    let t = t.trim_end_matches(['余', '多', '+', '%', '％']);
    let (digits, factor) = if let Some(d) = t.strip_suffix('万') {
        (d, 10_000.0)
    } else if let Some(d) = t.strip_suffix('亿') {
        (d, 100_000_000.0)
    } else {
        (t, 1.0)
    };
    let digits: String = digits.chars().filter(|c| *c != ',').collect();
    let v: f64 = digits.parse().ok()?;
    Some(v * factor)
}

fn check_figure(r: &mut Report, index: &Index, item: Option<&str>, field: &str, f: &Figure) {
    if f.quote.trim().is_empty() {
        r.add(item, field, "a number without its source sentence".into());
    } else if !squash(&f.quote).contains(&squash(&f.value_text)) {
        r.add(
            item,
            field,
            format!("value_text {:?} does not appear in its quote", f.value_text),
        );
    }
    match parse_printed_number(&f.value_text) {
        Some(v) if (v - f.value).abs() <= 1e-9 * v.abs().max(1.0) => {}
        Some(v) => r.add(
            item,
            field,
            format!(
                "value {} but value_text {:?} reads {v}",
                f.value, f.value_text
            ),
        ),
        None => r.add(
            item,
            field,
            format!("value_text {:?} is not a number", f.value_text),
        ),
    }
    if let Some(m) = &f.metric {
        if !index.metrics.iter().any(|d| &d.key == m) {
            r.add(item, field, format!("unknown metric {m:?}"));
        }
    }
    check_source(r, index, item, field, &f.source);
}

fn check_source(r: &mut Report, index: &Index, item: Option<&str>, field: &str, source: &str) {
    if !index.sources.iter().any(|s| s.id == source) {
        r.add(item, field, format!("unknown source {source:?}"));
    }
}

/// Checks one parsed year against the index and the ids of all years.
fn check_year(r: &mut Report, index: &Index, year: &YearData, earlier_ids: &HashSet<String>) {
    let themes: HashSet<&str> = index.themes.iter().map(|t| t.key.as_str()).collect();
    let leads: HashSet<&str> = index.leads.iter().map(|t| t.key.as_str()).collect();
    if let Some(entry) = index.years.iter().find(|e| e.year == year.year) {
        if entry.items_in_data as usize != year.items.len() {
            r.add(
                None,
                "items",
                format!(
                    "index says {} items in data, file has {}",
                    entry.items_in_data,
                    year.items.len()
                ),
            );
        }
    }
    if year.items.len() < year.items_published as usize && year.completeness_note.is_none() {
        r.add(
            None,
            "completeness_note",
            "fewer items than published but no note saying why".into(),
        );
    }
    let mut ids = HashSet::new();
    for item in &year.items {
        let id = Some(item.id.as_str());
        if !ids.insert(item.id.clone()) {
            r.add(id, "id", "duplicate id".into());
        }
        match parse_item_id(&item.id) {
            None => r.add(id, "id", "not of the form YYYY-NN or YYYY-xN".into()),
            Some((y, rest)) => {
                if y != year.year {
                    r.add(
                        id,
                        "id",
                        format!("id year differs from file year {}", year.year),
                    );
                }
                let expected = rest.parse::<u32>().ok();
                if item.number != expected {
                    r.add(
                        id,
                        "number",
                        format!("number {:?} does not match the id", item.number),
                    );
                }
            }
        }
        if item.title.zh.trim().is_empty() {
            r.add(id, "title.zh", "empty title".into());
        }
        if item.title.en.as_deref().is_none_or(|e| e.trim().is_empty()) {
            r.add(id, "title.en", "missing English title".into());
        }
        for t in &item.themes {
            if !themes.contains(t.as_str()) {
                r.add(id, "themes", format!("unknown theme {t:?}"));
            }
        }
        for l in &item.leads {
            if !leads.contains(l.as_str()) {
                r.add(id, "leads", format!("unknown lead agency {l:?}"));
            }
        }
        if item.sources.is_empty() {
            r.add(id, "sources", "an item without a source".into());
        }
        for s in &item.sources {
            check_source(r, index, id, "sources", s);
        }
        match item.status {
            Status::Completed if item.status_quote.is_none() => r.add(
                id,
                "status_quote",
                "completed without the sentence that says so".into(),
            ),
            Status::Pledged if item.status_quote.is_some() => r.add(
                id,
                "status_quote",
                "a sentence of completion on an item stored as pledged".into(),
            ),
            Status::Unreported => r.add(
                id,
                "status",
                "\"unreported\" is derived, not stored: the app reads an item of a year that is over (a later year's list is in the index) as unreported; store \"pledged\"".into(),
            ),
            Status::Other => r.add(id, "status", "unknown status".into()),
            _ => {}
        }
        for (i, f) in item.targets.iter().enumerate() {
            check_figure(r, index, id, &format!("targets[{i}]"), f);
        }
        for (i, f) in item.outcomes.iter().enumerate() {
            check_figure(r, index, id, &format!("outcomes[{i}]"), f);
            if let Some(a) = &f.answers {
                let field = format!("outcomes[{i}].answers");
                match item.targets.get(a.target as usize) {
                    None => r.add(
                        id,
                        &field,
                        format!("targets[{}] is not a target of this item", a.target),
                    ),
                    Some(t) if crate::standing::standing(t, f).is_none() => r.add(
                        id,
                        &field,
                        format!(
                            "targets[{}] cannot be set against this outcome (another kind, unit, metric or scope, or a number given as a bound)",
                            a.target
                        ),
                    ),
                    Some(_) => {}
                }
                check_reason(
                    r,
                    id,
                    &field,
                    &a.reason,
                    "a pairing needs its reason: the words that tie outcome and target",
                );
            }
        }
        for (i, f) in item.targets.iter().enumerate() {
            if f.answers.is_some() {
                r.add(
                    id,
                    &format!("targets[{i}].answers"),
                    "only an outcome answers a target".into(),
                );
            }
        }
        for (i, link) in item.continues.iter().enumerate() {
            let c = &link.item;
            if !earlier_ids.contains(c) {
                r.add(
                    id,
                    &format!("continues[{i}]"),
                    format!("{c:?} is not an item of an earlier year"),
                );
            }
            check_reason(
                r,
                id,
                &format!("continues[{i}]"),
                &link.reason,
                "a link needs its reason: the words that tie the two items",
            );
        }
    }
    for (i, f) in year.figures.iter().enumerate() {
        check_figure(r, index, None, &format!("figures[{i}]"), f);
        if f.answers.is_some() {
            r.add(
                None,
                &format!("figures[{i}].answers"),
                "only an item's outcome answers a target (of the same item)".into(),
            );
        }
    }
}

/// A curated link's or pairing's reason: there, in both languages.
fn check_reason(r: &mut Report, id: Option<&str>, field: &str, reason: &Text, missing: &str) {
    if reason.zh.trim().is_empty() {
        r.add(id, &format!("{field}.reason.zh"), missing.into());
    }
    if reason.en.as_deref().is_none_or(|e| e.trim().is_empty()) {
        r.add(
            id,
            &format!("{field}.reason.en"),
            "missing English translation".into(),
        );
    }
}

/// Validates an index and its year files given as `(file name, text)`.
/// Files the index names but that are absent are reported, as is every
/// parse failure; the remaining files are still checked.
pub fn validate_texts(index_text: &str, files: &HashMap<String, String>) -> Vec<Problem> {
    let mut r = Report {
        file: "index.json",
        problems: Vec::new(),
    };
    let index = match parse_index(index_text) {
        Ok(i) => i,
        Err(e) => {
            r.add(None, "-", e.to_string());
            return r.problems;
        }
    };
    if !index.years.iter().any(|y| y.year == index.default_year) {
        r.add(None, "default_year", "not one of the listed years".into());
    }
    let mut archives = HashSet::new();
    for s in &index.sources {
        let field = format!("sources[{}].archive", s.id);
        if !crate::archive::is_slug(&s.archive) {
            r.add(
                None,
                &field,
                format!(
                    "{:?} is not a slug (lowercase words and digits joined by hyphens)",
                    s.archive
                ),
            );
        } else if !archives.insert(s.archive.as_str()) {
            r.add(
                None,
                &field,
                format!("{:?} is another source's archive", s.archive),
            );
        }
    }
    let mut problems = r.problems;
    let mut years: Vec<_> = index.years.clone();
    years.sort_by_key(|y| y.year);
    let mut earlier_ids: HashSet<String> = HashSet::new();
    for entry in &years {
        let mut r = Report {
            file: &entry.file,
            problems: Vec::new(),
        };
        match files.get(&entry.file) {
            None => r.add(None, "-", "listed in the index but missing".into()),
            Some(text) => match parse_year(text, entry.year) {
                Err(e) => r.add(None, "-", e.to_string()),
                Ok(year) => {
                    check_year(&mut r, &index, &year, &earlier_ids);
                    earlier_ids.extend(year.items.iter().map(|i| i.id.clone()));
                }
            },
        }
        problems.extend(r.problems);
    }
    problems
}

/// Reads `dir/index.json` and the year files it lists. Native only: this is
/// the tooling's entry point; the app itself fetches and never touches files.
#[cfg(not(target_arch = "wasm32"))]
pub fn validate_dir(dir: &std::path::Path) -> Vec<Problem> {
    let index_text = match std::fs::read_to_string(dir.join("index.json")) {
        Ok(t) => t,
        Err(e) => {
            return vec![Problem {
                file: "index.json".into(),
                item: None,
                field: "-".into(),
                message: format!("cannot read: {e}"),
            }]
        }
    };
    let mut files = HashMap::new();
    if let Ok(index) = parse_index(&index_text) {
        for y in &index.years {
            if let Ok(text) = std::fs::read_to_string(dir.join(&y.file)) {
                files.insert(y.file.clone(), text);
            }
        }
    }
    validate_texts(&index_text, &files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_numbers_read_as_written() {
        assert_eq!(parse_printed_number("1.3万"), Some(13_000.0));
        assert_eq!(parse_printed_number("650"), Some(650.0));
        assert_eq!(parse_printed_number("99%"), Some(99.0));
        assert_eq!(parse_printed_number("200余"), Some(200.0));
        assert_eq!(parse_printed_number("1.62∶1"), Some(1.62));
        assert_eq!(parse_printed_number("75.53万"), Some(755_300.0));
        assert_eq!(parse_printed_number("很多"), None);
    }

    const INDEX: &str = r#"{"schema":1,"data_version":"t","updated":"2026-01-01","default_year":2026,
      "years":[{"year":2026,"file":"2026.json","items_published":10,"items_in_data":1},
               {"year":2025,"file":"2025.json","items_published":10,"items_in_data":1}],
      "themes":[{"key":"health","name":{"zh":"卫生"}}],"leads":[],
      "metrics":[{"key":"m","name":{"zh":"m"},"unit":{"zh":"个"}}],
      "sources":[{"id":"s","headline":"h","publication":{"zh":"p"},"date":"2026","archive":"f"}]}"#;

    fn year(y: u16, item: &str) -> String {
        format!(
            r#"{{"schema":1,"year":{y},"list_title":{{"zh":"清单"}},"items_published":10,
            "completeness_note":{{"zh":"部分"}},"items":[{item}]}}"#
        )
    }

    const GOOD_2025: &str = r#"{"id":"2025-01","number":1,"title":{"zh":"甲","en":"A"},"status":"pledged","sources":["s"],"themes":["health"]}"#;

    fn files(y2026: &str) -> HashMap<String, String> {
        HashMap::from([
            ("2026.json".to_string(), year(2026, y2026)),
            ("2025.json".to_string(), year(2025, GOOD_2025)),
        ])
    }

    #[test]
    fn a_clean_data_set_has_no_problems() {
        let item = r#"{"id":"2026-01","number":1,"title":{"zh":"乙","en":"B"},"status":"pledged",
            "sources":["s"],"continues":[{"item":"2025-01","reason":{"zh":"理由","en":"reason"}}],
            "targets":[{"metric":"m","label":{"zh":"x"},"value":13000,"value_text":"1.3万","unit":{"zh":"个"},
                        "quote":"不少于1.3万批次","source":"s"}]}"#;
        assert_eq!(validate_texts(INDEX, &files(item)), vec![]);
    }

    #[test]
    fn each_problem_names_file_item_and_field() {
        let item = r#"{"id":"2026-02","number":1,"title":{"zh":"乙"},"status":"completed",
            "sources":["nope"],"themes":["sport"],"continues":[{"item":"2024-09","reason":{"zh":" "}}],
            "targets":[{"label":{"zh":"x"},"value":14000,"value_text":"1.3万","unit":{"zh":"个"},
                        "quote":"不少于1.2万批次","source":"s","metric":"zz"}]}"#;
        let problems = validate_texts(INDEX, &files(item));
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        let has = |needle: &str| lines.iter().any(|l| l.contains(needle));
        assert!(has("2026.json: 2026-02: number:"), "{lines:#?}");
        assert!(has("2026.json: 2026-02: title.en:"));
        assert!(has("2026.json: 2026-02: themes: unknown theme \"sport\""));
        assert!(has("2026.json: 2026-02: sources: unknown source \"nope\""));
        assert!(has("2026.json: 2026-02: status_quote:"));
        assert!(has("2026.json: 2026-02: continues[0]: \"2024-09\" is not"));
        assert!(has(
            "2026.json: 2026-02: continues[0].reason.zh: a link needs its reason"
        ));
        assert!(has("2026.json: 2026-02: continues[0].reason.en: missing"));
        assert!(has(
            "2026.json: 2026-02: targets[0]: value_text \"1.3万\" does not appear"
        ));
        assert!(has("2026.json: 2026-02: targets[0]: value 14000"));
        assert!(has("2026.json: 2026-02: targets[0]: unknown metric"));
    }

    #[test]
    fn an_outcome_answers_an_existing_comparable_target_with_its_reason() {
        let fig = |kind: &str, value: u32, unit: &str, answers: &str| {
            format!(
                r#"{{"label":{{"zh":"x"}},"value":{value},"value_text":"{value}","kind":"{kind}","cmp":"at_least",
                "unit":{{"zh":"{unit}"}},"quote":"至少{value}{unit}","source":"s"{answers}}}"#
            )
        };
        let answers = |target: u32, reason: &str| {
            format!(r#","answers":{{"target":{target},"reason":{reason}}}"#)
        };
        let good = r#"{"zh":"「至少」","en":"「至少」 (at least)"}"#;
        let exact = |f: String| f.replace("at_least", "exactly");
        let item = |targets: &[String], outcomes: &[String]| {
            format!(
                r#"{{"id":"2026-01","number":1,"title":{{"zh":"乙","en":"B"}},"status":"pledged","sources":["s"],
                "targets":[{}],"outcomes":[{}]}}"#,
                targets.join(","),
                outcomes.join(",")
            )
        };
        let lines = |y2026: String| -> Vec<String> {
            validate_texts(INDEX, &files(&y2026))
                .iter()
                .map(ToString::to_string)
                .collect()
        };
        let target = fig("target", 200, "个", "");
        let ok = item(
            std::slice::from_ref(&target),
            &[exact(fig("outcome", 515, "个", &answers(0, good)))],
        );
        assert_eq!(lines(ok), Vec::<String>::new());
        let bad = item(
            &[target, fig("target", 3, "个", &answers(0, good))],
            &[
                exact(fig("outcome", 515, "项", &answers(0, good))),
                exact(fig("outcome", 515, "个", &answers(4, r#"{"zh":" "}"#))),
                // A bound has no amount to set against the target.
                fig("outcome", 515, "个", &answers(0, good)),
            ],
        );
        assert_eq!(
            lines(bad),
            [
                "2026.json: 2026-01: outcomes[0].answers: targets[0] cannot be set against this outcome (another kind, unit, metric or scope, or a number given as a bound)",
                "2026.json: 2026-01: outcomes[1].answers: targets[4] is not a target of this item",
                "2026.json: 2026-01: outcomes[1].answers.reason.zh: a pairing needs its reason: the words that tie outcome and target",
                "2026.json: 2026-01: outcomes[1].answers.reason.en: missing English translation",
                "2026.json: 2026-01: outcomes[2].answers: targets[0] cannot be set against this outcome (another kind, unit, metric or scope, or a number given as a bound)",
                "2026.json: 2026-01: targets[1].answers: only an outcome answers a target",
            ]
        );
    }

    #[test]
    fn a_status_the_core_derives_is_not_stored() {
        let item = GOOD_2025
            .replace("2025-01", "2026-01")
            .replace("pledged", "unreported");
        let lines: Vec<String> = validate_texts(INDEX, &files(&item))
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("2026.json: 2026-01: status: \"unreported\" is derived")),
            "{lines:#?}"
        );
    }

    #[test]
    fn a_source_names_its_own_archive_by_a_slug() {
        let index = INDEX.replace(
            r#""archive":"f"}]"#,
            r#""archive":"f"},{"id":"t","headline":"h","publication":{"zh":"p"},"date":"2026","archive":"f"},
                {"id":"u","headline":"h","publication":{"zh":"p"},"date":"2026","archive":"000_ab.txt"}]"#,
        );
        let lines: Vec<String> = validate_texts(&index, &files(GOOD_2025))
            .iter()
            .map(ToString::to_string)
            .filter(|l| l.starts_with("index.json"))
            .collect();
        assert_eq!(
            lines,
            [
                "index.json: -: sources[t].archive: \"f\" is another source's archive",
                "index.json: -: sources[u].archive: \"000_ab.txt\" is not a slug (lowercase words and digits joined by hyphens)",
            ],
        );
    }

    #[test]
    fn missing_and_broken_files_are_reported_and_the_rest_checked() {
        let mut f = files(GOOD_2025);
        f.remove("2025.json");
        f.insert("2026.json".into(), "{\"schema\":1,".into());
        let lines: Vec<String> = validate_texts(INDEX, &f)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(lines
            .iter()
            .any(|l| l.starts_with("2025.json: -: -: listed in the index but missing")));
        assert!(lines
            .iter()
            .any(|l| l.starts_with("2026.json: -: -: The data file is incomplete")));
    }
}
