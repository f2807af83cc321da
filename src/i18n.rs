//! Every interface string, one typed catalogue per language. Components
//! take their words from here (`t(lang).field`), never from literals, so a
//! missing translation is a compile error rather than a stray Chinese or
//! English phrase on the other language's page.

use crate::compare::{
    format_qualified, zh_spaced, Agreement, BaselineBasis, BaselineCheck, Point, YearColumn,
};
use crate::load::LoadError;
use crate::model::{Cmp, FigureKind, Lang, Scope, Status};
use crate::standing::{Standing, Verdict};

pub struct Strings {
    pub app_title: &'static str,
    pub app_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub switch_lang: &'static str,
    pub switch_lang_label: &'static str,
    pub loading: &'static str,
    pub loading_year: &'static str,
    pub year_not_loaded: &'static str,
    pub loading_links: &'static str,
    pub retry: &'static str,
    pub load_failed: &'static str,
    pub filters: &'static str,
    pub year: &'static str,
    pub all_years: &'static str,
    pub theme: &'static str,
    pub lead: &'static str,
    pub any_lead: &'static str,
    pub status: &'static str,
    pub any_status: &'static str,
    pub search: &'static str,
    pub search_placeholder: &'static str,
    pub reset: &'static str,
    pub no_results: &'static str,
    pub no_results_hint: &'static str,
    pub targets: &'static str,
    pub outcomes: &'static str,
    pub content: &'static str,
    pub leads_label: &'static str,
    pub not_in_sources: &'static str,
    pub sources: &'static str,
    pub source_sentence: &'static str,
    /// The link from a quote to its sentence in the archived article.
    pub read_in_article: &'static str,
    /// The link from a source to its archived article.
    pub archived_article: &'static str,
    /// On an archived article's page: the address it was published at.
    pub original_address: &'static str,
    /// On an archived article's page: back to the lists.
    pub back_to_lists: &'static str,
    pub continues: &'static str,
    pub continued_by: &'static str,
    /// Before a link's reason, in the item view.
    pub link_reason: &'static str,
    /// The item view's block of outcomes set against their targets.
    pub against_targets: &'static str,
    /// Before a pairing's reason (why this outcome answers that target).
    pub answer_reason: &'static str,
    pub back_to_list: &'static str,
    pub item_not_found: &'static str,
    pub page_not_found: &'static str,
    pub page_not_found_hint: &'static str,
    pub every_list: &'static str,
    pub number_unknown: &'static str,
    pub english_missing: &'static str,
    pub forum: &'static str,
    pub year_outcome: &'static str,
    pub stats: &'static str,
    pub best_practices: &'static str,
    pub cooperation: &'static str,
    pub year_figures: &'static str,
    pub progress: &'static str,
    pub about_year: &'static str,
    pub list_incomplete: &'static str,
    pub notices_title: &'static str,
    pub dismiss: &'static str,
    pub data_as_of: &'static str,
    pub author: &'static str,
    /// A source whose date is not known, not even its year.
    pub undated: &'static str,
    pub attribution_by_subject: &'static str,
    pub note: &'static str,
    pub show_source: &'static str,
    pub more_targets: &'static str,
    pub views: &'static str,
    pub view_list: &'static str,
    pub view_compare: &'static str,
    pub view_metric: &'static str,
    pub change_continues: &'static str,
    pub change_new: &'static str,
    pub change_dropped: &'static str,
    pub matrix_caption: &'static str,
    pub none_this_year: &'static str,
    pub download_csv: &'static str,
    pub download_json: &'static str,
    pub download_svg: &'static str,
    pub share: &'static str,
    pub link_copied: &'static str,
    pub copy_failed: &'static str,
    pub metrics_title: &'static str,
    pub chart_table_caption: &'static str,
    /// A chart's legend: targets, reported outcomes, numbers added in the
    /// year.
    pub chart_target: &'static str,
    pub chart_reported: &'static str,
    pub chart_added: &'static str,
    /// A chart's year axis.
    pub chart_year_axis: &'static str,
    /// A chart with no figure to draw (in its image and its description).
    pub chart_no_figures: &'static str,
    pub kind_col: &'static str,
    pub value_col: &'static str,
    pub item_col: &'static str,
    pub baselines: &'static str,
    pub no_metric_points: &'static str,
    pub qr_code: &'static str,
    pub short_link: &'static str,
    pub share_card: &'static str,
    /// After a pledge's title in its share card's page title.
    pub card_page: &'static str,
    pub panic_message: &'static str,
    /// Said by the page itself (`xtask/src/shell.rs`) when the app's files
    /// could not be downloaded or started.
    pub app_load_failed: &'static str,
    /// A page's note to a reader without JavaScript (`<noscript>`, written
    /// by the pages step), then its link to the raw data.
    pub no_script: &'static str,
    pub no_script_data: &'static str,
    /// A part of the app fetched when first shown (a view, a dialog) could not be.
    pub part_load_failed: &'static str,
    pub part_loading: &'static str,
    pub reload: &'static str,
    pub offline_saved: &'static str,
    pub offline_not_saved: &'static str,
    pub offline_missing: &'static str,
    pub update_ready: &'static str,
    pub data_update_ready: &'static str,
    /// The page was written from older data than the app now shows.
    pub data_refreshed: &'static str,
    pub update_later: &'static str,
    pub list_separator: &'static str,
    // Embeds (ui::embed).
    pub embed: &'static str,
    pub embed_dialog_title: &'static str,
    pub embed_help: &'static str,
    pub embed_appearance: &'static str,
    pub embed_lang: &'static str,
    pub embed_dark: &'static str,
    pub embed_use_accent: &'static str,
    pub embed_accent: &'static str,
    pub embed_code: &'static str,
    pub embed_copy: &'static str,
    pub embed_copied: &'static str,
    pub embed_copy_fallback: &'static str,
    pub embed_preview: &'static str,
    pub close: &'static str,
    pub open_full_view: &'static str,
    pub opens_new_tab: &'static str,
    pub embed_source: &'static str,
}

const ZH: Strings = Strings {
    app_title: "长三角实事",
    app_tagline: "长三角一体化发展年度实事项目：承诺、目标与完成情况",
    skip_to_content: "跳到主要内容",
    switch_lang: "English",
    switch_lang_label: "Switch to English",
    loading: "正在加载数据…",
    loading_year: "正在加载该年度数据…",
    year_not_loaded: "该年度清单尚未载入。原始数据：",
    loading_links: "正在加载其他年度，以列出相关联的项目…",
    retry: "重试",
    load_failed: "数据加载失败",
    filters: "筛选",
    year: "年度",
    all_years: "全部年度",
    theme: "主题",
    lead: "牵头单位",
    any_lead: "全部牵头单位",
    status: "状态",
    any_status: "全部状态",
    search: "搜索",
    search_placeholder: "搜索标题、内容、牵头单位（中文或英文）",
    reset: "清除筛选",
    no_results: "没有符合条件的实事项目。",
    no_results_hint: "试试换个关键词，或清除筛选条件。",
    targets: "目标",
    outcomes: "完成情况",
    content: "内容及目标",
    leads_label: "牵头实施单位",
    not_in_sources: "来源中未提供",
    sources: "来源",
    source_sentence: "原文",
    read_in_article: "在原文中查看",
    archived_article: "存档原文",
    original_address: "原文地址",
    back_to_lists: "返回实事清单",
    continues: "延续自",
    continued_by: "后续项目",
    link_reason: "依据：",
    against_targets: "对照目标",
    answer_reason: "对照依据：",
    back_to_list: "返回列表",
    item_not_found: "未找到该实事项目。",
    page_not_found: "没有找到这个页面",
    page_not_found_hint: "链接可能有误，或页面已移动。",
    every_list: "查看各年度实事清单",
    number_unknown: "序号未知",
    english_missing: "（暂无英文）",
    forum: "发布论坛",
    year_outcome: "完成情况",
    stats: "数说",
    best_practices: "最佳实践案例",
    cooperation: "重点合作事项签约",
    year_figures: "年度其他数字",
    progress: "进展（原文表述）",
    about_year: "年度概览",
    list_incomplete: "来源未给出完整清单",
    notices_title: "提示",
    dismiss: "关闭提示",
    data_as_of: "数据更新于",
    author: "作者",
    undated: "日期未注明",
    attribution_by_subject: "依主题归入此项",
    note: "说明",
    show_source: "查看原文",
    more_targets: "更多目标",
    views: "视图",
    view_list: "清单",
    view_compare: "年度对比",
    view_metric: "指标走势",
    change_continues: "延续",
    change_new: "新增",
    change_dropped: "未延续",
    matrix_caption: "主题 × 年度：各年度每个主题下的实事项目。",
    none_this_year: "该年无此主题项目",
    download_csv: "下载 CSV",
    download_json: "下载 JSON",
    download_svg: "下载图表 SVG",
    share: "分享",
    link_copied: "链接已复制。",
    copy_failed: "无法自动复制，请手动复制地址栏中的链接。",
    metrics_title: "指标",
    chart_table_caption: "图表数据（每个数字附原文出处）",
    chart_target: "目标",
    chart_reported: "实际完成",
    chart_added: "当年新增",
    chart_year_axis: "年度",
    chart_no_figures: "来源中没有该指标的数字",
    kind_col: "类型",
    value_col: "数值",
    item_col: "所属项目",
    baselines: "隐含起点",
    no_metric_points: "所选年度没有该指标的数字。",
    qr_code: "二维码",
    short_link: "短链接",
    share_card: "分享卡片（适合截图）",
    card_page: "分享卡片",
    panic_message: "出现意外错误，页面已停止响应。",
    part_load_failed: "这部分页面未能加载。请检查网络连接后重试。",
    part_loading: "正在加载…",
    app_load_failed: "应用未能加载，搜索、筛选和其他页面暂不可用。请检查网络连接后重新加载。",
    no_script: "本页内容无需 JavaScript 即可阅读；链接中的搜索和筛选条件、图表的交互需要启用 JavaScript，未启用时以上显示的是未经筛选的内容。",
    no_script_data: "查看原始数据",
    reload: "重新加载",
    offline_saved:
        "当前处于离线状态。本机已保存的清单、详情和图表照常可用；外部来源链接需联网才能打开。",
    offline_not_saved: "当前处于离线状态，本页尚未保存到本机，部分内容可能无法显示。",
    offline_missing: "以下年度尚未保存到本机，恢复联网后将自动加载：",
    update_ready: "新版本已就绪。方便时重新加载即可使用，本页不会自动刷新。",
    data_update_ready: "数据已更新。重新加载即可查看最新内容。",
    data_refreshed: "本页发布后数据已有更新，以下为最新内容。",
    update_later: "稍后",
    list_separator: "、",
    embed: "嵌入",
    embed_dialog_title: "嵌入到网页",
    embed_help: "把下面的代码粘贴到网页的 HTML 中。代码里的 embed.js 会让组件的高度随内容自动调整；不加它，组件按固定高度显示，内容较长时可在框内滚动。",
    embed_appearance: "外观",
    embed_lang: "语言",
    embed_dark: "深色背景",
    embed_use_accent: "自定义强调色",
    embed_accent: "强调色",
    embed_code: "嵌入代码",
    embed_copy: "复制代码",
    embed_copied: "代码已复制。",
    embed_copy_fallback: "无法自动复制：代码已全部选中，请按 Ctrl+C（Mac 上按 ⌘C）复制。",
    embed_preview: "预览",
    close: "关闭",
    open_full_view: "查看完整内容",
    opens_new_tab: "（在新标签页打开）",
    embed_source: "长三角实事 · 每个数字附原文出处",
};

const EN: Strings = Strings {
    app_title: "YRD Pledges",
    app_tagline: "The Yangtze River Delta's yearly joint public-service pledges: promises, targets and results",
    skip_to_content: "Skip to main content",
    switch_lang: "中文",
    switch_lang_label: "切换到中文",
    loading: "Loading the data…",
    loading_year: "Loading this year's data…",
    year_not_loaded: "This year's list has not loaded. Its raw data:",
    loading_links: "Loading the other years to list the linked pledges…",
    retry: "Retry",
    load_failed: "The data could not be loaded",
    filters: "Filters",
    year: "Year",
    all_years: "All years",
    theme: "Theme",
    lead: "Lead agency",
    any_lead: "Any lead agency",
    status: "Status",
    any_status: "Any status",
    search: "Search",
    search_placeholder: "Search titles, content, lead agencies (English or Chinese)",
    reset: "Clear filters",
    no_results: "No pledges match these filters.",
    no_results_hint: "Try other words, or clear the filters.",
    targets: "Targets",
    outcomes: "Reported results",
    content: "Content and targets",
    leads_label: "Lead units",
    not_in_sources: "Not in the sources",
    sources: "Sources",
    source_sentence: "Source text",
    read_in_article: "Read it in the article",
    archived_article: "Archived article",
    original_address: "Published at",
    back_to_lists: "Back to the lists",
    continues: "Continues",
    continued_by: "Continued by",
    link_reason: "Why: ",
    against_targets: "Against the targets",
    answer_reason: "Why these are compared: ",
    back_to_list: "Back to the list",
    item_not_found: "This pledge was not found.",
    page_not_found: "Page not found",
    page_not_found_hint: "The link may be mistyped, or the page has moved.",
    every_list: "See every year's list of pledges",
    number_unknown: "No. unknown",
    english_missing: "(no English yet)",
    forum: "Announced at",
    year_outcome: "Outcome",
    stats: "In figures",
    best_practices: "Best-practice cases",
    cooperation: "Cooperation agreements signed",
    year_figures: "Other figures for the year",
    progress: "Progress (official wording)",
    about_year: "About this year",
    list_incomplete: "The sources do not give the full list",
    notices_title: "Notice",
    dismiss: "Dismiss",
    data_as_of: "Data as of",
    author: "Author",
    undated: "undated",
    attribution_by_subject: "attached by subject",
    note: "Note",
    show_source: "Show source",
    more_targets: "more targets",
    views: "Views",
    view_list: "List",
    view_compare: "Compare years",
    view_metric: "Metrics",
    change_continues: "Continues",
    change_new: "New",
    change_dropped: "Not continued",
    matrix_caption: "Theme × year: the pledges of each theme in each year.",
    none_this_year: "No pledge of this theme this year",
    download_csv: "Download CSV",
    download_json: "Download JSON",
    download_svg: "Download chart (SVG)",
    share: "Share",
    link_copied: "Link copied.",
    copy_failed: "Could not copy automatically; please copy the link from the address bar.",
    metrics_title: "Metrics",
    chart_table_caption: "The chart's data (each number with its source sentence)",
    chart_target: "Target",
    chart_reported: "Reported",
    chart_added: "Added in the year",
    chart_year_axis: "Year",
    chart_no_figures: "The sources give no figures for this metric",
    kind_col: "Kind",
    value_col: "Value",
    item_col: "Pledge",
    baselines: "Implied starting points",
    no_metric_points: "The selected years have no figures for this metric.",
    qr_code: "QR code",
    short_link: "Short link",
    share_card: "Share card (for a screenshot)",
    card_page: "share card",
    panic_message: "Something went wrong and the page stopped responding.",
    part_load_failed: "This part of the page could not be loaded. Check your connection, then try again.",
    part_loading: "Loading…",
    app_load_failed: "The app could not load, so search, filters and the other pages are unavailable. Check your connection, then reload.",
    no_script: "This page reads without JavaScript; the search and filters in a link, and interactive charts, need it: without it, the content above is unfiltered.",
    no_script_data: "Read the raw data",
    reload: "Reload",
    offline_saved: "You're offline. The lists, details and charts saved on this device still work; links to sources on other sites need a connection.",
    offline_not_saved: "You're offline, and this page hasn't been saved on this device yet, so some content may not show.",
    offline_missing: "Not saved on this device yet; they will load when you're back online:",
    update_ready: "A new version is ready. Reload when it suits you; this page won't reload by itself.",
    data_update_ready: "Updated data is available. Reload to see it.",
    data_refreshed: "The data has changed since this page was published: what follows is up to date.",
    update_later: "Later",
    list_separator: ", ",
    embed: "Embed",
    embed_dialog_title: "Embed on a web page",
    embed_help: "Paste this code into your page's HTML. The embed.js script in it makes the widget as tall as its content; without it the widget keeps a fixed height and scrolls inside.",
    embed_appearance: "Appearance",
    embed_lang: "Language",
    embed_dark: "Dark background",
    embed_use_accent: "Custom accent colour",
    embed_accent: "Accent colour",
    embed_code: "Embed code",
    embed_copy: "Copy code",
    embed_copied: "Code copied.",
    embed_copy_fallback: "Couldn't copy automatically: the code is selected, press Ctrl+C (⌘C on a Mac) to copy it.",
    embed_preview: "Preview",
    close: "Close",
    open_full_view: "Open the full view",
    opens_new_tab: " (opens in a new tab)",
    embed_source: "YRD Pledges · every number with its source sentence",
};

pub fn t(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

pub fn status_name(s: Status, lang: Lang) -> &'static str {
    match (s, lang) {
        (Status::Pledged, Lang::Zh) => "已承诺",
        (Status::Pledged, Lang::En) => "Pledged",
        (Status::Completed, Lang::Zh) => "已完成",
        (Status::Completed, Lang::En) => "Completed",
        (Status::Unreported, Lang::Zh) => "未报告",
        (Status::Unreported, Lang::En) => "Not reported",
        (Status::Other, Lang::Zh) => "其他",
        (Status::Other, Lang::En) => "Other",
    }
}

pub fn kind_name(k: FigureKind, lang: Lang) -> &'static str {
    match (k, lang) {
        (FigureKind::Target, Lang::Zh) => "目标",
        (FigureKind::Target, Lang::En) => "target",
        (FigureKind::Outcome, Lang::Zh) => "实际",
        (FigureKind::Outcome, Lang::En) => "reported",
        (FigureKind::Other, Lang::Zh) => "其他",
        (FigureKind::Other, Lang::En) => "other",
    }
}

/// The comparison word: 超 / 至少 / 余 — "more than" / "at least" / "about".
/// Empty for an exact number.
pub fn cmp_word(cmp: Cmp, lang: Lang) -> &'static str {
    match (cmp, lang) {
        (Cmp::MoreThan, Lang::Zh) => "超",
        (Cmp::MoreThan, Lang::En) => "more than",
        (Cmp::AtLeast, Lang::Zh) => "至少",
        (Cmp::AtLeast, Lang::En) => "at least",
        (Cmp::AtMost, Lang::Zh) => "不超过",
        (Cmp::AtMost, Lang::En) => "at most",
        (Cmp::About, Lang::Zh) => "余",
        (Cmp::About, Lang::En) => "about",
        (Cmp::Exactly | Cmp::Other, _) => "",
    }
}

/// 新增 / 累计 — "new" / "cumulative"; empty for a plain level.
pub fn scope_word(scope: Scope, lang: Lang) -> &'static str {
    match (scope, lang) {
        (Scope::New, Lang::Zh) => "新增",
        (Scope::New, Lang::En) => "new",
        (Scope::Cumulative, Lang::Zh) => "累计",
        (Scope::Cumulative, Lang::En) => "cumulative",
        (Scope::Level | Scope::Other, _) => "",
    }
}

/// A figure's kind as a noun in a sentence (目标 / 完成情况 — "target" /
/// "reported figure").
pub fn kind_word(kind: FigureKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (FigureKind::Target, Lang::Zh) => "目标",
        (FigureKind::Target, Lang::En) => "target",
        (FigureKind::Outcome, Lang::Zh) => "完成情况",
        (FigureKind::Outcome, Lang::En) => "reported figure",
        (FigureKind::Other, Lang::Zh) => "数字",
        (FigureKind::Other, Lang::En) => "figure",
    }
}

/// "1 item" / "4 items".
fn en_count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The verb that agrees with a count.
fn en_verb(n: usize, singular: &'static str, plural: &'static str) -> &'static str {
    if n == 1 {
        singular
    } else {
        plural
    }
}

/// A comparison of two years' lists in one sentence: how many items of the
/// later list continue the earlier one's, how many are new, and how many
/// of the earlier list were not continued.
pub fn transition_summary(
    from: u16,
    to: u16,
    continued: usize,
    new: usize,
    dropped: usize,
    lang: Lang,
) -> String {
    let (c, n, d) = (continued, new, dropped);
    match lang {
        Lang::Zh => zh_spaced(&format!(
            "{to}年清单中{c}项延续{from}年的项目，{n}项为新项目；{from}年清单中{d}项未在{to}年清单中延续。"
        )),
        Lang::En => format!(
            "In the {to} list, {} {} items from {from} and {} {} new; {} of the {from} list {} not continued in the {to} list.",
            en_count(c, "item"),
            en_verb(c, "continues", "continue"),
            n,
            en_verb(n, "is", "are"),
            en_count(d, "item"),
            en_verb(d, "is", "are"),
        ),
    }
}

/// What follows a comparison whose years the sources give only in part:
/// for each such year, how many items its list had and how many the data
/// holds, and that the counts may be incomplete. Empty when every list is
/// whole.
pub fn incomplete_lists_note(partial: &[&YearColumn], lang: Lang) -> String {
    if partial.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = partial
        .iter()
        .map(|c| {
            let (year, published, known) = (c.year, c.items_published, c.items_in_data);
            match lang {
                Lang::Zh => format!("{year}年清单共{published}项，来源中可查{known}项"),
                Lang::En => format!("{known} of the {published} items of {year}"),
            }
        })
        .collect();
    match lang {
        Lang::Zh => zh_spaced(&format!(
            "来源未给出完整清单（{}），以上统计可能不完整。",
            parts.join("；")
        )),
        Lang::En => format!(
            " The sources describe only {}, so these counts may be incomplete.",
            parts.join(" and ")
        ),
    }
}

/// One sentence: how a baseline was found and whether the previous year
/// agrees, e.g. "2026 年目标隐含起点超 300 项（累计超 400 项减去新增 100 项），
/// 与 2025 年累计 300 项的目标一致。"
pub fn baseline_sentence(check: &BaselineCheck, lang: Lang) -> String {
    let b = &check.baseline;
    let unit = b.unit.in_lang(lang);
    let start = format_qualified(b.value, b.cmp, Scope::Level, unit, lang);
    let (y, py) = (b.year, b.year.saturating_sub(1));
    let head = match (&b.basis, lang) {
        (BaselineBasis::Implied { new, cumulative }, Lang::Zh) => format!(
            "{y}年目标隐含起点{start}（{}减去{}）",
            cumulative.qualified(lang),
            new.qualified(lang)
        ),
        (BaselineBasis::Implied { new, cumulative }, Lang::En) => format!(
            "The {y} target implies a starting point of {start} ({} minus {})",
            cumulative.qualified(lang),
            new.qualified(lang)
        ),
        (BaselineBasis::Stated { point }, Lang::Zh) => {
            format!("{y}年{}写明起点{start}", kind_word(point.kind, lang))
        }
        (BaselineBasis::Stated { point }, Lang::En) => format!(
            "The {y} {} states a starting point of {start}",
            kind_word(point.kind, lang)
        ),
    };
    let tail = match (&check.agreement, &check.compared_with) {
        (Agreement::Agrees, Some(p)) => match lang {
            Lang::Zh => format!("，与{py}年{}一致。", previous_zh(p)),
            Lang::En => format!(
                ", which agrees with the {py} {} of {}.",
                kind_word(p.kind, lang),
                p.qualified(lang)
            ),
        },
        (Agreement::Differs { by }, Some(p)) => {
            let amount = format_number(by.abs(), lang);
            match lang {
                Lang::Zh => format!(
                    "，比{py}年{}{}{amount}{unit}。",
                    previous_zh(p),
                    if *by > 0.0 { "多" } else { "少" },
                ),
                Lang::En => format!(
                    ", {} {} than the {py} {} of {}.",
                    if unit.is_empty() {
                        amount
                    } else {
                        format!("{amount} {unit}")
                    },
                    if *by > 0.0 { "more" } else { "fewer" },
                    kind_word(p.kind, lang),
                    p.qualified(lang)
                ),
            }
        }
        _ => match lang {
            Lang::Zh => format!("；{py}年没有可比较的累计数字。"),
            Lang::En => format!("; there is no {py} total to compare it with."),
        },
    };
    let s = head + &tail;
    match lang {
        Lang::Zh => zh_spaced(&s),
        Lang::En => s,
    }
}

/// "累计 300 项的目标" / "实际完成的超 200 项".
fn previous_zh(p: &Point) -> String {
    match p.kind {
        FigureKind::Outcome => format!("实际完成的{}", p.qualified(Lang::Zh)),
        k => format!("{}的{}", p.qualified(Lang::Zh), kind_word(k, Lang::Zh)),
    }
}

/// A chart's accessible name: the metric and what it shows.
pub fn chart_title(metric: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{metric}：逐年目标与实际完成"),
        Lang::En => format!("{metric}: targets and reported results by year"),
    }
}

/// A chart's points in words, for screen readers: "2024 target: at least
/// 200 windows; 2024 reported: 515 windows". `points` are (year, kind,
/// the number as `Point::qualified` gives it).
pub fn chart_description(points: &[(u16, FigureKind, String)], lang: Lang) -> String {
    let parts: Vec<String> = points
        .iter()
        .map(|(year, kind, value)| {
            let kind = match (kind, lang) {
                (FigureKind::Outcome, Lang::Zh) => "实际",
                (FigureKind::Outcome, Lang::En) => "reported",
                (_, Lang::Zh) => "目标",
                (_, Lang::En) => "target",
            };
            match lang {
                Lang::Zh => format!("{year} 年{kind}：{value}"),
                Lang::En => format!("{year} {kind}: {value}"),
            }
        })
        .collect();
    parts.join(if lang == Lang::Zh { "；" } else { "; " })
}

/// A chart's value axis: "数量（个）" / "Number (windows)".
pub fn chart_value_axis(unit: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("数量（{unit}）"),
        Lang::En if unit.is_empty() => "Number".to_string(),
        Lang::En => format!("Number ({unit})"),
    }
}

/// How an outcome stands against its target, in words (never colour
/// alone): the verdict, and the sentence with both numbers, the gap and
/// the share of the target (占目标%). `target` and `outcome` are the
/// numbers as shown (`compare::figure_value`); `unit` is the figures'
/// unit, whose English may be empty on purpose.
pub fn standing_text(
    label: &str,
    target: &str,
    outcome: &str,
    unit: &crate::model::Text,
    s: &Standing,
    lang: Lang,
) -> (&'static str, String) {
    let unit = match lang {
        Lang::Zh => unit.zh.as_str(),
        Lang::En => unit.en.as_deref().unwrap_or(&unit.zh),
    };
    let by = format_number(s.by, lang);
    let by = match (lang, unit.is_empty()) {
        (_, true) => by,
        (Lang::Zh, false) => format!("{by}{unit}"),
        (Lang::En, false) => format!("{by} {unit}"),
    };
    let share = s.share.map(|p| format_number(p, Lang::En));
    match lang {
        Lang::Zh => {
            let (verdict, gap) = match s.verdict {
                Verdict::Met => ("达到目标", String::new()),
                Verdict::Exceeded => ("超过目标", format!("，超出{by}")),
                Verdict::Short => ("未达目标", format!("，差{by}")),
                Verdict::Within => ("在目标上限之内", format!("，低于上限{by}")),
                Verdict::Over => ("超出目标上限", format!("，高出上限{by}")),
            };
            let share = share.map(|p| format!("，为目标的{p}%")).unwrap_or_default();
            let line = format!("{label}：目标{target}，实际{outcome}{gap}{share}");
            (verdict, zh_spaced(&line))
        }
        Lang::En => {
            let (verdict, gap) = match s.verdict {
                Verdict::Met => ("Target met", String::new()),
                Verdict::Exceeded => ("Target exceeded", format!("; {by} above it")),
                Verdict::Short => ("Short of the target", format!("; {by} below it")),
                Verdict::Within => (
                    "Within the target's limit",
                    format!("; {by} below the limit"),
                ),
                Verdict::Over => ("Over the target's limit", format!("; {by} above the limit")),
            };
            let share = share
                .map(|p| {
                    format!(
                        "{} {p}% of the target",
                        if gap.is_empty() { ";" } else { "," }
                    )
                })
                .unwrap_or_default();
            let line = format!("{label}: target {target}, reported {outcome}{gap}{share}");
            (verdict, line)
        }
    }
}

/// A language's own name, for the embed dialog's language picker.
/// Why a data file could not be used, as a sentence for the reader with
/// a way forward where there is one.
pub fn load_error(e: &LoadError, lang: Lang) -> String {
    use LoadError::*;
    match (e, lang) {
        (Network(_), Lang::Zh) => "网络连接失败，数据未能加载。".into(),
        (Network(_), Lang::En) => "The network request failed; the data could not be loaded.".into(),
        (Http(code), Lang::Zh) => format!("服务器返回错误（HTTP {code}），数据未能加载。"),
        (Http(code), Lang::En) => format!("The server answered with an error (HTTP {code}); the data could not be loaded."),
        (Truncated, Lang::Zh) => "数据文件不完整（下载可能被中断）。".into(),
        (Truncated, Lang::En) => "The data file is incomplete (the download may have been cut off).".into(),
        (NotJson { line, column }, Lang::Zh) => format!("数据文件格式错误（第 {line} 行第 {column} 列不是有效的 JSON）。"),
        (NotJson { line, column }, Lang::En) => format!("The data file is not valid JSON (line {line}, column {column})."),
        (NumberTooLarge { line, column }, Lang::Zh) => format!("数据文件中的数字过大，无法使用（第 {line} 行第 {column} 列）。"),
        (NumberTooLarge { line, column }, Lang::En) => format!("The data file holds a number too large to use (line {line}, column {column})."),
        (WrongShape(detail), Lang::Zh) => format!("数据文件结构不符合要求：{detail}"),
        (WrongShape(detail), Lang::En) => format!("The data file does not have the expected structure: {detail}"),
        (SchemaTooNew { .. }, Lang::Zh) => "数据格式比本应用更新，请刷新页面以获取最新版本。".into(),
        (SchemaTooNew { .. }, Lang::En) => "This data was written for a newer version of the app. Please reload the page to get the latest version.".into(),
        (WrongYear { expected, found }, Lang::Zh) => format!("数据文件年份不符：应为 {expected} 年，实为 {found} 年。"),
        (WrongYear { expected, found }, Lang::En) => format!("The data file holds the wrong year: expected {expected}, found {found}."),
        (DuplicateId(id), Lang::Zh) => format!("数据文件中有重复的编号 {id}。"),
        (DuplicateId(id), Lang::En) => format!("The data file has a duplicate id {id}."),
    }
}

pub fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "中文",
        Lang::En => "English",
    }
}

/// The document's title: the app's name in `lang`, then in the other language.
pub fn document_title(lang: Lang) -> String {
    format!("{} · {}", t(lang).app_title, t(lang.other()).app_title)
}

/// A page's title: what it shows, then the app's name.
pub fn page_title(subject: &str, lang: Lang) -> String {
    format!("{subject} · {}", t(lang).app_title)
}

/// What a comparison's page shows, for its title: "年度对比 2025、2026".
pub fn compare_title(years: &[u16], lang: Lang) -> String {
    let years: Vec<String> = years.iter().map(u16::to_string).collect();
    format!(
        "{} {}",
        t(lang).view_compare,
        years.join(t(lang).list_separator)
    )
}

/// A pledge's description where the sources give no content: which list
/// it is on, and its title.
pub fn item_description(year: u16, number: Option<u32>, title: &str, lang: Lang) -> String {
    match (lang, number) {
        (Lang::Zh, Some(n)) => format!("长三角一体化发展 {year} 年度实事项目第 {n} 项：{title}。"),
        (Lang::Zh, None) => format!("长三角一体化发展 {year} 年度实事项目：{title}。"),
        (Lang::En, Some(n)) => format!(
            "Pledge No. {n} of the Yangtze River Delta's {year} joint public-service pledges: {title}."
        ),
        (Lang::En, None) => format!(
            "One of the Yangtze River Delta's {year} joint public-service pledges: {title}."
        ),
    }
}

/// The metric list's description: the metrics it holds, by name.
pub fn metric_list_description(names: &[&str], lang: Lang) -> String {
    let names = names.join(t(lang).list_separator);
    match lang {
        Lang::Zh => format!("{}：{names}。", t(lang).metrics_title),
        Lang::En => format!("{}: {names}.", t(lang).metrics_title),
    }
}

/// An embed iframe's `title`: a host page's screen-reader user hears what
/// the frame holds before entering it.
pub fn embed_frame_title(subject: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}：{subject}", t(lang).app_title),
        Lang::En => format!("{}: {subject}", t(lang).app_title),
    }
}

/// "10 of 30" — how many items show out of how many the years hold.
pub fn count_line(shown: usize, total: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("显示 {shown} / {total} 项"),
        Lang::En => format!("{shown} of {total} pledges"),
    }
}

/// The count while some years of the list have not loaded: it says so
/// rather than give a total that would claim those years are empty.
pub fn count_line_partial(shown: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("显示 {shown} 项，其余年度尚未载入"),
        Lang::En => format!("{shown} pledges; other years not loaded yet"),
    }
}

/// A source named by its id, as one line of text plus, where the data has
/// a web address, the link and its host. Anything but `http(s)` is never
/// made a link (a `javascript:` URL in the data stays inert).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceText {
    pub line: String,
    pub link: Option<(String, String)>,
}

pub fn source_text(index: Option<&crate::model::Index>, id: &str, lang: Lang) -> SourceText {
    let Some(s) = index.and_then(|i| i.sources.iter().find(|s| s.id == id)) else {
        return SourceText {
            line: id.to_string(),
            link: None,
        };
    };
    let mut line = format!("《{}》", s.headline);
    line.push_str(&format!(" · {}", s.publication.in_lang(lang)));
    if let Some(a) = &s.author {
        line.push_str(&format!(" · {} {a}", t(lang).author));
    }
    // An undated source (`date: ""`) says so rather than show nothing.
    let date = match s.date.trim() {
        "" => t(lang).undated.to_string(),
        d => format_date(d, lang),
    };
    line.push_str(&format!(" · {date}"));
    let link = s
        .url
        .clone()
        .filter(|u| is_safe_url(u))
        .map(|u| (u.clone(), host_of(&u)));
    SourceText { line, link }
}

/// Only web links are ever made clickable.
pub fn is_safe_url(u: &str) -> bool {
    let lower = u.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

fn host_of(u: &str) -> String {
    u.split("//")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or(u)
        .to_string()
}

pub fn item_number(n: Option<u32>, lang: Lang) -> String {
    match (n, lang) {
        (Some(n), Lang::Zh) => format!("第 {n} 项"),
        (Some(n), Lang::En) => format!("No. {n}"),
        (None, l) => t(l).number_unknown.to_string(),
    }
}

pub fn year_heading(year: u16, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{year} 年度"),
        Lang::En => format!("{year}"),
    }
}

pub fn items_known(known: usize, published: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("清单共 {published} 项，来源中可查 {known} 项。"),
        Lang::En => {
            format!("The published list has {published} items; the sources describe {known}.")
        }
    }
}

pub fn forum_line(edition: u32, forum: &str, city: &str, date: Option<&str>, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "第{edition}届{forum}，{city}{}",
            date.map(|d| format!("，{}", format_date(d, lang)))
                .unwrap_or_default()
        ),
        Lang::En => format!(
            "{} {forum}, {city}{}",
            ordinal(edition),
            date.map(|d| format!(", {}", format_date(d, lang)))
                .unwrap_or_default()
        ),
    }
}

/// What the data is and when it was last updated: "Data as of 3 December
/// 2026 (2026-12-03.1)", on every page's foot and a widget's source line.
pub fn data_as_of(updated: &str, version: &str, lang: Lang) -> String {
    format!(
        "{} {} ({version})",
        t(lang).data_as_of,
        format_date(updated, lang)
    )
}

/// An ISO date (or year-month, or year) the way each language writes it:
/// 2026年5月21日 / 21 May 2026. Anything else is shown as given: a date
/// the data spells differently is still better shown than hidden.
pub fn format_date(iso: &str, lang: Lang) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let parts: Vec<&str> = iso.trim().split('-').collect();
    let num = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let year = parts.first().and_then(|y| num(y, 4));
    let month = parts
        .get(1)
        .map(|m| num(m, 2).filter(|m| (1..=12).contains(m)));
    let day = parts
        .get(2)
        .map(|d| num(d, 2).filter(|d| (1..=31).contains(d)));
    match (year, month, day, parts.len(), lang) {
        (Some(y), None, None, 1, Lang::Zh) => format!("{y}年"),
        (Some(y), None, None, 1, Lang::En) => format!("{y}"),
        (Some(y), Some(Some(m)), None, 2, Lang::Zh) => format!("{y}年{m}月"),
        (Some(y), Some(Some(m)), None, 2, Lang::En) => {
            format!("{} {y}", MONTHS[m as usize - 1])
        }
        (Some(y), Some(Some(m)), Some(Some(d)), 3, Lang::Zh) => format!("{y}年{m}月{d}日"),
        (Some(y), Some(Some(m)), Some(Some(d)), 3, Lang::En) => {
            format!("{d} {} {y}", MONTHS[m as usize - 1])
        }
        _ => iso.to_string(),
    }
}

/// The "show more" button under a long result list.
pub fn show_more(left: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("显示更多（还有 {left} 项）"),
        Lang::En => format!("Show more ({left} left)"),
    }
}

/// A theme key the index does not name (data newer than the app).
pub fn unknown_theme(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "其他",
        Lang::En => "Other",
    }
}

/// A list of which the sources name only some entries.
pub fn named_of_total(total: u32, named: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("共 {total} 项，来源中点名 {named} 项："),
        Lang::En => format!("{total} in all; the sources name {named}:"),
    }
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A number the way each language writes it: Chinese groups by 万 (1.3万),
/// English by thousands (13,000).
pub fn format_number(v: f64, lang: Lang) -> String {
    match lang {
        Lang::Zh if v.abs() >= 100_000_000.0 => format!("{}亿", Fixed2::new(v / 100_000_000.0)),
        Lang::Zh if v.abs() >= 10_000.0 => format!("{}万", Fixed2::new(v / 10_000.0)),
        Lang::Zh => Fixed2::new(v).to_string(),
        Lang::En => {
            let n = Fixed2::new(v);
            let digits = n.int.to_string();
            let mut grouped = String::from(n.sign);
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    grouped.push(',');
                }
                grouped.push(c);
            }
            grouped.push_str(&n.frac());
            grouped
        }
    }
}

/// A number rounded to hundredths, trailing zeros dropped, held as
/// integers. Written by hand: `{:.2}` brings `core`'s float printing, more
/// than 2 KB gzip of the main module (BENCHMARKS.md, "Size-driven code,
/// re-weighed"); integers print with code the module has anyway.
struct Fixed2 {
    sign: &'static str,
    int: u64,
    hundredths: u64,
}

impl Fixed2 {
    fn new(v: f64) -> Self {
        // Ties to even, as `{:.2}` rounds; `as` saturates huge values.
        let h = (v * 100.0).round_ties_even();
        Fixed2 {
            sign: if h < 0.0 { "-" } else { "" },
            int: (h.abs() as u64) / 100,
            hundredths: (h.abs() as u64) % 100,
        }
    }

    fn frac(&self) -> String {
        match self.hundredths {
            0 => String::new(),
            h if h.is_multiple_of(10) => format!(".{}", h / 10),
            h => format!(".{h:02}"),
        }
    }
}

impl std::fmt::Display for Fixed2 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}{}", self.sign, self.int, self.frac())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_the_way_each_language_writes_them() {
        assert_eq!(format_number(13_000.0, Lang::Zh), "1.3万");
        assert_eq!(format_number(13_000.0, Lang::En), "13,000");
        assert_eq!(format_number(1_500_000.0, Lang::En), "1,500,000");
        assert_eq!(format_number(650.0, Lang::Zh), "650");
        assert_eq!(format_number(1.62, Lang::En), "1.62");
        assert_eq!(format_number(755_300.0, Lang::Zh), "75.53万");
    }

    #[test]
    fn numbers_round_to_hundredths_and_drop_trailing_zeros() {
        assert_eq!(format_number(0.0, Lang::En), "0");
        assert_eq!(format_number(-0.001, Lang::Zh), "0");
        assert_eq!(format_number(2.5, Lang::Zh), "2.5");
        assert_eq!(format_number(2.05, Lang::Zh), "2.05");
        assert_eq!(format_number(1.999, Lang::En), "2");
        assert_eq!(format_number(-1234.5, Lang::En), "-1,234.5");
        assert_eq!(format_number(-25_000.0, Lang::Zh), "-2.5万");
        assert_eq!(format_number(320_000_000.0, Lang::Zh), "3.2亿");
        assert_eq!(
            format_number(1_000_000_000_000.0, Lang::En),
            "1,000,000,000,000"
        );
        // Every whole number and every hundredth prints as `{:.2}` would,
        // trimmed.
        for cents in -100_000_i64..100_000 {
            let v = cents as f64 / 100.0;
            let want = format!("{v:.2}");
            let want = want.trim_end_matches('0').trim_end_matches('.');
            let want = if want == "-0" { "0" } else { want };
            assert_eq!(format_number(v, Lang::Zh), want, "{v}");
        }
    }

    #[test]
    fn a_standing_is_said_in_words_with_both_numbers_the_gap_and_the_share() {
        let unit = crate::model::Text::new("个", "windows");
        let s = |verdict, by, share| Standing { verdict, by, share };
        let zh = standing_text(
            "服务点位",
            "至少 200 个",
            "515 个",
            &unit,
            &s(Verdict::Exceeded, 315.0, Some(257.5)),
            Lang::Zh,
        );
        assert_eq!(
            zh,
            (
                "超过目标",
                "服务点位：目标至少 200 个，实际 515 个，超出 315 个，为目标的 257.5%".into()
            )
        );
        let en = standing_text(
            "Service points",
            "at least 200 windows",
            "515 windows",
            &unit,
            &s(Verdict::Exceeded, 315.0, Some(257.5)),
            Lang::En,
        );
        assert_eq!(
            en,
            (
                "Target exceeded",
                "Service points: target at least 200 windows, reported 515 windows; 315 windows above it, 257.5% of the target".into()
            )
        );
        let met = standing_text(
            "Cities",
            "41",
            "41",
            &crate::model::Text::new("个", ""),
            &s(Verdict::Met, 0.0, Some(100.0)),
            Lang::En,
        );
        assert_eq!(
            met,
            (
                "Target met",
                "Cities: target 41, reported 41; 100% of the target".into()
            )
        );
        let short = standing_text(
            "里程",
            "660 公里",
            "13000 公里",
            &crate::model::Text::new("公里", "km"),
            &s(Verdict::Short, 13000.0, None),
            Lang::Zh,
        );
        assert_eq!(
            short,
            (
                "未达目标",
                "里程：目标 660 公里，实际 13000 公里，差 1.3 万公里".into()
            )
        );
        let within = standing_text(
            "Ratio",
            "at most 1.9",
            "1.62",
            &crate::model::Text::new("", ""),
            &s(Verdict::Within, 0.28, None),
            Lang::En,
        );
        assert_eq!(
            within,
            (
                "Within the target's limit",
                "Ratio: target at most 1.9, reported 1.62; 0.28 below the limit".into()
            )
        );
    }

    #[test]
    fn an_undated_source_says_so() {
        let source = |date: &str| crate::model::Source {
            id: "s".into(),
            headline: "标题".into(),
            publication: crate::model::Text::new("报", "Paper"),
            date: date.into(),
            ..crate::model::Source::default()
        };
        let index = |date| crate::model::Index {
            sources: vec![source(date)],
            ..crate::model::Index::default()
        };
        let line = |date, lang| source_text(Some(&index(date)), "s", lang).line;
        assert_eq!(line("", Lang::Zh), "《标题》 · 报 · 日期未注明");
        assert_eq!(line("", Lang::En), "《标题》 · Paper · undated");
        assert_eq!(line("2025", Lang::En), "《标题》 · Paper · 2025");
    }

    #[test]
    fn counts_and_headings() {
        assert_eq!(count_line(10, 30, Lang::En), "10 of 30 pledges");
        assert_eq!(count_line(10, 30, Lang::Zh), "显示 10 / 30 项");
        assert_eq!(
            forum_line(8, "YRD Forum", "Shanghai", Some("2026-05-21"), Lang::En),
            "8th YRD Forum, Shanghai, 21 May 2026"
        );
        assert_eq!(item_number(None, Lang::En), "No. unknown");
    }

    #[test]
    fn embed_titles_name_the_app_and_the_subject() {
        assert_eq!(embed_frame_title("2026", Lang::En), "YRD Pledges: 2026");
        assert_eq!(
            embed_frame_title("2026 年度", Lang::Zh),
            "长三角实事：2026 年度"
        );
        assert_eq!(lang_name(Lang::En), "English");
    }

    #[test]
    fn dates_are_written_the_way_each_language_writes_them() {
        assert_eq!(format_date("2026-05-21", Lang::Zh), "2026年5月21日");
        assert_eq!(format_date("2026-05-21", Lang::En), "21 May 2026");
        assert_eq!(format_date("2024-06-06", Lang::En), "6 June 2024");
        assert_eq!(format_date("2025-12", Lang::Zh), "2025年12月");
        assert_eq!(format_date("2025-01", Lang::En), "January 2025");
        assert_eq!(format_date("2025", Lang::Zh), "2025年");
        assert_eq!(format_date("2025", Lang::En), "2025");
        assert_eq!(
            forum_line(8, "长三角论坛", "上海", Some("2026-05-21"), Lang::Zh),
            "第8届长三角论坛，上海，2026年5月21日"
        );
    }

    #[test]
    fn dates_that_are_not_iso_are_shown_as_given() {
        for odd in [
            "",
            "2026-13-01",
            "2026-05-32",
            "2026-5-1",
            "26-05-21",
            "spring 2026",
            "2026-05-21-x",
        ] {
            assert_eq!(format_date(odd, Lang::En), odd);
            assert_eq!(format_date(odd, Lang::Zh), odd);
        }
    }
}
