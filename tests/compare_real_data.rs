//! The comparison core on the real data in `public/data/`: the headline
//! facts of the sources must come out of the series, the baselines, the
//! matrix and the charts exactly.

use std::path::{Path, PathBuf};

use yrd_pledges::chart::{metric_chart_svg, ChartOptions};
use yrd_pledges::compare::{
    check_baseline, classify, implied_baselines, metric_series, summary, theme_matrix, Agreement,
    BaselineBasis, ChangeKind, Point, Series,
};
use yrd_pledges::load::{parse_index, parse_year};
use yrd_pledges::model::{parse_item_id, Cmp, FigureKind, Index, Lang, Scope, YearData};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data")
}

fn load() -> (Index, Vec<YearData>) {
    let dir = data_dir();
    let text = std::fs::read_to_string(dir.join("index.json"))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.join("index.json").display()));
    let index = parse_index(&text).expect("index.json parses");
    let years = index
        .years
        .iter()
        .map(|e| {
            let path = dir.join(&e.file);
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            parse_year(&text, e.year).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
        })
        .collect();
    (index, years)
}

fn all(years: &[YearData]) -> Vec<(u16, &YearData)> {
    years.iter().map(|y| (y.year, y)).collect()
}

fn series(key: &str) -> Series {
    let (index, years) = load();
    assert!(
        index.metrics.iter().any(|m| m.key == key),
        "index.json lists no metric {key:?}"
    );
    metric_series(&index, &all(&years), key)
}

/// The points of one year, kind and scope.
fn find(s: &Series, year: u16, kind: FigureKind, scope: Scope) -> Vec<&Point> {
    s.points
        .iter()
        .filter(|p| p.year == year && p.kind == kind && p.scope == scope)
        .collect()
}

/// Exactly one figure with this value in that year and kind, whatever its
/// scope, with this qualifier.
fn has(s: &Series, year: u16, kind: FigureKind, value: f64, cmp: Cmp) -> &Point {
    let hits: Vec<&Point> = s
        .points
        .iter()
        .filter(|p| p.year == year && p.kind == kind && p.value == value)
        .collect();
    assert!(
        !hits.is_empty(),
        "{}: no {kind:?} {value} in {year}; points: {:#?}",
        s.metric,
        s.points
    );
    for p in &hits {
        assert_eq!(p.cmp, cmp, "{}: {year} {kind:?} {value}: {p:#?}", s.metric);
    }
    hits[0]
}

#[test]
fn every_series_point_quotes_its_number() {
    let (index, years) = load();
    for m in &index.metrics {
        let s = metric_series(&index, &all(&years), &m.key);
        for p in &s.points {
            assert!(
                p.quote.contains(p.value_text.as_str()),
                "{}: {:?} not in its quote {:?}",
                m.key,
                p.value_text,
                p.quote
            );
            assert!(!p.source.is_empty(), "{}: a point without a source", m.key);
        }
    }
}

#[test]
fn remote_windows_go_515_then_600_plus_then_650_plus() {
    let s = series("remote-windows");
    has(&s, 2024, FigureKind::Target, 200.0, Cmp::AtLeast);
    has(&s, 2024, FigureKind::Outcome, 515.0, Cmp::Exactly);
    has(&s, 2025, FigureKind::Target, 600.0, Cmp::MoreThan);
    has(&s, 2026, FigureKind::Target, 650.0, Cmp::MoreThan);
    let labels: Vec<String> = s.points.iter().map(|p| p.short_label(Lang::En)).collect();
    for l in ["515", "600+", "650+"] {
        assert!(labels.iter().any(|x| x == l), "{l} missing from {labels:?}");
    }
    // Years ascend.
    assert!(s.points.windows(2).all(|w| w[0].year <= w[1].year));
    let svg = metric_chart_svg(
        &s,
        &ChartOptions {
            width: 320,
            height: 240,
            lang: Lang::Zh,
        },
    );
    for l in ["515", "600+", "650+", "2024", "2025", "2026"] {
        assert!(svg.contains(&format!(">\n{l}\n</text>")), "{l} not drawn");
    }
}

#[test]
fn cross_province_services_chain_and_their_baselines_agree() {
    let s = series("cross-province-services");
    has(&s, 2024, FigureKind::Target, 200.0, Cmp::AtLeast);
    has(&s, 2024, FigureKind::Outcome, 200.0, Cmp::MoreThan);
    let new25 = find(&s, 2025, FigureKind::Target, Scope::New);
    let cum25 = find(&s, 2025, FigureKind::Target, Scope::Cumulative);
    assert_eq!(
        new25.iter().map(|p| p.value).collect::<Vec<_>>(),
        vec![100.0]
    );
    assert_eq!(
        cum25.iter().map(|p| p.value).collect::<Vec<_>>(),
        vec![300.0]
    );
    let new26 = find(&s, 2026, FigureKind::Target, Scope::New);
    let cum26 = find(&s, 2026, FigureKind::Target, Scope::Cumulative);
    assert_eq!(
        new26.iter().map(|p| p.value).collect::<Vec<_>>(),
        vec![100.0]
    );
    assert_eq!(
        cum26.iter().map(|p| (p.value, p.cmp)).collect::<Vec<_>>(),
        vec![(400.0, Cmp::MoreThan)]
    );

    let baselines = implied_baselines(&s);
    let b26 = baselines
        .iter()
        .find(|b| b.year == 2026 && matches!(b.basis, BaselineBasis::Implied { .. }))
        .expect("2026 implies a baseline");
    assert_eq!((b26.value, b26.cmp), (300.0, Cmp::MoreThan));
    let check = check_baseline(b26, &s);
    assert_eq!(check.agreement, Agreement::Agrees, "{check:#?}");
    let zh = yrd_pledges::i18n::baseline_sentence(&check, Lang::Zh);
    assert!(zh.starts_with("2026 年目标隐含起点超 300 项"), "{zh}");
    assert!(zh.contains("与 2025 年累计 300 项的目标一致"), "{zh}");

    let b25 = baselines
        .iter()
        .find(|b| b.year == 2025 && matches!(b.basis, BaselineBasis::Implied { .. }))
        .expect("2025 implies a baseline");
    assert_eq!((b25.value, b25.cmp), (200.0, Cmp::Exactly));
    assert_eq!(check_baseline(b25, &s).agreement, Agreement::Agrees);
}

#[test]
fn e_certificates_imply_a_start_of_40() {
    let s = series("e-certificates");
    let b = implied_baselines(&s)
        .into_iter()
        .find(|b| b.year == 2026)
        .expect("2026: 新增10类 and 累计50类 imply a start");
    assert_eq!(b.value, 40.0);
}

#[test]
fn one_card_services_state_their_start() {
    let s = series("one-card-services");
    let p = has(&s, 2025, FigureKind::Target, 113.0, Cmp::Exactly);
    assert_eq!(p.from_value, Some(78.0));
    let b = implied_baselines(&s)
        .into_iter()
        .find(|b| b.year == 2025 && matches!(b.basis, BaselineBasis::Stated { .. }))
        .expect("由78项拓展至113项 states a start");
    assert_eq!(b.value, 78.0);
}

#[test]
fn test_mutual_recognition_is_at_least_400_in_2026() {
    let s = series("test-mutual-recognition");
    has(&s, 2026, FigureKind::Target, 400.0, Cmp::AtLeast);
}

#[test]
fn matrix_and_transitions_cover_every_item_and_flag_partial_lists() {
    let (index, years) = load();
    let m = theme_matrix(&index, &all(&years));
    let mut sorted: Vec<u16> = years.iter().map(|y| y.year).collect();
    sorted.sort_unstable();
    assert_eq!(m.years.iter().map(|c| c.year).collect::<Vec<_>>(), sorted);
    for y in &years {
        let col = m.years.iter().position(|c| c.year == y.year).unwrap();
        for item in &y.items {
            assert!(
                m.rows
                    .iter()
                    .any(|r| r.cells[col].iter().any(|c| c.id == item.id)),
                "{} is in no row of the matrix",
                item.id
            );
        }
    }
    let partial = index
        .years
        .iter()
        .any(|e| e.items_in_data < e.items_published);
    assert_eq!(!m.is_complete(), partial);

    let ts = classify(&index, &all(&years));
    assert_eq!(ts.len(), years.len().saturating_sub(1));
    for t in &ts {
        let later: Vec<&str> = t
            .changes
            .iter()
            .filter(|c| c.kind != ChangeKind::Dropped)
            .map(|c| c.id.as_str())
            .collect();
        let to = years.iter().find(|y| y.year == t.to.year).unwrap();
        assert_eq!(
            later.len(),
            to.items.len(),
            "every later item is classified once"
        );
        for c in &t.changes {
            if let ChangeKind::Continues { from } = &c.kind {
                for id in from {
                    assert_eq!(
                        parse_item_id(id).map(|(y, _)| y),
                        Some(t.from.year),
                        "{}",
                        c.id
                    );
                }
            }
        }
        let y_from = years.iter().find(|y| y.year == t.from.year).unwrap();
        let expect_incomplete = (y_from.items.len() as u32) < y_from.items_published
            || (to.items.len() as u32) < to.items_published
            || index
                .years
                .iter()
                .filter(|e| e.year == t.from.year || e.year == t.to.year)
                .any(|e| e.items_in_data < e.items_published);
        assert_eq!(
            t.incomplete, expect_incomplete,
            "{} → {}",
            t.from.year, t.to.year
        );
        let zh = summary(t, Lang::Zh);
        assert!(zh.starts_with(&format!("{} 年清单中", t.to.year)), "{zh}");
        assert_eq!(zh.contains("可能不完整"), t.incomplete, "{zh}");
    }
    // The 2024 → 2026 remote-window chain is curated in the data.
    let chained = ts.iter().any(|t| {
        t.continued().any(|c| {
            years
                .iter()
                .flat_map(|y| &y.items)
                .find(|i| i.id == c.id)
                .is_some_and(|i| {
                    i.targets
                        .iter()
                        .any(|f| f.metric.as_deref() == Some("remote-windows"))
                })
        })
    });
    assert!(chained, "no remote-windows item continues an earlier one");
}

/// The year summaries count what the real files hold, in both languages.
#[test]
fn year_summaries_count_the_real_data() {
    use yrd_pledges::model::{Lang, Status};
    use yrd_pledges::summary::{facts, summary};
    let (index, years) = load();
    let year = |y: u16| years.iter().find(|d| d.year == y).cloned().unwrap();
    let (y24, y25, y26) = (year(2024), year(2025), year(2026));
    for (year, prev) in [(&y24, None), (&y25, Some(&y24)), (&y26, Some(&y25))] {
        let f = facts(&index, year, prev);
        assert_eq!(f.in_data, year.items.len());
        assert_eq!(f.published, 10);
        let targets: usize = year.items.iter().map(|i| i.targets.len()).sum::<usize>()
            + year
                .figures
                .iter()
                .filter(|f| f.kind == yrd_pledges::model::FigureKind::Target)
                .count();
        assert_eq!(f.targets, targets);
        let zh = summary(&index, year, prev, Lang::Zh);
        let en = summary(&index, year, prev, Lang::En);
        assert!(
            zh.starts_with(&format!("{} 年清单共 10 项", year.year)),
            "{zh}"
        );
        assert!(
            en.starts_with(&format!("The {} list has 10 items", year.year)),
            "{en}"
        );
    }
    let f24 = facts(&index, &y24, None);
    assert_eq!(f24.statuses, vec![(Status::Completed, y24.items.len())]);
    assert!(summary(&index, &y24, None, Lang::En)
        .contains(&format!("the sources describe {}", y24.items.len())));
    let f26 = facts(&index, &y26, Some(&y25));
    assert_eq!(f26.statuses, vec![(Status::Pledged, 10)]);
    // Continuations are the curated links into 2025.
    let linked = y26
        .items
        .iter()
        .filter(|i| i.continued_ids().any(|c| c.starts_with("2025-")))
        .count();
    assert_eq!(f26.continuing, linked);
    assert!(linked >= 2);
    // The page shows each year's summary before the year before it has
    // loaded: read from the index and the curated links alone, it must say
    // exactly what the summary with both years loaded says.
    for (year, prev) in [(&y24, None), (&y25, Some(&y24)), (&y26, Some(&y25))] {
        for lang in [Lang::Zh, Lang::En] {
            assert_eq!(
                yrd_pledges::summary::summary_listed(&index, year, lang),
                summary(&index, year, prev, lang)
            );
        }
    }
}
