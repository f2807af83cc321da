//! Filtering, searching and ordering items. Built for a phone re-running the
//! query on every keystroke over up to tens of thousands of items: the text
//! each item is searched by is prepared once (`SearchIndex::new`), so a query
//! is a scan of pre-lowered strings with no allocation per item.

use crate::model::{Item, Status, Vocab, YearData};

/// What the reader asked for. Empty collections mean "no restriction".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub years: Vec<u16>,
    pub themes: Vec<String>,
    pub lead: Option<String>,
    pub status: Option<Status>,
    pub text: String,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.years.is_empty()
            && self.themes.is_empty()
            && self.lead.is_none()
            && self.status.is_none()
            && self.text.trim().is_empty()
    }
}

/// Lower-cases and folds full-width ASCII (Ｗｉｆｉ, １２) to half-width so
/// Chinese input methods and English typing find the same things.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(&mut out, s);
    out
}

fn fold_char(c: char) -> char {
    lower(match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    })
}

/// The lower case of the letters the data and a reader's query can hold:
/// Latin (with the accented letters of Latin-1 and Latin Extended-A, as in
/// pinyin with tone marks), Greek and Cyrillic; other characters as they
/// are. Every change agrees with `char::to_lowercase` (a test checks).
/// Written by hand: std's table of all of Unicode costs the main module
/// more than 2 KB gzip (BENCHMARKS.md, "Size-driven code, re-weighed").
pub fn lower(c: char) -> char {
    let u = c as u32;
    let l = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => u + 32,
        0x391..=0x3A1 | 0x3A3..=0x3AB | 0x410..=0x42F => u + 32,
        0x400..=0x40F => u + 80,
        0x178 => 0xFF,
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 if u.is_multiple_of(2) => u + 1,
        0x139..=0x148 | 0x179..=0x17E if !u.is_multiple_of(2) => u + 1,
        _ => u,
    };
    char::from_u32(l).unwrap_or(c)
}

/// The search terms of a query: whitespace separates terms, all must match.
pub fn terms(text: &str) -> Vec<String> {
    fold(text).split_whitespace().map(str::to_string).collect()
}

/// Where one item sits in the index's years.
#[derive(Clone, Copy, Debug)]
struct Entry {
    year_pos: usize,
    item_pos: usize,
    year: u16,
}

/// One year's items as search reads them: the items in list order, and
/// each item's text folded once. Made when the year arrives
/// (`Dataset::put`) and shared by every index built after, so a year
/// arriving costs its own items and not those of the years already here.
/// The folding waits until a search needs it or the app is idle
/// (`fold_text`): the first screen of a list does not search, and a
/// thousand items' folding was a tenth of opening one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PreparedYear {
    year: u16,
    /// Item positions in list order: by number, unknown numbers last by id.
    order: Vec<usize>,
    /// The names an item's text is also found by.
    leads: Vec<Vocab>,
    themes: Vec<Vocab>,
    /// Per item position, the text it is found by, once folded.
    haystacks: std::sync::OnceLock<Vec<String>>,
}

impl PreparedYear {
    pub fn new(data: &YearData, leads: &[Vocab], themes: &[Vocab]) -> Self {
        let items = &data.items;
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by(|&a, &b| {
            let (ia, ib) = (&items[a], &items[b]);
            ia.number
                .is_none()
                .cmp(&ib.number.is_none())
                .then(ia.number.cmp(&ib.number))
                .then(ia.id.cmp(&ib.id))
        });
        PreparedYear {
            year: data.year,
            order,
            leads: leads.to_vec(),
            themes: themes.to_vec(),
            haystacks: Default::default(),
        }
    }

    /// The folded text of `data`'s items (the year this was made from),
    /// folded now if it has not been.
    pub fn fold_text(&self, data: &YearData) -> &[String] {
        self.haystacks.get_or_init(|| {
            data.items
                .iter()
                .map(|i| haystack(i, &self.leads, &self.themes))
                .collect()
        })
    }

    pub fn is_folded(&self) -> bool {
        self.haystacks.get().is_some()
    }
}

/// The prepared, ordered collection of all loaded items: newest year first,
/// then by list number (items whose number is unknown last, by id).
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    years: Vec<std::sync::Arc<PreparedYear>>,
    entries: Vec<Entry>,
}

/// A hit: positions into the `years` slice the index was built from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub year_pos: usize,
    pub item_pos: usize,
    /// Its place in the index, so a narrower query can re-check just it.
    entry: usize,
}

/// `t` folded (`fold`) onto the end of `out`, without a string of its own.
fn fold_into(out: &mut String, t: &str) {
    // Runs that folding leaves alone (most of a Chinese text) are copied
    // whole: a character at a time was most of preparing a year's index.
    let mut kept = 0;
    for (i, c) in t.char_indices() {
        let f = fold_char(c);
        if f != c {
            out.push_str(&t[kept..i]);
            out.push(f);
            kept = i + c.len_utf8();
        }
    }
    out.push_str(&t[kept..]);
}

fn haystack(item: &Item, leads: &[Vocab], themes: &[Vocab]) -> String {
    let mut s = String::new();
    let mut push = |t: &str| {
        fold_into(&mut s, t);
        s.push('\u{1F}');
    };
    push(&item.id);
    push(&item.title.zh);
    push(item.title.en.as_deref().unwrap_or(""));
    if let Some(c) = &item.content {
        push(&c.zh);
        push(c.en.as_deref().unwrap_or(""));
    }
    if let Some(l) = &item.lead_text {
        push(&l.zh);
        push(l.en.as_deref().unwrap_or(""));
    }
    for key in &item.leads {
        if let Some(v) = leads.iter().find(|v| &v.key == key) {
            push(&v.name.zh);
            push(v.name.en.as_deref().unwrap_or(""));
        }
    }
    for key in &item.themes {
        if let Some(v) = themes.iter().find(|v| &v.key == key) {
            push(&v.name.zh);
            push(v.name.en.as_deref().unwrap_or(""));
        }
    }
    for f in item.targets.iter().chain(&item.outcomes) {
        push(&f.label.zh);
        push(f.label.en.as_deref().unwrap_or(""));
    }
    s
}

impl SearchIndex {
    pub fn new(years: &[YearData], leads: &[Vocab], themes: &[Vocab]) -> Self {
        let prepared: Vec<_> = years
            .iter()
            .map(|y| std::sync::Arc::new(PreparedYear::new(y, leads, themes)))
            .collect();
        let mut newest_first: Vec<usize> = (0..prepared.len()).collect();
        newest_first.sort_unstable_by_key(|&i| std::cmp::Reverse(prepared[i].year));
        Self::in_order(&prepared, newest_first)
    }

    /// The index of years already prepared and held newest first, as
    /// `Dataset` holds them, `prepared[n]` being the preparation of the
    /// `n`th of the years that `run` will be given.
    pub fn from_prepared(prepared: &[std::sync::Arc<PreparedYear>]) -> Self {
        debug_assert!(prepared.windows(2).all(|w| w[0].year > w[1].year));
        Self::in_order(prepared, 0..prepared.len())
    }

    /// Entries year by year in `year_order` (positions in `prepared`),
    /// each year's in its list order.
    fn in_order(
        prepared: &[std::sync::Arc<PreparedYear>],
        year_order: impl IntoIterator<Item = usize>,
    ) -> Self {
        let entries = year_order
            .into_iter()
            .flat_map(|year_pos| {
                let p = &prepared[year_pos];
                p.order.iter().map(move |&item_pos| Entry {
                    year_pos,
                    item_pos,
                    year: p.year,
                })
            })
            .collect();
        SearchIndex {
            years: prepared.to_vec(),
            entries,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Runs the filter. `years` must be the slice the index was built from.
    pub fn run(&self, years: &[YearData], filter: &Filter) -> Vec<Hit> {
        self.hits(years, filter, 0..self.entries.len())
    }

    /// The same as `run(years, filter)`, found among `prev`, the hits of
    /// `prev_filter`, when every hit of `filter` must be one of them: the
    /// other filters unchanged and each earlier search term inside one of
    /// the new ones (typing on). `None` when that does not hold.
    pub fn narrow(
        &self,
        years: &[YearData],
        prev_filter: &Filter,
        prev: &[Hit],
        filter: &Filter,
    ) -> Option<Vec<Hit>> {
        let same_rest = Filter {
            text: String::new(),
            ..prev_filter.clone()
        } == Filter {
            text: String::new(),
            ..filter.clone()
        };
        let new_terms = terms(&filter.text);
        let within = terms(&prev_filter.text)
            .iter()
            .all(|old| new_terms.iter().any(|t| t.contains(old.as_str())));
        (same_rest && within).then(|| self.hits(years, filter, prev.iter().map(|h| h.entry)))
    }

    fn hits(
        &self,
        years: &[YearData],
        filter: &Filter,
        candidates: impl Iterator<Item = usize>,
    ) -> Vec<Hit> {
        let terms = terms(&filter.text);
        let texts: Vec<&[String]> = if terms.is_empty() {
            Vec::new()
        } else {
            self.years
                .iter()
                .zip(years)
                .map(|(p, y)| p.fold_text(y))
                .collect()
        };
        candidates
            .filter_map(|n| self.entries.get(n).map(|e| (n, e)))
            .filter(|(_, e)| filter.years.is_empty() || filter.years.contains(&e.year))
            .filter(|(_, e)| {
                let item = &years[e.year_pos].items[e.item_pos];
                (filter.themes.is_empty() || item.themes.iter().any(|t| filter.themes.contains(t)))
                    && filter.lead.as_ref().is_none_or(|l| item.leads.contains(l))
                    && filter.status.is_none_or(|s| item.status == s)
            })
            .filter(|(_, e)| {
                terms.is_empty() || {
                    let haystack = &texts[e.year_pos][e.item_pos];
                    terms.iter().all(|t| haystack.contains(t.as_str()))
                }
            })
            .map(|(entry, e)| Hit {
                year_pos: e.year_pos,
                item_pos: e.item_pos,
                entry,
            })
            .collect()
    }

    /// How many items the year filter alone allows: the "of N" in "10 of N".
    pub fn total_in_years(&self, years: &[u16]) -> usize {
        self.entries
            .iter()
            .filter(|e| years.is_empty() || years.contains(&e.year))
            .count()
    }
}

/// The last few searches over one index and their hits: typing on narrows
/// the previous result instead of scanning every item, and Backspace
/// returns to a result already found. Keyed by the index's generation, so
/// new data starts afresh.
#[derive(Debug, Default)]
pub struct Recent {
    generation: u64,
    searches: std::collections::VecDeque<(Filter, Vec<Hit>)>,
}

impl Recent {
    const KEEP: usize = 16;

    /// `run(years, filter)` on `index` (of `generation`), from what is kept
    /// where it can be.
    pub fn run(
        &mut self,
        index: &SearchIndex,
        generation: u64,
        years: &[YearData],
        filter: &Filter,
    ) -> Vec<Hit> {
        if generation != self.generation {
            self.searches.clear();
            self.generation = generation;
        }
        if let Some(pos) = self.searches.iter().position(|(f, _)| f == filter) {
            let found = self.searches.remove(pos).expect("a position just found");
            let hits = found.1.clone();
            self.searches.push_back(found);
            return hits;
        }
        let hits = self
            .searches
            .iter()
            .rev()
            .find_map(|(f, prev)| index.narrow(years, f, prev, filter))
            .unwrap_or_else(|| index.run(years, filter));
        if self.searches.len() == Self::KEEP {
            self.searches.pop_front();
        }
        self.searches.push_back((filter.clone(), hits.clone()));
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Text, YearData};

    #[test]
    fn lower_agrees_with_unicode_wherever_it_changes_a_character() {
        let std_lower = |c: char| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(one), None) => Some(one),
                _ => None,
            }
        };
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if lower(c) != c {
                assert_eq!(Some(lower(c)), std_lower(c), "{c} U+{:04X}", c as u32);
            }
        }
        // And it misses no capital of the scripts it covers (İ lower-cases
        // to two characters, and stays).
        let covered = (0x41..0x80)
            .chain(0xC0..0x180)
            .chain(0x391..0x3B0)
            .chain(0x400..0x430);
        for c in covered.filter_map(char::from_u32) {
            if let Some(l) = std_lower(c) {
                assert_eq!(lower(c), l, "{c} U+{:04X}", c as u32);
            }
        }
        assert_eq!(
            fold("ＷｉＦｉ Ärzte ŁÓDŹ ΑΘΗΝΑ МОСКВА 医保"),
            "wifi ärzte łódź αθηνα москва 医保"
        );
    }

    proptest::proptest! {
        // Copying the runs it leaves alone changes nothing it gives.
        #[test]
        fn fold_is_each_character_folded(s in "(.|[A-ZＡ-Ｚ０-９ÀÁ　]|医保){0,40}") {
            proptest::prop_assert_eq!(fold(&s), s.chars().map(fold_char).collect::<String>());
        }
    }

    fn item(
        id: &str,
        number: Option<u32>,
        zh: &str,
        en: &str,
        themes: &[&str],
        leads: &[&str],
    ) -> Item {
        Item {
            id: id.into(),
            number,
            title: Text::new(zh, en),
            leads: leads.iter().map(|s| s.to_string()).collect(),
            themes: themes.iter().map(|s| s.to_string()).collect(),
            status: Status::Pledged,
            sources: vec!["s".into()],
            ..Item::default()
        }
    }

    fn year(y: u16, items: Vec<Item>) -> YearData {
        YearData {
            schema: 1,
            year: y,
            list_title: Text::new("清单", "List"),
            items_published: 10,
            items,
            ..YearData::default()
        }
    }

    fn data() -> Vec<YearData> {
        let mut done = item(
            "2024-x1",
            None,
            "医保跨省结算提质扩面",
            "Medical insurance settlement",
            &["health"],
            &[],
        );
        done.status = Status::Completed;
        vec![
            year(2024, vec![done]),
            year(
                2026,
                vec![
                    item(
                        "2026-02",
                        Some(2),
                        "共推检查检验结果互认",
                        "Mutual recognition of tests",
                        &["health"],
                        &["health-commissions"],
                    ),
                    item(
                        "2026-01",
                        Some(1),
                        "打造跨省通办最佳体验地",
                        "Cross-province services",
                        &["gov-services"],
                        &["gov-services-depts"],
                    ),
                ],
            ),
        ]
    }

    fn ids(years: &[YearData], hits: &[Hit]) -> Vec<String> {
        hits.iter()
            .map(|h| years[h.year_pos].items[h.item_pos].id.clone())
            .collect()
    }

    #[test]
    fn newest_year_first_then_list_order() {
        let d = data();
        let idx = SearchIndex::new(&d, &[], &[]);
        assert_eq!(
            ids(&d, &idx.run(&d, &Filter::default())),
            ["2026-01", "2026-02", "2024-x1"]
        );
    }

    #[test]
    fn filters_combine() {
        let d = data();
        let idx = SearchIndex::new(&d, &[], &[]);
        let f = Filter {
            themes: vec!["health".into()],
            ..Default::default()
        };
        assert_eq!(ids(&d, &idx.run(&d, &f)), ["2026-02", "2024-x1"]);
        let f = Filter {
            themes: vec!["health".into()],
            years: vec![2026],
            ..Default::default()
        };
        assert_eq!(ids(&d, &idx.run(&d, &f)), ["2026-02"]);
        let f = Filter {
            status: Some(Status::Completed),
            ..Default::default()
        };
        assert_eq!(ids(&d, &idx.run(&d, &f)), ["2024-x1"]);
        let f = Filter {
            lead: Some("gov-services-depts".into()),
            ..Default::default()
        };
        assert_eq!(ids(&d, &idx.run(&d, &f)), ["2026-01"]);
        assert_eq!(idx.total_in_years(&[2026]), 2);
    }

    #[test]
    fn search_finds_chinese_and_english_in_any_case_and_width() {
        let d = data();
        let idx = SearchIndex::new(&d, &[], &[]);
        let q = |text: &str| {
            ids(
                &d,
                &idx.run(
                    &d,
                    &Filter {
                        text: text.into(),
                        ..Default::default()
                    },
                ),
            )
        };
        assert_eq!(q("医保"), ["2024-x1"]);
        assert_eq!(q("MUTUAL"), ["2026-02"]);
        assert_eq!(q("ｍｕｔｕａｌ　tests"), ["2026-02"]);
        assert_eq!(q("跨省 体验"), ["2026-01"]);
        assert_eq!(q("跨省"), ["2026-01", "2024-x1"]);
        assert!(q("不存在的词").is_empty());
        assert_eq!(q("   ").len(), 3);
    }

    #[test]
    fn typing_on_narrows_and_backspace_returns() {
        let d = data();
        let idx = SearchIndex::new(&d, &[], &[]);
        let f = |text: &str| Filter {
            text: text.into(),
            ..Filter::default()
        };
        // Only a query that can only lose hits may start from earlier hits.
        let wide = idx.run(&d, &f("跨"));
        assert!(idx.narrow(&d, &f("跨"), &wide, &f("跨省")).is_some());
        assert!(idx.narrow(&d, &f("跨省"), &wide, &f("跨")).is_none());
        let themed = Filter {
            themes: vec!["health".into()],
            ..f("跨省")
        };
        assert!(idx.narrow(&d, &f("跨"), &wide, &themed).is_none());

        let mut recent = Recent::default();
        for text in ["跨", "跨省", "跨省通", "跨省", "跨", "", "cross", "cro"] {
            assert_eq!(
                recent.run(&idx, 1, &d, &f(text)),
                idx.run(&d, &f(text)),
                "{text}"
            );
        }
        // New data (a new generation) is never answered from the old.
        let fewer = vec![d[0].clone()];
        let small = SearchIndex::new(&fewer, &[], &[]);
        assert_eq!(
            recent.run(&small, 2, &fewer, &f("跨")),
            small.run(&fewer, &f("跨"))
        );
    }

    proptest::proptest! {
        /// Whatever the order of searches, the kept results answer exactly
        /// what a fresh scan would.
        #[test]
        fn recent_searches_answer_as_a_fresh_scan_would(
            steps in proptest::collection::vec(
                ("[跨省通办互认医保 acrosmut]{0,5}", proptest::option::of("health|gov-services"), proptest::bool::ANY),
                1..24,
            )
        ) {
            let d = data();
            let idx = SearchIndex::new(&d, &[], &[]);
            let mut recent = Recent::default();
            for (text, theme, completed) in steps {
                let filter = Filter {
                    text,
                    themes: theme.into_iter().collect(),
                    status: completed.then_some(Status::Completed),
                    ..Filter::default()
                };
                proptest::prop_assert_eq!(recent.run(&idx, 7, &d, &filter), idx.run(&d, &filter));
            }
        }
    }
}
