//! What the checks across files read of a run, as flat rows: a sheet's project number, a
//! linked form's project name and totals, a linking record and its values, a file's content.
//! In one process the rows are gathered from the outcomes and checked at once; on a cluster
//! each machine gathers the rows of its own files (the Python package's `facts` table), Spark
//! joins them to the groups that can meet, and each group is checked here by the same code.

use crate::extract::derived::usable;
use crate::form::FormSpec;
use crate::outcome::FileOutcome;

/// What a fact row stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FactKind {
    /// A sheet's project number (`key`) for its evaluation year.
    ProjectId,
    /// A project sheet of a form another form links to: its folded name (`key`) and, one row
    /// per year, its total; a row without a year when it has none.
    LinkTarget,
    /// A record of a linking block: its folded name (`key`), its name as written and its cell.
    LinkRecord,
    /// One year's value of a linking record, at its cell.
    LinkValue,
    /// A file's bytes: SHA-256 (`key`) and size.
    Content,
}

impl FactKind {
    pub const ALL: [FactKind; 5] = [
        FactKind::ProjectId,
        FactKind::LinkTarget,
        FactKind::LinkRecord,
        FactKind::LinkValue,
        FactKind::Content,
    ];
    /// The word of the `kind` column.
    pub fn as_str(self) -> &'static str {
        match self {
            FactKind::ProjectId => "project-id",
            FactKind::LinkTarget => "link-target",
            FactKind::LinkRecord => "link-record",
            FactKind::LinkValue => "link-value",
            FactKind::Content => "content",
        }
    }
    pub fn parse(s: &str) -> Option<FactKind> {
        FactKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One row of the facts table. Which columns mean something depends on `kind`; the others
/// are empty (0, "", None).
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub kind: FactKind,
    pub file: String,
    pub sheet: String,
    pub sheet_index: u32,
    /// The sheet's form.
    pub form: String,
    /// For a linking record: the form it links to, and the link's place in its form's list.
    pub target: String,
    pub link: u32,
    /// The block occurrence and record key of a linking record.
    pub instance: u32,
    pub record: String,
    /// Project number, folded project name or SHA-256, by kind.
    pub key: String,
    /// A linking record's name as written.
    pub name: String,
    pub fiscal_year: Option<i32>,
    pub value: Option<f64>,
    /// Zero-based cell.
    pub row: u32,
    pub col: u32,
    pub size: u64,
}

impl Fact {
    /// A fact of `kind` about `file`, every other column empty.
    fn about(kind: FactKind, file: &str) -> Fact {
        Fact {
            kind,
            file: file.to_string(),
            sheet: String::new(),
            sheet_index: 0,
            form: String::new(),
            target: String::new(),
            link: 0,
            instance: 0,
            record: String::new(),
            key: String::new(),
            name: String::new(),
            fiscal_year: None,
            value: None,
            row: 0,
            col: 0,
            size: 0,
        }
    }
    fn on_sheet(kind: FactKind, p: &crate::outcome::Project, pos: (u32, u32)) -> Fact {
        Fact {
            sheet: p.sheet.clone(),
            sheet_index: p.sheet_index as u32,
            form: p.form_id.clone(),
            row: pos.0,
            col: pos.1,
            ..Fact::about(kind, &p.file)
        }
    }
    pub fn pos(&self) -> (u32, u32) {
        (self.row, self.col)
    }
    /// Run order: files by name (as the inputs are sorted), then sheets.
    pub fn order(&self) -> (&str, u32) {
        (&self.file, self.sheet_index)
    }
}

/// The facts of a run's outcomes.
pub fn gather(outcomes: &[FileOutcome], forms: &[FormSpec]) -> Vec<Fact> {
    let mut facts = Vec::new();
    for o in outcomes {
        if let Some(id) = o.content_id {
            facts.push(Fact {
                key: id.hex(),
                size: id.size,
                ..Fact::about(FactKind::Content, &o.path)
            });
        }
        for p in &o.projects {
            let Some(spec) = forms.iter().find(|f| f.form.id == p.form_id) else {
                continue;
            };
            project_id(spec, p, &mut facts);
            if forms
                .iter()
                .any(|f| f.links.iter().any(|l| l.form == spec.form.id))
            {
                link_target(spec, p, &mut facts);
            }
            link_records(spec, p, forms, &mut facts);
        }
    }
    facts
}

fn project_id(spec: &FormSpec, p: &crate::outcome::Project, facts: &mut Vec<Fact>) {
    let Some(id) = spec.project_id(&p.data) else {
        return;
    };
    let pos = p
        .data
        .fields
        .get(&spec.form.project_id_field)
        .map(|f| f.value_pos)
        .unwrap_or(p.data.title_pos);
    let mut f = Fact::on_sheet(FactKind::ProjectId, p, pos);
    f.key = id;
    f.fiscal_year = p.data.eval_year(spec).map(|y| y.year.0);
    facts.push(f);
}

fn link_target(spec: &FormSpec, p: &crate::outcome::Project, facts: &mut Vec<Fact>) {
    let Some((total_row, total_key)) = spec.total_row() else {
        return;
    };
    let Some(name) = p.data.field_text(&spec.form.project_name_field) else {
        return;
    };
    let key = crate::normalise::label_key(name);
    // One total per year, the sheet's last for a year it gives twice.
    let totals: std::collections::BTreeMap<i32, (f64, (u32, u32))> = p
        .data
        .observations
        .iter()
        .filter(|o| o.key() == total_key)
        .filter_map(|o| Some((o.fiscal_year()?.0, (usable(Some(total_row), o)?, o.pos))))
        .collect();
    for (&y, &(v, pos)) in &totals {
        let mut f = Fact::on_sheet(FactKind::LinkTarget, p, pos);
        f.key = key.clone();
        f.fiscal_year = Some(y);
        f.value = Some(v);
        facts.push(f);
    }
    if totals.is_empty() {
        let mut f = Fact::on_sheet(FactKind::LinkTarget, p, p.data.title_pos);
        f.key = key;
        facts.push(f);
    }
}

fn link_records(
    spec: &FormSpec,
    p: &crate::outcome::Project,
    forms: &[FormSpec],
    facts: &mut Vec<Fact>,
) {
    for (li, link) in spec.links.iter().enumerate() {
        // A link to a form without a total compares nothing (and the loader says so).
        if !forms
            .iter()
            .any(|f| f.form.id == link.form && f.total_row().is_some())
        {
            continue;
        }
        let Some(block) = spec.block(&link.block) else {
            continue;
        };
        let value_row = block.layout.values().iter().find(|v| v.key == link.value);
        for b in p.data.block(&link.block) {
            for rec in b.records.iter().filter(|r| block.row(&r.key).is_none()) {
                let record = |kind, pos| {
                    let mut f = Fact::on_sheet(kind, p, pos);
                    f.target = link.form.clone();
                    f.link = li as u32;
                    f.instance = b.instance;
                    f.record = rec.key.clone();
                    f.key = crate::normalise::label_key(&rec.name);
                    f
                };
                let mut head = record(FactKind::LinkRecord, rec.pos);
                head.name = rec.name.clone();
                facts.push(head);
                for obs in p.data.in_block(&link.block, b.instance).filter(|x| {
                    x.record.as_deref() == Some(rec.key.as_str()) && x.measure == link.value
                }) {
                    let (Some(v), Some(y)) = (usable(value_row, obs), obs.fiscal_year()) else {
                        continue;
                    };
                    let mut f = record(FactKind::LinkValue, obs.pos);
                    f.fiscal_year = Some(y.0);
                    f.value = Some(v);
                    facts.push(f);
                }
            }
        }
    }
}
