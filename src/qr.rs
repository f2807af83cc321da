//! QR codes for sharing a view: posters, print, messaging apps. Encoding
//! is qrcodegen's (small, dependency-free); this module only draws the
//! modules as one SVG path, so the code scales crisply at any print size.

use qrcodegen::{QrCode, QrCodeEcc};

/// The dark/light grid of a QR code for `text`, row by row, without the
/// quiet zone. `None` when the text is too long for any QR version.
pub fn modules(text: &str) -> Option<Vec<Vec<bool>>> {
    // Medium error correction survives a crease or a smudge on a printed
    // poster while keeping the code small enough for long URLs.
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let n = qr.size();
    Some(
        (0..n)
            .map(|y| (0..n).map(|x| qr.get_module(x, y)).collect())
            .collect(),
    )
}

/// Margin in modules on every side, as the QR standard asks.
const QUIET: usize = 4;

/// Draws a module grid as a standalone SVG. Colours are fixed dark-on-white
/// even in dark mode: scanners expect a light background.
pub fn svg_from_modules(grid: &[Vec<bool>], label: &str) -> String {
    let n = grid.len();
    let size = n + 2 * QUIET;
    let mut path = String::new();
    for (y, row) in grid.iter().enumerate() {
        let mut x = 0;
        while x < n {
            if row[x] {
                let start = x;
                while x < n && row[x] {
                    x += 1;
                }
                // One horizontal run per path segment keeps the SVG small.
                path.push_str(&format!(
                    "M{} {}h{}v1h-{}z",
                    start + QUIET,
                    y + QUIET,
                    x - start,
                    x - start
                ));
            } else {
                x += 1;
            }
        }
    }
    format!(
        concat!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {s} {s}" shape-rendering="crispEdges" role="img">"##,
            r##"<title>{label}</title><rect width="{s}" height="{s}" fill="#fff"/><path d="{path}" fill="#000"/></svg>"##
        ),
        s = size,
        label = crate::chart::svg_text(label),
        path = path
    )
}

/// A QR code for `text` as SVG, with `label` as its accessible title.
pub fn qr_svg(text: &str, label: &str) -> Option<String> {
    modules(text).map(|m| svg_from_modules(&m, label))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Paints the grid as an image, `scale` pixels a module, with the quiet
    /// zone, for a real decoder to read back.
    fn raster(grid: &[Vec<bool>], scale: usize) -> (usize, Vec<u8>) {
        let size = (grid.len() + 2 * QUIET) * scale;
        let mut px = vec![255u8; size * size];
        for (y, row) in grid.iter().enumerate() {
            for (x, &dark) in row.iter().enumerate() {
                if dark {
                    for dy in 0..scale {
                        for dx in 0..scale {
                            px[((y + QUIET) * scale + dy) * size + (x + QUIET) * scale + dx] = 0;
                        }
                    }
                }
            }
        }
        (size, px)
    }

    #[test]
    fn a_real_decoder_reads_back_the_url() {
        let url = "https://example.org/pledges/?item=2026-06&lang=zh";
        let grid = modules(url).unwrap();
        let (size, px) = raster(&grid, 4);
        let mut img =
            rqrr::PreparedImage::prepare_from_greyscale(size, size, |x, y| px[y * size + x]);
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1);
        let (_, content) = grids[0].decode().unwrap();
        assert_eq!(content, url);
    }

    #[test]
    fn the_svg_draws_every_dark_module_and_escapes_its_label() {
        let grid = modules("?item=2026-01").unwrap();
        let svg = svg_from_modules(&grid, "<二维码> & \"x\"");
        let dark: usize = grid.iter().flatten().filter(|d| **d).count();
        let drawn: usize = svg
            .split('h')
            .skip(1)
            .filter_map(|s| s.split('v').next()?.parse::<usize>().ok())
            .sum();
        assert_eq!(dark, drawn);
        assert!(svg.contains("&lt;二维码&gt; &amp; &quot;x&quot;"));
        assert!(!svg.contains("<二维码>"));
        let side = grid.len() + 8;
        assert!(svg.contains(&format!("viewBox=\"0 0 {side} {side}\"")));
    }

    #[test]
    fn text_too_long_for_a_qr_code_is_refused() {
        assert!(modules(&"x".repeat(5000)).is_none());
    }
}
