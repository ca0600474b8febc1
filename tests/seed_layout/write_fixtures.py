#!/usr/bin/env python3
"""Seed-layout fixtures for hyoka: workbooks laid out the way the five published seed documents
lay them out (not the way hyoka's own templates do), with planted mistakes and a manifest.

    python3 tests/seed_layout/write_fixtures.py OUTDIR

writes into OUTDIR, per form, one clean copy of its seed and one copy per planted mistake (each
holding exactly one mistake), plus `manifest.json` (what each file must give) and
`departments.txt` (every 課 the files name, one per line).

The seeds are text exports of published sheets, kept below as data: one line is one row, `|`
separates the columns (A, B, C …) and `\\n` is a line break inside a cell. Labels and figures are
verbatim. What the text export added is undone: HTML markup is plain text again (paragraphs as
line breaks, list items one per line, radio buttons ●/○, check boxes ☑/☐). Numbers are stored as
numbers with the display the seed shows (`1,023` as 1023 shown `#,##0`, `32.0` shown `0.0`);
values with a unit inside (`92人`, `0.22%`, `2団体`) stay text, as in the seed.

A fixture carries no field its seed lacks: seed 000 has no 担当課 and no 評価年度, seed 003 none of
担当課, 評価年度 or 施策番号, seed 004 no 評価年度. The department is the file name's prefix
(`<課>_….xlsx`); an evaluation year is the latest year a sheet reports results for.

Manifest: {"files": [{"file", "form", "mistake", "expect": [{"codes", "sheet", "cells"}],
optional "max_count": {code: n}, optional "not_accepted": true, optional "year" (the run's
`--year`, for a mistake only the office's year can show), optional "allow": [codes] (findings that
follow from the mistake too, such as a year past the window when a header skips one), optional
"published": [{"codes", "sheet", "cells"}] (warnings the seed carries as published)}]}. `codes` lists the codes any
one of which is the planted mistake; `cells` every cell where reporting it is reasonable. All
cell references are computed from the positions written, never typed by hand.
"""

import copy
import json
import re
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter


# ---- a sheet in memory ----------------------------------------------------------------------


def a1(r, c):
    return f"{get_column_letter(c)}{r}"


NEGATIVE_FORMAT = '#,##0;"△"#,##0'


def number(text):
    """A seed cell that is a number, as (value, display format); None for text.

    `1,023` → 1023 shown with thousands separators, `32.0` → 32.0 shown with one decimal, `△100`
    → -100 shown as △100. `40-106`, `-`, `92人` and `0.22%` stay text.
    """
    m = re.fullmatch(r"([△▲])?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?", text)
    if not m:
        return None
    sign, whole, decimals = m.groups()
    value = float(whole.replace(",", "") + "." + decimals) if decimals else int(whole.replace(",", ""))
    if sign:
        return -value, NEGATIVE_FORMAT
    if decimals:
        return value, "0." + "0" * len(decimals)
    return value, "#,##0" if "," in whole else None


class Sheet:
    """Cells by (row, column), 1-based, as they will be written; merges as A1 ranges."""

    def __init__(self, title):
        self.title = title
        self.cells = {}
        self.formats = {}
        self.merges = []

    def put(self, r, c, value, fmt=None):
        """Set a cell; a number keeps the display of the figure it replaces unless told."""
        if value is None or value == "":
            self.cells.pop((r, c), None)
            return
        self.cells[(r, c)] = value
        if fmt is not None:
            self.formats[(r, c)] = fmt
        elif isinstance(value, str):
            self.formats.pop((r, c), None)

    def put_text(self, r, c, text):
        """A seed cell: a number when the seed shows one, else its text."""
        parsed = number(text)
        if parsed:
            self.put(r, c, parsed[0], parsed[1])
        else:
            self.put(r, c, text)

    def get(self, r, c):
        return self.cells.get((r, c))

    def text(self, r, c):
        v = self.get(r, c)
        if v is None:
            return ""
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        return str(v)

    def find(self, text, col=None, after=0):
        """The first cell (row, col) below row `after` whose text is `text`, top to bottom."""
        hits = sorted(
            (r, c)
            for (r, c) in self.cells
            if r > after and (col is None or c == col) and self.text(r, c) == text
        )
        if not hits:
            raise KeyError(f"{self.title}: {text!r} not found after row {after}")
        return hits[0]

    def find_all(self, text, col=None):
        return sorted((r, c) for (r, c) in self.cells if (col is None or c == col) and self.text(r, c) == text)

    def merge(self, r1, c1, r2, c2):
        self.merges.append(f"{a1(r1, c1)}:{a1(r2, c2)}")

    def insert_row(self, at):
        """A blank row at `at`; the rows from there move down one."""
        move = lambda rc: (rc[0] + 1, rc[1]) if rc[0] >= at else rc
        self.cells = {move(k): v for k, v in self.cells.items()}
        self.formats = {move(k): v for k, v in self.formats.items()}
        assert not self.merges, "insert rows before merging"

    def copy(self):
        return copy.deepcopy(self)


def seed_sheet(title, text, first_row=1):
    """A sheet holding a seed text: line i at row first_row + i, `|` to the next column."""
    sh = Sheet(title)
    put_lines(sh, text, first_row)
    return sh


def seed_lines(text):
    # The data blocks open and close with a line break of their own.
    lines = text.split("\n")
    return lines[1:-1]


def put_lines(sh, text, first_row):
    lines = seed_lines(text)
    for i, line in enumerate(lines):
        for j, cell in enumerate(line.split("|")):
            cell = cell.strip().replace("\\n", "\n")
            if cell:
                sh.put_text(first_row + i, j + 1, cell)
    return first_row + len(lines)


def write_book(path, sheets):
    wb = Workbook()
    wb.remove(wb.active)
    for sh in sheets:
        ws = wb.create_sheet(sh.title)
        for (r, c), v in sorted(sh.cells.items()):
            cell = ws.cell(row=r, column=c, value=v)
            if (r, c) in sh.formats:
                cell.number_format = sh.formats[(r, c)]
            if isinstance(v, str) and "\n" in v:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        for m in sh.merges:
            ws.merge_cells(m)
    wb.save(path)


class Out:
    """The output folder: workbooks, the manifest's entries, the departments named."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.entries = []
        self.departments = []

    def department(self, *names):
        for n in names:
            if n not in self.departments:
                self.departments.append(n)

    def book(self, file, form, sheet, mistake=None, expect=(), **extra):
        assert file not in [e["file"] for e in self.entries], file
        write_book(self.folder / file, [sheet])
        entry = {"file": file, "form": form, "mistake": mistake, "expect": list(expect)}
        entry.update(self.published.get(form, {}))
        entry.update(extra)
        self.entries.append(entry)

    # Warnings the seed itself carries as published, listed in every file of its form.
    published = {}

    def finish(self):
        # Every workbook in the folder must be in the manifest: refuse leftovers of other runs.
        listed = {e["file"] for e in self.entries}
        stray = sorted(p.name for p in self.folder.iterdir()
                       if p.name not in listed and p.name not in ("manifest.json", "departments.txt"))
        if stray:
            sys.exit(f"{self.folder} holds files this script did not write: {', '.join(stray)}")
        manifest = {"files": self.entries}
        (self.folder / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        (self.folder / "departments.txt").write_text("\n".join(self.departments) + "\n", encoding="utf-8")


def expect(codes, sheet, cells):
    return {"codes": list(codes), "sheet": sheet.title, "cells": [a1(r, c) for r, c in cells]}


# ---- 施策評価シート (shisaku), seed 000: 二宮町 施策 1-4 ------------------------------------------


def shisaku(out):
    # Seed 000 as published, line for line (令和5・6年度 results; R7 and R8 are plan years).
    SEED = r'''


【総合計画】

重点的方針 | 新しい時代に向けて、しなやかに対応するまちづくり
概要 | 人口減少・少子高齢化の継続的な進捗と、常に変化する社会情勢に適切に対応しながら、持続可能な行政運営のため、「組織力の強化」と「財政基盤の強化」、「多様な主体との連携の強化」を3本柱に、行財政改革を進めます。\n特に喫緊の課題である老朽化した公共施設の再配置と町有地の有効活用においては、二宮町公共施設再配置・町有地有効活用実施計画に基づき、今後の更新費用だけでなく機能の集約、利便性の向上といった視点も含め、施設の更新や統廃合を進めていきます。\nまた、全国的な自治体DXの動きを踏まえ、単なる情報化に留まらない業務や手続きの本質的なデジタル化を着実に進め、中長期的な視点や未来志向型の意識を持って町民の利便性の向上や業務の効率化、財源の確保を進めていきます。

【総合戦略】

関連する総合戦略の基本目標
-
関連する総合戦略に位置付けた施策
施策番号 | 施策名
施策 1 - 4 | デジタル技術による行政サービスの向上

No. | 関連する主な予算等事業 | 戦略該当 | トータルコスト（千円） |  |  |  | 庁内評価（2次評価）
 |  |  | R5 | R6 | R7 | R8 | R5 | R6 | R7 | R8
1 | 行政改革推進事業 |  | 798 | 1,023 |  |  | 適当・維持 | 適当・維持
2 | 産学連携 |  | 395 | 345 |  |  | 適当・維持 | 適当・維持
3 | 施設再編推進事業 |  | 201,124 | 76,433 |  |  | 適当・維持 | 適当・維持
4 | 町民活動推進事業 |  | 24,386 | 23,421 |  |  | 適当・維持 | 適当・維持
5 | 職員育成推進事業 |  | 2,279 | 2,429 |  |  | 良好・維持 | 良好・維持
6 | デジタル推進事業 |  | 64,495 | 64,461 |  |  | 良好・維持 | 適当・維持
7 | 広報活動事業 | ○ | 12,678 | 13,538 |  |  | 適当・維持 | 適当・維持
8 | 情報システム運用事業 | ○ | 40,648 | 48,396 |  |  | 良好・維持 | 適当・維持
- | その他 |  | 1,032,620 | 1,394,401
合計 |  |  | 1,379,423 | 1,624,447 | 0 | 0

※達成状況：A 達成（100%以上）、B 概ね達成（70%以上）、C 充分とは言えない（50%以上）、D 未達成（50%未満）

関係する主な重要業績評価指標（KPI）
指標名 |  | 基準値 | R5 | R6 | R7 | R8 | 達成状況
公共施設の総延床面積(m ²) | 計画 | 施策1にて評価 |  |  |  |  | A
 | 実績 | 施策1にて評価
1地区1地域集会施設化(施設) | 計画 | 施策1にて評価 |  |  |  |  | A
 | 実績 | 施策1にて評価
地域活動に参加している人の割合(%) | 計画 | 32.0 | 32.5 | 33.0 | 33.5 | 34.0 | B
 | 実績 |  | 25.9 | 23.3
町民活動推進補助金活用団体数(団体) | 計画 | 4 | 4 | 4 | 4 | 4 | A
 | 実績 |  | 4 | 4
職員の研修等の延べ参加人数(人) | 計画 | 520 | 520 | 520 | 520 | 520 | A
 | 実績 |  | 686 | 623
行政手続きのオンライン化(件)【総合戦略】 | 計画 | 11 | 30 | 60 | 100 | 140 | A
 | 実績 |  | 59 | 82
住民票等の証明書のコンビニ交付件数(件)【総合戦略】 | 計画 | 718 | 3,000 | 3,500 | 4,000 | 4,500 | A
 | 実績 |  | 3,352 | 3,908
連携事業数(広域連携・産官学連携)【行革】 | 計画 | 14 | 15 | 16 | 17 | 18 | A
 | 実績 |  | 18 | 19

令和5年度 | 成果 | ・新庁舎建設や地域集会施設の耐震性確保などが順調に進んでいる。\n・行政手続きのオンライン化については、消防関係の手続きを中心にオンライン手続きの拡大に取り組んだ。\n・コンビニエンスストアで住民票等の証明書の交付を受けられるデジタルサービスを提供し利用の促進を図った。
 | 課題等 | ・地区役員のなり手不足への対応、新たな町民活動団体の発掘などが課題である。\n・手続きのオンライン化については、町民のニーズを的確に捉え、オンラインでできる手続きの更なる拡大を図る必要がある。\n・手続きのオンライン化も証明書のコンビニ交付も、更なる周知に取り組み、利用の拡大を図る必要がある。
令和6年度 | 成果 | ・町民活動補助団体数は、例年並みの活動団体数への補助を行い、町民活動に対する支援に繋がられた。\n・手続きのオンライン化は、公式LINEの導入により事業の予約や申し込みも可能となった。\n・コンビニ交付は全体の約20%を占め、順調に増加している。
 | 課題等 | ・地区役員のなり手不足への対応や地区の再編、新たな町民活動団体の発掘などが課題である。\n・オンライン手続きは利用者や内容により利用件数に差が生じていることから、内容を分析し、手続きの最適化を図る必要がある。\n・連携事業については、神奈川大学、郵便局、湘南ベルマーレ、あいおいニッセイ同和損保と包括連携協定を締結しているが、引き続き、スケールメリットを生み出せる有効な事業の研究が必要である。

※評価「A：十分な成果があった」「B：一定の成果があった」「C：あまり成果がなかった」「D：成果が得られなかった」

内部評価（評価・理由等）
B：一定の成果があった | ・地域の負担軽減などについては地区長連絡協議会の研究会で意見交換を行い、今後の課題解決に向け機運醸成を図った。\n・町民活動団体については、町の課題解決や活性化につながるような団体への支援につなげられた。\n・手続きのオンライン化もコンビニ交付も順調に推移している。今後は、サービスの最適化に向け、検討を進める。
外部評価（評価・主な意見等）
A：十分な成果があった | ・行政手続きのオンライン化については、計画値と比較しても順調に実績は推移しており、その他の実績についても良好であり、住民サービスの向上に繋がっていると評価できる。\n・連携協定の締結相手以外でも、企業や学校法人、他自治体等と連携してイベントや事業を実施しており、また、自治体間の広域連携においては、ごみ処理や消防指令センターの運営など継続して有効な取り組みが進められている。

※ 町の最終方針「継続推進」「一部改善」「抜本的見直し」

町の最終方針（今後の方向性）
継続推進 | 地域組織等の支援\n・今後も地区長連絡協議会の研究会等で各地区の課題や情報を共有し、今後の課題解決に向けた機運醸成を図る。\n・町民活動団体については、活動状況を把握し、ホームページ等で団体活動の周知を行うことで、さらなる活性化を図る。 自治体DXの推進\n・行政手続きのオンライン化については、サービスの内容や利用する方の年代など、様々な要因により利用状況が変わってくるので、内容を精査した中で、費用対効果や事務の効率化につながるような取り組みを一層進めていく。\n・コンビニ交付については、さらなる周知を図るとともに、有効なマイナンバーカードを保有している必要があることから、今後も円滑なマイナンバーカードの交付事務を継続する。
'''
    ka = "企画政策課"
    out.department(ka)
    sh = seed_sheet("施策1-4", SEED)
    # The captions stand over their four year columns.
    cost_hdr = sh.find("トータルコスト（千円）")
    eval_hdr = sh.find("庁内評価（2次評価）")
    sh.merge(cost_hdr[0], cost_hdr[1], cost_hdr[0], cost_hdr[1] + 3)
    sh.merge(eval_hdr[0], eval_hdr[1], eval_hdr[0], eval_hdr[1] + 3)
    # Each indicator's name stands over its 計画 and 実績 rows.
    for r, _ in sh.find_all("計画", col=2):
        sh.merge(r, 1, r + 1, 1)

    year_row = cost_hdr[0] + 1
    cost_col, eval_col = cost_hdr[1], eval_hdr[1]  # R5 of each group
    assert [sh.text(year_row, cost_col + i) for i in range(4)] == ["R5", "R6", "R7", "R8"]
    project = lambda name: sh.find(name, col=2)[0]
    total_row = sh.find("合計", col=1)[0]
    status_col = sh.find("達成状況", col=8)[1]

    base = f"{ka}_施策1-4"
    out.book(f"{base}.xlsx", "shisaku", sh)

    m = sh.copy()
    # 1,379,423 is the sum of the rows above; one more is the seed's own check.
    m.put(total_row, cost_col, 1_379_424)
    out.book(f"{base}_合計誤り.xlsx", "shisaku", m, "合計 R5 written 1,379,424 (the rows sum to 1,379,423)",
             [expect(["budget-total"], m, [(total_row, cost_col)])])

    m = sh.copy()
    # The R6 cost column headed R5 again; the 庁内評価 years stay R5..R8. Two columns claim R5,
    # so no column can be summed as R5: no budget-total may follow from it.
    m.put(year_row, cost_col + 1, "R5")
    out.book(f"{base}_年度重複.xlsx", "shisaku", m, "トータルコスト years written R5 R5 R7 R8",
             [expect(["fiscal-year-duplicate"], m, [(year_row, cost_col + 1)])])

    m = sh.copy()
    # R6: 23.3 ÷ 33.0 = 70.6 %, which the seed's legend grades B.
    r = sh.find("地域活動に参加している人の割合(%)", col=1)[0]
    m.put(r, status_col, "A")
    out.book(f"{base}_達成状況誤り.xlsx", "shisaku", m, "達成状況 of 地域活動に参加している人の割合 written A (R6 70.6 % is B)",
             [expect(["grade-mismatch"], m, [(r, status_col)])])

    m = sh.copy()
    # 施設再編推進事業 keeps its R6 cost (76,433) but loses its R6 evaluation.
    r = project("施設再編推進事業")
    m.put(r, eval_col + 1, None)
    out.book(f"{base}_庁内評価漏れ.xlsx", "shisaku", m, "施設再編推進事業: R6 cost without its 庁内評価",
             [expect(["value-missing"], m, [(r, eval_col + 1)])])

    m = sh.copy()
    r = project("行政改革推進事業")
    m.put(r, eval_col, "普通")
    out.book(f"{base}_庁内評価選択外.xlsx", "shisaku", m, "庁内評価 R5 of 行政改革推進事業 written 普通 (not in the list)",
             [expect(["choice-invalid", "value-not-a-choice", "not-a-number"], m, [(r, eval_col)])])

    m = sh.copy()
    # 戦略該当 is ○ or blank.
    r = project("産学連携")
    strategy_col = sh.find("戦略該当", col=3)[1]
    m.put(r, strategy_col, "△")
    out.book(f"{base}_戦略該当誤り.xlsx", "shisaku", m, "戦略該当 of 産学連携 written △",
             [expect(["choice-invalid"], m, [(r, strategy_col)])])


# ---- 事務事業評価シート (jimu-jigyo), seed 004: 伊勢原市 様々な主体との連携推進事業 -------------------


def jimu_jigyo(out):
    # Seed 004 as published, lines 1-55 (header, plan, 事業行程, 目標, 実施結果) …
    SEED_TOP = r'''


第5次総合計画 中期戦略事業プラン 事務事業評価シート

事業名 | 様々な主体との連携推進事業 |  |  | 事業番号 | 40-106
事務事業担当 | 部名 | 部長名 | 課名 | 課等の長
 | 企画部 | 山室 好正 | 経営企画課 | 瀬尾 哲也

計 画 (Plan)
総合計画体系 | 自治力 | まちづくり目標 | 5 | みんなで考え行動するまち
 |  | 基本政策 | 10 | 市民と行政がともに力を合わせて歩むまちづくり
 |  | 施策展開の方向 | 18 | 次代へつながる確かな行財政運営ができるまちをつくる
 |  | 施策 | 40 | 市民に信頼される市政の推進
予算事業名 | 企画一般事務費 広域行政推進事業費
事務区分〔選択〕 | ● 自治事務 ○ 法定受託事務 (選択してください)→ |  |  | 法令上の位置づけ | 実施する規定はない
事業開始年度 | 開始年度 | 昭和44年度 ~ |  | 終了年度
関連法令等 | まち・ひと・しごと創生法
国・県の計画等 | まち・ひと・しごと創生総合戦略、神奈川県まち・ひと・しごと創生総合戦略 |  |  | 計画期間 | 令和2年度～令和6年度
関連個別計画 | 伊勢原市まち・ひと・しごと創生総合戦略 |  |  | 計画期間 | 令和2年度～令和4年度
実施の背景 (事業を取りまく環境・市民ニーズ) | 人口減少・少子高齢社会の進行や社会経済状況の変化等に伴う行政を取り巻く環境の変化とともに、複雑化・高度化する行政需要に対し、単体の自治体のみで行政運営を担うことには限界があるため、近隣自治体との連携による広域行政の必要性が増しています。また、地域における様々な課題解決や活性化を促すため、大学や企業等が持つ高度な知識・情報・ノウハウ・人材等の有効活用が求められています。
目的 (何をどうしたいのか) | 近隣自治体との公共施設の相互利用や新たな分野における広域連携の検討を進めるとともに、大学や企業との協力関係による様々な分野における課題解決や地域の活性化を図るための包括的、継続的な連携を推進します。
主な対象 (誰・何を対象に) | 企業・大学・近隣自治体
事業内容 (手段、手法など) | 様々な分野における課題解決や地域活性化を図るため、協定を締結している大学等との連携事業を充実させます。 広域化・多様化する行政課題等に対応するため、様々な分野での連携業務について調査・研究を進めます。
事業行程 | 項目 | 年度
 |  | 令和3年度 | 令和4年度
 | 大学及び企業等との協定締結 | 調査・検討 | 調査・検討／締結
 | 広域行政に向けた検討 | 調査・研究 | 調査・研究
協定大学との連携事業の庁内支援 | 実施 | 実施
目 標 | 【指標名】 | 【現状値】 | 年度
 |  |  | 令和3年度 | 令和4年度
 | 大学及び企業等との協定団体数(累計) | 2団体 (令和2年度) | 2団体 | 3団体



事業実施 (Do)

事業実施 (D○)

事業の「取組方針」 (前年度事務事業評価) | 大学及び郵便局との連携については、各所管の連携事業が効果的に運営されるよう、連携を緊密にしながら支援します。 大学との連携については、より円滑な運営が図られるよう詳細な事務フローを整理し、庁内へ周知します。
実施方法 〔選択・記入〕 | ☑ すべて直接実施 ☐ 左記以外
 | ☐ 業務委託 | ☐ 指定管理 | 委託先又は指定管理者
 | ☐ 補助金 |  | 補助先
 | ☐ その他 |  | 具体的内容
実施結果 | 項目 | 年度
 |  | 令和3年度 | 令和4年度
 | 大学及び企業等との協定締結 | 調整・締結 | 調整・締結
 | 広域行政に向けた検討 | 検討 | 検討
 | 協定大学との連携事業の庁内支援 | 実施 | 実施
実施した取組の内容 | 地方創生に係る移住・定住促進を目的とし、中栄信用金庫と「地方創生に係る移住・定住促進連携協定」を締結しました。
目標の達成状況 | 【指標名】 | 【現状値】 | 年度
 |  |  | 令和3年度
 | 大学及び企業等との協定団体数(累計) | 2団体 (令和2年度) | 3団体
 |  |  | 令和4年度
 |  |  | 4団体

'''
    # … and lines 72-84 (評価, Action). No 評価年度 field: the sheet reports results through
    # 令和4年度 (実施結果, 目標の達成状況, the cost table), which is its evaluation year.
    SEED_BOTTOM = r'''

評 価 (Check)
進捗状況 [選択・記入] | ● 計画どおり (A) ○ 概ね計画どおり (B) ○ 計画どおり進捗せず (C) | A | 左記判断理由 | 移住・定住促進に向けた情報交換、情報発信、各種施策の実施に関する事項等を連携事項として、令和5年2月に、中栄信用金庫と「地方創生に係る移住・定住促進連携協定」を締結しました。
実施水準 [選択・記入] | ○ 他市より高い水準で実施 (A) ● 他市と同水準で実施 (B) ○ 他市より低い水準で実施 (C) ○ 一律に比較できない事業 | B | 他都市の事業内容等 | 市内に拠点を置く大学との協定締結数は、厚木市が5大学、秦野市が2大学、本市が2大学となっており、概ね同水準で取り組まれています。
有効性 [選択・記入] | ● 高い (A) ○ 普通 (B) ○ 低い (C) | A | 左記判断理由 | 大学が持つ専門性や知見、学生の協力は、様々な分野における行政課題の解決や行政サービスの提供において重要な役割を担っています。また、近隣自治体(平塚市、秦野市、大磯町、二宮町)との公共施設の相互利用は、市民福祉の向上と持続可能な行政経営につながるなど、様々な主体との連携を推進していくことは高い有効性を備えています。
効率性 [選択・記入] | ● 効率的に実施されている (A) ○ 改善の余地がある (B) ○ 抜本的な改善が必要である(C) | A | 左記判断理由 | 大学、近隣自治体及び企業との連携は、初期投資を必要とすることなく連携相手の人材・ノウハウを活用することに繋がり、また、公共施設の縮充の観点においても、公共施設の自治体間での相互利用など、連携のメリットを効率的に行政運営に活かしています。


取組内容の改善 (Action) へ

取組内容の改善 (Action)
所管部長による総評 | 大学や企業等の持つノウハウや知見を活用する有効的な取組として目標より多くの団体と協定を締結することができました。今後は、包括協定に限らず各分野の事業において、連携・協力を推進することも重要となります。広域行政については、人口減少が進行する中で益々重要となってくるため、現在の取組を継続するとともに、効率性や施策効果の観点から、ICT活用の推進や観光振興など新たな連携に向けた検討が求められます。
'''
    # Lines 56-71, the cost table. The text export scattered its cells (the same row's values
    # one column apart from one row to the next, the 事業費 figures doubled); here each year
    # is one group of four columns under its merged label — count | unit | amount | unit — with
    # the seed's labels and figures: 事業費 0 千円, 正規職員 0.1 人 818 / 857 千円, トータルコスト
    # 818 / 857 千円, 対象数 101,381 / 101,119 人, 総事業費／対象数 8 / 8 円.
    YEARS = ["令和3年度 実績", "令和4年度 実績"]
    FIGURES = {  # key: one figure per year
        "a": [0, 0], "r1": [0, 0], "r2": [0, 0], "r3": [0, 0], "gen": [0, 0],
        "staff": [0.1, 0.1], "staff_cost": [818, 857],
        "other_staff": [0, 0], "other_cost": [0, 0],
        "staff_sum": [0.1, 0.1], "b": [818, 857],
        "total": [818, 857], "target": [101_381, 101_119], "unit_cost": [8, 8],
    }
    ka = "経営企画課"
    out.department(ka)
    COST_ROW = 56  # the seed's line 56: the year header

    def build(years, figures):
        sh = Sheet("様々な主体との連携推進事業")
        put_lines(sh, SEED_TOP, 1)
        at = cost_table(sh, COST_ROW, years, figures)
        put_lines(sh, SEED_BOTTOM, COST_ROW + 16)
        # The year captions of the plan and result tables stand over their two years.
        for label in ["事業行程", "実施結果"]:
            r = sh.find(label, col=1)[0]
            assert sh.text(r, 3) == "年度"
            sh.merge(r, 3, r, 4)
        r = sh.find("目 標", col=1)[0]
        assert sh.text(r, 4) == "年度"
        sh.merge(r, 4, r, 5)
        return sh, at

    def cost_table(sh, r0, years, figures):
        """Writes the cost rows from r0; returns where each figure (key, year index) and each
        year label (("year", i)) stands."""
        at = {}
        sh.put(r0, 2, "年度")
        for i, label in enumerate(years):
            c = 4 + 4 * i
            sh.put(r0, c, label)
            sh.merge(r0, c, r0, c + 3)
            at[("year", i)] = (r0, c)
        # (row offset, labels in A, B, C, figures: (key, column in the group, unit after it))
        rows = [
            (1, ["内訳", "事業費合計(a)", ""], [("a", 2, "千円")]),
            (2, ["", "内訳", "国県支出金 ①"], [("r1", 2, "千円")]),
            (3, ["", "", "地方債 ②"], [("r2", 2, "千円")]),
            (4, ["", "", "その他特財 ③"], [("r3", 2, "千円")]),
            (5, ["", "", "一般財源 (a)-①-②-③"], [("gen", 2, "千円")]),
            (6, ["国県支出金の内容", "", ""], []),
            (7, ["コスト", "その他特財の内容", "受益者負担"], []),
            (8, ["", "", "その他"], []),
            (9, ["人件費", "正規職員", ""], [("staff", 0, "人"), ("staff_cost", 2, "千円")]),
            (10, ["", "その他の職員", ""], [("other_staff", 0, "人"), ("other_cost", 2, "千円")]),
            (11, ["", "人件費合計(b)", ""], [("staff_sum", 0, "人"), ("b", 2, "千円")]),
            (12, ["トータルコスト (a)+(b)", "", ""], [("total", 2, "千円")]),
            (13, ["単位当たりコスト", "対象数", "定義"], []),
            (14, ["", "", "対象数"], [("target", 0, None)]),
            (15, ["", "総事業費／対象数", ""], [("unit_cost", 0, None)]),
        ]
        for dr, labels, cells in rows:
            r = r0 + dr
            for c, label in enumerate(labels, 1):
                sh.put(r, c, label or None)
            for i in range(len(years)):
                for key, k, unit in cells:
                    c = 4 + 4 * i + k
                    value = figures[key][i]
                    fmt = NEGATIVE_FORMAT if value < 0 else "0.0" if isinstance(value, float) else "#,##0"
                    sh.put(r, c, value, fmt)
                    at[(key, i)] = (r, c)
                    if unit:
                        sh.put(r, c + 1, unit)
        # Units of 対象数 and 単位当たりコスト two columns after their figures, as in the seed.
        for i in range(len(years)):
            sh.put(r0 + 14, 4 + 4 * i + 2, "人")
            sh.put(r0 + 15, 4 + 4 * i + 2, "円")
        # The label cells of the seed's 受益者負担 and 対象数 定義 rows.
        sh.put(r0 + 7, 4, "☐ 有 ☑ 無")
        sh.put(r0 + 7, 6, "前回の改定時期")
        sh.put(r0 + 13, 4, "市民")
        sh.put(r0 + 13, 8, "単位")
        sh.put(r0 + 13, 9, "市民")
        return at

    name = "様々な主体との連携推進事業"
    base = f"{ka}_{name}"
    sh, at = build(YEARS, FIGURES)
    out.book(f"{base}.xlsx", "jimu-jigyo", sh)

    def changed(key, year, value):
        figures = copy.deepcopy(FIGURES)
        figures[key][year] = value
        return figures

    # 一般財源 令和4年度 written 100 while 事業費合計 and the other sources stay 0.
    m, at = build(YEARS, changed("gen", 1, 100))
    out.book(f"{base}_財源内訳誤り.xlsx", "jimu-jigyo", m,
             "令和4年度: 事業費合計 0 is not 国県支出金 + 地方債 + その他特財 + 一般財源 (0 + 0 + 0 + 100)",
             [expect(["general-revenue", "identity"], m, [at[("gen", 1)], at[("a", 1)]])])

    # トータルコスト 令和4年度 857 typed 875 (transposed digits); 875 千円 ÷ 101,119 人 still
    # rounds within the ±1 円 of 単位当たりコスト 8.
    m, at = build(YEARS, changed("total", 1, 875))
    out.book(f"{base}_トータルコスト誤り.xlsx", "jimu-jigyo", m,
             "令和4年度 トータルコスト 875, not 事業費 0 + 人件費 857",
             [expect(["total-cost", "identity"], m, [at[("total", 1)]])])

    # A column kept from two years back in front: 令和2年度 令和3年度 令和4年度 (its figures
    # copied from 令和3年度). The header holds the evaluation year (令和4年度) but its first
    # year lies outside 令和3..令和5年度.
    three = {k: [v[0]] + v for k, v in FIGURES.items()}
    m, at = build(["令和2年度 実績"] + YEARS, three)
    out.book(f"{base}_年度範囲外.xlsx", "jimu-jigyo", m,
             "cost header 令和2年度 令和3年度 令和4年度 under evaluation year 令和4年度 (first year outside the window)",
             [expect(["fiscal-year-outside-window"], m, [at[("year", 0)]])])

    # Last year's cost table left in: 令和2年度 令和3年度, while the rest of the sheet reports
    # 令和4年度.
    m, at = build(["令和2年度 実績", "令和3年度 実績"], FIGURES)
    out.book(f"{base}_評価年度なし.xlsx", "jimu-jigyo", m,
             "cost header 令和2年度 令和3年度: the evaluation year 令和4年度 is not in it (last year's table)",
             [expect(["eval-year-not-in-header"], m, [at[("year", 0)], at[("year", 1)]])],
             # The seed names no 評価年度: only the run's year tells a reused table from a
             # sheet of the year before, as the office's hyoka.toml gives it.
             year="令和4年度")

    # The seed has no 今後の方向性 field (a fixture carries no field its seed lacks): the choice
    # outside its list is planted in 効率性 (A/B/C).
    m = sh.copy()
    r = m.find("効率性 [選択・記入]", col=1)[0]
    assert m.text(r, 3) == "A"
    m.put(r, 3, "D")
    out.book(f"{base}_効率性選択外.xlsx", "jimu-jigyo", m, "効率性 written D (the choices are A, B, C)",
             [expect(["choice-invalid", "value-not-a-choice"], m, [(r, 3)])])

    # 国県支出金 令和4年度 △100, 一般財源 100: the identity holds, the grant is negative.
    figures = changed("r1", 1, -100)
    figures["gen"][1] = 100
    m, at = build(YEARS, figures)
    out.book(f"{base}_国県支出金負.xlsx", "jimu-jigyo", m, "国県支出金 令和4年度 △100",
             [expect(["negative"], m, [at[("r1", 1)]])])

    # 事業番号 `40-1O6`: a letter O where the 0 belongs.
    m = sh.copy()
    r, c = m.find("40-106")
    m.put(r, c, "40-1O6")
    out.book(f"{base}_事業番号誤り.xlsx", "jimu-jigyo", m, "事業番号 written 40-1O6",
             [expect(["pattern-mismatch"], m, [(r, c)])])

    # 課名 not in the department list.
    m = sh.copy()
    r, c = m.find(ka)
    m.put(r, c, "経営企画部")
    out.book(f"{base}_課名誤り.xlsx", "jimu-jigyo", m, "課名 written 経営企画部, not a 課 of the list",
             [expect(["unknown-department"], m, [(r, c)])])


# ---- 取り組み推進項目調書 (gyokaku), seed 001: 二宮町 令和4年度 取り組み実績 --------------------------


def gyokaku(out):
    # Seed 001, line for line, without three items the published sheet itself gets wrong by
    # the form's rules: 13 (its 目標 row shifted one column into its label), 15 and 16 (words
    # that are no milestone of the form: 未実施, 連携事業の把握 …). Item 16 was its page's only
    # item, so its page goes too. Item 10 keeps `0.26` beside `0.22%` as published (a warning).
    SEED = r'''


取り組み推進項目調書

基本方針 | 1 組織体制の強化
個別項目 | (1) 業務の効率化

町民サービスの向上を図るため、スケールメリットを生かした業務の集約や削減を目的として広域連携等を推進するほか、新庁舎への移転を視野に入れ、ICTを活用した業務の効率化を進めます。また、業務の課題等を踏まえ事業の取捨選択が可能となる仕組みの構築も進めます。

取り組み事項 | 1 行政評価による事業の再編・整理
主体課 | 企画政策課 | 関連課 | 全課
取り組み内容 | ・業務の効率化を進めるため、事務事業の見直しやスクラップアンドビルドの徹底などが可能となるよう、行政評価システムを見直す。
スケジュール 取り組み項目 | 元年度 | 2年度 | 3年度 | 4年度
 | 行政評価システムの見直し・改定 |  | 行政評価システムの運用と、結果の予算への反映
目 標 | 成果指標 | 事業の統廃合数
 | 年度 | 元年度 | 2年度 | 3年度 | 4年度
 | 事業数 (単年) | 見直し・改定 | 1 | 3 | 6
 | 実績数 | 見直し・改定 | 5 | 0 | 1
令和4年度 取り組み実績 | 内容 | ・行政評価システムにより事業の見直しを行い、一色再生協の補助を終了し、生涯学習分野の補助に統合した。

取り組み事項 | 2 広域連携の推進
主体課 | 企画政策課 | 関連課 | 全課
取り組み内容 | ・今までの廃棄物処理や消防指令業務といった業務だけでなく、スケールメリットを生かした広域連携事業についても積極的に実施する。
スケジュール 取り組み項目 | 元年度 | 2年度 | 3年度 | 4年度
 | 新たな連携事業の検討 |  | 新たな連携事業の実施
目 標 | 成果指標 | 新たに広域で連携する事業数
 | 年度 | 元年度 | 2年度 | 3年度 | 4年度
 | 事業数 (単年) | 検討 | 検討 | 2 | 3
 | 実績数 | 検討 | 検討 | 0 | 0
令和4年度 取り組み実績 | 内容 | ・当初、秦野市・中井町・大磯町との施設再編の検討組織や成年後見制度の中核機関設置に伴う広域連携を視野に調整していたが、どちらも進展がなかった。

取り組み推進項目調書

基本方針 | 1 組織体制の強化
個別項目 | (1) 業務の効率化

町民サービスの向上を図るため、スケールメリットを生かした業務の集約や削減を目的として広域連携等を推進するほか、新庁舎への移転を視野に入れ、ICTを活用した業務の効率化を進めます。また、業務の課題等を踏まえ事業の取捨選択が可能となる仕組みの構築も進めます。

取り組み事項 | 3 ICTを活用した業務効率化の検討
主体課 | デジタル推進室 | 関連課 | 全課
取り組み内容 | ・ ICT技術等の導入による、業務の効率化について検討する。
スケジュール 取り組み項目 | 元年度 | 2年度 | 3年度 | 4年度
 | 議事録作成ソフトの導入検討
 | 電子決裁ソフトの導入検討
目標 | 成果指標 | 新たな技術の導入検討
 | 年度 | 元年度 | 2年度 | 3年度 | 4年度
 | 検討数(単年) | 1 | 1 | 1 | 結果報告
令和4年度 取り組み実績 | 実績数 | 1 | 1 | 1 | 一部導入
 | 内容 | ・ 議事録作成支援システムについては、認識精度向上の研究の結果、議会の既存設備を使って精度の高い議事録作成ができた。また、令和5年度に他の会場でも利用できるマイクスピーカーを購入した。\n・ 電子決裁ソフト（文書管理システム）と文書保存方法の検討は引き続き検討が必要である。

取り組み推進項目調書

基本方針 | 1 組織体制の強化
個別項目 | (2) 組織の適正化

行政機能を集約した新庁舎への移転を視野に入れつつ、社会状況の変化に応じた部署横断的で連携しやすい効率的な組織体制を構築するほか、円滑な業務遂行に必要な職員の適正配置に努め、多様な人材の活用などにより、組織の適正化を進めます。

取り組み事項 | 4 機構及び雇用形態の見直し
主体課 | 企画政策課・総務課 | 関連課 | 全課
取り組み内容 | ・組織の集約化を念頭に、連携しやすい効率的な組織体制を構築するほか、会計年度任用職員制度の導入に伴う雇用体系を見直す。
スケジュール 取り組み項目 | 元年度 | 2年度 | 3年度 | 4年度
 | 組織体制の見直しと機構改革の実施\n会計年度任用職員制度導入準備\n会計年度任用職員制度の導入と見直し
目 標 | 成果指標 | 平均時間外勤務時間数（月平均）
 | 年度 | 元年度 | 2年度 | 3年度 | 4年度
 | 一般職（時間） | 20.65 | 20.3 | 19.95 | 19.6
 | 消防職（時間） | 12.79 | 12.58 | 12.37 | 12.16
令和4年度 取り組み実績 | 一般職（時間） | 20.95 | 17.09 | 17.32 | 17.11
 | 消防職（時間） | 8.23 | 7.13 | 9.34 | 11.2
 | 内容 | ・会計年度任用職員制度の円滑な運用に努めた。\n・公共施設の再配置や自治体デジタル化の推進といった社会課題に対応するため、デジタル推進室を設置するとともに、政策総務部を政策部と総務部へ再編した。
備 考 | ※特定事業主行動計画（後期計画）より ※一般職は、一般事務職、保健師、保育士等をいう。消防職の夜間勤務、休日勤務の時間数は含まない。

取り組み推進項目調書

基本方針 | 1 組織体制の強化
個別項目 | (3) 職員能力の向上

人的資源の能力を伸ばすことで組織力の強化と町民サービスを向上させるため、人事交流の促進や効果的な研修の実施、人事評価による職員資質の向上など、組織的な人材育成を進めます。また、職場環境や働き方を見直し、職員のワーク・ライフ・バランスを実現することで、組織や業務の質的向上につなげます。

取り組み事項 | 5 人事交流や研修、人事評価による職員資質の向上
主体課 | 総務課 | 関連課 | 全課
取り組み内容 | ・職員資質の向上のため、積極的な人事交流や職員研修機会を充実させる。
スケジュール 取り組み項目 | 元年度 | 2年度 | 3年度 | 4年度
目 標 | 成果指標 | 市町村研修センターで研修を受講した人数
 | 年度 | 元年度 | 2年度 | 3年度 | 4年度
 | 人数 (単年) | 92人 | 104人 | 116人 | 129人
令和4年度 取り組み実績 | 実績数 | 92人 | 0人 | 57人 | 38人
 | 内容 | ・新型コロナウイルス感染症の影響により、市町村研修センターでの研修は、一部中止となった。
備 考

取り組み事項 | 6 働き方改革の推進
主体課 | 総務課 | 関連課 | 全課
取り組み内容 | ・働き方に対する意識改革等により、職員の働き方を見直し、ワーク・ライフ・バランスを実現する。
スケジュール 取り組み項目 | 元年度 | 2年度 | 3年度 | 4年度
目 標 | 成果指標 | 年次有給休暇の平均取得日数
 | 年度 | 元年分 | 2年分 | 3年分 | 4年分
 | 日数 (平均) | 7.8 | 8.7 | 9.5 | 10.3
令和4年度 取り組み実績 | 実績数 | 6.7 | 8.5 | 8.5 | 8.5
 | 内容 | ・新型コロナウイルス感染症への対応のため、引き続き、柔軟な勤務体制を呼び掛けた。
備 考 | ※特定事業主行動計画（後期計画）より ※各年1月1日から12月31日までの集計

取り組み推進項目調書

基本方針 | 2 持続可能な財政の確立
個別項目 | (1) 財政見通しの策定

大型事業が想定される中、歳入・歳出状況を的確に把握したうえで、健全な町債残高の維持を含めた中長期的な財政見通しを策定、公表することで適切な予算編成を進めるとともに、町民への町財政状況の情報共有を進めます。

取り組み事項 | 7 大型事業等を踏まえた財政見通しの策定と公表
主体課 | 財務課 | 関連課 | 全課
取り組み内容 | ・ 想定される大型事業等を踏まえた財政見通しを策定し、公表する。
スケジュール 取り組み項目 | 元年度 | 2年度 | 3年度 | 4年度
目標 | 成果指標 | 財政見通しの策定と公表
 | 年度 | 元年度 | 2年度 | 3年度 | 4年度
 |  | 策定 | 公表 | 検証 | 検証
令和4年度 取り組み実績 | 実績数 | 検討 | 検討 | 検討 | 策定
 | 内容 | ・ 令和4年度に「令和3年度歳入歳出決算説明書」内で公表した。

取り組み推進項目調書

基本方針 | 2 持続可能な財政の確立
個別項目 | (2) 事業の見直し

限られた財源の中で、多様化する町民ニーズに対応するため、業務内容を精査し、コア業務と周辺業務の振り分けを行い、窓口業務の委託化や指定管理制度の導入を推進します。
また、行政評価システムを見直し、必要とされる町民サービスを提供するため、時代の変化に即した事業の統廃合を進め、歳出の削減に努めます。

取り組み事項 | 8 民間委託等の推進
主体課 | 財務課 | 関連課 | 全課
取り組み内容 | ・限られた財源及び人員の中で、多様化するニーズに適切に対応するため、コア業務と周辺業務に振り分けを行い、業務の委託化等を推進する。
スケジュール 取り組み項目 | 元年度 | 2年度 | 3年度 | 4年度
目 標 | 成果指標 | 新たに民間委託化等を行った事業数
 | 年度 | 元年度 | 2年度 | 3年度 | 4年度
 | 事業数 (単年) | 検討 | 1 | 1 | 1
令和4年度 取り組み実績 | 実績数 | 検討 | 3 | 0 | 0
 | 内容 | ・二宮町施設管理等委託化検討・評価基準に基づき、民間に委託する事業はなかった。

取り組み事項 | 9 行政評価による事業の再編・整理（再掲「取り組み事項1」）
主体課 | 企画政策課 | 関連課 | 全課
取り組み内容 | ・業務の効率化を進めるため、事務事業の見直しやスクラップアンドビルドの徹底などが可能となるよう、行政評価システムを見直す。
スケジュール 取り組み項目 | 元年度 | 2年度 | 3年度 | 4年度
目 標 | 成果指標 | 事業の統廃合数
 | 年度 | 元年度 | 2年度 | 3年度 | 4年度
 | 事業数 (単年) | 見直し・改定 | 1 | 3 | 6
令和4年度 取り組み実績 | 実績数 | 見直し・改定 | 5 | 0 | 1
 | 内容 | ・行政評価システムにより事業の見直しを行い、一色再生協の補助を終了し、生涯学習分野の補助に統合した。

取り組み推進項目調書

基本方針 | 2 持続可能な財政の確立
個別項目 | (3) 財源の確保

適正な課税と収納率の向上により、税負担の公平性を確保するとともに、適正な受益者負担による財源の確保に努めます。また、事業の実施に際し、民間を含む補助金を積極的に活用するなど、新たな財源の確保に努めます。

取り組み事項 | 10 収納の強化
主体課 | 戸籍税務課 | 関連課 | 福祉保険課、高齢介護課、子育て・健康課、下水道課
取り組み内容 | ・滞納整理事務の能力向上を図り、収納の強化につなげる。
スケジュール 取り組み項目 | 元年度 | 2年度 | 3年度 | 4年度
目標 | 成果指標 | 収納率（平成30年度を基準）
 | 年度 | 元年度 | 2年度 | 3年度 | 4年度
 | 収納率 30年度比 | 0.0%～0.5%向上 | 0.0%～0.5%向上 | 0.0%～0.5%向上 | 0.0%～0.5%向上
令和4年度 取り組み実績 | 実績数 | 0.22% | -0.30% | -0.04% | 0.26
 | 内容 | ・税制改正に伴うキャッシュレス決済の導入準備を進めた。\n・他部署と連携し、滞納者への滞納処分を積極的に実施した。

取り組み事項 | 11 新たな財源を活用した財政運営
主体課 | 財務課 | 関連課 | 全課
取り組み内容 | ・国、県及び民間等の補助金を適切に活用することで、財源を確保する。
スケジュール 取り組み項目 | 元年度 | 2年度 | 3年度 | 4年度
目標 | 成果指標 | 補助金活用事業数
 | 年度 | 元年度 | 2年度 | 3年度 | 4年度
 | 事業数 (単年) | 36 | 38 | 40 | 42
令和4年度 取り組み実績 | 実績数 | 54 | 109 | 80 | 80
 | 内容 | ・県・国からの負担金、委託金は含まない。⇒交付金含む\n・新型コロナウイルス関連補助金の交付条件等の情報提供を行った。
備考 | ※県・国からの負担金や交付金は含まない。また、予算上に現れない市町村振興協会からの広域行政助成事業等も含まない。

取り組み推進項目調書

基本方針 | 2 持続可能な財政の確立
個別項目 | (4) 施設の適正管理と統廃合による効果的な配置

安全で安心な公共施設を効果的に配置するための公共施設再配置・有効活用実施計画に基づき、適切な維持管理を行うとともに、丁寧な対話による町民の理解や協力を得ながら、施設の統廃合・再配置を推進します。また、効率的な施設運営に努めるとともに、各施設の個別管理計画を策定し、中長期的な視点を持った施設管理を行います。

取り組み事項 | 12 公共施設再配置実施計画に基づく統廃合等の実施
主体課 | 施設再編課 | 関連課 | 財務課、防災安全課、生涯学習課
取り組み内容 | ・公共施設再配置実施計画に基づく適切な施設改修を実施するとともに、地域集会施設にあっては、地域と協議のうえ、統廃合について協議する。
スケジュール 取り組み項目 | 元年度 | 2年度 | 3年度 | 4年度
 | 成果指標 | 実施計画に基づいた施設改修数
 | 年度 | 元年度 | 2年度 | 3年度 | 4年度
目 標 | 改修数 (単年) | 地域との協議 | 耐震診断等 | 2 | 2
 | 実績数 | 地域との協議 | 耐震診断等 | 0 | 0
令和4年度 取り組み実績 | 内容 | ・百合が丘・入川匂・下町老人憩の家について、施設改修設計を実施し、百合が丘老人憩の家（旧館）解体工事及び入川匂老人憩の家耐震改修工事に着手した。

取り組み推進項目調書

基本方針 | 3 多様な主体との協働
個別項目 | (1) 町民参画の仕組みづくり

地域等で主体的に活動している公益性の高い地域活動に対し、その事業費について財政的支援を行ったり、団体間の交流を促進する仕組みを構築したりするなど、適切な支援を実施します。また、人口減少社会においても適切な地域コミュニティ活動が維持できるよう、地域との丁寧な話し合いのうえ、地区のあり方について検討を進めます。

取り組み事項 | 14 町民や町民活動団体の自主的な活動に対する適切な支援
主体課 | 地域政策課 | 関連課
取り組み内容 | ・自主的な町民活動を促進するための支援体制を見直すとともに、活動を支援するための補助金制度について広く周知する。
スケジュール 取り組み項目 | 元年度 | 2年度 | 3年度 | 4年度
 | 町民活動相談 | 新たな相談窓口の実施及び課題の抽出 |  |  | 町民活動推進補助金の周知強化
目 標 | 成果指標 | 町民活動サポートセンターの登録団体数
 | 年度 | 元年度 | 2年度 | 3年度 | 4年度
 | 団体数 (単年) | 43 | 45 | 47 | 50
令和4年度 取り組み実績 | 実績数 | 43 | 43 | 47 | 49
 | 内容 | ・町ホームページや町民活動サポートセンターにおいて、官民で実施している助成金や補助金等に関する情報提供を引き続き行った。

取り組み推進項目調書

基本方針 | 3 多様な主体との協働
個別項目 | (3) 情報発信・情報共有の充実強化

町の取り組みや制度を、効果的に情報を発信できる媒体に合わせ、わかりやすくタイムリーに伝える能力を向上させるとともに、庁内も含めた町民との情報共有の仕組みを充実・強化します。

取り組み事項 | 17 情報発信能力の向上による情報共有の推進
主体課 | 地域政策課 | 関連課 | 全課
取り組み内容 | ・研修等による職員の情報発信能力の向上と、町民とのよりよい情報共有を進める情報媒体の活用を検討する。
スケジュール 取り組み項目 | 元年度 | 2年度 | 3年度 | 4年度
目標 | 成果指標 | 町ホームページのアクセス件数
 | 年度 | 元年度 | 2年度 | 3年度 | 4年度
 | 件数 (単年) | 596,000 | 607,000 | 618,000 | 630,000
令和4年度 取り組み実績 | 実績数 | 719,624 | 849,035 | 980,154 | 845,738
 | 内容 | 町民ニーズに応じた情報を様々な媒体を活用しタイムリーに発信したほか、令和5年3月1日に町HPのリニューアルを実施した。
備考 | ※平成30年度実績：585,160件
'''
    ka = "企画政策課"  # the first item's 主体課
    out.department(
        "企画政策課", "総務課", "デジタル推進室", "財務課", "戸籍税務課", "福祉保険課", "高齢介護課",
        "子育て・健康課", "下水道課", "施設再編課", "防災安全課", "生涯学習課", "地域政策課",
    )
    sh = seed_sheet("取り組み推進項目調書", SEED)
    base = f"{ka}_取り組み推進項目調書"
    # Item 10 as published: `0.26` beside `0.22%` (a warning, the standard's own example).
    published = sh.find("0.26")
    out.published["gyokaku"] = {"published": [expect(["unit-inconsistent"], sh, [published])]}
    out.book(f"{base}.xlsx", "gyokaku", sh)

    def item(title):
        return sh.find(title, col=2)[0]

    def row_after(r, label, col=2):
        return sh.find(label, col=col, after=r)[0]

    m = sh.copy()
    # Item 11's indicator years 元年度 2年度 4年度 5年度: 3年度 skipped.
    r = row_after(item("11 新たな財源を活用した財政運営"), "年度")
    assert [m.text(r, c) for c in range(3, 7)] == ["元年度", "2年度", "3年度", "4年度"]
    m.put(r, 5, "4年度")
    m.put(r, 6, "5年度")
    out.book(f"{base}_年度飛び.xlsx", "gyokaku", m, "item 11's years 元年度 2年度 4年度 5年度",
             [expect(["fiscal-year-order"], m, [(r, 3), (r, 5)])])

    m = sh.copy()
    # Item 5's targets: 92人 beside 90件.
    r = row_after(item("5 人事交流や研修、人事評価による職員資質の向上"), "人数 (単年)")
    assert m.text(r, 3) == "92人"
    m.put(r, 4, "90件")
    out.book(f"{base}_単位不一致.xlsx", "gyokaku", m, "item 5's 2年度 target 90件 beside 92人",
             [expect(["unit-inconsistent"], m, [(r, 4)])])

    m = sh.copy()
    # Item 9 repeats item 1 (再掲); its 2年度 result 4 where item 1 has 5.
    r = row_after(item("9 行政評価による事業の再編・整理（再掲「取り組み事項1」）"), "実績数")
    assert m.text(r, 4) == "5"
    m.put(r, 4, 4)
    out.book(f"{base}_再掲不一致.xlsx", "gyokaku", m, "item 9 (再掲 of 1): 2年度 実績 4 where item 1 has 5",
             [expect(["repeat-differs"], m, [(r, 4)])])

    m = sh.copy()
    # Item 8's 主体課 財務課 typed 財政課, a 課 the list does not have.
    r = row_after(item("8 民間委託等の推進"), "主体課", col=1)
    assert m.text(r, 2) == "財務課"
    m.put(r, 2, "財政課")
    out.book(f"{base}_主体課不明.xlsx", "gyokaku", m, "item 8's 主体課 財政課 (not in departments.txt)",
             [expect(["unknown-department"], m, [(r, 2)])])

    m = sh.copy()
    # Item 5's 4年度 result (38人) left blank: the report year needs its result.
    r = row_after(item("5 人事交流や研修、人事評価による職員資質の向上"), "実績数")
    assert m.text(r, 6) == "38人"
    m.put(r, 6, None)
    out.book(f"{base}_実績漏れ.xlsx", "gyokaku", m, "item 5: 4年度 実績 blank",
             [expect(["value-missing"], m, [(r, 6)])])


# ---- 行動計画 実施状況 (keikaku), seed 002: 二本松市 令和5年度 --------------------------------------


def keikaku(out):
    # Seed 002, line for line, but one thing: the export set the arrows (→) of 押印の見直し,
    # キャッシュレス決済の導入 and マイナンバーカードの普及促進 in rows of their own under R3, where by
    # the form's rule (an arrow continues the mark to its left in its row) they would stand
    # for no step. Here they continue each mark to R7 in the mark's own row, and the arrow-only
    # rows are gone. The arrows of 電子入札 and eLTAX (one unnumbered step, continued through the
    # plan) stay as published.
    SEED = r'''


令和5年度二本松市市政改革推進行動計画実施状況について

二本松市では、市総合計画の方策の柱「みんなで創る持続可能なまち」を目指して、「二本松市市政改革推進行動計画」を策定し、市政改革に取り組んでいます。

この計画では、これまで行ってきた行政コスト削減等の取り組みを継続しつつ、新しい生活様式や働き方に対応し、より効率的・効果的な行政運営を行うため、『行政のデジタル化推進、制度・慣行の抜本的見直し』、『健全な財政運営の推進』、『「ともに」取り組む』の3つの重点項目を推進しています。

重点項目1 行政のデジタル化推進、制度・慣行の抜本的見直し

サービスの向上、業務の効率化のため、様々な場面においてデジタル化の検討を行います。なお、デジタル化すること自体を目的とするのではなく、費用対効果を考慮しつつ最良の方法を追求します。

また、その検討過程において、各種の事務や内部処理、制度、慣行が真に必要なものであるか、手続や処理の流れが最適なものとなっているかなどの抜本的な見直し、業務の再構築に取り組めます。

(1)行政手続のオンライン化
各種の手続きが申請から料金支払までオンラインで完結できることを目指し、国が進める基盤整備の動向を踏まえながらオンライン化の対応を進めます。\nまた、その前提として、オンライン化を進めるにあたり障壁となる押印原則等の制度・慣行の見直しや、マイナンバーカードの普及促進に取り組めます。
進捗状況
令和5年度においては、転出届や子育て関連など一部の事務において、オンライン手続を開始しました。今後もオンライン化できる手続の拡大を進めていきます。 共通納税システムが令和5年度から運用開始されたことにより、固定資産税・軽自動車税についてキャッシュレス納付が可能になりました。 マイナンバーカードの普及促進とコンビニ交付サービスの利用拡大に向けて、令和5年4月1日からコンビニ交付サービスによる証明書の交付手数料を1件につき200円にしました(窓口交付手数料は300円)。
No. | 改革項目 | 推進内容 | 主な取組・実施時期 |  |  |  |  | 実施内容と今後の実施予定
 |  |  | R3 | R4 | R5 | R6 | R7
1 | 行政手続の簡素化、オンライン化の推進 | 市民の行政手続に係る負担軽減のため、なるべく「書かない」、「待たない」、「市役所に行かなくてもいい」ことを目指し、オンライン化を念頭に置きつつ、手続方法の見直しを進める。 |  |  | ① |  |  | 令和5年度においては、一部の手続について、マイナポータルからのオンライン手続を開始した(転出届、子育て関係等)。\n今後も引き続き、オンライン化できる手続について検討を進める。\nまた、地方公共団体情報システム機構と事務委託契約を締結し、コンビニエンスストアでの住民票の写し及び印鑑登録証明書の交付サービスを実施した。令和5年4月1日から、コンビニ交付サービスによる証明書の交付手数料を1件につき200円としている(窓口交付手数料は300円)。また、令和6年度中に取得できる証明書として、所得・課税証明書を追加する。\n今後も、コンビニ交付サービスを継続して行う。\n【令和5年度交付実績】\n住民票の写し 4,073件 印鑑登録証明書 2,677件

No. | 改革項目 | 推進内容 | 主な取組・実施時期 |  |  |  |  | 実施内容と今後の実施予定
 |  |  | R3 | R4 | R5 | R6 | R7
2 | 押印の見直し | 行政手続の簡素化、オンライン化の推進に向け、申請書類等への押印の省略・廃止を検討する。 | ①押印の省略、廃止の検討・実施 ②署名の代替手段の検討・実施 |  |  |  |  | 押印の省略について、令和3年3月に規則等を制定し、押印に代えて申請者本人が署名する場合には、押印を省略できることとした（法令等により押印が義務付けられているもの、契約関係書類等を除く）。 また、電子決裁システムの導入に合わせ、令和5年度に関係例規の改正を行い、令和6年度以降の請求書等の押印を省略できることとした。 今後は、補助金等を交付する際の署名の省略(記名のみ)について、個別に検討を進める。
 |  |  | ① | → | → | → | →
 |  |  |  |  | ② | → | →
3 | キャッシュレス決済の導入 | 税金、手数料、使用料等の各種公金支払いにおけるキャッシュレス決済の導入を検討し、利便性の向上および現金取扱いに係るコスト削減を図る。 | ①市税等の納付におけるキャッシュレス決済の導入 ②行政手続のオンライン化と連携したキャッシュレス決済の検討 |  |  |  |  | 令和4年4月1日から税務課で取り扱う税外収入について、スマートフォン決済アプリを用いた納付方法を導入し、非対面での納付環境の整備を図るとともに、納税者等の利便性向上に寄与した。 令和5年度から共通納税システムの運用開始により、固定資産税・軽自動車税について「地方税お支払サイト」による新たなキャッシュレス納付が可能となった。
 |  |  |  |  | ① | → | →
 |  |  |  |  | ② | → | →
4 | 電子入札制度の導入 【継続項目】 | 入札事務の効率化、簡素化を図るため、電子入札の導入を検討する。 | 電子入札、電子契約等の検討 |  |  |  |  | 令和3年度は田村市に電子入札に関するアンケートを実施し、令和4年度は田村市への視察を行った。 今後、令和6年度に交付金申請を行い、令和7年度システム導入に向けた準備を行う。
 |  |  | →
5 | マイナンバーカードの普及促進 | 行政手続のオンライン化を進めるにあたっての基盤となるマイナンバーカードの普及を促進する。 | ①窓口におけるカード申請補助 ②企業や店舗への出張受付の検討 ③日曜窓口におけるカード交付 |  |  |  |  | ①窓口における専用タブレット端末によるカード申請補助(顔写真撮影及び申請データ伝送)を行った。また、所得申告相談や選挙期日前投票等に合わせて、カード申請を促す掲示などを行い普及促進に務めた。 ②令和5年度は申し込みがあった企業・団体等に出張訪問し、カード申請受付を行った。また、各住民センターを巡回し、申請受付を行った。 ③事前予約制で平日夜間、日曜窓口でのカード交付を行った。 今後も、マイナンバーカードの普及を推進する。 【令和5年度交付実績】 新規 7,064件
 |  |  |  |  | ① | → | →
 |  |  |  |  | ② | → | →
 |  |  |  |  | ③ | → | →
6 | 市税の電子申告(eLTAX)の普及 | 電子申告(eLTAX)の普及により、課税事務の軽減と市民の利便性の向上を図る。 | 電子申告の周知 |  |  |  |  | 広報や各通知等での周知により電子申告(eLTAX)の普及に努め、市民の利便性の向上に寄与するとともに課税事務の軽減を図った。 【利用率実績】 ・給与報告書59% ・公的年金等報告書99% ・法人市民税78% ・償却資産24% ・法人設立届等79% また、市県民税の特別徴収税額通知の電子化により、令和6年度からeLTAXによる電子データでの特別徴収義務者への通知が可能となる。
 |  |  | →

(2)ICT利活用による業務効率化

発展するICT技術を有効に活用し、大幅な業務の効率化(定型作業に費やす時間、移動する時間、書類を採す時間等の削減)を図ることで、限られた職員数でも業務の企画立案や市民への直接的なサービス提供等に注力できるよう努めます。

進捗状況

・業務の効率化や意思決定の迅速化を図るため、紙文書に押印する文書決裁の方法から電子決裁への移行に向けて準備を進めてきましたが、令和6年度分の文書から電子決裁・文書管理システムによる運用を開始しました。
・令和5年度には、税関連や子育て関連事務でAI-OCR(AI技術を活用した書類の文字読み取り)によるデータを活用しましたが、今後、さらにAI-OCRやRPA(ソフトウェアロボットによる業務自動化)を活用できる事務の選定を行うとともに、生成AIの活用についても検討し、業務の効率化を図っていきます。

No. | 改革項目 | 推進内容 | 主な取組・実施時期 |  |  |  |  | 実施内容と今後の実施予定
 |  |  | R3 | R4 | R5 | R6 | R7
1 | 電子決裁・文書管理システムの導入 | 文書の收受から起案、決裁、保存、廃棄までを一元的・電子的に管理することで、業務の効率化、迅速化、一連の過程の透明性の確保、文書保管スペースの削減を図る。 | ①文書量の実態調査、運用方法等の検討 ②システムの導入 ① → ② |  |  |  |  | 令和4年度にシステム導入業務委託業者のコンサルティングを受け、電子化に向けた課題の洗い出しと対応策の検討を行ってきた。 令和5年11月に職員への操作研修を実施し、令和6年度分の文書から電子決裁・文書管理システムによる運用を開始した。 令和6年においては、一部システムの運用ができなかった小中学校における運用に向けて調整を図り、併せて操作研修を実施する。
2 | 永年保存文書等の電子化 | 既存の文書を電子化することにより、検索、閲覧、共有に係る利便性の向上と保管スペースの削減を図る。 | ①文書量の実態調査等 ②電子化の検討 ① → ② |  |  |  |  | 令和5年5月現在、永年保存とする文書を段ボール箱で岩代支所倉庫に約1,000箱、本庁書庫に約300箱保存している。 1年度の文書引継あたりの平均で約30箱分の永年保存する文書の段ボールが増加しているが、文書管理システムを導入したことにより、令和6年度分の文書から紙媒体による文書が減るものと予測している。 しかしながら、現存する永年保存する文書が膨大であるため、今後も保存文書のスキヤニング、整理、確認にかかるコストを研究し、電子化の検討を行う。
3 | RPA・AI等の活用による業務効率化 | RPA・AI等を活用した業務の自動化を行い、業務の効率化を図る。 | ①RPA活用検討 ・活用対象事務選定 ・試行導入 ②AI活用検討 ① → ② |  |  |  |  | 令和5年度においては、税関連や子育て関連の事務でAI-OCRによりデータ化したデータを活用した。 今後も、RPA・AI-OCRを活用できる事務の選定を行い、業務の効率化を図っていく。
4 | 情報セキュリティ対策の徹底 | 市情報セキュリティポリシーに基づき、情報セキュリティ対策を徹底する。 | 情報セキュリティ対策の実施 ① → ② |  |  |  |  | 新規採用職員への研修や情報セキュリティに関する情報提供を全庁掲示板等で随時行い、対策の浸透に努めた。 また、セキュリティ対策の基本となる脆弱性対策として随時更新プログラムの配信を行い、必要に応じ各自更新プログラムの適用を確認・実行するよう徹底した。

(3)働きやすい環境の整備

職員が能力を最大限に発揮できるよう、また、新しい生活様式の確立のため、物理的・精神的に働きやすい環境の整備に取り組みます。

進捗状況

・新型コロナウイルス感染拡大防止のための出勤回避の取組みとして、テレワークの試行運用を令和2年度から実施していますが、新型コロナウイルスが感染症法上の5類に移行され、テレワークの活用も減少しています。文書の電子化や電子決裁の導入により、テレワークの環境は整いつつありますが、今後、需要を見ながらテレワークの本運用を検討していきます。
・時差出勤の導入についても、引き続き検討していきます。

No. | 改革項目 | 推進内容 | 主な取組・実施時期 |  |  |  |  | 実施内容と今後の実施予定
 |  |  | R3 | R4 | R5 | R6 | R7
1 | 多様な働き方環境の整備 | 職員が育児や介護と仕事を両立し、能力を有効に発揮できるよう、多様で柔軟な働き方環境を整備する。 |  |  | ① |  |  | 新型コロナウイルス感染拡大防止のための出勤回避の取組みとして、令和2年度からテレワークの試行運用を実施しており、在宅勤務(LGWAN系)及びサテライトオフィス環境を整備している。令和5年度の在宅勤務用機器貸出は11件であった。 現時点では、目的を限定した試行運用となっており、令和6年度以降、需要をみながらテレワークの本運用を検討していく。 時差出勤導入については、引き続き検討していく。
 |  |  |  |  | ②
2 | オフィス環境の改善 | 十分なワークスペースを確保し、生産性、効率性の向上を図る。 |  |  |  |  |  | 機構改革や定期人事異動を反映したレイアウトを行うことにより、事務の効率的な遂行を図った。 今後も機構改革(小規模な部課再編を含む)等に対応しながら、働きやすいオフィス環境の整備に努める。
3 | 事務改善提案・カイゼン運動の推進 | 大小様々な問題、課題を共有し、多様な意見によって解決を目指すことで、更なる業務の効率化、市民サービスの向上および業務改善に積極的に取り組む組織風土の醸成を図る。 |  |  | ① |  |  | 庁内から業務効率化等に資する提案については随時募集しているが、事務改善につながるような提案はなされなかった。 今後、より効果的な実施手法を検討しつつ、事務改善を図っていく。
 |  |  |  |  | ②

重点項目2 健全な財政運営の推進

厳しい経済情勢にあっても健全な財政運営を維持していけるよう、財源の確保と支出の抑制に引き続き取り組みます。

また、少ない投資でより大きな成果を得られるよう、施策、事業の見直し、改善を重ねていくとともに、施設等の物的資源と限られた人的資源を有効に活用していきます。

(1) 事業効果の検証、事業の選択と集中

EBPM(証拠に基づく政策立案)の考え方をもとに各施策、事業の効果測定を行い、PDCA サイクルによる進捗管理を進めることで、よりの確かつ効率的な施策・事業の立案、事業の選択と集中に取り組みます。

進捗状況

・令和4年度決算における実質公債費比率は8.9%となっており、早期健全化比率の25%を大きく下回っていますが、経常収支比率は94.9%と高く、財政の硬直化が課題となっています。厳しい財政状況にあって、事業の選択と集中が求められていることから、令和6年度において「歳出改革」を実施し、市単独事業を中心に費用対効果等を検証しながら、事業の廃止も含めた見直しを行うことにしています。

No. | 改革項目 | 推進内容 | 主な取組・実施時期 |  |  |  |  | 実施内容と今後の実施予定
 |  |  | R3 | R4 | R5 | R6 | R7
1 | 行政評価の実施 【継続項目】 | 政策や事業について、PDCAサイクルによる進捗管理を行い、その効果や社会情勢の変化に基づく見直しを行うとともに、結果の公表により市民への説明に資するよう行政評価を行う。 | ①行政評価手法の再考 ②行政評価の実施 |  |  |  |  | 現在の市総合計画(令和3年度～12年度)の事務事業を対象に、進捗や効果について中間評価(令和7年度)及び最終評価(令和11年度)の実施を検討している。
 |  |  | ① |  |  |  | ②
2 | 財政基盤の分析と公債費の適正な管理 【継続項目】 | 歳出事業の選択と集中を進めるとともに、起債充当を前提とした事業の抑制、財源の精査を行いながら健全な財政運営に努める。 | 財政基盤の分析 |  |  |  |  | 起債にあたっては、原則交付税措置が有利であるものとし、一般財源からの償還を極力減らすような措置をしてきたところである。近年は、実質公債費比率も早期健全化比率(25%)を大きく下回り、令和4年度決算においては8.9%である。 今後も、地方債を前提とした事業構築を極力抑制しつつ健全な財政運営に努めていく。
3 | 補助制度の検証と評価システムの構築 【継続項目】 | 補助金を交付したことによる施策目的に資する成果を検証し、必要な見直しを加えることで各種補助制度の費用対効果の向上を図る。 | ①補助金評価手法の再考 ②補助金評価の実施 |  |  |  |  | 費用対効果の低くなった補助金の廃止・改善を図り、新規・拡充施策を積極的に展開するため、平成29年度から令和元年度にかけて各種補助金の評価を実施した。 令和6年度においては、市単独事業の見直しに併せて、主な補助金についても評価を行い、必要な見直しを図ることとしている。 今後も、より効果的な評価手法の検討を継続して行う。
 |  |  | ① |  |  |  | ②

(2)収入アップ・支出抑制

これまで実施してきた財源確保、コスト削減の取り組みを継続するとともに、新たな取り組みも積極的に検討します。

進捗状況

・ふるさと納税については、令和5年度にふるさと納税業務を代行する中間事業者を変更し、返礼品ページの充実を図るとともに新規返礼品の追加等を行い、前年度の約1.5倍の寄附を受けることができました。令和6年度からは、クラウドファンディングによる資金募集も開始し、更なる寄附金の増額を目指しています。
・広報紙への広告掲載など各種財源確保の取り組みや、市税等の収納率向上のために納付しやすい環境の整備・拡充を継続して行っています。
・支出抑制のため、計画に基づく定員管理や施設管理、超過勤務の縮減や節電等の経費削減にも継続して取り組んでいます。

No. | 改革項目 | 推進内容 | 主な取組・実施時期 |  |  |  |  | 実施内容と今後の実施予定
 |  |  | R3 | R4 | R5 | R6 | R7
1 | 収入アップの取り組み 【継続項目】 | 財源確保のための取り組みを継続して実施する。 | 各種財源確保のための取組実施 ・広報にほんまつ等の広告掲載料 ・未利用財産の売り払い ・ネーミングライツ ・クラウドファンディングによる資金募集検討 |  |  |  |  | 広報にほんまつへの広告掲載料については、68件の申込があり、総額で2,219,690円の収入があった。 市ウェブサイトのバナー広告については、1件の申込で50,000円の収入があり、広報にほんまつ・市ウェブサイトとも昨年度より増加したが、市ウェブサイト広告料については、他市の取り組み状況なども参考にしながら更なる収入増加を図っていく。 未利用財産の売り払いについては、道路及び水路用地の払下げ申請4件を受け、3,580,250円の収入があった。 普通財産の公売については、広報にほんまつ及びウェブサイトにおいて周知を行い公売を実施したが、売却には至らなかった。 ネーミングライツ事業では、今後も対象施設等について検討し、募集を行っていく。 クラウドファンディングについては、令和6年度より安達太良山登山道の道標修繕や地域猫の不妊・去勢手術費補助事業に活用することとしているが、状況を見ながら、更なる拡大について検討する。
2 | ふるさと納税の推進 | ふるさと納税を推進し、市の財源の確保と地域製品のPRを図る。 | ①返礼品の充実、PR ②企業版ふるさと納税の推進 |  |  |  |  | 【令和5年度ふるさと納税実績】 8,385件 147,418,000円(前年度比150.2%) 寄附金の増額に向けて、ふるさと納税業務を代行する中間事業者と連携し、返礼品ページの充実、新規返礼品の追加、事業者との連携などを更に推進していく。 また、現地決済型ふるさと納税を導入し、更なる寄附金の増額を図っていく。 【令和5年度企業版ふるさと納税実績】 なし

No. | 改革項目 | 推進内容 | 主な取組・実施時期 |  |  |  |  | 実施内容と今後の実施予定
 |  |  | R3 | R4 | R5 | R6 | R7
3 | 収納率の向上 (納付環境の整備・拡充) 【継続項目】 | コンビニ収納・スマホ決済の利用促進など、市税等の納付の機会、環境を整備することで、多様化したライフスタイルに対応していく。 | 納付環境の整備・拡充 |  |  |  |  | 市税等徴収嘱託員を活用し、令和5年度において市税及び税外収入について延滞金を含め約4,447千円徴収した。 令和5年度からコンビニ収納(スマートフォン決済)の納付方法にd払いを追加した。 また、共通納税システムの対象税目拡大に伴い、固定資産税・軽自動車税について全国の共通納税対応金融機関での納付書の取扱いが可能となったことで、納付環境の拡充による利便性向上につながった。さらに、令和6年度から市県民税・国民健康保険税についても取扱い可能となる。
4 | 多角的な財産等調査による滞納処分の強化 | 債権、不動産等に代表される財産に加え、無体財産権、動産等財産調査も行い、滞納処分を強化する。 | 滞納処分の強化 |  |  |  |  | 市民負担の公平性の観点から、公債権以外の債権について福島簡易裁判所へ支払督促を18件申立て、6,093千円の債務名義を取得した。 また、支払督促とは別に訴訟を提起し、987千円の債務名義を取得した。 滞納処分については、債権等の差押に加え、差押えた動産2点を公売し、1,170千円を滞納された市税に充当した。
5 | 職員のコスト意識の醸成 【継続項目】 | 決算状況を掲示板等を通じて周知するとともに予算編成前に説明会等を開催し、経常経費の圧縮を意識付ける。 | 財政状況の周知 |  |  |  |  | 予算要求時の経常経費の取扱いについては、前年度予算額以上の要求をしないこと、圧縮できるものは圧縮に努めることとし、職員に対し、職務に対する工夫やコスト意識の醸成を常時図っている。
6 | 適正な定員管理 【継続項目】 | 行政需要に対応した適正な定員管理に努める。 | 定員管理計画の推進 |  |  |  |  | 令和3年3月策定の新たな定員管理計画により、令和5年度は、計画数507人(うち任期付職員等33人)に対して499人(うち任期付職員等33人)の職員数とした。 令和6年度も、同計画に基づき、現業を除き退職者同数補充を基本として、不足する職種等は、任期付職員、再任用職員、会計年度任用職員等多様な任用・勤務形態を活用しながら総人件費の抑制に努める。

No. | 改革項目 | 推進内容 | 主な取組・実施時期 |  |  |  |  | 実施内容と今後の実施予定
 |  |  | R3 | R4 | R5 | R6 | R7
7 | 超過勤務の要因となる事務の業務改善 【継続項目】 | 超過勤務の要因となる事務等の効率性が低い事務を対象として、改善対策を検討する。 | 定員管理等に係るヒアリングの実施 |  |  |  |  | 令和5年度は、定員管理等に係る各部等ヒアリングを行い、改善対策を検討するとともに、管理職による面談、業務指導、事前命令及びノー残業デーの徹底、代休制度の活用を継続して行い、超過勤務の縮減に努めた。特に、代休取得については、令和2年度の庶務事務システムの導入により、その徹底を図ることができている。 令和6年度以降も、同様の取り組みを継続して行う。
8 | 公共施設等総合管理推進事業 【継続項目】 | 公共施設等の総合的かつ計画的な管理を推進するため、個別施設計画を基本とし、公共施設等総合管理計画の見直しを行うとともに、大規模改修や長寿命化に要する経費抑制に努める。 | 公共施設等の総合的・計画的な管理推進 |  |  |  |  | 公共施設等総合管理計画について、令和3年度に令和2年度策定の個別施設計画の内容を反映させる等の改訂、令和4年度に脱炭素化の推進についての内容を追加する改訂を行った。 今後も、国・県の指針に基づき、総合管理計画及び個別施設計画の見直しを随時行い、公共施設配置の適正化及び老朽化対策等について検討していく。
9 | 経費的な行政コスト削減 【継続項目】 | 各種コスト削減の取り組みを継続して行う。 | 各種コスト削減の取り組み実施 ・公共工事のコスト縮減 ・車両の集中管理 ・庁舎内節電の徹底 ・印刷代、用紙の節約 ・街路灯のLED化 |  |  |  |  | 公共工事のコスト縮減を積極的に図った。公用車両について、本庁舎の車両33台(軽18台、普通15台)を財政課の集中管理とし、各課共用とすることにより、稼働率の向上(余剰車の縮減)に努めた。 既に定着している節電については、夏季(冷房は概ね28℃)及び冬季(暖房は概ね20℃)の温度設定を本庁舎を含めた全施設管理者へ依頼し、さらなる節電の徹底に努めた。 電気の調達については、入札不調による最終保障約款(割高な電気料金)での契約を避けるため、全施設で入札を見送り、東北電力(株)と随意契約を行った。今後も電気市場の動向を注視し、入札再開の時期を検討する。 電気料金のコスト削減及び地球温暖化防止対策を目的として、街路灯をLED照明に更新しており、令和5年度は、道路照明取替工事にて35基の街路灯をLED照明に更新した。令和6年度以降も、引き続きLED照明への更新を進めていく。

(3)限られた経営資源の有効活用

遊休施設等の有効活用を検討し、財源の確保に努めます。また、人材育成について、様々な研修等を職層や希望に応じて適切に提供し、個々のスキルアップ、組織力の向上を図ります。

進捗状況

・遊休施設の民間事業者への貸付による財源確保に取り組みました。
・人材育成に向けては、市独自に初任者研修や健康管理講座等を実施するほか、研修機関による各職層や専門研修、若手職員を対象としたこおりやま広域圏内やふくしま圏域における合同研修などを活用しながら、職員の能力開発、資質向上に努めています。

No. | 改革項目 | 推進内容 | 主な取組・実施時期 |  |  |  |  | 実施内容と今後の実施予定
 |  |  | R3 | R4 | R5 | R6 | R7
1 | 遊休施設の利用変更や空きスペースの有効活用の検討 | 公共施設の余剰施設や用途を廃止した施設は、複合化や民間等への貸付、売却等、施設の有効活用による財源確保を図る。 |  |  |  |  |  | 施設活用の検討 廃校等、普通財産の建物を民間事業者へ貸し付けることにより、840,471円の収入があった。 今後も申し出があった場合、貸付や売却等を検討し、財源の確保を図る。
2 | 若手職員の育成【継続項目】 | 二本松市について知識を深めるための研修や、施策研究等を行うワーキンググループを実施し、若手職員を育成するとともに職員交流による組織力の向上を推進する。 |  |  | ① |  |  | ①物産、観光PR研修等の実施 ②施策研究等のワーキンググループ開催 令和5年度は、こおりやま広域圏内及びふくしま圏域の合同研修に、それぞれ若手職員1名が参加した。 今後、新型コロナウイルス感染症等の職員の感染防止に鑑み、新たな育成方法を検討する必要がある。
3 | 研修機会の充実【継続項目】 | 職員の積極的な自主研修の受講を促進するため、外部団体が主催する研修機会の周知を強化する。また、研修等により一層のコンプライアンスの徹底や組織力の強化に努める。 |  |  | ① |  |  | ①研修機関による各職層研修、専門研修 ②市独自研修 ③自主専門研修 令和5年度は、研修機関による各職層・専門研修のほか、市独自研修(初任者研修、健康管理講座等)及び自主専門研修制度の活用により職員の能力開発と資質向上に努めた。 令和6年度以降も、同様の取り組みを継続して行う。

重点項目3 「ともに」取り組む

人口減少、少子高齢化が進む中、行政サービスを維持し、頻発する災害や新型コロナウイルス感染症拡大のような未曾有の事態に柔軟、迅速に対応していくためには、あらゆる場面で協力体制を整え対応していくことが重要となります。

これまで以上に、庁内の連携を高め、市民、NPO、企業など多様な主体と協働し、自治体の枠を超えた取り組みに力を入れていきます。

(1)部課横断型組織体系での対応強化

縦割りからの更なる脱却に努め、様々なニーズに柔軟・効果的に対応できる組織、協力体制を構築していきます。

進捗状況

令和6年度当初の組織体制にあたり、庁内におけるDXを総合的に推進するための組織としてDX推進課を設置するとともに、こども家庭センターの設置に伴う組織の再編を行いました。今後も、社会情勢の変化に対応できる体制を随時検討します。

No. | 改革項目 | 推進内容 | 主な取組・実施時期 |  |  |  |  | 実施内容と今後の実施予定
 |  |  | R3 | R4 | R5 | R6 | R7
1 | 行政組織の見直し 【継続項目】 | 効率的・効果的に市民サービスを提供するために必要な行政組織機構の見直しを行う。 | 行政組織見直し検討委員会等での検討 |  |  |  |  | 令和6年度当初の組織体制にあたっては、DXの推進を図るため、総務部DX推進課DX推進係を設置し、人事行政課電子情報係を廃止した。また、こども家庭センターの設置等に伴い、保健福祉部こども家庭課こども家庭係及び母子保健係を設置し、子育て支援課及び健康増進課の分掌事務のうち、こども家庭センターの業務内容に応じた事務を移管するとともに、子育て支援課については、子育て支援係、幼保管理係及び幼保指導係の3係に、健康増進課については、予防管理係及び成人保健係の2係に再編した。 今後も、引き続き効率的・効果的な市民サービスを提供するため、組織体制の検討を進める。

(2)市民・NPO・企業との協働

複雑化、多様化する行政需要に対応していくために、多様な主体と協働し、ノウハウを取り入れ、サービスの維持向上、課題解決にあたります。

進捗状況

・各種ボランティアや民間企業との協働事業、市民との協働による地域づくり支援事業を継続して実施しています。
・指定管理者制度の活用や民間委託の推進により、行政運営の効率化と市民サービスの向上を図っています。

No. | 改革項目 | 推進内容 | 主な取組・実施時期 |  |  |  |  | 実施内容と今後の実施予定
 |  |  | R3 | R4 | R5 | R6 | R7
1 | 市民ボランティアとの協働、活動支援 【継続項目】 | ボランティアとの協働による施設管理等を推進する。 | ①除雪ボランティアによる道路除雪 ②公園ボランティアによる公園清掃 ③道路、河川ボランティアによる道路、河川清掃 |  |  |  |  | 除雪ボランティアは、令和5年度個人登録16名、62団体が登録されており、令和5年度は7回の除雪活動を行った。 公園ボランティアは、令和5年度末までに601名登録されており、令和5年度中に新たに2企業、2団体が加わり、霞ヶ城公園、智恵子の杜公園などの清掃を行った。 道路・河川ボランティアは、令和5年度個人登録7名、53団体が登録されており、道路及び河川の清掃を年間に160回行った。 令和6年度も、引き続き市民と行政とのパートナーシップによる公共施設の管理を推進する。

No. | 改革項目 | 推進内容 | 主な取組・実施時期 |  |  |  |  | 実施内容と今後の実施予定
 |  |  | R3 | R4 | R5 | R6 | R7
2 | 市民道路パトロールの実施【継続項目】 | 郵便局、バス・タクシー会社の協力による民間道路パトロールを実施する。 | 市民道路パトロールの実施 |  |  |  |  | 郵便局、バス、タクシー会社の協力による市民道路パトロールを実施した。 また、二本松市内各郵便局との「災害発生時及び平常時における地域活動に関する協定」による道路パトロールを令和6年度以降も継続して行う。
3 | 市民との協働による地域づくり支援事業【継続項目】 | 市民が主体となって実施する地域づくり事業を支援し、地域の絆の再構築と活力ある地域社会の振興・発展を図る。 | 地域づくり支援補助金の交付 |  |  |  |  | 予算総額30,000千円を地域ごとに、均等割りとして2,400万円(1地域600万円)、人口割として600万円を配分し、全ての地域の選定委員会で事業選定を行った。 【令和5年度実績】 事業 142件 29,435,510円
4 | NPO法人設立支援事業【継続項目】 | 市民の社会貢献活動を推進し特定非営利活動法人の健全な発展を促進する。 | NPO法人設立支援事業補助金の交付 |  |  |  |  | 特定非営利活動法人を設立しようとする団体を支援することにより、市民の自主的公共活動を促進するため、二本松市特定非営利活動法人設立支援事業補助金を交付しているが、令和5年度の実績はなかった。
5 | 指定管理者制度の活用・外部委託の推進【継続項目】 | 多様化する市民ニーズに、より効果的・効率的に対応できるよう民間のノウハウを活用し、サービスの向上を図る。 | ①指定管理者制度の活用 ②外部委託の推進 |  |  |  |  | 令和6年4月1日現在、道の駅や学童保育所など、市内26の施設において指定管理者制度を導入している。指定管理者制度の推進により、施設の効率的な管理運営、利用者の利便性向上を図っていく。
 |  |  |  | ①
 |  |  |  | ②
6 | 窓口業務の民間委託【継続項目】 | 郵便局へ市民窓口コーナーの業務委託を進める。 | ①岳温泉郵便局への窓口業務委託 ②窓口業務委託の拡大検討 |  |  |  |  | 令和2年6月から日本郵便株式会社東北支社と包括委託契約を締結し、岳温泉郵便局を指定して公的証明書(住民票の写し等)の交付事務及び狂犬病予防法に関する届け出事務を委託した。今後も窓口業務委託を継続して行う。
 |  |  |  | ①
 |  |  |  | ②

(3)広域連携への参画

人口減少・少子高齢化が更に進展すると、これまでの行政サービスを維持していくことが困難になっていくことが予想されます。近隣の自治体と連携して事業に取り組むことで、行政運営の効率化、サービスの維持向上を図り、各自治体の特性を組み合わせせた相乗効果で圏域全体の活性化に努めます。

進捗状況

令和元年10月に「こおりやま広域連携中枢都市圏」、令和4年3月に「ふくしま田園中枢都市圏」の形成に係る連携協約を締結しました。各自治体と連携した施策を検討、実施していきます。

No. | 改革項目 | 推進内容 | 主な取組・実施時期 |  |  |  |  | 実施内容と今後の実施予定
 |  |  | R3 | R4 | R5 | R6 | R7
1 | ふくしま田園中枢都市圏への参画 | 近隣する市町村と相互に補完しあいながら連携し、持続可能な地域社会を構築する。(参加市町村:福島市、二本松市、伊達市、本宮市、桑折町、国見町、川俣町、大玉村、飯舘村) |  |  |  |  |  | 連携中枢都市圏構想推進要綱(平成26年8月25日付け総行市第200号総務省自治行政局長通知)に基づく連携中枢都市圏として、令和4年3月30日に「ふくしま田園中枢都市圏の形成に係る連携協約」を締結し、本圏域ならではの特性を活かしつつ、高次都市機能の集積・強化と暮らしやすく住みたくなる魅力ある圏域づくり等を推進することにより、「ふくしま田園中枢都市圏」の名称にふさわしい都市圏を形成し、ひいては圏域全体の経済成長を図り、ふくしまの復興創生をけん引することを目的に、20の連携施策を推進するもの。\n現在、ワーキンググループを組織し、各施策について検討しながら事業を実施している。
2 | こおりやま広域連携中枢都市圏への参画 | 近隣する市町村と相互に補完しあいながら連携し、持続可能な地域社会を構築する。(参加市町村:郡山市、須賀川市、田村市、二本松市、本宮市、大玉村、鏡石町、天栄村、猪苗代町、石川町、玉川村、平田村、浅川町、古殿町、三春町、小野町、磐梯町) |  |  |  |  |  | 連携中枢都市圏構想推進要綱(平成26年8月25日付け総行市第200号総務省自治行政局長通知)に基づく連携中枢都市圏として、令和元年10月18日に「連携中枢都市圏形成に係る連携協約」を締結し、人口減少・少子高齢社会にあっても、活力ある地域経済を維持するとともに、住民が安心して快適な暮らしを営むことができる圏域を形成することを目的に、19の連携施策を推進するもの。\n現在、ワーキンググループを組織し、各施策について検討しながら事業を実施している。\nまた、21事業者との「公民協奏パートナーシップ協定」を締結し、公平公正な関係性を構築のうえ、公民の役割分担を踏まえ、対等なパートナーとして手を携え、地域の課題解決を図る取り組みを推進している。
'''
    ka = "企画政策課"
    out.department(ka)
    sh = seed_sheet("実施状況", SEED)
    # 主な取組・実施時期 stands over its five plan years in every table's header.
    headers = sh.find_all("主な取組・実施時期")
    for r, c in headers:
        sh.merge(r, c, r, c + 4)
    base = f"{ka}_行動計画実施状況"
    out.book(f"{base}.xlsx", "keikaku", sh)

    def item(heading, no):
        return sh.find(str(no), col=1, after=sh.find(heading, col=1)[0])[0]

    selection = "(1) 事業効果の検証、事業の選択と集中"
    m = sh.copy()
    r = item(selection, 3)
    m.put(r, 1, 4)
    out.book(f"{base}_番号飛び.xlsx", "keikaku", m, f"{selection}: No. 1, 2, 4",
             [expect(["numbering-gap"], m, [(r, 1)])])

    m = sh.copy()
    # 行政評価の実施 lists ① and ②; its R7 mark written ④.
    r = item(selection, 1) + 1
    assert m.text(r, 8) == "②"
    m.put(r, 8, "④")
    out.book(f"{base}_取組番号外.xlsx", "keikaku", m, "行政評価の実施 lists ①② but marks ④ in R7",
             [expect(["step-not-listed"], m, [(r, 8)])])

    m = sh.copy()
    # キャッシュレス決済の導入 (steps ①②): an arrow in R4, before its ② in R5.
    r = item("(1)行政手続のオンライン化", 3) + 2
    assert m.text(r, 6) == "②" and m.text(r, 5) == ""
    m.put(r, 5, "→")
    out.book(f"{base}_矢印のみ.xlsx", "keikaku", m, "キャッシュレス決済の導入: → in R4 with no mark to its left",
             [expect(["arrow-without-step"], m, [(r, 5)])])

    year_rows = [r + 1 for r, _ in headers]
    first_year = headers[0][1]
    assert all(sh.text(r, first_year) == "R3" for r in year_rows)

    m = sh.copy()
    # The second table (the first one split over a page) headed R4 … R8.
    r = year_rows[1]
    for i in range(5):
        m.put(r, first_year + i, f"R{4 + i}")
    out.book(f"{base}_計画年度違い.xlsx", "keikaku", m, "the second table's plan years R4 R5 R6 R7 R8 (the others R3 … R7)",
             [expect(["plan-years-differ"], m, [(r, first_year + i) for i in range(5)] + [(headers[1][0], 1)])])

    m = sh.copy()
    # Every table headed R3 R4 R5 R7 R8 (R6 skipped; the report year R5 is kept, so the
    # header still holds it and every table still agrees with the first).
    for r in year_rows:
        m.put(r, first_year + 3, "R7")
        m.put(r, first_year + 4, "R8")
    out.book(f"{base}_計画年度飛び.xlsx", "keikaku", m, "plan years R3 R4 R5 R7 R8 in every table",
             [expect(["fiscal-year-order"], m, [(r, first_year + k) for r in year_rows for k in (0, 3)])])

    # 改革項目 and 推進内容 are required of every item; so is 実施内容と今後の実施予定.
    for column, label, file in [(2, "改革項目", "改革項目なし"), (3, "推進内容", "推進内容なし"),
                                (9, "実施内容と今後の実施予定", "実施内容なし")]:
        m = sh.copy()
        r = item(selection, 2)
        assert m.text(r, column), (label, m.text(r, column))
        m.put(r, column, None)
        out.book(f"{base}_{file}.xlsx", "keikaku", m, f"{selection} No. 2 without its {label}",
                 [expect(["required-missing"], m, [(r, column)])])


# ---- 達成目標 (tassei), seed 003: 吉岡町 紡ぐ 6 -----------------------------------------------------


def tassei(out):
    # Seed 003, line for line: three tables, each under its `紡ぐ 6 ▶ …` heading.
    SEED = r'''


紡ぐ 6 将来を見据えた行財政運営の推進

紡ぐ 6 ▶ ①協働のまちづくりの推進

現況と課題

① 自治会活動を支援しています

- 自治会相互の連携と親睦を図り、共通の問題を協議していくため、自治会連合会定例会を開催しています。
- 定期的に自治会連合会において研修等を行うことにより、各自治会の運営の仕方など様々な意見交換を行い、運営に活かしています。
- 自治会の自主的な取組による地域に根差した活動を支援しています。
- 地域住民のコミュニケーションの場となる集会施設の継続的かつ安定した利活用を目的に、改修等や地代・維持管理等について、各種補助金や交付金により支援しています。
- 人口増加を要因の一つに、自治会や住民から多岐にわたる相談が増加しています。
- 就労年齢の高齢化に伴い、自治会推薦の人材を探すことが困難になっています。

② ボランティア活動を支援しています

- 社会情勢等によりボランティアへのニーズは増加している一方で、ボランティアの担い手不足が懸念されています。
- ボランティア加入者及び町社会福祉協議会に対して、ボランティア活動を推進するための支援を行っています。

③ 行政情報を発信しています

- 毎月の町広報誌の発行と町ホームページ等の活用により、行政情報を住民に届けています。
- 町の情報を町内外に広く周知できるよう、データ放送や自治体情報配信アプリの活用を図っています。
- 住民ニーズに寄り添った広報活動となるよう、SNS^{※34}等の活用を検討しています。

④ 住民の町政参画と情報公開の推進に努めています

- 計画策定時には住民アンケートやワークショップの実施、策定組織に係る委員公募、パブリックコメント制度の活用により、住民意見の把握に努めています。
- 公正で透明性が高い行政を推進するため、個人情報保護に配慮した情報公開制度の円滑な運用を図るとともに、町政に関わる情報の公表の充実が求められています。

⑤ 企業等と包括連携協定を締結しています

- 企業等との協働の取組から地域課題の解消を目指す包括連携協定の締結を進めています。

関連するSDGs



※34 「Social Networking Service」の略称で、人と人とのつながり（人間関係）を促進するための機能を有するサービスのことを指します。

取組

① 自治会活動の支援を促進

- 自治会相互の連携に資する自治会連合会定例会の開催から、情報共有等行うことで運営の支援を行います。
- 財政的な支援については、現在行っている補助金及び交付金等を継続して実施するとともに、自治会の負担軽減については、引き続き全庁的に取り組みます。

② ボランティア活動の支援を促進

- 新たな人材発掘や育成、継続を促すため、町社会福祉協議会設置のボランティアセンターに対して、支援を促進します。

③ 行政情報の共有化

- 庁内外の連携強化により行政情報の充実を一層図るとともに、誰もが見やすく、わかりやすい町広報誌の発行と町ホームページの作成を目指します。
- 自治体情報配信アプリ等の活用により、いつでも気軽に行政情報が得やすい環境づくりを推進します。
- SNS等、広報活動の充実を図り、情報発信力の強化に取り組みます。

④ 町政参画機会と情報公開の促進

- 町政参画機会の一層の充実を図り、町の政策決定過程に広く住民意見を取り入れ、透明性のある協働のまちづくりを進めます。
- 幅広い年代の意見の反映を図るための募集施策の拡充と創出を行います。
- 附属機関等の役割と課題を見直すとともに、多面的な住民参画となるよう、委員構成には公募枠拡大を中心に女性委員の比率や委員の重複、年齢に配慮するほか、セクシャルマイノリティなど多様な視点からの意見を踏まえ、計画及び事業への住民ニーズの反映と実効性の向上を図ります。
- デジタル社会の形成に向けた個人情報保護制度の見直しに適切に対応します。

⑤ 官民共創の推進

- 持続可能な公共サービスを提供し続けるため、様々な主体との官民共創の推進を図ります。

達成目標

指標名 | 単位 | 令和2年度 (実績) | 令和8年度 (目標) | 目標指標の測定 あるいは取得の方法
① 自治会連合会に係る研修会又は講演会 | 回 | 1 | 2 | 年間開催数
② ボランティア活動の従事人数 | 人 | 462 | 550 | ボランティア保険加入者数
③ パブリックコメント実施数 | 件/5年 | 7 | 25 | 実施累計数
④ 附属機関等の公募委員の割合 | % | 2.0 | 5.0 | 庁内調査
④ 附属機関等の女性委員の割合 | % | 24.5 | 30.0 | 庁内調査
⑤ 包括連携協定の締結数 | 件 | 3 | 10 | 締結累計数

関連する 個別計画 | 第2期吉岡町まち・ひと・しごと創生総合戦略
 | 吉岡町高齢者保健福祉計画及び第8期介護保険事業計画
 | 第4期吉岡町障害者計画 | 第6期吉岡町障害福祉計画
 | 第2期吉岡町障害児福祉計画 | 第2期吉岡町地域福祉計画
 | 第2期吉岡町地域福祉活動計画

紡ぐ6 ▶ ②健全な行財政の推進

現況と課題

① 健全な財政運営に努めています

- 健全な財政運営を推進するため、補助制度や町債等の活用、枠配分の導入、必要性及び緊急度を重視した予算編成に取り組んでいます。
- ふるさと納税制度の拡充のため、ふるさと納税サイトを活用するとともに、企業版ふるさと納税の受け皿づくりから、自主財源の確保を図っています。
- 公有財産の適切な維持保全と効率的な運用とともに、財産収入の適正化を図っています。
- スマートフォン決済アプリの導入により、住民の利便性向上に努めています。
- 健全な財政運営を継続していくためには、確実な自主財源の確保が必要であり、適正かつ公平な課税、徹底した徴収に基づいた厳密な債権管理に努めています。

② 行政改革を推進しています

- 計画的な行政運営を進め、支出の適正化を図るとともに、目標管理に基づく行政経営に努めています。
- あらゆるリスクに備えた業務継続への対応が求められています。
- 長時間勤務を是正するとともに、職員が能力を発揮し、高い士気を持って業務にあたることのできる働き方が必要とされています。
- 職員の人材育成のため、各種研修や人事交流機会の拡充に努めています。
- 全国の類似団体と比較し、少ない職員数で若年比率の高い職員構成により行政を運営しています。

③ 公共施設の効果的・効率的な維持管理方針を定めました

- 施設の老朽化が全般的に進み、多額の更新等費用が必要になることが見込まれています。
- 施設の長寿命化や計画的な更新、財源確保など、財政状況を勘案した計画的な維持管理が求められています。

④ 広域連携の必要性が高まっています

- 地方自治体の多くは、同じ課題等を抱えています。
- 単独の自治体によるインフラの整備や住民サービスの提供には限界もあり、自治体間による連携強化の必要性が高まっています。

⑤ 地域間交流を実施しています

- 友好都市である北海道大樹町と、産業、経済、教育、文化等、幅広い分野において交流を進めているほか、有事における物資提供等を行うなど、結びつきを深めています。

取組

① 健全財政の維持

- 総合計画と予算編成の連携や長期的な財政計画により、健全な財政運営に取り組みます。
- 複数のふるさと納税サイトを活用するとともに、クラウドファンディングや返礼品の充実により、財源確保の進展を図るほか、新たな自主財源の確保に向けた取組を進めます。
- 納付方法の充実を図り、住民の利便性向上とともに、収納率向上を進めます。
- 住民サービスの質的向上を図るため、適正かつ公平な負担に基づいた歳入を確保するとともに、体制の強化と積極的な滞納処分から、安定した財源を継続的に確保します。

② 行政改革の推進

- 総合計画による包括的な視点のもと行政改革を推進し行財政の適正化と効率化を図ります。
- 柔軟な組織体制の確立と効果的な事務事業の実現により、支出の適正化を図るとともに、強靱な行政経営体質を作り上げ、住民サービスの充実と質の向上につなげます。
- テレワークの促進やフレックスタイム制の導入により、ワーク・ライフ・バランスの推進と新しい生活様式の定着化を図ります。
- 定員管理計画に基づく職員の適正配置に努めます。
- 職員に求められる専門知識や資格取得のための長期研修への参加と、幅広い知識の習得や人脈を構築するため、県や他団体との人事交流を推進します。

③ 公共施設の効果的・効率的な管理運営

- 公共施設等総合管理計画及び各施設の個別施設計画に基づき、施設の有効活用と長寿命化に資する予防保全的な修繕と改善に努めます。
- 普通財産の売却や貸付により、財源確保策としての有効活用を図ります。

④ 広域行政の連携強化

- 多様化する課題の解決や事業の早期実現と、迅速かつスムーズな対応を図るため、自治体間の連携強化を推進します。

⑤ 友好都市間の交流拡充と新たな提携への取組

- 感染症流行下における友好都市間での交流方法の拡充を進めるとともに、新たな友好都市の提携に向けた取組に努めます。

達成目標

指標名 | 単位 | 令和2年度 (実績) | 令和8年度 (目標) | 目標指標の測定 あるいは取得の方法
① 経常収支比率 | % | 89.4 | 89.0 | 財政分析指標
① ふるさと納税 | 万円 | 1,266 | 3,000 | ふるさと納税額(企業版含む)
② テレワーク利用者数 | 人 | 未整備 | 20 | 年間のテレワーク利用実人数
② 一般税の徴収率 | % | 97.1 | 97.5 | 一般税の徴収率

関連する 個別計画 | 吉岡町公共施設等総合管理計画・個別施設計画 | 第2次吉岡町定員管理計画
 | 第2期吉岡町まち・ひと・しごと創生総合戦略 | 吉岡町人材育成基本方針

関連するSDGs



紡ぐ6 ▶ ③デジタル化の推進


現況と課題

① 自治体DXを推進しています

- ・デジタル技術の恩恵をすべての人が享受できる社会の実現が求められています。
- ・感染症流行下における業務継続に資する取組の推進と多様な働き方へのニーズの高まりにより、テレワークの実証実験を実施しています。
- ・テレワークの導入により業務効率が低下することを防ぐため、デジタルコミュニケーション技術の導入を検討しています。
- ・閉庁時間においても各種証明書を取得できるよう、コンビニ交付サービスを実施し、利便性の向上を図っています。
- ・マイナポータル^{※35}のオンラインサービスの整備が進められております。
- ・行政手続きに係るオンライン化への対応が求められています。
- ・ぐんま電子申請システム^{※36}を活用したオンライン申請を随時開始しています。
- ・地方自治体では、情報システムの機能のカスタマイズを個別に行っており、維持管理や制度改正等の改修負担が増大しています。
- ・マイナンバーカードの普及促進に資する取組を検討、実施しています。
- ・自治体業務のAI、RPA^{※37}の利用推進が求められています。

② 欲しい情報を得やすいようにします

- ・町広報誌の発行や、町ホームページの更新がタイムリーに住民に伝えられるよう、SNSの導入を検討しています。
- ・デザインの変更やCMS^{※38}の導入等、町ホームページのリニューアルを行っています。
- ・情報セキュリティ対策として、町ホームページの常時SSL^{※39}化に取り組んでいます。
- ・町ホームページに、「よくある質問と回答」を掲載し、直接問い合わせることなく疑問を解消できる取組を進めています。



関連するSDGs



※ 35 政府が運営するオンラインサービスです。子育てや介護をはじめとする行政手続きの検索やオンライン申請がワンストップで行え、お知らせを受け取ることができる自分専用サイトです。
※ 36 インターネットで県や一部の市町村への申請、届出、公共施設の予約・空き状況の確認ができるものです。
※ 37 「Robotics Process Automation」の略で、ロボットによる業務自動化を指します。これまで人間が行ってきた定型的なパソコン操作をソフトウェアのロボットにより自動化するものです。
※ 38 「Contents Management System」の略で、ウェブサイトのコンテンツを構成するテキストや画像、デザイン、レイアウト情報などをデータベースで保存・管理し、サイトを構築・編集するソフトウェアのことです。
※ 39 「Secure Sockets Layer」の略で、インターネット上でデータを暗号化して送受信する仕組みのことです。

取組

① 自治体DXの推進

- ・社会全体の様々な分野においてデジタル化が進む中、「誰一人取り残さないデジタル化の推進」に取り組みます。
- ・デジタル技術やAI等の活用による業務効率化を図るとともに、住民の利便性向上に向けたデジタルトランスフォーメーションを推進します。
- ・テレワーク・Web会議の促進を図るとともに、ビジネスチャット^{※40}などコミュニケーションのデジタル化とペーパーレス化を推進します。
- ・誰もがデジタル化の恩恵を受けられるよう、町有施設のWi-Fi整備を進めます。
- ・コンビニ交付サービスの充実を図るため、交付可能な証明書を拡充します。
- ・マイナポータル及びぐんま電子申請システムの活用により、行政手続きのオンライン化の取組を促進し、住民の利便性向上を図ります。
- ・情報システムの標準化・共通化を目的に「ガバメントクラウド^{※41}」への移行を推進します。
- ・情報セキュリティの確保に留意し、住民ニーズと行政の事務処理効率化を踏まえたマイナンバーカードの利活用に取り組みます。
- ・AI、RPAの活用により、自治体業務の効率化を図ります。

② わかりやすい情報発信

- ・SNSを活用して、行政情報や防災、観光等の町の最新情報を発信することにより、タイムリーで効果的な情報提供の促進を目指します。
- ・町ホームページの常時SSL化とともに誰もが安心して利用できる環境整備に取り組みます。

達成目標

指標名 | 単位 | 令和2年度 (実績) | 令和8年度 (目標) | 目標指標の測定 あるいは取得の方法
① コンビニ交付の利用者数 | 人 | 未整備 | 3,500 | コンビニでの証明発行部数実績
① フリーWi-Fiの整備箇所数 | 箇所 | 5 | 8 | 整備実績累計
① マイナポータルによる申請手続数 | 件 | 0 | 35 | 申請手続累計
① ぐんま電子申請による申請手続数 | 件 | 0 | 5 | 申請手続累計
② SNS取組数 | 種類 | 0 | 2 | SNSの種類累計
② 町ホームページの閲覧数 | 延件 | 887,129 | 1,000,000 | 町ホームページの 全てのページの年間閲覧数

関連する個別計画 吉岡町情報セキュリティポリシー

※ 40 行政においては、自治体職員が庁内、他自治体とメッセージ、テキスト、ファイル、写真などの送受信を通信の安全性が高い行政専用回線で利用できるアプリケーションツールを言います。
※ 41 政府の情報システムについて、共通的な基盤・機能を提供する複数のクラウドサービスの利用環境のことを言い、地方自治体の情報システムにおいても活用できるよう検討が進んでいるものです。アプリケーション開発事業者は、標準仕様に準拠して開発した基幹業務等（住基、税、介護等17業務）のアプリケーションをガバメントクラウドに構築し、地方自治体はオンラインで利用し、コスト削減、データ連携、セキュリティ対策の強化等が図れるものです。
'''
    ka = "企画政策課"
    out.department(ka)
    sh = seed_sheet("紡ぐ6", SEED)
    # One blank row inside the second table, between two indicators: it must not end the table.
    sh.insert_row(sh.find("② 一般税の徴収率", col=1)[0])
    base = f"{ka}_達成目標_紡ぐ6"
    out.book(f"{base}.xlsx", "tassei", sh)

    def row(name):
        return sh.find(name, col=1)[0]

    UNIT, BASE, TARGET = 2, 3, 4

    m = sh.copy()
    r = row("④ 附属機関等の女性委員の割合")
    m.put(r, TARGET, 130.0)
    out.book(f"{base}_割合超過.xlsx", "tassei", m, "女性委員の割合 target 130.0 %",
             [expect(["percent-out-of-range"], m, [(r, TARGET)])])

    m = sh.copy()
    # 件/5年 counts five years cumulatively: a target below its base cannot be.
    r = row("③ パブリックコメント実施数")
    assert m.text(r, UNIT) == "件/5年" and m.text(r, BASE) == "7"
    m.put(r, TARGET, 5)
    out.book(f"{base}_累計減少.xlsx", "tassei", m, "パブリックコメント実施数 (件/5年) target 5 below its base 7",
             [expect(["cumulative-decreasing"], m, [(r, TARGET)])])

    m = sh.copy()
    r = row("⑤ 包括連携協定の締結数")
    m.put(r, TARGET, None)
    out.book(f"{base}_目標漏れ.xlsx", "tassei", m, "包括連携協定の締結数 without its 令和8年度 target",
             [expect(["value-missing"], m, [(r, TARGET)])])

    m = sh.copy()
    # On the row after the blank row: read only if the blank row did not end the table.
    r = row("② 一般税の徴収率")
    assert m.text(r - 1, 1) == ""
    m.put(r, TARGET, 107.5)
    out.book(f"{base}_空行後割合超過.xlsx", "tassei", m, "一般税の徴収率 (after the blank row) target 107.5 %",
             [expect(["percent-out-of-range"], m, [(r, TARGET)])])

    m = sh.copy()
    r = row("① フリーWi-Fiの整備箇所数")
    m.put(r, UNIT, "km")
    out.book(f"{base}_単位選択外.xlsx", "tassei", m, "フリーWi-Fiの整備箇所数 unit km (not in the list)",
             [expect(["choice-invalid", "value-not-a-choice"], m, [(r, UNIT)])])


# ---- 評価システム出力 (export, templates/export.toml) ------------------------------------------------


def export(out):
    # No seed: an export as a real evaluation system writes it. One row per project, six
    # groups of columns (令和元年度 … 令和6年度, counted back from the row's 年度; no year label
    # above them), a note row (調整用) above the header, labels with double spaces and line
    # breaks, `-` for an empty source, IDs with leading zeros as text, and 年度 the bare era
    # year 6 as a number, as the system writes it. Names and 課 from the seeds' projects.
    PROJECTS = [
        ("行政改革推進事業", "企画政策課"), ("産学連携", "企画政策課"), ("施設再編推進事業", "施設再編課"),
        ("町民活動推進事業", "地域政策課"), ("職員育成推進事業", "総務課"), ("デジタル推進事業", "デジタル推進室"),
        ("広報活動事業", "地域政策課"), ("情報システム運用事業", "デジタル推進室"),
        ("様々な主体との連携推進事業", "経営企画課"), ("行政評価推進事業", "企画政策課"),
        ("広域連携推進事業", "企画政策課"), ("民間委託推進事業", "財務課"), ("収納対策事業", "戸籍税務課"),
        ("補助金活用推進事業", "財務課"), ("公共施設維持管理事業", "財務課"),
        ("町民活動サポートセンター運営事業", "地域政策課"), ("地域集会施設整備事業", "施設再編課"),
        ("職員研修事業", "総務課"), ("働き方改革推進事業", "総務課"), ("ホームページ運用事業", "地域政策課"),
    ]
    GROUP = ["国庫支出金", "都道府県支出金", "地方債", "その他", "一般財源", "事業費計  （A）",
             "延べ業務時間", "人件費計\n(B)", "トータルコスト(A)＋(B)"]
    HOURLY = 4  # 千円 an hour: export.toml's 人件費計 = 延べ業務時間 × 4
    YEAR = 6    # 令和6年度

    def figures(p, y):
        """Project p's group y (0 = 令和元年度): sources, 事業費計, hours, 人件費計, total."""
        national = 1_000 + 100 * p + 10 * y if p % 3 == 0 else 0
        prefectural = 500 + 10 * y if p % 4 == 0 else 0
        bonds = 3_000 if p % 5 == 2 else 0
        other = 120 + y if p % 2 == 0 else 0
        general = 800 + 37 * p + 11 * y
        a = national + prefectural + bonds + other + general
        hours = 100 + 15 * p + 5 * y
        return [national, prefectural, bonds, other, general, a, hours, HOURLY * hours, a + HOURLY * hours]

    for _, ka in PROJECTS:
        out.department(ka)
    FIRST = 5  # column of the first group
    width = 4 + 6 * len(GROUP)
    col = lambda y, k: FIRST + y * len(GROUP) + k

    def build(year_cell):
        sh = Sheet("出力")
        for c in range(1, width + 1):
            sh.put(1, c, "調整用")
        for c, label in enumerate(["年度", "事業番号", "事業名", "担当課"], 1):
            sh.put(2, c, label)
        for y in range(6):
            for k, label in enumerate(GROUP):
                sh.put(2, col(y, k), label)
        for p, (name, ka) in enumerate(PROJECTS):
            r = 3 + p
            sh.put(r, 1, year_cell)
            sh.put(r, 2, f"{p + 1:04d}")
            sh.put(r, 3, name)
            sh.put(r, 4, ka)
            for y in range(6):
                for k, v in enumerate(figures(p, y)):
                    # An empty source is `-`; 一般財源 and the totals are always written.
                    if v == 0 and k < 4:
                        sh.put(r, col(y, k), "-")
                    else:
                        sh.put(r, col(y, k), v, "#,##0")
        return sh

    sh = build(YEAR)
    base = "評価システム出力_令和6年度"
    out.book(f"{base}.xlsx", "export", sh)

    A, TOTAL = 5, 8  # positions in a group
    m = sh.copy()
    # 0007, 令和5年度 (group 5 of 6): 事業費計 100 more than its sources; the total, written
    # from the sources, then no longer sums A + B either.
    p, y = 6, 4
    m.put(3 + p, col(y, A), figures(p, y)[A] + 100)
    out.book(f"{base}_事業費計誤り.xlsx", "export", m, "0007 令和5年度: 事業費計 100 more than its sources",
             [expect(["project-cost", "total-cost"], m, [(3 + p, col(y, A)), (3 + p, col(y, TOTAL))])])

    m = sh.copy()
    p, y = 14, 5
    m.put(3 + p, col(y, TOTAL), figures(p, y)[TOTAL] + 100)
    out.book(f"{base}_トータルコスト誤り.xlsx", "export", m, "0015 令和6年度: トータルコスト 100 more than 事業費計 + 人件費計",
             [expect(["total-cost"], m, [(3 + p, col(y, TOTAL))])])

    # 年度 unreadable in every row: said once for the column, never accepted.
    m = build("不明")
    out.book(f"{base}_年度不明.xlsx", "export", m, "年度 written 不明 in every row",
             [expect(["year-unreadable"], m, [(3 + p, 1) for p in range(len(PROJECTS))])],
             max_count={"year-unreadable": 1}, not_accepted=True)


def main(argv):
    if len(argv) != 2:
        sys.exit(f"usage: {argv[0]} OUTDIR")
    out = Out(argv[1])
    for form in [shisaku, jimu_jigyo, gyokaku, keikaku, tassei, export]:
        form(out)
    out.finish()
    print(f"{len(out.entries)} workbooks in {out.folder}")


if __name__ == "__main__":
    main(sys.argv)
