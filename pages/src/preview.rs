//! Preview images for link previews (`og:image`): a pledge's card and a
//! metric's chart, 1200 × 630 PNGs (the size Open Graph readers crop
//! least), laid out in SVG here and drawn by resvg with the Noto CJK fonts
//! set-up installs. SVG has no line breaking, so the layout measures its
//! lines with the same fonts that draw them.

use std::sync::Arc;

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};
use yrd_pledges::chart::{metric_chart_svg, svg_text, ChartOptions};
use yrd_pledges::compare::{figure_value, Series};
use yrd_pledges::i18n::{self, t};
use yrd_pledges::model::{Item, Lang};
use yrd_pledges::palette::LIGHT;

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;
/// The space left and right of the text.
const MARGIN: f32 = 64.0;
/// The width of the text between the margins.
const WIDE: f32 = WIDTH as f32 - 2.0 * MARGIN;
/// The families tried in turn, the Simplified Chinese face first.
const FAMILIES: [&str; 2] = ["Noto Sans CJK SC", "Noto Sans SC"];

/// Draws preview images: the fonts, found once.
pub struct Painter {
    options: usvg::Options<'static>,
}

impl Painter {
    /// The painter with the system's fonts, or why there is none: without
    /// a CJK face the titles would be drawn as empty boxes.
    pub fn new() -> Result<Painter, String> {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        let family = FAMILIES
            .into_iter()
            .find(|f| {
                db.query(&fontdb::Query {
                    families: &[fontdb::Family::Name(f)],
                    ..fontdb::Query::default()
                })
                .is_some()
            })
            .ok_or(
                "preview images need the Noto Sans CJK fonts (the system package \
                 fonts-noto-cjk, which `cargo xtask setup` installs)",
            )?;
        db.set_sans_serif_family(family);
        let options = usvg::Options {
            font_family: family.to_string(),
            languages: vec!["zh-CN".into(), "en".into()],
            fontdb: Arc::new(db),
            ..usvg::Options::default()
        };
        Ok(Painter { options })
    }

    fn tree(&self, svg: &str) -> Result<usvg::Tree, String> {
        usvg::Tree::from_str(svg, &self.options).map_err(|e| format!("preview image: {e}"))
    }

    /// How wide `text` is drawn at `size` px, bold or not.
    pub fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text x="0" y="100" font-size="{size}" font-weight="{}">{}</text></svg>"#,
            if bold { 700 } else { 400 },
            svg_text(text)
        );
        self.tree(&svg)
            .map(|t| t.root().abs_bounding_box().width())
            .unwrap_or(f32::MAX)
    }

    /// `svg` (the size of a preview) drawn as a PNG, with `inset` (an SVG
    /// of any size) scaled into the box `(x, y, w, h)` over it.
    pub fn png(&self, svg: &str, inset: Option<(&str, [f32; 4])>) -> Result<Vec<u8>, String> {
        let mut pixmap = Pixmap::new(WIDTH, HEIGHT).ok_or("preview image: no pixmap")?;
        resvg::render(&self.tree(svg)?, Transform::default(), &mut pixmap.as_mut());
        if let Some((inset, [x, y, w, h])) = inset {
            let tree = self.tree(inset)?;
            let size = tree.size();
            let scale = (w / size.width()).min(h / size.height());
            let dx = x + (w - size.width() * scale) / 2.0;
            let at = Transform::from_scale(scale, scale).post_translate(dx, y);
            resvg::render(&tree, at, &mut pixmap.as_mut());
        }
        pixmap
            .encode_png()
            .map_err(|e| format!("preview image: {e}"))
    }

    /// `text` in lines no wider than `max`, at most `lines` of them, the
    /// last ending in "…" where the text goes on. Breaks fall between Han
    /// characters and at spaces.
    pub fn wrap(&self, text: &str, size: f32, bold: bool, max: f32, lines: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut line = String::new();
        for word in tokens(text) {
            let candidate = format!("{line}{word}");
            if line.is_empty() || self.width(candidate.trim_end(), size, bold) <= max {
                line = candidate;
                continue;
            }
            out.push(line.trim_end().to_string());
            line = word.trim_start().to_string();
            if out.len() == lines {
                break;
            }
        }
        let cut = out.len() == lines;
        if !cut && !line.trim().is_empty() {
            out.push(line.trim_end().to_string());
        }
        if cut {
            let last = out.pop().unwrap_or_default();
            out.push(self.ellipsis(&last, size, bold, max));
        }
        out
    }

    /// `text` shortened to end in "…" within `max`.
    fn ellipsis(&self, text: &str, size: f32, bold: bool, max: f32) -> String {
        let mut chars: Vec<char> = text.chars().collect();
        loop {
            let s: String = chars.iter().collect::<String>().trim_end().to_string() + "…";
            if chars.is_empty() || self.width(&s, size, bold) <= max {
                return s;
            }
            chars.pop();
        }
    }
}

/// `text` cut where a line may break: after each Han character or
/// full-width mark, and after each run of spaces.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut chars = text
        .split_whitespace()
        .flat_map(|w| w.chars().chain([' ']))
        .peekable();
    while let Some(c) = chars.next() {
        word.push(c);
        let wide = !c.is_ascii();
        let next_space = chars.peek() == Some(&' ');
        if c == ' ' || (wide && !next_space) {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// One line of text, its baseline starting at `(x, y)` (ending there
/// where `end`).
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub bold: bool,
    pub fill: &'static str,
    pub end: bool,
    pub text: String,
}

impl Line {
    fn new(x: f32, y: f32, size: f32, bold: bool, fill: &'static str, text: &str) -> Line {
        Line {
            x,
            y,
            size,
            bold,
            fill,
            end: false,
            text: text.to_string(),
        }
    }

    fn svg(&self) -> String {
        format!(
            r#"<text x="{}" y="{}" font-size="{}" font-weight="{}" fill="{}"{}>{}</text>"#,
            self.x,
            self.y,
            self.size,
            if self.bold { 700 } else { 400 },
            self.fill,
            if self.end {
                r#" text-anchor="end""#
            } else {
                ""
            },
            svg_text(&self.text)
        )
    }
}

/// A preview laid out: its lines of text, and the chart it shows in the
/// box `(x, y, w, h)`, if any.
pub struct Layout {
    pub lines: Vec<Line>,
    pub chart: Option<(String, [f32; 4])>,
}

impl Layout {
    /// The first line every preview shares: what the image is of, and the
    /// site's name at the right.
    fn new(lang: Lang, kicker: &str) -> Layout {
        let site = Line {
            end: true,
            ..Line::new(
                WIDTH as f32 - MARGIN,
                84.0,
                32.0,
                true,
                LIGHT.accent,
                t(lang).app_title,
            )
        };
        Layout {
            lines: vec![
                Line::new(MARGIN, 84.0, 32.0, false, LIGHT.muted, kicker),
                site,
            ],
            chart: None,
        }
    }

    /// `text` as the title, bold in lines of `size` from the baseline `y`,
    /// at most `lines` of them; returns the baseline the next line would
    /// have.
    fn title(&mut self, p: &Painter, text: &str, mut y: f32, size: f32, lines: usize) -> f32 {
        for line in p.wrap(text, size, true, WIDE, lines) {
            self.lines
                .push(Line::new(MARGIN, y, size, true, LIGHT.text, &line));
            y += size * 1.3;
        }
        y
    }

    /// The preview as an SVG of its size, on the page's colour under the
    /// accent's band.
    pub fn svg(&self) -> String {
        let (w, h) = (WIDTH, HEIGHT);
        let lines: String = self.lines.iter().map(Line::svg).collect();
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}"><rect width="{w}" height="{h}" fill="{}"/><rect width="{w}" height="14" fill="{}"/>{lines}</svg>"#,
            LIGHT.bg, LIGHT.accent,
        )
    }

    pub fn png(&self, p: &Painter) -> Result<Vec<u8>, String> {
        let chart = self.chart.as_ref().map(|(svg, at)| (svg.as_str(), *at));
        p.png(&self.svg(), chart)
    }
}

/// A pledge's preview: its year and number, its title, its first two key
/// figures (as its widget shows them) and its lead units.
pub fn pledge(p: &Painter, year: u16, item: &Item, lang: Lang) -> Layout {
    let kicker = format!(
        "{} · {}",
        i18n::year_heading(year, lang),
        i18n::item_number(item.number, lang)
    );
    let mut layout = Layout::new(lang, &kicker);
    let y = layout.title(p, item.title.in_lang(lang), 170.0, 60.0, 3);
    layout.lines.extend(figures(p, item, lang, y + 30.0));
    if let Some(lead) = item.lead_text.as_ref().map(|l| l.in_lang(lang)) {
        let line = format!("{}: {lead}", t(lang).leads_label);
        let line = p.wrap(&line, 28.0, false, WIDE, 1).concat();
        let y = HEIGHT as f32 - 48.0;
        layout
            .lines
            .push(Line::new(MARGIN, y, 28.0, false, LIGHT.muted, &line));
    }
    layout
}

/// The first two key figures side by side from the baseline `y`, each its
/// value over its label. A value is never cut: the values take a smaller
/// size together, then two lines each.
fn figures(p: &Painter, item: &Item, lang: Lang, y: f32) -> Vec<Line> {
    let figures: Vec<_> = item.targets.iter().chain(&item.outcomes).take(2).collect();
    let gap = 48.0;
    let column = (WIDE - gap * (figures.len() as f32 - 1.0)) / figures.len().max(1) as f32;
    let values: Vec<String> = figures.iter().map(|f| figure_value(f, lang)).collect();
    let size = [50.0, 44.0, 38.0]
        .into_iter()
        .find(|&size| values.iter().all(|v| p.width(v, size, true) <= column))
        .unwrap_or(36.0);
    let mut lines = Vec::new();
    for (i, (f, value)) in figures.iter().zip(&values).enumerate() {
        let x = MARGIN + i as f32 * (column + gap);
        let mut at = y + size - 50.0;
        for l in p.wrap(value, size, true, column, 2) {
            lines.push(Line::new(x, at, size, true, LIGHT.accent, &l));
            at += size * 1.2;
        }
        at += 48.0 - size * 1.2;
        for l in p.wrap(f.label.in_lang(lang), 28.0, false, column, 2) {
            lines.push(Line::new(x, at, 28.0, false, LIGHT.muted, &l));
            at += 36.0;
        }
    }
    lines
}

/// A metric's preview: its name, and its chart as the app draws it, scaled
/// up so its labels read at a preview's size.
pub fn chart(p: &Painter, series: &Series, lang: Lang) -> Layout {
    let mut layout = Layout::new(lang, t(lang).view_metric);
    let y = layout.title(p, series.name.in_lang(lang), 160.0, 52.0, 2);
    let top = y - 20.0;
    let bottom = HEIGHT as f32 - 24.0;
    // Drawn at a phone's size, where its labels are 12 px, then scaled.
    let scale = 1.7;
    let opts = ChartOptions {
        width: (WIDE / scale) as u32,
        height: ((bottom - top) / scale) as u32,
        lang,
    };
    let svg = metric_chart_svg(series, &opts).replacen(
        r#"width="100%""#,
        &format!(r#"width="{}" height="{}""#, opts.width, opts.height),
        1,
    );
    layout.chart = Some((svg, [MARGIN, top, WIDE, bottom - top]));
    layout
}
