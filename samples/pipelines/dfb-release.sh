#!/usr/bin/env bash
# Starts a DevOpsFeedback release and follows it to a terminal state.
#   POST {DFB_API_BASE_URL}/releases, then GET {DFB_API_BASE_URL}/releases/{id} every DFB_POLL_SECONDS until the
#   release is terminal or DFB_TIMEOUT_MINUTES pass. Exit 0 when it succeeded; 1 when it was rolled back, blocked,
#   rejected or failed (the reason is printed); 2 on a usage, HTTP or timeout error.
# Auth: DFB_API_KEY if set (sent as x-functions-key), otherwise the key is fetched at run time with the pipeline's
# federated (OIDC) Azure login: `az functionapp keys list` on DFB_FUNCTION_APP in DFB_RESOURCE_GROUP. No stored secret.
set -euo pipefail

die() { echo "dfb-release: $*" >&2; exit 2; }
need() { [[ -n "${!1:-}" ]] || die "$1 is required"; }

need DFB_API_BASE_URL
need DFB_APP
need DFB_CANDIDATE_VERSION
need DFB_CANDIDATE_COMMIT
need DFB_REQUESTED_BY
change_type="${DFB_CHANGE_TYPE:-standard}"
database_change="${DFB_DATABASE_CHANGE:-none}"
poll_seconds="${DFB_POLL_SECONDS:-15}"
timeout_minutes="${DFB_TIMEOUT_MINUTES:-120}"
max_poll_errors="${DFB_MAX_POLL_ERRORS:-5}"
[[ "$poll_seconds" =~ ^[0-9]+$ ]] || die "DFB_POLL_SECONDS must be a whole number of seconds"
[[ "$timeout_minutes" =~ ^[0-9]+$ && "$timeout_minutes" -gt 0 ]] || die "DFB_TIMEOUT_MINUTES must be a positive whole number"
[[ "$max_poll_errors" =~ ^[0-9]+$ && "$max_poll_errors" -gt 0 ]] || die "DFB_MAX_POLL_ERRORS must be a positive whole number"
[[ "$DFB_CANDIDATE_COMMIT" =~ ^([0-9a-fA-F]{40}|[0-9a-fA-F]{64})$ ]] || die "DFB_CANDIDATE_COMMIT must be 40 or 64 hex characters"
command -v jq >/dev/null || die "jq is required"
command -v curl >/dev/null || die "curl is required"

api_key="${DFB_API_KEY:-}"
if [[ -z "$api_key" ]]; then
  need DFB_FUNCTION_APP
  need DFB_RESOURCE_GROUP
  api_key="$(az functionapp keys list --name "$DFB_FUNCTION_APP" --resource-group "$DFB_RESOURCE_GROUP" \
    --query "functionKeys.${DFB_KEY_NAME:-releases}" --output tsv)" || die "could not read the function key with the pipeline identity"
  [[ -n "$api_key" && "$api_key" != "None" ]] || die "function key '${DFB_KEY_NAME:-releases}' not found on $DFB_FUNCTION_APP"
  if [[ -n "${GITHUB_ACTIONS:-}" ]]; then echo "::add-mask::$api_key"; fi
  if [[ -n "${TF_BUILD:-}" ]]; then echo "##vso[task.setvariable variable=DFB_FETCHED_KEY;issecret=true]$api_key"; fi
fi

body="$(jq -n \
  --arg releaseId "${DFB_RELEASE_ID:-}" \
  --arg app "$DFB_APP" \
  --arg candidateVersion "$DFB_CANDIDATE_VERSION" \
  --arg candidateCommit "$DFB_CANDIDATE_COMMIT" \
  --arg changeType "$change_type" \
  --arg databaseChange "$database_change" \
  --arg rollbackPlan "${DFB_ROLLBACK_PLAN:-}" \
  --arg requestedBy "$DFB_REQUESTED_BY" \
  --arg workItem "${DFB_WORK_ITEM_URL:-}" \
  '{app: $app, candidateVersion: $candidateVersion, candidateCommit: $candidateCommit, changeType: $changeType,
    databaseChange: $databaseChange, requestedBy: $requestedBy}
   + (if $releaseId != "" then {releaseId: $releaseId} else {} end)
   + (if $rollbackPlan != "" then {rollbackPlan: $rollbackPlan} else {} end)
   + (if $workItem != "" then {workItems: [$workItem]} else {} end)')"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# call METHOD URL [BODY] -> prints the HTTP status; the response body is in $tmp/body.
call() {
  local args=(--silent --show-error --max-time 30 --output "$tmp/body" --write-out '%{http_code}'
    --header "x-functions-key: $api_key" --header 'Accept: application/json' --request "$1")
  if [[ $# -ge 3 ]]; then args+=(--header 'Content-Type: application/json' --data-binary "$3"); fi
  : > "$tmp/body"
  local code
  # curl prints 000 itself when it cannot connect; its exit status is then reported through that code.
  code="$(curl "${args[@]}" "$2")" || echo "dfb-release: curl $1 $2 failed (exit $?)" >&2
  echo "${code:-000}"
}

status_code="$(call POST "$DFB_API_BASE_URL/releases" "$body")"
case "$status_code" in
  200|202) ;;
  *) echo "dfb-release: POST /releases answered $status_code:" >&2; cat "$tmp/body" >&2; echo >&2; exit 2 ;;
esac
release_id="$(jq -er '.releaseId' "$tmp/body")" || die "the response has no releaseId"
echo "dfb-release: release $release_id accepted ($status_code); following it"

normalize() { tr '[:upper:]' '[:lower:]' | tr -d ' _-'; }
deadline=$(( $(date +%s) + timeout_minutes * 60 ))
last_seen=""
poll_errors=0
while :; do
  status_code="$(call GET "$DFB_API_BASE_URL/releases/$release_id")"
  case "$status_code" in
    200) poll_errors=0 ;;
    000|429|5??)
      # A transient failure while following a long release: the release itself goes on; try again a few times.
      poll_errors=$((poll_errors + 1))
      echo "dfb-release: GET /releases/$release_id answered $status_code ($poll_errors/$max_poll_errors)" >&2
      if (( poll_errors >= max_poll_errors )); then
        cat "$tmp/body" >&2; echo >&2; die "giving up after $poll_errors failed polls; release $release_id keeps running in DevOpsFeedback"
      fi
      sleep "$poll_seconds"; continue ;;
    *)
      echo "dfb-release: GET /releases/$release_id answered $status_code:" >&2; cat "$tmp/body" >&2; echo >&2; exit 2 ;;
  esac
  # One jq call for all fields, joined by the unit separator (a non-blank IFS keeps empty fields in place).
  IFS=$'\x1f' read -r status step outcome reason < <(jq -r '[.status, .step, .outcome, .reason] | map(. // "" | tostring | gsub("[\u001f\n]"; " ")) | join("\u001f")' "$tmp/body") \
    || die "GET /releases/$release_id returned a body that is not a release"
  if [[ "$status/$step" != "$last_seen" ]]; then
    echo "dfb-release: status=$status step=$step"
    last_seen="$status/$step"
  fi
  verdict="$(printf '%s' "${outcome:-$status}" | normalize)"
  case "$verdict" in
    succeeded|success)
      echo "dfb-release: release $release_id succeeded"; exit 0 ;;
    rolledback|blocked|rejected|failed|cancelled|canceled|aborted|backedout)
      echo "dfb-release: release $release_id ended as ${outcome:-$status}: ${reason:-no reason given}" >&2
      jq -r '.verdicts // [] | .[] | "  verdict: \(.)"' "$tmp/body" >&2 || true
      exit 1 ;;
  esac
  if (( $(date +%s) >= deadline )); then
    die "release $release_id still '$status' after $timeout_minutes minutes; it keeps running in DevOpsFeedback"
  fi
  sleep "$poll_seconds"
done
