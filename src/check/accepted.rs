//! Accepted findings (承認済みの指摘): the office acknowledges a finding it has looked at (a
//! figure that is right although a rule says otherwise), with a reason, who and when. Each
//! match turns into 情報 with the reason shown, in every report and in the council book; an
//! acknowledgement that matches nothing any more is listed as stale.

use crate::finding::{Finding, Severity};
use crate::form::FormSpec;
use crate::outcome::{FileOutcome, ProjectStatus};
use crate::spec::lines::{line_of, span_of, KeyPath};
use serde::{Deserialize, Serialize};
use validator::Validate;

#[derive(Debug, Clone, Deserialize)]
struct AcceptedFile {
    #[serde(default)]
    accepted: Vec<Acceptance>,
}

/// One acknowledged finding.
#[derive(Debug, Clone, Deserialize, Serialize, Validate)]
pub struct Acceptance {
    #[validate(length(min = 1))]
    pub code: String,
    /// The file's name or the end of its path (`職員課_職員育成推進事業.xlsx`).
    pub file: Option<String>,
    /// Or the project's 事業番号.
    pub project: Option<String>,
    pub sheet: Option<String>,
    pub cell: Option<String>,
    /// Why the finding is accepted: required.
    #[validate(length(min = 1, message = "理由（reason）のない承認は受け付けません"))]
    pub reason: String,
    #[validate(length(min = 1))]
    pub by: String,
    #[validate(length(min = 1))]
    pub date: String,
    /// The line in the accepted-findings file, for messages.
    #[serde(skip_deserializing, default)]
    pub line: usize,
}

/// Reads the accepted-findings file; every problem with its line.
pub fn parse(text: &str, file: &str) -> Result<Vec<Acceptance>, Vec<String>> {
    let doc = toml::de::DeTable::parse(text).map_err(|e| {
        vec![format!(
            "{file}:{}: {}",
            e.span().map(|s| line_of(text, s.start)).unwrap_or(1),
            e.message()
        )]
    })?;
    let mut unknown = Vec::new();
    let de =
        toml::Deserializer::parse(text).map_err(|e| vec![format!("{file}: {}", e.message())])?;
    let parsed: AcceptedFile =
        serde_ignored::deserialize(de, |p| unknown.push(KeyPath::from_ignored(&p))).map_err(
            |e: toml::de::Error| {
                vec![format!(
                    "{file}:{}: {}",
                    e.span().map(|s| line_of(text, s.start)).unwrap_or(1),
                    e.message()
                )]
            },
        )?;
    let mut errors: Vec<String> = unknown
        .iter()
        .map(|p| {
            format!(
                "{file}:{}: unknown key `{p}` (知らないキーです)",
                line_of(text, span_of(&doc, p).start)
            )
        })
        .collect();
    let mut out = Vec::new();
    for (i, mut a) in parsed.accepted.into_iter().enumerate() {
        let at = KeyPath::default().key("accepted").index(i);
        a.line = line_of(text, span_of(&doc, &at).start);
        if let Err(v) = a.validate() {
            for (field, es) in v.field_errors() {
                let line = line_of(text, span_of(&doc, &at.key(&field)).start);
                for e in es {
                    let what = e
                        .message
                        .as_ref()
                        .map(|m| m.to_string())
                        .unwrap_or_else(|| "must not be empty (空にできません)".into());
                    errors.push(format!("{file}:{line}: accepted[{i}].{field}: {what}"));
                }
            }
        }
        if a.file.is_none() && a.project.is_none() {
            errors.push(format!(
                "{file}:{}: accepted[{i}]: name the file or the project (file か project が必要です)",
                a.line
            ));
        }
        out.push(a);
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The accepted-findings file `hyoka.toml` names, relative to it, and the reasons given on
/// the page for the errors of a round's submissions (`ROUND/.hyoka/accepted.toml` of each
/// input folder that is a round); `None` when there are neither.
pub fn load(
    settings: Option<&(crate::config::Config, std::path::PathBuf)>,
    inputs: &[std::path::PathBuf],
) -> anyhow::Result<Option<Vec<Acceptance>>> {
    let mut files = Vec::new();
    if let Some((c, path)) = settings {
        if let Some(file) = &c.accepted {
            files.push(
                path.parent()
                    .unwrap_or(std::path::Path::new("."))
                    .join(file),
            );
        }
    }
    for input in inputs.iter().filter(|p| p.is_dir()) {
        let round = round_file(input);
        if round.is_file() {
            files.push(round);
        }
    }
    if files.is_empty() {
        return Ok(None);
    }
    let mut all = Vec::new();
    for at in files {
        let text =
            std::fs::read_to_string(&at).map_err(|e| anyhow::anyhow!("{}: {e}", at.display()))?;
        all.extend(
            parse(&text, &at.display().to_string()).map_err(|e| anyhow::anyhow!(e.join("\n")))?,
        );
    }
    Ok(Some(all))
}

/// The accepted-findings file of `list`, as `parse` reads it back.
pub fn to_toml(list: &[Acceptance]) -> String {
    let q = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut out = String::from(
        "# The reasons departments gave on the page for submitting with errors (hyoka serve).\n\
         # Each entry turns its finding into 情報 (承認済み) in every run over this round.\n",
    );
    for a in list {
        out.push_str("\n[[accepted]]\n");
        out.push_str(&format!("code = {}\n", q(&a.code)));
        for (key, value) in [
            ("file", &a.file),
            ("project", &a.project),
            ("sheet", &a.sheet),
            ("cell", &a.cell),
        ] {
            if let Some(v) = value {
                out.push_str(&format!("{key} = {}\n", q(v)));
            }
        }
        out.push_str(&format!(
            "reason = {}\nby = {}\ndate = {}\n",
            q(&a.reason),
            q(&a.by),
            q(&a.date)
        ));
    }
    out
}

/// Where a round folder keeps the reasons given on the page for its submissions' errors.
pub fn round_file(round: &std::path::Path) -> std::path::PathBuf {
    round
        .join(crate::outcome::ROUND_STATE_DIR)
        .join("accepted.toml")
}

/// Turns the findings an acknowledgement matches into 情報 with its reason; marks in `used`
/// which acknowledgements matched. `project_id` gives a finding's project number.
pub fn accept(
    findings: &mut [Finding],
    accepted: &[Acceptance],
    used: &mut [bool],
    project_id: impl Fn(&Finding) -> Option<String>,
) -> bool {
    let mut changed = false;
    for f in findings.iter_mut().filter(|f| f.severity != Severity::Info) {
        let id = project_id(f);
        if let Some(i) = accepted.iter().position(|a| a.matches(f, id.as_deref())) {
            used[i] = true;
            f.severity = Severity::Info;
            f.accepted = Some(accepted[i].words());
            changed = true;
        }
    }
    changed
}

/// The acknowledgements no finding used.
pub fn stale(accepted: &[Acceptance], used: &[bool]) -> Vec<Acceptance> {
    accepted
        .iter()
        .zip(used)
        .filter(|(_, u)| !**u)
        .map(|(a, _)| a.clone())
        .collect()
}

impl Acceptance {
    /// The line printed for an acknowledgement that matched nothing.
    pub fn stale_line(&self, lang: crate::i18n::Lang) -> String {
        let what = self
            .file
            .as_deref()
            .or(self.project.as_deref())
            .unwrap_or("");
        match lang {
            crate::i18n::Lang::Ja => format!(
                "承認済みの指摘 {}（{} 行目、{what}）に当たる指摘がもうありません",
                self.code, self.line
            ),
            crate::i18n::Lang::En => format!(
                "accepted finding {} (line {}, {what}) matches nothing any more",
                self.code, self.line
            ),
        }
    }

    fn matches(&self, f: &Finding, project_id: Option<&str>) -> bool {
        let file_ok = self.file.as_ref().is_none_or(|want| {
            // Both with forward slashes: a run on Windows names its files with backslashes.
            let want = want.replace('\\', "/");
            let file = f.file.replace('\\', "/");
            file == want || file.ends_with(&format!("/{want}"))
        });
        let project_ok = self
            .project
            .as_ref()
            .is_none_or(|p| project_id == Some(crate::normalise::fold_identifier(p).as_str()));
        f.code == self.code
            && file_ok
            && project_ok
            && self
                .sheet
                .as_ref()
                .is_none_or(|s| f.sheet.as_ref() == Some(s))
            && self
                .cell
                .as_ref()
                .is_none_or(|c| f.cell.as_deref() == Some(c.trim().to_ascii_uppercase().as_str()))
    }

    pub fn words(&self) -> String {
        format!("{}（{}、{}）", self.reason, self.by, self.date)
    }
}

/// Applies the acknowledgements: each matching error or warning becomes 情報 with the reason,
/// and the projects it belonged to are judged again. Returns the acknowledgements that
/// matched nothing.
pub fn apply(
    outcomes: &mut [FileOutcome],
    forms: &[FormSpec],
    accepted: &[Acceptance],
) -> Vec<Acceptance> {
    let mut used = vec![false; accepted.len()];
    for o in outcomes.iter_mut() {
        let projects = &o.projects;
        let project_id = |f: &Finding| {
            let p = projects
                .iter()
                .find(|p| Some(&p.sheet) == f.sheet.as_ref())?;
            forms
                .iter()
                .find(|s| s.form.id == p.form_id)
                .and_then(|s| s.project_id(&p.data))
        };
        let changed = accept(&mut o.findings, accepted, &mut used, project_id);
        if changed {
            restate_projects(o);
            o.sort_and_count();
        }
    }
    stale(accepted, &used)
}

/// A project's status from the findings of its own sheet; on a sheet of several projects (an
/// export), from the findings on its own rows.
fn restate_projects(o: &mut FileOutcome) {
    let findings = &o.findings;
    // Projects per sheet, counted once (an export holds thousands on one sheet).
    let mut per_sheet: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for p in &o.projects {
        *per_sheet.entry(p.sheet.as_str()).or_default() += 1;
    }
    let statuses: Vec<ProjectStatus> = o
        .projects
        .iter()
        .map(|p| {
            let shared = per_sheet[p.sheet.as_str()] > 1;
            let rows: std::collections::BTreeSet<u32> = p
                .data
                .observations
                .iter()
                .map(|x| x.pos.0)
                .chain(p.data.fields.values().map(|f| f.value_pos.0))
                .collect();
            let own = findings.iter().filter(|f| {
                f.sheet.as_deref() == Some(p.sheet.as_str())
                    && (!shared || f.position.is_some_and(|pos| rows.contains(&pos.0)))
            });
            ProjectStatus::worst(own)
        })
        .collect();
    for (p, s) in o.projects.iter_mut().zip(statuses) {
        p.status = s;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_acknowledgement_needs_a_reason() {
        let text = "[[accepted]]\ncode = \"negative\"\nfile = \"a.xlsx\"\nreason = \"\"\nby = \"財政課\"\ndate = \"2026-11-20\"\n";
        let e = parse(text, "accepted.toml").unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].starts_with("accepted.toml:4:"), "{e:?}");
        assert!(e[0].contains("理由"), "{e:?}");
    }

    static TEST_TEXT: crate::i18n::Text = crate::i18n::Text { ja: "x", en: "x" };

    #[test]
    fn the_round_file_round_trips_and_meets_paths_of_either_slash() {
        let a = Acceptance {
            code: "derived-overwritten".into(),
            file: Some("職員課/a.xlsx".into()),
            project: None,
            sheet: Some("事務事業評価シート".into()),
            cell: Some("D19".into()),
            reason: "引用符 \" と\n改行 ''' を含む".into(),
            by: "山田".into(),
            date: "2026-12-01 18:00:00 +09:00".into(),
            line: 0,
        };
        let back = parse(&to_toml(std::slice::from_ref(&a)), "accepted.toml").unwrap();
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].reason, a.reason);
        assert_eq!(
            (back[0].file.clone(), back[0].cell.clone()),
            (a.file.clone(), a.cell.clone())
        );
        let mut f = Finding::new(
            Severity::Error,
            "derived-overwritten",
            "C:\\round\\職員課\\a.xlsx",
            crate::i18n::Message::new(&TEST_TEXT),
        );
        f.sheet = a.sheet.clone();
        f.cell = a.cell.clone();
        assert!(back[0].matches(&f, None));
        f.file = "/srv/round/職員課/a.xlsx".into();
        assert!(back[0].matches(&f, None));
        f.file = "/srv/round/総務課/a.xlsx".into();
        assert!(!back[0].matches(&f, None));
    }

    #[test]
    fn an_acknowledgement_names_its_file_or_project() {
        let text = "[[accepted]]\ncode = \"negative\"\nreason = \"r\"\nby = \"b\"\ndate = \"d\"\ncolour = 1\n";
        let e = parse(text, "a").unwrap_err();
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e.iter().any(|m| m.contains("colour")));
    }
}
