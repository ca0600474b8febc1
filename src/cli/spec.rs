//! `hyoka spec check FILE...` and `hyoka spec list`: a central office writes or adapts a form
//! spec and sees every problem with its line before any workbook is read.

use super::args::{SpecArgs, SpecCommand, EXIT_CLEAN, EXIT_FATAL};
use super::setup::{load_forms, spec_files};
use crate::extract::layout::LAYOUTS;
use crate::i18n::Lang;
use std::path::PathBuf;

pub fn run(args: &SpecArgs) -> anyhow::Result<u8> {
    match &args.command {
        SpecCommand::Check { files, common } => check(files, common.lang),
        SpecCommand::List { common } => list(common),
    }
}

fn check(inputs: &[PathBuf], lang: Lang) -> anyhow::Result<u8> {
    let mut files = Vec::new();
    for p in inputs {
        if p.is_dir() {
            files.extend(crate::spec::spec_files_in(p)?);
        } else {
            files.push(p.clone());
        }
    }
    match crate::spec::load_spec_files(&files) {
        Ok(forms) => {
            for f in &forms {
                let blocks: Vec<String> = f
                    .blocks
                    .iter()
                    .map(|b| format!("{} ({})", b.id, b.layout.name()))
                    .collect();
                println!(
                    "{}: {} [{}] {}",
                    f.source.display(),
                    match lang {
                        Lang::Ja => "問題なし",
                        Lang::En => "ok",
                    },
                    f.form.id,
                    blocks.join(", ")
                );
            }
            Ok(EXIT_CLEAN)
        }
        Err(errors) => {
            for e in &errors.0 {
                println!("{e}");
            }
            eprintln!(
                "{}",
                match lang {
                    Lang::Ja => format!("様式定義に {} 件の問題があります", errors.0.len()),
                    Lang::En => format!("{} problems in the form specs", errors.0.len()),
                }
            );
            Ok(EXIT_FATAL)
        }
    }
}

fn list(common: &super::args::CommonArgs) -> anyhow::Result<u8> {
    let forms = load_forms(common)?;
    let from = match spec_files(common)? {
        Some(_) => "",
        None => " (built in)",
    };
    for f in &forms {
        let name = match common.lang {
            Lang::Ja => &f.form.name,
            Lang::En => &f.form.name_en,
        };
        println!("{}\t{}\t{}{}", f.form.id, name, f.source.display(), from);
        for b in &f.blocks {
            println!(
                "  {}\t{}\t{}",
                b.id,
                b.layout.name(),
                b.label_in(common.lang)
            );
        }
    }
    println!();
    for k in LAYOUTS {
        println!(
            "layout {}\t{}\tkeys: {}",
            k.name,
            k.summary,
            (k.keys)().join(", ")
        );
    }
    Ok(EXIT_CLEAN)
}
