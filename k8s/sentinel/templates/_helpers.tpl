{{/* The four services: values key -> Kubernetes/service name (also the dist/apps/<name> folder). */}}
{{- define "sentinel.serviceNames" -}}
{{- toYaml (dict "ingest" "ingest" "crmSync" "crm-sync" "identityBridge" "identity-bridge" "risk" "risk") -}}
{{- end -}}

{{/* The tenant id, validated (fails the render with a clear message when missing or malformed). */}}
{{- define "sentinel.tenantId" -}}
{{- $tenant := required "tenantId is required: the tenant this release serves, e.g. --set tenantId=acme" .Values.tenantId -}}
{{- if not (regexMatch "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$" (toString $tenant)) -}}
{{- fail (printf "tenantId %q must be 1-63 lowercase letters, digits or dashes (no dots)" $tenant) -}}
{{- end -}}
{{- $tenant -}}
{{- end -}}

{{/* Base name of the release's objects. */}}
{{- define "sentinel.fullname" -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{/* Name of one service's objects; call with (dict "root" $ "name" "crm-sync"). */}}
{{- define "sentinel.componentName" -}}
{{- printf "%s-%s" (include "sentinel.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "sentinel.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels on every object. */}}
{{- define "sentinel.labels" -}}
helm.sh/chart: {{ include "sentinel.chart" . }}
app.kubernetes.io/name: sentinel
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: sentinel
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
sentinel.io/tenant: {{ include "sentinel.tenantId" . }}
{{- end -}}

{{/* Selector labels of one component; call with (dict "root" $ "name" "ingest"). */}}
{{- define "sentinel.selectorLabels" -}}
app.kubernetes.io/name: sentinel
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "sentinel.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- include "sentinel.fullname" . -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* image reference; call with (dict "root" $ "image" .image). */}}
{{- define "sentinel.image" -}}
{{- $tag := default .root.Chart.AppVersion .image.tag -}}
{{- printf "%s:%s" (required "every service needs image.repository" .image.repository) $tag -}}
{{- end -}}

{{/* The operator-provided Secret of the services. */}}
{{- define "sentinel.secretName" -}}
{{- required "secrets.existingSecret is required: the name of an existing Secret with DATABASE_URL, REDIS_URL, RABBITMQ_URL, SYSTEM_API_TOKEN, INTEGRATION_ENCRYPTION_KEY (and the provider secrets); the chart never creates secrets" .Values.secrets.existingSecret -}}
{{- end -}}

{{- define "sentinel.migrationsSecretName" -}}
{{- default (include "sentinel.secretName" .) .Values.secrets.migrationsExistingSecret -}}
{{- end -}}

{{/* One env entry read from a Secret; call with (dict "env" NAME "secret" S "key" K "optional" bool). */}}
{{- define "sentinel.secretEnv" -}}
- name: {{ .env }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
      {{- if .optional }}
      optional: true
      {{- end }}
{{- end -}}

{{/* Pod security context shared by every pod. */}}
{{- define "sentinel.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
fsGroup: {{ .Values.securityContext.fsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Container security context shared by every container. */}}
{{- define "sentinel.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Pod-level scheduling and pull secrets. */}}
{{- define "sentinel.podScheduling" -}}
{{- with .Values.image.pullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Effective minimum replica count of a service (for the PDB decision); call with (dict "root" $ "svc" $svc). */}}
{{- define "sentinel.minReplicas" -}}
{{- $svc := .svc -}}
{{- $min := int $svc.replicas -}}
{{- if and $svc.autoscaling $svc.autoscaling.enabled -}}
{{- $min = int $svc.autoscaling.minReplicas -}}
{{- end -}}
{{- if and (eq .key "ingest") (include "sentinel.kedaActive" .root) -}}
{{- $min = int $svc.keda.minReplicas -}}
{{- end -}}
{{- $min -}}
{{- end -}}

{{/* "true" when the ingest ScaledObject is rendered (KEDA present and enabled). */}}
{{- define "sentinel.kedaActive" -}}
{{- if and .Values.services.ingest.enabled .Values.services.ingest.keda.enabled (.Capabilities.APIVersions.Has "keda.sh/v1alpha1") -}}
true
{{- end -}}
{{- end -}}

{{/* The tenant's inbound ingest queue. */}}
{{- define "sentinel.ingestQueue" -}}
{{- printf "sentinel.%s.ingest.inbound" (include "sentinel.tenantId" .) -}}
{{- end -}}

{{/* Variables the chart sets itself (from values or the Secret): extraEnv may not repeat them. */}}
{{- define "sentinel.chartEnvNames" -}}
TENANT_ID PORT LOG_LEVEL EVENTS_EXCHANGE IDENTITY_EXCHANGE RABBITMQ_PREFETCH DATABASE_POOL_SIZE SHUTDOWN_GRACE_MS TRUST_PROXY_HOPS REDIS_KEY_PREFIX IDENTITY_URL IDENTITY_ISSUER IDENTITY_AUDIENCE IDENTITY_JWKS_URL IDENTITY_ALGORITHMS IDENTITY_TIMEOUT_MS LEGACY_TOKEN_CUTOFF DATABASE_URL DATABASE_DIRECT_URL REDIS_URL RABBITMQ_URL SYSTEM_API_TOKEN INTEGRATION_ENCRYPTION_KEY SLACK_SIGNING_SECRET SLACK_SIGNING_SECRET_PREVIOUS GOOGLE_CLIENT_SECRET SLACK_CLIENT_SECRET HUBSPOT_CLIENT_SECRET SALESFORCE_CLIENT_SECRET OAUTH_STATE_SECRET
{{- end -}}
