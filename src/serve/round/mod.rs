//! A submission round (提出の回): the folder `hyoka serve --round DIR` stores what departments
//! submit on the page, laid out so that `hyoka consolidate DIR` reads it as it is.
//!
//! ```text
//! DIR/<課>/<file>                         each department's current workbooks
//! DIR/.hyoka/versions/<課>/<time>_<file>  every earlier version, kept when a file is sent again
//! DIR/.hyoka/submissions.jsonl            who sent which file when, with its counts
//! DIR/.hyoka/accepted.toml                the reasons given for errors (accepted findings)
//! DIR/.hyoka/out/                         the office's consolidate
//! ```
//!
//! A folder named `.hyoka` is never read as submissions (`pipeline::ROUND_STATE_DIR`), and
//! `accepted.toml` is read by every run over the round (`check::accepted::load`).

mod names;
mod status;
mod store;
mod view;

pub use crate::serve::refusal::{not_the_links, Refusal};
pub use names::{department_folder, stored_name};
pub use status::{DepartmentStatus, DepartmentView, FileView, RoundView};
pub use store::*;
