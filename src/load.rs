//! Turning the text of a data file into the typed model, with errors a
//! reader can act on. The caller does the fetching; this module only parses.
//!
//! Loading never fails whole: each year file is parsed on its own, so one
//! broken year leaves the others readable (see `Dataset`).

use std::collections::HashSet;
use std::fmt;

use crate::decode::{self, Decode, Node, ShapeError};
use crate::model::{Index, Lang, YearData, SCHEMA_VERSION};

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
    /// A sentence for the reader, in their language.
    pub fn message(&self, lang: Lang) -> String {
        use LoadError::*;
        match (self, lang) {
            (Network(_), Lang::Zh) => "网络连接失败，数据未能加载。".into(),
            (Network(_), Lang::En) => "The network request failed; the data could not be loaded.".into(),
            (Http(code), Lang::Zh) => format!("服务器返回错误（HTTP {code}），数据未能加载。"),
            (Http(code), Lang::En) => format!("The server answered with an error (HTTP {code}); the data could not be loaded."),
            (Truncated, Lang::Zh) => "数据文件不完整（下载可能被中断）。".into(),
            (Truncated, Lang::En) => "The data file is incomplete (the download may have been cut off).".into(),
            (NotJson { line, column }, Lang::Zh) => format!("数据文件格式错误（第 {line} 行第 {column} 列不是有效的 JSON）。"),
            (NotJson { line, column }, Lang::En) => format!("The data file is not valid JSON (line {line}, column {column})."),
            (WrongShape(detail), Lang::Zh) => format!("数据文件结构不符合要求：{detail}"),
            (WrongShape(detail), Lang::En) => format!("The data file does not have the expected structure: {detail}"),
            (SchemaTooNew { .. }, Lang::Zh) => "数据格式比本应用更新，请刷新页面以获取最新版本。".into(),
            (SchemaTooNew { .. }, Lang::En) => "This data was written for a newer version of the app. Please reload the page to get the latest version.".into(),
            (WrongYear { expected, found }, Lang::Zh) => format!("数据文件年份不符：应为 {expected} 年，实为 {found} 年。"),
            (WrongYear { expected, found }, Lang::En) => format!("The data file holds the wrong year: expected {expected}, found {found}."),
            (DuplicateId(id), Lang::Zh) => format!("数据文件中有重复的编号 {id}。"),
            (DuplicateId(id), Lang::En) => format!("The data file has a duplicate id {id}."),
        }
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

/// The tree of `text` by serde_json, or why it is not JSON. The page parses
/// with the browser's `JSON.parse` instead and calls `index_from` and
/// `year_from` itself (`ui/data.rs`); both classify a failure with
/// `not_json`, so a reader sees the same message either way.
fn tree(text: &str) -> Result<serde_json::Value, LoadError> {
    serde_json::from_str(text).map_err(|e| {
        syntax_problem(text).unwrap_or(LoadError::NotJson {
            line: e.line(),
            column: e.column(),
        })
    })
}

/// Syntax first (the caller's parse), then the schema version, then the
/// shape: a newer file is reported as "newer", not as "malformed", and
/// "not JSON" is never confused with "JSON of the wrong shape".
fn checked<T: Decode, N: Node>(tree: &N) -> Result<T, LoadError> {
    let shape = |e: ShapeError| LoadError::WrongShape(e.to_string());
    if let Some(found) = decode::schema(tree).map_err(shape)? {
        if found > SCHEMA_VERSION {
            return Err(LoadError::SchemaTooNew { found });
        }
    }
    T::decode(tree).map_err(shape)
}

pub fn parse_index(text: &str) -> Result<Index, LoadError> {
    index_from(&&tree(text)?)
}

/// The index from a parsed tree.
pub fn index_from<N: Node>(tree: &N) -> Result<Index, LoadError> {
    let index: Index = checked(tree)?;
    if index.years.is_empty() {
        return Err(LoadError::WrongShape("the index lists no years".into()));
    }
    Ok(index)
}

/// Parses one year file and checks what would make its items ambiguous:
/// the year it claims and duplicate ids. Softer problems (an unknown theme,
/// a missing quote) are for `validate`, and do not stop a reader.
pub fn parse_year(text: &str, expected: u16) -> Result<YearData, LoadError> {
    year_from(&&tree(text)?, expected)
}

/// One year from a parsed tree, checked as `parse_year` says.
pub fn year_from<N: Node>(tree: &N, expected: u16) -> Result<YearData, LoadError> {
    let year: YearData = checked(tree)?;
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

/// Why `text`, which a parser refused, is not JSON: `Truncated` when it
/// ends where more was due (a cut-off download, an empty body), else
/// `NotJson` at the first character that cannot be JSON there.
pub fn not_json(text: &str) -> LoadError {
    syntax_problem(text).unwrap_or_else(|| {
        // Valid syntax that a parser refused (a number beyond f64): say
        // where the text ends rather than nothing.
        let (line, column) = line_column(text, text.len());
        LoadError::NotJson { line, column }
    })
}

/// A JSON syntax check that builds nothing, only to say where and how a
/// text fails: the page's parser (`JSON.parse`) says neither in a form to
/// rely on. `None` for valid JSON. A loop with an explicit stack, so no
/// nesting depth can overflow the call stack.
pub fn syntax_problem(text: &str) -> Option<LoadError> {
    #[derive(Clone, Copy)]
    enum Want {
        Value,
        ValueOrClose,
        KeyOrClose,
        Key,
        Colon,
        After,
    }
    let b = text.as_bytes();
    let fail = |at: usize| {
        if at >= b.len() {
            LoadError::Truncated
        } else {
            let (line, column) = line_column(text, at);
            LoadError::NotJson { line, column }
        }
    };
    let mut open: Vec<u8> = Vec::new();
    let mut want = Want::Value;
    let mut i = 0;
    loop {
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        if i == b.len() {
            return match (want, open.is_empty()) {
                (Want::After, true) => None,
                _ => Some(LoadError::Truncated),
            };
        }
        let c = b[i];
        let step = match want {
            Want::ValueOrClose if c == b']' => {
                open.pop();
                want = Want::After;
                Ok(i + 1)
            }
            Want::Value | Want::ValueOrClose => {
                want = Want::After;
                match c {
                    b'[' | b'{' => {
                        open.push(c);
                        want = if c == b'[' {
                            Want::ValueOrClose
                        } else {
                            Want::KeyOrClose
                        };
                        Ok(i + 1)
                    }
                    b'"' => json_string(b, i),
                    b'-' | b'0'..=b'9' => json_number(b, i),
                    b't' => json_word(b, i, b"true"),
                    b'f' => json_word(b, i, b"false"),
                    b'n' => json_word(b, i, b"null"),
                    _ => Err(i),
                }
            }
            Want::KeyOrClose if c == b'}' => {
                open.pop();
                want = Want::After;
                Ok(i + 1)
            }
            Want::KeyOrClose | Want::Key if c == b'"' => {
                want = Want::Colon;
                json_string(b, i)
            }
            Want::Colon if c == b':' => {
                want = Want::Value;
                Ok(i + 1)
            }
            Want::After => match (open.last(), c) {
                (Some(b'['), b',') => {
                    want = Want::Value;
                    Ok(i + 1)
                }
                (Some(b'{'), b',') => {
                    want = Want::Key;
                    Ok(i + 1)
                }
                (Some(b'['), b']') | (Some(b'{'), b'}') => {
                    open.pop();
                    Ok(i + 1)
                }
                _ => Err(i),
            },
            _ => Err(i),
        };
        match step {
            Ok(next) => i = next,
            Err(at) => return Some(fail(at)),
        }
    }
}

/// Past the string starting at `b[i]` (a quote), or where it goes wrong.
fn json_string(b: &[u8], mut i: usize) -> Result<usize, usize> {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'"' => return Ok(i + 1),
            b'\\' => {
                let Some(&e) = b.get(i + 1) else {
                    return Err(b.len());
                };
                if e == b'u' {
                    // Four characters are due before any is judged.
                    let hex = b.get(i + 2..i + 6).ok_or(b.len())?;
                    if let Some(k) = hex.iter().position(|h| !h.is_ascii_hexdigit()) {
                        return Err(i + 2 + k);
                    }
                    i += 6;
                } else if b"\"\\/bfnrt".contains(&e) {
                    i += 2;
                } else {
                    return Err(i + 1);
                }
            }
            0..=0x1f => return Err(i),
            _ => i += 1,
        }
    }
    Err(i)
}

/// Past the number starting at `b[i]`, or where it goes wrong.
fn json_number(b: &[u8], mut i: usize) -> Result<usize, usize> {
    let digits = |i: usize| b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    if b[i] == b'-' {
        i += 1;
    }
    match b.get(i) {
        None => return Err(i),
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => i += digits(i),
        Some(_) => return Err(i),
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        match digits(i) {
            0 => return Err(i),
            n => i += n,
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        match digits(i) {
            0 => return Err(i),
            n => i += n,
        }
    }
    Ok(i)
}

/// Past `word` at `b[i]`, or where it stops matching.
fn json_word(b: &[u8], i: usize, word: &[u8]) -> Result<usize, usize> {
    for (k, &w) in word.iter().enumerate() {
        match b.get(i + k) {
            Some(&c) if c == w => {}
            _ => return Err(i + k),
        }
    }
    Ok(i + word.len())
}

/// 1-based line and column (in characters) of byte `at`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..at.min(text.len())];
    let line = 1 + before.iter().filter(|&&c| c == b'\n').count();
    let start = before
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |p| p + 1);
    let column = 1 + before[start..]
        .iter()
        .filter(|&&c| c & 0xC0 != 0x80)
        .count();
    (line, column)
}

/// What a page has loaded so far: the index and each year that parsed, plus
/// the years that failed and why. Views render what is here.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dataset {
    pub index: Option<Index>,
    pub years: Vec<YearData>,
    pub failed: Vec<(u16, LoadError)>,
}

impl Dataset {
    pub fn new(index: Index) -> Self {
        Dataset {
            index: Some(index),
            years: Vec::new(),
            failed: Vec::new(),
        }
    }

    /// Records the outcome of loading one year, replacing an earlier one.
    pub fn put(&mut self, year: u16, result: Result<YearData, LoadError>) {
        self.years.retain(|y| y.year != year);
        self.failed.retain(|(y, _)| *y != year);
        match result {
            Ok(data) => {
                // Kept newest first by inserting in place: a sort would be a
                // copy of the sorting code of its own in the page's module.
                let at = self
                    .years
                    .iter()
                    .position(|y| y.year < data.year)
                    .unwrap_or(self.years.len());
                self.years.insert(at, data);
            }
            Err(e) => self.failed.push((year, e)),
        }
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
    fn the_syntax_check_says_where_and_whether_the_text_was_cut_off() {
        let not_json = |line, column| Some(LoadError::NotJson { line, column });
        for ok in [
            "{}",
            " [1, -2.5e+3, true, false, null, \"a\\u00e9\\n\"] ",
            "0",
            "\"\"",
        ] {
            assert_eq!(syntax_problem(ok), None, "{ok}");
        }
        for cut in [
            "", "  ", "{", "[1,", "{\"a\"", "{\"a\":", "\"abc", "[tr", "-", "1.", "1e", "\"\\u12",
        ] {
            assert_eq!(syntax_problem(cut), Some(LoadError::Truncated), "{cut:?}");
        }
        assert_eq!(syntax_problem("<!doctype html>"), not_json(1, 1));
        assert_eq!(syntax_problem("{\n  \"a\": 1,\n  \"b\" 2}"), not_json(3, 7));
        // Columns count characters, not bytes.
        assert_eq!(syntax_problem("{\"名称\": x}"), not_json(1, 8));
        assert_eq!(syntax_problem("[1,]"), not_json(1, 4));
        assert_eq!(syntax_problem("{} {}"), not_json(1, 4));
        assert_eq!(syntax_problem("[01]"), not_json(1, 3));
        assert_eq!(syntax_problem("[\"a\tb\"]"), not_json(1, 4));
        assert_eq!(syntax_problem("[nul]"), not_json(1, 5));
        // Depth is no risk to the check itself.
        let deep = "[".repeat(100_000);
        assert_eq!(syntax_problem(&deep), Some(LoadError::Truncated));
        // What a parser refused for its own reasons is still "not JSON".
        assert!(matches!(
            super::not_json("[1e999]"),
            LoadError::NotJson { .. }
        ));
    }

    proptest::proptest! {
        /// The check agrees with serde_json on what is JSON and on what was
        /// cut off, so the page (which parses with `JSON.parse`) tells a
        /// reader what the native loader would.
        #[test]
        fn the_syntax_check_agrees_with_serde_json(text in "[\\[\\]{}\":, 0-9.eE+\\-tfrueaslnu\\\\]{0,24}") {
            let serde: Result<serde_json::Value, _> = serde_json::from_str(&text);
            let ours = syntax_problem(&text);
            match serde {
                Ok(_) => proptest::prop_assert_eq!(ours, None),
                // Beyond f64, or a lone surrogate: valid syntax serde_json refuses.
                Err(e) if e.to_string().contains("out of range") || e.to_string().contains("surrogate") => {}
                Err(e) if e.classify() == serde_json::error::Category::Eof => {
                    proptest::prop_assert_eq!(ours, Some(LoadError::Truncated), "{}", e)
                }
                Err(e) => proptest::prop_assert!(
                    matches!(ours, Some(LoadError::NotJson { line: 1, .. })),
                    "{:?} for {}", ours, e
                ),
            }
        }
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
