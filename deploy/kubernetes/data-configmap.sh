#!/usr/bin/env bash
# Prints the ConfigMap laso-data: the data files a province edits (tariffs,
# message templates, the sorting guide, holidays, the boundary), from deploy/data.
#   deploy/kubernetes/data-configmap.sh | kubectl apply -f -
set -euo pipefail
data="$(dirname "$0")/../data"
kubectl create configmap laso-data --dry-run=client -o yaml \
  --from-file="$data/boundary/long-an.geojson" --from-file="$data/billing/providers.json" \
  --from-file="$data/notify/templates.json" --from-file="$data/waste/guide.json" \
  $(for f in "$data"/calendar/*.toml "$data"/privacy/notice-v*.toml; do printf -- '--from-file=%s ' "$f"; done)
