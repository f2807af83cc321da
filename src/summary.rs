//! A year's summary in words, generated from the data: shown at the top of
//! each year and used as the page's meta description. Every count comes from
//! the data, so the summary can never claim more than the sources do.

use crate::i18n::status_name;
use crate::model::{parse_item_id, Index, Lang, Status, YearData};

/// Facts the summary is made of (kept separate so tests check the counts,
/// not only the wording).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearFacts {
    pub year: u16,
    pub published: u32,
    pub in_data: usize,
    /// Theme keys by number of items, most first (ties in index order).
    pub themes: Vec<(String, usize)>,
    pub targets: usize,
    pub outcomes: usize,
    /// Items continuing an item of the previous listed year.
    pub continuing: usize,
    pub previous_year: Option<u16>,
    pub statuses: Vec<(Status, usize)>,
}

pub fn facts(index: &Index, year: &YearData, previous: Option<&YearData>) -> YearFacts {
    facts_with(index, year, previous.map(|p| p.year), |id| {
        previous.is_some_and(|p| p.items.iter().any(|pi| pi.id == id))
    })
}

/// The year before `year` in the index, if it lists one.
pub fn previous_listed(index: &Index, year: u16) -> Option<u16> {
    index
        .years
        .iter()
        .map(|e| e.year)
        .filter(|y| *y < year)
        .max()
}

/// Facts for `year` needing no other year's file: the previous year is the
/// index's, and a continuation is a curated link to an id of that year
/// (`validate` checks that every linked id exists). So the summary reads
/// the same whether or not the previous year has loaded yet.
pub fn facts_listed(index: &Index, year: &YearData) -> YearFacts {
    let prev = previous_listed(index, year.year);
    facts_with(index, year, prev, |id| {
        prev.is_some() && parse_item_id(id).map(|(y, _)| y) == prev
    })
}

fn facts_with(
    index: &Index,
    year: &YearData,
    previous_year: Option<u16>,
    in_previous: impl Fn(&str) -> bool,
) -> YearFacts {
    let mut themes: Vec<(String, usize)> = Vec::new();
    for v in &index.themes {
        let n = year
            .items
            .iter()
            .filter(|i| i.themes.contains(&v.key))
            .count();
        if n > 0 {
            themes.push((v.key.clone(), n));
        }
    }
    // Most items first, ties in the vocabulary's order. A handful of
    // themes: inserting in place is enough, and spares the page's module a
    // copy of the stable sort.
    let mut by_count: Vec<(String, usize)> = Vec::with_capacity(themes.len());
    for t in themes {
        let at = by_count
            .iter()
            .position(|b| b.1 < t.1)
            .unwrap_or(by_count.len());
        by_count.insert(at, t);
    }
    let themes = by_count;
    let continuing = year
        .items
        .iter()
        .filter(|i| i.continued_ids().any(&in_previous))
        .count();
    let statuses = [
        Status::Completed,
        Status::Pledged,
        Status::Unreported,
        Status::Other,
    ]
    .into_iter()
    .map(|s| (s, year.items.iter().filter(|i| i.status == s).count()))
    .filter(|(_, n)| *n > 0)
    .collect();
    YearFacts {
        year: year.year,
        published: year.items_published,
        in_data: year.items.len(),
        themes,
        targets: year.items.iter().map(|i| i.targets.len()).sum::<usize>()
            + year
                .figures
                .iter()
                .filter(|f| f.kind == crate::model::FigureKind::Target)
                .count(),
        outcomes: year.items.iter().map(|i| i.outcomes.len()).sum::<usize>()
            + year
                .figures
                .iter()
                .filter(|f| f.kind == crate::model::FigureKind::Outcome)
                .count(),
        continuing,
        previous_year,
        statuses,
    }
}

/// The summary sentence(s) in `lang`.
pub fn summary(index: &Index, year: &YearData, previous: Option<&YearData>, lang: Lang) -> String {
    words(index, &facts(index, year, previous), lang)
}

/// The summary from `facts_listed`: what the page shows, whichever other
/// years have loaded.
pub fn summary_listed(index: &Index, year: &YearData, lang: Lang) -> String {
    words(index, &facts_listed(index, year), lang)
}

/// Lower case as search folds text (`query::lower`, which says why).
fn lower(s: &str) -> String {
    s.chars().map(crate::query::lower).collect()
}

fn words(index: &Index, f: &YearFacts, lang: Lang) -> String {
    let theme_name = |k: &str| {
        index
            .themes
            .iter()
            .find(|v| v.key == k)
            .map(|v| v.name.in_lang(lang).to_string())
            .unwrap_or_else(|| k.to_string())
    };
    let top: Vec<String> = f
        .themes
        .iter()
        .take(3)
        .map(|(k, _)| theme_name(k))
        .collect();
    let statuses: Vec<String> = f
        .statuses
        .iter()
        .map(|(s, n)| match lang {
            Lang::Zh => format!("{}{n}项", status_name(*s, lang)),
            Lang::En => format!("{n} {}", lower(status_name(*s, lang))),
        })
        .collect();
    match lang {
        Lang::Zh => {
            let mut s = if f.in_data < f.published as usize {
                format!(
                    "{} 年清单共 {} 项，来源中可查 {} 项",
                    f.year, f.published, f.in_data
                )
            } else {
                format!("{} 年清单共 {} 项", f.year, f.published)
            };
            if !f.themes.is_empty() {
                let more = if f.themes.len() > 3 { "等" } else { "" };
                s.push_str(&format!(
                    "，涉及{}{more} {} 个主题",
                    top.join("、"),
                    f.themes.len()
                ));
            }
            s.push_str(&format!("，含 {} 个量化目标", f.targets));
            if f.outcomes > 0 {
                s.push_str(&format!("、{} 个完成情况数字", f.outcomes));
            }
            s.push('。');
            if let Some(p) = f.previous_year {
                s.push_str(&format!("其中 {} 项延续 {p} 年的项目。", f.continuing));
            }
            if !statuses.is_empty() {
                s.push_str(&format!("状态：{}。", statuses.join("，")));
            }
            s
        }
        Lang::En => {
            let mut s = if f.in_data < f.published as usize {
                format!(
                    "The {} list has {} items; the sources describe {}",
                    f.year, f.published, f.in_data
                )
            } else {
                format!("The {} list has {} items", f.year, f.published)
            };
            if !f.themes.is_empty() {
                let more = if f.themes.len() > 3 {
                    " and others"
                } else {
                    ""
                };
                s.push_str(&format!(
                    ", across {} themes ({}{more})",
                    f.themes.len(),
                    lower(&top.join(", "))
                ));
            }
            s.push_str(&format!(
                ", with {} numeric target{}",
                f.targets,
                if f.targets == 1 { "" } else { "s" }
            ));
            if f.outcomes > 0 {
                s.push_str(&format!(
                    " and {} reported result{}",
                    f.outcomes,
                    if f.outcomes == 1 { "" } else { "s" }
                ));
            }
            s.push('.');
            if let Some(p) = f.previous_year {
                s.push_str(&match f.continuing {
                    1 => format!(" 1 item continues one from {p}."),
                    n => format!(" {n} items continue ones from {p}."),
                });
            }
            if !statuses.is_empty() {
                s.push_str(&format!(" Status: {}.", statuses.join(", ")));
            }
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Item, Text, Vocab};

    fn item(id: &str, themes: &[&str], status: Status, continues: &[&str]) -> Item {
        Item {
            id: id.into(),
            number: None,
            title: Text::new("t", "t"),
            themes: themes.iter().map(|s| s.to_string()).collect(),
            status,
            continues: crate::model::links_to(continues),
            ..Item::default()
        }
    }

    fn year(y: u16, items: Vec<Item>) -> YearData {
        serde_json::from_value(serde_json::json!({
            "schema": 1, "year": y, "list_title": {"zh": "清单"}, "items_published": 10, "items": []
        }))
        .map(|mut d: YearData| {
            d.items = items;
            d
        })
        .unwrap()
    }

    fn index() -> Index {
        let mut i: Index = serde_json::from_value(serde_json::json!({
            "schema": 1, "data_version": "t", "updated": "x", "default_year": 2026, "years": []
        }))
        .unwrap();
        i.themes = vec![
            Vocab {
                key: "health".into(),
                name: Text::new("卫生健康", "Health"),
            },
            Vocab {
                key: "sports".into(),
                name: Text::new("体育", "Sports"),
            },
        ];
        i
    }

    #[test]
    fn counts_come_from_the_data() {
        let prev = year(
            2025,
            vec![item("2025-01", &["sports"], Status::Pledged, &[])],
        );
        let cur = year(
            2026,
            vec![
                item("2026-01", &["health"], Status::Pledged, &[]),
                item(
                    "2026-02",
                    &["health", "sports"],
                    Status::Pledged,
                    &["2025-01"],
                ),
            ],
        );
        let f = facts(&index(), &cur, Some(&prev));
        assert_eq!(f.in_data, 2);
        assert_eq!(f.themes, vec![("health".into(), 2), ("sports".into(), 1)]);
        assert_eq!(f.continuing, 1);
        assert_eq!(f.statuses, vec![(Status::Pledged, 2)]);
        let zh = summary(&index(), &cur, Some(&prev), Lang::Zh);
        assert_eq!(zh, "2026 年清单共 10 项，来源中可查 2 项，涉及卫生健康、体育 2 个主题，含 0 个量化目标。其中 1 项延续 2025 年的项目。状态：已承诺2项。");
        let en = summary(&index(), &cur, Some(&prev), Lang::En);
        assert_eq!(en, "The 2026 list has 10 items; the sources describe 2, across 2 themes (health, sports), with 0 numeric targets. 1 item continues one from 2025. Status: 2 pledged.");
    }

    #[test]
    fn themes_go_most_items_first_and_ties_keep_the_index_order() {
        let cur = year(
            2026,
            vec![
                item("2026-01", &["sports"], Status::Pledged, &[]),
                item("2026-02", &["sports", "health"], Status::Pledged, &[]),
                item("2026-03", &["culture"], Status::Pledged, &[]),
                item("2026-04", &["culture"], Status::Pledged, &[]),
            ],
        );
        let mut ix = index();
        ix.themes.push(Vocab {
            key: "culture".into(),
            name: Text::new("文化", "Culture"),
        });
        let keys = |i: &Index| {
            facts(i, &cur, None)
                .themes
                .into_iter()
                .map(|(k, n)| format!("{k}:{n}"))
                .collect::<Vec<_>>()
        };
        // The index lists health, sports, culture.
        assert_eq!(keys(&ix), ["sports:2", "culture:2", "health:1"]);
        // Culture listed before sports: the tie goes the other way.
        ix.themes.swap(1, 2);
        assert_eq!(keys(&ix), ["culture:2", "sports:2", "health:1"]);
    }
}
