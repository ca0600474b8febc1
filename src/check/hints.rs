//! Bookkeeping hints for a wrong total: a difference divisible by 9 suggests transposed
//! digits; a factor of 1000 suggests 円/千円; a difference of twice an item suggests its sign.

use crate::i18n::Msg;

/// `expected` is what the identity gives, `actual` what the cell holds, `items` the labelled
/// values that went into it.
pub fn hint(expected: f64, actual: f64, items: &[(String, f64)]) -> Option<Msg> {
    let diff = actual - expected;
    let close = |a: f64, b: f64| (a - b).abs() <= 2.0;
    // 円 where 千円 is asked: the whole value, or one item, is 1000 times too large or small.
    if expected.abs() >= 1.0 && actual.abs() >= 1.0 {
        let ratio = actual / expected;
        if (ratio - 1000.0).abs() < 1.0 || (ratio - 0.001).abs() < 0.000_01 {
            return Some(Msg::HintUnit);
        }
    }
    for (_, v) in items {
        if v.abs() >= 1000.0
            && (close(diff.abs(), v.abs() * 0.999) || close(diff.abs(), v.abs() * 999.0))
        {
            return Some(Msg::HintUnit);
        }
    }
    for (label, v) in items {
        if v.abs() >= 1.0 && close(diff.abs(), 2.0 * v.abs()) {
            return Some(Msg::HintSign {
                item: label.clone(),
            });
        }
    }
    if diff.fract() == 0.0 && diff.abs() >= 9.0 && (diff.abs() as i64) % 9 == 0 {
        return Some(Msg::HintTransposed);
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
            Some(Msg::HintTransposed)
        ));
        assert!(matches!(
            hint(1_379_423.0, 1_379_432.0, &[]),
            Some(Msg::HintTransposed)
        ));
    }

    #[test]
    fn unit_confusion() {
        assert!(matches!(hint(818.0, 818_000.0, &[]), Some(Msg::HintUnit)));
        // One item entered in 円: 857,000 instead of 857 inside a total.
        let items = vec![("正規職員人件費".to_string(), 857_000.0)];
        assert!(matches!(
            hint(857_000.0, 857.0, &items),
            Some(Msg::HintUnit)
        ));
    }

    #[test]
    fn sign_error() {
        let items = vec![("その他特定財源".to_string(), 300.0)];
        assert!(matches!(
            hint(1_000.0, 1_600.0, &items),
            Some(Msg::HintSign { .. })
        ));
    }

    #[test]
    fn no_hint_for_an_ordinary_difference() {
        assert!(hint(1_000.0, 1_005.0, &[("x".into(), 7.0)]).is_none());
    }
}
