//! The app icons, drawn from code: a check mark (a pledge kept) over two
//! waves (the river) on the app's blue. Shapes are signed-distance functions
//! anti-aliased by distance, using only `+ - * / sqrt`, which IEEE 754 rounds
//! exactly everywhere, so the same source gives the same bytes on any
//! machine; no binary of unknown origin sits in the repository.

use std::fs;
use std::io;
use std::path::Path;

use yrd_pledges::palette::{self, channels};

/// The manifest's icon list names these files.
pub const ICONS: [(&str, u32, bool); 4] = [
    ("icon-192.png", 192, false),
    ("icon-512.png", 512, false),
    ("icon-maskable-192.png", 192, true),
    ("icon-maskable-512.png", 512, true),
];

/// The app's accent (the manifest's `theme_color`).
fn blue() -> [f64; 3] {
    channels(palette::LIGHT.accent).map(f64::from)
}

const WHITE: [f64; 3] = [255.0, 255.0, 255.0];
const LIGHT: [f64; 3] = [156.0, 201.0, 245.0];

pub fn write_all(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    for (name, size, maskable) in ICONS {
        fs::write(dir.join(name), png(size, maskable)?)?;
    }
    Ok(())
}

pub fn png(size: u32, maskable: bool) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, size, size);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::High);
    let mut w = enc.write_header().map_err(io::Error::other)?;
    w.write_image_data(&render(size, maskable))
        .map_err(io::Error::other)?;
    w.finish().map_err(io::Error::other)?;
    Ok(out)
}

struct Stroke {
    points: Vec<(f64, f64)>,
    half_width: f64,
    color: [f64; 3],
    /// Bounding box grown by the half width, to skip far pixels quickly.
    bbox: (f64, f64, f64, f64),
}

impl Stroke {
    fn new(points: Vec<(f64, f64)>, half_width: f64, color: [f64; 3]) -> Self {
        let fold = |f: fn(f64, f64) -> f64, init: f64, pick: fn(&(f64, f64)) -> f64| {
            points.iter().map(pick).fold(init, f)
        };
        let bbox = (
            fold(f64::min, f64::MAX, |p| p.0) - half_width,
            fold(f64::min, f64::MAX, |p| p.1) - half_width,
            fold(f64::max, f64::MIN, |p| p.0) + half_width,
            fold(f64::max, f64::MIN, |p| p.1) + half_width,
        );
        Stroke {
            points,
            half_width,
            color,
            bbox,
        }
    }

    /// Signed distance to a round-capped, round-joined polyline.
    fn distance(&self, x: f64, y: f64, margin: f64) -> f64 {
        let (x0, y0, x1, y1) = self.bbox;
        if x < x0 - margin || x > x1 + margin || y < y0 - margin || y > y1 + margin {
            return f64::MAX;
        }
        let mut best = f64::MAX;
        for seg in self.points.windows(2) {
            let ((ax, ay), (bx, by)) = (seg[0], seg[1]);
            let (dx, dy) = (bx - ax, by - ay);
            let t = (((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)).clamp(0.0, 1.0);
            let (px, py) = (ax + t * dx - x, ay + t * dy - y);
            best = best.min(px * px + py * py);
        }
        best.sqrt() - self.half_width
    }
}

/// A wave along `y` from `x0` to `x1` made of `halves` arcs alternating up
/// and down, each a quadratic Bézier sampled into short segments.
fn wave(y: f64, x0: f64, x1: f64, halves: u32, amplitude: f64, up_first: bool) -> Vec<(f64, f64)> {
    const STEPS: u32 = 16;
    let w = (x1 - x0) / halves as f64;
    let mut points = vec![(x0, y)];
    for h in 0..halves {
        let sign = if (h % 2 == 0) == up_first { -1.0 } else { 1.0 };
        let (sx, cx, ex) = (
            x0 + w * h as f64,
            x0 + w * (h as f64 + 0.5),
            x0 + w * (h as f64 + 1.0),
        );
        // A quadratic's peak is half its control point's offset.
        let cy = y + sign * 2.0 * amplitude;
        for s in 1..=STEPS {
            let t = s as f64 / STEPS as f64;
            let u = 1.0 - t;
            points.push((
                u * u * sx + 2.0 * u * t * cx + t * t * ex,
                u * u * y + 2.0 * u * t * cy + t * t * y,
            ));
        }
    }
    points
}

/// The drawing in a unit square, y down.
fn strokes() -> Vec<Stroke> {
    vec![
        Stroke::new(
            vec![(0.295, 0.370), (0.435, 0.510), (0.715, 0.230)],
            0.048,
            WHITE,
        ),
        Stroke::new(wave(0.665, 0.22, 0.78, 4, 0.032, true), 0.030, WHITE),
        Stroke::new(wave(0.790, 0.22, 0.78, 4, 0.032, false), 0.030, LIGHT),
    ]
}

/// Signed distance to a centred square of half side 0.5 with round corners.
fn rounded_square(x: f64, y: f64, radius: f64) -> f64 {
    let inner = 0.5 - radius;
    let qx = (x - 0.5).abs() - inner;
    let qy = (y - 0.5).abs() - inner;
    let outside = (qx.max(0.0) * qx.max(0.0) + qy.max(0.0) * qy.max(0.0)).sqrt();
    outside + qx.max(qy).min(0.0) - radius
}

/// RGBA, straight alpha. A maskable icon is full-bleed and keeps its
/// drawing inside the central safe circle (radius 0.4), so launchers may cut
/// any shape from it; the plain icon has its own rounded corners.
fn render(size: u32, maskable: bool) -> Vec<u8> {
    let strokes = strokes();
    let blue = blue();
    let px = 1.0 / size as f64;
    // The maskable drawing is shrunk to 80 % around the centre.
    let scale = if maskable { 0.8 } else { 1.0 };
    let mut out = Vec::with_capacity((size * size * 4) as usize);
    for j in 0..size {
        for i in 0..size {
            let (x, y) = ((i as f64 + 0.5) * px, (j as f64 + 0.5) * px);
            let bg = if maskable {
                1.0
            } else {
                coverage(rounded_square(x, y, 0.18), px)
            };
            let (cx, cy) = (0.5 + (x - 0.5) / scale, 0.5 + (y - 0.5) / scale);
            // Premultiplied while compositing.
            let mut rgb = blue.map(|c| c * bg);
            let mut a = bg;
            for s in &strokes {
                let d = s.distance(cx, cy, px / scale) * scale;
                let k = coverage(d, px) * bg;
                if k > 0.0 {
                    for (c, s) in rgb.iter_mut().zip(s.color) {
                        *c = s * k + *c * (1.0 - k);
                    }
                    a = k + a * (1.0 - k);
                }
            }
            let straight = |c: f64| {
                if a > 0.0 {
                    (c / a).round().clamp(0.0, 255.0) as u8
                } else {
                    0
                }
            };
            out.extend_from_slice(&[
                straight(rgb[0]),
                straight(rgb[1]),
                straight(rgb[2]),
                (a * 255.0).round() as u8,
            ]);
        }
    }
    out
}

/// How much of a pixel of side `px` centred at signed distance `d` the
/// shape covers (a one-pixel linear ramp across the edge).
fn coverage(d: f64, px: f64) -> f64 {
    (0.5 - d / px).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pixel(rgba: &[u8], size: u32, x: f64, y: f64) -> [u8; 4] {
        let i = (((y * size as f64) as u32 * size + (x * size as f64) as u32) * 4) as usize;
        rgba[i..i + 4].try_into().unwrap()
    }

    #[test]
    fn same_source_same_bytes() {
        assert_eq!(png(192, false).unwrap(), png(192, false).unwrap());
        assert_ne!(png(192, false).unwrap(), png(192, true).unwrap());
    }

    #[test]
    fn the_drawing_is_pinned() {
        // The pixels, not the PNG bytes (those also depend on the encoder's
        // version): a change here must be a deliberate change of the icon.
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(render(192, false));
        assert_eq!(super::super::hex(&digest[..8]), "bcf77c06d5815da7");
    }

    #[test]
    fn decodes_to_the_promised_size() {
        for (_, size, maskable) in ICONS {
            let bytes = png(size, maskable).unwrap();
            let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
                .read_info()
                .unwrap();
            let mut buf = vec![0; reader.output_buffer_size().unwrap()];
            let info = reader.next_frame(&mut buf).unwrap();
            assert_eq!((info.width, info.height), (size, size));
            assert_eq!(info.color_type, png::ColorType::Rgba);
        }
    }

    #[test]
    fn maskable_is_full_bleed_and_keeps_the_drawing_in_the_safe_zone() {
        let size = 192;
        let m = render(size, true);
        let plain = render(size, false);
        assert_eq!(
            pixel(&m, size, 0.0, 0.0),
            [11, 92, 171, 255],
            "corner filled"
        );
        assert_eq!(
            pixel(&plain, size, 0.0, 0.0)[3],
            0,
            "plain icon has round corners"
        );
        assert_eq!(pixel(&plain, size, 0.5, 0.1), [11, 92, 171, 255]);
        // Every white or light pixel lies inside the safe circle.
        for j in 0..size {
            for i in 0..size {
                let p = pixel(&m, size, i as f64 / size as f64, j as f64 / size as f64);
                if p[..3] != [11, 92, 171] {
                    let (x, y) = (
                        (i as f64 + 0.5) / size as f64 - 0.5,
                        (j as f64 + 0.5) / size as f64 - 0.5,
                    );
                    assert!(
                        x * x + y * y < 0.4 * 0.4,
                        "drawing outside the safe zone at {i},{j}"
                    );
                }
            }
        }
        // The check mark's stroke is white at its corner point.
        assert_eq!(pixel(&plain, size, 0.435, 0.505), [255, 255, 255, 255]);
    }
}
