#!/bin/sh
# The consultant's customisations for Acme Andina, made on a staging instance through the
# metadata API (the admin UI screens make the same calls). `kith config export` turned the
# result into ./package. Needs TOKEN (an administrator's token, see README.md); API defaults
# to a local instance.
set -e
API=${API:-http://localhost:3000/api/v1}
H="Authorization: Bearer ${TOKEN:?set TOKEN to an administrator's token}"
OUT=$(mktemp)
# Each call prints its method, path and HTTP status; an answer other than 2xx stops the script.
call() {
  status=$(curl -s -o "$OUT" -w '%{http_code}' -X "$1" "$API$2" -H "$H" -H 'content-type: application/json' ${3:+-d "$3"})
  echo "$1 $2 -> $status"
  case $status in 2*) ;; *) cat "$OUT"; echo; exit 1 ;; esac
}

call POST /metadata/entities/company/fields '{"name":"taxId","type":"text","label":{"en":"Tax ID (RUC)","es":"RUC"},"maxLength":13,"searchable":true}'
call POST /metadata/entities/company/fields '{"name":"salesRegion","type":"select","label":{"en":"Sales region","es":"Zona de ventas"},"options":[{"value":"north","label":{"en":"North","es":"Norte"}},{"value":"centre","label":{"en":"Centre","es":"Centro"}},{"value":"south","label":{"en":"South","es":"Sur"}},{"value":"ecuador","label":"Ecuador"}]}'
call PATCH /metadata/entities/deal/fields/stage '{"options":[{"value":"prospecting","label":"Prospecting","color":"#94a3b8"},{"value":"qualification","label":"Qualification","color":"#60a5fa"},{"value":"proposal","label":"Proposal","color":"#a78bfa"},{"value":"negotiation","label":"Negotiation","color":"#f59e0b"},{"value":"on-hold","label":{"en":"On hold","es":"En pausa"},"color":"#64748b"},{"value":"won","label":"Won","color":"#22c55e"},{"value":"lost","label":"Lost","color":"#ef4444"}]}'
call POST /metadata/entities/deal/fields '{"name":"lossCategory","type":"select","label":{"en":"Loss category","es":"Motivo de pérdida"},"options":["price","timing","competitor","no-decision"]}'
call PATCH /metadata/entities/deal/fields/source '{"label":{"en":"Lead source","es":"Origen"}}'
call POST /metadata/entities '{"name":"siteVisit","label":{"en":"Site visit","es":"Visita técnica"},"labelPlural":{"en":"Site visits","es":"Visitas técnicas"},"fields":[{"name":"subject","type":"text","required":true,"maxLength":200},{"name":"company","type":"relation","target":"company","inverse":"siteVisits"},{"name":"deal","type":"relation","target":"deal","inverse":"siteVisits"},{"name":"visitedAt","type":"datetime"},{"name":"outcome","type":"select","options":["positive","neutral","negative"]},{"name":"notes","type":"longText"}],"indexes":[{"fields":["visitedAt"]}],"titleField":"subject"}'
call POST /metadata/entities/deal/indexes '{"fields":["lossCategory"]}'
call POST /metadata/entities/deal/rules '{"name":"lostNeedsCategory","condition":{"and":[{"==":[{"var":"stage"},"lost"]},{"!":{"var":"lossCategory"}}]},"message":{"en":"A lost deal needs a loss category.","es":"Un negocio perdido necesita un motivo."},"fields":["lossCategory"]}'
call POST /metadata/roles '{"name":"field-engineer","label":{"en":"Field engineer","es":"Ingeniero de campo"},"description":"Visits customer sites; reads companies and deals.","grants":{"siteVisit":{"create":"all","read":"all","edit":"own","delete":"own"},"company":{"create":"none","read":"all","edit":"none","delete":"none","fields":{"annualRevenue":{"read":false,"edit":false}}},"deal":{"create":"none","read":"all","edit":"none","delete":"none"}}}'
call PATCH /metadata/roles/sales-rep '{"grants":{"siteVisit":{"create":"all","read":"all","edit":"own","delete":"none"}}}'
call POST /workflows '{"id":"won-deal-site-visit","label":{"en":"Plan a kick-off visit for a won deal","es":"Planificar visita de arranque"},"entity":"deal","trigger":{"type":"fieldChanged","field":"stage","to":"won"},"actions":[{"type":"createRecord","entity":"siteVisit","values":{"subject":"Kick-off visit","deal":{"formula":{"var":"record.id"}},"company":{"formula":{"var":"record.company"}}}}]}'
