//! The data in `public/data/` against the typed model and against the
//! archived source texts in `sources/`: every file parses, every key is
//! defined, every id is well formed, every quote is verbatim in the archived
//! text of the source it names, every number reads as printed, and no
//! internal label (a file name, a working name) reaches a reader.
//!
//! Each assertion names the file, the item (or `-` for the year) and the
//! field, so a failing run says what to fix.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use yrd_pledges::archive::{self, Archive};
use yrd_pledges::model::*;
use yrd_pledges::validate::squash;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data")
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sources_dir() -> PathBuf {
    root().join("sources")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn index() -> Index {
    let text = read(&data_dir().join("index.json"));
    yrd_pledges::load::parse_index(&text).unwrap_or_else(|e| panic!("index.json: {e}"))
}

/// The year files the index lists, as `(file name, data)`.
fn years() -> Vec<(String, YearData)> {
    index()
        .years
        .iter()
        .map(|e| {
            let text = read(&data_dir().join(&e.file));
            let data: YearData = yrd_pledges::load::parse_year(&text, e.year)
                .unwrap_or_else(|err| panic!("{}: {err}", e.file));
            (e.file.clone(), data)
        })
        .collect()
}

/// A number as printed ("1.3万", "200余", "1.62∶1", "99") as a value.
fn parse_printed(text: &str) -> Option<f64> {
    let t = text.trim();
    let t = t.split(['∶', ':']).next()?;
    let t = t.trim_end_matches(['余', '多', '+', '%', '％']);
    let (digits, factor) = match (t.strip_suffix('万'), t.strip_suffix('亿')) {
        (Some(d), _) => (d, 1e4),
        (_, Some(d)) => (d, 1e8),
        _ => (t, 1.0),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    digits.parse::<f64>().ok().map(|v| v * factor)
}

/// Where something sits: `file: item: field`.
#[derive(Clone, Debug)]
struct At {
    file: String,
    item: Option<String>,
    field: String,
}

impl std::fmt::Display for At {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.file,
            self.item.as_deref().unwrap_or("-"),
            self.field
        )
    }
}

fn at(file: &str, item: Option<&str>, field: String) -> At {
    At {
        file: file.to_string(),
        item: item.map(str::to_string),
        field,
    }
}

/// Every figure of every year (`YearData::figures`), placed in its file.
fn all_figures(years: &[(String, YearData)]) -> Vec<(At, u16, Figure)> {
    years
        .iter()
        .flat_map(|(file, y)| {
            y.figures()
                .into_iter()
                .map(move |p| (at(file, p.item, p.field), y.year, p.value.clone()))
        })
        .collect()
}

/// Every verbatim quote with the source it names (`YearData::quotes`).
fn all_quotes(years: &[(String, YearData)]) -> Vec<(At, String, String)> {
    years
        .iter()
        .flat_map(|(file, y)| {
            y.quotes().into_iter().map(move |p| {
                let (quote, source) = p.value;
                (
                    at(file, p.item, p.field),
                    quote.to_string(),
                    source.to_string(),
                )
            })
        })
        .collect()
}

/// The archived texts under `sources/`, as `(slug, archive)`, by slug.
fn archives() -> Vec<(String, Archive)> {
    let mut out: Vec<(String, Archive)> = std::fs::read_dir(sources_dir())
        .unwrap_or_else(|e| panic!("sources/: {e}"))
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let slug = name
                .strip_suffix(".txt")
                .filter(|s| archive::is_slug(s))
                .unwrap_or_else(|| {
                    panic!("sources/{name}: not <slug>.txt (lowercase words joined by hyphens)")
                })
                .to_string();
            let a = archive::parse(&read(&path)).unwrap_or_else(|e| panic!("sources/{name}: {e}"));
            (slug, a)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The text each source's quotes must come from, by source id: the
/// archived text its `archive` names, whitespace removed. Only the text:
/// neither the header nor a headline that stands in for a missing one.
fn source_texts(index: &Index) -> HashMap<String, String> {
    let archives: HashMap<String, Archive> = archives().into_iter().collect();
    index
        .sources
        .iter()
        .map(|s| {
            let a = archives.get(&s.archive).unwrap_or_else(|| {
                panic!(
                    "index.json: -: sources[{}].archive: no sources/{}.txt",
                    s.id, s.archive
                )
            });
            (s.id.clone(), squash(&a.text))
        })
        .collect()
}

#[test]
fn printed_numbers_read_as_written() {
    assert_eq!(parse_printed("1.3万"), Some(13_000.0));
    assert_eq!(parse_printed("650"), Some(650.0));
    assert_eq!(parse_printed("99%"), Some(99.0));
    assert_eq!(parse_printed("200余"), Some(200.0));
    assert_eq!(parse_printed("1.62∶1"), Some(1.62));
    assert_eq!(parse_printed("75.53万"), Some(755_300.0));
    assert_eq!(parse_printed("万"), None);
    assert_eq!(parse_printed("超200"), None);
}

#[test]
fn every_data_file_parses_and_the_index_matches_the_files() {
    let index = index();
    assert_eq!(index.schema, SCHEMA_VERSION, "index.json: -: schema");
    assert!(
        index.years.iter().any(|e| e.year == index.default_year),
        "index.json: -: default_year {} is not a listed year",
        index.default_year
    );
    // Every year file on disk is listed, and every listed file exists.
    let on_disk: BTreeSet<String> = std::fs::read_dir(data_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") && n != "index.json")
        .collect();
    let listed: BTreeSet<String> = index.years.iter().map(|e| e.file.clone()).collect();
    assert_eq!(on_disk, listed, "index.json: -: years: files on disk");
    let mut seen = HashSet::new();
    for (entry, (file, y)) in index.years.iter().zip(years()) {
        assert!(
            seen.insert(entry.year),
            "index.json: -: years: {} twice",
            entry.year
        );
        assert_eq!(
            file,
            format!("{}.json", entry.year),
            "index.json: -: years[{}].file",
            entry.year
        );
        assert_eq!(y.schema, SCHEMA_VERSION, "{file}: -: schema");
        assert_eq!(y.year, entry.year, "{file}: -: year");
        assert_eq!(
            y.items_published, entry.items_published,
            "{file}: -: items_published differs from index.json"
        );
        assert_eq!(
            entry.items_in_data as usize,
            y.items.len(),
            "index.json: -: years[{}].items_in_data vs the items in {file}",
            entry.year
        );
        assert!(!y.list_title.zh.is_empty(), "{file}: -: list_title");
        if (y.items.len() as u32) < y.items_published {
            assert!(
                y.completeness_note.is_some(),
                "{file}: -: completeness_note: fewer items than published but no note"
            );
        }
    }
}

/// Keys given twice in one object. The app's reader keeps
/// the last (`src/decode.rs`), so an editor's copy-paste slip would
/// silently drop a value; here it fails instead.
fn duplicate_keys(text: &str) -> Vec<String> {
    use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
    use std::cell::RefCell;

    thread_local!(static FOUND: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) });
    struct Walk;
    impl<'de> Deserialize<'de> for Walk {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(Walk)
        }
    }
    impl<'de> Visitor<'de> for Walk {
        type Value = Walk;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("any JSON")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Walk, A::Error> {
            let mut seen = HashSet::new();
            while let Some(key) = map.next_key::<String>()? {
                if !seen.insert(key.clone()) {
                    FOUND.with(|f| f.borrow_mut().push(key));
                }
                map.next_value::<Walk>()?;
            }
            Ok(Walk)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Walk, A::Error> {
            while seq.next_element::<Walk>()?.is_some() {}
            Ok(Walk)
        }
        fn visit_bool<E>(self, _: bool) -> Result<Walk, E> {
            Ok(Walk)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Walk, E> {
            Ok(Walk)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Walk, E> {
            Ok(Walk)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Walk, E> {
            Ok(Walk)
        }
        fn visit_str<E>(self, _: &str) -> Result<Walk, E> {
            Ok(Walk)
        }
        fn visit_unit<E>(self) -> Result<Walk, E> {
            Ok(Walk)
        }
    }
    FOUND.with(|f| f.borrow_mut().clear());
    serde_json::from_str::<Walk>(text).expect("JSON");
    FOUND.with(|f| f.borrow().clone())
}

#[test]
fn no_object_in_the_data_gives_a_key_twice() {
    assert_eq!(
        duplicate_keys(r#"{"a":1,"b":{"c":[{"d":1,"d":2}]}}"#),
        ["d"]
    );
    let mut files = vec!["index.json".to_string()];
    files.extend(index().years.iter().map(|e| e.file.clone()));
    for file in files {
        let dups = duplicate_keys(&read(&data_dir().join(&file)));
        assert!(dups.is_empty(), "{file}: keys given twice: {dups:?}");
    }
}

#[test]
fn item_ids_are_unique_well_formed_and_match_year_and_number() {
    let mut all = HashSet::new();
    for (file, y) in years() {
        for item in &y.items {
            let (year, rest) = parse_item_id(&item.id)
                .unwrap_or_else(|| panic!("{file}: {}: id: not YYYY-NN or YYYY-xN", item.id));
            assert_eq!(
                year, y.year,
                "{file}: {}: id: year differs from the file's",
                item.id
            );
            assert!(
                all.insert(item.id.clone()),
                "{file}: {}: id: duplicate",
                item.id
            );
            let expected = rest.parse::<u32>().ok();
            assert_eq!(
                item.number, expected,
                "{file}: {}: number does not match the id",
                item.id
            );
            if let Some(n) = item.number {
                assert!(
                    (1..=y.items_published).contains(&n),
                    "{file}: {}: number {n} outside the published list",
                    item.id
                );
            }
        }
    }
}

/// The spans a link's reason quotes: text between 「 and 」, the one mark
/// a reason quotes with (DATA.md, "Links between years"), since the words
/// it quotes keep their own “” and ''. Unbalanced or nested marks are an
/// error.
fn quoted_spans(reason: &str) -> Result<Vec<&str>, String> {
    let mut out = Vec::new();
    let mut rest = reason;
    while let Some(start) = rest.find('「') {
        let after = &rest[start + '「'.len_utf8()..];
        let end = after
            .find('」')
            .ok_or_else(|| "「 without its 」".to_string())?;
        let span = &after[..end];
        if span.contains('「') {
            return Err(format!("「 inside 「{span}」"));
        }
        out.push(span);
        rest = &after[end + '」'.len_utf8()..];
    }
    if rest.contains('」') {
        return Err("」 without its 「".into());
    }
    Ok(out)
}

#[test]
fn quoted_spans_are_read_between_corner_brackets() {
    assert_eq!(
        quoted_spans("标题「共推医保领域“高效办成一件事”」沿用「高效办成一件事」"),
        Ok(vec!["共推医保领域“高效办成一件事”", "高效办成一件事"])
    );
    assert_eq!(quoted_spans("no quote"), Ok(vec![]));
    assert!(quoted_spans("「open").is_err());
    assert!(quoted_spans("close」").is_err());
    assert!(quoted_spans("「a「b」」").is_err());
}

/// The link rule (DATA.md, "Links between years"): every `continues` link
/// points at an existing item of an earlier year, once, and carries its
/// reason in both languages; the reason names both items by id, quotes in
/// 「」 the words that tie them, each span verbatim (whitespace aside) in
/// the archived text of a source of one of the two items or in one of
/// their titles or contents, and never argues from absence.
#[test]
fn every_link_carries_a_reason_quoting_the_words_that_tie_the_two_items() {
    let texts = source_texts(&index());
    let years = years();
    let items: HashMap<&str, (u16, &Item)> = years
        .iter()
        .flat_map(|(_, y)| y.items.iter().map(move |i| (i.id.as_str(), (y.year, i))))
        .collect();
    let mut links = 0;
    for (file, y) in &years {
        for item in &y.items {
            let mut seen = HashSet::new();
            for (i, link) in item.continues.iter().enumerate() {
                let at = format!("{file}: {}: continues[{i}]", item.id);
                let c = &link.item;
                let earlier = items.get(c.as_str()).filter(|(e, _)| *e < y.year);
                let Some((_, earlier)) = earlier else {
                    panic!("{at}: {c:?} is not an item of an earlier year");
                };
                assert!(seen.insert(c), "{at}: {c:?} linked twice");
                // The words a reason may quote: the two items' sources,
                // titles and contents.
                let words: Vec<String> = [item, *earlier]
                    .into_iter()
                    .flat_map(|it| {
                        let own = [Some(&it.title), it.content.as_ref()]
                            .into_iter()
                            .flatten()
                            .map(|t| squash(&t.zh));
                        it.sources
                            .iter()
                            .filter_map(|s| texts.get(s).cloned())
                            .chain(own)
                    })
                    .collect();
                for (lang, text) in [
                    ("zh", Some(&link.reason.zh)),
                    ("en", link.reason.en.as_ref()),
                ] {
                    let text = text
                        .filter(|t| !t.trim().is_empty())
                        .unwrap_or_else(|| panic!("{at}: reason.{lang}: empty"));
                    let spans = quoted_spans(text)
                        .unwrap_or_else(|e| panic!("{at}: reason.{lang}: {e}: {text:?}"));
                    assert!(
                        !spans.is_empty(),
                        "{at}: reason.{lang}: quotes none of the words that tie the items (in 「」): {text:?}"
                    );
                    for span in spans {
                        let s = squash(span);
                        assert!(
                            !s.is_empty() && words.iter().any(|w| w.contains(&s)),
                            "{at}: reason.{lang}: 「{span}」 is not verbatim in a source of {} or {c}, nor in their titles or contents",
                            item.id
                        );
                    }
                    // Shown on both items' pages, a reason names both.
                    for id in [&item.id, c] {
                        assert!(
                            text.contains(id.as_str()),
                            "{at}: reason.{lang}: does not name {id}, and is shown on both items' pages: {text:?}"
                        );
                    }
                    let lower = text.to_lowercase();
                    assert!(
                        !text.contains("唯一") && !lower.contains("the only"),
                        "{at}: reason.{lang}: argues from absence (\"the only …\"), which an incomplete list cannot support: {text:?}"
                    );
                }
                links += 1;
            }
        }
    }
    assert!(links > 0, "no link in the data: the rule holds nothing");
}

/// The pairing rule (DATA.md, "Outcomes against targets"): an outcome
/// answers a target only where the words of the sources tie them. Every
/// `answers` sits on an item's outcome and points at one of the same
/// item's targets that the core can set it against (`standing`); its
/// reason, in both languages, quotes in 「」 the words that tie them, each
/// span verbatim (whitespace aside) in the archived text of the outcome's
/// or the target's source, at least one from each: the outcome reports
/// in the target's own words.
#[test]
fn every_outcome_paired_with_a_target_carries_a_reason_quoting_both_sources() {
    let texts = source_texts(&index());
    let years = years();
    let mut pairs = 0;
    for (file, y) in &years {
        for (at, f) in y
            .figures
            .iter()
            .enumerate()
            .map(|(i, f)| (format!("{file}: -: figures[{i}]"), f))
            .chain(y.items.iter().flat_map(|item| {
                item.targets
                    .iter()
                    .enumerate()
                    .map(move |(i, f)| (format!("{file}: {}: targets[{i}]", item.id), f))
            }))
        {
            assert!(
                f.answers.is_none(),
                "{at}: answers: only an item's outcome answers a target"
            );
        }
        for item in &y.items {
            for (i, outcome) in item.outcomes.iter().enumerate() {
                let Some(a) = &outcome.answers else { continue };
                let at = format!("{file}: {}: outcomes[{i}].answers", item.id);
                let target = item
                    .targets
                    .get(a.target as usize)
                    .unwrap_or_else(|| panic!("{at}: no targets[{}] on the item", a.target));
                assert!(
                    yrd_pledges::standing::standing(target, outcome).is_some(),
                    "{at}: targets[{}] and this outcome cannot be compared (kind, unit, metric, scope or comparison)",
                    a.target
                );
                let text_of = |source: &str| {
                    texts
                        .get(source)
                        .unwrap_or_else(|| panic!("{at}: unknown source {source:?}"))
                };
                let (of_outcome, of_target) = (text_of(&outcome.source), text_of(&target.source));
                for (lang, text) in [("zh", Some(&a.reason.zh)), ("en", a.reason.en.as_ref())] {
                    let text = text
                        .filter(|t| !t.trim().is_empty())
                        .unwrap_or_else(|| panic!("{at}: reason.{lang}: empty"));
                    let spans = quoted_spans(text)
                        .unwrap_or_else(|e| panic!("{at}: reason.{lang}: {e}: {text:?}"));
                    let (mut in_outcome, mut in_target) = (false, false);
                    for span in spans {
                        let s = squash(span);
                        let (o, t) = (of_outcome.contains(&s), of_target.contains(&s));
                        assert!(
                            !s.is_empty() && (o || t),
                            "{at}: reason.{lang}: 「{span}」 is not verbatim in the source of the outcome or of the target"
                        );
                        in_outcome |= o;
                        in_target |= t;
                    }
                    assert!(
                        in_outcome && in_target,
                        "{at}: reason.{lang}: quotes (in 「」) no words of the {} that tie the two: {text:?}",
                        if in_outcome { "target's source" } else { "outcome's source" }
                    );
                }
                pairs += 1;
            }
        }
    }
    assert!(
        pairs > 0,
        "no outcome paired with a target: the rule holds nothing"
    );
}

#[test]
fn every_key_used_is_defined_in_the_index() {
    let index = index();
    let themes: HashSet<&str> = index.themes.iter().map(|v| v.key.as_str()).collect();
    let leads: HashSet<&str> = index.leads.iter().map(|v| v.key.as_str()).collect();
    let metrics: HashSet<&str> = index.metrics.iter().map(|v| v.key.as_str()).collect();
    let sources: HashSet<&str> = index.sources.iter().map(|v| v.id.as_str()).collect();
    for (kind, keys) in [
        (
            "themes",
            index.themes.iter().map(|v| &v.key).collect::<Vec<_>>(),
        ),
        ("leads", index.leads.iter().map(|v| &v.key).collect()),
        ("metrics", index.metrics.iter().map(|v| &v.key).collect()),
        ("sources", index.sources.iter().map(|v| &v.id).collect()),
    ] {
        let mut seen = HashSet::new();
        for k in keys {
            assert!(seen.insert(k), "index.json: -: {kind}: {k:?} twice");
            assert!(
                !k.is_empty()
                    && k.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "index.json: -: {kind}: {k:?} is not kebab-case"
            );
        }
    }
    let years = years();
    let mut used_themes = HashSet::new();
    let mut used_leads = HashSet::new();
    for (file, y) in &years {
        for item in &y.items {
            assert!(
                (1..=3).contains(&item.themes.len()),
                "{file}: {}: themes: 1 to 3 expected, found {}",
                item.id,
                item.themes.len()
            );
            for t in &item.themes {
                assert!(
                    themes.contains(t.as_str()),
                    "{file}: {}: themes: unknown {t:?}",
                    item.id
                );
                used_themes.insert(t.clone());
            }
            for l in &item.leads {
                assert!(
                    leads.contains(l.as_str()),
                    "{file}: {}: leads: unknown {l:?}",
                    item.id
                );
                used_leads.insert(l.clone());
            }
            assert!(
                !item.sources.is_empty(),
                "{file}: {}: sources: none",
                item.id
            );
            for s in &item.sources {
                assert!(
                    sources.contains(s.as_str()),
                    "{file}: {}: sources: unknown {s:?}",
                    item.id
                );
            }
            // The sources a figure or quote names are among the item's.
            for f in item.targets.iter().chain(&item.outcomes) {
                assert!(
                    item.sources.contains(&f.source),
                    "{file}: {}: sources: lacks {:?}, which a figure names",
                    item.id,
                    f.source
                );
            }
            if let Some(q) = &item.status_quote {
                assert!(
                    item.sources.contains(&q.source),
                    "{file}: {}: sources: lacks {:?}, which its status_quote names",
                    item.id,
                    q.source
                );
            }
            for p in &item.progress {
                assert!(
                    item.sources.contains(&p.source),
                    "{file}: {}: sources: lacks {:?}, which its progress names",
                    item.id,
                    p.source
                );
            }
        }
    }
    for (at, _, f) in all_figures(&years) {
        if let Some(m) = &f.metric {
            assert!(metrics.contains(m.as_str()), "{at}: metric: unknown {m:?}");
        }
    }
    for (at, _, source) in all_quotes(&years) {
        assert!(
            sources.contains(source.as_str()),
            "{at}: source: unknown {source:?}"
        );
    }
    // A vocabulary entry nobody uses is noise in the filters.
    for t in &themes {
        assert!(
            used_themes.contains(*t),
            "index.json: -: themes: {t:?} is used by no item"
        );
    }
    for l in &leads {
        assert!(
            used_leads.contains(*l),
            "index.json: -: leads: {l:?} is used by no item"
        );
    }
}

#[test]
fn sources_name_their_archive_and_a_safe_url() {
    let archives: HashMap<String, Archive> = archives().into_iter().collect();
    for s in &index().sources {
        let a = archives.get(&s.archive).unwrap_or_else(|| {
            panic!(
                "index.json: -: sources[{}].archive: {:?} is not a file sources/<archive>.txt",
                s.id, s.archive
            )
        });
        // The archive's header and the data name the source alike.
        let at = format!("sources/{}.txt vs index.json sources[{}]", s.archive, s.id);
        assert_eq!(a.publication, s.publication.zh, "{at}: publication");
        assert_eq!(a.headline, s.headline, "{at}: headline");
        // An undated source has no date in either place.
        let date = Some(s.date.as_str()).filter(|d| !d.is_empty());
        assert_eq!(a.date.as_deref(), date, "{at}: date");
        assert_eq!(a.author, s.author, "{at}: author");
        assert_eq!(a.url, s.url, "{at}: url");
        if let Some(url) = &s.url {
            assert!(
                url.starts_with("https://"),
                "index.json: -: sources[{}].url: {url}",
                s.id
            );
        }
        let d = s.date.as_bytes();
        let iso = |b: &[u8]| b.iter().all(u8::is_ascii_digit);
        let ok = match d.len() {
            0 => s.note.as_ref().is_some_and(|n| n.zh.contains("未注明日期")),
            4 => iso(d),
            10 => iso(&d[..4]) && d[4] == b'-' && iso(&d[5..7]) && d[7] == b'-' && iso(&d[8..]),
            _ => false,
        };
        assert!(
            ok,
            "index.json: -: sources[{}].date: {:?} is not YYYY or YYYY-MM-DD (or \"\" for an undated source whose note says 未注明日期)",
            s.id, s.date
        );
        assert!(
            !s.headline.trim().is_empty(),
            "index.json: -: sources[{}].headline",
            s.id
        );
    }
}

#[test]
fn every_quote_is_verbatim_in_its_sources_archived_text() {
    let texts = source_texts(&index());
    let years = years();
    let quotes = all_quotes(&years);
    assert!(
        quotes.len() > 50,
        "suspiciously few quotes: {}",
        quotes.len()
    );
    for (at, quote, source) in quotes {
        let q = squash(&quote);
        assert!(!q.is_empty(), "{at}: empty quote");
        let text = texts
            .get(&source)
            .unwrap_or_else(|| panic!("{at}: source: unknown {source:?}"));
        assert!(
            text.contains(&q),
            "{at}: not verbatim in the archived text of source {source:?}: {quote:?}"
        );
    }
}

#[test]
fn titles_lead_units_and_contents_are_verbatim_in_a_source_of_the_item() {
    let texts = source_texts(&index());
    for (file, y) in years() {
        for item in &y.items {
            let fields = [
                ("title.zh", Some(&item.title)),
                ("lead_text.zh", item.lead_text.as_ref()),
                ("content.zh", item.content.as_ref()),
            ];
            for (field, text) in fields {
                let Some(text) = text else { continue };
                let t = squash(&text.zh);
                assert!(
                    item.sources
                        .iter()
                        .any(|s| texts.get(s).is_some_and(|text| text.contains(&t))),
                    "{file}: {}: {field}: not verbatim in any of the item's sources: {:?}",
                    item.id,
                    text.zh
                );
            }
            if !item.leads.is_empty() {
                assert!(
                    item.lead_text.is_some(),
                    "{file}: {}: leads without lead_text",
                    item.id
                );
            }
        }
    }
}

#[test]
fn every_figure_reads_as_printed_in_its_quote() {
    let index = index();
    let years = years();
    let figures = all_figures(&years);
    assert!(
        figures.len() > 40,
        "suspiciously few figures: {}",
        figures.len()
    );
    for (at, _, f) in figures {
        assert!(!f.value_text.is_empty(), "{at}: value_text: empty");
        // As a whole number: "300" is not in "3000".
        let standalone = f.quote.match_indices(f.value_text.as_str()).any(|(i, m)| {
            let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '.');
            !digit(f.quote[..i].chars().next_back())
                && !digit(f.quote[i + m.len()..].chars().next())
        });
        assert!(
            standalone,
            "{at}: value_text {:?} is not a number of its own in its quote {:?}",
            f.value_text, f.quote
        );
        let read = parse_printed(&f.value_text)
            .unwrap_or_else(|| panic!("{at}: value_text {:?} is not a number", f.value_text));
        assert!(
            (read - f.value).abs() <= 1e-9 * f.value.abs().max(1.0),
            "{at}: value {} but value_text {:?} reads {read}",
            f.value,
            f.value_text
        );
        if let Some(from) = f.from_value {
            assert!(
                f.quote.contains(&format!("由{from}")),
                "{at}: from_value {from} is not stated in the quote {:?}",
                f.quote
            );
        }
        assert!(!f.label.zh.is_empty(), "{at}: label.zh: empty");
        if let Some(m) = &f.metric {
            let def = index.metrics.iter().find(|d| &d.key == m).unwrap();
            assert_eq!(
                f.unit.zh, def.unit.zh,
                "{at}: unit differs from metric {m:?}"
            );
        }
        match f.attribution.as_deref() {
            None | Some("stated") => {}
            Some("by-subject") => assert!(
                f.note.is_some(),
                "{at}: attribution by-subject needs a note saying why"
            ),
            Some(other) => panic!("{at}: attribution: unknown {other:?}"),
        }
        // A qualifier this build does not know must be explained.
        for (what, unknown) in [
            ("cmp", f.cmp == Cmp::Other),
            ("scope", f.scope == Scope::Other),
            ("kind", f.kind == FigureKind::Other),
        ] {
            assert!(
                !unknown || f.note.is_some(),
                "{at}: {what}: unknown value without a note"
            );
        }
    }
}

#[test]
fn statuses_are_claims_a_source_makes() {
    // The data stores what the sources say: pledged, or completed with the
    // sentence that says so. "unreported" is the core's to derive.
    for (file, y) in years() {
        for item in &y.items {
            match item.status {
                Status::Completed => assert!(
                    item.status_quote.is_some(),
                    "{file}: {}: status_quote: completed without the sentence that says so",
                    item.id
                ),
                Status::Pledged => assert!(
                    item.status_quote.is_none(),
                    "{file}: {}: status_quote on a pledged item",
                    item.id
                ),
                other => panic!(
                    "{file}: {}: status: {:?} is not stored (pledged or completed; the app derives unreported)",
                    item.id,
                    other.key()
                ),
            }
        }
    }
}

#[test]
fn a_year_is_over_once_a_later_list_is_in_the_index() {
    // The statuses a reader sees, through the loader the app uses.
    let index = index();
    let newest = index.listed_years()[0];
    let mut ds = yrd_pledges::load::Dataset::new(index.clone());
    for (file, y) in years() {
        let stored: Vec<Status> = y.items.iter().map(|i| i.status).collect();
        let year = y.year;
        ds.put(year, Ok(y));
        let seen = &ds.year(year).unwrap().items;
        for (item, stored) in seen.iter().zip(stored) {
            let expected = match stored {
                Status::Completed => Status::Completed,
                _ if year < newest => Status::Unreported,
                _ => Status::Pledged,
            };
            assert_eq!(item.status, expected, "{file}: {}: status as read", item.id);
        }
    }
    // Every year but the newest is over, and nothing else decides it.
    for e in &index.years {
        assert_eq!(index.is_over(e.year), e.year < newest, "{}", e.year);
    }
}

#[test]
fn the_metrics_later_views_rely_on_are_defined_and_used() {
    let index = index();
    let years = years();
    let figures = all_figures(&years);
    for key in [
        "remote-windows",
        "cross-province-services",
        "e-certificates",
        "test-mutual-recognition",
        "one-card-services",
    ] {
        assert!(
            index.metrics.iter().any(|m| m.key == key),
            "index.json: -: metrics: {key:?} missing"
        );
        assert!(
            figures
                .iter()
                .any(|(_, _, f)| f.metric.as_deref() == Some(key)),
            "no figure carries metric {key:?}"
        );
    }
    for m in &index.metrics {
        assert!(
            figures
                .iter()
                .any(|(_, _, f)| f.metric.as_deref() == Some(m.key.as_str())),
            "index.json: -: metrics: {:?} is used by no figure",
            m.key
        );
    }
}

#[test]
fn every_name_and_text_has_english() {
    fn en(at: &str, field: &str, t: &Text) {
        assert!(!t.zh.trim().is_empty(), "{at}: {field}.zh: empty");
        assert!(
            t.en.as_deref().is_some_and(|e| !e.trim().is_empty()),
            "{at}: {field}.en: missing English"
        );
    }
    let index = index();
    for v in index.themes.iter().chain(&index.leads) {
        en("index.json", &v.key, &v.name);
    }
    for m in &index.metrics {
        en("index.json", &m.key, &m.name);
    }
    for s in &index.sources {
        en(
            "index.json",
            &format!("sources[{}].publication", s.id),
            &s.publication,
        );
    }
    let years = years();
    for (file, y) in &years {
        en(file, "list_title", &y.list_title);
        if let Some(f) = &y.forum {
            en(file, "forum.name", &f.name);
            en(file, "forum.city", &f.city);
        }
        for item in &y.items {
            let at = format!("{file}: {}", item.id);
            en(&at, "title", &item.title);
            for (field, t) in [
                ("lead_text", &item.lead_text),
                ("content", &item.content),
                ("note", &item.note),
            ] {
                if let Some(t) = t {
                    en(&at, field, t);
                }
            }
            for p in &item.progress {
                en(&at, "progress.wording", &p.wording);
            }
        }
        for area in &y.stats {
            en(file, &format!("stats[{}].name", area.key), &area.name);
            en(
                file,
                &format!("stats[{}].headline", area.key),
                &area.headline,
            );
            for fact in &area.facts {
                en(file, &format!("stats[{}].facts.text", area.key), &fact.text);
            }
        }
        for list in [&y.best_practices, &y.cooperation].into_iter().flatten() {
            for q in &list.named {
                en(file, "named", &q.text);
            }
        }
    }
    for (at, _, f) in all_figures(&years) {
        en(&at.to_string(), "label", &f.label);
    }
}

#[test]
fn every_archive_is_a_slug_named_file_with_a_readable_header() {
    let archives = archives();
    assert!(
        archives.len() >= 12,
        "suspiciously few archives: {}",
        archives.len()
    );
    for (slug, a) in &archives {
        let at = format!("sources/{slug}.txt");
        assert!(!a.publication.trim().is_empty(), "{at}: publication");
        assert!(!a.headline.trim().is_empty(), "{at}: headline");
        if let Some(url) = &a.url {
            assert!(url.starts_with("https://"), "{at}: url: {url}");
        }
        assert_eq!(
            a.note.is_some(),
            a.note_en.is_some(),
            "{at}: a note in one language only (note, note-en)"
        );
    }
}

/// `S` and a number standing alone, as the working labels of passages
/// were written ("（S2）", "S3、S4").
fn passage_label(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    (0..b.len()).find_map(|i| {
        let end = (i + 1..b.len())
            .find(|&j| !b[j].is_ascii_digit())
            .unwrap_or(b.len());
        let alone = |c: Option<&u8>| c.is_none_or(|c| !c.is_ascii_alphanumeric());
        (b[i] == b'S' && end > i + 1 && alone(i.checked_sub(1).map(|p| &b[p])) && alone(b.get(end)))
            .then(|| &text[i..end])
    })
}

/// Every file under `dir`, recursively, leaving out installed packages and
/// build output (`node_modules/`, `target/`).
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = e.unwrap().path();
        if path.is_dir() {
            if !path.ends_with("node_modules") && !path.ends_with("target") {
                out.extend(files_under(&path));
            }
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn no_internal_label_reaches_a_reader() {
    assert_eq!(passage_label("上观新闻（S2）的"), Some("S2"));
    assert_eq!(passage_label("S3、S4"), Some("S3"));
    assert_eq!(passage_label("VIDEsCPVEKNUr2yc263BKD30250607 S"), None);
    // What is published (public/, the archives, which become pages) and the
    // interface's strings: no working name of a source file, no passage
    // number, no file name of an archive. A slug alone is fine: it is the
    // path of the archive's page.
    let mut forbidden: Vec<String> = ["seed", "种子文件", "secondary-sources", "次级来源"]
        .map(String::from)
        .to_vec();
    forbidden.extend(
        archives()
            .into_iter()
            .map(|(slug, _)| format!("{slug}.txt")),
    );
    let mut files = files_under(&root().join("public"));
    files.extend(files_under(&sources_dir()));
    files.push(root().join("src/i18n.rs"));
    for path in files {
        let name = path.strip_prefix(root()).unwrap().display().to_string();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue; // not text (an icon)
        };
        let lower = text.to_lowercase();
        for word in &forbidden {
            if let Some(i) = lower.find(word.as_str()) {
                let line = lower[..i].lines().count().max(1);
                panic!("{name}:{line}: {word:?} is a label readers do not know; name the source as a reader would (publication, headline, date)");
            }
        }
        if name.starts_with("public/data/") {
            if let Some(label) = passage_label(&text) {
                panic!("{name}: {label:?} is a passage label readers do not know; name the source (publication, date)");
            }
        }
    }
}

#[test]
fn the_project_reads_nothing_beside_it() {
    // A clone of the repository alone builds and passes its tests.
    let needles = [concat!("..", "/shared"), concat!("shared", "/seeds")];
    let mut files = Vec::new();
    for dir in ["src", "tests", "xtask/src", "benches", "e2e", "bench"] {
        if root().join(dir).is_dir() {
            files.extend(files_under(&root().join(dir)));
        }
    }
    files.extend(["Cargo.toml", "Trunk.toml", "index.html"].map(|f| root().join(f)));
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        for needle in needles {
            assert!(
                !text.contains(needle),
                "{}: reaches {needle:?}, outside the repository",
                path.display()
            );
        }
    }
}

/// What the qualifier words call for, each with the word.
type Qualifiers = (Option<(Cmp, &'static str)>, Option<(Scope, &'static str)>);

/// The qualifier words of `quote` around the first place `value_text`
/// stands on its own in it, read within its clause (between `，。；、：…`
/// and line breaks; a clause opening with 其中, "of which", reads on from
/// the one before): what `cmp` and `scope` the words call for, each with
/// the word. `None` where the clause has no such word.
fn qualifier_words(quote: &str, value_text: &str, unit: &str) -> Qualifiers {
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '.');
    let Some(pos) = quote.match_indices(value_text).find_map(|(i, m)| {
        (!digit(quote[..i].chars().next_back()) && !digit(quote[i + m.len()..].chars().next()))
            .then_some(i)
    }) else {
        return (None, None);
    };
    let stop = |c: char| "，,。；;、：:…\n".contains(c);
    let after_stop = |i: usize| i + quote[i..].chars().next().map_or(0, char::len_utf8);
    let mut stop_at = quote[..pos].rfind(stop);
    // 其中: the clause counts part of the one before, in its terms.
    if let Some(i) = stop_at.filter(|&i| quote[after_stop(i)..].starts_with("其中")) {
        stop_at = quote[..i].rfind(stop);
    }
    let start = stop_at.map_or(0, after_stop);
    let end_at = pos + value_text.len();
    let end = quote[end_at..]
        .find(stop)
        .map_or(quote.len(), |i| end_at + i);
    let before = &quote[start..pos];
    // "至少达到400项": the qualifier may stand before the verb of reaching.
    let lead = ["达到", "达"]
        .into_iter()
        .find_map(|v| before.strip_suffix(v))
        .unwrap_or(before);
    let after = &quote[end_at..end];
    let after_unit = after
        .strip_prefix(unit)
        .filter(|_| !unit.is_empty())
        .unwrap_or(after);
    let cmp = [
        ("不超过", Cmp::AtMost),
        ("超过", Cmp::MoreThan),
        ("突破", Cmp::MoreThan),
        ("超", Cmp::MoreThan),
        ("不少于", Cmp::AtLeast),
        ("至少", Cmp::AtLeast),
    ]
    .into_iter()
    .find(|(w, _)| lead.ends_with(w))
    .or_else(|| {
        [
            ("以上", Cmp::AtLeast),
            ("之内", Cmp::AtMost),
            ("以内", Cmp::AtMost),
        ]
        .into_iter()
        .find(|(w, _)| after.starts_with(w) || after_unit.starts_with(w))
    })
    .or_else(|| {
        [("余", Cmp::About), ("多", Cmp::About)]
            .into_iter()
            .find(|(w, _)| value_text.ends_with(w) || after.starts_with(w))
    })
    .map(|(w, c)| (c, w));
    // The scope word nearest before the number in its clause.
    let scope = [
        ("累计", Scope::Cumulative),
        ("新增", Scope::New),
        ("新推出", Scope::New),
        ("新建", Scope::New),
    ]
    .into_iter()
    .filter_map(|(w, s)| before.rfind(w).map(|i| (i, w, s)))
    .max_by_key(|(i, _, _)| *i)
    .map(|(_, w, s)| (s, w));
    (cmp, scope)
}

#[test]
fn qualifier_words_read_as_the_rule_says() {
    let q = |quote, value, unit| qualifier_words(quote, value, unit);
    assert_eq!(
        q("累计全程网办超过1480万件", "1480万", "件"),
        (
            Some((Cmp::MoreThan, "超过")),
            Some((Scope::Cumulative, "累计"))
        )
    );
    assert_eq!(
        q("开通服务点位200个以上", "200", "个"),
        (Some((Cmp::AtLeast, "以上")), None)
    );
    assert_eq!(
        q("新推出100项、累计推出300项高频跨省服务", "100", "项"),
        (None, Some((Scope::New, "新推出")))
    );
    assert_eq!(
        q("新推出100项、累计推出300项高频跨省服务", "300", "项"),
        (None, Some((Scope::Cumulative, "累计")))
    );
    assert_eq!(
        q(
            "累计建成充电桩超540万个，其中公共充电桩75.53万个",
            "75.53万",
            "个"
        ),
        (None, Some((Scope::Cumulative, "累计")))
    );
    assert_eq!(
        q("累计校验281万人次，成功拦截1.5万人次", "1.5万", "人次"),
        (None, None)
    );
    assert_eq!(q("窗口200余个", "200余", "个").0, Some((Cmp::About, "余")));
    assert_eq!(
        q("车桩比力争达到1.9之内", "1.9", "").0,
        Some((Cmp::AtMost, "之内"))
    );
    assert_eq!(q("实现8小时通达", "8", "小时"), (None, None));
    assert_eq!(
        q("互认项目至少达到400项", "400", "项").0,
        Some((Cmp::AtLeast, "至少"))
    );
}

/// DATA.md, "Figures": a figure's `cmp` and `scope` are what the qualifier
/// words of its quote around its number say (超/突破/超过 → more_than;
/// 不少于/至少/以上 → at_least; 余/多 → about; 之内/以内/不超过 → at_most; none →
/// exactly; 累计 → cumulative; 新增/新推出/新建 → new; none → level, or
/// cumulative for a total reached, 达到…/至…). Where a figure departs from
/// its words, its note must explain it, naming the word.
#[test]
fn cmp_and_scope_agree_with_the_qualifier_words_of_the_quote() {
    let years = years();
    let mut wrong = Vec::new();
    for (at, _, f) in all_figures(&years) {
        let (cmp, scope) = qualifier_words(&f.quote, &f.value_text, &f.unit.zh);
        let note = f.note.as_ref().map_or("", |n| n.zh.as_str());
        let explained = |word: &str| !word.is_empty() && note.contains(word);
        let (want_cmp, cmp_word) = cmp.unwrap_or((Cmp::Exactly, ""));
        if f.cmp != want_cmp && !explained(cmp_word) {
            wrong.push(format!(
                "{at}: cmp {:?}, but the words of {:?} around {:?} say {want_cmp:?} ({cmp_word:?})",
                f.cmp, f.quote, f.value_text
            ));
        }
        let scope_ok = match scope {
            Some((s, w)) => f.scope == s || explained(w),
            None => {
                f.scope == Scope::Level
                    || (f.scope == Scope::Cumulative
                        && ["达到", "至", "截至"].iter().any(|w| f.quote.contains(w)))
                    || explained("累计")
                    || explained("新增")
            }
        };
        if !scope_ok {
            wrong.push(format!(
                "{at}: scope {:?}, but the words of {:?} around {:?} say {:?}",
                f.scope, f.quote, f.value_text, scope
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// DATA.md, `forum`: the forum's date is in its quote (M月D日), or the quote
/// says 今天 (today) and the date is its source's.
#[test]
fn a_forums_date_is_in_its_quote_or_is_the_date_of_a_report_that_says_today() {
    let index = index();
    for (file, y) in years() {
        let Some(forum) = &y.forum else { continue };
        let Some(date) = &forum.date else { continue };
        let parts: Vec<u32> = date.split('-').filter_map(|p| p.parse().ok()).collect();
        let written = match parts[..] {
            [_, m, d] => format!("{m}月{d}日"),
            _ => panic!("{file}: -: forum.date: {date:?} is not YYYY-MM-DD"),
        };
        let source_date = index
            .sources
            .iter()
            .find(|s| s.id == forum.source)
            .map(|s| s.date.as_str());
        assert!(
            forum.quote.contains(&written)
                || (forum.quote.contains("今天") && source_date == Some(date.as_str())),
            "{file}: -: forum.date: {date} is neither in the quote {:?} nor the date of its source, which says 今天",
            forum.quote
        );
    }
}

/// Every `{zh, en}` text in a data file, found by walking the JSON.
fn texts_in(value: &serde_json::Value, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::Object(map) => {
            if let (Some(zh), Some(en)) = (
                map.get("zh").and_then(|v| v.as_str()),
                map.get("en").and_then(|v| v.as_str()),
            ) {
                out.push((zh.to_string(), en.to_string()));
            }
            map.values().for_each(|v| texts_in(v, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| texts_in(v, out)),
        _ => {}
    }
}

/// DATA.md, "Honesty rules": a fixed term is translated one way. 三省一市
/// is three provinces and one municipality (Shanghai), never "four
/// provinces".
#[test]
fn fixed_terms_are_translated_as_they_are_written() {
    let mut files = vec!["index.json".to_string()];
    files.extend(index().years.iter().map(|e| e.file.clone()));
    for file in files {
        let json: serde_json::Value = serde_json::from_str(&read(&data_dir().join(&file))).unwrap();
        let mut texts = Vec::new();
        texts_in(&json, &mut texts);
        for (zh, en) in texts {
            let lower = en.to_lowercase();
            assert!(
                !lower.contains("four provinces"),
                "{file}: {en:?}: 三省一市 is three provinces and one municipality"
            );
            if zh.contains("三省一市") && !zh.contains('“') {
                assert!(
                    lower.contains("three provinces and one municipality")
                        || en.contains("三省一市"),
                    "{file}: {zh:?} → {en:?}: 三省一市 is “the three provinces and one municipality”"
                );
            }
        }
    }
}

/// DATA.md, `list_title`: the name is in a source of the year, verbatim.
#[test]
fn each_lists_name_is_verbatim_in_a_source_of_its_year() {
    let texts = source_texts(&index());
    for (file, y) in years() {
        let title = squash(&y.list_title.zh);
        let named: HashSet<&String> = y.items.iter().flat_map(|i| &i.sources).collect();
        assert!(
            named
                .iter()
                .any(|s| texts.get(*s).is_some_and(|t| t.contains(&title))),
            "{file}: -: list_title: {:?} is in no source of the year",
            y.list_title.zh
        );
    }
}

// ---------------------------------------------------------------------------
// Attribution (DATA.md, Figures, `attribution`)

/// Quotation marks a title may set a name in.
const QUOTE_MARKS: [char; 10] = ['“', '”', '‘', '’', '"', '\'', '「', '」', '《', '》'];

/// The distinctive phrases of an item's title: each name it sets in
/// quotation marks, and every run of four characters that crosses no
/// quotation mark or punctuation.
fn distinctive_phrases(title: &str) -> Vec<String> {
    let t = squash(title);
    let mut out = Vec::new();
    // Names in quotation marks: the text between an opening and the next
    // closing mark.
    let chars: Vec<char> = t.chars().collect();
    let mut open: Option<usize> = None;
    for (i, &c) in chars.iter().enumerate() {
        if QUOTE_MARKS.contains(&c) {
            match open {
                Some(start) => {
                    let name: String = chars[start + 1..i].iter().collect();
                    if !name.is_empty() {
                        out.push(name);
                    }
                    open = None;
                }
                None => open = Some(i),
            }
        }
    }
    // Four-character runs inside the stretches between marks and punctuation.
    for stretch in t.split(|c: char| {
        QUOTE_MARKS.contains(&c) || c.is_ascii_punctuation() || "，。；、：（）！？…—".contains(c)
    }) {
        let cs: Vec<char> = stretch.chars().collect();
        for w in cs.windows(4) {
            out.push(w.iter().collect());
        }
    }
    out
}

/// Whether two labels share a run of four characters, or are the same.
fn labels_share_a_run(a: &str, b: &str) -> bool {
    let (a, b) = (squash(a), squash(b));
    if a == b {
        return true;
    }
    let cs: Vec<char> = a.chars().collect();
    cs.windows(4)
        .any(|w| b.contains(&w.iter().collect::<String>()))
}

/// The attribution rule: a figure no source ties to an item may sit on it
/// (`by-subject`) only where (a) it counts what one of the item's own
/// figures (printed targets, or figures a source ties to the item) counts:
/// the same `metric`, or the same unit as printed and labels sharing a run
/// of four characters; or (b) its quote holds a distinctive phrase of the
/// item's title. `Some(reason)` when it may, `None` when it may not.
fn attachable(f: &Figure, item: &Item) -> Option<String> {
    let own = item
        .targets
        .iter()
        .chain(&item.outcomes)
        .filter(|g| g.attribution.as_deref() != Some("by-subject"));
    for g in own {
        if f.metric.is_some() && f.metric == g.metric {
            return Some(format!("same metric as {}", g.value_text));
        }
        if f.unit.zh == g.unit.zh && labels_share_a_run(&f.label.zh, &g.label.zh) {
            return Some(format!("counts what {} counts", g.value_text));
        }
    }
    let quote = squash(&f.quote);
    distinctive_phrases(&item.title.zh)
        .into_iter()
        .find(|p| quote.contains(p.as_str()))
        .map(|p| format!("quote holds the title's 「{p}」"))
}

#[test]
fn distinctive_phrases_are_quoted_names_and_four_character_runs() {
    let p = distinctive_phrases("深化居民服务“一卡通”建设");
    assert!(p.contains(&"一卡通".to_string()), "{p:?}");
    assert!(p.contains(&"居民服务".to_string()), "{p:?}");
    assert!(!p.iter().any(|s| s.contains('“')), "{p:?}");
    let p = distinctive_phrases("长三角“跨省高效办成一件事”");
    assert!(p.contains(&"跨省高效办成一件事".to_string()), "{p:?}");
    assert!(
        !p.contains(&"长三角".to_string()),
        "a three-character run is not one: {p:?}"
    );
    assert!(labels_share_a_run("车桩比", "车桩比"));
    assert!(labels_share_a_run("累计建成的公共充电桩", "累计公共充电桩"));
    assert!(!labels_share_a_run(
        "累计建成充电桩（含非公共）",
        "累计公共充电桩"
    ));
}

#[test]
fn figures_sit_on_an_item_only_where_the_attribution_rule_puts_them() {
    let mut problems = Vec::new();
    for (file, y) in years() {
        for item in &y.items {
            for (field, figs) in [("targets", &item.targets), ("outcomes", &item.outcomes)] {
                for (i, f) in figs.iter().enumerate() {
                    let at = at(&file, Some(&item.id), format!("{field}[{i}]"));
                    match f.attribution.as_deref() {
                        None | Some("stated") => {}
                        Some("by-subject") => {
                            if f.note.is_none() {
                                problems
                                    .push(format!("{at}: by-subject without a note saying why"));
                            }
                            if attachable(f, item).is_none() {
                                problems.push(format!(
                                    "{at}: {} {}: by-subject, but it counts nothing the item's own figures count and its quote holds no distinctive phrase of the title: it belongs in the year's figures[]",
                                    f.value_text, f.label.zh
                                ));
                            }
                        }
                        Some(other) => problems.push(format!("{at}: attribution {other:?}")),
                    }
                }
            }
        }
        for (i, f) in y.figures.iter().enumerate() {
            let fits: Vec<(&str, String)> = y
                .items
                .iter()
                .filter_map(|item| attachable(f, item).map(|r| (item.id.as_str(), r)))
                .collect();
            if fits.len() == 1 {
                problems.push(format!(
                    "{file}: -: figures[{i}]: {} {}: the rule puts it on {} ({}), not at year level",
                    f.value_text, f.label.zh, fits[0].0, fits[0].1
                ));
            }
            if f.attribution.is_some() {
                problems.push(format!(
                    "{file}: -: figures[{i}]: a year-level figure has no attribution"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------
// Items in source order (DATA.md, Items)

/// Where an item belongs in its year's file: numbered items by `number`,
/// then `x` items by their `x` number.
fn source_order_key(id: &str) -> Option<(u8, u32)> {
    let (_, rest) = parse_item_id(id)?;
    match rest.strip_prefix('x') {
        Some(n) => Some((1, n.parse().ok()?)),
        None => Some((0, rest.parse().ok()?)),
    }
}

/// The ids that break source order, as `(before, after)` pairs.
fn out_of_order<'a>(ids: &[&'a str]) -> Vec<(&'a str, &'a str)> {
    ids.windows(2)
        .filter(|w| source_order_key(w[0]) >= source_order_key(w[1]))
        .map(|w| (w[0], w[1]))
        .collect()
}

#[test]
fn the_source_order_check_refuses_a_list_out_of_order() {
    assert!(out_of_order(&["2025-01", "2025-02", "2025-10", "2025-x1", "2025-x2"]).is_empty());
    assert_eq!(
        out_of_order(&["2025-02", "2025-01"]),
        [("2025-02", "2025-01")]
    );
    assert_eq!(
        out_of_order(&["2024-x1", "2024-01"]),
        [("2024-x1", "2024-01")]
    );
    assert_eq!(
        out_of_order(&["2024-x10", "2024-x2"]),
        [("2024-x10", "2024-x2")]
    );
}

#[test]
fn each_years_items_are_in_source_order() {
    for (file, y) in years() {
        let ids: Vec<&str> = y.items.iter().map(|i| i.id.as_str()).collect();
        let bad = out_of_order(&ids);
        assert!(
            bad.is_empty(),
            "{file}: items: not in source order (numbered items by number, then x items by x number): {bad:?}"
        );
    }
}
