//! The query engine at scale: `SearchIndex::new` and `SearchIndex::run` over
//! 100,000 generated items (10 years of 10,000, built from the real items;
//! see `support/fixture.rs`). `cargo xtask bench` runs this and prints the
//! medians; by hand: `cargo bench --bench query`.

// `Fixture::files` serves `cargo xtask bench`; here the items stay in memory.
#[allow(dead_code)]
#[path = "support/fixture.rs"]
mod fixture;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use yrd_pledges::load::{parse_index, parse_year};
use yrd_pledges::model::{Index, Status, YearData};
use yrd_pledges::query::{Filter, SearchIndex};

const ITEMS: usize = 100_000;
const YEARS: usize = 10;

fn real_data() -> (Index, Vec<YearData>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data");
    let read =
        |name: &str| std::fs::read_to_string(dir.join(name)).expect("public/data is readable");
    let index = parse_index(&read("index.json")).expect("the real index loads");
    let years = index
        .years
        .iter()
        .map(|e| parse_year(&read(&e.file), e.year).expect("the real years load"))
        .collect();
    (index, years)
}

fn query(c: &mut Criterion) {
    let (index, real) = real_data();
    let data = fixture::generate(&index, &real, ITEMS, YEARS);
    assert_eq!(data.item_count(), ITEMS);
    let (years, leads, themes) = (&data.years, &data.index.leads, &data.index.themes);

    let mut g = c.benchmark_group("query_100k");
    g.sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    // About a second per build here: criterion's smallest sample.
    g.sample_size(10);
    g.bench_function("index_build", |b| {
        b.iter(|| SearchIndex::new(black_box(years), leads, themes))
    });
    g.sample_size(20);

    let search = SearchIndex::new(years, leads, themes);
    let text = |t: &str| Filter {
        text: t.into(),
        ..Filter::default()
    };
    let cases = [
        ("no_filter", Filter::default()),
        // One character: the first keystroke, matching many items.
        ("text_1_char_zh", text("医")),
        ("text_2_terms_zh", text("跨省 通办")),
        ("text_en", text("insurance")),
        ("text_no_match", text("zzzz")),
        (
            "theme",
            Filter {
                themes: vec!["health".into()],
                ..Filter::default()
            },
        ),
        (
            "status",
            Filter {
                status: Some(Status::Completed),
                ..Filter::default()
            },
        ),
        (
            "year_theme_text",
            Filter {
                years: vec![index.default_year],
                themes: vec!["health".into(), "gov-services".into()],
                text: "互认".into(),
                ..Filter::default()
            },
        ),
    ];
    for (name, filter) in &cases {
        g.bench_function(*name, |b| b.iter(|| search.run(years, black_box(filter))));
    }
    g.finish();
}

criterion_group!(benches, query);
criterion_main!(benches);
