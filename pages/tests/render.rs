//! Every page type rendered natively by the app's own components, from the
//! real data: what a reader would see is in the HTML, and nothing in render
//! code reaches for the browser (natively `web_sys::window()` panics, so a
//! browser-only call added to a view fails here, not in the build).

use std::path::Path;
use std::sync::OnceLock;
use std::time::Instant;

use pages::{load_dir, render};
use yrd_pledges::i18n::t;
use yrd_pledges::load::Dataset;
use yrd_pledges::model::{Item, Lang};
use yrd_pledges::url_state::{State, View};

fn data() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| {
        load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/data"))
            .expect("the shipped data loads")
    })
}

fn item(id: &str) -> &'static Item {
    data().find_item(id).expect("the item is in the data").1
}

/// Text as it appears in HTML: tachys escapes `&`, `<` and `>` in text.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Renders `state`, checks the page is the app's, and says how long it took.
fn page(name: &str, state: State) -> String {
    let start = Instant::now();
    let html = render(data(), &state);
    eprintln!("{name}: {} bytes in {:?}", html.len(), start.elapsed());
    assert!(
        html.starts_with("<div class=\"app"),
        "{name}: {}",
        &html[..80.min(html.len())]
    );
    assert!(
        html.contains("data-test=\"data-version\""),
        "{name}: no data version"
    );
    assert!(
        !html.contains("data-test=\"part-loading\""),
        "{name}: a part did not render"
    );
    assert!(
        !html.contains("data-test=\"loading\""),
        "{name}: still loading"
    );
    html
}

fn assert_has(html: &str, text: &str, what: &str) {
    assert!(
        html.contains(&esc(text)),
        "{what}: {text:?} is not in the page"
    );
}

fn lang(l: Lang) -> Option<Lang> {
    Some(l)
}

#[test]
fn the_default_list_shows_every_year_newest_first() {
    let html = page("list", State::default());
    assert_has(&html, t(Lang::Zh).app_title, "title");
    let years: Vec<usize> = [2026, 2025, 2024]
        .iter()
        .map(|y| {
            html.find(&format!("data-year=\"{y}\""))
                .expect("every year has its section")
        })
        .collect();
    assert!(years.windows(2).all(|w| w[0] < w[1]), "newest first");
    for y in &data().years {
        for i in &y.items {
            assert_has(&html, &i.title.zh, &i.id);
        }
    }
    // The filter form is there, and the year panel's summary.
    assert!(html.contains("id=\"f-q\""));
    assert!(html.contains("data-test=\"summary\""));
}

#[test]
fn one_years_list_shows_its_ten_items_and_no_other_year() {
    let html = page(
        "2026",
        State {
            years: vec![2026],
            ..State::default()
        },
    );
    let year = data().year(2026).expect("2026 is in the data");
    assert_eq!(year.items.len(), 10);
    for i in &year.items {
        assert_has(&html, &i.title.zh, &i.id);
    }
    assert!(!html.contains("data-year=\"2025\""));
    // The chosen year shows as chosen without script.
    assert!(
        html.contains("value=\"2026\" checked"),
        "the year chip is ticked"
    );
}

#[test]
fn a_filtered_list_shows_its_state_in_the_form() {
    let html = page(
        "search",
        State {
            q: "医保".into(),
            ..State::default()
        },
    );
    assert!(
        html.contains("value=\"医保\""),
        "the search box holds the query"
    );
    assert!(html.contains("<mark"), "matches are marked");
}

#[test]
fn an_item_shows_its_title_and_each_target_with_its_sentence() {
    for l in [Lang::Zh, Lang::En] {
        let html = page(
            "item",
            State {
                item: Some("2026-06".into()),
                lang: lang(l),
                ..State::default()
            },
        );
        let it = item("2026-06");
        assert!(html.contains("data-test=\"detail\""));
        assert_has(&html, it.title.in_lang(l), "title");
        for target in &it.targets {
            assert_has(&html, &target.quote, "a target's source sentence");
        }
    }
}

#[test]
fn an_item_from_another_year_and_an_unknown_item() {
    let html = page(
        "2024 item",
        State {
            item: Some("2024-x1".into()),
            ..State::default()
        },
    );
    assert_has(&html, &item("2024-x1").title.zh, "title");
    let html = page(
        "no item",
        State {
            item: Some("2026-99".into()),
            ..State::default()
        },
    );
    assert!(html.contains("data-test=\"not-found\""));
}

#[test]
fn the_share_card_shows_the_key_target_and_a_qr_code() {
    let html = page(
        "card",
        State {
            item: Some("2026-06".into()),
            view: View::Card,
            ..State::default()
        },
    );
    let it = item("2026-06");
    assert!(html.contains("data-test=\"share-card\""));
    assert_has(&html, &it.title.zh, "title");
    assert_has(&html, &it.targets[0].quote, "key target's sentence");
    assert!(
        html.contains("data:image/svg+xml;charset=utf-8,%3Csvg"),
        "the QR code"
    );
}

#[test]
fn the_comparison_shows_its_matrix() {
    for l in [Lang::Zh, Lang::En] {
        let html = page(
            "compare",
            State {
                view: View::Compare,
                lang: lang(l),
                ..State::default()
            },
        );
        assert!(html.contains("data-test=\"matrix\""));
        assert!(html.contains("data-test=\"changes\""));
        for theme in &data().index.as_ref().expect("index").themes {
            assert_has(&html, theme.name.in_lang(l), "a theme row");
        }
    }
    let pair = page(
        "compare 2025-2026",
        State {
            view: View::Compare,
            years: vec![2025, 2026],
            ..State::default()
        },
    );
    assert!(pair.contains("data-test=\"compare-summary\""));
}

#[test]
fn the_metric_list_and_a_metrics_chart_with_its_table() {
    let list = page(
        "metrics",
        State {
            view: View::Metric,
            ..State::default()
        },
    );
    assert!(list.contains("data-test=\"metric-list\""));
    assert!(list.contains("class=\"spark\""), "sparklines");
    for l in [Lang::Zh, Lang::En] {
        let html = page(
            "metric",
            State {
                view: View::Metric,
                metric: Some("remote-windows".into()),
                lang: lang(l),
                ..State::default()
            },
        );
        assert!(html.contains("data-test=\"chart\""));
        assert!(
            html.contains("src=\"data:image/svg+xml;charset=utf-8,%3Csvg"),
            "the chart"
        );
        // At each of its sizes, the browser choosing by its window.
        for size in yrd_pledges::chart::SIZES {
            let attrs = format!("width=\"{}\" height=\"{}\"", size.width, size.height);
            assert!(html.contains(&attrs), "chart size {attrs}");
            if let Some(media) = size.media() {
                assert!(
                    html.contains(&format!(
                        "<source media=\"{media}\" srcset=\"data:image/svg+xml"
                    )),
                    "{media}"
                );
            }
        }
        assert!(html.contains("data-test=\"series-table\""));
        assert_has(&html, t(l).chart_table_caption, "table caption");
        // 515 windows opened in 2024, in the table.
        assert!(html.contains("515"));
    }
}

#[test]
fn embeds_are_compact_with_a_link_to_the_full_view() {
    let embeds = [
        (
            "item embed",
            State {
                item: Some("2026-06".into()),
                ..State::default()
            },
        ),
        (
            "list embed",
            State {
                years: vec![2026],
                ..State::default()
            },
        ),
        (
            "compare embed",
            State {
                view: View::Compare,
                ..State::default()
            },
        ),
        (
            "chart embed",
            State {
                view: View::Metric,
                metric: Some("remote-windows".into()),
                ..State::default()
            },
        ),
    ];
    for (name, state) in embeds {
        for l in [Lang::Zh, Lang::En] {
            let html = page(
                name,
                State {
                    embed: true,
                    dark: true,
                    lang: lang(l),
                    ..state.clone()
                },
            );
            assert!(html.contains("data-test=\"embed-foot\""), "{name}");
            assert!(!html.contains("<header"), "{name}: no navigation chrome");
            assert!(html.contains("class=\"app embed dark\""), "{name}: styled");
            assert_has(&html, t(l).open_full_view, name);
            // The full view's link keeps the reader's language, without
            // the embed's styling.
            assert!(html.contains("data-test=\"full-view\""), "{name}");
            // Links leave the widget for the full view (in a new tab): the
            // widget keeps what the editor placed. Only its language link
            // (and the skip link, within the page) stay.
            let inside: Vec<&str> = html
                .split("href=\"")
                .skip(1)
                .filter_map(|rest| rest.split('"').next())
                .filter(|href| href.contains("embed/") && !href.contains('#'))
                .collect();
            assert_eq!(inside.len(), 1, "{name}: {inside:?}");
        }
    }
    // A pledge's widget is its card, not the full pledge.
    let item = page(
        "item embed",
        State {
            item: Some("2026-06".into()),
            embed: true,
            ..State::default()
        },
    );
    assert!(item.contains("class=\"cards single\""));
    assert!(!item.contains("class=\"detail\""));
}

#[test]
fn each_link_shows_its_reason_on_both_items() {
    let linked: Vec<&Item> = data()
        .years
        .iter()
        .flat_map(|y| &y.items)
        .filter(|i| !i.continues.is_empty())
        .collect();
    assert!(
        !linked.is_empty(),
        "the data links no item to an earlier one"
    );
    for later in linked {
        for link in &later.continues {
            for l in [Lang::Zh, Lang::En] {
                // The later item lists the earlier one with the reason, and
                // the earlier one lists the later under "continued by" with
                // the same reason.
                for (shown, other, heading) in [
                    (&later.id, &link.item, t(l).continues),
                    (&link.item, &later.id, t(l).continued_by),
                ] {
                    let html = page(
                        "linked item",
                        State {
                            item: Some(shown.clone()),
                            lang: lang(l),
                            ..State::default()
                        },
                    );
                    let what = format!("{shown} → {other} ({l:?})");
                    assert_has(&html, heading, &what);
                    assert_has(&html, &format!("{}/\"", other.replacen('-', "/", 1)), &what);
                    assert_has(&html, t(l).link_reason, &what);
                    assert_has(&html, link.reason.in_lang(l), &what);
                }
            }
        }
    }
}

/// Every outcome the data pairs with a target: its standing (verdict and
/// sentence) on the item page with the pairing's reason, and on the card
/// in its year's list; 2024's 515 remote windows against "200个以上" also
/// beside the metric's chart.
#[test]
fn an_outcome_paired_with_a_target_shows_how_it_stands_on_item_card_and_chart() {
    let paired: Vec<&Item> = data()
        .years
        .iter()
        .flat_map(|y| &y.items)
        .filter(|i| !yrd_pledges::standing::answered(i).is_empty())
        .collect();
    assert!(
        !paired.is_empty(),
        "the data pairs no outcome with a target"
    );
    for l in [Lang::Zh, Lang::En] {
        for it in &paired {
            let what = format!("{} ({l:?})", it.id);
            let detail = page(
                "item with standings",
                State {
                    item: Some(it.id.clone()),
                    lang: lang(l),
                    ..State::default()
                },
            );
            let year: u16 = it.id[..4].parse().unwrap();
            let list = page(
                "year with standings",
                State {
                    years: vec![year],
                    lang: lang(l),
                    ..State::default()
                },
            );
            assert!(detail.contains("data-test=\"against-targets\""), "{what}");
            assert_has(&detail, t(l).against_targets, &what);
            for a in yrd_pledges::standing::answered(it) {
                let (verdict, line) = a.text(l);
                for html in [&detail, &list] {
                    assert_has(html, verdict, &what);
                    assert_has(html, &line, &what);
                }
                assert_has(&detail, t(l).answer_reason, &what);
                assert_has(&detail, a.reason.in_lang(l), &what);
            }
        }
        let x1 = page(
            "2024-x1",
            State {
                item: Some("2024-x1".into()),
                lang: lang(l),
                ..State::default()
            },
        );
        let chart = page(
            "metric with a standing",
            State {
                view: View::Metric,
                metric: Some("remote-windows".into()),
                lang: lang(l),
                ..State::default()
            },
        );
        for html in [&x1, &chart] {
            assert!(html.contains("standing-exceeded"), "{l:?}: 515 against 200");
            assert_has(html, "257.5%", "515 is 257.5% of 200");
        }
        assert_has(&x1, "standing-met", "41 cities of 41");
        assert!(
            chart.contains("data-test=\"point-standing\""),
            "in the table"
        );
    }
}

#[test]
fn english_pages_are_in_english() {
    let html = page(
        "list en",
        State {
            lang: Some(Lang::En),
            ..State::default()
        },
    );
    assert_has(&html, t(Lang::En).app_title, "title");
    assert_has(&html, t(Lang::En).switch_lang, "the switch to Chinese");
    for i in &data().year(2026).expect("2026").items {
        assert_has(&html, i.title.in_lang(Lang::En), &i.id);
    }
    assert!(
        !html.contains(&esc(t(Lang::Zh).app_title)),
        "no Chinese title"
    );
}

#[test]
fn a_value_the_data_lacks_is_dropped_with_a_notice() {
    let html = page(
        "1999",
        State {
            years: vec![1999],
            ..State::default()
        },
    );
    assert!(html.contains("data-test=\"notice\""));
    assert!(html.contains("data-year=\"2026\""), "the list still shows");
}

/// Every page type of the URL contract, as a state.
fn page_types() -> Vec<(&'static str, State)> {
    let item = || Some("2026-06".to_string());
    let metric = || Some("remote-windows".to_string());
    vec![
        ("list", State::default()),
        (
            "year list",
            State {
                years: vec![2025],
                ..State::default()
            },
        ),
        (
            "item",
            State {
                item: item(),
                ..State::default()
            },
        ),
        (
            "share card",
            State {
                item: item(),
                view: View::Card,
                ..State::default()
            },
        ),
        (
            "comparison",
            State {
                view: View::Compare,
                ..State::default()
            },
        ),
        (
            "pair comparison",
            State {
                view: View::Compare,
                years: vec![2025, 2026],
                ..State::default()
            },
        ),
        (
            "metric list",
            State {
                view: View::Metric,
                ..State::default()
            },
        ),
        (
            "metric chart",
            State {
                view: View::Metric,
                metric: metric(),
                ..State::default()
            },
        ),
        (
            "item embed",
            State {
                item: item(),
                embed: true,
                ..State::default()
            },
        ),
        (
            "list embed",
            State {
                years: vec![2026],
                embed: true,
                ..State::default()
            },
        ),
        (
            "chart embed",
            State {
                view: View::Metric,
                metric: metric(),
                embed: true,
                ..State::default()
            },
        ),
        (
            "comparison embed",
            State {
                view: View::Compare,
                embed: true,
                ..State::default()
            },
        ),
    ]
}

#[test]
fn every_page_type_renders_in_both_languages() {
    for (name, state) in page_types() {
        for (l, other) in [(Lang::Zh, Lang::En), (Lang::En, Lang::Zh)] {
            let html = page(
                name,
                State {
                    lang: Some(l),
                    ..state.clone()
                },
            );
            assert_has(&html, t(l).data_as_of, name);
            assert!(
                !html.contains(&esc(t(other).data_as_of)),
                "{name}: in one language"
            );
        }
    }
}
