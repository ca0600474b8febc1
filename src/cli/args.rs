//! Every command's arguments, as clap reads them, and the exit codes.

use crate::i18n::Lang;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Exit codes: 0 no error findings, 1 error findings, 2 usage or fatal problem.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_FATAL: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "hyoka",
    version,
    about = "評価シートの点検・集約 (check and consolidate evaluation workbooks)"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Write a blank form for departments (空の様式を出力)
    Template(TemplateArgs),
    /// Check workbooks and write report.json, report.xlsx and feedback/ (点検)
    Validate(RunArgs),
    /// Check, then also write the unified workbook and consolidated.csv (点検＋集約)
    Consolidate(ConsolidateArgs),
    /// Check or list form specs (様式定義の点検・一覧)
    Spec(SpecArgs),
    /// List every finding code with its severity and meaning (指摘コードの一覧)
    Rules(RulesArgs),
    /// Compare two years: figures, projects, targets, grades (前年度との照合)
    Audit(AuditArgs),
    /// Write a commented hyoka.toml to start from (設定ファイルの雛形)
    Init(InitArgs),
    /// Serve the page where departments check workbooks before sending them (事前点検ページ)
    Serve(ServeArgs),
    /// Read a password from standard input and print its hash for hyoka.toml's [serve]
    /// office_password_hash (事務局画面のパスワード)
    HashPassword(HashPasswordArgs),
    /// A round's 提出 links: one per 課, for the office to send (提出用リンク)
    Round(RoundArgs),
}

#[derive(Args, Debug)]
pub struct RoundArgs {
    #[command(subcommand)]
    pub command: RoundCommand,
}

#[derive(Subcommand, Debug)]
pub enum RoundCommand {
    /// Issue a new link for each 課 (of the department list, or those named), replacing its
    /// earlier one, and print 課 and URL per line (リンクの発行)
    Links {
        /// The round's folder
        #[arg(long, value_name = "DIR")]
        round: PathBuf,
        /// The page's address as departments reach it
        #[arg(long, default_value = "http://127.0.0.1:8080/")]
        url: String,
        /// Settings with the department list (default: ./hyoka.toml when present)
        #[arg(long)]
        config: Option<PathBuf>,
        /// Only these 課 (default: every 課 of the list)
        departments: Vec<String>,
        #[command(flatten)]
        common: CommonArgs,
    },
    /// Revoke the links of these 課 (リンクの取り消し)
    Revoke {
        #[arg(long, value_name = "DIR")]
        round: PathBuf,
        #[arg(required = true)]
        departments: Vec<String>,
        #[command(flatten)]
        common: CommonArgs,
    },
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on (0.0.0.0:8080 for the whole intranet)
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// The round's settings (default: ./hyoka.toml when present)
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Largest upload, all files of one request together
    #[arg(long, default_value_t = 50)]
    pub max_upload_mb: usize,
    /// Checks run at once; further uploads wait their turn
    #[arg(long, default_value_t = 2)]
    pub max_checks: usize,
    /// The round's folder: 提出 stores each department's workbooks here, and the office view
    /// (/office) follows it
    #[arg(long, value_name = "DIR")]
    pub round: Option<PathBuf>,
    /// A name the page is reached by (hyoka.city.local), repeatable; IP addresses and
    /// localhost always work, other names are refused
    #[arg(long = "host", value_name = "NAME")]
    pub hosts: Vec<String>,
    /// Serve HTTPS with this certificate (PEM, the chain as the intranet's CA issues it)
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The certificate's private key (PEM)
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Args, Debug)]
pub struct HashPasswordArgs {
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Args, Debug)]
pub struct InitArgs {
    /// The file to write
    #[arg(long, default_value = crate::config::DEFAULT_FILE)]
    pub out: PathBuf,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Args, Debug)]
pub struct AuditArgs {
    /// Last year's workbooks (a folder or files), or the consolidated.xlsx made of them
    #[arg(long, required = true, num_args = 1..)]
    pub previous: Vec<PathBuf>,
    /// This year's workbooks (a folder or files)
    #[arg(long, required = true, num_args = 1..)]
    pub current: Vec<PathBuf>,
    /// Output folder for report.json and audit.xlsx
    #[arg(long)]
    pub out: PathBuf,
    /// Settings (default: ./hyoka.toml when present)
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Worker threads (default: one per core)
    #[arg(long)]
    pub jobs: Option<usize>,
    #[command(flatten)]
    pub limits: LimitArgs,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Args, Debug)]
pub struct SpecArgs {
    #[command(subcommand)]
    pub command: SpecCommand,
}

#[derive(Subcommand, Debug)]
pub enum SpecCommand {
    /// Check spec files: every problem with its file and line; exit 2 when there is one
    Check {
        /// Spec files (*.toml) or folders of them
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        common: CommonArgs,
    },
    /// List the forms in use, their spec files and blocks, and the layouts a spec can name
    List {
        #[command(flatten)]
        common: CommonArgs,
    },
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// A code to explain: what it checks, why, an example of the mistake, its fix, its
    /// severity and the settings that change it
    pub code: Option<String>,
    /// The built-in codes as the README's Markdown table
    #[arg(long)]
    pub markdown: bool,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Args, Debug)]
pub struct TemplateArgs {
    /// Form id, e.g. jimu-jigyo
    pub form: String,
    /// Evaluation year, e.g. 令和5年度, R5, 2023
    #[arg(long)]
    pub year: String,
    /// The workbook to write (.xlsx)
    #[arg(long)]
    pub out: PathBuf,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Args, Debug, Clone)]
pub struct CommonArgs {
    /// Folder of form specs (*.toml); default: ./templates if present, else templates beside the
    /// program, else the built-in forms
    #[arg(long, global = true)]
    pub templates: Option<PathBuf>,
    /// A form spec file to use (repeatable); with --templates, both are used
    #[arg(long = "spec", global = true)]
    pub specs: Vec<PathBuf>,
    /// Language of messages
    #[arg(long, value_enum, default_value_t = Lang::Ja, global = true)]
    pub lang: Lang,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProgressMode {
    Auto,
    Always,
    Never,
}

/// The reader's limits, checked before and while a workbook is read.
#[derive(Args, Debug, Clone)]
pub struct LimitArgs {
    /// Largest file read, in MiB
    #[arg(long, default_value_t = 100)]
    pub max_file_mb: u64,
    /// Most cells read from one sheet
    #[arg(long, default_value_t = 2_000_000)]
    pub max_cells: usize,
    /// Largest rows × columns an xls sheet may span (its range is allocated whole)
    #[arg(long, default_value_t = 4_000_000)]
    pub max_sheet_area: u64,
    /// Longest text read from one cell, in characters
    #[arg(long, default_value_t = 1_000_000)]
    pub max_string_chars: usize,
    /// Most parts in one xlsx/ods zip
    #[arg(long, default_value_t = 10_000)]
    pub max_zip_entries: usize,
    /// Largest declared uncompressed size of one workbook, in MiB
    #[arg(long, default_value_t = 256)]
    pub max_uncompressed_mb: u64,
    /// Highest compression ratio of a large zip part
    #[arg(long, default_value_t = 200)]
    pub max_compression_ratio: u64,
}

impl LimitArgs {
    pub fn limits(&self) -> crate::read::Limits {
        crate::read::Limits {
            max_file_bytes: self.max_file_mb.saturating_mul(1024 * 1024),
            max_cells: self.max_cells,
            max_sheet_area: self.max_sheet_area,
            max_string_chars: self.max_string_chars,
            max_zip_entries: self.max_zip_entries,
            max_uncompressed_bytes: self.max_uncompressed_mb.saturating_mul(1024 * 1024),
            max_compression_ratio: self.max_compression_ratio,
        }
    }
}

#[derive(Args, Debug)]
pub struct RunArgs {
    /// Workbooks or folders (folders are searched recursively)
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output folder
    #[arg(long)]
    pub out: PathBuf,
    /// The submission year: every sheet's 評価年度 must be it (e.g. 令和5年度)
    #[arg(long)]
    pub year: Option<String>,
    /// Department list: one 課名 per line, `旧名 => 新名` for renamed ones
    #[arg(long)]
    pub departments: Option<PathBuf>,
    /// Settings (default: ./hyoka.toml when present); --year and --departments win over it
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Progress on stderr: a bar on a terminal and plain lines otherwise (auto), the bar even
    /// when piped (always), or nothing (never)
    #[arg(long, value_enum, default_value_t = ProgressMode::Auto)]
    pub progress: ProgressMode,
    /// Worker threads (default: one per core)
    #[arg(long)]
    pub jobs: Option<usize>,
    #[command(flatten)]
    pub limits: LimitArgs,
    /// Also write each checked workbook again into DIR, every cell a finding names filled
    /// and noted (xlsx and xlsm only)
    #[arg(long, value_name = "DIR")]
    pub annotate: Option<PathBuf>,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Args, Debug)]
pub struct ConsolidateArgs {
    #[command(flatten)]
    pub run: RunArgs,
    /// Encoding of consolidated.csv
    #[arg(long, value_enum, default_value_t = crate::write::csv::CsvEncoding::Utf8)]
    pub csv_encoding: crate::write::csv::CsvEncoding,
    /// Also write the long table as Parquet, partitioned municipality=…/fiscal_year=…, for
    /// DuckDB and Spark (into OUT/parquet)
    #[arg(long)]
    pub parquet: bool,
    /// The Parquet dataset folder, shared by many runs (implies --parquet)
    #[arg(long, value_name = "DIR")]
    pub parquet_dir: Option<PathBuf>,
    /// The municipality this run is, for the Parquet partition (or `municipality` in
    /// hyoka.toml)
    #[arg(long)]
    pub municipality: Option<String>,
}

/// What `consolidate` writes beyond validate's reports.
pub struct Consolidation {
    pub csv_encoding: crate::write::csv::CsvEncoding,
    pub parquet: Option<PathBuf>,
    pub municipality: Option<String>,
}
