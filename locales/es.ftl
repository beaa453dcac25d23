# Español. Same messages as en.ftl (see there what each is for).

## How this language is written

direction = ltr
date-locale = es_ES
date-time = %-d %b %Y, { time-of-day } %Z
date-long = %-d de %B de %Y
date-short = %-d %b %Y
month-year = %B de %Y
month-name = %B
time-of-day = %H:%M
time-of-day-seconds = %H:%M:%S
date-day-month = %-d %b
date-month-short = %b
date-year = %Y
decimal-separator = ,
percent = { $value } %

## Lists and durations

list-separator = {", "}
list-and = { $init } y { $last }
duration-zero = 0 min
duration-under-minute = <1 min
duration-days = { $n } d
duration-hours = { $n } h
duration-minutes = { $n } min
duration-separator = {" "}

## The summary sentence that opens every rendering of a record

summary-incident = { $site } sufrió { $severity ->
        [minor] un incidente menor
        [major] un incidente grave
        [critical] un incidente crítico
       *[none] un incidente
    } el { $day }{ $count ->
        [0] {""}
       *[other] {" "}que afectó a { $components }
    }, con una duración de { $duration }.
summary-incident-ongoing = { $site } sufre desde el { $day } { $severity ->
        [minor] un incidente menor
        [major] un incidente grave
        [critical] un incidente crítico
       *[none] un incidente
    }{ $count ->
        [0] {""}
       *[other] {" "}que afecta a { $components }
    }, aún en curso.
summary-maintenance = { $site } realizó un mantenimiento programado el { $day }{ $count ->
        [0] {""}
       *[other] {" "}que afectó a { $components }
    }, con una duración de { $duration }.
summary-maintenance-underway = { $site } está realizando un mantenimiento programado el { $day }{ $count ->
        [0] {""}
       *[other] {" "}que afecta a { $components }
    }.
summary-maintenance-scheduled = { $site } tiene un mantenimiento programado el { $day }{ $count ->
        [0] {""}
       *[other] {" "}que afectará a { $components }
    }.

## Statuses

status-investigating = Investigando
status-identified = Identificado
status-monitoring = Supervisando
status-resolved = Resuelto
status-postmortem = Análisis posterior
status-scheduled = Programado
status-in_progress = En curso
status-verifying = Verificando
status-completed = Completado
component-operational = Operativo
component-degraded_performance = Rendimiento degradado
component-partial_outage = Interrupción parcial
component-major_outage = Interrupción grave
component-under_maintenance = En mantenimiento
overall-operational = Todos los sistemas operativos
overall-incident = Incidente en curso
severity-impact = { $severity ->
        [none] Sin impacto
        [minor] Impacto menor
        [major] Impacto grave
       *[critical] Impacto crítico
    }

## Figures

figure-duration = Duración
figure-impact = Impacto
figure-time-to-detect = Tiempo hasta la detección
figure-time-to-acknowledge = Tiempo hasta la confirmación
figure-time-to-mitigate = Tiempo hasta la mitigación
figure-time-to-resolve = Tiempo hasta la resolución

## Every page

site-title = Estado de { $site }
site-description = Estado e historial de incidentes de { $site }
feed-title = Incidentes | { $site }
feed-description = Incidentes publicados en la página de estado de { $site }
subscribe = Suscribirse
nav-rss = RSS
nav-atom = Atom
nav-json = JSON
nav-calendar = Calendario
footer = { $site } · horas en { $timezone }
maintenance = Mantenimiento
no-incidents = No se han registrado incidentes.

## The front page

open-incidents = Incidentes abiertos
upcoming-maintenance = Próximos mantenimientos
add-to-calendar = Añada cada ventana planificada a su calendario:
calendar-file = maintenance.ics
components = Componentes
no-components = Aún no hay componentes.
incident-history = Historial de incidentes
no-recent-incidents = { $days ->
        [one] No hubo incidentes en el último día.
       *[other] No hubo incidentes en los últimos { $days } días.
    }
older-incidents = Incidentes anteriores: el archivo
uptime-label = { $days ->
        [one] { $component }: { $availability } de disponibilidad en el último día
       *[other] { $component }: { $availability } de disponibilidad en los últimos { $days } días
    }
days-ago = hace { $days } { $days ->
        [one] día
       *[other] días
    }
available-share = { $availability } de disponibilidad
today = Hoy
day-no-downtime = { $day }: sin interrupciones
day-downtime = { $day }: { $downtime }
downtime-part = { $status } { $duration }

## A component's page

component-description = Estado, disponibilidad e incidentes de { $component } en { $site }
component-feed-title = Incidentes de { $component } | { $site }
component-feed-description = Incidentes de { $component } publicados en la página de estado de { $site }
availability = Disponibilidad
period = Período
available = Disponible
last-days = { $days ->
        [one] Último día
       *[other] Últimos { $days } días
    }
component-updates-only = Solo las actualizaciones de { $component }:
maintenance-calendar = Calendario de mantenimientos (iCalendar)
badge = Insignia
badge-alt = Estado de { $component }
badge-markdown = Markdown:
badge-html = HTML:
incidents = Incidentes

## The history archive

history = Historial
history-description = Todos los incidentes y mantenimientos de { $site }, por mes
record-count = { $count } { $count ->
        [one] registro
       *[other] registros
    }
month-description = Incidentes y mantenimientos de { $site } en { $month }
months = Meses
newer = Más reciente: { $month }
older = Anterior: { $month }

## A record's page and its Markdown

affected-components = Componentes afectados
scheduled = Programado
time-to = hasta
update-timeline = Cronología de actualizaciones
figures = Métricas
figure = Métrica
value = Valor
windows-caption = Cuándo se vieron afectados los usuarios
component = Componente
status = Estado
start = Inicio
end = Fin
length = Duración
ongoing = en curso

## The postmortem

postmortem = Análisis posterior
published = Publicado el
by-authors = por { $authors }
summary = Resumen
impact = Impacto
timeline = Cronología
time = Hora
event = Evento
internal = Interno
internal-note = interno
root-cause = Causa raíz
trigger = Desencadenante
detection = Detección
resolution = Resolución
contributing-factors = Factores contribuyentes
lessons = Lecciones
went-well = Qué salió bien
went-wrong = Qué salió mal
lucky = Dónde tuvimos suerte
action-items = Acciones
action = Acción
kind = Tipo
owner = Responsable
due = Vencimiento
action-kind = { $kind ->
        [prevent] prevenir
        [mitigate] mitigar
        [detect] detectar
       *[process] proceso
    }
action-open = Abierta
action-in_progress = En curso
action-done = Hecha
action-wontfix = No se corregirá

## Component archives and postmortem previews

no-incidents-days = { $days ->
        [one] No hubo incidentes en el último día.
       *[other] No hubo incidentes en los últimos { $days } días.
    }
component-history = Historial de { $component }
component-history-description = Todos los incidentes y mantenimientos de { $component } en { $site }, por mes
component-month-description = Incidentes y mantenimientos de { $component } en { $site } en { $month }
draft-banner = Vista previa: esta compilación muestra análisis posteriores aún no publicados (borradores y en revisión), cada uno marcado. No la publique.
draft-not-published = No publicado:
draft-preview = vista previa de un análisis posterior { $status ->
        [draft] en redacción
       *[other] en revisión
    }
draft-owner = responsable: { $owner }
draft-reviewers = revisores: { $reviewers }
postmortem-draft = Borrador
postmortem-in-review = En revisión
timeline-caption = Horas en { $zone }. Las actualizaciones y las tablas de abajo dan cada hora completa.
component-archive-link = Incidentes anteriores de { $component }: su historial

## l10n

label-colon = { $label }:
time-from = desde
date-long-first = { date-long }
badge-words = { $name }: { $status }
badge-status = { $status ->
        [operational] operativo
        [degraded_performance] rendimiento degradado
        [partial_outage] interrupción parcial
        [major_outage] interrupción grave
        [under_maintenance] en mantenimiento
       *[incident] incidente en curso
    }
calendar-name = Mantenimientos de { $site }
component-calendar-name = Mantenimientos de { $component } en { $site }
months-short = {""}
## apifix

maintenance-in-progress = Mantenimientos en curso

## The timeline chart of a record's page

timeline-title = Cronología de { $title }
timeline-milestones = Hitos
timeline-updates = Actualizaciones
timeline-started = Inicio
timeline-detected = Detección
timeline-acknowledged = Reconocimiento
timeline-mitigated = Mitigación
timeline-resolved = Resolución
timeline-completed = Finalización
timeline-now = Ahora
timeline-scheduled-window = Ventana programada
timeline-no-impact = sin periodo de impacto
timeline-tooltip = { $what }, { $time }
timeline-window = { $status } { $from }–{ $to } ({ $duration })
timeline-window-open = { $status } desde { $from } (en curso)
timeline-bar = { $status } · { $duration }
timeline-bar-open = { $status } · en curso
timeline-desc-day = { $day }, horas en { $zone }.
timeline-desc-days = Del { $from } al { $to }, horas en { $zone }.
timeline-desc-scheduled = Ventana programada { $from }–{ $to } ({ $duration }).
timeline-desc-lane = { $component }: { $windows }.
timeline-desc-milestones = { $milestones }.
timeline-desc-updates = Actualizaciones: { $updates }.
timeline-desc-separator = {" "}

## Notifications (`notify`)

notify-update = Actualización
notify-new-maintenance = Mantenimiento programado
notify-maintenance-changed = Mantenimiento reprogramado
notify-maintenance-starting = El mantenimiento empieza pronto
notify-postmortem = Análisis posterior publicado
notify-component-status = Estado del componente
notify-headline = { $label }: { $title }
notify-fact-components = Componentes
notify-fact-status = Estado
notify-fact-severity = Gravedad
notify-fact-window = Ventana
notify-fact-impact = Impacto
notify-fact-when = Cuándo
notify-severity = { $severity ->
        [minor] leve
        [major] grave
       *[critical] crítica
    }
notify-view = Ver en la página de estado
