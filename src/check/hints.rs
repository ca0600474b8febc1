//! Bookkeeping hints for a wrong total: a difference divisible by 9 suggests transposed
//! digits; a factor of 1000 suggests 円/千円; a difference of twice an item suggests its sign.

use crate::i18n::{Arg, Message, Text};

pub static HINT_TRANSPOSED: Text = Text {
    ja: "差が 9 で割り切れます。数字の入れ替わり（例: 36 と 63）がないか確認してください",
    en: "the difference is divisible by 9: check for transposed digits (36 for 63)",
};
pub static HINT_UNIT: Text = Text {
    ja: "1000 倍の違いです。円と千円を取り違えていませんか",
    en: "a factor of 1000: were yen entered where thousands of yen are asked?",
};
pub static HINT_SIGN: Text = Text {
    ja: "差が{item}の 2 倍です。符号（△）の付け忘れ・付け間違いがないか確認してください",
    en: "the difference is twice {item}: check the sign (△) of that item",
};

/// `expected` is what the identity gives, `actual` what the cell holds, `items` the labelled
/// values that went into it.
pub fn hint(expected: f64, actual: f64, items: &[(Arg, f64)]) -> Option<Message> {
    let diff = actual - expected;
    let close = |a: f64, b: f64| (a - b).abs() <= 2.0;
    // 円 where 千円 is asked: the whole value, or one item, is 1000 times too large or small.
    if expected.abs() >= 1.0 && actual.abs() >= 1.0 {
        let ratio = actual / expected;
        if (ratio - 1000.0).abs() < 1.0 || (ratio - 0.001).abs() < 0.000_01 {
            return Some(Message::new(&HINT_UNIT));
        }
    }
    for (_, v) in items {
        if v.abs() >= 1000.0
            && (close(diff.abs(), v.abs() * 0.999) || close(diff.abs(), v.abs() * 999.0))
        {
            return Some(Message::new(&HINT_UNIT));
        }
    }
    for (label, v) in items {
        if v.abs() >= 1.0 && close(diff.abs(), 2.0 * v.abs()) {
            return Some(Message::new(&HINT_SIGN).arg("item", label.clone()));
        }
    }
    if diff.fract() == 0.0 && diff.abs() >= 9.0 && (diff.abs() as i64) % 9 == 0 {
        return Some(Message::new(&HINT_TRANSPOSED));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transposed_digits() {
        // 32,000 typed as 23,000: difference 9,000.
        assert!(matches!(
            hint(80_239.0, 71_239.0, &[]),
            Some(m) if m.text == &HINT_TRANSPOSED
        ));
        assert!(matches!(
            hint(1_379_423.0, 1_379_432.0, &[]),
            Some(m) if m.text == &HINT_TRANSPOSED
        ));
    }

    #[test]
    fn unit_confusion() {
        assert!(matches!(hint(818.0, 818_000.0, &[]), Some(m) if m.text == &HINT_UNIT));
        // One item entered in 円: 857,000 instead of 857 inside a total.
        let items = vec![(Arg::Text("正規職員人件費".into()), 857_000.0)];
        assert!(matches!(
            hint(857_000.0, 857.0, &items),
            Some(m) if m.text == &HINT_UNIT
        ));
    }

    #[test]
    fn sign_error() {
        let items = vec![(Arg::Text("その他特定財源".into()), 300.0)];
        assert!(matches!(
            hint(1_000.0, 1_600.0, &items),
            Some(m) if m.text == &HINT_SIGN
        ));
    }

    #[test]
    fn no_hint_for_an_ordinary_difference() {
        assert!(hint(1_000.0, 1_005.0, &[(Arg::Text("x".into()), 7.0)]).is_none());
    }
}
