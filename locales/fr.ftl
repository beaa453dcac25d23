# Français. Same messages as en.ftl (see there what each is for).

## How this language is written

direction = ltr
date-locale = fr_FR
date-time = %-d %b %Y, { time-of-day } %Z
date-long = %-d %B %Y
date-short = %-d %b %Y
month-year = %B %Y
month-name = %B
time-of-day = %H:%M
time-of-day-seconds = %H:%M:%S
date-day-month = %-d %b
date-month-short = %b
date-year = %Y
decimal-separator = ,
percent = { $value } %

## Lists and durations

list-separator = {", "}
list-and = { $init } et { $last }
duration-zero = 0 min
duration-under-minute = <1 min
duration-days = { $n } j
duration-hours = { $n } h
duration-minutes = { $n } min
duration-separator = {" "}

## The summary sentence that opens every rendering of a record

summary-incident = { $site } a subi { $severity ->
        [minor] un incident mineur
        [major] un incident majeur
        [critical] un incident critique
       *[none] un incident
    } le { $day }{ $count ->
        [0] {""}
       *[other] {" "}touchant { $components }
    }, d’une durée de { $duration }.
summary-incident-ongoing = { $site } subit depuis le { $day } { $severity ->
        [minor] un incident mineur
        [major] un incident majeur
        [critical] un incident critique
       *[none] un incident
    }{ $count ->
        [0] {""}
       *[other] {" "}touchant { $components }
    }, toujours en cours.
summary-maintenance = { $site } a effectué une maintenance planifiée le { $day }{ $count ->
        [0] {""}
       *[other] {" "}touchant { $components }
    }, d’une durée de { $duration }.
summary-maintenance-underway = { $site } effectue une maintenance planifiée le { $day }{ $count ->
        [0] {""}
       *[other] {" "}touchant { $components }
    }.
summary-maintenance-scheduled = { $site } a planifié une maintenance le { $day }{ $count ->
        [0] {""}
       *[other] {" "}touchant { $components }
    }.

## Statuses

status-investigating = Enquête en cours
status-identified = Identifié
status-monitoring = Surveillance
status-resolved = Résolu
status-postmortem = Post-mortem
status-scheduled = Planifiée
status-in_progress = En cours
status-verifying = Vérification
status-completed = Terminée
component-operational = Opérationnel
component-degraded_performance = Performances dégradées
component-partial_outage = Panne partielle
component-major_outage = Panne majeure
component-under_maintenance = En maintenance
overall-operational = Tous les systèmes sont opérationnels
overall-incident = Incident en cours
severity-impact = { $severity ->
        [none] Aucun impact
        [minor] Impact mineur
        [major] Impact majeur
       *[critical] Impact critique
    }

## Figures

figure-duration = Durée
figure-impact = Impact
figure-time-to-detect = Délai de détection
figure-time-to-acknowledge = Délai de prise en charge
figure-time-to-mitigate = Délai d’atténuation
figure-time-to-resolve = Délai de résolution

## Every page

site-title = { $site } : état des services
site-description = { $site } : état et historique des incidents
feed-title = Incidents | { $site }
feed-description = Incidents signalés sur la page d’état du service { $site }
subscribe = S’abonner
nav-rss = RSS
nav-atom = Atom
nav-json = JSON
nav-calendar = Calendrier
footer = { $site } · heures en { $timezone }
maintenance = Maintenance
no-incidents = Aucun incident signalé.

## The front page

open-incidents = Incidents en cours
upcoming-maintenance = Maintenances à venir
add-to-calendar = Ajoutez chaque créneau prévu à votre agenda :
calendar-file = maintenance.ics
components = Composants
no-components = Aucun composant pour l’instant.
incident-history = Historique des incidents
no-recent-incidents = { $days ->
        [one] Aucun incident au cours du dernier jour.
       *[other] Aucun incident au cours des { $days } derniers jours.
    }
older-incidents = Incidents plus anciens : l’archive
uptime-label = { $days ->
        [one] { $component } : { $availability } de disponibilité sur le dernier jour
       *[other] { $component } : { $availability } de disponibilité sur les { $days } derniers jours
    }
days-ago = il y a { $days } { $days ->
        [one] jour
       *[other] jours
    }
available-share = { $availability } de disponibilité
today = Aujourd’hui
day-no-downtime = { $day } : aucune interruption
day-downtime = { $day } : { $downtime }
downtime-part = { $status } { $duration }

## A component's page

component-description = État, disponibilité et incidents du composant { $component } chez { $site }
component-feed-title = Incidents du composant { $component } | { $site }
component-feed-description = Incidents du composant { $component } signalés sur la page d’état du service { $site }
availability = Disponibilité
period = Période
available = Disponible
last-days = { $days ->
        [one] Dernier jour
       *[other] { $days } derniers jours
    }
component-updates-only = Uniquement les mises à jour du composant { $component } :
maintenance-calendar = Calendrier des maintenances (iCalendar)
badge = Badge
badge-alt = État du composant { $component }
badge-markdown = Markdown :
badge-html = HTML :
incidents = Incidents

## The history archive

history = Historique
history-description = { $site } : tous les incidents et maintenances, par mois
record-count = { $count } { $count ->
        [one] entrée
       *[other] entrées
    }
month-description = { $site } : incidents et maintenances en { $month }
months = Mois
newer = Plus récent : { $month }
older = Plus ancien : { $month }

## A record's page and its Markdown

affected-components = Composants concernés
scheduled = Planifiée
time-to = au
update-timeline = Chronologie des mises à jour
figures = Indicateurs
figure = Indicateur
value = Valeur
windows-caption = Périodes où les utilisateurs ont été affectés
component = Composant
status = État
start = Début
end = Fin
length = Durée
ongoing = en cours

## The postmortem

postmortem = Post-mortem
published = Publié le
by-authors = par { $authors }
summary = Résumé
impact = Impact
timeline = Chronologie
time = Heure
event = Événement
internal = Interne
internal-note = interne
root-cause = Cause première
trigger = Déclencheur
detection = Détection
resolution = Résolution
contributing-factors = Facteurs contributifs
lessons = Enseignements
went-well = Ce qui a bien fonctionné
went-wrong = Ce qui a mal fonctionné
lucky = Là où nous avons eu de la chance
action-items = Actions
action = Action
kind = Type
owner = Responsable
due = Échéance
action-kind = { $kind ->
        [prevent] prévenir
        [mitigate] atténuer
        [detect] détecter
       *[process] processus
    }
action-open = Ouverte
action-in_progress = En cours
action-done = Terminée
action-wontfix = Ne sera pas corrigée

## Component archives and postmortem previews

no-incidents-days = { $days ->
        [one] Aucun incident au cours du dernier jour.
       *[other] Aucun incident au cours des { $days } derniers jours.
    }
component-history = Historique du composant { $component }
component-history-description = Tous les incidents et maintenances du composant { $component } chez { $site }, par mois
component-month-description = Incidents et maintenances du composant { $component } chez { $site } en { $month }
draft-banner = Aperçu : cette version montre des post-mortems pas encore publiés (brouillons et en relecture), chacun signalé. Ne la publiez pas.
draft-not-published = Non publié :
draft-preview = aperçu d’un post-mortem { $status ->
        [draft] en cours de rédaction
       *[other] en relecture
    }
draft-owner = responsable : { $owner }
draft-reviewers = relecteurs : { $reviewers }
postmortem-draft = Brouillon
postmortem-in-review = En relecture
timeline-caption = Heures en { $zone }. Les mises à jour et les tableaux ci-dessous donnent chaque heure en entier.
component-archive-link = Incidents plus anciens du composant { $component } : son historique

## l10n

label-colon = { $label } :
time-from = du
date-long-first = 1er %B %Y
badge-words = { $name } : { $status }
badge-status = { $status ->
        [operational] opérationnel
        [degraded_performance] performances dégradées
        [partial_outage] panne partielle
        [major_outage] panne majeure
        [under_maintenance] en maintenance
       *[incident] incident en cours
    }
calendar-name = { $site } : maintenances
component-calendar-name = { $site } : maintenances du composant { $component }
months-short = janv.|févr.|mars|avr.|mai|juin|juil.|août|sept.|oct.|nov.|déc.

## apifix

maintenance-in-progress = Maintenances en cours

## The timeline chart of a record's page

timeline-title = Chronologie de { $title }
timeline-milestones = Jalons
timeline-updates = Mises à jour
timeline-started = Début
timeline-detected = Détection
timeline-acknowledged = Prise en charge
timeline-mitigated = Atténuation
timeline-resolved = Résolution
timeline-completed = Fin
timeline-now = Maintenant
timeline-scheduled-window = Créneau planifié
timeline-no-impact = aucune période d’impact
timeline-tooltip = { $what }, { $time }
timeline-window = { $status } { $from }–{ $to } ({ $duration })
timeline-window-open = { $status } depuis { $from } (en cours)
timeline-bar = { $status } · { $duration }
timeline-bar-open = { $status } · en cours
timeline-desc-day = { $day }, heures en { $zone }.
timeline-desc-days = Du { $from } au { $to }, heures en { $zone }.
timeline-desc-scheduled = Créneau planifié { $from }–{ $to } ({ $duration }).
timeline-desc-lane = { $component } : { $windows }.
timeline-desc-milestones = { $milestones }.
timeline-desc-updates = Mises à jour : { $updates }.
timeline-desc-separator = {" "}

## Notifications (`notify`)

notify-update = Mise à jour
notify-new-maintenance = Maintenance planifiée
notify-maintenance-changed = Maintenance reportée
notify-maintenance-starting = Maintenance imminente
notify-postmortem = Post-mortem publié
notify-component-status = État du composant
notify-headline = { $label } : { $title }
notify-fact-components = Composants
notify-fact-status = État
notify-fact-severity = Gravité
notify-fact-window = Créneau
notify-fact-impact = Impact
notify-fact-when = Quand
notify-severity = { $severity ->
        [minor] mineure
        [major] majeure
       *[critical] critique
    }
notify-view = Voir sur la page d’état
