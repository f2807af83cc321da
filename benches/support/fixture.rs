//! A generated data set at scale, for benchmarks only: never shipped, never
//! committed. Shared by the criterion benchmarks (`benches/query.rs`, 100,000
//! items) and `cargo xtask bench` (10,000 items served to a browser), which
//! include this file by path.
//!
//! Items are the real items (`public/data/`) repeated with new ids across
//! generated years, so search runs over real Chinese and English text of
//! realistic length, and every theme, lead, source and status key exists in
//! the index. A serial number is appended to titles so no two items read
//! alike.

use yrd_pledges::model::{Index, Item, Text, YearData, YearEntry};

/// A generated index and its year files, newest year first.
pub struct Fixture {
    pub index: Index,
    pub years: Vec<YearData>,
}

impl Fixture {
    pub fn item_count(&self) -> usize {
        self.years.iter().map(|y| y.items.len()).sum()
    }

    /// `(file name, JSON text)` for `data/`: `index.json` first, then one
    /// file per year, as the index names them.
    pub fn files(&self) -> Vec<(String, String)> {
        let mut out = vec![(
            "index.json".to_string(),
            serde_json::to_string(&self.index).expect("the model serialises"),
        )];
        for (entry, year) in self.index.years.iter().zip(&self.years) {
            out.push((
                entry.file.clone(),
                serde_json::to_string(year).expect("the model serialises"),
            ));
        }
        out
    }
}

/// `items` items spread as evenly as possible over `years` consecutive years
/// ending with the real default year. Deterministic: the same inputs give
/// the same files.
///
/// Panics when `real_years` holds no items or `years` is 0: there would be
/// nothing to build from.
pub fn generate(
    real_index: &Index,
    real_years: &[YearData],
    items: usize,
    years: usize,
) -> Fixture {
    assert!(years > 0, "at least one year");
    let templates: Vec<&Item> = real_years.iter().flat_map(|y| &y.items).collect();
    assert!(!templates.is_empty(), "the real data has items");
    let template_year = real_years
        .iter()
        .find(|y| y.year == real_index.default_year)
        .unwrap_or(&real_years[0]);
    let newest = real_index.default_year;
    let mut out_years = Vec::with_capacity(years);
    let mut entries = Vec::with_capacity(years);
    let mut serial = 0usize;
    for i in 0..years {
        let year = newest - i as u16;
        let count = items / years + usize::from(i < items % years);
        let base = real_years
            .iter()
            .find(|y| y.year == year)
            .unwrap_or(template_year);
        let mut data = base.clone();
        data.year = year;
        data.items_published = count as u32;
        data.completeness_note = None;
        data.items = (1..=count)
            .map(|n| {
                let t = templates[serial % templates.len()];
                serial += 1;
                let mut item = t.clone();
                // `YYYY-xN` is the id form for items numbered beyond 99.
                item.id = format!("{year}-x{n}");
                item.number = Some(n as u32);
                item.title = suffixed(&t.title, n);
                // Links would point at ids that do not exist here.
                item.continues.clear();
                item
            })
            .collect();
        entries.push(YearEntry {
            year,
            file: format!("{year}.json"),
            items_published: count as u32,
            items_in_data: count as u32,
        });
        out_years.push(data);
    }
    let mut index = real_index.clone();
    index.data_version = format!("bench-{items}");
    index.default_year = newest;
    index.years = entries;
    Fixture {
        index,
        years: out_years,
    }
}

fn suffixed(t: &Text, n: usize) -> Text {
    Text {
        zh: format!("{}（样例{n}）", t.zh),
        en: t.en.as_ref().map(|en| format!("{en} (sample {n})")),
    }
}
