//! Last year's unified workbook read back, for `hyoka audit --previous consolidated.xlsx`: an
//! office keeps the council book it sent, not always the departments' files. 事業一覧 gives
//! each project's number, name and evaluation year; 明細 its figures, each with the key
//! (キー), year, phase and source cell it had. The projects are rebuilt as observations, so the
//! audit compares them as it compares workbooks.

use crate::extract::{Observation, Origin, Period, Phase, SheetRead, Value};
use crate::form::FormSpec;
use crate::normalise::{parse_fiscal_year, Era};
use crate::outcome::{FileOutcome, Project, ProjectStatus};
use calamine::{Data, Reader, Xlsx};
use std::collections::BTreeMap;
use std::path::Path;

/// The caption of 明細's key column, in either language.
pub const KEY_CAPTIONS: [&str; 2] = ["キー", "key"];

fn column(header: &[Data], names: &[&str]) -> Option<usize> {
    header
        .iter()
        .position(|c| names.contains(&c.to_string().as_str()))
}

/// Reads the projects of a unified workbook, one outcome per source file they came from;
/// `None` when the file is not one hyoka wrote (no 明細 with the key column), so the caller
/// reads it as a workbook. The book is opened once.
///
/// The book is admitted through the reader's limits first (`read::admit_path`, every part
/// inflated and counted): one that fails them is read as a workbook, which reports why.
pub fn read_unified(
    path: &Path,
    forms: &[FormSpec],
    limits: &crate::read::Limits,
) -> anyhow::Result<Option<Vec<FileOutcome>>> {
    let Ok((bytes, crate::read::Format::Xlsx)) = crate::read::admit_path(path, limits) else {
        return Ok(None);
    };
    let Ok(mut wb) = Xlsx::new(std::io::Cursor::new(bytes)) else {
        return Ok(None);
    };
    let Some((long_name, long)) = ["明細", "Observations"]
        .iter()
        .find_map(|n| wb.worksheet_range(n).ok().map(|r| (*n, r)))
    else {
        return Ok(None);
    };
    // A table longer than one Excel sheet goes on in `明細 (2)`, `明細 (3)`, … with the header.
    let continued: Vec<_> = (2..)
        .map_while(|n| wb.worksheet_range(&format!("{long_name} ({n})")).ok())
        .collect();
    let long_header: Vec<Data> = long.rows().next().unwrap_or_default().to_vec();
    if column(&long_header, &KEY_CAPTIONS).is_none() {
        return Ok(None);
    }
    let sheet = |wb: &mut Xlsx<_>, names: [&str; 2]| {
        names
            .iter()
            .find_map(|n| wb.worksheet_range(n).ok())
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "{}: no sheet {} (統合ブックではありません)",
                    path.display(),
                    names[0]
                )
            })
    };
    let projects = sheet(&mut wb, ["事業一覧", "Projects"])?;
    let mut rows = projects.rows();
    let header: Vec<Data> = rows.next().unwrap_or_default().to_vec();
    let col = |names: &[&str]| column(&header, names);
    let (form_c, id_c, name_c, dept_c, year_c, file_c, sheet_c) = (
        col(&["様式", "form"]),
        col(&["番号", "number"]),
        col(&["名称", "name"]),
        col(&["課名", "department"]),
        col(&["評価年度", "evaluation year"]),
        col(&["ファイル", "file"]),
        col(&["シート", "sheet"]),
    );
    let text = |row: &[Data], c: Option<usize>| {
        c.and_then(|c| row.get(c))
            .map(|d| d.to_string())
            .unwrap_or_default()
    };
    // (file, sheet) → the project rebuilt from its row of 事業一覧.
    let mut by_place: BTreeMap<(String, String), Project> = BTreeMap::new();
    for row in rows {
        // 様式 as the book shows it (`事務事業評価シート`), or its id (books of earlier versions).
        let shown = text(row, form_c);
        let Some(spec) = forms
            .iter()
            .find(|f| [&f.form.id, &f.form.name, &f.form.name_en].contains(&&shown))
        else {
            continue;
        };
        let form = spec.form.id.clone();
        let mut data = SheetRead {
            form_id: form.clone(),
            spec_file: spec.source.display().to_string(),
            title_pos: (0, 0),
            fields: BTreeMap::new(),
            blocks: Vec::new(),
            observations: Vec::new(),
        };
        let mut put = |key: &str, raw: String| {
            let year = (key == spec.form.eval_year_field)
                .then(|| parse_fiscal_year(&raw, Some(Era::Reiwa)))
                .flatten();
            data.fields.insert(
                key.to_string(),
                crate::extract::FieldValue {
                    label_pos: (0, 0),
                    value_pos: (0, 0),
                    present: !raw.is_empty(),
                    raw,
                    year,
                    source: crate::form::FieldSource::Sheet,
                },
            );
        };
        put(&spec.form.project_id_field, text(row, id_c));
        put(&spec.form.project_name_field, text(row, name_c));
        put(&spec.form.department_field, text(row, dept_c));
        put(&spec.form.eval_year_field, text(row, year_c));
        // The other fields stand under their labels (今後の方向性, 進捗状況 …).
        for f in &spec.fields {
            let roles = [
                &spec.form.project_id_field,
                &spec.form.project_name_field,
                &spec.form.department_field,
                &spec.form.eval_year_field,
            ];
            if roles.contains(&&f.spec.key) {
                continue;
            }
            if let Some(c) = column(&header, &[f.spec.label.as_str(), f.spec.label_en.as_str()]) {
                put(&f.spec.key, text(row, Some(c)));
            }
        }
        let place = (text(row, file_c), text(row, sheet_c));
        by_place.insert(
            place.clone(),
            Project {
                status: ProjectStatus::Ok,
                file: place.0,
                sheet: place.1,
                sheet_index: 0,
                form_id: form,
                department: Some(text(row, dept_c)).filter(|d| !d.is_empty()),
                data,
                spilled: None,
            },
        );
    }
    let rows = std::iter::once(&long)
        .chain(&continued)
        .flat_map(|sheet| sheet.rows().skip(1));
    let col = |names: &[&str]| column(&long_header, names);
    let (key_c, year_c, phase_c, value_c, unit_c, file_c, sheet_c, cell_c, instance_c) = (
        col(&KEY_CAPTIONS),
        col(&["年度", "fiscal year"]),
        col(&["区分", "phase"]),
        col(&["値", "value"]),
        col(&["単位", "unit"]),
        col(&["ファイル", "file"]),
        col(&["シート", "sheet"]),
        col(&["セル", "cell"]),
        col(&["見出し", "heading"]),
    );
    // Occurrences of a repeated block are told apart by their heading, numbered in the order
    // they come (the order they were read in).
    let mut headings: BTreeMap<(String, String, String), Vec<String>> = BTreeMap::new();
    for row in rows {
        let place = (text(row, file_c), text(row, sheet_c));
        let Some(p) = by_place.get_mut(&place) else {
            continue;
        };
        let Some(spec) = forms.iter().find(|f| f.form.id == p.form_id) else {
            continue;
        };
        let key = text(row, key_c);
        let (block, record, measure) = match key.split('.').collect::<Vec<_>>().as_slice() {
            [m] => match spec
                .blocks
                .iter()
                .find(|b| b.rows_are_measures && b.row(m).is_some())
            {
                Some(b) => (b.id.clone(), None, m.to_string()),
                None => continue,
            },
            [b, rest @ .., m] if !rest.is_empty() => {
                (b.to_string(), Some(rest.join(".")), m.to_string())
            }
            _ => continue,
        };
        let year = match row.get(year_c.unwrap_or(usize::MAX)) {
            Some(Data::Float(y)) => Some(crate::normalise::FiscalYear(*y as i32)),
            Some(Data::Int(y)) => Some(crate::normalise::FiscalYear(*y as i32)),
            Some(d) => parse_fiscal_year(&d.to_string(), Some(Era::Reiwa)).map(|y| y.year),
            None => None,
        };
        let value = match row.get(value_c.unwrap_or(usize::MAX)) {
            Some(Data::Float(v)) => *v,
            Some(Data::Int(v)) => *v as f64,
            _ => continue,
        };
        let phase_text = text(row, phase_c);
        let phase = Phase::from_word(&phase_text).or(match phase_text.as_str() {
            "actual" => Some(Phase::Actual),
            "settled" => Some(Phase::Settled),
            "budget" => Some(Phase::Budget),
            "plan" => Some(Phase::Plan),
            "target" => Some(Phase::Target),
            _ => None,
        });
        let heading = text(row, instance_c);
        let seen = headings
            .entry((place.0.clone(), place.1.clone(), block.clone()))
            .or_default();
        let instance = match seen.iter().position(|h| *h == heading) {
            Some(i) => i as u32,
            None => {
                seen.push(heading);
                seen.len() as u32 - 1
            }
        };
        let pos = cell_position(&text(row, cell_c)).unwrap_or((0, 0));
        p.data.observations.push(Observation {
            block,
            instance,
            record,
            measure,
            period: year.map(Period::Fiscal),
            phase,
            value: Value::Number(value),
            unit: Some(text(row, unit_c)).filter(|u| !u.is_empty()),
            cell_unit: None,
            raw: crate::normalise::plain_number(value),
            pos,
            formula: None,
            from_text: false,
            origin: Origin::Constant,
        });
    }
    // One outcome per source file, in the book's order.
    let mut files: BTreeMap<String, FileOutcome> = BTreeMap::new();
    for ((file, _), p) in by_place {
        let o = files.entry(file.clone()).or_insert_with(|| {
            // As the book names it: relative to the folder the book was made from.
            let mut o = FileOutcome::new(&file, std::path::PathBuf::from(&file));
            o.format = Some("unified".into());
            o.form = Some(p.form_id.clone());
            o.department = p.department.clone();
            o
        });
        o.sheets += 1;
        o.projects.push(p);
    }
    Ok(Some(files.into_values().collect()))
}

/// `D12` → (11, 3).
fn cell_position(a1: &str) -> Option<(u32, u32)> {
    let letters: String = a1.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let digits = &a1[letters.len()..];
    let row: u32 = digits.parse().ok()?;
    let col = letters.chars().fold(0u32, |acc, c| {
        acc * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1)
    });
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}
