//! Metric series as SVG, drawn with plotters' SVG backend into a string.
//!
//! Targets and reported outcomes differ in shape and line, not only in
//! colour (hollow circles on a dashed line versus filled squares on a solid
//! one; numbers added in a year are triangles without a line), and a legend
//! names them. Colours come from the app's palette (`palette.rs`): targets
//! in the accent, outcomes in the outcome colour. A chart is drawn in the
//! light palette and carries its dark twin as a style (`dark_style`), so
//! the same SVG follows the page into dark mode through CSS, natively
//! rendered or drawn in the browser alike.
//!
//! plotters writes a fixed-size `<svg>`; `metric_chart_svg` rewrites that
//! root tag so the chart scales with its container and has an accessible
//! name. Nothing here asks plotters to measure text (it would only for a
//! right-hand axis's labels, through the DOM on wasm32): the layout's own
//! estimates place every label, so a chart is the same SVG drawn natively
//! for a page and drawn in the browser.

use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::compare::{Point, Series};
use crate::i18n::{self, format_number, t};
use crate::model::{FigureKind, Lang, Scope};
use crate::palette::{channels, Palette, DARK, LIGHT};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChartOptions {
    pub width: u32,
    pub height: u32,
    pub lang: Lang,
}

impl Default for ChartOptions {
    fn default() -> Self {
        ChartOptions {
            width: 640,
            height: 360,
            lang: Lang::Zh,
        }
    }
}

/// A size a metric's chart is drawn at, for the windows up to `up_to`
/// pixels wide (`None`: any wider).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChartSize {
    pub width: u32,
    pub height: u32,
    pub up_to: Option<u32>,
}

impl ChartSize {
    /// The media query of the windows it serves (a `<source media>`).
    pub fn media(&self) -> Option<String> {
        self.up_to.map(|w| format!("(max-width: {w}px)"))
    }
}

/// The sizes a metric's chart is drawn at, narrowest first. Each is shown
/// scaled to its column by between about 0.85 and 1.3, so its 12 px labels
/// stay legible from a 320 px phone to the widest column; the page and the
/// app draw the same ones, so the app taking over a page changes no pixel.
pub const SIZES: [ChartSize; 3] = [
    ChartSize {
        width: 320,
        height: 240,
        up_to: Some(450),
    },
    ChartSize {
        width: 480,
        height: 288,
        up_to: Some(650),
    },
    ChartSize {
        width: 720,
        height: 432,
        up_to: None,
    },
];

fn rgb(hex: &str) -> RGBColor {
    let [r, g, b] = channels(hex);
    RGBColor(r, g, b)
}

/// plotters writes `font-size` as the given size / 1.24; 15 gives 12.1 px,
/// legible on a 320 px wide phone screen.
const FONT: f64 = 15.0;
/// The rendered size in CSS pixels, for our own layout estimates.
const FONT_PX: f64 = FONT / 1.24;
const FAMILY: &str = "sans-serif";

/// Rough width of a text: Han characters are square, Latin about half.
fn text_width(s: &str) -> f64 {
    s.chars()
        .map(|c| if c.is_ascii() { 0.6 } else { 1.0 })
        .sum::<f64>()
        * FONT_PX
}

/// Text for SVG: the control characters XML 1.0 does not allow at all
/// (every one below U+0020 but tab, line feed and carriage return) are
/// dropped, and the rest is escaped by the project's one escaper.
pub fn svg_text(s: &str) -> String {
    let allowed: String = s
        .chars()
        .filter(|&c| c >= ' ' || matches!(c, '\t' | '\n' | '\r'))
        .collect();
    html_escape::encode_double_quoted_attribute(&allowed).into_owned()
}

/// Each light colour's dark twin, where the SVG's colour scheme is dark.
/// An SVG shown through `<img>` takes the used `color-scheme` of its
/// element: the page's, which follows the system or an embed's `dark=1`.
/// Presentation attributes lose to any style rule, so these win over
/// plotters' `fill` and `stroke`.
fn dark_style() -> String {
    let rules: String = LIGHT
        .all()
        .iter()
        .zip(DARK.all())
        .map(|(light, dark)| {
            format!("[fill=\"{light}\"]{{fill:{dark}}}[stroke=\"{light}\"]{{stroke:{dark}}}")
        })
        .collect();
    format!("<style>@media (prefers-color-scheme:dark){{{rules}}}</style>\n")
}

/// Replaces plotters' root tag (`<svg width=.. height=.. viewBox=..
/// xmlns=..>`) with `new_root`, and puts `children` right after it.
/// plotters escapes `>` inside attribute values, so the first `>` after
/// `<svg` ends the tag.
fn replace_root(svg: &str, new_root: &str, children: &str) -> String {
    let tag_end = svg
        .find("<svg")
        .and_then(|start| svg[start..].find('>').map(|e| (start, start + e + 1)));
    match tag_end {
        Some((start, end)) => format!("{}{new_root}{children}{}", &svg[..start], &svg[end..]),
        None => format!("{new_root}{children}</svg>"),
    }
}

/// The points in words, for screen readers (`<desc>`).
fn chart_description(points: &[&Point], lang: Lang) -> String {
    let points: Vec<(u16, FigureKind, String)> = points
        .iter()
        .map(|p| (p.year, p.kind, p.qualified(lang)))
        .collect();
    i18n::chart_description(&points, lang)
}

/// Which mark a point gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    /// A target for a running total or level: hollow circle, dashed line.
    Target,
    /// A reported total or level: filled square, solid line.
    Outcome,
    /// A number added in the year: triangle, no line (joining it to totals
    /// would draw a drop that did not happen).
    Added,
}

fn mark_of(p: &Point) -> Mark {
    match (p.scope, p.kind) {
        (Scope::New, _) => Mark::Added,
        (_, FigureKind::Outcome) => Mark::Outcome,
        _ => Mark::Target,
    }
}

/// The points a chart draws: a number quoted in two places is one point.
fn distinct_points(series: &Series) -> Vec<&Point> {
    let mut out: Vec<&Point> = Vec::new();
    for p in &series.points {
        let same = |q: &&Point| {
            q.year == p.year
                && q.kind == p.kind
                && q.scope == p.scope
                && q.cmp == p.cmp
                && q.value == p.value
        };
        if !out.iter().any(same) && p.value.is_finite() {
            out.push(p);
        }
    }
    out
}

fn legend_text(mark: Mark, lang: Lang) -> &'static str {
    let tr = t(lang);
    match mark {
        Mark::Target => tr.chart_target,
        Mark::Outcome => tr.chart_reported,
        Mark::Added => tr.chart_added,
    }
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;
type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

fn present(root: &Area<'_>) -> DrawResult {
    root.present()?;
    Ok(())
}

/// A continuous x axis whose ticks are exactly the years we choose:
/// plotters' own f64 axis picks "nice" ticks such as 2024.5.
struct YearAxis {
    range: Range<f64>,
    ticks: Vec<f64>,
}

impl Ranged for YearAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, v: &f64, limit: (i32, i32)) -> i32 {
        let span = self.range.end - self.range.start;
        if span <= 0.0 {
            return (limit.0 + limit.1) / 2;
        }
        let t = (v - self.range.start) / span;
        limit.0 + (t * f64::from(limit.1 - limit.0)).round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.range.clone()
    }
}

/// The years to label on the x axis: all of them when they fit, else
/// every k-th so labels never overlap.
fn year_ticks(years: &[u16], plot_width: f64) -> Vec<f64> {
    let label = text_width("2026") + 12.0;
    let fit = ((plot_width / label).floor() as usize).max(1);
    let step = years.len().div_ceil(fit).max(1);
    years.iter().step_by(step).map(|&y| f64::from(y)).collect()
}

/// A line chart of one metric across years. Always returns an SVG, with a
/// message in it when there is nothing to draw.
pub fn metric_chart_svg(series: &Series, opts: &ChartOptions) -> String {
    let (w, h) = (opts.width.max(160), opts.height.max(120));
    let lang = opts.lang;
    let pal = &LIGHT;
    let points = distinct_points(series);
    let mut buf = String::new();
    let drawn = {
        let root = SVGBackend::with_string(&mut buf, (w, h)).into_drawing_area();
        draw_metric(&root, series, &points, opts, pal).and_then(|()| present(&root))
    };
    if drawn.is_err() {
        // A drawing error (none is expected) must not leave half a chart:
        // fall back to the bare frame with the message.
        buf = empty_svg(w, h, pal, t(lang).chart_no_figures);
    }
    let title = i18n::chart_title(series.name.in_lang(lang), lang);
    let desc = if points.is_empty() {
        t(lang).chart_no_figures.to_string()
    } else {
        chart_description(&points, lang)
    };
    let root = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" preserveAspectRatio="xMidYMid meet" role="img" lang="{}">"#,
        lang.code()
    );
    let children = format!(
        "<title>{}</title>\n<desc>{}</desc>\n{}",
        svg_text(&title),
        svg_text(&desc),
        dark_style()
    );
    replace_root(&buf, &root, &children)
}

fn empty_svg(w: u32, h: u32, pal: &Palette, message: &str) -> String {
    format!(
        r#"<svg width="{w}" height="{h}" viewBox="0 0 {w} {h}" xmlns="http://www.w3.org/2000/svg">
<rect x="0" y="0" width="{w}" height="{h}" fill="{}"/>
<text x="{}" y="{}" text-anchor="middle" font-family="{FAMILY}" font-size="{FONT_PX}" fill="{}">{}</text>
</svg>
"#,
        pal.bg,
        w / 2,
        h / 2,
        pal.text,
        svg_text(message)
    )
}

fn draw_metric(
    root: &Area<'_>,
    series: &Series,
    points: &[&Point],
    opts: &ChartOptions,
    pal: &Palette,
) -> DrawResult {
    let lang = opts.lang;
    let (w, _) = root.dim_in_pixel();
    let text = rgb(pal.text);
    let muted = rgb(pal.muted);
    let target = rgb(pal.accent);
    let outcome = rgb(pal.outcome);
    let colour_of = |m: Mark, p: &Point| match (m, p.kind) {
        (Mark::Outcome, _) | (Mark::Added, FigureKind::Outcome) => outcome,
        _ => target,
    };
    root.fill(&rgb(pal.bg))?;

    if points.is_empty() {
        let style = TextStyle::from((FAMILY, FONT).into_font())
            .color(&text)
            .pos(Pos::new(HPos::Center, VPos::Center));
        let (w, h) = root.dim_in_pixel();
        root.draw(&Text::new(
            t(lang).chart_no_figures,
            (w as i32 / 2, h as i32 / 2),
            style,
        ))?;
        return Ok(());
    }

    // Legend first, laid out in rows above the plot so it never covers a
    // point, however narrow the chart.
    let mut marks: Vec<Mark> = Vec::new();
    for m in [Mark::Target, Mark::Outcome, Mark::Added] {
        if points.iter().any(|p| mark_of(p) == m) {
            marks.push(m);
        }
    }
    let row_h = (FONT_PX * 1.8).round() as i32;
    let mut cursor = (8i32, row_h / 2 + 4);
    let mut legend_items = Vec::new();
    for &m in &marks {
        let label = legend_text(m, lang);
        let item_w = 28 + text_width(label).ceil() as i32 + 16;
        if cursor.0 > 8 && cursor.0 + item_w > w as i32 - 8 {
            cursor = (8, cursor.1 + row_h);
        }
        legend_items.push((m, label, cursor));
        cursor.0 += item_w;
    }
    let legend_h = (cursor.1 + row_h / 2 + 4).max(0) as u32;
    let (legend, plot) = root.split_vertically(legend_h);
    let label_style = TextStyle::from((FAMILY, FONT).into_font())
        .color(&text)
        .pos(Pos::new(HPos::Left, VPos::Center));
    for (m, label, (x, y)) in legend_items {
        let c = match m {
            Mark::Outcome => outcome,
            _ => target,
        };
        match m {
            Mark::Target => {
                // A dash, a hollow circle, a dash: the look of the series.
                legend.draw(&PathElement::new(
                    vec![(x, y), (x + 6, y)],
                    c.stroke_width(2),
                ))?;
                legend.draw(&PathElement::new(
                    vec![(x + 16, y), (x + 22, y)],
                    c.stroke_width(2),
                ))?;
                legend.draw(&Circle::new((x + 11, y), 4, c.stroke_width(2)))?;
            }
            Mark::Outcome => {
                legend.draw(&PathElement::new(
                    vec![(x, y), (x + 22, y)],
                    c.stroke_width(2),
                ))?;
                legend.draw(&Rectangle::new(
                    [(x + 7, y - 4), (x + 15, y + 4)],
                    c.filled(),
                ))?;
            }
            Mark::Added => {
                legend.draw(
                    &(EmptyElement::at((x + 11, y))
                        + PathElement::new(triangle(5, true), c.stroke_width(2))),
                )?;
            }
        }
        legend.draw(&Text::new(label, (x + 28, y), label_style.clone()))?;
    }

    // Axes.
    let mut years: Vec<u16> = series.years.clone();
    years.extend(points.iter().map(|p| p.year));
    years.sort_unstable();
    years.dedup();
    let (first, last) = (f64::from(years[0]), f64::from(years[years.len() - 1]));
    let top = points
        .iter()
        .map(|p| p.value.max(p.from_value.unwrap_or(0.0)))
        .fold(0.0_f64, f64::max);
    // Room above the highest point for its label; the axis starts at zero
    // so heights compare honestly.
    let y_max = if top > 0.0 { top * 1.2 } else { 1.0 };
    let y_min = points.iter().map(|p| p.value).fold(0.0_f64, f64::min);
    let widest_y = [y_min, y_max / 2.0, y_max]
        .iter()
        .map(|v| text_width(&format_number(*v, lang)))
        .fold(0.0, f64::max);
    let y_label_w = (widest_y + FONT_PX * 1.6 + 10.0).ceil() as u32;
    let x_label_h = (FONT_PX * 3.4).ceil() as u32;
    let plot_w = f64::from(w.saturating_sub(y_label_w + 24));
    let ticks = year_ticks(&years, plot_w);

    let mut chart = ChartBuilder::on(&plot)
        .margin_top(8)
        .margin_right(16)
        .margin_left(4)
        .x_label_area_size(x_label_h)
        .y_label_area_size(y_label_w)
        .build_cartesian_2d(
            YearAxis {
                range: (first - 0.5)..(last + 0.5),
                ticks,
            },
            y_min..y_max,
        )?;

    let unit = series.unit.in_lang(lang);
    let (x_desc, y_desc) = (t(lang).chart_year_axis, i18n::chart_value_axis(unit, lang));
    let tick_font = TextStyle::from((FAMILY, FONT).into_font()).color(&muted);
    let desc_font = TextStyle::from((FAMILY, FONT).into_font()).color(&text);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .y_labels(5)
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| format_number(*y, lang))
        .bold_line_style(rgb(pal.border).stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(muted.stroke_width(1))
        .label_style(tick_font)
        .axis_desc_style(desc_font)
        .x_desc(x_desc)
        .y_desc(y_desc)
        .draw()?;

    let line_of = |m: Mark| -> Vec<(f64, f64)> {
        points
            .iter()
            .filter(|p| mark_of(p) == m)
            .map(|p| (f64::from(p.year), p.value))
            .collect()
    };
    chart.draw_series(DashedLineSeries::new(
        line_of(Mark::Target),
        6,
        4,
        target.stroke_width(2),
    ))?;
    chart.draw_series(LineSeries::new(
        line_of(Mark::Outcome),
        outcome.stroke_width(2),
    ))?;

    for p in points {
        let m = mark_of(p);
        let c = colour_of(m, p);
        let at = (f64::from(p.year), p.value);
        match m {
            Mark::Target => {
                chart.draw_series(std::iter::once(Circle::new(at, 5, c.stroke_width(2))))?;
            }
            Mark::Outcome => {
                chart.draw_series(std::iter::once(
                    EmptyElement::at(at) + Rectangle::new([(-5, -5), (5, 5)], c.filled()),
                ))?;
            }
            Mark::Added if p.kind == FigureKind::Outcome => {
                chart.draw_series(std::iter::once(
                    EmptyElement::at(at) + Polygon::new(triangle(6, false), c.filled()),
                ))?;
            }
            Mark::Added => {
                chart.draw_series(std::iter::once(
                    EmptyElement::at(at) + PathElement::new(triangle(6, true), c.stroke_width(2)),
                ))?;
            }
        }
        // Targets label above, outcomes below, additions to the right, so a
        // target and an outcome of the same year never share a spot.
        let (offset, pos) = match m {
            Mark::Target => ((0, -9), Pos::new(HPos::Center, VPos::Bottom)),
            Mark::Outcome => ((0, 9), Pos::new(HPos::Center, VPos::Top)),
            Mark::Added => ((10, 0), Pos::new(HPos::Left, VPos::Center)),
        };
        let style = TextStyle::from((FAMILY, FONT).into_font().style(FontStyle::Bold))
            .color(&c)
            .pos(pos);
        chart.draw_series(std::iter::once(
            EmptyElement::at(at) + Text::new(p.short_label(lang), offset, style),
        ))?;
    }
    Ok(())
}

/// The corners of a triangle around the origin, closed for an outline.
/// (plotters' `TriangleMarker` is always filled; a hollow triangle is how
/// an added target differs from an added outcome other than by colour.)
fn triangle(r: i32, closed: bool) -> Vec<(i32, i32)> {
    let mut pts = vec![(0, -r), (r, r * 2 / 3), (-r, r * 2 / 3)];
    if closed {
        pts.push((0, -r));
    }
    pts
}

/// A placeholder colour swapped for `currentColor` afterwards, so a
/// sparkline takes the colour of the text around it (light or dark alike).
const SPARK_SENTINEL: &str = "#010203";

/// A tiny chart for a list or card: lines and marks only, no text, hidden
/// from screen readers (the numbers are in the text next to it). Drawn in
/// `currentColor`, which only works inline in the page: an SVG shown
/// through `<img>` does not inherit the page's colour (it would be black on
/// the dark background), so use `sparkline_image` there.
pub fn sparkline_svg(series: &Series, w: u32, h: u32) -> String {
    sparkline_with(series, w, h, "currentColor", "")
}

/// The sparkline in the palette's text colour, light or dark as the image's
/// colour scheme is, for use as an image.
pub fn sparkline_image(series: &Series, w: u32, h: u32) -> String {
    sparkline_with(series, w, h, LIGHT.text, &dark_style())
}

fn sparkline_with(series: &Series, w: u32, h: u32, colour: &str, style: &str) -> String {
    let (w, h) = (w.max(8), h.max(8));
    let points = distinct_points(series);
    let mut buf = String::new();
    let drawn = {
        let root = SVGBackend::with_string(&mut buf, (w, h)).into_drawing_area();
        draw_sparkline(&root, &points).and_then(|()| present(&root))
    };
    if drawn.is_err() {
        buf = format!(r#"<svg width="{w}" height="{h}"></svg>"#);
    }
    let root = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" aria-hidden="true" focusable="false">"#
    );
    replace_root(&buf, &root, style).replace(SPARK_SENTINEL, colour)
}

fn draw_sparkline(root: &Area<'_>, points: &[&Point]) -> DrawResult {
    let drawn: Vec<&&Point> = points
        .iter()
        .filter(|p| mark_of(p) != Mark::Added)
        .collect();
    if drawn.is_empty() {
        return Ok(());
    }
    let c = rgb(SPARK_SENTINEL);
    let first = drawn.iter().map(|p| p.year).min().unwrap_or(0);
    let last = drawn.iter().map(|p| p.year).max().unwrap_or(0);
    let top = drawn.iter().map(|p| p.value).fold(0.0_f64, f64::max);
    let bottom = drawn.iter().map(|p| p.value).fold(0.0_f64, f64::min);
    let mut chart = ChartBuilder::on(root).margin(3).build_cartesian_2d(
        (f64::from(first) - 0.25)..(f64::from(last) + 0.25),
        bottom..(if top > bottom { top } else { bottom + 1.0 }),
    )?;
    let line = |m: Mark| -> Vec<(f64, f64)> {
        drawn
            .iter()
            .filter(|p| mark_of(p) == m)
            .map(|p| (f64::from(p.year), p.value))
            .collect()
    };
    chart.draw_series(DashedLineSeries::new(
        line(Mark::Target),
        3,
        2,
        c.stroke_width(1),
    ))?;
    chart.draw_series(LineSeries::new(line(Mark::Outcome), c.stroke_width(2)))?;
    for p in drawn {
        let at = (f64::from(p.year), p.value);
        if mark_of(p) == Mark::Outcome {
            chart.draw_series(std::iter::once(
                EmptyElement::at(at) + Rectangle::new([(-2, -2), (2, 2)], c.filled()),
            ))?;
        } else {
            chart.draw_series(std::iter::once(Circle::new(at, 2, c.stroke_width(1))))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::fixtures::three_years;
    use crate::compare::metric_series;

    /// A small XML well-formedness checker: balanced tags, one root, quoted
    /// attributes, only the predefined or numeric entities, no stray `<`.
    fn check_xml(s: &str) -> Result<(), String> {
        fn check_entities(text: &str) -> Result<(), String> {
            let mut rest = text;
            while let Some(i) = rest.find('&') {
                let tail = &rest[i + 1..];
                let end = tail
                    .find(';')
                    .ok_or_else(|| format!("unterminated entity in {text:?}"))?;
                let name = &tail[..end];
                let ok = matches!(name, "lt" | "gt" | "amp" | "quot" | "apos")
                    || (name.starts_with('#')
                        && name.len() > 1
                        && name[1..].bytes().all(|b| b.is_ascii_alphanumeric()));
                if !ok {
                    return Err(format!("bad entity &{name};"));
                }
                rest = &tail[end + 1..];
            }
            Ok(())
        }
        let mut stack: Vec<String> = Vec::new();
        let mut roots = 0;
        let mut rest = s;
        while let Some(i) = rest.find('<') {
            let text = &rest[..i];
            if stack.is_empty() && !text.trim().is_empty() {
                return Err(format!("text outside the root: {text:?}"));
            }
            check_entities(text)?;
            rest = &rest[i..];
            if let Some(r) = rest.strip_prefix("<!--") {
                rest = &r[r.find("-->").ok_or("unterminated comment")? + 3..];
                continue;
            }
            let end = rest.find('>').ok_or("unterminated tag")?;
            let tag = &rest[1..end];
            rest = &rest[end + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                let open = stack
                    .pop()
                    .ok_or_else(|| format!("</{name}> without an open tag"))?;
                if open != name.trim() {
                    return Err(format!("<{open}> closed by </{name}>"));
                }
                continue;
            }
            let self_closing = tag.ends_with('/');
            let body = tag.trim_end_matches('/');
            let name_end = body.find(char::is_whitespace).unwrap_or(body.len());
            let name = &body[..name_end];
            if name.is_empty()
                || !name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == ':' || c == '-')
            {
                return Err(format!("bad tag name in <{tag}>"));
            }
            let mut attrs = body[name_end..].trim();
            let mut seen = Vec::new();
            while !attrs.is_empty() {
                let eq = attrs
                    .find('=')
                    .ok_or_else(|| format!("attribute without value in <{tag}>"))?;
                let key = attrs[..eq].trim();
                if key.is_empty() || seen.contains(&key) {
                    return Err(format!("empty or repeated attribute {key:?} in <{name}>"));
                }
                seen.push(key);
                let after = &attrs[eq + 1..];
                let q = after.chars().next().ok_or("missing value")?;
                if q != '"' && q != '\'' {
                    return Err(format!("unquoted attribute {key} in <{name}>"));
                }
                let close = after[1..].find(q).ok_or("unterminated attribute")?;
                let value = &after[1..1 + close];
                if value.contains('<') {
                    return Err(format!("'<' in attribute {key}"));
                }
                check_entities(value)?;
                attrs = after[close + 2..].trim_start();
            }
            if stack.is_empty() {
                roots += 1;
            }
            if !self_closing {
                stack.push(name.to_string());
            }
        }
        if !rest.trim().is_empty() {
            return Err(format!("trailing text {rest:?}"));
        }
        match (stack.is_empty(), roots) {
            (true, 1) => Ok(()),
            (false, _) => Err(format!("unclosed {stack:?}")),
            (_, n) => Err(format!("{n} root elements")),
        }
    }

    /// The contents of every `<text>` element, trimmed.
    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| {
                let open_end = t.find('>')?;
                let close = t.find("</text>")?;
                Some(t[open_end + 1..close].trim().to_string())
            })
            .collect()
    }

    fn attr_values<'a>(svg: &'a str, attr: &str) -> Vec<&'a str> {
        let needle = format!(" {attr}=\"");
        svg.match_indices(&needle)
            .filter_map(|(i, _)| {
                let v = &svg[i + needle.len()..];
                v.find('"').map(|e| &v[..e])
            })
            .collect()
    }

    fn remote_windows() -> Series {
        let (idx, a, b, c) = three_years();
        metric_series(
            &idx,
            &[(2024, &a), (2025, &b), (2026, &c)],
            "remote-windows",
        )
    }

    fn opts(width: u32, lang: Lang) -> ChartOptions {
        ChartOptions {
            width,
            height: width * 3 / 4,
            lang,
        }
    }

    #[test]
    fn the_checker_rejects_broken_xml() {
        assert!(check_xml("<svg><g></g></svg>").is_ok());
        assert!(check_xml("<svg><g></svg>").is_err());
        assert!(check_xml("<svg a=1></svg>").is_err());
        assert!(check_xml("<svg><text>a & b</text></svg>").is_err());
        assert!(check_xml("<svg a=\"x\" a=\"y\"></svg>").is_err());
        assert!(check_xml("<svg></svg><svg></svg>").is_err());
    }

    #[test]
    fn chart_is_well_formed_in_every_variant() {
        let s = remote_windows();
        for lang in [Lang::Zh, Lang::En] {
            for width in [320, 640, 1200] {
                let svg = metric_chart_svg(&s, &opts(width, lang));
                check_xml(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
            }
        }
    }

    #[test]
    fn chart_shows_values_years_axes_and_legend() {
        let svg = metric_chart_svg(&remote_windows(), &opts(640, Lang::En));
        let t = texts(&svg);
        for label in [
            "≥200",
            "515",
            "600+",
            "650+",
            "2024",
            "2025",
            "2026",
            "Year",
            "Number (windows)",
            "Target",
            "Reported",
        ] {
            assert!(t.iter().any(|x| x == label), "{label} missing from {t:?}");
        }
        // A point label sits above its target or below its outcome; none twice.
        assert_eq!(t.iter().filter(|x| *x == "515").count(), 1);
        let zh = texts(&metric_chart_svg(&remote_windows(), &opts(640, Lang::Zh)));
        for label in ["年度", "数量（个）", "目标", "实际完成"] {
            assert!(zh.iter().any(|x| x == label), "{label} missing from {zh:?}");
        }
    }

    #[test]
    fn targets_and_outcomes_differ_in_shape_not_only_colour() {
        let svg = metric_chart_svg(&remote_windows(), &opts(640, Lang::En));
        // Hollow circles for targets, filled squares for outcomes.
        let hollow_target = svg.split("<circle").skip(1).any(|c| {
            c.contains("fill=\"none\"") && c.contains(&format!("stroke=\"{}\"", LIGHT.accent))
        });
        assert!(hollow_target, "{svg}");
        let filled_outcome = svg.split("<rect").skip(1).any(|r| {
            r.contains(&format!("fill=\"{}\"", LIGHT.outcome)) && r.contains("width=\"10\"")
        });
        assert!(filled_outcome, "{svg}");
        // Dashes: the target line is drawn as several short pieces.
        let target_pieces = svg
            .split("<polyline")
            .skip(1)
            .filter(|l| l.contains(&format!("stroke=\"{}\"", LIGHT.accent)))
            .count();
        assert!(target_pieces > 5, "{target_pieces}");
    }

    #[test]
    fn chart_scales_and_has_an_accessible_name() {
        let mut s = remote_windows();
        s.name.en = Some("Windows <&> \"quoted\"".into());
        let svg = metric_chart_svg(&s, &opts(640, Lang::En));
        check_xml(&svg).unwrap();
        let root = &svg[..svg.find('>').unwrap()];
        assert!(root.contains("viewBox=\"0 0 640 480\""), "{root}");
        assert!(root.contains("width=\"100%\""), "{root}");
        assert!(root.contains("role=\"img\""), "{root}");
        assert!(!root.contains("height="), "{root}");
        let after_root = svg[root.len() + 1..].trim_start();
        assert!(
            after_root.starts_with("<title>Windows &lt;&amp;&gt; &quot;quoted&quot;: targets and reported results by year</title>"),
            "{after_root}"
        );
        assert!(
            svg.contains("<desc>2024 target: at least 200 windows; 2024 reported: 515 windows;"),
            "{svg}"
        );
        assert_eq!(svg.matches("<svg").count(), 1);
    }

    #[test]
    fn control_characters_in_the_data_never_reach_the_svg() {
        let mut s = remote_windows();
        s.name.en = Some("Win\u{1}dows\u{b}\u{0}\t<b>".into());
        let svg = metric_chart_svg(&s, &opts(640, Lang::En));
        check_xml(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
        let forbidden = |c: char| c < ' ' && !matches!(c, '\t' | '\n' | '\r');
        assert!(!svg.contains(forbidden), "{svg}");
        assert!(svg.contains("<title>Windows\t&lt;b&gt;: targets"), "{svg}");
    }

    #[test]
    fn each_size_is_shown_near_its_own_size_from_a_phone_to_the_widest_column() {
        // The chart's column: the window less the page's padding, at most
        // the main column's 60rem less its padding.
        let column = |window: u32| f64::from(window.min(960) - 34);
        let mut from = 320;
        for size in SIZES {
            let to = size.up_to.unwrap_or(960);
            for window in [from, to] {
                let scale = column(window) / f64::from(size.width);
                // Labels of 12.1 px between 10.3 and 15.7 px on screen.
                assert!(
                    (0.85..=1.3).contains(&scale),
                    "{size:?} at {window}: {scale}"
                );
            }
            from = to + 1;
        }
        assert_eq!(
            SIZES.last().unwrap().up_to,
            None,
            "the widest serves any window"
        );
    }

    #[test]
    fn text_stays_legible_at_phone_width() {
        let svg = metric_chart_svg(&remote_windows(), &opts(320, Lang::Zh));
        let sizes = attr_values(&svg, "font-size");
        assert!(!sizes.is_empty());
        for s in sizes {
            let px: f64 = s.parse().unwrap();
            assert!(px >= 11.0, "font-size {px} below 11 px");
        }
        // Nothing is drawn outside the 320 px wide view box.
        for x in attr_values(&svg, "x") {
            let x: f64 = x.parse().unwrap();
            assert!((0.0..=320.0).contains(&x), "x={x}");
        }
    }

    #[test]
    fn dark_mode_gives_every_light_colour_its_dark_twin() {
        let svg = metric_chart_svg(&remote_windows(), &opts(640, Lang::En));
        // Drawn in the light palette…
        for c in [LIGHT.bg, LIGHT.text, LIGHT.accent, LIGHT.outcome] {
            assert!(svg.contains(&format!("=\"{c}\"")), "{c} missing");
        }
        // …each colour it draws in turned dark where the scheme is.
        let (_, dark) = svg
            .split_once("@media (prefers-color-scheme:dark){")
            .unwrap();
        for (light, twin) in LIGHT.all().iter().zip(DARK.all()) {
            assert!(
                dark.contains(&format!("[fill=\"{light}\"]{{fill:{twin}}}")),
                "{light}"
            );
            assert!(
                dark.contains(&format!("[stroke=\"{light}\"]{{stroke:{twin}}}")),
                "{light}"
            );
        }
        let drawn: std::collections::BTreeSet<&str> = ["fill", "stroke"]
            .iter()
            .flat_map(|a| attr_values(&svg, a))
            .filter(|v| v.starts_with('#'))
            .collect();
        for c in drawn {
            assert!(
                LIGHT.all().contains(&c),
                "{c} is not a palette colour: it would stay light"
            );
        }
    }

    #[test]
    fn added_numbers_get_their_own_mark() {
        let (idx, a, b, c) = three_years();
        let s = metric_series(&idx, &[(2024, &a), (2025, &b), (2026, &c)], "services");
        let svg = metric_chart_svg(&s, &opts(640, Lang::En));
        check_xml(&svg).unwrap();
        let t = texts(&svg);
        assert!(t.iter().any(|x| x == "Added in the year"), "{t:?}");
        assert_eq!(t.iter().filter(|x| *x == "+100").count(), 2);
        assert!(t.iter().any(|x| x == "400+"));
    }

    #[test]
    fn an_empty_series_still_gives_a_named_svg() {
        let (idx, a, _, _) = three_years();
        let s = metric_series(&idx, &[(2024, &a)], "nothing");
        let svg = metric_chart_svg(&s, &opts(320, Lang::Zh));
        check_xml(&svg).unwrap();
        assert!(texts(&svg).iter().any(|x| x == "来源中没有该指标的数字"));
        assert!(svg.contains("<title>"));
    }

    #[test]
    fn sparkline_is_tiny_silent_and_inherits_colour() {
        let svg = sparkline_svg(&remote_windows(), 80, 24);
        check_xml(&svg).unwrap();
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"80\" height=\"24\""),
            "{svg}"
        );
        assert!(svg.contains("aria-hidden=\"true\""));
        assert!(!svg.contains("<text"));
        assert!(svg.contains("currentColor"));
        assert!(!svg.contains(SPARK_SENTINEL));
        assert!(svg.contains("<polyline"));
        let image = sparkline_image(&remote_windows(), 80, 24);
        check_xml(&image).unwrap();
        assert!(image.contains(LIGHT.text) && !image.contains("currentColor"));
        assert!(image.contains(&format!("{{stroke:{}}}", DARK.text)));
    }
}
