//! Comparisons across years: the theme × year matrix, what continues, what
//! is new and what was not continued, metric series that chain one quantity
//! across years, and the starting points the targets imply.
//!
//! Everything here is data in, values out. Cross-year links come only from
//! the curated `Item::continues` lists: two titles that look alike are not
//! a link, and a link the editors made is one even when the titles differ.
//!
//! The sources do not give every year's full list, so every comparison
//! carries how complete its years are, and the sentences say so.

use std::collections::HashSet;

use serde::Serialize;

use crate::i18n::{cmp_word, format_number, incomplete_lists_note, scope_word, transition_summary};
use crate::model::{
    parse_item_id, Cmp, Figure, FigureKind, Index, Item, Lang, Scope, Text, YearData,
};

/// One year as a column of a comparison, with how much of its published
/// list the data holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct YearColumn {
    pub year: u16,
    pub items_in_data: u32,
    pub items_published: u32,
}

impl YearColumn {
    /// Takes the more cautious of what the index and the year file say, so
    /// a stale index entry cannot make a partial list look whole.
    fn new(index: &Index, year: u16, data: &YearData) -> Self {
        let entry = index.years.iter().find(|e| e.year == year);
        let in_file = u32::try_from(data.items.len()).unwrap_or(u32::MAX);
        let items_in_data = entry.map_or(in_file, |e| e.items_in_data.min(in_file));
        let items_published = entry.map_or(data.items_published, |e| {
            e.items_published.max(data.items_published)
        });
        YearColumn {
            year,
            items_in_data,
            items_published,
        }
    }

    pub fn is_complete(&self) -> bool {
        self.items_in_data >= self.items_published
    }
}

/// The selected years, ascending, each once (the first data given wins).
fn ascending<'a>(years: &[(u16, &'a YearData)]) -> Vec<(u16, &'a YearData)> {
    let mut out: Vec<(u16, &YearData)> = Vec::with_capacity(years.len());
    for &(y, d) in years {
        if !out.iter().any(|(seen, _)| *seen == y) {
            out.push((y, d));
        }
    }
    out.sort_by_key(|(y, _)| *y);
    out
}

/// Items in their published order; items without a number (the sources
/// name them but not their place) go last, by id.
fn in_list_order(items: &[Item]) -> Vec<&Item> {
    let mut v: Vec<&Item> = items.iter().collect();
    v.sort_by(|a, b| {
        (a.number.is_none(), a.number, &a.id).cmp(&(b.number.is_none(), b.number, &b.id))
    });
    v
}

// ---------------------------------------------------------------------------
// Theme × year matrix

/// An item as a matrix cell shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CellItem {
    pub id: String,
    pub number: Option<u32>,
    pub title: Text,
    /// The item's curated links to earlier items.
    pub continues: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MatrixRow {
    /// The theme key; `None` for the row of items that have no theme, so
    /// that no item silently falls out of the matrix.
    pub theme: Option<String>,
    pub name: Text,
    /// One cell per column of `ThemeMatrix::years`, in the same order.
    pub cells: Vec<Vec<CellItem>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ThemeMatrix {
    /// Columns, ascending.
    pub years: Vec<YearColumn>,
    pub rows: Vec<MatrixRow>,
}

impl ThemeMatrix {
    /// The items of `theme` in `year`; `None` when either is not in the
    /// matrix (an empty slice means "in the matrix, no item").
    pub fn cell(&self, theme: &str, year: u16) -> Option<&[CellItem]> {
        let col = self.years.iter().position(|c| c.year == year)?;
        let row = self
            .rows
            .iter()
            .find(|r| r.theme.as_deref() == Some(theme))?;
        row.cells.get(col).map(Vec::as_slice)
    }

    /// Whether every column holds its full published list.
    pub fn is_complete(&self) -> bool {
        self.years.iter().all(YearColumn::is_complete)
    }
}

/// Rows are the index's themes in index order, only those that occur, then
/// theme keys the index does not know (newer data), then unthemed items.
pub fn theme_matrix(index: &Index, years: &[(u16, &YearData)]) -> ThemeMatrix {
    let years = ascending(years);
    let columns: Vec<YearColumn> = years
        .iter()
        .map(|&(y, d)| YearColumn::new(index, y, d))
        .collect();

    let mut keys: Vec<(Option<String>, Text)> = index
        .themes
        .iter()
        .map(|v| (Some(v.key.clone()), v.name.clone()))
        .collect();
    for (_, data) in &years {
        for item in &data.items {
            for key in &item.themes {
                if !keys.iter().any(|(k, _)| k.as_deref() == Some(key)) {
                    keys.push((Some(key.clone()), Text::new(key, key)));
                }
            }
        }
    }
    keys.push((None, Text::new("未分类", "No theme")));

    let rows = keys
        .into_iter()
        .map(|(theme, name)| {
            let cells = years
                .iter()
                .map(|(_, data)| {
                    in_list_order(&data.items)
                        .into_iter()
                        .filter(|item| match &theme {
                            Some(k) => item.themes.contains(k),
                            None => item.themes.is_empty(),
                        })
                        .map(|item| CellItem {
                            id: item.id.clone(),
                            number: item.number,
                            title: item.title.clone(),
                            continues: item.continued_ids().map(String::from).collect(),
                        })
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>();
            MatrixRow { theme, name, cells }
        })
        .filter(|row| row.cells.iter().any(|c| !c.is_empty()))
        .collect();

    ThemeMatrix {
        years: columns,
        rows,
    }
}

// ---------------------------------------------------------------------------
// Continued / new / not continued

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChangeKind {
    /// A later-year item that continues these items of the earlier year.
    Continues { from: Vec<String> },
    /// A later-year item with no curated link into the earlier year.
    New,
    /// An earlier-year item that no later-year item in the data continues.
    /// Only "not continued in that year's list as far as the data goes":
    /// with a partial list it may well be continued by an item we lack.
    Dropped,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    /// The year of the item itself (the later year, or the earlier one for
    /// `Dropped`).
    pub year: u16,
    pub id: String,
    pub title: Text,
    pub kind: ChangeKind,
    /// Curated links that reach outside this pair of years: for a later
    /// item, the earlier items of other years it continues; for a dropped
    /// item, items of other given years that continue it. They let the UI
    /// say "new compared with 2025, but continues 2024-03".
    pub links_outside: Vec<String>,
}

/// What changed between two consecutive selected years.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Transition {
    pub from: YearColumn,
    pub to: YearColumn,
    /// Later-year items in list order, then the earlier year's items that
    /// were not continued, in list order.
    pub changes: Vec<Change>,
    /// Either year's list is only partly in the data, so "new" and
    /// "dropped" may be artefacts of what the sources left out.
    pub incomplete: bool,
}

impl Transition {
    pub fn continued(&self) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .filter(|c| matches!(c.kind, ChangeKind::Continues { .. }))
    }

    pub fn new_items(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.kind == ChangeKind::New)
    }

    pub fn dropped(&self) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Dropped)
    }
}

fn year_of(id: &str) -> Option<u16> {
    parse_item_id(id).map(|(y, _)| y)
}

/// One `Transition` per pair of consecutive selected years (ascending), from
/// the curated `continues` links only.
pub fn classify(index: &Index, years: &[(u16, &YearData)]) -> Vec<Transition> {
    let years = ascending(years);
    years
        .windows(2)
        .map(|pair| {
            let (from_year, from_data) = pair[0];
            let (to_year, to_data) = pair[1];
            let from = YearColumn::new(index, from_year, from_data);
            let to = YearColumn::new(index, to_year, to_data);

            let mut changes = Vec::new();
            let mut continued: HashSet<&str> = HashSet::new();
            for item in in_list_order(&to_data.items) {
                let (inside, outside): (Vec<&str>, Vec<&str>) = item
                    .continued_ids()
                    .partition(|id| year_of(id) == Some(from_year));
                continued.extend(inside.iter().copied());
                let kind = if inside.is_empty() {
                    ChangeKind::New
                } else {
                    ChangeKind::Continues {
                        from: inside.into_iter().map(String::from).collect(),
                    }
                };
                changes.push(Change {
                    year: to_year,
                    id: item.id.clone(),
                    title: item.title.clone(),
                    kind,
                    links_outside: outside.into_iter().map(String::from).collect(),
                });
            }
            for item in in_list_order(&from_data.items) {
                if continued.contains(item.id.as_str()) {
                    continue;
                }
                let later: Vec<String> = years
                    .iter()
                    .filter(|(y, _)| *y != to_year && *y != from_year)
                    .flat_map(|(_, d)| d.items.iter())
                    .filter(|other| other.continues_item(&item.id))
                    .map(|other| other.id.clone())
                    .collect();
                changes.push(Change {
                    year: from_year,
                    id: item.id.clone(),
                    title: item.title.clone(),
                    kind: ChangeKind::Dropped,
                    links_outside: later,
                });
            }
            let incomplete = !from.is_complete() || !to.is_complete();
            Transition {
                from,
                to,
                changes,
                incomplete,
            }
        })
        .collect()
}

/// A plain-language account of one transition, careful about what a
/// partial list can and cannot show.
pub fn summary(t: &Transition, lang: Lang) -> String {
    let c = t.continued().count();
    let n = t.new_items().count();
    let d = t.dropped().count();
    let partial: Vec<&YearColumn> = [&t.from, &t.to]
        .into_iter()
        .filter(|c| !c.is_complete())
        .collect();
    transition_summary(t.from.year, t.to.year, c, n, d, lang)
        + &incomplete_lists_note(&partial, lang)
}

// ---------------------------------------------------------------------------
// Metric series

/// One number of a series, with everything needed to show where it came
/// from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Point {
    /// The year of the list the figure belongs to.
    pub year: u16,
    pub value: f64,
    /// As printed in the quote.
    pub value_text: String,
    pub cmp: Cmp,
    pub scope: Scope,
    pub kind: FigureKind,
    pub from_value: Option<f64>,
    /// The item the figure belongs to; `None` for a year-level figure.
    pub item: Option<String>,
    pub label: Text,
    pub unit: Text,
    pub quote: String,
    pub source: String,
    /// For an outcome the data pairs with a target of its item
    /// (`Figure::answers`): that target and how the outcome stands
    /// against it. `None` where they cannot be compared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub against: Option<Box<Against>>,
}

/// An outcome's target and its standing against it, in a series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Against {
    pub target: Point,
    pub standing: crate::standing::Standing,
    /// Why the data pairs the two (`Answer::reason`).
    pub reason: Text,
}

impl Point {
    fn from_figure(year: u16, item: Option<&str>, f: &Figure) -> Self {
        Point {
            year,
            value: f.value,
            value_text: f.value_text.clone(),
            cmp: f.cmp,
            scope: f.scope,
            kind: f.kind,
            from_value: f.from_value,
            item: item.map(str::to_string),
            label: f.label.clone(),
            unit: f.unit.clone(),
            quote: f.quote.clone(),
            source: f.source.clone(),
            against: None,
        }
    }

    /// An item's figure, with its target and standing where it is an
    /// outcome the data pairs with one (`standing::answered`).
    fn from_item_figure(year: u16, item: &Item, f: &Figure) -> Self {
        let against = f.answers.as_ref().and_then(|a| {
            let target = item.targets.get(a.target as usize)?;
            Some(Box::new(Against {
                target: Point::from_figure(year, Some(&item.id), target),
                standing: crate::standing::standing(target, f)?,
                reason: a.reason.clone(),
            }))
        });
        Point {
            against,
            ..Point::from_figure(year, Some(&item.id), f)
        }
    }

    /// "累计超 400 项" / "more than 400 items in total".
    pub fn qualified(&self, lang: Lang) -> String {
        format_qualified(
            self.value,
            self.cmp,
            self.scope,
            self.unit.in_lang(lang),
            lang,
        )
    }

    /// The compact label a chart puts next to the point: "600+", "≥200",
    /// "515", "+100" for a number added in the year.
    pub fn short_label(&self, lang: Lang) -> String {
        let v = format_number(self.value, lang);
        let body = match self.cmp {
            Cmp::MoreThan => format!("{v}+"),
            Cmp::AtLeast => format!("≥{v}"),
            Cmp::AtMost => format!("≤{v}"),
            Cmp::About => format!("~{v}"),
            Cmp::Exactly | Cmp::Other => v,
        };
        if self.scope == Scope::New {
            format!("+{body}")
        } else {
            body
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Series {
    pub metric: String,
    /// From `Index::metrics`; the key itself when the index lacks it.
    pub name: Text,
    pub unit: Text,
    /// The selected years, ascending, including those without a point.
    pub years: Vec<u16>,
    /// By year, then kind (targets before outcomes); within that, items
    /// before year-level figures, in data order. The same number quoted in
    /// two places stays twice here (each with its source); the chart
    /// draws it once.
    pub points: Vec<Point>,
}

fn kind_rank(k: FigureKind) -> u8 {
    match k {
        FigureKind::Target => 0,
        FigureKind::Outcome => 1,
        FigureKind::Other => 2,
    }
}

/// Every figure with `metric_key`, from items (targets and outcomes) and
/// year-level figures of the selected years.
pub fn metric_series(index: &Index, years: &[(u16, &YearData)], metric_key: &str) -> Series {
    let years = ascending(years);
    let def = index.metrics.iter().find(|m| m.key == metric_key);
    let matches = |f: &&Figure| f.metric.as_deref() == Some(metric_key);
    let mut points = Vec::new();
    for &(year, data) in &years {
        for item in in_list_order(&data.items) {
            for f in item.targets.iter().chain(&item.outcomes).filter(matches) {
                points.push(Point::from_item_figure(year, item, f));
            }
        }
        for f in data.figures.iter().filter(matches) {
            points.push(Point::from_figure(year, None, f));
        }
    }
    // Stable: keeps items-before-year-figures and data order within a key.
    points.sort_by_key(|p| (p.year, kind_rank(p.kind)));
    let unit = def
        .map(|m| m.unit.clone())
        .or_else(|| points.first().map(|p| p.unit.clone()))
        .unwrap_or_default();
    Series {
        metric: metric_key.to_string(),
        name: def.map_or_else(|| Text::new(metric_key, metric_key), |m| m.name.clone()),
        unit,
        years: years.iter().map(|(y, _)| *y).collect(),
        points,
    }
}

/// A figure's number as a reader should see it, with its qualifiers, in
/// `lang` (1.3万 / 13,000).
pub fn figure_value(f: &crate::model::Figure, lang: Lang) -> String {
    // An empty English unit is deliberate (a count of things needs none),
    // so it must not fall back to the Chinese unit as other texts do.
    let unit = match lang {
        Lang::Zh => f.unit.zh.as_str(),
        Lang::En => f.unit.en.as_deref().unwrap_or(&f.unit.zh),
    };
    format_qualified(f.value, f.cmp, f.scope, unit, lang)
}

/// A number with its qualifiers as a phrase: "累计超 400 项", "超 650 个",
/// "200 余项"; "more than 400 items in total", "at least 100 new items".
pub fn format_qualified(value: f64, cmp: Cmp, scope: Scope, unit: &str, lang: Lang) -> String {
    let v = format_number(value, lang);
    match lang {
        Lang::Zh => {
            let number = match cmp {
                // 余 follows the number: 200 余项.
                Cmp::About => format!("{v}余{unit}"),
                _ => format!("{}{v}{unit}", cmp_word(cmp, lang)),
            };
            zh_spaced(&format!("{}{number}", scope_word(scope, lang)))
        }
        Lang::En => {
            let mut parts: Vec<&str> = Vec::new();
            let w = cmp_word(cmp, lang);
            if !w.is_empty() {
                parts.push(w);
            }
            parts.push(&v);
            if scope == Scope::New {
                parts.push("new");
            }
            if !unit.is_empty() {
                parts.push(unit);
            }
            if scope == Scope::Cumulative {
                parts.push("in total");
            }
            parts.join(" ")
        }
    }
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Puts a space between Han characters and Latin letters or digits
/// ("2026 年清单中 4 项"), the spacing the app uses in generated Chinese
/// sentences, so the format strings need not place spaces by hand.
pub fn zh_spaced(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if let Some(p) = prev {
            let boundary = (is_han(p) && c.is_ascii_alphanumeric())
                || (p.is_ascii_alphanumeric() && is_han(c));
            if boundary {
                out.push(' ');
            }
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

// ---------------------------------------------------------------------------
// Implied and stated baselines

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum BaselineBasis {
    /// 新增 X … 累计 Y in the same year: the start is Y − X.
    Implied {
        new: Box<Point>,
        cumulative: Box<Point>,
    },
    /// 由 A 拓展至 B: the figure states its start.
    Stated { point: Box<Point> },
}

/// Where a year's target says the count starts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Baseline {
    pub year: u16,
    pub value: f64,
    pub cmp: Cmp,
    pub unit: Text,
    pub basis: BaselineBasis,
}

/// The qualifier of Y − X. A lower bound on Y with an upper bound on X
/// bounds the start from below, the reverse from above; mixed bounds (Y at
/// least, X at least) leave it open, so no baseline is claimed then.
fn difference_cmp(cumulative: Cmp, new: Cmp) -> Option<Cmp> {
    use Cmp::*;
    let low = |c: Cmp| matches!(c, Exactly | AtLeast | MoreThan);
    let high = |c: Cmp| matches!(c, Exactly | AtMost);
    match (cumulative, new) {
        (Exactly, Exactly) => Some(Exactly),
        (Exactly | About, Exactly | About) => Some(About),
        (y, x) if low(y) && high(x) => Some(if y == MoreThan { MoreThan } else { AtLeast }),
        (y, x) if high(y) && low(x) => Some(AtMost),
        _ => None,
    }
}

/// Implied baselines (a year with one `new` and one `cumulative` target of
/// the metric, paired within an item first, else within the year) and
/// stated ones (`from_value`), by year.
pub fn implied_baselines(series: &Series) -> Vec<Baseline> {
    let mut out = Vec::new();
    for &year in &distinct_years(series) {
        let targets: Vec<&Point> = series
            .points
            .iter()
            .filter(|p| p.year == year && p.kind == FigureKind::Target)
            .collect();
        let one = |pts: &[&Point], scope: Scope| -> Option<Point> {
            let mut it = pts.iter().filter(|p| p.scope == scope);
            match (it.next(), it.next()) {
                (Some(p), None) => Some((*p).clone()),
                _ => None,
            }
        };
        let mut groups: Vec<Option<&str>> = Vec::new();
        for p in &targets {
            if !groups.contains(&p.item.as_deref()) {
                groups.push(p.item.as_deref());
            }
        }
        let mut pairs: Vec<(Point, Point)> = Vec::new();
        for g in &groups {
            let in_group: Vec<&Point> = targets
                .iter()
                .copied()
                .filter(|p| p.item.as_deref() == *g)
                .collect();
            if let (Some(n), Some(c)) = (
                one(&in_group, Scope::New),
                one(&in_group, Scope::Cumulative),
            ) {
                pairs.push((n, c));
            }
        }
        if pairs.is_empty() {
            if let (Some(n), Some(c)) =
                (one(&targets, Scope::New), one(&targets, Scope::Cumulative))
            {
                pairs.push((n, c));
            }
        }
        for (new, cumulative) in pairs {
            if let Some(cmp) = difference_cmp(cumulative.cmp, new.cmp) {
                out.push(Baseline {
                    year,
                    value: cumulative.value - new.value,
                    cmp,
                    unit: cumulative.unit.clone(),
                    basis: BaselineBasis::Implied {
                        new: Box::new(new),
                        cumulative: Box::new(cumulative),
                    },
                });
            }
        }
        for p in series.points.iter().filter(|p| p.year == year) {
            if let Some(start) = p.from_value {
                out.push(Baseline {
                    year,
                    value: start,
                    cmp: Cmp::Exactly,
                    unit: p.unit.clone(),
                    basis: BaselineBasis::Stated {
                        point: Box::new(p.clone()),
                    },
                });
            }
        }
    }
    out
}

fn distinct_years(series: &Series) -> Vec<u16> {
    let mut ys: Vec<u16> = series.points.iter().map(|p| p.year).collect();
    ys.dedup();
    ys
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum Agreement {
    Agrees,
    /// Baseline minus the previous year's figure.
    Differs {
        by: f64,
    },
    NothingToCompare,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BaselineCheck {
    pub baseline: Baseline,
    pub agreement: Agreement,
    /// The previous year's running total it was compared with.
    pub compared_with: Option<Point>,
}

/// Compares a baseline with the previous year's running total of the same
/// metric: a reported outcome if there is one (that is where the count
/// actually stood), else the target; cumulative before plain levels; never
/// a number added in the year.
pub fn check_baseline(baseline: &Baseline, series: &Series) -> BaselineCheck {
    let previous = baseline.year.checked_sub(1);
    let candidate = series
        .points
        .iter()
        .filter(|p| Some(p.year) == previous)
        .filter(|p| matches!(p.scope, Scope::Cumulative | Scope::Level))
        .filter(|p| p.kind != FigureKind::Other)
        .min_by_key(|p| (p.kind != FigureKind::Outcome, p.scope != Scope::Cumulative));
    let agreement = match candidate {
        None => Agreement::NothingToCompare,
        Some(p) => {
            let by = baseline.value - p.value;
            if by.abs() < 1e-9 * baseline.value.abs().max(1.0) {
                Agreement::Agrees
            } else {
                Agreement::Differs { by }
            }
        }
    };
    BaselineCheck {
        baseline: baseline.clone(),
        agreement,
        compared_with: candidate.cloned(),
    }
}

#[cfg(test)]
pub(crate) mod fixtures {
    //! A small hand-built data set shaped like the real one, shared by the
    //! tests of `compare`, `chart` and `export`.

    use crate::model::*;

    pub fn fig(
        metric: &str,
        value: f64,
        cmp: Cmp,
        scope: Scope,
        kind: FigureKind,
        quote: &str,
    ) -> Figure {
        Figure {
            metric: Some(metric.into()),
            label: Text::new("远程虚拟窗口", "remote virtual windows"),
            value,
            value_text: format!("{value}"),
            cmp,
            scope,
            kind,
            unit: if metric == "remote-windows" {
                Text::new("个", "windows")
            } else {
                Text::new("项", "items")
            },
            from_value: None,
            quote: quote.into(),
            source: "src-a".into(),
            attribution: None,
            note: None,
            answers: None,
        }
    }

    pub fn item(
        id: &str,
        number: Option<u32>,
        title: &str,
        themes: &[&str],
        continues: &[&str],
    ) -> Item {
        Item {
            id: id.into(),
            number,
            title: Text::new(title, &format!("{title} (en)")),
            themes: themes.iter().map(|s| s.to_string()).collect(),
            status: Status::Pledged,
            continues: crate::model::links_to(continues),
            sources: vec!["src-a".into()],
            ..Item::default()
        }
    }

    pub fn year(y: u16, published: u32, items: Vec<Item>) -> YearData {
        YearData {
            schema: 1,
            year: y,
            list_title: Text::new(&format!("{y}年度实事"), &format!("{y} list")),
            items_published: published,
            items,
            ..YearData::default()
        }
    }

    pub fn index(entries: &[(u16, u32, u32)]) -> Index {
        Index {
            schema: 1,
            data_version: "t".into(),
            updated: "2026-01-01".into(),
            default_year: 2026,
            years: entries
                .iter()
                .map(|&(year, published, in_data)| YearEntry {
                    year,
                    file: format!("{year}.json"),
                    items_published: published,
                    items_in_data: in_data,
                })
                .collect(),
            themes: ["health", "gov-services", "transport", "culture"]
                .iter()
                .map(|k| Vocab {
                    key: k.to_string(),
                    name: Text::new(&format!("主题{k}"), &format!("Theme {k}")),
                })
                .collect(),
            leads: vec![],
            metrics: vec![MetricDef {
                key: "remote-windows".into(),
                name: Text::new("跨省通办远程虚拟窗口", "Remote virtual windows"),
                unit: Text::new("个", "windows"),
                description: None,
            }],
            sources: vec![],
        }
    }

    /// Three years: remote windows 2024 (≥200 target, 515 outcome), 2025
    /// (600+ as a year-level figure), 2026 (650+); services with new and
    /// cumulative targets; an item continued across years, one dropped,
    /// one new, one without a theme; 2024 only partly known.
    pub fn three_years() -> (Index, YearData, YearData, YearData) {
        use Cmp::*;
        use FigureKind::*;
        use Scope::*;
        let idx = index(&[(2024, 10, 3), (2025, 10, 3), (2026, 10, 3)]);

        let mut w24 = item("2024-01", Some(1), "远程虚拟窗口", &["gov-services"], &[]);
        w24.targets.push(fig(
            "remote-windows",
            200.0,
            AtLeast,
            Level,
            Target,
            "200个以上",
        ));
        w24.outcomes.push(fig(
            "remote-windows",
            515.0,
            Exactly,
            Level,
            Outcome,
            "开设515个",
        ));
        let mut s24 = item("2024-02", Some(2), "跨省通办", &["gov-services"], &[]);
        s24.targets
            .push(fig("services", 200.0, AtLeast, Level, Target, "200项以上"));
        s24.outcomes.push(fig(
            "services",
            200.0,
            MoreThan,
            Cumulative,
            Outcome,
            "超200项",
        ));
        let c24 = item("2024-03", Some(3), "文旅年卡", &["culture"], &[]);
        let y24 = year(2024, 10, vec![w24, s24, c24]);

        let w25 = item(
            "2025-01",
            Some(1),
            "远程虚拟窗口扩面",
            &["gov-services"],
            &["2024-01"],
        );
        let mut s25 = item(
            "2025-02",
            Some(2),
            "跨省通办扩容",
            &["gov-services"],
            &["2024-02"],
        );
        s25.targets
            .push(fig("services", 100.0, Exactly, New, Target, "新推出100项"));
        s25.targets.push(fig(
            "services",
            300.0,
            Exactly,
            Cumulative,
            Target,
            "累计推出300项",
        ));
        let h25 = item("2025-03", Some(3), "异地就医", &["health"], &[]);
        let mut y25 = year(2025, 10, vec![w25, s25, h25]);
        y25.figures.push(fig(
            "remote-windows",
            600.0,
            MoreThan,
            Level,
            Target,
            "突破600个",
        ));

        let mut w26 = item(
            "2026-01",
            Some(1),
            "远程虚拟窗口",
            &["gov-services"],
            &["2025-01"],
        );
        w26.targets.push(fig(
            "remote-windows",
            650.0,
            MoreThan,
            Level,
            Target,
            "超650个",
        ));
        let mut s26 = item(
            "2026-02",
            Some(2),
            "跨省通办",
            &["gov-services"],
            &["2025-02"],
        );
        s26.targets
            .push(fig("services", 100.0, Exactly, New, Target, "新增100项"));
        s26.targets.push(fig(
            "services",
            400.0,
            MoreThan,
            Cumulative,
            Target,
            "累计超过400项",
        ));
        let x26 = item("2026-x1", None, "无主题项目", &[], &["2024-03"]);
        let y26 = year(2026, 10, vec![w26, s26, x26]);
        (idx, y24, y25, y26)
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::*;
    use super::*;
    use crate::i18n::baseline_sentence;

    fn ids(cells: &[CellItem]) -> Vec<&str> {
        cells.iter().map(|c| c.id.as_str()).collect()
    }

    #[test]
    fn matrix_has_themes_in_index_order_and_years_ascending() {
        let (idx, a, b, c) = three_years();
        // Given out of order and with a duplicate: columns still ascend once each.
        let m = theme_matrix(&idx, &[(2026, &c), (2024, &a), (2025, &b), (2026, &c)]);
        assert_eq!(
            m.years.iter().map(|c| c.year).collect::<Vec<_>>(),
            vec![2024, 2025, 2026]
        );
        let rows: Vec<Option<&str>> = m.rows.iter().map(|r| r.theme.as_deref()).collect();
        // transport never occurs; culture occurs only in 2024; the unthemed row is last.
        assert_eq!(
            rows,
            vec![Some("health"), Some("gov-services"), Some("culture"), None]
        );
        assert_eq!(
            ids(m.cell("gov-services", 2024).unwrap()),
            vec!["2024-01", "2024-02"]
        );
        assert_eq!(
            ids(m.cell("gov-services", 2026).unwrap()),
            vec!["2026-01", "2026-02"]
        );
        assert_eq!(ids(m.cell("health", 2024).unwrap()), Vec::<&str>::new());
        assert_eq!(ids(m.cell("health", 2025).unwrap()), vec!["2025-03"]);
        assert!(m.cell("transport", 2025).is_none());
        assert!(m.cell("health", 2023).is_none());
        let unthemed = m.rows.last().unwrap();
        assert_eq!(ids(&unthemed.cells[2]), vec!["2026-x1"]);
        assert_eq!(m.cell("health", 2025).unwrap()[0].title.zh, "异地就医");
        assert_eq!(m.rows[0].name.in_lang(Lang::En), "Theme health");
        assert!(!m.is_complete());
    }

    #[test]
    fn matrix_keeps_theme_keys_the_index_does_not_know() {
        let (idx, _, b, _) = three_years();
        let mut b = b;
        b.items[2].themes.push("space".into());
        let m = theme_matrix(&idx, &[(2025, &b)]);
        let pos_space = m
            .rows
            .iter()
            .position(|r| r.theme.as_deref() == Some("space"));
        let pos_gov = m
            .rows
            .iter()
            .position(|r| r.theme.as_deref() == Some("gov-services"));
        assert!(
            pos_space > pos_gov,
            "unknown keys come after the index's themes"
        );
        assert_eq!(ids(m.cell("space", 2025).unwrap()), vec!["2025-03"]);
    }

    #[test]
    fn continued_new_and_dropped_come_from_curated_links_only() {
        let (idx, a, b, c) = three_years();
        let ts = classify(&idx, &[(2024, &a), (2025, &b), (2026, &c)]);
        assert_eq!(ts.len(), 2);

        let t = &ts[0];
        assert_eq!((t.from.year, t.to.year), (2024, 2025));
        let kinds: Vec<(&str, &ChangeKind)> =
            t.changes.iter().map(|c| (c.id.as_str(), &c.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                (
                    "2025-01",
                    &ChangeKind::Continues {
                        from: vec!["2024-01".into()]
                    }
                ),
                (
                    "2025-02",
                    &ChangeKind::Continues {
                        from: vec!["2024-02".into()]
                    }
                ),
                ("2025-03", &ChangeKind::New),
                ("2024-03", &ChangeKind::Dropped),
            ]
        );
        // 2024-03 is continued, but only in 2026: the dropped entry says so.
        assert_eq!(
            t.dropped().next().unwrap().links_outside,
            vec!["2026-x1".to_string()]
        );
        assert_eq!(t.dropped().next().unwrap().year, 2024);

        let t = &ts[1];
        assert_eq!((t.from.year, t.to.year), (2025, 2026));
        assert_eq!(t.continued().count(), 2);
        let x1 = t.changes.iter().find(|c| c.id == "2026-x1").unwrap();
        // A link that skips 2025 is not a continuation of the 2025 list.
        assert_eq!(x1.kind, ChangeKind::New);
        assert_eq!(x1.links_outside, vec!["2024-03".to_string()]);
        assert_eq!(
            t.dropped().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            vec!["2025-03"]
        );
    }

    #[test]
    fn similar_titles_are_not_links() {
        let a = year(
            2025,
            1,
            vec![item("2025-01", Some(1), "远程虚拟窗口", &[], &[])],
        );
        let b = year(
            2026,
            1,
            vec![item("2026-01", Some(1), "远程虚拟窗口", &[], &[])],
        );
        let idx = index(&[(2025, 1, 1), (2026, 1, 1)]);
        let t = &classify(&idx, &[(2025, &a), (2026, &b)])[0];
        assert_eq!(t.new_items().count(), 1);
        assert_eq!(t.dropped().count(), 1);
        assert!(!t.incomplete);
    }

    #[test]
    fn incomplete_flag_follows_index_and_file() {
        let full = |y: u16, n: u32| {
            year(
                y,
                n,
                (1..=n)
                    .map(|i| item(&format!("{y}-{i:02}"), Some(i), "t", &[], &[]))
                    .collect(),
            )
        };
        let (a, b) = (full(2025, 2), full(2026, 2));
        let idx = index(&[(2025, 2, 2), (2026, 2, 2)]);
        assert!(!classify(&idx, &[(2025, &a), (2026, &b)])[0].incomplete);
        // The index says the data lacks an item of 2025.
        let idx_partial = index(&[(2025, 2, 1), (2026, 2, 2)]);
        assert!(classify(&idx_partial, &[(2025, &a), (2026, &b)])[0].incomplete);
        // The file holds fewer items than published, whatever the index says.
        let mut short = full(2026, 2);
        short.items.pop();
        let t = &classify(&idx, &[(2025, &a), (2026, &short)])[0];
        assert!(t.incomplete);
        assert_eq!((t.to.items_in_data, t.to.items_published), (1, 2));
    }

    #[test]
    fn summaries_count_and_warn() {
        let (idx, a, b, c) = three_years();
        let ts = classify(&idx, &[(2024, &a), (2025, &b), (2026, &c)]);
        let zh = summary(&ts[1], Lang::Zh);
        assert!(
            zh.starts_with("2026 年清单中 2 项延续 2025 年的项目，1 项为新项目；2025 年清单中 1 项未在 2026 年清单中延续。"),
            "{zh}"
        );
        assert!(
            zh.contains("来源未给出完整清单")
                && zh.contains("2025 年清单共 10 项，来源中可查 3 项"),
            "{zh}"
        );
        let en = summary(&ts[1], Lang::En);
        assert!(
            en.starts_with("In the 2026 list, 2 items continue items from 2025 and 1 is new; 1 item of the 2025 list is not continued in the 2026 list."),
            "{en}"
        );
        assert!(en.contains("may be incomplete"), "{en}");

        let one = year(2025, 1, vec![item("2025-01", Some(1), "t", &[], &[])]);
        let two = year(
            2026,
            1,
            vec![item("2026-01", Some(1), "t", &[], &["2025-01"])],
        );
        let idx = index(&[(2025, 1, 1), (2026, 1, 1)]);
        let t = &classify(&idx, &[(2025, &one), (2026, &two)])[0];
        assert_eq!(
            summary(t, Lang::En),
            "In the 2026 list, 1 item continues items from 2025 and 0 are new; 0 items of the 2025 list are not continued in the 2026 list."
        );
        assert!(!summary(t, Lang::Zh).contains("不完整"));
    }

    fn remote(series: &Series) -> Vec<(u16, f64, Cmp, FigureKind, Option<&str>)> {
        series
            .points
            .iter()
            .map(|p| (p.year, p.value, p.cmp, p.kind, p.item.as_deref()))
            .collect()
    }

    #[test]
    fn series_chains_items_and_year_figures() {
        let (idx, a, b, c) = three_years();
        let s = metric_series(
            &idx,
            &[(2026, &c), (2025, &b), (2024, &a)],
            "remote-windows",
        );
        assert_eq!(s.name.zh, "跨省通办远程虚拟窗口");
        assert_eq!(s.years, vec![2024, 2025, 2026]);
        assert_eq!(
            remote(&s),
            vec![
                (
                    2024,
                    200.0,
                    Cmp::AtLeast,
                    FigureKind::Target,
                    Some("2024-01")
                ),
                (
                    2024,
                    515.0,
                    Cmp::Exactly,
                    FigureKind::Outcome,
                    Some("2024-01")
                ),
                (2025, 600.0, Cmp::MoreThan, FigureKind::Target, None),
                (
                    2026,
                    650.0,
                    Cmp::MoreThan,
                    FigureKind::Target,
                    Some("2026-01")
                ),
            ]
        );
        assert_eq!(s.points[3].quote, "超650个");
        assert_eq!(s.points[3].source, "src-a");
        let none = metric_series(&idx, &[(2024, &a)], "no-such-metric");
        assert!(none.points.is_empty());
        assert_eq!(none.name.zh, "no-such-metric");
    }

    #[test]
    fn a_paired_outcome_carries_its_target_and_standing_in_the_series() {
        let (idx, mut a, _, _) = three_years();
        let unpaired = metric_series(&idx, &[(2024, &a)], "remote-windows");
        assert!(unpaired.points.iter().all(|p| p.against.is_none()));
        a.items[0].outcomes[0].answers = Some(crate::model::Answer {
            target: 0,
            reason: Text::new("「开设」", "「开设」 (opened)"),
        });
        let s = metric_series(&idx, &[(2024, &a)], "remote-windows");
        let against = s.points[1].against.as_deref().expect("paired");
        assert_eq!(against.target.value, 200.0);
        assert_eq!(against.target.cmp, Cmp::AtLeast);
        assert_eq!(
            against.standing,
            crate::standing::Standing {
                verdict: crate::standing::Verdict::Exceeded,
                by: 315.0,
                share: Some(257.5)
            }
        );
        assert!(s.points[0].against.is_none(), "a target answers nothing");
        // A pairing the core cannot compare (another unit) says nothing.
        a.items[0].outcomes[0].unit = Text::new("项", "items");
        let s = metric_series(&idx, &[(2024, &a)], "remote-windows");
        assert!(s.points[1].against.is_none());
    }

    #[test]
    fn qualifiers_read_naturally() {
        let q = |v, c, s, u, l| format_qualified(v, c, s, u, l);
        assert_eq!(
            q(650.0, Cmp::MoreThan, Scope::Level, "个", Lang::Zh),
            "超 650 个"
        );
        assert_eq!(
            q(650.0, Cmp::MoreThan, Scope::Level, "windows", Lang::En),
            "more than 650 windows"
        );
        assert_eq!(
            q(200.0, Cmp::AtLeast, Scope::Level, "", Lang::Zh),
            "至少 200"
        );
        assert_eq!(
            q(400.0, Cmp::MoreThan, Scope::Cumulative, "项", Lang::Zh),
            "累计超 400 项"
        );
        assert_eq!(
            q(400.0, Cmp::MoreThan, Scope::Cumulative, "items", Lang::En),
            "more than 400 items in total"
        );
        assert_eq!(
            q(100.0, Cmp::Exactly, Scope::New, "项", Lang::Zh),
            "新增 100 项"
        );
        assert_eq!(
            q(100.0, Cmp::Exactly, Scope::New, "items", Lang::En),
            "100 new items"
        );
        assert_eq!(
            q(200.0, Cmp::About, Scope::Level, "项", Lang::Zh),
            "200 余项"
        );
        assert_eq!(
            q(13_000.0, Cmp::Exactly, Scope::Level, "", Lang::En),
            "13,000"
        );
        assert_eq!(cmp_word(Cmp::AtLeast, Lang::Zh), "至少");
        assert_eq!(cmp_word(Cmp::AtLeast, Lang::En), "at least");
        assert_eq!(scope_word(Scope::Cumulative, Lang::Zh), "累计");
        assert_eq!(scope_word(Scope::New, Lang::En), "new");

        let (idx, a, b, c) = three_years();
        let s = metric_series(&idx, &[(2024, &a), (2025, &b), (2026, &c)], "services");
        let labels: Vec<String> = s.points.iter().map(|p| p.short_label(Lang::En)).collect();
        assert_eq!(labels, vec!["≥200", "200+", "+100", "300", "+100", "400+"]);
    }

    #[test]
    fn implied_baselines_carry_the_qualifier_and_agree() {
        let (idx, a, b, c) = three_years();
        let s = metric_series(&idx, &[(2024, &a), (2025, &b), (2026, &c)], "services");
        let bs = implied_baselines(&s);
        let got: Vec<(u16, f64, Cmp)> = bs.iter().map(|b| (b.year, b.value, b.cmp)).collect();
        assert_eq!(
            got,
            vec![(2025, 200.0, Cmp::Exactly), (2026, 300.0, Cmp::MoreThan)]
        );

        // 2026: more than 400 − 100 = more than 300, agreeing with the 2025 cumulative target 300.
        let check = check_baseline(&bs[1], &s);
        assert_eq!(check.agreement, Agreement::Agrees);
        assert_eq!(check.compared_with.as_ref().map(|p| p.value), Some(300.0));
        let zh = baseline_sentence(&check, Lang::Zh);
        assert_eq!(
            zh,
            "2026 年目标隐含起点超 300 项（累计超 400 项减去新增 100 项），与 2025 年累计 300 项的目标一致。"
        );
        let en = baseline_sentence(&check, Lang::En);
        assert!(
            en.starts_with("The 2026 target implies a starting point of more than 300 items"),
            "{en}"
        );
        assert!(
            en.ends_with("which agrees with the 2025 target of 300 items in total."),
            "{en}"
        );

        // 2025: 300 − 100 = 200, compared with the 2024 reported total (an outcome wins over a target).
        let check = check_baseline(&bs[0], &s);
        assert_eq!(check.agreement, Agreement::Agrees);
        assert_eq!(
            check.compared_with.as_ref().map(|p| p.kind),
            Some(FigureKind::Outcome)
        );
        assert!(
            baseline_sentence(&check, Lang::Zh).contains("与 2024 年实际完成的累计超 200 项一致")
        );
    }

    #[test]
    fn a_disagreeing_or_unanchored_baseline_says_so() {
        let (idx, a, b, c) = three_years();
        let mut c = c;
        // Now 2026 claims more than 420 in total after 100 new: start 320, not 300.
        c.items[1].targets[1].value = 420.0;
        let s = metric_series(&idx, &[(2024, &a), (2025, &b), (2026, &c)], "services");
        let b26 = implied_baselines(&s)
            .into_iter()
            .find(|b| b.year == 2026)
            .unwrap();
        let check = check_baseline(&b26, &s);
        assert_eq!(check.agreement, Agreement::Differs { by: 20.0 });
        let zh = baseline_sentence(&check, Lang::Zh);
        assert!(
            zh.ends_with("，比 2025 年累计 300 项的目标多 20 项。"),
            "{zh}"
        );
        let en = baseline_sentence(&check, Lang::En);
        assert!(
            en.ends_with(", 20 items more than the 2025 target of 300 items in total."),
            "{en}"
        );

        // Without 2025 selected there is nothing to compare 2026 with.
        let s = metric_series(&idx, &[(2024, &a), (2026, &c)], "services");
        let b26 = implied_baselines(&s)
            .into_iter()
            .find(|b| b.year == 2026)
            .unwrap();
        let check = check_baseline(&b26, &s);
        assert_eq!(check.agreement, Agreement::NothingToCompare);
        assert!(baseline_sentence(&check, Lang::Zh).ends_with("；2025 年没有可比较的累计数字。"));
        assert!(baseline_sentence(&check, Lang::En)
            .ends_with("; there is no 2025 total to compare it with."));
    }

    #[test]
    fn bounds_carry_through_the_difference() {
        use Cmp::*;
        assert_eq!(difference_cmp(MoreThan, Exactly), Some(MoreThan));
        assert_eq!(difference_cmp(AtLeast, Exactly), Some(AtLeast));
        assert_eq!(difference_cmp(Exactly, AtMost), Some(AtLeast));
        assert_eq!(difference_cmp(Exactly, AtLeast), Some(AtMost));
        assert_eq!(difference_cmp(AtMost, MoreThan), Some(AtMost));
        assert_eq!(difference_cmp(Exactly, About), Some(About));
        assert_eq!(difference_cmp(AtLeast, AtLeast), None);
        assert_eq!(difference_cmp(MoreThan, About), None);
        assert_eq!(difference_cmp(Other, Exactly), None);
    }

    #[test]
    fn stated_baselines_and_open_bounds() {
        use crate::model::{Cmp::*, FigureKind::*, Scope::*};
        let mut i24 = item("2024-05", Some(5), "一卡通", &[], &[]);
        i24.outcomes
            .push(fig("one-card", 78.0, Exactly, Level, Outcome, "78项"));
        let mut i25 = item("2025-05", Some(5), "一卡通", &[], &["2024-05"]);
        let mut f = fig(
            "one-card",
            113.0,
            Exactly,
            Level,
            Target,
            "由78项拓展至113项",
        );
        f.from_value = Some(78.0);
        i25.targets.push(f);
        // At least 50 new and more than 200 in total: the start is open either way.
        i25.targets
            .push(fig("one-card", 50.0, AtLeast, New, Target, "新增50项以上"));
        i25.targets.push(fig(
            "one-card",
            200.0,
            MoreThan,
            Cumulative,
            Target,
            "累计超200项",
        ));
        let (a, b) = (year(2024, 10, vec![i24]), year(2025, 10, vec![i25]));
        let idx = index(&[]);
        let s = metric_series(&idx, &[(2024, &a), (2025, &b)], "one-card");
        let bs = implied_baselines(&s);
        assert_eq!(bs.len(), 1, "{bs:?}");
        assert!(matches!(bs[0].basis, BaselineBasis::Stated { .. }));
        assert_eq!((bs[0].year, bs[0].value), (2025, 78.0));
        let check = check_baseline(&bs[0], &s);
        assert_eq!(check.agreement, Agreement::Agrees);
        assert_eq!(
            baseline_sentence(&check, Lang::Zh),
            "2025 年目标写明起点 78 项，与 2024 年实际完成的 78 项一致。"
        );
    }
}
