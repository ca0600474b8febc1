//! Builds the bundled `samples/` from the seed documents' real figures, reproducibly:
//! `cargo run --bin make-samples -- --out samples`. With `--bench N` it writes N workbooks
//! cycling through the same projects, for timing runs (`--help` lists every mode). One module
//! per form writes its samples; the seeds' figures are shared with the tests.
//!
//! Which mistakes are planted, and where, is documented in samples/README.md; tests check
//! that `hyoka consolidate samples/` reports exactly those.

mod bench;
mod common;
mod export;
mod gyokaku;
mod jimu;
mod keikaku;
mod shisaku;
mod tassei;

#[path = "../../../tests/it/seed_figures.rs"]
mod seed_figures;

use bench::*;
use export::*;
use gyokaku::*;
use hyoka::spec::load_forms;
use hyoka::write::form_sheet::{write_form_sheet, CellInput, FormData, TemplateLayout};
use hyoka::write::{workbook_bytes, write_atomic};
use jimu::*;
use keikaku::*;
use shisaku::*;
use std::path::PathBuf;
use tassei::*;

/// What to write: the bundled samples, or copies for timing runs.
#[derive(clap::Parser)]
#[command(
    name = "make-samples",
    about = "Builds the bundled samples from the seeds' figures"
)]
struct Args {
    /// The folder to write into
    #[arg(long, default_value = "samples")]
    out: PathBuf,
    /// Last year's workbooks of the same projects, with planted changes, into this folder
    #[arg(long, value_name = "DIR")]
    previous: Option<PathBuf>,
    /// One export of N rows (export_bench.xlsx), for timing its reading
    #[arg(long, value_name = "N")]
    export_bench: Option<usize>,
    /// One workbook of N project sheets, for timing how a file's sheets are checked
    #[arg(long, value_name = "N")]
    bench_sheets: Option<usize>,
    /// N workbooks cycling through the projects, for timing runs
    #[arg(long, value_name = "N")]
    bench: Option<usize>,
    /// With --bench: `previous` writes last year's versions of the same N projects
    #[arg(long, value_parser = ["previous"])]
    bench_year: Option<String>,
}

fn main() -> anyhow::Result<()> {
    let args = <Args as clap::Parser>::parse();
    let out = args.out.clone();
    let forms = load_forms(None)?;
    let spec = forms
        .iter()
        .find(|f| f.form.id == "jimu-jigyo")
        .expect("built-in form");
    std::fs::create_dir_all(&out)?;
    let list = projects();
    if let Some(dir) = &args.previous {
        std::fs::create_dir_all(dir)?;
        let n = write_previous(spec, dir)?;
        eprintln!("{n} workbooks of last year in {}", dir.display());
        return Ok(());
    }
    // One export of N rows × 202 columns (six year groups of 33), for timing its reading.
    if let Some(rows) = args.export_bench {
        write_export(&out.join("export_bench.xlsx"), rows, 24)?;
        eprintln!("an export of {rows} rows in {}", out.display());
        return Ok(());
    }
    // One workbook of N project sheets, for timing how a file's sheets are checked.
    if let Some(sheets) = args.bench_sheets {
        let mut wb = rust_xlsxwriter::Workbook::new();
        for i in 0..sheets {
            let (p, tweak) = &list[i % list.len()];
            let mut data = p.data();
            let mut layout = p.layout(spec);
            tweak(&mut data, &mut layout);
            let id = format!("{:02}-{:03}", 50 + (i / 1000) % 50, i % 1000);
            data.fields.insert("id".into(), CellInput::Text(id));
            let ws = wb.add_worksheet();
            ws.set_name(format!("事業{:03}", i + 1))?;
            write_form_sheet(ws, spec, &layout, Some(&data))?;
        }
        let path = out.join(format!("{sheets}_sheets.xlsx"));
        write_atomic(&path, &workbook_bytes(&mut wb)?)?;
        eprintln!("a workbook of {sheets} sheets: {}", path.display());
        return Ok(());
    }
    // `--bench N --bench-year previous`: last year's versions of the same N projects.
    let last_year = args.bench_year.as_deref() == Some("previous");
    match args.bench {
        Some(count) => {
            // Every tenth workbook is one of the other forms' samples (施策, 達成目標, 調書,
            // 実施状況), each copy its own bytes; the rest are 事務事業 sheets.
            let others = if last_year {
                Vec::new()
            } else {
                other_form_samples(&forms)?
            };
            for i in 0..count {
                if i % 10 == 9 && !others.is_empty() {
                    let (name, bytes) = &others[(i / 10) % others.len()];
                    let copy = with_zip_comment(bytes, &format!("bench copy {i}"))?;
                    write_atomic(&out.join(format!("{i:05}_{name}")), &copy)?;
                    continue;
                }
                let (p, tweak) = &list[i % list.len()];
                let path = out.join(format!("{:05}_{}", i, p.file));
                // Each copy gets its own 事業番号, as a real batch would have.
                let id = format!("{:02}-{:03}", 50 + (i / 1000) % 50, i % 1000);
                let renumber = |d: &mut FormData, l: &mut TemplateLayout| {
                    tweak(d, l);
                    d.fields.insert("id".into(), CellInput::Text(id.clone()));
                };
                if last_year {
                    let renumber_only = |d: &mut FormData, _: &mut TemplateLayout| {
                        d.fields.insert("id".into(), CellInput::Text(id.clone()));
                    };
                    write_project(spec, &previous_of(p), &renumber_only, &path)?;
                } else {
                    write_project(spec, p, &renumber, &path)?;
                }
            }
            eprintln!("{count} workbooks in {}", out.display());
        }
        None => {
            for (p, tweak) in &list {
                write_project(spec, p, tweak.as_ref(), &out.join(p.file))?;
            }
            // Planted: Excel's lock file, left beside a workbook that was open when copied.
            let mut lock = vec![0u8; 165];
            let owner = "広報課 職員".as_bytes();
            lock[0] = owner.len() as u8;
            lock[1..1 + owner.len()].copy_from_slice(owner);
            write_atomic(&out.join("~$広報課_広報活動事業.xlsx"), &lock)?;
            let shisaku = forms
                .iter()
                .find(|f| f.form.id == "shisaku")
                .expect("built-in form");
            let policies = write_policies(shisaku, &out)?;
            write_targets(&out)?;
            let gyokaku = forms
                .iter()
                .find(|f| f.form.id == "gyokaku")
                .expect("built-in form");
            let reform = write_reform(gyokaku, &out)?;
            let keikaku = forms
                .iter()
                .find(|f| f.form.id == "keikaku")
                .expect("built-in form");
            let plans = write_plans(keikaku, &out)?;
            write_export(
                &out.join("評価システム出力_令和6年度.xlsx"),
                EXPORT_PROJECTS,
                2,
            )?;
            eprintln!(
                "{} workbooks and a lock file in {}",
                list.len() + policies + 1 + reform + plans + 1,
                out.display()
            );
        }
    }
    Ok(())
}
