//! The app's colours, named once. The chart draws with them (and gives
//! each its dark twin), an embed's page checks its host's accent against
//! them (the build writes them into its script), the embed dialog offers
//! the accent, and the build draws the icons in the accent. The files that
//! cannot read Rust repeat them: `style/app.css`'s custom properties (both
//! dark blocks), the manifest's `theme_color` and `background_color`, and
//! `index.html`'s `theme-color`; the tests below fail when one of those
//! copies and this file disagree.
//! Colours the stylesheet alone uses (badges, notices, focus) live only
//! there.
//!
//! Every pair a reader has to read reaches WCAG AA (4.5:1) on the page
//! and on the palest surface.

/// Colours as `#RRGGBB`, the form plotters writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    /// `--bg`: the page.
    pub bg: &'static str,
    /// `--surface`: the palest panel, where text has the least contrast.
    pub surface: &'static str,
    /// `--text`.
    pub text: &'static str,
    /// `--muted`: secondary text; a chart's axes and tick labels.
    pub muted: &'static str,
    /// `--border`: rules and a chart's gridlines, decorative, so below text
    /// contrast on purpose.
    pub border: &'static str,
    /// `--accent`: links and buttons; a chart's targets.
    pub accent: &'static str,
    /// A chart's reported outcomes (no custom property: only charts draw
    /// outcomes in a colour of their own).
    pub outcome: &'static str,
}

pub const LIGHT: Palette = Palette {
    bg: "#FFFFFF",
    surface: "#F4F6F8",
    text: "#1A1D21",
    muted: "#4D5660",
    border: "#C9D1D9",
    accent: "#0B5CAB",
    outcome: "#9A4A00",
};

pub const DARK: Palette = Palette {
    bg: "#111418",
    surface: "#1A1F25",
    text: "#E8ECF0",
    muted: "#AAB4BF",
    border: "#3A444F",
    accent: "#7CB4F0",
    outcome: "#F2A65A",
};

impl Palette {
    /// Every colour, in the fields' order.
    pub fn all(&self) -> [&'static str; 7] {
        [
            self.bg,
            self.surface,
            self.text,
            self.muted,
            self.border,
            self.accent,
            self.outcome,
        ]
    }
}

/// `#RRGGBB` → its red, green and blue channels; 0 for a channel that is
/// not two hex digits.
pub fn channels(hex: &str) -> [u8; 3] {
    let h = hex.trim_start_matches('#');
    let c = |i: usize| u8::from_str_radix(h.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0);
    [c(0), c(2), c(4)]
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSS: &str = include_str!("../style/app.css");
    const MANIFEST: &str = include_str!("../public/manifest.webmanifest");
    const PAGE: &str = include_str!("../index.html");

    /// The custom properties a palette stands for, by name.
    fn properties(p: &Palette) -> [(&'static str, &'static str); 6] {
        [
            ("--bg", p.bg),
            ("--surface", p.surface),
            ("--text", p.text),
            ("--muted", p.muted),
            ("--border", p.border),
            ("--accent", p.accent),
        ]
    }

    /// The `--name: value;` declarations of the first rule whose selector
    /// is `selector` (these rules hold no nested braces).
    fn block(css: &str, selector: &str) -> Vec<(String, String)> {
        let open = format!("{selector} {{");
        let start = css
            .find(&open)
            .unwrap_or_else(|| panic!("no `{open}` in app.css"))
            + open.len();
        let body = &css[start..start + css[start..].find('}').unwrap()];
        body.split(';')
            .filter_map(|d| d.split_once(':'))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_ascii_uppercase()))
            .filter(|(k, _)| k.starts_with("--"))
            .collect()
    }

    /// Where `css` and `palette` disagree, as `name: css ≠ palette`.
    fn disagreements(css: &str, selector: &str, palette: &Palette) -> Vec<String> {
        let declared = block(css, selector);
        properties(palette)
            .into_iter()
            .filter_map(|(name, colour)| {
                let found = declared.iter().find(|(k, _)| k == name).map(|(_, v)| v);
                (found.map(String::as_str) != Some(colour))
                    .then(|| format!("{selector} {name}: {found:?} ≠ {colour}"))
            })
            .collect()
    }

    #[test]
    fn the_stylesheet_uses_the_palette_in_light_and_both_dark_rules() {
        for (selector, p) in [
            ("\n:root", &LIGHT),
            (":root:not(.light)", &DARK),
            ("\n.dark", &DARK),
        ] {
            let wrong = disagreements(CSS, selector, p);
            assert!(wrong.is_empty(), "{wrong:?}");
        }
        // The two dark rules (the system's choice, the reader's `?dark=1`)
        // agree on every colour, the stylesheet's own too.
        assert_eq!(block(CSS, ":root:not(.light)"), block(CSS, "\n.dark"));
    }

    #[test]
    fn a_rule_that_changes_one_copy_is_caught() {
        let declarations: Vec<String> = properties(&DARK)
            .iter()
            .map(|(name, colour)| format!("  {name}: {};", colour.to_ascii_lowercase()))
            .collect();
        let css = format!(".dark {{\n{}\n}}\n", declarations.join("\n"));
        assert_eq!(disagreements(&css, ".dark", &DARK), Vec::<String>::new());
        let accent = format!("--accent: {};", DARK.accent.to_ascii_lowercase());
        let changed = css.replacen(&accent, "--accent: #7cb4f1;", 1);
        let wrong = disagreements(&changed, ".dark", &DARK);
        assert_eq!(wrong.len(), 1, "{wrong:?}");
        assert!(wrong[0].contains("--accent"), "{wrong:?}");
    }

    #[test]
    fn the_manifest_and_the_page_take_the_light_accent_and_background() {
        let m: serde_json::Value = serde_json::from_str(MANIFEST).unwrap();
        let colour = |k: &str| m[k].as_str().unwrap_or_default().to_ascii_uppercase();
        assert_eq!(colour("theme_color"), LIGHT.accent);
        assert_eq!(colour("background_color"), LIGHT.bg);
        let meta = PAGE
            .split("<meta ")
            .find(|m| m.contains("name=\"theme-color\""))
            .expect("index.html has a theme-color");
        assert!(
            meta.to_ascii_uppercase()
                .contains(&format!("CONTENT=\"{}\"", LIGHT.accent)),
            "{meta}"
        );
    }

    fn luminance(hex: &str) -> f64 {
        let [r, g, b] = channels(hex).map(|c| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        });
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn text_colours_reach_aa_on_the_page_and_the_palest_surface() {
        for p in [&LIGHT, &DARK] {
            for ground in [p.bg, p.surface] {
                for c in [p.text, p.muted, p.accent, p.outcome] {
                    let r = contrast(c, ground);
                    assert!(r >= 4.5, "{c} on {ground}: {r:.2}");
                }
            }
        }
        assert!(
            contrast("#777777", "#FFFFFF") < 4.5,
            "the contrast check can fail"
        );
    }

    #[test]
    fn channels_read_the_hex_form() {
        assert_eq!(channels(LIGHT.accent), [11, 92, 171]);
        assert_eq!(channels("#zz0000"), [0, 0, 0]);
    }
}
