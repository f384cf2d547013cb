//! QR codes as inline SVG, for printed service pages and handouts.
//!
//! The `qrcode` crate makes the module grid; the SVG is written here as one
//! path of horizontal runs, about a third of the bytes of a rectangle per
//! module, because a service page carries it twice (its own print view and
//! the handout card the shortlist copies).

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel};

/// The light border a reader needs around the code, in modules.
const QUIET_ZONE: usize = 4;

/// The one mask every code uses. An encoder may pick any of the eight; the
/// `qrcode` crate tries them all and scores each for patterns that could
/// confuse a reader, which was a third of the work of a service page
/// (issue 18). Any mask decodes: the tests read every code back with a
/// camera's detector (rqrr).
const MASK: MaskPattern = MaskPattern::Checkerboard;

/// An `<svg>` of the QR code for `text`, hidden from screen readers (the
/// page says the address in words beside it), or `None` when `text` is too
/// long for a QR code.
pub fn svg(text: &str) -> Option<String> {
    let (width, colors) = modules(text)?;
    let side = width + 2 * QUIET_ZONE;
    let mut path = String::with_capacity(width * width * 2);
    for (y, row) in colors.chunks(width).enumerate() {
        for (x, run) in dark_runs(row) {
            // By hand, not `write!`: at 40,000 services this took the codes
            // from 6.8% of a build's CPU to 5.1%.
            path.push('M');
            push_number(&mut path, x + QUIET_ZONE);
            path.push(' ');
            push_number(&mut path, y + QUIET_ZONE);
            path.push('h');
            push_number(&mut path, run);
            path.push_str("v1h-");
            push_number(&mut path, run);
            path.push('z');
        }
    }
    Some(format!(
        r##"<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" aria-hidden="true" focusable="false" shape-rendering="crispEdges"><rect width="{side}" height="{side}" fill="#fff"/><path fill="#000" d="{path}"/></svg>"##
    ))
}

/// Appends `n` in decimal.
fn push_number(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
}

/// The width of the code for `text` in modules, and its modules row by row,
/// masked with [`MASK`].
fn modules(text: &str) -> Option<(usize, Vec<Color>)> {
    // Medium correction survives a crease or a smudge on paper.
    let level = EcLevel::M;
    let bits = qrcode::bits::encode_auto(text.as_bytes(), level).ok()?;
    let version = bits.version();
    let (data, ec) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, level).ok()?;
    let mut canvas = Canvas::new(version, level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    canvas.apply_mask(MASK);
    Some((version.width().try_into().ok()?, canvas.into_colors()))
}

/// Each run of dark modules in a row: where it starts and how long it is.
fn dark_runs(row: &[Color]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (x, color) in row.iter().chain([&Color::Light]).enumerate() {
        match (color, start) {
            (Color::Dark, None) => start = Some(x),
            (Color::Light, Some(s)) => {
                runs.push((s, x - s));
                start = None;
            }
            _ => {}
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_in_decimal() {
        let mut out = String::new();
        for n in [0, 7, 10, 45, 177, 1_000_000] {
            push_number(&mut out, n);
            out.push(',');
        }
        assert_eq!(out, "0,7,10,45,177,1000000,");
    }

    /// Draws the SVG's runs back into a grid of modules, as a reader's
    /// camera would see them, and decodes it.
    fn decode(svg: &str) -> String {
        let side: usize = svg.split("viewBox=\"0 0 ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
        let path = svg.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
        let scale = 4;
        let mut dark = vec![false; side * side];
        for run in path.split('z').filter(|r| !r.is_empty()) {
            let nums: Vec<usize> =
                run.trim_start_matches('M').split([' ', 'h', 'v']).filter_map(|n| n.parse().ok()).collect();
            let (x, y, n) = (nums[0], nums[1], nums[2]);
            for dx in 0..n {
                dark[y * side + x + dx] = true;
            }
        }
        let px = side * scale;
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(px, px, |x, y| {
            if dark[(y / scale) * side + x / scale] { 0 } else { 255 }
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "one QR code in the picture");
        grids[0].decode().unwrap().1
    }

    #[test]
    fn the_svg_decodes_to_the_text() {
        for url in ["https://guidelines.example.org/services/warm-homes-advice/", "http://127.0.0.1:1111/services/x/"] {
            assert_eq!(decode(&svg(url).unwrap()), url);
        }
    }

    #[test]
    fn codes_of_every_length_a_service_address_has_decode_with_the_fixed_mask() {
        // Every QR version a service permalink reaches, and several addresses in each.
        for n in 1..=60 {
            let url = format!("https://bench.example.org/services/{}/", "service-".repeat(n / 8 + 1) + &n.to_string());
            assert_eq!(decode(&svg(&url).unwrap()), url);
        }
    }

    #[test]
    fn runs_cover_every_dark_module_once() {
        let row = [Color::Dark, Color::Dark, Color::Light, Color::Dark, Color::Light, Color::Light, Color::Dark];
        assert_eq!(dark_runs(&row), vec![(0, 2), (3, 1), (6, 1)]);
        assert!(dark_runs(&[Color::Light; 3]).is_empty());
    }

    #[test]
    fn text_too_long_for_a_code_has_none() {
        assert!(svg(&"x".repeat(5000)).is_none());
    }
}
