//! Every user-facing message, in Japanese first and English with `--lang en`. One enum, one
//! `match` per language: a message without its English text does not compile.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ja,
    En,
}

/// A message with its values. Labels come from the form spec in both languages.
#[derive(Debug, Clone)]
pub enum Msg {
    LockFile,
    EmptyFile,
    NotAFile,
    NotAWorkbook {
        what: String,
    },
    Encrypted,
    Unreadable {
        detail: String,
    },
    ReaderPanic {
        detail: String,
    },
    TooLarge {
        limit: crate::read::limits::Limit,
        found: u64,
        max: u64,
    },
    NoFormSheet,
    DuplicateProject {
        id: String,
        others: String,
    },
    Truncated,
    NoSuchInput {
        path: String,
    },
    SheetSkipped,
    HiddenSheet,
    SheetUnreadable {
        detail: String,
    },
    RequiredMissing {
        label: String,
    },
    PatternMismatch {
        label: String,
        pattern: String,
    },
    ChoiceInvalid {
        label: String,
        allowed: String,
    },
    UnknownDepartment {
        name: String,
    },
    EvalYearNotInHeader {
        eval_year: String,
        header: String,
    },
    EvalYearNotSubmissionYear {
        eval_year: String,
        submission: String,
    },
    HeaderYearsNotConsecutive {
        header: String,
    },
    EvalYearPhase {
        eval_year: String,
        phase: String,
    },
    NonexistentYear {
        text: String,
        year: String,
    },
    CalendarYear {
        text: String,
    },
    StartAfterEval {
        start: String,
        eval_year: String,
    },
    YearUnreadable {
        label: String,
        text: String,
    },
    TableMissing {
        table: String,
    },
    RowMissing {
        label: String,
    },
    NotANumber {
        label: String,
        year: String,
        text: String,
    },
    TooPrecise {
        label: String,
        year: String,
        text: String,
    },
    CellError {
        label: String,
        year: String,
        text: String,
    },
    DateInNumberCell {
        label: String,
        year: String,
    },
    UnitMismatch {
        label: String,
        year: String,
        found: String,
        wanted: String,
    },
    Negative {
        label: String,
        year: String,
    },
    NegativeWithoutRemarks {
        label: String,
        year: String,
    },
    RuleFailed {
        label: String,
        year: String,
        rule: String,
        difference: String,
    },
    ConditionFailed {
        label: String,
        year: String,
        rule: String,
    },
    DerivedOverwrittenAgrees {
        label: String,
        year: String,
    },
    DerivedOverwrittenDiffers {
        label: String,
        year: String,
        rule: String,
    },
    PercentScale {
        label: String,
        year: String,
        text: String,
    },
    GradeMismatch {
        label: String,
        grade: String,
        achievement: String,
        expected: String,
    },
    HintTransposed,
    HintUnit,
    HintSign {
        item: String,
    },
    HintCopiedLastYear,
}

impl Msg {
    pub fn render(&self, lang: Lang) -> String {
        match lang {
            Lang::Ja => self.ja(),
            Lang::En => self.en(),
        }
    }

    fn ja(&self) -> String {
        use Msg::*;
        match self {
            LockFile => "Excel の一時ファイル（~$）です。元のファイルを閉じてから提出してください".into(),
            EmptyFile => "ファイルが空です（0 バイト）".into(),
            NotAFile => "ファイルではありません（フォルダまたは読めないリンク）".into(),
            NotAWorkbook { what } => format!("Excel ブックではありません（{what}）"),
            Encrypted => "パスワードで保護（暗号化）されているため読めません。保護を解除して再提出してください".into(),
            Unreadable { detail } => format!("ブックが壊れているため読めません: {detail}"),
            ReaderPanic { detail } => format!("読み込み中に内部エラーが発生しました（このファイルのみ中断）: {detail}"),
            TooLarge { limit, found, max } => format!("{}が上限を超えています（{found} > {max}）。{} で上限を変更できます", limit.name(Lang::Ja), limit.option()),
            Truncated => "ブックが途中で切れているか壊れているため読めません（コピーの失敗など）".into(),
            NoSuchInput { path } => format!("{path}: ファイルまたはフォルダがありません"),
            DuplicateProject { id, others } => format!("事業番号 {id} の同じ年度のシートが他にもあります（{others}）。重複して提出していませんか"),
            NoFormSheet => "評価シートが見つかりません（タイトルのあるシートがありません）".into(),
            SheetSkipped => "評価シートではないため読み飛ばしました".into(),
            HiddenSheet => "非表示のシートに評価シートがあります。提出対象か確認してください".into(),
            SheetUnreadable { detail } => format!("シートを読めません: {detail}"),
            RequiredMissing { label } => format!("{label}が未記入です"),
            PatternMismatch { label, pattern } => format!("{label}の形式が正しくありません（形式: {pattern}）"),
            ChoiceInvalid { label, allowed } => format!("{label}は次のいずれかで記入してください: {allowed}"),
            UnknownDepartment { name } => format!("課名「{name}」は課の一覧にありません"),
            EvalYearNotInHeader { eval_year, header } => format!("コスト表の年度（{header}）に評価年度 {eval_year} がありません。前年度の様式を流用していませんか"),
            EvalYearNotSubmissionYear { eval_year, submission } => format!("評価年度 {eval_year} が今回の提出年度 {submission} と異なります"),
            HeaderYearsNotConsecutive { header } => format!("年度の見出しが連続していません（{header}）"),
            EvalYearPhase { eval_year, phase } => format!("評価年度 {eval_year} の列が「{phase}」になっています。評価年度は実績を記入します。前年度の様式を流用していませんか"),
            NonexistentYear { text, year } => format!("「{text}」は実在しない年度です（{year} として読みました）"),
            CalendarYear { text } => format!("「{text}」は暦年です。年度で記入してください"),
            StartAfterEval { start, eval_year } => format!("事業開始年度 {start} が評価年度 {eval_year} より後です"),
            YearUnreadable { label, text } => format!("{label}「{text}」を年度として読めません"),
            TableMissing { table } => format!("{table}が見つかりません"),
            RowMissing { label } => format!("行「{label}」が見つかりません"),
            NotANumber { label, year, text } => format!("{year}の{label}「{text}」は数値ではありません"),
            TooPrecise { label, year, text } => format!("{year}の{label}「{text}」は桁数が多すぎて正確に扱えません"),
            CellError { label, year, text } => format!("{year}の{label}がエラー値 {text} です"),
            DateInNumberCell { label, year } => format!("{year}の{label}に日付が入っています"),
            UnitMismatch { label, year, found, wanted } => format!("{year}の{label}の単位が「{found}」です（この行は{wanted}）"),
            Negative { label, year } => format!("{year}の{label}が負の値です"),
            NegativeWithoutRemarks { label, year } => format!("{year}の{label}が負の値ですが、備考に説明がありません"),
            RuleFailed { label, year, rule, difference } => format!("{year}の{label}が計算（{rule}）と合いません（差 {difference}）"),
            ConditionFailed { label, year, rule } => format!("{year}の{label}が条件（{rule}）を満たしていません"),
            DerivedOverwrittenAgrees { label, year } => format!("{year}の{label}は数式の代わりに数値が入力されています（値は一致）"),
            DerivedOverwrittenDiffers { label, year, rule } => format!("{year}の{label}は数式が数値で上書きされ、計算（{rule}）とも合いません"),
            PercentScale { label, year, text } => format!("{year}の指標の「{text}」は割合（0〜1）で、もう一方は % で書かれているため、{label}の達成率を判定できません。% に揃えてください"),
            GradeMismatch { label, grade, achievement, expected } => format!("{label} {grade} は達成率 {achievement} と合いません（{expected} のはずです）"),
            HintTransposed => "差が 9 で割り切れます。数字の入れ替わり（例: 36 と 63）がないか確認してください".into(),
            HintUnit => "1000 倍の違いです。円と千円を取り違えていませんか".into(),
            HintSign { item } => format!("差が{item}の 2 倍です。符号（△）の付け忘れ・付け間違いがないか確認してください"),
            HintCopiedLastYear => "前年度のシートをコピーした場合は、年度の見出しと数値を更新してください".into(),
        }
    }

    fn en(&self) -> String {
        use Msg::*;
        match self {
            LockFile => "Excel lock file (~$); close the workbook and send the real file".into(),
            EmptyFile => "the file is empty (0 bytes)".into(),
            NotAFile => "not a file (a folder or a broken link)".into(),
            NotAWorkbook { what } => format!("not an Excel workbook ({what})"),
            Encrypted => "the workbook is password-protected (encrypted); remove the password and send it again".into(),
            Unreadable { detail } => format!("the workbook is damaged and cannot be read: {detail}"),
            ReaderPanic { detail } => format!("internal error while reading (this file only was stopped): {detail}"),
            TooLarge { limit, found, max } => format!("{} exceeds the limit ({found} > {max}); raise it with {}", limit.name(Lang::En), limit.option()),
            Truncated => "the workbook is cut short or corrupt (an interrupted copy?)".into(),
            NoSuchInput { path } => format!("{path}: no such file or folder"),
            DuplicateProject { id, others } => format!("project number {id} for the same year is also in {others}; was it sent twice?"),
            NoFormSheet => "no evaluation sheet found (no sheet carries the form title)".into(),
            SheetSkipped => "not an evaluation sheet; skipped".into(),
            HiddenSheet => "a hidden sheet holds an evaluation sheet; check whether it is meant to be submitted".into(),
            SheetUnreadable { detail } => format!("the sheet cannot be read: {detail}"),
            RequiredMissing { label } => format!("{label} is not filled in"),
            PatternMismatch { label, pattern } => format!("{label} is not in the expected form ({pattern})"),
            ChoiceInvalid { label, allowed } => format!("{label} must be one of: {allowed}"),
            UnknownDepartment { name } => format!("department \"{name}\" is not in the department list"),
            EvalYearNotInHeader { eval_year, header } => format!("the cost table's years ({header}) do not include the evaluation year {eval_year}; was last year's sheet reused?"),
            EvalYearNotSubmissionYear { eval_year, submission } => format!("evaluation year {eval_year} is not this submission's year {submission}"),
            HeaderYearsNotConsecutive { header } => format!("the fiscal-year headers are not consecutive ({header})"),
            EvalYearPhase { eval_year, phase } => format!("the column of the evaluation year {eval_year} is marked \"{phase}\"; the evaluation year reports results. Was last year's sheet reused?"),
            NonexistentYear { text, year } => format!("\"{text}\" is a year that never existed (read as {year})"),
            CalendarYear { text } => format!("\"{text}\" is a calendar year; write the fiscal year"),
            StartAfterEval { start, eval_year } => format!("start year {start} is after the evaluation year {eval_year}"),
            YearUnreadable { label, text } => format!("{label} \"{text}\" cannot be read as a fiscal year"),
            TableMissing { table } => format!("{table} not found"),
            RowMissing { label } => format!("row \"{label}\" not found"),
            NotANumber { label, year, text } => format!("{label} for {year}: \"{text}\" is not a number"),
            TooPrecise { label, year, text } => format!("{label} for {year}: \"{text}\" has too many digits to be held exactly"),
            CellError { label, year, text } => format!("{label} for {year} is the error value {text}"),
            DateInNumberCell { label, year } => format!("{label} for {year} holds a date"),
            UnitMismatch { label, year, found, wanted } => format!("{label} for {year} is written in {found}; this row is in {wanted}"),
            Negative { label, year } => format!("{label} for {year} is negative"),
            NegativeWithoutRemarks { label, year } => format!("{label} for {year} is negative and the remarks (備考) do not explain it"),
            RuleFailed { label, year, rule, difference } => format!("{label} for {year} does not match {rule} (difference {difference})"),
            ConditionFailed { label, year, rule } => format!("{label} for {year} does not satisfy {rule}"),
            DerivedOverwrittenAgrees { label, year } => format!("{label} for {year}: the formula was replaced by a typed number (the value agrees)"),
            DerivedOverwrittenDiffers { label, year, rule } => format!("{label} for {year}: the formula was replaced by a typed number that does not match {rule}"),
            PercentScale { label, year, text } => format!("the indicator value \"{text}\" for {year} is a fraction (0–1) while the other is a percentage, so {label} cannot be checked; write both in %"),
            GradeMismatch { label, grade, achievement, expected } => format!("{label} {grade} does not match the achievement of {achievement} (expected {expected})"),
            HintTransposed => "the difference is divisible by 9: check for transposed digits (36 for 63)".into(),
            HintUnit => "a factor of 1000: were yen entered where thousands of yen are asked?".into(),
            HintSign { item } => format!("the difference is twice {item}: check the sign (△) of that item"),
            HintCopiedLastYear => "if this sheet was copied from last year, update its year headers and figures".into(),
        }
    }
}

/// Words for summary lines, report headings and sheet names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ui {
    Files,
    Accepted,
    WithErrors,
    Rejected,
    Errors,
    Warnings,
    Infos,
    Time,
    Severity,
    Code,
    File,
    Sheet,
    Cell,
    Field,
    FiscalYear,
    Expected,
    Actual,
    Message,
    Hint,
    Remarks,
    Link,
    Open,
    Department,
    Status,
    Reason,
    Form,
    Findings,
    UnknownDepartment,
}

impl Ui {
    pub fn text(self, lang: Lang) -> &'static str {
        let (ja, en) = match self {
            Ui::Files => ("ファイル", "files"),
            Ui::Accepted => ("受理", "accepted"),
            Ui::WithErrors => ("エラーあり", "with errors"),
            Ui::Rejected => ("読めず", "rejected"),
            Ui::Errors => ("エラー", "errors"),
            Ui::Warnings => ("警告", "warnings"),
            Ui::Infos => ("情報", "info"),
            Ui::Time => ("時間", "time"),
            Ui::Severity => ("重要度", "severity"),
            Ui::Code => ("コード", "code"),
            Ui::File => ("ファイル", "file"),
            Ui::Sheet => ("シート", "sheet"),
            Ui::Cell => ("セル", "cell"),
            Ui::Field => ("項目", "field"),
            Ui::FiscalYear => ("年度", "fiscal year"),
            Ui::Expected => ("期待値", "expected"),
            Ui::Actual => ("実際の値", "actual"),
            Ui::Message => ("内容", "message"),
            Ui::Hint => ("ヒント", "hint"),
            Ui::Remarks => ("備考", "remarks"),
            Ui::Link => ("リンク", "link"),
            Ui::Open => ("開く", "open"),
            Ui::Department => ("課名", "department"),
            Ui::Status => ("状態", "status"),
            Ui::Reason => ("理由", "reason"),
            Ui::Form => ("様式", "form"),
            Ui::Findings => ("指摘", "findings"),
            Ui::UnknownDepartment => ("部署不明", "unknown-department"),
        };
        match lang {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn both_languages_render_and_differ() {
        let m = Msg::RuleFailed {
            label: "一般財源".into(),
            year: "令和4年度".into(),
            rule: "a - r1".into(),
            difference: "9".into(),
        };
        assert!(m.render(Lang::Ja).contains("合いません"));
        assert!(m.render(Lang::En).contains("does not match"));
    }
}
