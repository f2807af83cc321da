//! Marking search terms inside a text. The result is a list of plain text
//! segments, each flagged as a match or not, which the UI renders as text
//! nodes (matches inside `<mark>`): the text is never parsed as HTML.
//!
//! Matching uses the same folding as the search (`query::fold`), so what
//! the search found is what gets marked, in either script and any case.

use crate::query::{fold, terms};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub hit: bool,
}

/// Splits `text` into segments, marking every occurrence of every term in
/// `query`. Overlapping and adjacent matches merge into one marked run.
pub fn highlight(text: &str, query: &str) -> Vec<Segment> {
    let terms = terms(query);
    if terms.is_empty() || text.is_empty() {
        return vec![Segment {
            text: text.to_string(),
            hit: false,
        }];
    }
    // Fold char by char so every folded byte maps back to the original
    // char it came from, even where folding changes lengths.
    let chars: Vec<char> = text.chars().collect();
    let mut folded = String::new();
    let mut owner: Vec<usize> = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        let f = fold(&c.to_string());
        owner.extend(std::iter::repeat_n(i, f.len()));
        folded.push_str(&f);
    }
    let mut marked = vec![false; chars.len()];
    for term in &terms {
        let mut from = 0;
        while let Some(pos) = folded[from..].find(term.as_str()) {
            let start = from + pos;
            let end = start + term.len();
            for &ch in &owner[start..end] {
                marked[ch] = true;
            }
            // Step one char, not one match, so overlapping matches count.
            from = start + folded[start..].chars().next().map_or(1, char::len_utf8);
        }
    }
    let mut out: Vec<Segment> = Vec::new();
    for (c, hit) in chars.into_iter().zip(marked) {
        match out.last_mut() {
            Some(seg) if seg.hit == hit => seg.text.push(c),
            _ => out.push(Segment {
                text: c.to_string(),
                hit,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(segs: &[Segment]) -> String {
        segs.iter()
            .map(|s| {
                if s.hit {
                    format!("[{}]", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn marks_chinese_and_english_in_any_case() {
        assert_eq!(
            render(&highlight("共推医保领域“高效办成一件事”", "医保")),
            "共推[医保]领域“高效办成一件事”"
        );
        assert_eq!(
            render(&highlight("Medical Insurance services", "insurance")),
            "Medical [Insurance] services"
        );
        assert_eq!(render(&highlight("ＡＢＣ abc", "abc")), "[ＡＢＣ] [abc]");
    }

    #[test]
    fn repeated_and_overlapping_terms_merge() {
        assert_eq!(render(&highlight("跨省跨省通办", "跨省")), "[跨省跨省]通办");
        assert_eq!(render(&highlight("aaaa", "aa")), "[aaaa]");
        assert_eq!(
            render(&highlight("remote windows", "mote win")),
            "re[mote] [win]dows"
        );
        assert_eq!(render(&highlight("abcde", "abc cd")), "[abcd]e");
    }

    #[test]
    fn mixed_scripts_in_one_query() {
        assert_eq!(
            render(&highlight("长三角 YRD 一卡通 card", "yrd 一卡通")),
            "长三角 [YRD] [一卡通] card"
        );
    }

    #[test]
    fn nothing_to_mark_returns_the_text_whole() {
        assert_eq!(
            highlight("文本", "  "),
            vec![Segment {
                text: "文本".into(),
                hit: false
            }]
        );
        assert_eq!(render(&highlight("文本", "无")), "文本");
        assert_eq!(render(&highlight("", "无")), "");
    }

    #[test]
    fn markup_in_data_stays_text() {
        let segs = highlight("<img src=x onerror=alert(1)>", "img");
        assert_eq!(render(&segs), "<[img] src=x onerror=alert(1)>");
    }
}
