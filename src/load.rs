//! Turning the text of a data file into the typed model, with errors a
//! reader can act on. The caller does the fetching; this module only parses.
//!
//! Loading never fails whole: each year file is parsed on its own, so one
//! broken year leaves the others readable (see `Dataset`).

use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Deserialize;

use crate::model::{Index, Lang, YearData, SCHEMA_VERSION};
use crate::query::{PreparedYear, SearchIndex};

/// Why a data file could not be used. Each variant is something a reader or
/// an editor can understand and act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The request failed before any text arrived (offline, DNS, CORS…).
    Network(String),
    /// The server answered with an error status.
    Http(u16),
    /// The text ends before the JSON does (a cut-off download).
    Truncated,
    /// The text is not JSON at all (e.g. an HTML error page).
    NotJson { line: usize, column: usize },
    /// A number too large to use (beyond a double), which no chart could
    /// scale.
    NumberTooLarge { line: usize, column: usize },
    /// Valid JSON that does not have the expected fields or types.
    WrongShape(String),
    /// Written for a newer app version than this one.
    SchemaTooNew { found: u32 },
    /// The file holds a different year than the index says.
    WrongYear { expected: u16, found: u16 },
    /// Two items share an id.
    DuplicateId(String),
}

impl LoadError {
    /// A sentence for the reader, in their language (`i18n::load_error`).
    pub fn message(&self, lang: Lang) -> String {
        crate::i18n::load_error(self, lang)
    }

    /// Whether trying again could help (the UI offers "retry" then).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            LoadError::Network(_) | LoadError::Http(_) | LoadError::Truncated
        )
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for LoadError {}

/// `text` read as a `T` whose `schema` is `schema_of`, checked in this
/// order: syntax, then the schema version, then the shape, so a newer file
/// is reported as "newer", not as "malformed", and "not JSON" is never
/// confused with "JSON of the wrong shape".
fn read<T: DeserializeOwned>(text: &str, schema_of: fn(&T) -> u32) -> Result<T, LoadError> {
    match serde_json::from_str::<T>(text) {
        Ok(value) => match schema_of(&value) {
            found if found > SCHEMA_VERSION => Err(LoadError::SchemaTooNew { found }),
            _ => Ok(value),
        },
        Err(e) => Err(why_not::<T>(text, e)),
    }
}

/// Why serde_json refused `text`. The error path only: the syntax check
/// and the field's name each take a pass of their own, which the common
/// case never pays.
fn why_not<T: DeserializeOwned>(text: &str, e: serde_json::Error) -> LoadError {
    use serde_json::error::Category;
    // Checked first: skipping a value does not check a number's range.
    if number_too_large(&e) {
        let (line, column) = (e.line(), e.column());
        return LoadError::NumberTooLarge { line, column };
    }
    // Syntax is judged by reading the text as any JSON: a type's reader can
    // report valid JSON it does not expect as bad syntax (a map of two keys,
    // or a number, where one enum word goes), and a shape error can come
    // before a syntax error further on.
    let e = match serde_json::from_str::<IgnoredAny>(text) {
        Err(syntax) => syntax,
        Ok(_) => return wrong_shape::<T>(text, e),
    };
    let (line, column) = (e.line(), e.column());
    match e.classify() {
        Category::Eof => LoadError::Truncated,
        _ => LoadError::NotJson { line, column },
    }
}

/// serde_json has no category of its own for a number beyond a double; its
/// message is the one way to tell it from bad syntax.
fn number_too_large(e: &serde_json::Error) -> bool {
    e.to_string().starts_with("number out of range")
}

/// What is wrong with valid JSON: written for a newer app, or the path to
/// the field that does not fit.
fn wrong_shape<T: DeserializeOwned>(text: &str, e: serde_json::Error) -> LoadError {
    if let Ok(Head {
        schema: Some(found),
    }) = serde_json::from_str(text)
    {
        if found > SCHEMA_VERSION {
            return LoadError::SchemaTooNew { found };
        }
    }
    LoadError::WrongShape(field_path::<T>(text).unwrap_or_default() + &e.to_string())
}

/// `path: ` of the field that does not fit, for the editor who runs
/// `cargo xtask validate-data`. Natively only: in the page it would be a
/// second copy of every type's reading code (the line and column in the
/// message already say where).
#[cfg_attr(target_arch = "wasm32", allow(clippy::extra_unused_type_parameters))]
fn field_path<T: DeserializeOwned>(text: &str) -> Option<String> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let tracked = &mut serde_json::Deserializer::from_str(text);
        match serde_path_to_error::deserialize::<_, T>(tracked) {
            Err(e) if e.path().iter().next().is_some() => Some(format!("{}: ", e.path())),
            _ => None,
        }
    }
    #[cfg(target_arch = "wasm32")]
    {
        let _ = text;
        None
    }
}

/// A data file's `schema` alone, read when the whole file would not be.
#[derive(Deserialize)]
struct Head {
    #[serde(default)]
    schema: Option<u32>,
}

/// A data file's bytes as the browser's `Response.text()` reads them:
/// UTF-8, a leading byte order mark dropped, invalid bytes replaced. The
/// page reads the body as bytes, which cross into the module as one copy;
/// as text they would be decoded into a JS string and encoded back.
pub fn body_text(mut bytes: Vec<u8>) -> String {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// The index from its text.
pub fn parse_index(text: &str) -> Result<Index, LoadError> {
    let index: Index = read(text, |i: &Index| i.schema)?;
    if index.years.is_empty() {
        return Err(LoadError::WrongShape("the index lists no years".into()));
    }
    Ok(index)
}

/// Parses one year file and checks what would make its items ambiguous:
/// the year it claims and duplicate ids. Softer problems (an unknown theme,
/// a missing quote) are for `validate`, and do not stop a reader.
pub fn parse_year(text: &str, expected: u16) -> Result<YearData, LoadError> {
    let year: YearData = read(text, |y: &YearData| y.schema)?;
    if year.year != expected {
        return Err(LoadError::WrongYear {
            expected,
            found: year.year,
        });
    }
    let mut seen = HashSet::new();
    for item in &year.items {
        if !seen.insert(item.id.as_str()) {
            return Err(LoadError::DuplicateId(item.id.clone()));
        }
    }
    Ok(year)
}

/// What a page has loaded so far: the index and each year that parsed, plus
/// the years that failed and why. Views render what is here.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dataset {
    pub index: Option<Index>,
    /// Newest first; changed only by `put`, which keeps `prepared` in step.
    pub years: Vec<YearData>,
    pub failed: Vec<(u16, LoadError)>,
    /// `years[n]` as search reads it, prepared when it arrived.
    prepared: Vec<Arc<PreparedYear>>,
}

impl Dataset {
    pub fn new(index: Index) -> Self {
        Dataset {
            index: Some(index),
            years: Vec::new(),
            failed: Vec::new(),
            prepared: Vec::new(),
        }
    }

    /// Records the outcome of loading one year, replacing an earlier one.
    /// A year's items take the status a reader sees under the index
    /// (`YearData::derive_statuses`): what is held here is what every view
    /// reads.
    pub fn put(&mut self, year: u16, result: Result<YearData, LoadError>) {
        if let Some(at) = self.years.iter().position(|y| y.year == year) {
            self.years.remove(at);
            self.prepared.remove(at);
        }
        self.failed.retain(|(y, _)| *y != year);
        match result {
            Ok(mut data) => {
                let (leads, themes) = match &self.index {
                    Some(index) => {
                        data.derive_statuses(index);
                        (index.leads.as_slice(), index.themes.as_slice())
                    }
                    None => (&[][..], &[][..]),
                };
                // Made here, once: the index rebuilt as each later year
                // arrives reuses it.
                let prepared = Arc::new(PreparedYear::new(&data, leads, themes));
                // Kept newest first by inserting in place: a sort would be a
                // copy of the sorting code of its own in the page's module.
                let at = self
                    .years
                    .iter()
                    .position(|y| y.year < data.year)
                    .unwrap_or(self.years.len());
                self.years.insert(at, data);
                self.prepared.insert(at, prepared);
            }
            Err(e) => self.failed.push((year, e)),
        }
    }

    /// Folds the search text of one loaded year that has not been, and
    /// says whether there was one: done a year at a time when the app is
    /// idle, so that the first search does not wait for it.
    pub fn fold_next_year(&self) -> bool {
        self.prepared
            .iter()
            .zip(&self.years)
            .find(|(p, _)| !p.is_folded())
            .map(|(p, y)| p.fold_text(y))
            .is_some()
    }

    /// The search index over the loaded years, for `SearchIndex::run` with
    /// `self.years`. No item's text is folded again.
    pub fn search_index(&self) -> SearchIndex {
        SearchIndex::from_prepared(&self.prepared)
    }

    pub fn year(&self, year: u16) -> Option<&YearData> {
        self.years.iter().find(|y| y.year == year)
    }

    pub fn error_for(&self, year: u16) -> Option<&LoadError> {
        self.failed.iter().find(|(y, _)| *y == year).map(|(_, e)| e)
    }

    pub fn is_loaded(&self, year: u16) -> bool {
        self.year(year).is_some() || self.error_for(year).is_some()
    }

    /// Of `years`, those with no outcome yet (neither data nor a failure):
    /// a view showing them says they are loading, never that they are empty.
    pub fn unsettled(&self, years: &[u16]) -> Vec<u16> {
        years
            .iter()
            .filter(|y| !self.is_loaded(**y))
            .copied()
            .collect()
    }

    /// All years the index lists, newest first.
    pub fn listed_years(&self) -> Vec<u16> {
        self.index
            .as_ref()
            .map(Index::listed_years)
            .unwrap_or_default()
    }

    pub fn find_item(&self, id: &str) -> Option<(u16, &crate::model::Item)> {
        self.years
            .iter()
            .find_map(|y| y.items.iter().find(|i| i.id == id).map(|i| (y.year, i)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YEAR: &str = r#"{"schema":1,"year":2026,"list_title":{"zh":"清单"},"items_published":10,
        "items":[{"id":"2026-01","number":1,"title":{"zh":"甲"},"status":"pledged","sources":["s"]}]}"#;

    #[test]
    fn a_refused_text_says_where_and_whether_it_was_cut_off() {
        let why = |text: &str| parse_year(text, 2026).unwrap_err();
        let not_json = |line, column| LoadError::NotJson { line, column };
        for cut in [
            "",
            "  ",
            "{",
            "{\"schema\":1,",
            "{\"a\"",
            "{\"a\":",
            "{\"a\":\"abc",
            "[tr",
        ] {
            assert_eq!(why(cut), LoadError::Truncated, "{cut:?}");
        }
        assert_eq!(why("<!doctype html>"), not_json(1, 1));
        assert_eq!(why("{\n  \"a\": 1,\n  \"b\" 2}"), not_json(3, 7));
        assert_eq!(why("{} {}"), not_json(1, 4));
        assert!(matches!(
            why("[1e999]"),
            LoadError::NumberTooLarge { line: 1, .. }
        ));
        // A depth no file has is refused, not a stack overflow.
        let deep = why(&"[".repeat(100_000));
        assert!(
            matches!(deep, LoadError::Truncated | LoadError::NotJson { .. }),
            "{deep:?}"
        );
    }

    #[test]
    fn a_wrong_shape_names_the_field() {
        let shape = |text: &str| match parse_year(text, 2026) {
            Err(LoadError::WrongShape(detail)) => detail,
            other => panic!("{other:?}"),
        };
        // Valid JSON that serde_json's reader of a word refuses as if it
        // were bad syntax (a map of two keys where one word goes) is a
        // wrong shape too: no retry can fix it.
        for status in [
            r#"{"pledged":null,"x":1}"#,
            r#"{"pledged":[1,2]}"#,
            "[]",
            "{}",
        ] {
            let odd = YEAR.replace(r#""pledged""#, status);
            assert!(serde_json::from_str::<serde_json::Value>(&odd).is_ok());
            assert!(
                shape(&odd).starts_with("items[0].status"),
                "{status}: {}",
                shape(&odd)
            );
        }
        let ten = YEAR.replace("\"number\":1", "\"number\":\"ten\"");
        assert!(
            shape(&ten).starts_with("items[0].number: invalid type: string"),
            "{}",
            shape(&ten)
        );
        let untitled = YEAR.replace("\"title\":{\"zh\":\"甲\"},", "");
        assert!(
            shape(&untitled).contains("missing field `title`"),
            "{}",
            shape(&untitled)
        );
        let null_id = YEAR.replace("\"2026-01\"", "null");
        assert!(
            shape(&null_id).starts_with("items[0].id: invalid type: null"),
            "{}",
            shape(&null_id)
        );
        assert!(
            shape("[1,2]").contains("expected struct YearData"),
            "{}",
            shape("[1,2]")
        );
        // The derive refuses a key given twice, so no value is silently lost.
        let twice = YEAR.replace("\"year\":2026,", "\"year\":2026,\"year\":2026,");
        assert!(
            shape(&twice).contains("duplicate field `year`"),
            "{}",
            shape(&twice)
        );
    }

    #[test]
    fn absent_or_null_optional_fields_take_their_default() {
        let item = r#"{"id":"2026-01","title":{"zh":"甲","en":null},"status":"completed",
            "sources":["s"],"number":null,"themes":null,"targets":[{"label":{"zh":"x"},
            "value":3,"value_text":"3","unit":{"zh":"个"},"quote":"q","source":"s","cmp":null}]}"#;
        let text = YEAR.replace(
            &YEAR[YEAR.find("[{").unwrap() + 1..YEAR.rfind("]}").unwrap()],
            item,
        );
        let y = parse_year(&text, 2026).unwrap();
        let i = &y.items[0];
        assert_eq!((i.title.en.as_deref(), i.number), (None, None));
        assert!(i.themes.is_empty() && i.outcomes.is_empty());
        assert_eq!(i.targets[0].cmp, crate::model::Cmp::Exactly);
        assert_eq!(i.status, crate::model::Status::Completed);
    }

    #[test]
    fn a_good_year_parses() {
        let y = parse_year(YEAR, 2026).unwrap();
        assert_eq!(y.items.len(), 1);
    }

    #[test]
    fn each_failure_has_its_own_reason() {
        assert_eq!(
            parse_year(&YEAR[..YEAR.len() / 2], 2026),
            Err(LoadError::Truncated)
        );
        assert!(matches!(
            parse_year("<html>404</html>", 2026),
            Err(LoadError::NotJson { line: 1, .. })
        ));
        assert!(matches!(
            parse_year(r#"{"schema":1,"year":"x"}"#, 2026),
            Err(LoadError::WrongShape(_))
        ));
        let r = parse_year("[1,2]", 2026);
        assert!(matches!(r, Err(LoadError::WrongShape(_))), "{r:?}");
        // Valid JSON with a number where a status word goes (serde_json
        // refuses it as syntax); found by the fuzzer.
        let r = parse_year(&YEAR.replace("\"pledged\"", "3"), 2026);
        assert!(matches!(r, Err(LoadError::WrongShape(_))), "{r:?}");
        assert_eq!(
            parse_year(YEAR, 2025),
            Err(LoadError::WrongYear {
                expected: 2025,
                found: 2026
            })
        );
        let newer = YEAR
            .replace("\"schema\":1", "\"schema\":2")
            .replace("\"items\"", "\"entries\"");
        assert_eq!(
            parse_year(&newer, 2026),
            Err(LoadError::SchemaTooNew { found: 2 })
        );
        let end = YEAR.rfind("]}").unwrap();
        let dup = format!(
            "{},{}{}",
            &YEAR[..end],
            r#"{"id":"2026-01","number":1,"title":{"zh":"乙"},"status":"pledged","sources":["s"]}"#,
            &YEAR[end..]
        );
        assert_eq!(
            parse_year(&dup, 2026),
            Err(LoadError::DuplicateId("2026-01".into()))
        );
    }

    #[test]
    fn unknown_fields_and_values_are_tolerated() {
        let newer = YEAR.replace("\"pledged\"", "\"paused\"").replace(
            "\"items_published\"",
            "\"colour\":\"red\",\"items_published\"",
        );
        let y = parse_year(&newer, 2026).unwrap();
        assert_eq!(y.items[0].status, crate::model::Status::Other);
        let word = |json: &str| serde_json::from_str::<crate::model::Figure>(json);
        let figure = |cmp: &str, scope: &str, kind: &str| {
            format!(
                r#"{{"label":{{"zh":"x"}},"value":1,"value_text":"1","unit":{{"zh":"个"}},
                "quote":"q","source":"s","cmp":{cmp},"scope":{scope},"kind":{kind}}}"#
            )
        };
        let f = word(&figure("\"roughly\"", "\"annual\"", "\"estimate\"")).unwrap();
        use crate::model::{Cmp, FigureKind, Scope};
        assert_eq!(
            (f.cmp, f.scope, f.kind),
            (Cmp::Other, Scope::Other, FigureKind::Other)
        );
        let f = word(&figure("\"at_most\"", "\"cumulative\"", "\"outcome\"")).unwrap();
        assert_eq!(
            (f.cmp, f.scope, f.kind),
            (Cmp::AtMost, Scope::Cumulative, FigureKind::Outcome)
        );
        // An unknown word degrades; a word of the wrong type does not.
        assert!(word(&figure("1", "\"new\"", "\"target\"")).is_err());
    }

    /// Every field of the model set to something other than its default,
    /// written out and read back: a field serde skips or misnames in either
    /// direction changes the value. Struct literals without `..`, so a new
    /// field does not compile until it is set here.
    #[test]
    fn every_field_survives_a_round_trip() {
        use crate::model::*;
        let t = |s: &str| Text::new(s, &format!("{s} (en)"));
        let figure = |kind| Figure {
            metric: Some("remote-windows".into()),
            label: t("窗口"),
            value: 1.5,
            value_text: "1.5".into(),
            cmp: Cmp::AtLeast,
            scope: Scope::Cumulative,
            kind,
            unit: t("个"),
            from_value: Some(0.5),
            quote: "不少于1.5个".into(),
            source: "s".into(),
            attribution: Some("stated".into()),
            note: Some(t("注")),
            answers: Some(Answer {
                target: 0,
                reason: t("理由"),
            }),
        };
        let quoted = Quoted {
            text: t("完成"),
            quote: "全部完成".into(),
            source: "s".into(),
        };
        let progress = Progress {
            date: Some("2025-12-01".into()),
            wording: t("基本达到预期"),
            quote: "基本达到预期".into(),
            source: "s".into(),
        };
        let named = NamedList {
            total: 10,
            named: vec![quoted.clone()],
            quote: "十个案例".into(),
            source: "s".into(),
        };
        let year = YearData {
            schema: 1,
            year: 2026,
            list_title: t("清单"),
            items_published: 10,
            completeness_note: Some(t("缺")),
            forum: Some(Forum {
                edition: 8,
                name: t("论坛"),
                city: t("上海"),
                date: Some("2026-05-21".into()),
                quote: "第八届".into(),
                source: "s".into(),
            }),
            outcome: Some(quoted.clone()),
            progress: vec![progress.clone()],
            items: vec![Item {
                id: "2026-01".into(),
                number: Some(1),
                title: t("甲"),
                lead_text: Some(t("卫生健康部门")),
                leads: vec!["health-commissions".into()],
                content: Some(t("内容")),
                themes: vec!["health".into()],
                status: Status::Completed,
                status_quote: Some(quoted.clone()),
                progress: vec![progress],
                targets: vec![figure(FigureKind::Target)],
                outcomes: vec![figure(FigureKind::Outcome)],
                continues: vec![Link {
                    item: "2025-01".into(),
                    reason: t("理由"),
                }],
                sources: vec!["s".into()],
                note: Some(t("注")),
            }],
            figures: vec![figure(FigureKind::Target)],
            stats: vec![StatArea {
                key: "transport".into(),
                name: t("交通"),
                headline: t("互联互通"),
                facts: vec![StatFact {
                    text: t("事实"),
                    figures: vec![figure(FigureKind::Outcome)],
                    quote: "事实".into(),
                    source: "s".into(),
                }],
            }],
            best_practices: Some(named.clone()),
            cooperation: Some(named),
        };
        let text = serde_json::to_string(&year).unwrap();
        assert_eq!(parse_year(&text, 2026), Ok(year));

        let index = Index {
            schema: 1,
            data_version: "2026.12.02-1".into(),
            updated: "2026-12-02".into(),
            default_year: 2026,
            years: vec![YearEntry {
                year: 2026,
                file: "2026.json".into(),
                items_published: 10,
                items_in_data: 9,
            }],
            themes: vec![Vocab {
                key: "health".into(),
                name: t("医疗"),
            }],
            leads: vec![Vocab {
                key: "health-commissions".into(),
                name: t("卫生健康部门"),
            }],
            metrics: vec![MetricDef {
                key: "remote-windows".into(),
                name: t("窗口"),
                unit: t("个"),
                description: Some(t("说明")),
            }],
            sources: vec![Source {
                id: "s".into(),
                headline: "标题".into(),
                publication: t("报纸"),
                date: "2026-05-22".into(),
                author: Some("记者".into()),
                url: Some("https://example.org/a".into()),
                archive: "a-2026-05-22-headline".into(),
                note: Some(t("注")),
            }],
        };
        let text = serde_json::to_string(&index).unwrap();
        assert_eq!(parse_index(&text), Ok(index));
    }

    #[test]
    fn messages_exist_in_both_languages() {
        let e = LoadError::Http(503);
        assert!(e.message(Lang::Zh).contains("503"));
        assert!(e.message(Lang::En).contains("503"));
        assert!(e.is_transient());
        assert!(!LoadError::SchemaTooNew { found: 9 }.is_transient());
    }

    #[test]
    fn a_year_put_into_the_dataset_reads_with_the_status_its_index_gives() {
        use crate::model::Status;
        let index = |years: &[u16]| {
            let entries: Vec<String> = years
                .iter()
                .map(|y| {
                    format!(
                        r#"{{"year":{y},"file":"{y}.json","items_published":10,"items_in_data":1}}"#
                    )
                })
                .collect();
            parse_index(&format!(
                r#"{{"schema":1,"data_version":"v","updated":"2026-01-01","default_year":{},"years":[{}]}}"#,
                years[0],
                entries.join(",")
            ))
            .unwrap()
        };
        let status = |ds: &Dataset, y: u16| ds.year(y).unwrap().items[0].status;
        let y2025 = || parse_year(&YEAR.replace("2026", "2025"), 2025);
        // Only 2025 listed: its items are as the sources say.
        let mut ds = Dataset::new(index(&[2025]));
        ds.put(2025, y2025());
        assert_eq!(status(&ds, 2025), Status::Pledged);
        // The 2026 list in the index: 2025 is over, whether or not 2026
        // has loaded, and 2026 itself stays pledged.
        let mut ds = Dataset::new(index(&[2026, 2025]));
        ds.put(2025, y2025());
        assert_eq!(status(&ds, 2025), Status::Unreported);
        ds.put(2026, parse_year(YEAR, 2026));
        assert_eq!(status(&ds, 2026), Status::Pledged);
        // What a source claims stays.
        let done = YEAR
            .replace("2026", "2025")
            .replace("\"pledged\"", "\"completed\"");
        ds.put(2025, parse_year(&done, 2025));
        assert_eq!(status(&ds, 2025), Status::Completed);
    }

    /// The test year, as the list of year `y`.
    fn year(y: u16) -> Result<YearData, LoadError> {
        parse_year(&YEAR.replace("2026", &y.to_string()), y)
    }

    #[test]
    fn the_datasets_search_index_answers_as_one_built_from_its_years() {
        use crate::query::Filter;
        let mut ds = Dataset::default();
        // Out of order, one replaced, one failed and then loaded.
        ds.put(2025, year(2025));
        ds.put(2026, year(2026));
        ds.put(2024, Err(LoadError::Http(404)));
        ds.put(2025, year(2025));
        ds.put(2024, year(2024));
        assert_eq!(
            ds.years.iter().map(|y| y.year).collect::<Vec<_>>(),
            [2026, 2025, 2024]
        );
        let fresh = SearchIndex::new(&ds.years, &[], &[]);
        let kept = ds.search_index();
        let title = ds.years[1].items[0].title.zh.clone();
        let text = |t: &str| Filter {
            text: t.into(),
            ..Filter::default()
        };
        for f in [
            Filter::default(),
            text(&title),
            text("2025"),
            text("nothing like it"),
        ] {
            assert_eq!(kept.run(&ds.years, &f), fresh.run(&ds.years, &f), "{f:?}");
        }
        assert_eq!(kept.len(), 3 * ds.years[0].items.len());
    }

    #[test]
    fn search_text_is_folded_a_year_at_a_time_or_by_the_first_search() {
        use crate::query::Filter;
        let mut ds = Dataset::default();
        ds.put(2026, year(2026));
        ds.put(2025, year(2025));
        let folded = |ds: &Dataset| ds.prepared.iter().filter(|p| p.is_folded()).count();
        assert_eq!(folded(&ds), 0, "a year arrives unfolded");
        assert!(ds.fold_next_year());
        assert_eq!(folded(&ds), 1);
        // A search folds what is left, and finds what a fresh index finds.
        let title = ds.years[1].items[0].title.zh.clone();
        let f = Filter {
            text: title,
            ..Filter::default()
        };
        let hits = ds.search_index().run(&ds.years, &f);
        assert_eq!(folded(&ds), 2);
        assert!(!hits.is_empty());
        assert_eq!(
            hits,
            SearchIndex::new(&ds.years, &[], &[]).run(&ds.years, &f)
        );
        assert!(!ds.fold_next_year(), "nothing left to fold");
    }

    #[test]
    fn a_body_reads_as_the_browsers_text_would() {
        assert_eq!(body_text(b"{\"a\":1}".to_vec()), "{\"a\":1}");
        assert_eq!(body_text("\u{FEFF}{}".as_bytes().to_vec()), "{}");
        assert_eq!(body_text("医保".as_bytes().to_vec()), "医保");
        assert_eq!(body_text(b"[\"\xFF\"]".to_vec()), "[\"\u{FFFD}\"]");
        assert_eq!(
            parse_year(&body_text(YEAR.as_bytes().to_vec()), 2026),
            parse_year(YEAR, 2026)
        );
    }

    #[test]
    fn one_broken_year_leaves_the_others() {
        let mut ds = Dataset::default();
        ds.put(2026, parse_year(YEAR, 2026));
        ds.put(2025, Err(LoadError::Http(404)));
        assert!(ds.year(2026).is_some());
        assert_eq!(ds.error_for(2025), Some(&LoadError::Http(404)));
        assert!(ds.unsettled(&[2026, 2025]).is_empty());
        assert_eq!(ds.unsettled(&[2026, 2024]), [2024]);
        ds.put(2025, parse_year(&YEAR.replace("2026", "2025"), 2025));
        assert!(ds.error_for(2025).is_none());
        assert_eq!(
            ds.years.iter().map(|y| y.year).collect::<Vec<_>>(),
            vec![2026, 2025]
        );
        // Whatever order the years arrive in, they are kept newest first.
        let mut ds = Dataset::default();
        for y in [2025, 2023, 2026, 2024, 2025] {
            ds.put(y, parse_year(&YEAR.replace("2026", &y.to_string()), y));
        }
        assert_eq!(
            ds.years.iter().map(|y| y.year).collect::<Vec<_>>(),
            vec![2026, 2025, 2024, 2023]
        );
    }
}
