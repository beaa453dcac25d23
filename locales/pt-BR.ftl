# Português (Brasil). Same messages as en.ftl (see there what each is for).

## How this language is written

direction = ltr
date-locale = pt_BR
date-time = %d/%m/%Y, { time-of-day } %Z
date-long = %-d de %B de %Y
date-short = %-d de %b de %Y
month-year = %B de %Y
month-name = %B
time-of-day = %H:%M
time-of-day-seconds = %H:%M:%S
date-day-month = %-d de %b
date-month-short = %b
date-year = %Y
decimal-separator = ,
percent = { $value }%

## Lists and durations

list-separator = {", "}
list-and = { $init } e { $last }
duration-zero = 0 min
duration-under-minute = <1 min
duration-days = { $n } d
duration-hours = { $n } h
duration-minutes = { $n } min
duration-separator = {" "}

## The summary sentence that opens every rendering of a record

summary-incident = { $site } teve { $severity ->
        [minor] um incidente menor
        [major] um incidente grave
        [critical] um incidente crítico
       *[none] um incidente
    } em { $day }{ $count ->
        [0] {""}
       *[other] {" "}afetando { $components }
    }, com duração de { $duration }.
summary-incident-ongoing = { $site } tem desde { $day } { $severity ->
        [minor] um incidente menor
        [major] um incidente grave
        [critical] um incidente crítico
       *[none] um incidente
    }{ $count ->
        [0] {""}
       *[other] {" "}afetando { $components }
    }, ainda em andamento.
summary-maintenance = { $site } realizou uma manutenção programada em { $day }{ $count ->
        [0] {""}
       *[other] {" "}afetando { $components }
    }, com duração de { $duration }.
summary-maintenance-underway = { $site } está realizando uma manutenção programada em { $day }{ $count ->
        [0] {""}
       *[other] {" "}afetando { $components }
    }.
summary-maintenance-scheduled = { $site } tem uma manutenção programada em { $day }{ $count ->
        [0] {""}
       *[other] {" "}afetando { $components }
    }.

## Statuses

status-investigating = Investigando
status-identified = Identificado
status-monitoring = Monitorando
status-resolved = Resolvido
status-postmortem = Postmortem
status-scheduled = Programada
status-in_progress = Em andamento
status-verifying = Verificando
status-completed = Concluída
component-operational = Operacional
component-degraded_performance = Desempenho degradado
component-partial_outage = Interrupção parcial
component-major_outage = Interrupção grave
component-under_maintenance = Em manutenção
overall-operational = Todos os sistemas operacionais
overall-incident = Incidente em andamento
severity-impact = { $severity ->
        [none] Sem impacto
        [minor] Impacto menor
        [major] Impacto grave
       *[critical] Impacto crítico
    }

## Figures

figure-duration = Duração
figure-impact = Impacto
figure-time-to-detect = Tempo até a detecção
figure-time-to-acknowledge = Tempo até o reconhecimento
figure-time-to-mitigate = Tempo até a mitigação
figure-time-to-resolve = Tempo até a resolução

## Every page

site-title = Status do serviço – { $site }
site-description = Status e histórico de incidentes de { $site }
feed-title = Incidentes | { $site }
feed-description = Incidentes publicados na página de status de { $site }
subscribe = Assinar
nav-rss = RSS
nav-atom = Atom
nav-json = JSON
nav-calendar = Calendário
footer = { $site } · horários em { $timezone }
maintenance = Manutenção
no-incidents = Nenhum incidente registrado.

## The front page

open-incidents = Incidentes em aberto
upcoming-maintenance = Próximas manutenções
add-to-calendar = Adicione todas as janelas planejadas à sua agenda:
calendar-file = maintenance.ics
components = Componentes
no-components = Nenhum componente ainda.
incident-history = Histórico de incidentes
no-recent-incidents = { $days ->
        [one] Nenhum incidente no último dia.
       *[other] Nenhum incidente nos últimos { $days } dias.
    }
older-incidents = Incidentes anteriores: o arquivo
uptime-label = { $days ->
        [one] { $component }: { $availability } de disponibilidade no último dia
       *[other] { $component }: { $availability } de disponibilidade nos últimos { $days } dias
    }
days-ago = há { $days } { $days ->
        [one] dia
       *[other] dias
    }
available-share = { $availability } de disponibilidade
today = Hoje
day-no-downtime = { $day }: sem indisponibilidade
day-downtime = { $day }: { $downtime }
downtime-part = { $status } { $duration }

## A component's page

component-description = Status, disponibilidade e incidentes de { $component } em { $site }
component-feed-title = Incidentes de { $component } | { $site }
component-feed-description = Incidentes de { $component } publicados na página de status de { $site }
availability = Disponibilidade
period = Período
available = Disponível
last-days = { $days ->
        [one] Último dia
       *[other] Últimos { $days } dias
    }
component-updates-only = Somente as atualizações de { $component }:
maintenance-calendar = Calendário de manutenções (iCalendar)
badge = Selo
badge-alt = Status do componente { $component }
badge-markdown = Markdown:
badge-html = HTML:
incidents = Incidentes

## The history archive

history = Histórico
history-description = Todos os incidentes e manutenções de { $site }, por mês
record-count = { $count } { $count ->
        [one] registro
       *[other] registros
    }
month-description = Incidentes e manutenções de { $site } em { $month }
months = Meses
newer = Mais recente: { $month }
older = Mais antigo: { $month }

## A record's page and its Markdown

affected-components = Componentes afetados
scheduled = Programada
time-to = até
update-timeline = Linha do tempo das atualizações
figures = Métricas
figure = Métrica
value = Valor
windows-caption = Quando os usuários foram afetados
component = Componente
status = Status
start = Início
end = Fim
length = Duração
ongoing = em andamento

## The postmortem

postmortem = Postmortem
published = Publicado em
by-authors = por { $authors }
summary = Resumo
impact = Impacto
timeline = Linha do tempo
time = Horário
event = Evento
internal = Interno
internal-note = interno
root-cause = Causa raiz
trigger = Gatilho
detection = Detecção
resolution = Resolução
contributing-factors = Fatores contribuintes
lessons = Lições
went-well = O que deu certo
went-wrong = O que deu errado
lucky = Onde tivemos sorte
action-items = Ações
action = Ação
kind = Tipo
owner = Responsável
due = Prazo
action-kind = { $kind ->
        [prevent] prevenir
        [mitigate] mitigar
        [detect] detectar
       *[process] processo
    }
action-open = Aberta
action-in_progress = Em andamento
action-done = Concluída
action-wontfix = Não será corrigida

## Component archives and postmortem previews

no-incidents-days = { $days ->
        [one] Nenhum incidente no último dia.
       *[other] Nenhum incidente nos últimos { $days } dias.
    }
component-history = Histórico de { $component }
component-history-description = Todos os incidentes e manutenções de { $component } em { $site }, por mês
component-month-description = Incidentes e manutenções de { $component } em { $site } em { $month }
draft-banner = Pré-visualização: esta versão mostra postmortems ainda não publicados (rascunhos e em revisão), cada um marcado. Não a publique.
draft-not-published = Não publicado:
draft-preview = pré-visualização de um postmortem { $status ->
        [draft] em redação
       *[other] em revisão
    }
draft-owner = responsável: { $owner }
draft-reviewers = revisores: { $reviewers }
postmortem-draft = Rascunho
postmortem-in-review = Em revisão
timeline-caption = Horários em { $zone }. As atualizações e as tabelas abaixo dão cada horário completo.
component-archive-link = Incidentes anteriores de { $component }: seu histórico

## l10n

label-colon = { $label }:
time-from = de
date-long-first = 1º de %B de %Y
badge-words = { $name }: { $status }
badge-status = { $status ->
        [operational] operacional
        [degraded_performance] desempenho degradado
        [partial_outage] interrupção parcial
        [major_outage] interrupção grave
        [under_maintenance] em manutenção
       *[incident] incidente em andamento
    }
calendar-name = Manutenções de { $site }
component-calendar-name = Manutenções de { $component } em { $site }
months-short = jan.|fev.|mar.|abr.|mai.|jun.|jul.|ago.|set.|out.|nov.|dez.
## apifix

maintenance-in-progress = Manutenções em andamento

## The timeline chart of a record's page

timeline-title = Linha do tempo de { $title }
timeline-milestones = Marcos
timeline-updates = Atualizações
timeline-started = Início
timeline-detected = Detecção
timeline-acknowledged = Reconhecimento
timeline-mitigated = Mitigação
timeline-resolved = Resolução
timeline-completed = Conclusão
timeline-now = Agora
timeline-scheduled-window = Janela programada
timeline-no-impact = nenhum período de impacto
timeline-tooltip = { $what }, { $time }
timeline-window = { $status } { $from }–{ $to } ({ $duration })
timeline-window-open = { $status } desde { $from } (em andamento)
timeline-bar = { $status } · { $duration }
timeline-bar-open = { $status } · em andamento
timeline-desc-day = { $day }, horários em { $zone }.
timeline-desc-days = De { $from } a { $to }, horários em { $zone }.
timeline-desc-scheduled = Janela programada { $from }–{ $to } ({ $duration }).
timeline-desc-lane = { $component }: { $windows }.
timeline-desc-milestones = { $milestones }.
timeline-desc-updates = Atualizações: { $updates }.
timeline-desc-separator = {" "}

## Notifications (`notify`)

notify-update = Atualização
notify-new-maintenance = Manutenção programada
notify-maintenance-changed = Manutenção reprogramada
notify-maintenance-starting = Manutenção começa em breve
notify-postmortem = Postmortem publicado
notify-component-status = Status do componente
notify-headline = { $label }: { $title }
notify-fact-components = Componentes
notify-fact-status = Status
notify-fact-severity = Gravidade
notify-fact-window = Janela
notify-fact-impact = Impacto
notify-fact-when = Quando
notify-severity = { $severity ->
        [minor] menor
        [major] grave
       *[critical] crítica
    }
notify-view = Ver na página de status
