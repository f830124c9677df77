#!/usr/bin/env sh
# azd preprovision hook: refuse to provision when the azd environment name is not one the template knows,
# or when it differs from the environment its parameter file declares (the cross-environment guard's first line),
# then makes that file the infra/main.bicepparam that azd reads by convention.
set -eu
env_name="${AZURE_ENV_NAME:-}"
case "$env_name" in
  dev|test|prod) ;;
  *) echo "AZURE_ENV_NAME must be dev, test or prod (got '${env_name}')." >&2; exit 1 ;;
esac
param_file="$(dirname "$0")/main.${env_name}.bicepparam"
if [ ! -f "$param_file" ]; then
  echo "No parameter file $param_file for environment '$env_name'." >&2
  exit 1
fi
if ! grep -Eq "^param environmentName = '${env_name}'\$" "$param_file"; then
  echo "$param_file does not declare environmentName = '${env_name}'." >&2
  exit 1
fi
if [ -z "${AZURE_SUBSCRIPTION_ID:-}" ]; then
  echo "AZURE_SUBSCRIPTION_ID is not set (the parameter file reads Key Vault secrets through it)." >&2
  exit 1
fi
cp "$param_file" "$(dirname "$0")/main.bicepparam"
echo "Environment '$env_name' checked; infra/main.bicepparam is now $param_file."

