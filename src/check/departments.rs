//! The run's settings a check reads: the submission year and the list of 課 (with their 部)
//! that names in sheets are held to.

use crate::normalise::FiscalYear;
use std::collections::BTreeMap;

/// What the central office configures for a run.
#[derive(Debug, Clone, Default)]
pub struct CheckConfig {
    /// The year being submitted (`--year`): every sheet's 評価年度 must be it.
    pub submission_year: Option<FiscalYear>,
    pub departments: Option<DepartmentList>,
}

/// The department list: current names, and old names mapped to new ones.
#[derive(Debug, Clone, Default)]
pub struct DepartmentList {
    pub names: Vec<String>,
    pub renamed: BTreeMap<String, String>,
    /// The 部 each 課 belongs to, where the list says (the council table groups by it).
    pub bureaus: BTreeMap<String, String>,
}

impl DepartmentList {
    #[cfg(test)]
    fn of(names: &[&str]) -> DepartmentList {
        DepartmentList::parse(&names.join("\n"))
    }

    /// One name per line; `旧名 => 新名` maps an old name to its successor; `#` starts a comment;
    /// a line `[総務部]` puts the 課 under it in that 部.
    pub fn parse(text: &str) -> DepartmentList {
        let mut list = DepartmentList::default();
        let mut bureau: Option<String> = None;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let heading = line
                .strip_prefix(['[', '［'])
                .and_then(|l| l.strip_suffix([']', '］']));
            if let Some(b) = heading {
                bureau = Some(crate::normalise::fold(b)).filter(|b| !b.is_empty());
                continue;
            }
            if let Some((old, new)) = line.split_once("=>") {
                let (old, new) = (crate::normalise::fold(old), crate::normalise::fold(new));
                list.renamed.insert(old, new.clone());
                if !list.names.contains(&new) {
                    list.names.push(new);
                }
            } else {
                let n = crate::normalise::fold(line);
                if let Some(b) = &bureau {
                    list.bureaus.insert(n.clone(), b.clone());
                }
                if !list.names.contains(&n) {
                    list.names.push(n);
                }
            }
        }
        list
    }

    /// The 部 of a 課, when the list gives one.
    pub fn bureau_of(&self, department: &str) -> Option<&str> {
        self.bureaus.get(department).map(String::as_str)
    }

    /// The departments a cell names: `全課` none in particular; one name; or a list split at
    /// `・` and `、` where every part is a known 課 or ends like one (課, 室, 局, 所, センター), so
    /// that `子育て・健康課` stays one 課.
    pub fn names_in(&self, text: &str) -> Vec<String> {
        let whole = crate::normalise::fold(text);
        if whole == "全課" || whole.is_empty() {
            return Vec::new();
        }
        if self.resolve(&whole).is_some() {
            return vec![whole];
        }
        let like_a_department = |p: &String| self.resolve(p).is_some() || ends_like_a_department(p);
        // `、` and `,` always separate; `・` only where every piece is a 課 of its own.
        let parts: Vec<String> = whole
            .split(['、', ','])
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .flat_map(|p| {
                let pieces: Vec<String> = p.split('・').map(|q| q.trim().to_string()).collect();
                if self.resolve(&p).is_none()
                    && pieces.len() > 1
                    && pieces.iter().all(|q| !q.is_empty() && like_a_department(q))
                {
                    pieces
                } else {
                    vec![p]
                }
            })
            .collect();
        if parts.len() > 1 && parts.iter().all(like_a_department) {
            parts
        } else {
            vec![whole]
        }
    }

    /// The current name for a department, if known.
    pub fn resolve(&self, name: &str) -> Option<String> {
        let n = crate::normalise::fold(name);
        if self.names.contains(&n) {
            Some(n)
        } else {
            self.renamed.get(&n).cloned()
        }
    }
}

/// A name that ends as names of 課 do (課, 室, 局, 所, センター).
pub fn ends_like_a_department(name: &str) -> bool {
    ["課", "室", "局", "所", "センター"]
        .iter()
        .any(|s| name.ends_with(s))
}

#[cfg(test)]
mod tests {
    use super::DepartmentList;

    #[test]
    fn lists_of_departments() {
        let list = DepartmentList::of(&["企画政策課", "総務課", "子育て・健康課"]);
        assert_eq!(
            list.names_in("企画政策課・総務課"),
            vec!["企画政策課", "総務課"]
        );
        assert_eq!(list.names_in("子育て・健康課"), vec!["子育て・健康課"]);
        assert!(list.names_in("全課").is_empty());
        // An unknown part that ends like a 課 is named on its own; other text stays whole.
        assert_eq!(
            list.names_in("企画政策課、財務課"),
            vec!["企画政策課", "財務課"]
        );
        assert_eq!(list.names_in("企画・政策"), vec!["企画・政策"]);
        // `、` separates even where one of the names holds a `・` of its own.
        assert_eq!(
            list.names_in("福祉保険課、子育て・健康課、下水道課"),
            vec!["福祉保険課", "子育て・健康課", "下水道課"]
        );
    }

    #[test]
    fn a_bracketed_line_names_the_bureau_of_the_names_under_it() {
        let list = DepartmentList::parse(
            "広報課\n[総務部]\n総務課\n職員課 # 人事\n［企画部］\n企画政策課\n",
        );
        assert_eq!(list.names, ["広報課", "総務課", "職員課", "企画政策課"]);
        assert_eq!(list.bureau_of("職員課"), Some("総務部"));
        assert_eq!(list.bureau_of("企画政策課"), Some("企画部"));
        assert_eq!(list.bureau_of("広報課"), None);
    }
}
