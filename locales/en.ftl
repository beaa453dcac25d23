# English: the catalogue every other one follows, message for message.
# Messages are Fluent (https://projectfluent.org/fluent/guide/); `{ $name }` is a value the
# page fills in. A site overrides any message with its own `locales/<language>.ftl`.

## How this language is written

# `ltr` or `rtl`: the page's `dir`.
direction = ltr
# The glibc locale whose month and weekday names, and AM/PM, dates use.
date-locale = en_US
# Date patterns (strftime, as chrono reads them: %B month, %b short month, %-d day,
# %Y year, %H/%I hour (24/12; %-I without a leading zero), %M minute, %p AM/PM, %Z time
# zone; %S second). `date-long-first` (at the end) is `date-long` for the first day of a
# month. `time-of-day` is how the language writes a time, everywhere: `{ time-of-day }`
# puts it in another pattern. The timeline chart's axis and labels use `time-of-day`,
# `time-of-day-seconds`, `date-day-month`, `date-month-short` and `date-year`.
date-time = %b %-d, %Y, { time-of-day } %Z
date-long = %B %-d, %Y
date-short = %b %-d, %Y
month-year = %B %Y
month-name = %B
time-of-day = %-I:%M %p
time-of-day-seconds = %-I:%M:%S %p
date-day-month = %b %-d
date-month-short = %b
date-year = %Y
decimal-separator = .
percent = { $value }%

## Lists and durations

list-separator = {", "}
list-and = { $init } and { $last }
duration-zero = 0m
duration-under-minute = <1m
duration-days = { $n }d
duration-hours = { $n }h
duration-minutes = { $n }m
duration-separator = {" "}

## The summary sentence that opens every rendering of a record

summary-incident = { $site } experienced { $severity ->
        [minor] a minor incident
        [major] a major incident
        [critical] a critical incident
       *[none] an incident
    } { $count ->
        [0] on { $day }
       *[other] on { $day } affecting { $components }
    }, lasting { $duration }.
summary-incident-ongoing = { $site } experienced { $severity ->
        [minor] a minor incident
        [major] a major incident
        [critical] a critical incident
       *[none] an incident
    } { $count ->
        [0] on { $day }
       *[other] on { $day } affecting { $components }
    }, still ongoing.
summary-maintenance = { $site } performed scheduled maintenance { $count ->
        [0] on { $day }
       *[other] on { $day } affecting { $components }
    }, lasting { $duration }.
summary-maintenance-underway = { $site } is performing scheduled maintenance { $count ->
        [0] on { $day }
       *[other] on { $day } affecting { $components }
    }.
summary-maintenance-scheduled = { $site } has scheduled maintenance { $count ->
        [0] on { $day }
       *[other] on { $day } affecting { $components }
    }.

## Statuses

status-investigating = Investigating
status-identified = Identified
status-monitoring = Monitoring
status-resolved = Resolved
status-postmortem = Postmortem
status-scheduled = Scheduled
status-in_progress = In progress
status-verifying = Verifying
status-completed = Completed
component-operational = Operational
component-degraded_performance = Degraded performance
component-partial_outage = Partial outage
component-major_outage = Major outage
component-under_maintenance = Under maintenance
overall-operational = All systems operational
overall-incident = Incident in progress
severity-impact = { $severity ->
        [none] No impact
        [minor] Minor impact
        [major] Major impact
       *[critical] Critical impact
    }

## Figures

figure-duration = Duration
figure-impact = Impact
figure-time-to-detect = Time to detect
figure-time-to-acknowledge = Time to acknowledge
figure-time-to-mitigate = Time to mitigate
figure-time-to-resolve = Time to resolve

## Every page

site-title = { $site } status
site-description = Status and incident history of { $site }
feed-title = Incidents | { $site }
feed-description = Incidents reported on status page for { $site }
subscribe = Subscribe
nav-rss = RSS
nav-atom = Atom
nav-json = JSON
nav-calendar = Calendar
footer = { $site } · times in { $timezone }
maintenance = Maintenance
no-incidents = No incidents reported.

## The front page

open-incidents = Open incidents
upcoming-maintenance = Upcoming maintenance
add-to-calendar = Add every planned window to your calendar:
calendar-file = maintenance.ics
components = Components
no-components = No components yet.
incident-history = Incident history
no-recent-incidents = { $days ->
        [one] No incidents in the last { $days } day.
       *[other] No incidents in the last { $days } days.
    }
older-incidents = Older incidents: the history archive
uptime-label = { $days ->
        [one] { $component }: { $availability } available over the last { $days } day
       *[other] { $component }: { $availability } available over the last { $days } days
    }
days-ago = { $days ->
        [one] { $days } day ago
       *[other] { $days } days ago
    }
available-share = { $availability } available
today = Today
day-no-downtime = { $day }: no downtime
day-downtime = { $day }: { $downtime }
downtime-part = { $status } { $duration }

## A component's page

component-description = Status, availability and incidents of { $component } at { $site }
component-feed-title = { $component } incidents | { $site }
component-feed-description = Incidents of { $component } reported on status page for { $site }
availability = Availability
period = Period
available = Available
last-days = { $days ->
        [one] Last { $days } day
       *[other] Last { $days } days
    }
component-updates-only = Updates of { $component } only:
maintenance-calendar = Maintenance calendar (iCalendar)
badge = Badge
badge-alt = { $component } status
badge-markdown = Markdown:
badge-html = HTML:
incidents = Incidents

## The history archive

history = History
history-description = Every incident and maintenance of { $site }, by month
record-count = { $count } { $count ->
        [one] record
       *[other] records
    }
month-description = Incidents and maintenance of { $site } in { $month }
months = Months
newer = Newer: { $month }
older = Older: { $month }

## A record's page and its Markdown

affected-components = Affected components
scheduled = Scheduled
time-to = to
update-timeline = Update timeline
figures = Figures
figure = Figure
value = Value
windows-caption = When users were affected
component = Component
status = Status
start = Start
end = End
length = Length
ongoing = ongoing

## The postmortem

postmortem = Postmortem
published = Published
by-authors = by { $authors }
summary = Summary
impact = Impact
timeline = Timeline
time = Time
event = Event
internal = Internal
internal-note = internal
root-cause = Root cause
trigger = Trigger
detection = Detection
resolution = Resolution
contributing-factors = Contributing factors
lessons = Lessons
went-well = What went well
went-wrong = What went wrong
lucky = Where we got lucky
action-items = Action items
action = Action
kind = Kind
owner = Owner
due = Due
action-kind = { $kind ->
        [prevent] prevent
        [mitigate] mitigate
        [detect] detect
       *[process] process
    }
action-open = Open
action-in_progress = In progress
action-done = Done
action-wontfix = Won't fix

## Component archives and postmortem previews

no-incidents-days = { $days ->
        [one] No incidents in the last { $days } day.
       *[other] No incidents in the last { $days } days.
    }
component-history = { $component } history
component-history-description = Every incident and maintenance of { $component } at { $site }, by month
component-month-description = Incidents and maintenance of { $component } at { $site } in { $month }
draft-banner = Preview: this build shows postmortems that are not published yet (drafts and in review), each marked. Do not publish it.
draft-not-published = Not published:
draft-preview = a preview of a postmortem { $status ->
        [draft] being written
       *[other] in review
    }
draft-owner = owner { $owner }
draft-reviewers = reviewers { $reviewers }
postmortem-draft = Draft
postmortem-in-review = In review
timeline-caption = Times in { $zone }. The updates and the tables below give each time in full.
component-archive-link = Older incidents of { $component }: its history archive

## l10n

# A label before its value (`**Affected components:** API`): each language punctuates it.
label-colon = { $label }:
# Before the start of a range of times, where the language says one (French `du`); the
# word between the two is `time-to`.
time-from = {""}
# `date-long` for the first day of a month, where a language writes it apart (French
# `1er décembre 2026`).
date-long-first = { date-long }
# A badge's words: the name, and its status in the form of a sentence's middle.
badge-words = { $name }: { $status }
badge-status = { $status ->
        [operational] operational
        [degraded_performance] degraded performance
        [partial_outage] partial outage
        [major_outage] major outage
        [under_maintenance] under maintenance
       *[incident] incident in progress
    }
# The names of the maintenance calendars (`maintenance.ics`), the site's and a component's.
calendar-name = { $site } maintenance
component-calendar-name = { $site } { $component } maintenance
# The short month names `%b` writes, January first, separated by `|`, where the
# catalogue's differ from the C library's (German `Jan.|Feb.|März|…`); nothing for the
# library's own.
months-short = {""}
## apifix

maintenance-in-progress = Maintenance in progress

## The timeline chart of a record's page: the words on it, its markers' tooltips and the
## description screen readers read

timeline-title = Timeline of { $title }
timeline-milestones = Milestones
timeline-updates = Updates
timeline-started = Started
timeline-detected = Detected
timeline-acknowledged = Acknowledged
timeline-mitigated = Mitigated
timeline-resolved = Resolved
timeline-completed = Completed
timeline-now = Now
timeline-scheduled-window = Scheduled window
timeline-no-impact = no window of impact
# A marker's tooltip: its word and the time in full (`date-time`).
timeline-tooltip = { $what }, { $time }
# A window of impact, as its tooltip and the description give it.
timeline-window = { $status } { $from }–{ $to } ({ $duration })
timeline-window-open = { $status } since { $from } (ongoing)
# The words inside a bar wide enough for them.
timeline-bar = { $status } · { $duration }
timeline-bar-open = { $status } · ongoing
# The description's sentences (its windows begin in lower case).
timeline-desc-day = { $day }, times in { $zone }.
timeline-desc-days = { $from } to { $to }, times in { $zone }.
timeline-desc-scheduled = Scheduled { $from }–{ $to } ({ $duration }).
timeline-desc-lane = { $component }: { $windows }.
timeline-desc-milestones = { $milestones }.
timeline-desc-updates = Updates: { $updates }.
timeline-desc-separator = {" "}

## Notifications (`notify`): the words of chat cards, e-mails and webhook payloads (the
## rest is the record's own: its summary sentence, statuses and times as on its page)

notify-update = Update
notify-new-maintenance = Scheduled maintenance
notify-maintenance-changed = Maintenance rescheduled
notify-maintenance-starting = Maintenance starting soon
notify-postmortem = Postmortem published
notify-component-status = Component status
# A headline: `Resolved: Checkout is slow`, `Checkout: Operational`.
notify-headline = { $label }: { $title }
notify-fact-components = Components
notify-fact-status = Status
notify-fact-severity = Severity
notify-fact-window = Window
notify-fact-impact = Impact
notify-fact-when = When
notify-severity = { $severity ->
        [minor] minor
        [major] major
       *[critical] critical
    }
notify-view = View on the status page
