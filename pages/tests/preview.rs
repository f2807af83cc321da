//! The preview images: laid out within the image, nothing a reader needs
//! cut, and drawn with fonts that have the Chinese glyphs.

use std::path::Path;

use pages::preview::{self, Layout, Painter, HEIGHT, WIDTH};
use resvg::tiny_skia::Pixmap;
use yrd_pledges::compare::{figure_value, metric_series};
use yrd_pledges::model::{Lang, YearData};
use yrd_pledges::palette::LIGHT;

fn data() -> yrd_pledges::load::Dataset {
    pages::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/data"))
        .expect("the shipped data loads")
}

/// Every line inside the margins, none over another (a line's box: its
/// width, from 0.9 of its size above the baseline to 0.2 below, about
/// where the glyphs reach).
fn assert_laid_out(p: &Painter, layout: &Layout, what: &str) {
    let boxes: Vec<[f32; 4]> = layout
        .lines
        .iter()
        .map(|l| {
            let w = p.width(&l.text, l.size, l.bold);
            let x = if l.end { l.x - w } else { l.x };
            [x, l.y - 0.9 * l.size, x + w, l.y + 0.2 * l.size]
        })
        .collect();
    for (b, l) in boxes.iter().zip(&layout.lines) {
        assert!(
            b[0] >= 60.0 && b[2] <= WIDTH as f32 - 60.0,
            "{what}: {l:?} {b:?}"
        );
        assert!(
            b[1] >= 14.0 && b[3] <= HEIGHT as f32 - 16.0,
            "{what}: {l:?} {b:?}"
        );
    }
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            let apart = a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1];
            assert!(apart, "{what}: {a:?} overlaps {b:?}");
        }
    }
}

#[test]
fn every_pledges_preview_fits_and_shows_its_figures_whole() {
    let p = Painter::new().expect("the CJK fonts are installed");
    let data = data();
    let mut previews = 0;
    for year in data.listed_years().iter().filter_map(|&y| data.year(y)) {
        for item in &year.items {
            for lang in [Lang::Zh, Lang::En] {
                let what = format!("{} {lang:?}", item.id);
                let layout = preview::pledge(&p, year.year, item, lang);
                assert_laid_out(&p, &layout, &what);
                let shown: Vec<&str> = layout
                    .lines
                    .iter()
                    .filter(|l| l.fill == LIGHT.accent && l.y > 100.0)
                    .map(|l| l.text.as_str())
                    .collect();
                let values: Vec<String> = item
                    .targets
                    .iter()
                    .chain(&item.outcomes)
                    .take(2)
                    .map(|f| figure_value(f, lang))
                    .collect();
                let flat = |s: &str| s.split_whitespace().collect::<String>();
                assert_eq!(flat(&shown.concat()), flat(&values.concat()), "{what}");
                assert!(!shown.concat().contains('…'), "{what}: {shown:?}");
                previews += 1;
            }
        }
    }
    assert!(previews >= 50, "{previews}");
}

#[test]
fn a_long_title_is_cut_in_three_lines_with_an_ellipsis() {
    let p = Painter::new().expect("the CJK fonts are installed");
    let long = "长三角区域公共服务便利共享".repeat(8);
    let lines = p.wrap(&long, 60.0, true, 1072.0, 3);
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[2].ends_with('…'), "{lines:?}");
    for l in &lines {
        assert!(p.width(l, 60.0, true) <= 1072.0, "{l}");
    }
    assert!(long.starts_with(&lines[..2].concat()));
    // English breaks at spaces only, and keeps every word of a short text.
    let words = "Jointly advance mutual recognition of examination and test results";
    let lines = p.wrap(words, 60.0, true, 700.0, 5);
    assert!(
        lines.len() > 1 && !lines.concat().contains('…'),
        "{lines:?}"
    );
    assert_eq!(lines.join(" "), words);
}

/// Pixels of the image that are about `hex`, in the rows `rows`.
fn pixels_like(png: &[u8], hex: &str, rows: std::ops::Range<u32>) -> usize {
    let image = Pixmap::decode_png(png).expect("a PNG");
    assert_eq!((image.width(), image.height()), (WIDTH, HEIGHT));
    let want = yrd_pledges::palette::channels(hex);
    rows.flat_map(|y| (0..WIDTH).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let c = image.pixel(x, y).unwrap().demultiply();
            let got = [c.red(), c.green(), c.blue()];
            got.iter().zip(want).all(|(a, b)| a.abs_diff(b) < 24)
        })
        .count()
}

#[test]
fn a_preview_draws_its_chinese_title_and_its_chart() {
    let p = Painter::new().expect("the CJK fonts are installed");
    let data = data();
    let year = data.year(2026).unwrap();
    let item = year.items.iter().find(|i| i.id == "2026-06").unwrap();
    let png = preview::pledge(&p, 2026, item, Lang::Zh).png(&p).unwrap();
    // The title's glyphs are drawn in the text colour (missing glyphs
    // would leave the rows blank or draw a few boxes).
    let ink = pixels_like(&png, LIGHT.text, 110..190);
    assert!(ink > 8_000, "{ink} pixels of title");

    let index = data.index.as_ref().unwrap();
    let years: Vec<(u16, &YearData)> = data
        .listed_years()
        .iter()
        .filter_map(|&y| data.year(y).map(|d| (y, d)))
        .collect();
    let series = metric_series(index, &years, "cross-province-services");
    let layout = preview::chart(&p, &series, Lang::En);
    assert_laid_out(&p, &layout, "chart");
    let png = layout.png(&p).unwrap();
    // The target line is drawn in the accent, below the title.
    let line = pixels_like(&png, LIGHT.accent, 260..600);
    assert!(line > 1_000, "{line} pixels of target line");
}
