# 日本語. Same messages as en.ftl (see there what each is for).

## How this language is written

direction = ltr
date-locale = ja_JP
date-time = %Y/%m/%d { time-of-day } %Z
date-long = %Y年%-m月%-d日
date-short = %Y年%-m月%-d日
month-year = %Y年%-m月
month-name = %-m月
time-of-day = %H:%M
time-of-day-seconds = %H:%M:%S
date-day-month = %-m月%-d日
date-month-short = %-m月
date-year = %Y年
decimal-separator = .
percent = { $value }%

## Lists and durations

list-separator = {"、"}
list-and = { $init }、{ $last }
duration-zero = 0分
duration-under-minute = 1分未満
duration-days = { $n }日
duration-hours = { $n }時間
duration-minutes = { $n }分
duration-separator = {""}

## The summary sentence that opens every rendering of a record

summary-incident = { $site }では{ $day }に{ $count ->
        [0] {""}
       *[other] { $components }に影響する
    }{ $severity ->
        [minor] 軽微なインシデント
        [major] 重大なインシデント
        [critical] 致命的なインシデント
       *[none] インシデント
    }が発生しました。継続時間は{ $duration }でした。
summary-incident-ongoing = { $site }では{ $day }に{ $count ->
        [0] {""}
       *[other] { $components }に影響する
    }{ $severity ->
        [minor] 軽微なインシデント
        [major] 重大なインシデント
        [critical] 致命的なインシデント
       *[none] インシデント
    }が発生し、現在も継続中です。
summary-maintenance = { $site }は{ $day }に{ $count ->
        [0] {""}
       *[other] { $components }に影響する
    }計画メンテナンスを実施しました。所要時間は{ $duration }でした。
summary-maintenance-underway = { $site }は{ $day }に{ $count ->
        [0] {""}
       *[other] { $components }に影響する
    }計画メンテナンスを実施中です。
summary-maintenance-scheduled = { $site }は{ $day }に{ $count ->
        [0] {""}
       *[other] { $components }に影響する
    }計画メンテナンスを予定しています。

## Statuses

status-investigating = 調査中
status-identified = 特定済み
status-monitoring = 監視中
status-resolved = 解決済み
status-postmortem = ポストモーテム
status-scheduled = 予定
status-in_progress = 実施中
status-verifying = 検証中
status-completed = 完了
component-operational = 稼働中
component-degraded_performance = パフォーマンス低下
component-partial_outage = 部分的な障害
component-major_outage = 重大な障害
component-under_maintenance = メンテナンス中
overall-operational = 全システム正常
overall-incident = インシデント対応中
severity-impact = { $severity ->
        [none] 影響なし
        [minor] 軽微な影響
        [major] 重大な影響
       *[critical] 致命的な影響
    }

## Figures

figure-duration = 継続時間
figure-impact = 影響時間
figure-time-to-detect = 検知までの時間
figure-time-to-acknowledge = 確認までの時間
figure-time-to-mitigate = 緩和までの時間
figure-time-to-resolve = 解決までの時間

## Every page

site-title = { $site } ステータス
site-description = { $site } のステータスとインシデント履歴
feed-title = インシデント | { $site }
feed-description = { $site } のステータスページで報告されたインシデント
subscribe = 購読
nav-rss = RSS
nav-atom = Atom
nav-json = JSON
nav-calendar = カレンダー
footer = { $site } · 時刻は { $timezone } で表示
maintenance = メンテナンス
no-incidents = 報告されたインシデントはありません。

## The front page

open-incidents = 対応中のインシデント
upcoming-maintenance = 予定されているメンテナンス
add-to-calendar = 予定されたすべてのメンテナンスをカレンダーに追加:
calendar-file = maintenance.ics
components = コンポーネント
no-components = コンポーネントはまだありません。
incident-history = インシデント履歴
no-recent-incidents = 過去{ $days }日間にインシデントはありません。
older-incidents = それ以前のインシデント: 履歴アーカイブ
uptime-label = { $component }: 過去{ $days }日間の稼働率 { $availability }
days-ago = { $days }日前
available-share = 稼働率 { $availability }
today = 今日
day-no-downtime = { $day }: 停止なし
day-downtime = { $day }: { $downtime }
downtime-part = { $status } { $duration }

## A component's page

component-description = { $site } の { $component } のステータス、稼働率、インシデント
component-feed-title = { $component } のインシデント | { $site }
component-feed-description = { $site } のステータスページで報告された { $component } のインシデント
availability = 稼働率
period = 期間
available = 稼働率
last-days = 過去{ $days }日間
component-updates-only = { $component } の更新のみ:
maintenance-calendar = メンテナンスカレンダー (iCalendar)
badge = バッジ
badge-alt = { $component } のステータス
badge-markdown = Markdown:
badge-html = HTML:
incidents = インシデント

## The history archive

history = 履歴
history-description = { $site } のすべてのインシデントとメンテナンス（月別）
record-count = { $count }件
month-description = { $month }の { $site } のインシデントとメンテナンス
months = 月
newer = 新しい月: { $month }
older = 古い月: { $month }

## A record's page and its Markdown

affected-components = 影響を受けたコンポーネント
scheduled = 予定
time-to = ～
update-timeline = 更新履歴
figures = 指標
figure = 指標
value = 値
windows-caption = ユーザーが影響を受けた期間
component = コンポーネント
status = ステータス
start = 開始
end = 終了
length = 期間
ongoing = 継続中

## The postmortem

postmortem = ポストモーテム
published = 公開
by-authors = 作成者: { $authors }
summary = 概要
impact = 影響
timeline = タイムライン
time = 時刻
event = 出来事
internal = 社内限定
internal-note = 社内限定
root-cause = 根本原因
trigger = きっかけ
detection = 検知
resolution = 解決
contributing-factors = 寄与要因
lessons = 教訓
went-well = うまくいったこと
went-wrong = うまくいかなかったこと
lucky = 幸運だったこと
action-items = 対応項目
action = 対応
kind = 種類
owner = 担当者
due = 期限
action-kind = { $kind ->
        [prevent] 予防
        [mitigate] 緩和
        [detect] 検知
       *[process] プロセス
    }
action-open = 未着手
action-in_progress = 対応中
action-done = 完了
action-wontfix = 対応しない

## Component archives and postmortem previews

no-incidents-days = 過去{ $days }日間にインシデントはありません。
component-history = { $component } の履歴
component-history-description = { $site } の { $component } のすべてのインシデントとメンテナンス（月別）
component-month-description = { $month }の { $site } の { $component } のインシデントとメンテナンス
draft-banner = プレビュー：このビルドには未公開のポストモーテム（下書きとレビュー中）が含まれ、それぞれに印が付いています。公開しないでください。
draft-not-published = 未公開：
draft-preview = { $status ->
        [draft] 執筆中
       *[other] レビュー中
    }のポストモーテムのプレビュー
draft-owner = 担当者：{ $owner }
draft-reviewers = レビュアー：{ $reviewers }
postmortem-draft = 下書き
postmortem-in-review = レビュー中
timeline-caption = 時刻は { $zone } です。各時刻の詳細は下の更新と表にあります。
component-archive-link = { $component } の過去のインシデント：履歴アーカイブ

## l10n

label-colon = { $label }:
time-from = {""}
date-long-first = { date-long }
badge-words = { $name }: { $status }
badge-status = { $status ->
        [operational] 稼働中
        [degraded_performance] パフォーマンス低下
        [partial_outage] 部分的な障害
        [major_outage] 重大な障害
        [under_maintenance] メンテナンス中
       *[incident] インシデント対応中
    }
calendar-name = { $site } のメンテナンス
component-calendar-name = { $site } の { $component } のメンテナンス
months-short = {""}
## apifix

maintenance-in-progress = 実施中のメンテナンス

## The timeline chart of a record's page

timeline-title = { $title } のタイムライン
timeline-milestones = マイルストーン
timeline-updates = 更新
timeline-started = 開始
timeline-detected = 検知
timeline-acknowledged = 確認
timeline-mitigated = 緩和
timeline-resolved = 解決
timeline-completed = 完了
timeline-now = 現在
timeline-scheduled-window = 予定時間帯
timeline-no-impact = 影響時間帯なし
timeline-tooltip = { $what } { $time }
timeline-window = { $status } { $from }–{ $to }（{ $duration }）
timeline-window-open = { $status } { $from } から継続中
timeline-bar = { $status } · { $duration }
timeline-bar-open = { $status } · 継続中
timeline-desc-day = { $day }、時刻は { $zone }。
timeline-desc-days = { $from }～{ $to }、時刻は { $zone }。
timeline-desc-scheduled = 予定時間帯 { $from }–{ $to }（{ $duration }）。
timeline-desc-lane = { $component }：{ $windows }。
timeline-desc-milestones = { $milestones }。
timeline-desc-updates = 更新：{ $updates }。
timeline-desc-separator = {""}

## Notifications (`notify`)

notify-update = 更新
notify-new-maintenance = メンテナンス予定
notify-maintenance-changed = メンテナンス日程変更
notify-maintenance-starting = まもなくメンテナンス開始
notify-postmortem = ポストモーテム公開
notify-component-status = コンポーネントの状態
notify-headline = { $label }：{ $title }
notify-fact-components = コンポーネント
notify-fact-status = ステータス
notify-fact-severity = 重大度
notify-fact-window = 時間帯
notify-fact-impact = 影響
notify-fact-when = 日時
notify-severity = { $severity ->
        [minor] 軽微
        [major] 重大
       *[critical] 致命的
    }
notify-view = ステータスページで見る
