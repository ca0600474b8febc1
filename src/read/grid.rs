//! A sparse grid: only the cells a sheet really holds, so a sheet whose stored dimension or
//! corners are huge costs no more than its content.

use calamine::Data;
use std::collections::BTreeMap;
use std::sync::OnceLock;

#[derive(Debug, Clone)]
pub struct Cell {
    /// The literal value, or the cached result of a formula.
    pub value: Data,
    /// Formula text without the leading `=`, when the cell holds one.
    pub formula: Option<String>,
    /// The text's label key, worked out on first use: every layout and field search compares
    /// keys, and folding each cell once instead of once per search was a fifth of the run.
    key: OnceLock<Box<str>>,
}

impl Cell {
    pub fn new(value: Data, formula: Option<String>) -> Cell {
        Cell {
            value,
            formula,
            key: OnceLock::new(),
        }
    }

    /// The cell's text in the form labels are compared in (`normalise::label_key`).
    pub fn key(&self) -> &str {
        self.key.get_or_init(|| match &self.value {
            Data::String(s) => crate::normalise::label_key(s).into(),
            other => crate::normalise::label_key(&data_text(other)).into(),
        })
    }
}

impl PartialEq for Cell {
    fn eq(&self, other: &Cell) -> bool {
        self.value == other.value && self.formula == other.formula
    }
}

/// A merged region, zero-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

#[derive(Debug, Clone, Default)]
pub struct Grid {
    cells: BTreeMap<(u32, u32), Cell>,
    merged: Vec<Region>,
}

impl Grid {
    pub fn new() -> Grid {
        Grid::default()
    }

    /// Keeps a cell that holds a value or a formula; empty cells are not stored.
    pub fn insert(&mut self, row: u32, col: u32, value: Data, formula: Option<String>) {
        let formula = formula.filter(|f| !f.trim().is_empty());
        if value == Data::Empty && formula.is_none() {
            return;
        }
        if let Data::String(s) = &value {
            if s.trim().is_empty() && formula.is_none() {
                return;
            }
        }
        self.cells.insert((row, col), Cell::new(value, formula));
    }

    /// Adds a formula to a cell already read (formats that give formulas separately).
    pub fn set_formula(&mut self, row: u32, col: u32, formula: String) {
        if formula.trim().is_empty() {
            return;
        }
        self.cells
            .entry((row, col))
            .or_insert_with(|| Cell::new(Data::Empty, None))
            .formula = Some(formula);
    }

    pub fn add_merged(&mut self, r: Region) {
        self.merged.push(r);
    }

    pub fn get(&self, row: u32, col: u32) -> Option<&Cell> {
        self.cells.get(&(row, col))
    }

    pub fn len(&self) -> usize {
        self.cells.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// Cells in reading order: row by row, left to right.
    pub fn iter(&self) -> impl Iterator<Item = (&(u32, u32), &Cell)> {
        self.cells.iter()
    }

    /// Cells of one row from `from_col` on, left to right.
    pub fn row_from(&self, row: u32, from_col: u32) -> impl Iterator<Item = (&(u32, u32), &Cell)> {
        self.cells.range((row, from_col)..=(row, u32::MAX))
    }

    /// The merged region whose top-left cell is (row, col), if any.
    pub fn merged_at(&self, row: u32, col: u32) -> Option<Region> {
        self.merged
            .iter()
            .copied()
            .find(|m| m.first_row == row && m.first_col == col)
    }

    pub fn merged(&self) -> &[Region] {
        &self.merged
    }

    /// The text of a cell as a person would read it, for labels and raw values.
    pub fn text(&self, row: u32, col: u32) -> Option<String> {
        self.get(row, col).map(|c| data_text(&c.value))
    }
}

/// Renders a value as text without losing digits (integers print without `.0`).
pub fn data_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => format_number(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// Shortest text for a float that reads back as the same float.
pub fn format_number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}
