//! Progress: a bar on a terminal, plain periodic lines otherwise, nothing with `never`.

use super::ProgressMode;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub enum Progress {
    Bar(ProgressBar),
    Lines { total: usize, last: Mutex<Instant> },
    Quiet,
}

impl Progress {
    pub fn new(mode: ProgressMode, total: usize, lang: crate::i18n::Lang) -> Progress {
        let terminal = std::io::stderr().is_terminal();
        match mode {
            ProgressMode::Never => Progress::Quiet,
            ProgressMode::Auto if !terminal => Progress::Lines {
                total,
                last: Mutex::new(Instant::now()),
            },
            _ if terminal => {
                let bar = ProgressBar::new(total as u64);
                let template = match lang {
                    crate::i18n::Lang::Ja => "{bar:40} {pos}/{len} {elapsed_precise} (残り {eta})",
                    crate::i18n::Lang::En => "{bar:40} {pos}/{len} {elapsed_precise} ({eta} left)",
                };
                if let Ok(style) = ProgressStyle::with_template(template) {
                    bar.set_style(style);
                }
                Progress::Bar(bar)
            }
            _ => Progress::Lines {
                total,
                last: Mutex::new(Instant::now()),
            },
        }
    }

    pub fn tick(&self, done: usize) {
        match self {
            Progress::Bar(b) => b.set_position(done as u64),
            Progress::Lines { total, last } => {
                let mut last = last.lock().unwrap_or_else(|e| e.into_inner());
                if done == *total || last.elapsed() >= Duration::from_secs(2) {
                    *last = Instant::now();
                    eprintln!("hyoka: {done}/{total}");
                }
            }
            Progress::Quiet => {}
        }
    }

    pub fn finish(&self) {
        if let Progress::Bar(b) = self {
            b.finish_and_clear();
        }
    }
}
