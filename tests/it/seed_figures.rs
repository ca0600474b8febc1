//! Seed figures shared by the sample generator and the tests: seed 000's 施策 1-4 (二宮町)
//! and seed 003's 達成目標 (吉岡町), as published. One copy, so the two cannot drift apart.

/// A budget project of a 施策: No., name, 戦略該当, トータルコスト R5 and R6, 庁内評価 R5 and R6.
pub type Budget = (
    &'static str,
    &'static str,
    bool,
    f64,
    f64,
    &'static str,
    &'static str,
);
pub const BUDGET: &[Budget] = &[
    (
        "1",
        "行政改革推進事業",
        false,
        798.0,
        1_023.0,
        "適当・維持",
        "適当・維持",
    ),
    (
        "2",
        "産学連携",
        false,
        395.0,
        345.0,
        "適当・維持",
        "適当・維持",
    ),
    (
        "3",
        "施設再編推進事業",
        false,
        201_124.0,
        76_433.0,
        "適当・維持",
        "適当・維持",
    ),
    (
        "4",
        "町民活動推進事業",
        false,
        24_386.0,
        23_421.0,
        "適当・維持",
        "適当・維持",
    ),
    (
        "5",
        "職員育成推進事業",
        false,
        2_279.0,
        2_429.0,
        "良好・維持",
        "良好・維持",
    ),
    (
        "6",
        "デジタル推進事業",
        false,
        64_495.0,
        64_461.0,
        "良好・維持",
        "適当・維持",
    ),
    (
        "7",
        "広報活動事業",
        true,
        12_678.0,
        13_538.0,
        "適当・維持",
        "適当・維持",
    ),
    (
        "8",
        "情報システム運用事業",
        true,
        40_648.0,
        48_396.0,
        "良好・維持",
        "適当・維持",
    ),
];

/// Seed 000's その他 and 合計, R5 and R6.
pub const OTHER: (f64, f64) = (1_032_620.0, 1_394_401.0);
pub const TOTAL: (f64, f64) = (1_379_423.0, 1_624_447.0);

/// An indicator of a 施策: name, 基準値, 計画 R5–R8, 実績 R5–R6, 達成状況.
pub type Kpi = (
    &'static str,
    &'static str,
    [Option<f64>; 4],
    [Option<f64>; 2],
    &'static str,
);
pub const KPI: &[Kpi] = &[
    (
        "公共施設の総延床面積(m ²)",
        "施策1にて評価",
        [None; 4],
        [None; 2],
        "A",
    ),
    (
        "1地区1地域集会施設化(施設)",
        "施策1にて評価",
        [None; 4],
        [None; 2],
        "A",
    ),
    (
        "地域活動に参加している人の割合(%)",
        "32.0",
        [Some(32.5), Some(33.0), Some(33.5), Some(34.0)],
        [Some(25.9), Some(23.3)],
        "B",
    ),
    (
        "町民活動推進補助金活用団体数(団体)",
        "4",
        [Some(4.0); 4],
        [Some(4.0), Some(4.0)],
        "A",
    ),
    (
        "職員の研修等の延べ参加人数(人)",
        "520",
        [Some(520.0); 4],
        [Some(686.0), Some(623.0)],
        "A",
    ),
    (
        "行政手続きのオンライン化(件)【総合戦略】",
        "11",
        [Some(30.0), Some(60.0), Some(100.0), Some(140.0)],
        [Some(59.0), Some(82.0)],
        "A",
    ),
    (
        "住民票等の証明書のコンビニ交付件数(件)【総合戦略】",
        "718",
        [Some(3_000.0), Some(3_500.0), Some(4_000.0), Some(4_500.0)],
        [Some(3_352.0), Some(3_908.0)],
        "A",
    ),
    (
        "連携事業数(広域連携・産官学連携)【行革】",
        "14",
        [Some(15.0), Some(16.0), Some(17.0), Some(18.0)],
        [Some(18.0), Some(19.0)],
        "A",
    ),
];

/// (heading, [(indicator, unit, base, target, method)]) as the seed publishes them.
pub type Targets = (
    &'static str,
    &'static [(&'static str, &'static str, &'static str, f64, &'static str)],
);
pub const TARGETS: &[Targets] = &[
    (
        "紡ぐ 6 ▶ ①協働のまちづくりの推進",
        &[
            (
                "① 自治会連合会に係る研修会又は講演会",
                "回",
                "1",
                2.0,
                "年間開催数",
            ),
            (
                "② ボランティア活動の従事人数",
                "人",
                "462",
                550.0,
                "ボランティア保険加入者数",
            ),
            (
                "③ パブリックコメント実施数",
                "件/5年",
                "7",
                25.0,
                "実施累計数",
            ),
            ("④ 附属機関等の公募委員の割合", "%", "2.0", 5.0, "庁内調査"),
            (
                "④ 附属機関等の女性委員の割合",
                "%",
                "24.5",
                30.0,
                "庁内調査",
            ),
            ("⑤ 包括連携協定の締結数", "件", "3", 10.0, "締結累計数"),
        ],
    ),
    (
        "紡ぐ6 ▶ ②健全な行財政の推進",
        &[
            ("① 経常収支比率", "%", "89.4", 89.0, "財政分析指標"),
            (
                "① ふるさと納税",
                "万円",
                "1266",
                3_000.0,
                "ふるさと納税額(企業版含む)",
            ),
            (
                "② テレワーク利用者数",
                "人",
                "未整備",
                20.0,
                "年間のテレワーク利用実人数",
            ),
            ("② 一般税の徴収率", "%", "97.1", 97.5, "一般税の徴収率"),
        ],
    ),
    (
        "紡ぐ6 ▶ ③デジタル化の推進",
        &[
            (
                "① コンビニ交付の利用者数",
                "人",
                "未整備",
                3_500.0,
                "コンビニでの証明発行部数実績",
            ),
            (
                "① フリーWi-Fiの整備箇所数",
                "箇所",
                "5",
                8.0,
                "整備実績累計",
            ),
            (
                "① マイナポータルによる申請手続数",
                "件",
                "0",
                35.0,
                "申請手続累計",
            ),
            (
                "① ぐんま電子申請による申請手続数",
                "件",
                "0",
                5.0,
                "申請手続累計",
            ),
            ("② SNS取組数", "種類", "0", 2.0, "SNSの種類累計"),
            (
                "② 町ホームページの閲覧数",
                "延件",
                "887129",
                1_000_000.0,
                "町ホームページの全てのページの年間閲覧数",
            ),
        ],
    ),
];

// ---- 取り組み推進項目調書 (seed 001, 二宮町, 令和4年度 report) ---------------------------------

/// An item of the 調書: heading (基本方針 / 個別項目), number, name, 主体課, 関連課, 取り組み内容,
/// 成果指標, its rows (target label, targets 元年度–4年度, results), the year's 内容, and the
/// item it repeats.
pub struct Item {
    pub heading: &'static str,
    pub number: &'static str,
    pub name: &'static str,
    pub lead: &'static str,
    pub related: &'static str,
    pub content: &'static str,
    pub indicator: &'static str,
    pub rows: ItemRows,
    pub result: &'static str,
    pub repeat_of: Option<&'static str>,
}

const EFFICIENCY: &str = "1 組織体制の強化 / (1) 業務の効率化";
const ORGANISATION: &str = "1 組織体制の強化 / (2) 組織の適正化";
const ABILITY: &str = "1 組織体制の強化 / (3) 職員能力の向上";
const REVIEW: &str = "2 持続可能な財政の確立 / (2) 事業の見直し";
const REVENUE: &str = "2 持続可能な財政の確立 / (3) 財源の確保";

// Item 1, which item 9 repeats (再掲) word for word.
const EVALUATION_CONTENT: &str = "・業務の効率化を進めるため、事務事業の見直しやスクラップアンドビルドの徹底などが可能となるよう、行政評価システムを見直す。";
type ItemRows = &'static [(&'static str, [&'static str; 4], [&'static str; 4])];
const EVALUATION_ROWS: ItemRows = &[(
    "事業数 (単年)",
    ["見直し・改定", "1", "3", "6"],
    ["見直し・改定", "5", "0", "1"],
)];
const EVALUATION_RESULT: &str = "・行政評価システムにより事業の見直しを行い、一色再生協の補助を終了し、生涯学習分野の補助に統合した。";

pub const ITEMS: &[Item] = &[
    Item {
        heading: EFFICIENCY,
        number: "1",
        name: "行政評価による事業の再編・整理",
        lead: "企画政策課",
        related: "全課",
        content: EVALUATION_CONTENT,
        indicator: "事業の統廃合数",
        rows: EVALUATION_ROWS,
        result: EVALUATION_RESULT,
        repeat_of: None,
    },
    Item {
        heading: EFFICIENCY,
        number: "2",
        name: "広域連携の推進",
        lead: "企画政策課",
        related: "全課",
        content: "・今までの廃棄物処理や消防指令業務といった業務だけでなく、スケールメリットを生かした広域連携事業についても積極的に実施する。",
        indicator: "新たに広域で連携する事業数",
        rows: &[("事業数 (単年)", ["検討", "検討", "2", "3"], ["検討", "検討", "0", "0"])],
        result: "・当初、秦野市・中井町・大磯町との施設再編の検討組織や成年後見制度の中核機関設置に伴う広域連携を視野に調整していたが、どちらも進展がなかった。",
        repeat_of: None,
    },
    Item {
        heading: REVIEW,
        number: "9",
        name: "行政評価による事業の再編・整理",
        lead: "企画政策課",
        related: "全課",
        content: EVALUATION_CONTENT,
        indicator: "事業の統廃合数",
        rows: EVALUATION_ROWS,
        result: EVALUATION_RESULT,
        repeat_of: Some("1"),
    },
    Item {
        heading: ORGANISATION,
        number: "4",
        name: "機構及び雇用形態の見直し",
        lead: "企画政策課・総務課",
        related: "全課",
        content: "・組織の集約化を念頭に、連携しやすい効率的な組織体制を構築するほか、会計年度任用職員制度の導入に伴う雇用体系を見直す。",
        indicator: "平均時間外勤務時間数（月平均）",
        rows: &[
            (
                "一般職（時間）",
                ["20.65", "20.3", "19.95", "19.6"],
                ["20.95", "17.09", "17.32", "17.11"],
            ),
            (
                "消防職（時間）",
                ["12.79", "12.58", "12.37", "12.16"],
                ["8.23", "7.13", "9.34", "11.2"],
            ),
        ],
        result: "・会計年度任用職員制度の円滑な運用に努めた。",
        repeat_of: None,
    },
    Item {
        heading: ABILITY,
        number: "5",
        name: "人事交流や研修、人事評価による職員資質の向上",
        lead: "総務課",
        related: "全課",
        content: "・職員資質の向上のため、積極的な人事交流や職員研修機会を充実させる。",
        indicator: "市町村研修センターで研修を受講した人数",
        rows: &[(
            "人数 (単年)",
            ["92人", "104人", "116人", "129人"],
            ["92人", "0人", "57人", "38人"],
        )],
        result: "・新型コロナウイルス感染症の影響により、市町村研修センターでの研修は、一部中止となった。",
        repeat_of: None,
    },
    Item {
        heading: ABILITY,
        number: "6",
        name: "働き方改革の推進",
        lead: "総務課",
        related: "全課",
        content: "・働き方に対する意識改革等により、職員の働き方を見直し、ワーク・ライフ・バランスを実現する。",
        indicator: "年次有給休暇の平均取得日数",
        rows: &[("日数 (平均)", ["7.8", "8.7", "9.5", "10.3"], ["6.7", "8.5", "8.5", "8.5"])],
        result: "・新型コロナウイルス感染症への対応のため、引き続き、柔軟な勤務体制を呼び掛けた。",
        repeat_of: None,
    },
    Item {
        heading: REVIEW,
        number: "8",
        name: "民間委託等の推進",
        lead: "財務課",
        related: "全課",
        content: "・限られた財源及び人員の中で、多様化するニーズに適切に対応するため、コア業務と周辺業務に振り分けを行い、業務の委託化等を推進する。",
        indicator: "新たに民間委託化等を行った事業数",
        rows: &[("事業数 (単年)", ["検討", "1", "1", "1"], ["検討", "3", "0", "0"])],
        result: "・二宮町施設管理等委託化検討・評価基準に基づき、民間に委託する事業はなかった。",
        repeat_of: None,
    },
    Item {
        heading: REVENUE,
        number: "10",
        name: "収納の強化",
        lead: "戸籍税務課",
        related: "福祉保険課、高齢介護課、子育て・健康課、下水道課",
        content: "・滞納整理事務の能力向上を図り、収納の強化につなげる。",
        indicator: "収納率（平成30年度を基準）",
        rows: &[(
            "収納率 30年度比",
            ["0.0%～0.5%向上", "0.0%～0.5%向上", "0.0%～0.5%向上", "0.0%～0.5%向上"],
            ["0.22%", "-0.30%", "-0.04%", "0.26"],
        )],
        result: "・税制改正に伴うキャッシュレス決済の導入準備を進めた。",
        repeat_of: None,
    },
    Item {
        heading: REVENUE,
        number: "11",
        name: "新たな財源を活用した財政運営",
        lead: "財務課",
        related: "全課",
        content: "・国、県及び民間等の補助金を適切に活用することで、財源を確保する。",
        indicator: "補助金活用事業数",
        rows: &[("事業数 (単年)", ["36", "38", "40", "42"], ["54", "109", "80", "80"])],
        result: "・新型コロナウイルス関連補助金の交付条件等の情報提供を行った。",
        repeat_of: None,
    },
];

/// The items as a 調書's figures for its template: one record per row of an item (`4`, `4-2`),
/// numbers as numbers, milestones, ranges and values with a unit as the text they are.
pub fn item_data(department: &str, items: &[&Item]) -> hyoka::write::form_sheet::FormData {
    use hyoka::write::form_sheet::{CellInput, FormData, RecordInput};
    let cell = |s: &str| -> Option<CellInput> {
        match s {
            "" => None,
            _ => Some(match s.parse::<f64>() {
                Ok(v) => CellInput::Number(v),
                Err(_) => CellInput::Text(s.to_string()),
            }),
        }
    };
    let mut d = FormData::default();
    d.fields
        .insert("ka".into(), CellInput::Text(department.into()));
    d.fields
        .insert("eval_year".into(), CellInput::Text("令和4年度".into()));
    let mut records = Vec::new();
    for item in items {
        for (k, (label, targets, results)) in item.rows.iter().enumerate() {
            let mut attrs = std::collections::BTreeMap::new();
            for (key, v) in [
                ("heading", item.heading),
                ("lead", item.lead),
                ("related", item.related),
                ("content", item.content),
                ("indicator", item.indicator),
                ("result", item.result),
                ("label", label),
            ] {
                attrs.insert(key.to_string(), v.to_string());
            }
            if let Some(r) = item.repeat_of {
                attrs.insert("repeat_of".into(), r.into());
            }
            records.push(RecordInput {
                key: if k == 0 {
                    item.number.to_string()
                } else {
                    format!("{}-{}", item.number, k + 1)
                },
                name: item.name.into(),
                attrs,
                values: [
                    (
                        "target".to_string(),
                        targets.iter().map(|s| cell(s)).collect(),
                    ),
                    (
                        "actual".to_string(),
                        results.iter().map(|s| cell(s)).collect(),
                    ),
                ]
                .into(),
            });
        }
    }
    d.records.insert("item".into(), records);
    d
}

/// The items as seed 001 lays them out, cell by cell (row, column, text): the title and the
/// headings before each item whose heading changes, the fields as label | value, the
/// schedule row, `目 標 | 成果指標`, the year row (`元年度`, or `元年分` for the items named in
/// `calendar`), the target rows and, under `令和4年度 取り組み実績`, the results. Numbers stay
/// text here; the writer decides how to store them.
pub fn item_seed_cells(items: &[&Item], calendar: &[&str]) -> Vec<(u32, u32, String)> {
    let mut cells = Vec::new();
    let mut put = |r: u32, c: u32, s: &str| {
        if !s.is_empty() {
            cells.push((r, c, s.to_string()));
        }
    };
    let mut r = 0;
    let mut shown = "";
    for item in items {
        if item.heading != shown {
            put(r, 0, "取り組み推進項目調書");
            let (policy, area) = item.heading.split_once(" / ").unwrap_or((item.heading, ""));
            put(r + 2, 0, "基本方針");
            put(r + 2, 1, policy);
            put(r + 3, 0, "個別項目");
            put(r + 3, 1, area);
            r += 5;
            shown = item.heading;
        }
        let title = match item.repeat_of {
            Some(k) => format!("{} {}（再掲「取り組み事項{k}」）", item.number, item.name),
            None => format!("{} {}", item.number, item.name),
        };
        put(r, 0, "取り組み事項");
        put(r, 1, &title);
        put(r + 1, 0, "主体課");
        put(r + 1, 1, item.lead);
        put(r + 1, 2, "関連課");
        put(r + 1, 3, item.related);
        put(r + 2, 0, "取り組み内容");
        put(r + 2, 1, item.content);
        let year_word = if calendar.contains(&item.number) {
            "年分"
        } else {
            "年度"
        };
        let years = ["元", "2", "3", "4"].map(|y| format!("{y}{year_word}"));
        put(r + 3, 0, "スケジュール 取り組み項目");
        for (i, y) in ["元年度", "2年度", "3年度", "4年度"].iter().enumerate() {
            put(r + 3, 2 + i as u32, y);
        }
        put(r + 5, 0, "目 標");
        put(r + 5, 1, "成果指標");
        put(r + 5, 2, item.indicator);
        put(r + 6, 1, "年度");
        for (i, y) in years.iter().enumerate() {
            put(r + 6, 2 + i as u32, y);
        }
        r += 7;
        for (label, targets, _) in item.rows {
            put(r, 1, label);
            for (i, v) in targets.iter().enumerate() {
                put(r, 2 + i as u32, v);
            }
            r += 1;
        }
        put(r, 0, "令和4年度 取り組み実績");
        for (label, _, results) in item.rows {
            // One indicator's results are `実績数`; several repeat their targets' labels.
            put(
                r,
                1,
                if item.rows.len() == 1 {
                    "実績数"
                } else {
                    label
                },
            );
            for (i, v) in results.iter().enumerate() {
                put(r, 2 + i as u32, v);
            }
            r += 1;
        }
        put(r, 1, "内容");
        put(r, 2, item.result);
        r += 2;
    }
    cells
}

// ---- 行動計画 実施状況 (seed 002, 二本松市, 令和5年度) --------------------------------------------

/// An item of the plan: heading (重点項目 / (n)), No., 改革項目 (with its tag), 推進内容, the steps'
/// text, its mark rows (one per row, R3–R7), and 実施内容と今後の実施予定 (its first sentence).
pub struct PlanItem {
    pub heading: &'static str,
    pub number: &'static str,
    pub name: &'static str,
    pub tag: Option<&'static str>,
    pub content: &'static str,
    pub steps: &'static str,
    pub marks: &'static [[&'static str; 5]],
    pub result: &'static str,
}

const DIGITAL: &str =
    "重点項目1 行政のデジタル化推進、制度・慣行の抜本的見直し / (1)行政手続のオンライン化";
const SELECTION: &str = "重点項目2 健全な財政運営の推進 / (1) 事業効果の検証、事業の選択と集中";

pub const PLAN_ITEMS: &[PlanItem] = &[
    PlanItem {
        heading: DIGITAL,
        number: "1",
        name: "行政手続の簡素化、オンライン化の推進",
        tag: None,
        content: "市民の行政手続に係る負担軽減のため、なるべく「書かない」、「待たない」、「市役所に行かなくてもいい」ことを目指し、オンライン化を念頭に置きつつ、手続方法の見直しを進める。",
        steps: "",
        marks: &[["", "", "①", "→", "→"]],
        result: "令和5年度においては、一部の手続について、マイナポータルからのオンライン手続を開始した(転出届、子育て関係等)。",
    },
    PlanItem {
        heading: DIGITAL,
        number: "2",
        name: "押印の見直し",
        tag: None,
        content: "行政手続の簡素化、オンライン化の推進に向け、申請書類等への押印の省略・廃止を検討する。",
        steps: "①押印の省略、廃止の検討・実施 ②署名の代替手段の検討・実施",
        marks: &[["①", "→", "→", "→", "→"], ["", "", "②", "→", "→"]],
        result: "押印の省略について、令和3年3月に規則等を制定し、押印に代えて申請者本人が署名する場合には、押印を省略できることとした。",
    },
    PlanItem {
        heading: DIGITAL,
        number: "3",
        name: "キャッシュレス決済の導入",
        tag: None,
        content: "税金、手数料、使用料等の各種公金支払いにおけるキャッシュレス決済の導入を検討し、利便性の向上および現金取扱いに係るコスト削減を図る。",
        steps: "①市税等の納付におけるキャッシュレス決済の導入 ②行政手続のオンライン化と連携したキャッシュレス決済の検討",
        marks: &[["", "", "①", "→", "→"], ["", "", "②", "→", "→"]],
        result: "令和4年4月1日から税務課で取り扱う税外収入について、スマートフォン決済アプリを用いた納付方法を導入した。",
    },
    PlanItem {
        heading: DIGITAL,
        number: "4",
        name: "電子入札制度の導入",
        tag: Some("継続項目"),
        content: "入札事務の効率化、簡素化を図るため、電子入札の導入を検討する。",
        steps: "電子入札、電子契約等の検討",
        marks: &[["→", "→", "→", "→", "→"]],
        result: "令和3年度は田村市に電子入札に関するアンケートを実施し、令和4年度は田村市への視察を行った。",
    },
    PlanItem {
        heading: DIGITAL,
        number: "5",
        name: "マイナンバーカードの普及促進",
        tag: None,
        content: "行政手続のオンライン化を進めるにあたっての基盤となるマイナンバーカードの普及を促進する。",
        steps: "①窓口におけるカード申請補助 ②企業や店舗への出張受付の検討 ③日曜窓口におけるカード交付",
        marks: &[
            ["", "", "①", "→", "→"],
            ["", "", "②", "→", "→"],
            ["", "", "③", "→", "→"],
        ],
        result: "①窓口における専用タブレット端末によるカード申請補助(顔写真撮影及び申請データ伝送)を行った。",
    },
    PlanItem {
        heading: DIGITAL,
        number: "6",
        name: "市税の電子申告(eLTAX)の普及",
        tag: None,
        content: "電子申告(eLTAX)の普及により、課税事務の軽減と市民の利便性の向上を図る。",
        steps: "電子申告の周知",
        marks: &[["→", "→", "→", "→", "→"]],
        result: "広報や各通知等での周知により電子申告(eLTAX)の普及に努め、市民の利便性の向上に寄与するとともに課税事務の軽減を図った。",
    },
    PlanItem {
        heading: SELECTION,
        number: "1",
        name: "行政評価の実施",
        tag: Some("継続項目"),
        content: "政策や事業について、PDCAサイクルによる進捗管理を行い、その効果や社会情勢の変化に基づく見直しを行うとともに、結果の公表により市民への説明に資するよう行政評価を行う。",
        steps: "①行政評価手法の再考 ②行政評価の実施",
        marks: &[["①", "→", "→", "→", "②"]],
        result: "現在の市総合計画(令和3年度～12年度)の事務事業を対象に、進捗や効果について中間評価(令和7年度)及び最終評価(令和11年度)の実施を検討している。",
    },
    PlanItem {
        heading: SELECTION,
        number: "2",
        name: "財政基盤の分析と公債費の適正な管理",
        tag: Some("継続項目"),
        content: "歳出事業の選択と集中を進めるとともに、起債充当を前提とした事業の抑制、財源の精査を行いながら健全な財政運営に努める。",
        steps: "財政基盤の分析",
        marks: &[["→", "→", "→", "→", "→"]],
        result: "起債にあたっては、原則交付税措置が有利であるものとし、一般財源からの償還を極力減らすような措置をしてきたところである。",
    },
    PlanItem {
        heading: SELECTION,
        number: "3",
        name: "補助制度の検証と評価システムの構築",
        tag: Some("継続項目"),
        content: "補助金を交付したことによる施策目的に資する成果を検証し、必要な見直しを加えることで各種補助制度の費用対効果の向上を図る。",
        steps: "①補助金評価手法の再考 ②補助金評価の実施",
        marks: &[["①", "→", "→", "→", "②"]],
        result: "費用対効果の低くなった補助金の廃止・改善を図り、新規・拡充施策を積極的に展開するため、平成29年度から令和元年度にかけて各種補助金の評価を実施した。",
    },
];

/// The plan items as figures for the template: marks one line per row, `|` between years.
pub fn plan_data(department: &str, items: &[&PlanItem]) -> hyoka::write::form_sheet::FormData {
    use hyoka::write::form_sheet::{CellInput, FormData, RecordInput};
    let mut d = FormData::default();
    d.fields
        .insert("ka".into(), CellInput::Text(department.into()));
    d.fields
        .insert("eval_year".into(), CellInput::Text("令和5年度".into()));
    let records = items
        .iter()
        .map(|it| {
            let mut attrs = std::collections::BTreeMap::new();
            for (k, v) in [
                ("heading", it.heading),
                ("content", it.content),
                ("steps", it.steps),
                ("result", it.result),
            ] {
                if !v.is_empty() {
                    attrs.insert(k.to_string(), v.to_string());
                }
            }
            if let Some(t) = it.tag {
                attrs.insert("tags".into(), t.into());
            }
            let marks: Vec<String> = it.marks.iter().map(|row| row.join("|")).collect();
            attrs.insert("marks".into(), marks.join("\n"));
            RecordInput {
                key: it.number.into(),
                name: it.name.into(),
                attrs,
                values: Default::default(),
            }
        })
        .collect();
    d.records.insert("plan".into(), records);
    d
}

/// The plan as seed 002 lays it out, cell by cell: the title with the report year, each
/// heading and its 進捗状況, and a table per `split` group (a table split over two pages
/// repeats its header); an item's steps in its first schedule cell, marks in rows below
/// (or, with no steps, in the item's own row).
pub fn plan_seed_cells(items: &[&PlanItem], splits: &[&str]) -> Vec<(u32, u32, String)> {
    let mut cells = Vec::new();
    let mut put = |r: u32, c: u32, s: &str| {
        if !s.is_empty() {
            cells.push((r, c, s.to_string()));
        }
    };
    put(
        1,
        0,
        "令和5年度二本松市市政改革推進行動計画実施状況について",
    );
    let mut r = 3;
    let mut shown = "";
    for it in items {
        let new_heading = it.heading != shown;
        if new_heading {
            let (top, sub) = it.heading.split_once(" / ").unwrap();
            if top != shown.split(" / ").next().unwrap_or("") {
                put(r, 0, top);
                r += 2;
            }
            put(r, 0, sub);
            put(r + 2, 0, "進捗状況");
            r += 4;
            shown = it.heading;
        }
        if new_heading || splits.contains(&it.number) {
            if !new_heading {
                r += 1;
            }
            for (c, h) in ["No.", "改革項目", "推進内容", "主な取組・実施時期"]
                .iter()
                .enumerate()
            {
                put(r, c as u32, h);
            }
            put(r, 8, "実施内容と今後の実施予定");
            for (i, y) in ["R3", "R4", "R5", "R6", "R7"].iter().enumerate() {
                put(r + 1, 3 + i as u32, y);
            }
            r += 2;
        }
        put(r, 0, it.number);
        let name = match it.tag {
            Some(t) => format!("{} 【{t}】", it.name),
            None => it.name.to_string(),
        };
        put(r, 1, &name);
        put(r, 2, it.content);
        put(r, 8, it.result);
        let mut rows = it.marks.iter();
        if it.steps.is_empty() {
            if let Some(first) = rows.next() {
                for (i, m) in first.iter().enumerate() {
                    put(r, 3 + i as u32, m);
                }
            }
        } else {
            put(r, 3, it.steps);
        }
        r += 1;
        for row in rows {
            for (i, m) in row.iter().enumerate() {
                put(r, 3 + i as u32, m);
            }
            r += 1;
        }
    }
    cells
}
