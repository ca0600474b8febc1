//! Progress: a bar on a terminal, plain periodic lines otherwise, nothing with `never`.

use super::args::ProgressMode;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle, TermLike};
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
            _ => {
                // `always` draws the bar even when stderr is piped (a log that keeps escapes).
                let bar = if terminal {
                    ProgressBar::new(total as u64)
                } else {
                    ProgressBar::with_draw_target(
                        Some(total as u64),
                        ProgressDrawTarget::term_like_with_hz(Box::new(AnsiStderr), 4),
                    )
                };
                let template = match lang {
                    crate::i18n::Lang::Ja => "{bar:40} {pos}/{len} {elapsed_precise} (残り {eta})",
                    crate::i18n::Lang::En => "{bar:40} {pos}/{len} {elapsed_precise} ({eta} left)",
                };
                if let Ok(style) = ProgressStyle::with_template(template) {
                    bar.set_style(style);
                }
                Progress::Bar(bar)
            }
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
            // On a terminal the bar gives way to the summary; in a log its last state stays.
            if std::io::stderr().is_terminal() {
                b.finish_and_clear();
            } else {
                b.finish();
            }
        }
    }
}

/// Standard error as a terminal that may not be one: the bar drawn with ANSI escapes.
#[derive(Debug)]
struct AnsiStderr;

impl AnsiStderr {
    fn put(&self, s: &str) -> std::io::Result<()> {
        use std::io::Write;
        std::io::stderr().write_all(s.as_bytes())
    }
}

impl TermLike for AnsiStderr {
    fn width(&self) -> u16 {
        80
    }
    fn move_cursor_up(&self, n: usize) -> std::io::Result<()> {
        if n == 0 {
            return Ok(());
        }
        self.put(&format!("\x1b[{n}A"))
    }
    fn move_cursor_down(&self, n: usize) -> std::io::Result<()> {
        if n == 0 {
            return Ok(());
        }
        self.put(&format!("\x1b[{n}B"))
    }
    fn move_cursor_right(&self, n: usize) -> std::io::Result<()> {
        if n == 0 {
            return Ok(());
        }
        self.put(&format!("\x1b[{n}C"))
    }
    fn move_cursor_left(&self, n: usize) -> std::io::Result<()> {
        if n == 0 {
            return Ok(());
        }
        self.put(&format!("\x1b[{n}D"))
    }
    fn write_line(&self, s: &str) -> std::io::Result<()> {
        self.put(&format!("{s}\n"))
    }
    fn write_str(&self, s: &str) -> std::io::Result<()> {
        self.put(s)
    }
    fn clear_line(&self) -> std::io::Result<()> {
        self.put("\r\x1b[2K")
    }
    fn flush(&self) -> std::io::Result<()> {
        use std::io::Write;
        std::io::stderr().flush()
    }
}
