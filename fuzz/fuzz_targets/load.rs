//! Any bytes a server might return for a year file give typed data or a
//! typed `LoadError`, never a panic. What loads then goes through everything
//! the views compute from it (search, comparison, metric series, charts,
//! summaries, exports), next to the real other years, so no data file can
//! make the app panic either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yrd_pledges::chart::{self, ChartOptions};
use yrd_pledges::compare;
use yrd_pledges::export;
use yrd_pledges::i18n;
use yrd_pledges::load::{parse_index, parse_year, Dataset, LoadError};
use yrd_pledges::model::{ItemRef, Lang, YearData};
use yrd_pledges::query::{Filter, SearchIndex};
use yrd_pledges::summary;

const INDEX: &str = include_str!("../../public/data/index.json");
const Y2024: &str = include_str!("../../public/data/2024.json");
const Y2025: &str = include_str!("../../public/data/2025.json");

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The same bytes as an index must be a value or an error too.
    let _ = parse_index(&text);
    // Valid JSON of the wrong shape is never reported as "not JSON" or "cut
    // off": the reader would be sent to retry what no retry can fix.
    if serde_json::from_str::<serde_json::Value>(&text).is_ok() {
        let r = parse_year(&text, 2026);
        assert!(
            !matches!(r, Err(LoadError::NotJson { .. } | LoadError::Truncated)),
            "valid JSON called malformed: {r:?}"
        );
    }
    let Ok(year) = parse_year(&text, 2026) else {
        return;
    };
    let mut ids: Vec<&str> = year.items.iter().map(|i| i.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), year.items.len(), "duplicate ids got through");

    let index = parse_index(INDEX).expect("the real index parses");
    let mut ds = Dataset::new(index.clone());
    ds.put(2024, parse_year(Y2024, 2024));
    ds.put(2025, parse_year(Y2025, 2025));
    ds.put(2026, Ok(year));
    let years: &[YearData] = &ds.years;

    let search = SearchIndex::new(years, &index.leads, &index.themes);
    for q in ["", "医保", "a b", "1.3万"] {
        let filter = Filter {
            text: q.into(),
            ..Filter::default()
        };
        let _ = search.run(years, &filter);
    }
    let pairs: Vec<(u16, &YearData)> = years.iter().map(|y| (y.year, y)).collect();
    let mut metrics: Vec<String> = index.metrics.iter().map(|m| m.key.clone()).collect();
    for y in years {
        for item in &y.items {
            metrics.extend(
                item.targets
                    .iter()
                    .chain(&item.outcomes)
                    .filter_map(|f| f.metric.clone()),
            );
        }
    }
    for lang in [Lang::Zh, Lang::En] {
        let _ = export::matrix_csv(&compare::theme_matrix(&index, &pairs), lang);
        for t in compare::classify(&index, &pairs) {
            let _ = compare::summary(&t, lang);
        }
        for (i, y) in years.iter().enumerate() {
            let _ = summary::summary(&index, y, years.get(i + 1), lang);
            let refs: Vec<ItemRef> = y
                .items
                .iter()
                .map(|item| ItemRef { year: y.year, item })
                .collect();
            let _ = export::items_csv(&refs, &index, lang);
        }
        for key in &metrics {
            let series = compare::metric_series(&index, &pairs, key);
            for b in compare::implied_baselines(&series) {
                let _ = i18n::baseline_sentence(&compare::check_baseline(&b, &series), lang);
            }
            let _ = export::series_csv(&series, lang);
            let opts = ChartOptions {
                width: 320,
                height: 240,
                lang,
            };
            let _ = chart::metric_chart_svg(&series, &opts);
            let _ = chart::sparkline_image(&series, 96, 28);
        }
    }
});
