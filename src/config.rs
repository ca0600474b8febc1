//! `hyoka.toml`: the office's settings for a submission round, read from the working folder or
//! `--config FILE`. It is a plain serde struct, so its value rules (ranges, non-empty lists,
//! name patterns) are declared with `validator`; every problem, unknown keys included, is
//! reported with its line, like a spec's.

use crate::spec::lines::{line_of, span_of, KeyPath};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::de::DeTable;
use validator::{Validate, ValidationError, ValidationErrors, ValidationErrorsKind};

/// The file looked for in the working folder when `--config` is not given.
pub const DEFAULT_FILE: &str = "hyoka.toml";

#[derive(Debug, Default, Clone, Deserialize, Validate)]
pub struct Config {
    /// The round's fiscal year (`令和6年度`, `R6`, `2024`): every sheet's 評価年度 must be it.
    pub fiscal_year: Option<String>,
    /// The day a 課 is asked to send a corrected workbook by, as the feedback's cover prints it
    /// (`令和6年7月31日`).
    #[validate(length(min = 1, max = 40))]
    pub resend_by: Option<String>,
    /// The municipality the round belongs to: the partition `consolidate --parquet` writes.
    #[validate(length(min = 1, max = 100))]
    pub municipality: Option<String>,
    /// Largest difference still taken as equal when the audit compares a figure with last
    /// year's report (the sheets' unit: 千円 or 円).
    #[validate(range(min = 0.0, max = 1_000_000.0))]
    pub tolerance: Option<f64>,
    /// The accepted-findings file, relative to this file.
    pub accepted: Option<PathBuf>,
    #[validate(nested)]
    pub departments: Option<Departments>,
    #[validate(nested)]
    pub audit: Option<Audit>,
    /// The page (`hyoka serve`).
    #[validate(nested)]
    pub serve: Option<Serve>,
    /// Grade bands per form, replacing the spec's (`[grade_bands.jimu-jigyo]`).
    #[serde(default)]
    #[validate(nested)]
    pub grade_bands: BTreeMap<String, GradeBands>,
}

#[derive(Debug, Default, Clone, Deserialize, Validate)]
pub struct Departments {
    /// Every 課 of the round, as its sheets write it.
    #[validate(length(min = 1), custom(function = "department_names"))]
    pub names: Vec<String>,
    /// Old name → its successor, or successors when it was split
    /// (`政策総務部 = ["政策部", "総務部"]`).
    #[serde(default)]
    pub renamed: BTreeMap<String, OneOrMany>,
    /// Each 部 with its 課 (`総務部 = ["総務課", "職員課"]`): the council table groups by it.
    #[serde(default)]
    pub bureaus: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn names(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

#[derive(Debug, Default, Clone, Deserialize, Validate)]
pub struct Audit {
    /// A トータルコスト this many times last year's (or a fraction as small) is reported.
    #[validate(range(exclusive_min = 1.0, max = 100.0))]
    pub cost_jump_ratio: Option<f64>,
    /// Projects renumbered or renamed since last year: old 事業番号 or name → new.
    #[serde(default)]
    pub renamed: BTreeMap<String, String>,
    /// Words in last year's sheet that explain why a project is gone (`廃止`).
    #[validate(length(min = 1))]
    pub ended_words: Option<Vec<String>>,
    /// Words in this year's sheet that explain why a project is new (`新規`).
    #[validate(length(min = 1))]
    pub new_words: Option<Vec<String>>,
}

#[derive(Debug, Default, Clone, Deserialize, Validate)]
pub struct Serve {
    /// The office view's password as `hyoka hash-password` prints it (an argon2 hash: the
    /// password itself is never written down).
    #[validate(custom(function = "password_hash"))]
    pub office_password_hash: Option<String>,
}

fn password_hash(text: &str) -> Result<(), ValidationError> {
    match argon2::PasswordHash::new(text) {
        Ok(_) => Ok(()),
        Err(_) => {
            let mut e = ValidationError::new("password_hash");
            e.message = Some(
                "not a password hash: write what `hyoka hash-password` prints (パスワードそのものではなく hyoka hash-password の出力を書いてください)"
                    .into(),
            );
            Err(e)
        }
    }
}

#[derive(Debug, Default, Clone, Deserialize, Validate)]
pub struct GradeBands {
    /// From the best grade down: the grade and the lowest achievement (%) that earns it.
    #[validate(length(min = 2))]
    pub bands: Vec<(String, f64)>,
}

/// 課名 are written out: not blank, no line breaks, at most 40 characters, each listed once.
fn department_names(names: &[String]) -> Result<(), ValidationError> {
    let mut seen = std::collections::BTreeSet::new();
    for n in names {
        let t = n.trim();
        if t.is_empty() || t.contains(['\n', '\r']) || t.chars().count() > 40 {
            let mut e = ValidationError::new("department_name");
            e.message = Some(format!("課名として使えません: {n:?}").into());
            return Err(e);
        }
        if !seen.insert(t) {
            let mut e = ValidationError::new("department_twice");
            e.message = Some(format!("二度あります: {t}").into());
            return Err(e);
        }
    }
    Ok(())
}

/// A problem in the config file, with its line.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Reads a config from its text; `file` names it in errors. Every problem is returned, each
/// with its line: TOML syntax, wrong types, unknown keys, values out of range.
pub fn parse(text: &str, file: &str) -> Result<Config, Vec<ConfigError>> {
    let err = |line, message: String| ConfigError {
        file: file.to_string(),
        line,
        message,
    };
    let doc = DeTable::parse(text).map_err(|e| {
        vec![err(
            e.span().map(|s| line_of(text, s.start)),
            e.message().to_string(),
        )]
    })?;
    let mut unknown = Vec::new();
    let config: Config = serde_ignored::deserialize(
        toml::Deserializer::parse(text).map_err(|e| {
            vec![err(
                e.span().map(|s| line_of(text, s.start)),
                e.message().to_string(),
            )]
        })?,
        |p| unknown.push(KeyPath::from_ignored(&p)),
    )
    .map_err(|e: toml::de::Error| {
        vec![err(
            e.span().map(|s| line_of(text, s.start)),
            e.message().to_string(),
        )]
    })?;
    let mut errors: Vec<ConfigError> = unknown
        .iter()
        .map(|p| {
            err(
                Some(line_of(text, span_of(&doc, p).start)),
                format!("unknown key `{p}` (知らないキーです)"),
            )
        })
        .collect();
    if let Err(v) = config.validate() {
        let mut found = Vec::new();
        flatten(&v, &KeyPath::default(), &mut found);
        for (path, e) in found {
            let what = e
                .message
                .as_ref()
                .map(|m| m.to_string())
                .unwrap_or_else(|| describe(&e));
            errors.push(err(
                Some(line_of(text, span_of(&doc, &path).start)),
                format!("`{path}`: {what}"),
            ));
        }
    }
    if let Some(d) = &config.departments {
        for (old, new) in &d.renamed {
            for n in new.names() {
                if !d.names.iter().any(|x| x.trim() == n.trim()) {
                    let path = KeyPath::default()
                        .key("departments")
                        .key("renamed")
                        .key(old);
                    errors.push(err(
                        Some(line_of(text, span_of(&doc, &path).start)),
                        format!(
                            "`{path}`: {n} is not in departments.names (課名の一覧にありません)"
                        ),
                    ));
                }
            }
        }
        for (bureau, members) in &d.bureaus {
            for n in members {
                if !d.names.iter().any(|x| x.trim() == n.trim()) {
                    let path = KeyPath::default()
                        .key("departments")
                        .key("bureaus")
                        .key(bureau);
                    errors.push(err(
                        Some(line_of(text, span_of(&doc, &path).start)),
                        format!(
                            "`{path}`: {n} is not in departments.names (課名の一覧にありません)"
                        ),
                    ));
                }
            }
        }
    }
    errors.sort_by_key(|e| e.line);
    if errors.is_empty() {
        Ok(config)
    } else {
        Err(errors)
    }
}

/// Every field error of a validation, with its path into the document.
fn flatten(v: &ValidationErrors, at: &KeyPath, out: &mut Vec<(KeyPath, ValidationError)>) {
    for (field, kind) in v.errors() {
        let here = at.key(field);
        match kind {
            ValidationErrorsKind::Field(es) => {
                out.extend(es.iter().map(|e| (here.clone(), e.clone())))
            }
            ValidationErrorsKind::Struct(inner) => flatten(inner, &here, out),
            ValidationErrorsKind::List(items) => {
                for (i, inner) in items {
                    flatten(inner, &here.index(*i), out);
                }
            }
        }
    }
}

/// A validator error code in words, with its bounds.
fn describe(e: &ValidationError) -> String {
    let param = |k: &str| e.params.get(k).map(|v| v.to_string());
    match e.code.as_ref() {
        "range" => {
            let mut parts = Vec::new();
            if let Some(m) = param("min") {
                parts.push(format!(">= {m}"));
            }
            if let Some(m) = param("exclusive_min") {
                parts.push(format!("> {m}"));
            }
            if let Some(m) = param("max") {
                parts.push(format!("<= {m}"));
            }
            format!("must be {} (範囲外です)", parts.join(" and "))
        }
        "length" => format!(
            "needs at least {} entries (少なすぎます)",
            param("min").unwrap_or_default()
        ),
        other => other.to_string(),
    }
}

/// Reads `--config FILE`, or `hyoka.toml` in the working folder when there is one.
pub fn load(explicit: Option<&Path>) -> anyhow::Result<Option<(Config, PathBuf)>> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => {
            let p = PathBuf::from(DEFAULT_FILE);
            if !p.is_file() {
                return Ok(None);
            }
            p
        }
    };
    let text =
        std::fs::read_to_string(&path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    match parse(&text, &path.display().to_string()) {
        Ok(c) => Ok(Some((c, path))),
        Err(errors) => anyhow::bail!(errors
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("\n")),
    }
}

impl Config {
    /// The department list as the checks use it.
    pub fn department_list(&self) -> Option<crate::check::DepartmentList> {
        let d = self.departments.as_ref()?;
        Some(crate::check::DepartmentList {
            names: d.names.iter().map(|n| n.trim().to_string()).collect(),
            renamed: d
                .renamed
                .iter()
                .map(|(old, new)| (old.clone(), new.names().join(" / ")))
                .collect(),
            bureaus: d
                .bureaus
                .iter()
                .flat_map(|(b, members)| {
                    members
                        .iter()
                        .map(move |m| (crate::normalise::fold(m), crate::normalise::fold(b)))
                })
                .collect(),
        })
    }
}

impl Config {
    /// Puts the config's grade bands in place of the specs' (percent here, fractions there;
    /// the lowest band takes every remaining value).
    pub fn apply_to_forms(&self, forms: &mut [crate::form::FormSpec]) -> anyhow::Result<()> {
        for (id, bands) in &self.grade_bands {
            let Some(form) = forms.iter_mut().find(|f| &f.form.id == id) else {
                anyhow::bail!("grade_bands.{id}: no such form (その様式はありません)");
            };
            let n = bands.bands.len();
            let replaced: Vec<crate::form::GradeBand> = bands
                .bands
                .iter()
                .enumerate()
                .map(|(i, (grade, pct))| crate::form::GradeBand {
                    grade: grade.clone(),
                    min: (i + 1 < n).then_some(pct / 100.0),
                })
                .collect();
            for check in &mut form.grade_checks {
                check.bands = replaced.clone();
            }
        }
        Ok(())
    }
}

/// The commented example `hyoka init` writes.
pub const EXAMPLE: &str = r#"# hyoka.toml: settings for one submission round (提出の回).
# hyoka reads it from the folder it runs in, or from --config FILE. Every key is optional;
# an unknown key or a value out of range stops the run with its line.

# The round's fiscal year: every sheet's 評価年度 must be it (令和6年度, R6 or 2024).
fiscal_year = "令和6年度"

# The day corrected workbooks are due, printed on each 課's feedback (left blank to fill in
# by hand when not given).
# resend_by = "令和6年7月31日"

# The municipality, for the Parquet dataset of consolidate --parquet
# (municipality=…/fiscal_year=…).
municipality = "二宮町"

# The largest difference the audit still takes as equal when it compares a figure with
# last year's report, in the sheets' unit.
tolerance = 0

# Findings the office has accepted (承認済み): each becomes 情報 with its reason.
# accepted = "accepted.toml"

[departments]
# Every 課 of the round, as the sheets write it: edit this list to your own 課.
names = ["企画政策課", "広報課", "総務課", "職員課", "財務課"]
# Each 部 with its 課, for the council table's 部 subtotals (a 課 left out is summed under
# its sheets' 部名, or on its own). Every 課 named here must be in `names`.
# bureaus = { "政策部" = ["企画政策課", "広報課"], "総務部" = ["総務課", "職員課", "財務課"] }
# Old name → new name, or names when it was split; each new name must be in `names`.
# renamed = { "政策総務課" = ["企画政策課", "総務課"] }

[audit]
# A トータルコスト this many times last year's, or as small as its inverse, is reported.
cost_jump_ratio = 1.5
# Projects renumbered or renamed since last year: old 事業番号 or name → new.
renamed = { "10-101" = "10-201" }
# Words in last year's sheet that explain a project's end; in this year's, a new one.
ended_words = ["廃止", "終了", "統合", "完了", "休止"]
new_words = ["新規", "統合"]

# The office view of hyoka serve --round: its password, as `hyoka hash-password` prints it.
# [serve]
# office_password_hash = "$argon2id$v=19$m=19456,t=2,p=1$…"

# Grade bands of a form, replacing its spec's: the grade and the lowest achievement (%).
# [grade_bands.jimu-jigyo]
# bands = [["A", 100], ["B", 80], ["C", 0]]
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_is_a_valid_config() {
        let c = parse(EXAMPLE, "hyoka.toml").unwrap();
        assert_eq!(c.fiscal_year.as_deref(), Some("令和6年度"));
        assert_eq!(c.audit.as_ref().unwrap().cost_jump_ratio, Some(1.5));
        // The example's list is the user's to edit: no rename or 部 ties it to names they may
        // drop, and the commented ones are valid once uncommented.
        let list = c.department_list().unwrap();
        assert!(list.renamed.is_empty() && list.bureaus.is_empty());
        let all = EXAMPLE
            .replace("# bureaus =", "bureaus =")
            .replace("# renamed = { \"政策総務課", "renamed = { \"政策総務課");
        let list = parse(&all, "hyoka.toml")
            .unwrap()
            .department_list()
            .unwrap();
        assert_eq!(list.bureau_of("職員課"), Some("総務部"));
        assert_eq!(list.renamed["政策総務課"], "企画政策課 / 総務課");
        let edited = EXAMPLE.replace(
            "\"企画政策課\", \"広報課\", \"総務課\", \"職員課\", \"財務課\"",
            "\"税務課\"",
        );
        assert!(parse(&edited, "hyoka.toml").is_ok());
    }

    #[test]
    fn every_problem_names_its_line() {
        let text = "fiscal_year = \"R6\"\ncolour = 3\n[audit]\ncost_jump_ratio = 0.5\n[departments]\nnames = []\n";
        let errors = parse(text, "hyoka.toml").unwrap_err();
        let lines: Vec<_> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [Some(2), Some(4), Some(6)], "{errors:?}");
        assert!(errors[0].message.contains("colour"));
        assert!(errors[1].message.contains("cost_jump_ratio"));
        assert!(errors[2].message.contains("departments.names"));
    }

    #[test]
    fn names_are_checked_and_renames_must_point_into_the_list() {
        let text = "[departments]\nnames = [\"総務課\", \"総務課\"]\n";
        let e = parse(text, "c").unwrap_err();
        assert!(e[0].message.contains("二度"), "{e:?}");
        let text = "[departments]\nnames = [\"総務課\"]\nrenamed = { \"旧課\" = \"新課\" }\n";
        let e = parse(text, "c").unwrap_err();
        assert_eq!(e[0].line, Some(3), "{e:?}");
    }

    #[test]
    fn the_office_password_is_taken_only_as_a_hash() {
        let e = parse("[serve]\noffice_password_hash = \"secret\"\n", "c").unwrap_err();
        assert_eq!(e[0].line, Some(2), "{e:?}");
        assert!(e[0].message.contains("hash-password"), "{e:?}");
        let hash = crate::serve::session::hash_password("long enough").unwrap();
        let c = parse(
            &format!("[serve]\noffice_password_hash = \"{hash}\"\n"),
            "c",
        )
        .unwrap();
        assert_eq!(c.serve.unwrap().office_password_hash, Some(hash));
    }

    #[test]
    fn a_wrong_type_is_reported_at_its_line() {
        let e = parse("\n\ntolerance = \"small\"\n", "c").unwrap_err();
        assert_eq!(e[0].line, Some(3), "{e:?}");
    }
}
