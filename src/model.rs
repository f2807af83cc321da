//! The data model: the types behind `public/data/index.json` and the
//! per-year files. `DATA.md` describes the same format for people; serde
//! reads it (`load`) and writes it back out (the JSON exports).
//!
//! Forward compatibility is built into the types rather than bolted on:
//! unknown fields are ignored, a field that may be absent may also be
//! `null`, and closed vocabularies (status, comparison, scope, kind) carry
//! an `Other` variant so a newer data file with a new value degrades to
//! "other" instead of failing the whole year.

use serde::{Deserialize, Deserializer, Serialize};

/// A field that may be absent or `null` and then takes its default: serde's
/// `default` alone refuses an explicit `null`.
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(d: D) -> Result<T, D::Error> {
    Option::<T>::deserialize(d).map(Option::unwrap_or_default)
}

/// The schema version this build understands. A data file with a larger
/// number was written for a newer app: the UI asks the reader to reload.
pub const SCHEMA_VERSION: u32 = 1;

/// A text in both languages. Chinese is the original and always present;
/// English is our translation and may be missing (the UI then shows the
/// Chinese, marked as such).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub zh: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    pub fn new(zh: &str, en: &str) -> Self {
        Text {
            zh: zh.to_string(),
            en: Some(en.to_string()),
        }
    }

    /// The text in `lang`, and whether it had to fall back to Chinese.
    pub fn get(&self, lang: Lang) -> (&str, bool) {
        match lang {
            Lang::Zh => (&self.zh, false),
            Lang::En => match self.en.as_deref() {
                Some(en) if !en.trim().is_empty() => (en, false),
                _ => (&self.zh, true),
            },
        }
    }

    pub fn in_lang(&self, lang: Lang) -> &str {
        self.get(lang).0
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The other of the two languages.
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The language as `<html lang>` names it: Chinese in simplified script.
    pub fn html_code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

/// `index.json`: what exists, and the shared vocabularies.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Index {
    pub schema: u32,
    /// Bumped whenever any data file changes; shown as "data as of".
    pub data_version: String,
    /// ISO date of the last data change.
    pub updated: String,
    pub default_year: u16,
    pub years: Vec<YearEntry>,
    #[serde(default, deserialize_with = "nullable")]
    pub themes: Vec<Vocab>,
    #[serde(default, deserialize_with = "nullable")]
    pub leads: Vec<Vocab>,
    #[serde(default, deserialize_with = "nullable")]
    pub metrics: Vec<MetricDef>,
    #[serde(default, deserialize_with = "nullable")]
    pub sources: Vec<Source>,
}

impl Index {
    /// Every year it lists, newest first.
    pub fn listed_years(&self) -> Vec<u16> {
        newest_first(&self.years.iter().map(|y| y.year).collect::<Vec<_>>())
    }

    /// Whether `year` is over: a later year's list is in the index
    /// (`DESIGN.md`, "Data rules"). The index decides, never the calendar,
    /// so the same data reads the same whenever it is built or opened.
    pub fn is_over(&self, year: u16) -> bool {
        self.years.iter().any(|y| y.year > year)
    }
}

/// `years` newest first, each once: the order of every list of years the
/// app shows or fetches.
pub fn newest_first(years: &[u16]) -> Vec<u16> {
    let mut ys = years.to_vec();
    ys.sort_unstable();
    ys.reverse();
    ys.dedup();
    ys
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct YearEntry {
    pub year: u16,
    /// Path relative to `index.json`.
    pub file: String,
    /// How many items the published list had (10 every year so far).
    pub items_published: u32,
    /// How many of them the sources let us describe.
    pub items_in_data: u32,
}

/// A key with its names, for themes and lead agencies.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vocab {
    pub key: String,
    pub name: Text,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetricDef {
    pub key: String,
    pub name: Text,
    /// The unit as written after the number (个, 项, 类…).
    pub unit: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

/// A publication a fact was read from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub id: String,
    /// The headline as printed.
    pub headline: String,
    /// Who published it, as far as the source itself says.
    pub publication: Text,
    /// ISO date, or a year when only the year is known; `""` when the
    /// source is undated and not even its year is known (shown as such).
    pub date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Slug of the archived text of this source: `sources/<archive>.txt` in
    /// the repository (`crate::archive`), which the quote checks read.
    pub archive: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// One `YYYY.json` file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct YearData {
    pub schema: u32,
    pub year: u16,
    /// The list's name as published, e.g. 2026年度长三角一体化发展实事清单.
    pub list_title: Text,
    pub items_published: u32,
    /// Why the data has fewer items than the published list, where it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completeness_note: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forum: Option<Forum>,
    /// A statement about the whole year's outcome (e.g. all ten completed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Quoted>,
    /// Dated progress reports about the year as a whole, verbatim.
    #[serde(default, deserialize_with = "nullable")]
    pub progress: Vec<Progress>,
    pub items: Vec<Item>,
    /// Numbers the sources give for the year but do not tie to one item.
    #[serde(default, deserialize_with = "nullable")]
    pub figures: Vec<Figure>,
    /// Statistics by area (数说…), as tiles.
    #[serde(default, deserialize_with = "nullable")]
    pub stats: Vec<StatArea>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub best_practices: Option<NamedList>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cooperation: Option<NamedList>,
}

impl YearData {
    /// Sets every item's status to the one a reader sees (`Status::seen`)
    /// under `index`. `load::Dataset::put` does this to every year it
    /// holds, so every view, filter, search, export and summary reads the
    /// same status: nothing else calls it.
    pub(crate) fn derive_statuses(&mut self, index: &Index) {
        let over = index.is_over(self.year);
        for item in &mut self.items {
            item.status = item.status.seen(over);
        }
    }

    /// Every figure of the year, with where it sits (the item's id, the
    /// field as the file names it): item targets and outcomes, year-level
    /// figures, and the figures of statistics tiles.
    pub fn figures<'a>(&'a self) -> Vec<Placed<'a, &'a Figure>> {
        let mut out = Vec::new();
        let mut push = |item: Option<&'a str>, field: String, f: &'a Figure| {
            out.push(Placed {
                item,
                field,
                value: f,
            })
        };
        for item in &self.items {
            let id = Some(item.id.as_str());
            for (i, f) in item.targets.iter().enumerate() {
                push(id, format!("targets[{i}]"), f);
            }
            for (i, f) in item.outcomes.iter().enumerate() {
                push(id, format!("outcomes[{i}]"), f);
            }
        }
        for (i, f) in self.figures.iter().enumerate() {
            push(None, format!("figures[{i}]"), f);
        }
        for (a, area) in self.stats.iter().enumerate() {
            for (s, fact) in area.facts.iter().enumerate() {
                for (i, f) in fact.figures.iter().enumerate() {
                    push(None, format!("stats[{a}].facts[{s}].figures[{i}]"), f);
                }
            }
        }
        out
    }

    /// Every verbatim quote of the year with the id of the source it names,
    /// `(quote, source)`, placed as `figures` places figures (the field
    /// ends in `.quote`).
    pub fn quotes<'a>(&'a self) -> Vec<Placed<'a, (&'a str, &'a str)>> {
        let mut out: Vec<Placed<'a, (&'a str, &'a str)>> = self
            .figures()
            .into_iter()
            .map(|p| Placed {
                item: p.item,
                field: format!("{}.quote", p.field),
                value: (p.value.quote.as_str(), p.value.source.as_str()),
            })
            .collect();
        let mut push = |item: Option<&'a str>, field: String, quote: &'a str, source: &'a str| {
            out.push(Placed {
                item,
                field,
                value: (quote, source),
            })
        };
        if let Some(f) = &self.forum {
            push(None, "forum.quote".into(), &f.quote, &f.source);
        }
        if let Some(q) = &self.outcome {
            push(None, "outcome.quote".into(), &q.quote, &q.source);
        }
        for (i, p) in self.progress.iter().enumerate() {
            push(None, format!("progress[{i}].quote"), &p.quote, &p.source);
        }
        for (name, list) in [
            ("best_practices", &self.best_practices),
            ("cooperation", &self.cooperation),
        ] {
            if let Some(list) = list {
                push(None, format!("{name}.quote"), &list.quote, &list.source);
                for (i, q) in list.named.iter().enumerate() {
                    push(
                        None,
                        format!("{name}.named[{i}].quote"),
                        &q.quote,
                        &q.source,
                    );
                }
            }
        }
        for (a, area) in self.stats.iter().enumerate() {
            for (s, fact) in area.facts.iter().enumerate() {
                push(
                    None,
                    format!("stats[{a}].facts[{s}].quote"),
                    &fact.quote,
                    &fact.source,
                );
            }
        }
        for item in &self.items {
            let id = Some(item.id.as_str());
            if let Some(q) = &item.status_quote {
                push(id, "status_quote.quote".into(), &q.quote, &q.source);
            }
            for (i, p) in item.progress.iter().enumerate() {
                push(id, format!("progress[{i}].quote"), &p.quote, &p.source);
            }
        }
        out
    }
}

/// A value found in a year's data, with where it sits: the item's id (none
/// for the year's own fields) and the field's path as the file names it
/// (`targets[0]`, `stats[1].facts[0].quote`).
#[derive(Clone, Debug, PartialEq)]
pub struct Placed<'a, T> {
    pub item: Option<&'a str>,
    pub field: String,
    pub value: T,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Forum {
    /// 第N届
    pub edition: u32,
    pub name: Text,
    pub city: Text,
    /// ISO date where a source gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub quote: String,
    pub source: String,
}

/// A claim with the sentence it was read from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Quoted {
    pub text: Text,
    pub quote: String,
    pub source: String,
}

/// Official progress wording, kept verbatim next to (never instead of) the
/// normalised status.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// ISO date of the report where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The wording as the source puts it, e.g. 基本达到预期.
    pub wording: Text,
    pub quote: String,
    pub source: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NamedList {
    /// How many the source says there are.
    pub total: u32,
    /// The ones it names (may be fewer than `total`).
    pub named: Vec<Quoted>,
    pub quote: String,
    pub source: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StatArea {
    pub key: String,
    pub name: Text,
    /// The area's headline as printed (e.g. 互联互通便利).
    pub headline: Text,
    pub facts: Vec<StatFact>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StatFact {
    pub text: Text,
    #[serde(default, deserialize_with = "nullable")]
    pub figures: Vec<Figure>,
    pub quote: String,
    pub source: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Announced; no outcome reported in the sources.
    #[default]
    Pledged,
    /// A source says it was delivered.
    Completed,
    /// The year is over and no source reports an outcome.
    Unreported,
    /// A status this build does not know (newer data).
    #[serde(other)]
    Other,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Pledged, Status::Completed, Status::Unreported];

    pub fn key(self) -> &'static str {
        match self {
            Status::Pledged => "pledged",
            Status::Completed => "completed",
            Status::Unreported => "unreported",
            Status::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The status a reader sees, from the one the data stores (what the
    /// sources say: `pledged`, or `completed` with its sentence) and whether
    /// the item's year is over (`Index::is_over`): an item of a year that
    /// is over with no reported outcome is `unreported`. A source's claim
    /// (`completed`) and a word this build does not know stay as they are.
    pub fn seen(self, year_over: bool) -> Status {
        match self {
            Status::Pledged | Status::Unreported if year_over => Status::Unreported,
            // Only the index can say a year is over: a file that says so
            // of a year it does not know to be over is read as pledged.
            Status::Unreported => Status::Pledged,
            other => other,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// `YYYY-NN` with the number in the published list, or `YYYY-xN` when
    /// the sources name the item but not its place in the list.
    pub id: String,
    /// Place in the published list; `None` when the sources do not give it.
    pub number: Option<u32>,
    pub title: Text,
    /// The lead units as printed (牵头实施单位), when a source gives them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead_text: Option<Text>,
    /// Keys into `Index::leads`.
    #[serde(default, deserialize_with = "nullable")]
    pub leads: Vec<String>,
    /// The content and targets (内容及目标), when a source gives them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<Text>,
    /// Keys into `Index::themes`.
    #[serde(default, deserialize_with = "nullable")]
    pub themes: Vec<String>,
    pub status: Status,
    /// The sentence that supports a `completed` status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_quote: Option<Quoted>,
    #[serde(default, deserialize_with = "nullable")]
    pub progress: Vec<Progress>,
    #[serde(default, deserialize_with = "nullable")]
    pub targets: Vec<Figure>,
    #[serde(default, deserialize_with = "nullable")]
    pub outcomes: Vec<Figure>,
    /// The earlier items this one continues, each with its reason
    /// (curated, never guessed: DATA.md, "Links between years").
    #[serde(default, deserialize_with = "nullable")]
    pub continues: Vec<Link>,
    /// Source ids that mention the item.
    pub sources: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

impl Item {
    /// Whether this item continues item `id` (one of its curated links).
    pub fn continues_item(&self, id: &str) -> bool {
        self.continues.iter().any(|l| l.item == id)
    }

    /// The ids of the earlier items this one continues, in the data's order.
    pub fn continued_ids(&self) -> impl Iterator<Item = &str> {
        self.continues.iter().map(|l| l.item.as_str())
    }
}

/// A curated link from an item to an earlier one it continues, with the
/// reason it was made: the words of a source, or of the two items' titles
/// and content, that tie them (quoted in 「」; DATA.md, "Links between years").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The earlier item's id.
    pub item: String,
    /// Why the later item continues it, in both languages.
    pub reason: Text,
}

/// Links to `ids` with a placeholder reason, for the tests' hand-built items.
#[cfg(test)]
pub(crate) fn links_to(ids: &[&str]) -> Vec<Link> {
    ids.iter()
        .map(|id| Link {
            item: id.to_string(),
            reason: Text::new("理由", "reason"),
        })
        .collect()
}

/// How a number relates to its value: 超/突破 (more than), 不少于/至少/以上
/// (at least), 之内/不超过 (at most), plain (exactly), 余 (approximately,
/// "and more").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cmp {
    #[default]
    Exactly,
    AtLeast,
    MoreThan,
    AtMost,
    About,
    #[serde(other)]
    Other,
}

/// Whether a number counts what is added in the year or the running total.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Added in the year (新增, 新推出, 新建).
    New,
    /// Running total (累计, 达到).
    Cumulative,
    /// A level, share or count not described as either.
    #[default]
    Level,
    #[serde(other)]
    Other,
}

/// Target (promised) or outcome (reported).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    #[default]
    Target,
    Outcome,
    #[serde(other)]
    Other,
}

/// One number, structured, with the verbatim sentence it comes from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// Key into `Index::metrics` when the number belongs to a series.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    /// What is counted, in both languages.
    pub label: Text,
    pub value: f64,
    /// The number exactly as printed in the quote (e.g. "1.3万", "650").
    pub value_text: String,
    #[serde(default, deserialize_with = "nullable")]
    pub cmp: Cmp,
    #[serde(default, deserialize_with = "nullable")]
    pub scope: Scope,
    #[serde(default, deserialize_with = "nullable")]
    pub kind: FigureKind,
    pub unit: Text,
    /// For "from A to B" (由78项拓展至113项): the stated starting level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_value: Option<f64>,
    pub quote: String,
    pub source: String,
    /// `stated` when the source ties the number to this item; `by-subject`
    /// when no source ties it to the item but DATA.md's attribution rule
    /// puts it there (see `note`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// On an item's outcome: the target of the same item it reports on,
    /// with the reason (curated, never guessed: DATA.md, "Outcomes against
    /// targets"). The standing itself is computed (`standing`), never stored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answers: Option<Answer>,
}

/// A curated pairing of an outcome with the target it answers: the words
/// of the sources that tie the two (quoted in 「」, as a `Link`'s reason).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// The target's place in the same item's `targets` (from 0), as the
    /// data's paths name it (`targets[0]`).
    pub target: u32,
    /// Why this outcome reports on that target, in both languages.
    pub reason: Text,
}

/// An item together with the year it belongs to: what views work with.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemRef<'a> {
    pub year: u16,
    pub item: &'a Item,
}

/// Splits an item id into its year and the part after the dash, checking
/// the form `YYYY-NN` or `YYYY-xN`.
pub fn parse_item_id(id: &str) -> Option<(u16, &str)> {
    let (year, rest) = id.split_once('-')?;
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let ok = match rest.as_bytes() {
        [b'x', digits @ ..] => !digits.is_empty() && digits.iter().all(u8::is_ascii_digit),
        [a, b] => a.is_ascii_digit() && b.is_ascii_digit(),
        _ => false,
    };
    if !ok {
        return None;
    }
    Some((year.parse().ok()?, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn years_sort_as_the_standard_sort_does(ys in proptest::collection::vec(proptest::num::u16::ANY, 0..40)) {
            let mut ours = ys.clone();
            ours.sort_unstable();
            let mut std = ys.clone();
            std.sort_unstable();
            proptest::prop_assert_eq!(&ours, &std);
            let mut newest = std.clone();
            newest.reverse();
            newest.dedup();
            proptest::prop_assert_eq!(newest_first(&ys), newest);
        }
    }

    #[test]
    fn item_ids_have_the_published_form() {
        assert_eq!(parse_item_id("2026-01"), Some((2026, "01")));
        assert_eq!(parse_item_id("2024-x3"), Some((2024, "x3")));
        for bad in [
            "2026-1", "2026-001", "26-01", "2026_01", "2026-", "x-01", "2026-x", "2026-ab",
        ] {
            assert_eq!(parse_item_id(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_year_is_over_once_a_later_list_is_in_the_index() {
        let entry = |year| YearEntry {
            year,
            file: format!("{year}.json"),
            items_published: 10,
            items_in_data: 1,
        };
        let mut index = Index {
            years: vec![entry(2025), entry(2024)],
            ..Index::default()
        };
        let item = |id: &str, status| Item {
            id: id.into(),
            status,
            ..Item::default()
        };
        let year = |y: u16, statuses: &[Status]| YearData {
            year: y,
            items: statuses
                .iter()
                .enumerate()
                .map(|(n, s)| item(&format!("{y}-0{}", n + 1), *s))
                .collect(),
            ..YearData::default()
        };
        let seen = |index: &Index, mut y: YearData| {
            y.derive_statuses(index);
            y.items.iter().map(|i| i.status).collect::<Vec<_>>()
        };
        let all = [
            Status::Pledged,
            Status::Completed,
            Status::Unreported,
            Status::Other,
        ];
        // The newest listed year stays as its sources say; a stored
        // "unreported" cannot make it over.
        assert!(!index.is_over(2025));
        assert_eq!(
            seen(&index, year(2025, &all)),
            [
                Status::Pledged,
                Status::Completed,
                Status::Pledged,
                Status::Other
            ]
        );
        // An earlier year: no outcome reported → unreported; completed stays.
        assert!(index.is_over(2024));
        assert_eq!(
            seen(&index, year(2024, &all)),
            [
                Status::Unreported,
                Status::Completed,
                Status::Unreported,
                Status::Other
            ]
        );
        // Adding next year's list to the index is all it takes.
        index.years.insert(0, entry(2026));
        assert_eq!(
            seen(&index, year(2025, &[Status::Pledged])),
            [Status::Unreported]
        );
        assert!(!index.is_over(2026));
    }

    #[test]
    fn english_falls_back_to_chinese_and_says_so() {
        let t = Text {
            zh: "医保".into(),
            en: None,
        };
        assert_eq!(t.get(Lang::En), ("医保", true));
        assert_eq!(
            Text::new("医保", "Medical insurance").get(Lang::En),
            ("Medical insurance", false)
        );
    }
}
