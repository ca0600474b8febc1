//! Text folding shared by every later stage: full-width to half-width, spaces removed.

use unicode_normalization::UnicodeNormalization;

/// NFKC-folds the text (full-width digits, letters and punctuation become ASCII,
/// the ideographic space becomes a space) and trims it.
pub fn fold(s: &str) -> String {
    if unicode_normalization::is_nfkc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        return s.trim().to_string();
    }
    s.nfkc().collect::<String>().trim().to_string()
}

/// The form a label is compared in: NFKC, no white space at all, ASCII lower case,
/// decorative brackets `【】〔〕［］` dropped. `事 業 費 合 計（ａ）` and `事業費合計(A)` both
/// become `事業費合計(a)`.
pub fn label_key(s: &str) -> String {
    let keep = |c: &char| !c.is_whitespace() && !matches!(c, '【' | '】' | '〔' | '〕' | '[' | ']');
    // Most text is already in NFKC (kanji, kana, ASCII); the quick check spares it the
    // decomposition and recomposition.
    if unicode_normalization::is_nfkc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        return s
            .chars()
            .filter(keep)
            .map(|c| c.to_ascii_lowercase())
            .collect();
    }
    s.nfkc()
        .filter(keep)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Text as a person typed it, without the characters that do not show but change what is
/// shown: control characters (line breaks kept where `keep_newlines`) and Unicode's format
/// characters (bidi overrides such as U+202E, zero-width spaces and joiners, the byte-order
/// mark, invisible tags). Every text a user stores passes through it.
pub fn visible_text(s: &str, keep_newlines: bool) -> String {
    s.chars()
        .filter(|&c| (keep_newlines && c == '\n') || !(c.is_control() || is_format_char(c)))
        .collect()
}

/// Unicode's format characters (general category Cf).
fn is_format_char(c: char) -> bool {
    matches!(c as u32,
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x890..=0x891 | 0x8E2 | 0x180E
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF
        | 0xFFF9..=0xFFFB | 0x110BD | 0x110CD | 0x13430..=0x1343F | 0x1BCA0..=0x1BCA3
        | 0x1D173..=0x1D17A | 0xE0001 | 0xE0020..=0xE007F)
}

/// True when the label cell text names one of the variants: the folded cell text starts with
/// a folded variant. Variants are written in the spec as people write them.
pub fn label_matches(cell_key: &str, variant_keys: &[String]) -> bool {
    variant_keys
        .iter()
        .any(|v| !v.is_empty() && cell_key.starts_with(v.as_str()))
}

/// Folds an identifier for pattern matching: full-width to ASCII, dashes to `-`, no spaces.
pub fn fold_identifier(s: &str) -> String {
    fold(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            'ー' | '−' | '‐' | '–' | '—' | '―' => '-',
            // The circles offices type for ○: 〇 (the kanji zero) and ◯.
            '〇' | '◯' => '○',
            other => other,
        })
        .collect()
}

/// A placeholder of the spec names the text: equal once folded, or, with one `*`, the same
/// before and after it (`施策*にて評価` names `施策12にて評価`).
pub fn placeholder_matches(placeholder: &str, text: &str) -> bool {
    let (p, t) = (fold_identifier(placeholder), fold_identifier(text));
    match p.split_once('*') {
        Some((head, tail)) => {
            t.len() > head.len() + tail.len() && t.starts_with(head) && t.ends_with(tail)
        }
        None => p == t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spacing_and_width_variants_fold_to_one_key() {
        assert_eq!(label_key("事 業 費 合 計（ａ）"), "事業費合計(a)");
        assert_eq!(label_key("事業費合計(A)"), "事業費合計(a)");
        assert_eq!(label_key("【指標名】"), "指標名");
        assert_eq!(label_key("一般財源（a）－①－②－③"), "一般財源(a)-1-2-3");
        assert_eq!(label_key("　事業名\n"), "事業名");
    }

    #[test]
    fn stored_text_keeps_only_what_shows() {
        assert_eq!(
            visible_text("承認\u{202E}済み\u{200B}です", false),
            "承認済みです"
        );
        assert_eq!(visible_text("一行目\n二行目\u{7}", true), "一行目\n二行目");
        assert_eq!(visible_text("一行目\n二行目", false), "一行目二行目");
        assert_eq!(visible_text("\u{FEFF}山田\u{2066}", false), "山田");
    }

    #[test]
    fn matching_is_by_prefix_of_the_folded_text() {
        let v = vec![label_key("人件費合計")];
        assert!(label_matches(&label_key("人件費合計 (b)"), &v));
        assert!(!label_matches(&label_key("正規職員人件費"), &v));
    }
}
