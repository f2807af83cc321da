//! CSV and JSON downloads of what a view shows: the filtered list, the
//! theme × year matrix, a metric series. Each number goes out with the
//! verbatim sentence and the source id it was read from, so a download can
//! be checked against the sources like the app itself.
//!
//! The CSV is RFC 4180 (quoted fields, CRLF) with a UTF-8 byte order mark,
//! without which spreadsheet programs read Chinese as mojibake; cells that
//! a spreadsheet would run as a formula are defused.

use serde::Serialize;

use crate::compare::{format_qualified, Series, ThemeMatrix};
use crate::i18n::{kind_name, status_name};
use crate::model::{Figure, Index, ItemRef, Lang};

const BOM: char = '\u{feff}';

/// `-12`, `3.5`: numbers a spreadsheet should keep as numbers, even though
/// they start with a formula character.
fn is_plain_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    !int.is_empty()
        && !frac.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// One field, defused and quoted as needed.
fn field(raw: &str) -> String {
    // Spreadsheets run a cell starting with these as a formula (tab and CR
    // too, after their own trimming): an apostrophe makes it text.
    let starts_formula = raw.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let value = if starts_formula && !is_plain_number(raw) {
        format!("'{raw}")
    } else {
        raw.to_string()
    };
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

fn push_record<S: AsRef<str>>(out: &mut String, cells: &[S]) {
    let line: Vec<String> = cells.iter().map(|c| field(c.as_ref())).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

/// A CSV file: BOM, header record, one record per row, CRLF after each.
pub fn csv(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    out.push(BOM);
    push_record(&mut out, headers);
    for row in rows {
        push_record(&mut out, row);
    }
    out
}

/// Rows with their headers, ready for `csv`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn to_csv(&self) -> String {
        let headers: Vec<&str> = self.headers.iter().map(String::as_str).collect();
        csv(&headers, &self.rows)
    }
}

fn headers(zh: &[&str], en: &[&str], lang: Lang) -> Vec<String> {
    let h = if lang == Lang::Zh { zh } else { en };
    h.iter().map(|s| s.to_string()).collect()
}

/// Several values in one cell, one per line.
fn lines<I: IntoIterator<Item = String>>(it: I) -> String {
    it.into_iter().collect::<Vec<_>>().join("\n")
}

fn figure_phrase(f: &Figure, lang: Lang) -> String {
    format_qualified(f.value, f.cmp, f.scope, f.unit.in_lang(lang), lang)
}

/// The filtered list: one row per item, with its numbers and the
/// sentences they come from.
pub fn items_rows(items: &[ItemRef<'_>], index: &Index, lang: Lang) -> Table {
    let headers = headers(
        &[
            "编号",
            "年度",
            "序号",
            "标题",
            "英文标题",
            "状态",
            "主题",
            "牵头实施单位",
            "内容及目标",
            "目标",
            "目标原文",
            "完成情况",
            "完成情况原文",
            "延续自",
            "来源编号",
        ],
        &[
            "id",
            "year",
            "number",
            "title (Chinese)",
            "title (English)",
            "status",
            "themes",
            "lead units",
            "content and targets",
            "targets",
            "target source text",
            "reported results",
            "result source text",
            "continues",
            "source ids",
        ],
        lang,
    );
    let theme_name = |key: &str| {
        index
            .themes
            .iter()
            .find(|v| v.key == key)
            .map_or_else(|| key.to_string(), |v| v.name.in_lang(lang).to_string())
    };
    let lead_names = |keys: &[String]| {
        keys.iter()
            .map(|k| {
                index
                    .leads
                    .iter()
                    .find(|v| &v.key == k)
                    .map_or_else(|| k.clone(), |v| v.name.in_lang(lang).to_string())
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let rows = items
        .iter()
        .map(|r| {
            let it = r.item;
            vec![
                it.id.clone(),
                r.year.to_string(),
                it.number.map(|n| n.to_string()).unwrap_or_default(),
                it.title.zh.clone(),
                it.title.en.clone().unwrap_or_default(),
                status_name(it.status, lang).to_string(),
                it.themes
                    .iter()
                    .map(|k| theme_name(k))
                    .collect::<Vec<_>>()
                    .join("; "),
                it.lead_text
                    .as_ref()
                    .map_or_else(|| lead_names(&it.leads), |t| t.in_lang(lang).to_string()),
                it.content
                    .as_ref()
                    .map(|t| t.in_lang(lang).to_string())
                    .unwrap_or_default(),
                lines(it.targets.iter().map(|f| figure_phrase(f, lang))),
                lines(it.targets.iter().map(|f| f.quote.clone())),
                lines(it.outcomes.iter().map(|f| figure_phrase(f, lang))),
                lines(it.outcomes.iter().map(|f| f.quote.clone())),
                it.continued_ids().collect::<Vec<_>>().join("; "),
                it.sources.join("; "),
            ]
        })
        .collect();
    Table { headers, rows }
}

/// The theme × year matrix: one row per theme, one column per year, each
/// cell the items as "id title" lines. A year whose list is only partly
/// known says so in its header ("2024 (4/10)").
pub fn matrix_rows(matrix: &ThemeMatrix, lang: Lang) -> Table {
    let mut headers = vec![match lang {
        Lang::Zh => "主题".to_string(),
        Lang::En => "theme".to_string(),
    }];
    headers.extend(matrix.years.iter().map(|c| {
        if c.is_complete() {
            c.year.to_string()
        } else {
            format!("{} ({}/{})", c.year, c.items_in_data, c.items_published)
        }
    }));
    let rows = matrix
        .rows
        .iter()
        .map(|row| {
            let mut r = vec![row.name.in_lang(lang).to_string()];
            r.extend(row.cells.iter().map(|cell| {
                lines(
                    cell.iter()
                        .map(|i| format!("{} {}", i.id, i.title.in_lang(lang))),
                )
            }));
            r
        })
        .collect();
    Table { headers, rows }
}

/// Keys as in the data files ("more_than"), so a download can be read
/// back by a program; the human phrase is its own column.
fn key_of<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|j| j.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// A metric series: one row per figure, with the sentence and source id.
pub fn series_rows(series: &Series, lang: Lang) -> Table {
    let headers = headers(
        &[
            "年度",
            "类型",
            "范围",
            "比较",
            "数值",
            "原文数字",
            "表述",
            "单位",
            "起始值",
            "实事编号",
            "原文",
            "来源编号",
        ],
        &[
            "year",
            "kind",
            "scope",
            "comparison",
            "value",
            "value as printed",
            "phrase",
            "unit",
            "from value",
            "item id",
            "source text",
            "source id",
        ],
        lang,
    );
    let rows = series
        .points
        .iter()
        .map(|p| {
            vec![
                p.year.to_string(),
                kind_name(p.kind, lang).to_string(),
                key_of(&p.scope),
                key_of(&p.cmp),
                p.value.to_string(),
                p.value_text.clone(),
                p.qualified(lang),
                p.unit.in_lang(lang).to_string(),
                p.from_value.map(|v| v.to_string()).unwrap_or_default(),
                p.item.clone().unwrap_or_default(),
                p.quote.clone(),
                p.source.clone(),
            ]
        })
        .collect();
    Table { headers, rows }
}

pub fn items_csv(items: &[ItemRef<'_>], index: &Index, lang: Lang) -> String {
    items_rows(items, index, lang).to_csv()
}

pub fn matrix_csv(matrix: &ThemeMatrix, lang: Lang) -> String {
    matrix_rows(matrix, lang).to_csv()
}

pub fn series_csv(series: &Series, lang: Lang) -> String {
    series_rows(series, lang).to_csv()
}

/// Pretty JSON of any core value (a series, a matrix with its transitions).
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    // The core's types have string keys and serde_json writes non-finite
    // numbers as null, so this cannot fail; an empty file beats a panic.
    serde_json::to_string_pretty(value).unwrap_or_default()
}

pub fn series_json(series: &Series) -> String {
    to_json(series)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::fixtures::three_years;
    use crate::compare::{metric_series, theme_matrix};

    /// A minimal RFC 4180 reader, to check that what we write reads back.
    fn parse_csv(s: &str) -> Vec<Vec<String>> {
        let s = s.strip_prefix(BOM).expect("BOM");
        let mut records = Vec::new();
        let mut record = Vec::new();
        let mut cell = String::new();
        let mut chars = s.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => cell.push(c),
                (false, '"') if cell.is_empty() => quoted = true,
                (false, ',') => record.push(std::mem::take(&mut cell)),
                (false, '\r') => {
                    assert_eq!(chars.next(), Some('\n'), "bare CR outside quotes");
                    record.push(std::mem::take(&mut cell));
                    records.push(std::mem::take(&mut record));
                }
                (false, '\n') => panic!("bare LF outside quotes"),
                (false, c) => cell.push(c),
            }
        }
        assert!(
            cell.is_empty() && record.is_empty(),
            "last record must end with CRLF"
        );
        records
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let out = csv(
            &["a", "b"],
            &[
                vec!["x,y".into(), "say \"hi\"".into()],
                vec!["line1\nline2".into(), "cr\rhere".into()],
            ],
        );
        assert!(out.starts_with('\u{feff}'));
        assert_eq!(
            out,
            "\u{feff}a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n\"line1\nline2\",\"cr\rhere\"\r\n"
        );
        assert_eq!(
            parse_csv(&out),
            vec![
                vec!["a", "b"],
                vec!["x,y", "say \"hi\""],
                vec!["line1\nline2", "cr\rhere"]
            ]
        );
        // Plain text stays unquoted, Chinese included.
        assert_eq!(
            csv(&["标题"], &[vec!["远程虚拟窗口".into()]]),
            "\u{feff}标题\r\n远程虚拟窗口\r\n"
        );
    }

    #[test]
    fn csv_defuses_formulas_but_not_negative_numbers() {
        let cells = [
            "=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "-12", "-3.5", "12", "a=b", "-", "-1.",
            "=a,b",
        ];
        let out = csv(
            &["h"],
            &cells
                .iter()
                .map(|c| vec![c.to_string()])
                .collect::<Vec<_>>(),
        );
        let back: Vec<String> = parse_csv(&out)
            .into_iter()
            .skip(1)
            .map(|mut r| r.remove(0))
            .collect();
        assert_eq!(
            back,
            vec![
                "'=1+1",
                "'+SUM(A1)",
                "'-2+3",
                "'@cmd",
                "'\tx",
                "-12",
                "-3.5",
                "12",
                "a=b",
                "'-",
                "'-1.",
                "'=a,b"
            ]
        );
    }

    #[test]
    fn series_rows_keep_the_quote_and_source() {
        let (idx, a, b, c) = three_years();
        let s = metric_series(
            &idx,
            &[(2024, &a), (2025, &b), (2026, &c)],
            "remote-windows",
        );
        let t = series_rows(&s, Lang::En);
        assert_eq!(t.headers[10], "source text");
        assert_eq!(t.headers[11], "source id");
        assert_eq!(t.rows.len(), 4);
        let r = &t.rows[3];
        assert_eq!(r[0], "2026");
        assert_eq!(r[1], "target");
        assert_eq!(
            (r[2].as_str(), r[3].as_str(), r[4].as_str()),
            ("level", "more_than", "650")
        );
        assert_eq!(r[6], "more than 650 windows");
        assert_eq!(
            (r[9].as_str(), r[10].as_str(), r[11].as_str()),
            ("2026-01", "超650个", "src-a")
        );
        assert_eq!(t.rows[2][9], "", "a year-level figure has no item");
        let back = parse_csv(&series_csv(&s, Lang::Zh));
        assert_eq!(back[0][0], "年度");
        assert_eq!(back[4][6], "超 650 个");
        assert_eq!(back.len(), 5);
    }

    #[test]
    fn matrix_rows_have_a_column_per_year_and_flag_partial_lists() {
        let (idx, a, b, c) = three_years();
        let m = theme_matrix(&idx, &[(2024, &a), (2025, &b), (2026, &c)]);
        let t = matrix_rows(&m, Lang::En);
        assert_eq!(
            t.headers,
            vec!["theme", "2024 (3/10)", "2025 (3/10)", "2026 (3/10)"]
        );
        let gov = t
            .rows
            .iter()
            .find(|r| r[0] == "Theme gov-services")
            .unwrap();
        assert_eq!(gov[1], "2024-01 远程虚拟窗口 (en)\n2024-02 跨省通办 (en)");
        assert!(t.rows.iter().all(|r| r.len() == 4));
        assert_eq!(parse_csv(&matrix_csv(&m, Lang::Zh))[0][0], "主题");
    }

    #[test]
    fn items_rows_carry_titles_numbers_and_sources() {
        let (idx, a, _, _) = three_years();
        let refs: Vec<ItemRef> = a
            .items
            .iter()
            .map(|item| ItemRef { year: 2024, item })
            .collect();
        let t = items_rows(&refs, &idx, Lang::Zh);
        assert_eq!(t.headers.len(), t.rows[0].len());
        let r = &t.rows[0];
        assert_eq!(
            (r[0].as_str(), r[1].as_str(), r[2].as_str(), r[3].as_str()),
            ("2024-01", "2024", "1", "远程虚拟窗口")
        );
        assert_eq!(r[6], "主题gov-services");
        assert_eq!(r[9], "至少 200 个");
        assert_eq!(r[10], "200个以上");
        assert_eq!(r[11], "515 个");
        assert_eq!(r[14], "src-a");
        let back = parse_csv(&items_csv(&refs, &idx, Lang::En));
        assert_eq!(back.len(), 4);
        assert_eq!(back[0][0], "id");
    }

    proptest::proptest! {
        #[test]
        fn any_cells_read_back_as_written(
            rows in proptest::collection::vec(proptest::collection::vec("[a-z0-9 ,\"\r\n=+@\t'-]{0,8}|.{0,6}", 3), 0..6)
        ) {
            let out = csv(&["a", "b", "c"], &rows);
            let back = parse_csv(&out);
            proptest::prop_assert_eq!(back.len(), rows.len() + 1);
            for (got, want) in back.iter().skip(1).zip(&rows) {
                for (g, w) in got.iter().zip(want) {
                    // Defused cells gain exactly one leading apostrophe.
                    let expected = if g.len() == w.len() + 1 { format!("'{w}") } else { w.clone() };
                    proptest::prop_assert_eq!(g, &expected);
                }
            }
        }
    }

    #[test]
    fn series_json_round_trips_the_facts() {
        let (idx, a, b, c) = three_years();
        let s = metric_series(
            &idx,
            &[(2024, &a), (2025, &b), (2026, &c)],
            "remote-windows",
        );
        let v: serde_json::Value = serde_json::from_str(&series_json(&s)).unwrap();
        assert_eq!(v["metric"], "remote-windows");
        assert_eq!(v["points"][1]["value"], 515.0);
        assert_eq!(v["points"][3]["cmp"], "more_than");
        assert_eq!(v["points"][3]["quote"], "超650个");
        assert_eq!(v["points"][2]["item"], serde_json::Value::Null);
    }
}
