//! Layouts: how a block of a form stands on a sheet. Each layout is one module behind
//! `BlockLayout`: it reads its own keys of the spec, finds itself on a sheet and yields
//! observations, and writes its part of a template. A new layout is one module here and one
//! line in `LAYOUTS`; rules and exports read the observations and need no change.

pub mod column_groups;
pub mod indicator_pairs;
pub mod item_blocks;
pub mod record_rows;
pub mod rows_by_year;
pub mod schedule_grid;

pub mod locate;

use crate::spec::source::LayoutKind;

/// Every layout, listed once.
pub static LAYOUTS: &[LayoutKind] = &[
    rows_by_year::KIND,
    indicator_pairs::KIND,
    record_rows::KIND,
    item_blocks::KIND,
    schedule_grid::KIND,
    column_groups::KIND,
];
