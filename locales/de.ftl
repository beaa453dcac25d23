# Deutsch. Same messages as en.ftl (see there what each is for).

## How this language is written

direction = ltr
date-locale = de_DE
date-time = %d.%m.%Y, { time-of-day } %Z
date-long = %-d. %B %Y
date-short = %-d. %b %Y
month-year = %B %Y
month-name = %B
time-of-day = %H:%M
time-of-day-seconds = %H:%M:%S
date-day-month = %-d. %b
date-month-short = %b
date-year = %Y
decimal-separator = ,
percent = { $value } %

## Lists and durations

list-separator = {", "}
list-and = { $init } und { $last }
duration-zero = 0 Min.
duration-under-minute = <1 Min.
duration-days = { $n } Tg.
duration-hours = { $n } Std.
duration-minutes = { $n } Min.
duration-separator = {" "}

## The summary sentence that opens every rendering of a record

summary-incident = { $site } hatte am { $day } { $severity ->
        [minor] eine kleinere Störung
        [major] eine größere Störung
        [critical] eine kritische Störung
       *[none] eine Störung
    }{ $count ->
        [0] {""}
       *[other] {" "}mit Auswirkung auf { $components }
    }, die { $duration } dauerte.
summary-incident-ongoing = { $site } hat seit dem { $day } { $severity ->
        [minor] eine kleinere Störung
        [major] eine größere Störung
        [critical] eine kritische Störung
       *[none] eine Störung
    }{ $count ->
        [0] {""}
       *[other] {" "}mit Auswirkung auf { $components }
    }, die noch andauert.
summary-maintenance = { $site } hat am { $day } eine geplante Wartung von { $duration }{ $count ->
        [0] {""}
       *[other] {" "}mit Auswirkung auf { $components }
    } durchgeführt.
summary-maintenance-underway = { $site } führt am { $day } eine geplante Wartung{ $count ->
        [0] {""}
       *[other] {" "}mit Auswirkung auf { $components }
    } durch.
summary-maintenance-scheduled = { $site } hat für den { $day } eine Wartung{ $count ->
        [0] {""}
       *[other] {" "}mit Auswirkung auf { $components }
    } geplant.

## Statuses

status-investigating = Wird untersucht
status-identified = Identifiziert
status-monitoring = Überwachung
status-resolved = Behoben
status-postmortem = Postmortem
status-scheduled = Geplant
status-in_progress = In Arbeit
status-verifying = Wird überprüft
status-completed = Abgeschlossen
component-operational = Betriebsbereit
component-degraded_performance = Eingeschränkte Leistung
component-partial_outage = Teilweiser Ausfall
component-major_outage = Schwerer Ausfall
component-under_maintenance = In Wartung
overall-operational = Alle Systeme betriebsbereit
overall-incident = Aktuelle Störung
severity-impact = { $severity ->
        [none] Keine Auswirkung
        [minor] Kleinere Störung
        [major] Größere Störung
       *[critical] Kritische Störung
    }

## Figures

figure-duration = Dauer
figure-impact = Auswirkung
figure-time-to-detect = Zeit bis zur Erkennung
figure-time-to-acknowledge = Zeit bis zur Bestätigung
figure-time-to-mitigate = Zeit bis zur Eindämmung
figure-time-to-resolve = Zeit bis zur Behebung

## Every page

site-title = { $site } Status
site-description = Status und Störungsverlauf von { $site }
feed-title = Störungen | { $site }
feed-description = Auf der Statusseite von { $site } gemeldete Störungen
subscribe = Abonnieren
nav-rss = RSS
nav-atom = Atom
nav-json = JSON
nav-calendar = Kalender
footer = { $site } · Zeiten in { $timezone }
maintenance = Wartung
no-incidents = Keine Störungen gemeldet.

## The front page

open-incidents = Aktuelle Störungen
upcoming-maintenance = Geplante Wartungen
add-to-calendar = Alle geplanten Wartungsfenster in Ihrem Kalender abonnieren:
calendar-file = maintenance.ics
components = Komponenten
no-components = Noch keine Komponenten.
incident-history = Störungsverlauf
no-recent-incidents = { $days ->
        [one] Keine Störungen am letzten Tag.
       *[other] Keine Störungen in den letzten { $days } Tagen.
    }
older-incidents = Ältere Störungen: das Archiv
uptime-label = { $days ->
        [one] { $component }: { $availability } verfügbar am letzten Tag
       *[other] { $component }: { $availability } verfügbar in den letzten { $days } Tagen
    }
days-ago = { $days ->
        [one] vor { $days } Tag
       *[other] vor { $days } Tagen
    }
available-share = { $availability } verfügbar
today = Heute
day-no-downtime = { $day }: kein Ausfall
day-downtime = { $day }: { $downtime }
downtime-part = { $status } { $duration }

## A component's page

component-description = Status, Verfügbarkeit und Störungen von { $component } bei { $site }
component-feed-title = Störungen von { $component } | { $site }
component-feed-description = Auf der Statusseite von { $site } gemeldete Störungen von { $component }
availability = Verfügbarkeit
period = Zeitraum
available = Verfügbar
last-days = { $days ->
        [one] Letzter Tag
       *[other] Letzte { $days } Tage
    }
component-updates-only = Nur Meldungen zu { $component }:
maintenance-calendar = Wartungskalender (iCalendar)
badge = Badge
badge-alt = Status von { $component }
badge-markdown = Markdown:
badge-html = HTML:
incidents = Störungen

## The history archive

history = Verlauf
history-description = Alle Störungen und Wartungen von { $site }, nach Monat
record-count = { $count } { $count ->
        [one] Eintrag
       *[other] Einträge
    }
month-description = Störungen und Wartungen von { $site } im { $month }
months = Monate
newer = Neuer: { $month }
older = Älter: { $month }

## A record's page and its Markdown

affected-components = Betroffene Komponenten
scheduled = Geplant
time-to = bis
update-timeline = Verlauf der Meldungen
figures = Kennzahlen
figure = Kennzahl
value = Wert
windows-caption = Wann Nutzer betroffen waren
component = Komponente
status = Status
start = Beginn
end = Ende
length = Dauer
ongoing = andauernd

## The postmortem

postmortem = Postmortem
published = Veröffentlicht am
by-authors = von { $authors }
summary = Zusammenfassung
impact = Auswirkung
timeline = Zeitleiste
time = Zeit
event = Ereignis
internal = Intern
internal-note = intern
root-cause = Grundursache
trigger = Auslöser
detection = Erkennung
resolution = Behebung
contributing-factors = Beitragende Faktoren
lessons = Erkenntnisse
went-well = Was gut lief
went-wrong = Was schiefging
lucky = Wo wir Glück hatten
action-items = Maßnahmen
action = Maßnahme
kind = Art
owner = Verantwortlich
due = Fällig
action-kind = { $kind ->
        [prevent] vorbeugen
        [mitigate] abmildern
        [detect] erkennen
       *[process] Prozess
    }
action-open = Offen
action-in_progress = In Arbeit
action-done = Erledigt
action-wontfix = Wird nicht behoben

## Component archives and postmortem previews

no-incidents-days = { $days ->
        [one] Keine Störungen am letzten Tag.
       *[other] Keine Störungen in den letzten { $days } Tagen.
    }
component-history = Verlauf von { $component }
component-history-description = Alle Störungen und Wartungen von { $component } bei { $site }, nach Monat
component-month-description = Störungen und Wartungen von { $component } bei { $site } im { $month }
draft-banner = Vorschau: Dieser Build zeigt noch nicht veröffentlichte Postmortems (Entwürfe und in Prüfung), jeweils markiert. Nicht veröffentlichen.
draft-not-published = Nicht veröffentlicht:
draft-preview = Vorschau eines Postmortems, { $status ->
        [draft] das noch geschrieben wird
       *[other] das geprüft wird
    }
draft-owner = verantwortlich: { $owner }
draft-reviewers = Prüfende: { $reviewers }
postmortem-draft = Entwurf
postmortem-in-review = In Prüfung
timeline-caption = Zeiten in { $zone }. Die Updates und die Tabellen unten nennen jede Zeit vollständig.
component-archive-link = Ältere Störungen von { $component }: das Archiv

## l10n

label-colon = { $label }:
time-from = vom
date-long-first = { date-long }
badge-words = { $name }: { $status }
badge-status = { $status ->
        [operational] betriebsbereit
        [degraded_performance] eingeschränkte Leistung
        [partial_outage] teilweiser Ausfall
        [major_outage] schwerer Ausfall
        [under_maintenance] in Wartung
       *[incident] aktuelle Störung
    }
calendar-name = Wartungen von { $site }
component-calendar-name = Wartungen von { $component } bei { $site }
months-short = Jan.|Feb.|März|Apr.|Mai|Juni|Juli|Aug.|Sept.|Okt.|Nov.|Dez.
## apifix

maintenance-in-progress = Laufende Wartungen

## The timeline chart of a record's page

timeline-title = Zeitleiste: { $title }
timeline-milestones = Meilensteine
timeline-updates = Meldungen
timeline-started = Beginn
timeline-detected = Erkannt
timeline-acknowledged = Bestätigt
timeline-mitigated = Eingedämmt
timeline-resolved = Behoben
timeline-completed = Abgeschlossen
timeline-now = Jetzt
timeline-scheduled-window = Geplantes Zeitfenster
timeline-no-impact = kein Zeitraum mit Auswirkung
timeline-tooltip = { $what }, { $time }
timeline-window = { $status } { $from }–{ $to } ({ $duration })
timeline-window-open = { $status } seit { $from } (andauernd)
timeline-bar = { $status } · { $duration }
timeline-bar-open = { $status } · andauernd
timeline-desc-day = { $day }, Zeiten in { $zone }.
timeline-desc-days = { $from } bis { $to }, Zeiten in { $zone }.
timeline-desc-scheduled = Geplantes Zeitfenster { $from }–{ $to } ({ $duration }).
timeline-desc-lane = { $component }: { $windows }.
timeline-desc-milestones = { $milestones }.
timeline-desc-updates = Meldungen: { $updates }.
timeline-desc-separator = {" "}

## Notifications (`notify`)

notify-update = Meldung
notify-new-maintenance = Geplante Wartung
notify-maintenance-changed = Wartung verschoben
notify-maintenance-starting = Wartung beginnt bald
notify-postmortem = Postmortem veröffentlicht
notify-component-status = Komponentenstatus
notify-headline = { $label }: { $title }
notify-fact-components = Komponenten
notify-fact-status = Status
notify-fact-severity = Schweregrad
notify-fact-window = Zeitfenster
notify-fact-impact = Auswirkung
notify-fact-when = Zeitpunkt
notify-severity = { $severity ->
        [minor] gering
        [major] hoch
       *[critical] kritisch
    }
notify-view = Auf der Statusseite ansehen
